#include "merge.h"

#include <QHash>
#include <utility>

namespace seneschal::engine {

namespace {

// Appends to a list of the outcome, reserving room for the rest of the
// dispatch on the first append: one allocation per list at most, none for a
// list that stays empty. PropertyConflict is large and not relocatable, so
// growing its list step by step would copy every element each time.
template<typename List, typename T> void appendReserving(List &list, T &&item, qsizetype expected)
{
    if (list.capacity() == 0)
        list.reserve(expected);
    list.append(std::forward<T>(item));
}

void mergeProperty(ObjectState &state, const QString &name, const QJsonValue &value,
                   const Stamp &stamp, MergeOutcome &outcome, qsizetype expected)
{
    // One hash lookup whether the property is new or not: operator[] inserts
    // a default Property when absent, which the size change reveals.
    const qsizetype sizeBefore = state.props.size();
    Property &stored = state.props[name];
    if (state.props.size() != sizeBefore) {
        stored.value = value;
        stored.stamp = stamp;
        appendReserving(outcome.changed, name, expected);
        return;
    }
    const auto order = stamp <=> stored.stamp;
    if (order == 0)
        return; // the same write again: a duplicate changes nothing
    const bool wins = order > 0;
    if (stored.stamp.cuid != stamp.cuid) {
        appendReserving(outcome.conflicts,
                        wins ? PropertyConflict{name, Property{value, stamp}, stored}
                             : PropertyConflict{name, stored, Property{value, stamp}},
                        expected);
    }
    if (wins) {
        stored.value = value;
        stored.stamp = stamp;
        appendReserving(outcome.changed, name, expected);
    } else {
        appendReserving(outcome.lost, name, expected);
    }
}

// Fixes kind, parent, owner and access of an object that does not exist yet
// (PROTOCOL.md 9.6); an existing object keeps its own.
void createIfNew(ObjectState &state, const QString &oid, const QString &kind, const QString &parent,
                 const QString &owner, Access access, MergeOutcome &outcome)
{
    if (state.created)
        return;
    state.created = true;
    state.oid = oid;
    state.kind = kind;
    state.parent = parent;
    state.owner = owner;
    state.access = access;
    outcome.created = true;
}

} // namespace

MergeOutcome merge(ObjectState &state, const Dispatch &dispatch)
{
    MergeOutcome outcome;
    createIfNew(state, dispatch.oid, dispatch.kind, dispatch.parent, dispatch.author,
                dispatch.access.value_or(Access::Public), outcome);
    const Stamp stamp{dispatch.ts, dispatch.cuid, dispatch.id};
    if (dispatch.op == DispatchOp::Delete) {
        mergeProperty(state, kDeletedProperty, QJsonValue(true), stamp, outcome, 1);
        return outcome;
    }
    const qsizetype count = dispatch.props.size();
    for (auto it = dispatch.props.constBegin(); it != dispatch.props.constEnd(); ++it)
        mergeProperty(state, it.key(), it.value(), stamp, outcome, count);
    return outcome;
}

MergeOutcome mergeStaged(ObjectState &state, const ObjectState &staged)
{
    MergeOutcome outcome;
    createIfNew(state, staged.oid, staged.kind, staged.parent, staged.owner, staged.access,
                outcome);
    const qsizetype count = staged.props.size();
    for (auto it = staged.props.constBegin(); it != staged.props.constEnd(); ++it)
        mergeProperty(state, it.key(), it->value, it->stamp, outcome, count);
    return outcome;
}

ClampedTs clampTimestamp(qint64 ts, qint64 now, qint64 maxFutureSkewMs) noexcept
{
    if (ts > now && ts - now > maxFutureSkewMs)
        return {now, true};
    return {ts, false};
}

QList<ObjectState> reduce(const QList<Dispatch> &dispatches)
{
    QList<ObjectState> states;
    QHash<QString, qsizetype> index;
    for (const Dispatch &dispatch : dispatches) {
        auto it = index.constFind(dispatch.oid);
        if (it == index.constEnd()) {
            it = index.insert(dispatch.oid, states.size());
            states.append(ObjectState{});
        }
        merge(states[*it], dispatch);
    }
    return states;
}

ObjectState project(const ObjectState &state, const QStringList &properties)
{
    ObjectState part = state;
    part.props.clear();
    for (const QString &name : properties) {
        if (auto it = state.props.constFind(name); it != state.props.constEnd())
            part.props.insert(name, *it);
    }
    if (const Property *deleted = state.deletedProperty())
        part.props.insert(kDeletedProperty, *deleted);
    return part;
}

} // namespace seneschal::engine
