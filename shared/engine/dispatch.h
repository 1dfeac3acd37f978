#pragma once

#include "access.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace seneschal::engine {

// The reserved property that carries an object's deletion (PROTOCOL.md 4).
inline const QString kDeletedProperty = QStringLiteral("_deleted");

enum class DispatchOp { Put, Delete };

// One update of one object as the engine sees it: who wrote it (cuid, author)
// under which client-chosen id, when (ts, already clamped), and what.
struct Dispatch
{
    QString id;
    QString cuid;
    QString author; // uuid of the user the cuid belongs to; becomes the owner on creation
    QString oid;
    qint64 ts = 0;
    DispatchOp op = DispatchOp::Put;
    QJsonObject props; // top-level members replace whole properties

    // Read only when the dispatch creates the object.
    QString kind;
    QString parent;
    std::optional<Access> access;
};

} // namespace seneschal::engine
