#pragma once

#include "dispatch.h"
#include "objectstate.h"

#include <QList>
#include <QStringList>

namespace seneschal::engine {

// A property on which two cuids disagreed; kept in the reconciliation history.
struct PropertyConflict
{
    QString property;
    Property winner;
    Property loser;
};

// What one merge did to one object.
struct MergeOutcome
{
    bool created = false;              // the dispatch created the object
    QStringList changed;               // properties the dispatch won, in dispatch order
    QStringList lost;                  // properties whose stored stamp was greater
    QList<PropertyConflict> conflicts; // changed or lost against another cuid's write

    bool changedAnything() const noexcept { return created || !changed.isEmpty(); }
};

// Merges one dispatch into an object's master copy, property by property:
// an incoming property wins iff its (ts, cuid, id) is greater than the stored
// stamp (PROTOCOL.md section 6). A delete is `_deleted: true` at the
// dispatch's stamp. Pure: the result depends only on the arguments.
MergeOutcome merge(ObjectState &state, const Dispatch &dispatch);

// Merges `staged` (one device's dispatches to one oid, reduced with merge()
// onto an empty state) into the master copy, property by property, as if
// each of those dispatches had been merged. The master copy ends the same
// (the rule does not depend on arrival order); the outcome tells what the
// device's writes changed, lost and won against other cuids, judged against
// the master copy as it stands now. Creation fields come from `staged` when
// the master copy does not exist yet.
MergeOutcome mergeStaged(ObjectState &state, const ObjectState &staged);

// The future-skew clamp: a ts more than `maxFutureSkewMs` ahead of `now` is
// replaced by `now`.
struct ClampedTs
{
    qint64 ts = 0;
    bool clamped = false;
};
ClampedTs clampTimestamp(qint64 ts, qint64 now, qint64 maxFutureSkewMs) noexcept;

// Reduces many dispatches to one resulting state per oid, in the order each
// oid first appears. Applying the reduced states yields the same master
// copy as applying every dispatch.
QList<ObjectState> reduce(const QList<Dispatch> &dispatches);

// The part of `state` made of the named properties (plus `_deleted` when the
// object was ever deleted or restored), for live broadcasts.
ObjectState project(const ObjectState &state, const QStringList &properties);

} // namespace seneschal::engine
