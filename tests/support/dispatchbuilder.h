#pragma once

#include "engine/dispatch.h"
#include "engine/objectstate.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

namespace seneschal::test {

// Builds engine::Dispatch values readably:
//   DispatchBuilder(u"ob1"_s).cuid(u"A"_s).ts(t).prop(u"qty"_s, u"2"_s).build()
// Unset members get test defaults; an unset id is derived from cuid and ts,
// so two dispatches of one cuid at one ts need explicit ids.
class DispatchBuilder
{
public:
    explicit DispatchBuilder(const QString &oid);

    DispatchBuilder &id(const QString &id);
    DispatchBuilder &cuid(const QString &cuid);
    DispatchBuilder &author(const QString &author);
    DispatchBuilder &ts(qint64 ts);
    DispatchBuilder &prop(const QString &name, const QJsonValue &value);
    DispatchBuilder &props(const QJsonObject &props);
    // op "delete": `_deleted` true at this dispatch's stamp.
    DispatchBuilder &remove();
    // A put of `{"_deleted": false}`, the only way to restore.
    DispatchBuilder &restore();
    DispatchBuilder &kind(const QString &kind);
    DispatchBuilder &parent(const QString &parent);
    DispatchBuilder &access(engine::Access access);

    engine::Dispatch build() const;

    // What a server dispatch of `state` carries (each property with its
    // winning stamp), as one put per distinct stamp, so that a replica can
    // merge it with the engine as clients do. `_deleted` travels as a plain
    // property. Ordered by stamp, so the result is deterministic.
    static QList<engine::Dispatch> fromStamps(const engine::ObjectState &state);
    operator engine::Dispatch() const { return build(); }

private:
    engine::Dispatch m_dispatch;
};

} // namespace seneschal::test
