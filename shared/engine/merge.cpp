#include "merge.h"

#include <QHash>

namespace seneschal::engine {

namespace {

void mergeProperty(ObjectState &state, const QString &name, const QJsonValue &value,
                   const Stamp &stamp, MergeOutcome &outcome)
{
    auto it = state.props.find(name);
    if (it == state.props.end()) {
        state.props.insert(name, Property{value, stamp});
        outcome.changed.append(name);
        return;
    }
    const auto order = stamp <=> it->stamp;
    if (order == 0)
        return; // the same write again: a duplicate changes nothing
    const bool wins = order > 0;
    if (it->stamp.cuid != stamp.cuid) {
        const Property incoming{value, stamp};
        outcome.conflicts.append(wins ? PropertyConflict{name, incoming, *it}
                                      : PropertyConflict{name, *it, incoming});
    }
    if (wins) {
        it->value = value;
        it->stamp = stamp;
        outcome.changed.append(name);
    } else {
        outcome.lost.append(name);
    }
}

} // namespace

MergeOutcome merge(ObjectState &state, const Dispatch &dispatch)
{
    MergeOutcome outcome;
    if (!state.created) {
        state.created = true;
        state.oid = dispatch.oid;
        state.kind = dispatch.kind;
        state.parent = dispatch.parent;
        state.owner = dispatch.author;
        state.access = dispatch.access.value_or(Access::Public);
        outcome.created = true;
    }
    const Stamp stamp{dispatch.ts, dispatch.cuid, dispatch.id};
    if (dispatch.op == DispatchOp::Delete) {
        mergeProperty(state, kDeletedProperty, QJsonValue(true), stamp, outcome);
        return outcome;
    }
    for (auto it = dispatch.props.constBegin(); it != dispatch.props.constEnd(); ++it)
        mergeProperty(state, it.key(), it.value(), stamp, outcome);
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
