#pragma once

#include "engine/dispatch.h"
#include "engine/objectstate.h"

#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>

namespace seneschal::sync {

// What one device uploaded and was acknowledged for, not merged into the
// master copies yet (PROTOCOL.md 9.2 allows until uploadEnd): its dispatches
// reduced per oid with the engine's merge, in the order each oid first came.
// Merging them once at the end writes each object once, not once per pass.
class UploadStage
{
public:
    bool isEmpty() const noexcept { return m_order.isEmpty(); }
    qsizetype objectCount() const noexcept { return m_order.size(); }
    const QStringList &oids() const noexcept { return m_order; }

    // The device's writes to `oid` so far; nullptr when there are none.
    const engine::ObjectState *find(const QString &oid) const;
    // Whether the first staged write of `oid` found no master copy, so that
    // the upload creates it.
    bool creates(const QString &oid) const { return m_creating.contains(oid); }

    // `dispatch` carries its creation fields when no master copy existed.
    void add(const engine::Dispatch &dispatch, bool creating);
    void clear();

private:
    QHash<QString, engine::ObjectState> m_states;
    QStringList m_order;
    QSet<QString> m_creating;
};

} // namespace seneschal::sync
