#include "dispatchbuilder.h"

#include <QMap>

namespace seneschal::test {

DispatchBuilder::DispatchBuilder(const QString &oid)
{
    m_dispatch.oid = oid;
    m_dispatch.cuid = QStringLiteral("cuid-test");
    m_dispatch.author = QStringLiteral("user-test");
    m_dispatch.ts = 1;
}

DispatchBuilder &DispatchBuilder::id(const QString &id)
{
    m_dispatch.id = id;
    return *this;
}

DispatchBuilder &DispatchBuilder::cuid(const QString &cuid)
{
    m_dispatch.cuid = cuid;
    return *this;
}

DispatchBuilder &DispatchBuilder::author(const QString &author)
{
    m_dispatch.author = author;
    return *this;
}

DispatchBuilder &DispatchBuilder::ts(qint64 ts)
{
    m_dispatch.ts = ts;
    return *this;
}

DispatchBuilder &DispatchBuilder::prop(const QString &name, const QJsonValue &value)
{
    m_dispatch.props.insert(name, value);
    return *this;
}

DispatchBuilder &DispatchBuilder::props(const QJsonObject &props)
{
    for (auto it = props.constBegin(); it != props.constEnd(); ++it)
        m_dispatch.props.insert(it.key(), it.value());
    return *this;
}

DispatchBuilder &DispatchBuilder::remove()
{
    m_dispatch.op = engine::DispatchOp::Delete;
    return *this;
}

DispatchBuilder &DispatchBuilder::restore()
{
    return prop(engine::kDeletedProperty, false);
}

DispatchBuilder &DispatchBuilder::kind(const QString &kind)
{
    m_dispatch.kind = kind;
    return *this;
}

DispatchBuilder &DispatchBuilder::parent(const QString &parent)
{
    m_dispatch.parent = parent;
    return *this;
}

DispatchBuilder &DispatchBuilder::access(engine::Access access)
{
    m_dispatch.access = access;
    return *this;
}

engine::Dispatch DispatchBuilder::build() const
{
    engine::Dispatch dispatch = m_dispatch;
    if (dispatch.id.isEmpty())
        dispatch.id = QStringLiteral("d-%1-%2").arg(dispatch.cuid).arg(dispatch.ts);
    return dispatch;
}

QList<engine::Dispatch> DispatchBuilder::fromStamps(const engine::ObjectState &state)
{
    QMap<engine::Stamp, QJsonObject> byStamp;
    for (auto it = state.props.constBegin(); it != state.props.constEnd(); ++it)
        byStamp[it->stamp].insert(it.key(), it->value);
    QList<engine::Dispatch> dispatches;
    for (auto it = byStamp.constBegin(); it != byStamp.constEnd(); ++it) {
        engine::Dispatch dispatch;
        dispatch.id = it.key().id;
        dispatch.cuid = it.key().cuid;
        dispatch.author = state.owner;
        dispatch.oid = state.oid;
        dispatch.ts = it.key().ts;
        dispatch.props = it.value();
        dispatch.kind = state.kind;
        dispatch.parent = state.parent;
        dispatch.access = state.access;
        dispatches.append(dispatch);
    }
    return dispatches;
}

} // namespace seneschal::test
