#include "replica.h"

#include "engine/dispatch.h"
#include "engine/stamp.h"

#include <QJsonArray>
#include <QJsonValue>

using namespace Qt::StringLiterals;

namespace seneschal::client {

namespace {

// Writes one property into `object` when `stamp` beats the stored one:
// strictly greater, or greater-or-equal when `winsTies` (the server is
// authoritative for its own stamps).
bool mergeProperty(ReplicaObject &object, const QString &name, const QJsonValue &value,
                   const ReplicaStamp &stamp, bool winsTies)
{
    const auto it = object.stamps.constFind(name);
    if (it != object.stamps.constEnd()) {
        const int order = Replica::compareStamps(stamp, *it);
        if (order < 0 || (order == 0 && !winsTies))
            return false;
    }
    object.stamps.insert(name, stamp);
    if (name == engine::kDeletedProperty)
        object.deleted = value.toBool();
    else
        object.props.insert(name, value);
    return true;
}

void mergeLocal(ReplicaObject &object, const protocol::ClientDispatch &dispatch,
                const ReplicaStamp &stamp)
{
    if (dispatch.op == engine::DispatchOp::Delete) {
        mergeProperty(object, engine::kDeletedProperty, QJsonValue(true), stamp, false);
        return;
    }
    for (auto it = dispatch.props.constBegin(); it != dispatch.props.constEnd(); ++it)
        mergeProperty(object, it.key(), it.value(), stamp, false);
}

std::optional<ReplicaStamp> stampFrom(const QJsonValue &value)
{
    const QJsonArray array = value.toArray();
    if (array.size() < 2 || !array.at(0).isDouble() || !array.at(1).isString())
        return std::nullopt;
    return ReplicaStamp{array.at(0).toInteger(), array.at(1).toString()};
}

} // namespace

int Replica::compareStamps(const ReplicaStamp &a, const ReplicaStamp &b) noexcept
{
    if (a.first != b.first)
        return a.first < b.first ? -1 : 1;
    const auto order = engine::compareBytewise(a.second, b.second);
    return order < 0 ? -1 : (order > 0 ? 1 : 0);
}

AppliedDispatch Replica::applyServerDispatch(const QJsonObject &message)
{
    AppliedDispatch applied;
    applied.oid = message.value(u"oid"_s).toString();
    applied.seq = message.value(u"seq"_s).toInteger();
    if (applied.oid.isEmpty())
        return applied;
    applied.ok = true;

    ReplicaObject &object = m_confirmed[applied.oid];
    if (const QJsonValue kind = message.value(u"kind"_s); kind.isString())
        object.kind = kind.toString();
    if (message.contains(u"parent"_s))
        object.parent = message.value(u"parent"_s).toString(); // null: no parent
    object.seq = qMax(object.seq, applied.seq);

    const QJsonObject stamps = message.value(u"stamps"_s).toObject();
    const QJsonObject props = message.value(u"props"_s).toObject();
    for (auto it = props.constBegin(); it != props.constEnd(); ++it) {
        // A property without a stamp cannot beat anything this device holds.
        const ReplicaStamp stamp = stampFrom(stamps.value(it.key())).value_or(ReplicaStamp{});
        applied.largestTs = qMax(applied.largestTs, stamp.first);
        mergeProperty(object, it.key(), it.value(), stamp, true);
    }
    const bool deleted = message.value(u"deleted"_s).toBool();
    if (const auto stamp = stampFrom(stamps.value(engine::kDeletedProperty))) {
        applied.largestTs = qMax(applied.largestTs, stamp->first);
        mergeProperty(object, engine::kDeletedProperty, QJsonValue(deleted), *stamp, true);
    } else if (!object.stamps.contains(engine::kDeletedProperty)) {
        object.deleted = deleted;
    }
    rebuild(applied.oid);
    return applied;
}

void Replica::revoke(const QString &oid)
{
    m_confirmed.remove(oid);
    rebuild(oid);
}

void Replica::reset()
{
    m_confirmed.clear();
    m_view.clear();
    for (auto it = m_pending.constBegin(); it != m_pending.constEnd(); ++it)
        rebuild(it.key());
}

void Replica::applyLocal(const protocol::ClientDispatch &dispatch, const QString &cuid)
{
    if (dispatch.oid.isEmpty())
        return;
    m_pending[dispatch.oid].append(Pending{dispatch.id, ReplicaStamp{dispatch.ts, cuid}, dispatch});
    m_pendingOid.insert(dispatch.id, dispatch.oid);
    rebuild(dispatch.oid);
}

void Replica::confirmLocal(const QString &id, std::optional<qint64> clampedTs)
{
    const QString oid = takePendingOid(id);
    if (oid.isEmpty())
        return;
    QList<Pending> &list = m_pending[oid];
    for (qsizetype i = 0; i < list.size(); ++i) {
        if (list.at(i).id != id)
            continue;
        Pending pending = list.takeAt(i);
        if (clampedTs)
            pending.stamp.first = qMin(pending.stamp.first, *clampedTs);
        auto it = m_confirmed.find(oid);
        if (it == m_confirmed.end()) {
            it = m_confirmed.insert(oid, ReplicaObject{});
            it->kind = pending.dispatch.kind;
            it->parent = pending.dispatch.parent;
        }
        mergeLocal(*it, pending.dispatch, pending.stamp);
        break;
    }
    if (list.isEmpty())
        m_pending.remove(oid);
    rebuild(oid);
}

void Replica::dropLocal(const QString &id)
{
    const QString oid = takePendingOid(id);
    if (oid.isEmpty())
        return;
    QList<Pending> &list = m_pending[oid];
    for (qsizetype i = 0; i < list.size(); ++i) {
        if (list.at(i).id == id) {
            list.removeAt(i);
            break;
        }
    }
    if (list.isEmpty())
        m_pending.remove(oid);
    rebuild(oid);
}

QString Replica::takePendingOid(const QString &id)
{
    // Only one of several writes that reused an id is answered at a time.
    const auto it = m_pendingOid.find(id);
    if (it == m_pendingOid.end())
        return {};
    const QString oid = it.value();
    m_pendingOid.erase(it);
    return oid;
}

void Replica::clear()
{
    m_confirmed.clear();
    m_pending.clear();
    m_pendingOid.clear();
    m_view.clear();
}

QHash<QString, ReplicaObject> Replica::visibleObjects() const
{
    QHash<QString, ReplicaObject> visible;
    for (auto it = m_view.constBegin(); it != m_view.constEnd(); ++it) {
        if (!it->deleted)
            visible.insert(it.key(), *it);
    }
    return visible;
}

std::optional<ReplicaObject> Replica::object(const QString &oid) const
{
    const auto it = m_view.constFind(oid);
    if (it == m_view.constEnd())
        return std::nullopt;
    return *it;
}

void Replica::rebuild(const QString &oid)
{
    const auto confirmed = m_confirmed.constFind(oid);
    const auto pending = m_pending.constFind(oid);
    const bool hasConfirmed = confirmed != m_confirmed.constEnd();
    if (!hasConfirmed && pending == m_pending.constEnd()) {
        m_view.remove(oid);
        return;
    }
    ReplicaObject object = hasConfirmed ? *confirmed : ReplicaObject{};
    if (pending != m_pending.constEnd()) {
        if (!hasConfirmed) {
            // As on the server: kind and parent come from the dispatch that creates.
            object.kind = pending->constFirst().dispatch.kind;
            object.parent = pending->constFirst().dispatch.parent;
        }
        for (const Pending &p : *pending)
            mergeLocal(object, p.dispatch, p.stamp);
    }
    m_view.insert(oid, object);
}

} // namespace seneschal::client
