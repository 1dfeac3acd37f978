#pragma once

#include "engine/dispatch.h"
#include "engine/objectstate.h"

#include <QHash>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <utility>

namespace seneschal::test {

// The master copy PROTOCOL.md section 6 implies, computed by brute force and
// without the engine's code: each property's winner is the write with the
// greatest (ts, UTF-8 bytes of cuid, UTF-8 bytes of id) among all dispatches
// that touch it. Tests compare the engine against it, so a wrong tie rule or
// a merge that is not per property fails even when it is order independent.
class MergeOracle
{
public:
    using Props = QHash<QString, engine::Property>;

    // (ts, cuid, id) order, comparing cuid and id as UTF-8 byte strings.
    static bool stampLess(const engine::Stamp &a, const engine::Stamp &b);
    // The (property, value) pairs a dispatch writes: `_deleted: true` for a
    // delete, its props for a put.
    static QList<std::pair<QString, QJsonValue>> writesOf(const engine::Dispatch &dispatch);
    // The expected properties of every oid named in `dispatches`.
    static QHash<QString, Props> expectedProps(const QList<engine::Dispatch> &dispatches);
};

} // namespace seneschal::test
