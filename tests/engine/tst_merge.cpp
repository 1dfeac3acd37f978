// The merge rule of PROTOCOL.md section 6 and section 9, one behaviour per
// test: per-property winners, tie breaks, duplicates, delete and restore,
// what a merge reports, the skew clamp, reduce and project.

#include "dispatchbuilder.h"
#include "engine/merge.h"
#include "engineprinters.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using seneschal::engine::Access;
using seneschal::engine::clampTimestamp;
using seneschal::engine::Dispatch;
using seneschal::engine::kDeletedProperty;
using seneschal::engine::merge;
using seneschal::engine::MergeOutcome;
using seneschal::engine::ObjectState;
using seneschal::engine::Property;
using seneschal::engine::PropertyConflict;
using seneschal::engine::Stamp;
using seneschal::test::DispatchBuilder;

namespace {

QString ucs4(char32_t codePoint)
{
    return QString::fromUcs4(&codePoint, 1);
}

Stamp stampOf(const Dispatch &d)
{
    return Stamp{d.ts, d.cuid, d.id};
}

ObjectState mergedAll(const QList<Dispatch> &dispatches)
{
    ObjectState state;
    for (const Dispatch &d : dispatches)
        merge(state, d);
    return state;
}

const PropertyConflict *conflictOn(const MergeOutcome &outcome, const QString &property)
{
    for (const PropertyConflict &c : outcome.conflicts) {
        if (c.property == property)
            return &c;
    }
    return nullptr;
}

} // namespace

// Tests the engine's merge, clamp, reduce and project by example.
class TestMerge : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void first_dispatch_creates_object_with_all_its_properties();
    void creation_fixes_kind_parent_access_and_owner();
    void access_defaults_to_public_when_creating_dispatch_names_none();
    void later_timestamp_wins_per_property();
    void earlier_timestamp_loses_even_when_arriving_last();
    void equal_ts_breaks_tie_by_cuid_bytewise_data();
    void equal_ts_breaks_tie_by_cuid_bytewise();
    void equal_ts_and_cuid_breaks_tie_by_id_data();
    void equal_ts_and_cuid_breaks_tie_by_id();
    void values_replace_whole_property_without_deep_merge();
    void duplicate_dispatch_changes_nothing();
    void delete_is_deleted_property_at_dispatch_stamp();
    void delete_of_unknown_object_creates_it_deleted();
    void put_to_deleted_object_merges_props_but_stays_deleted();
    void restore_needs_deleted_false_to_win();
    void delete_older_than_restore_loses();
    void conflicts_recorded_against_other_cuid_only();
    void lost_properties_reported();
    void new_property_changes_without_conflict();
    void clamp_future_ts_data();
    void clamp_future_ts();
    void clamp_keeps_ts_within_skew_data();
    void clamp_keeps_ts_within_skew();
    void reduce_gives_one_state_per_oid_equal_to_sequential_merge();
    void reduce_of_nothing_is_empty();
    void project_keeps_only_named_properties();
    void project_keeps_deleted_stamp();
    void project_keeps_restored_stamp();
    void project_omits_deleted_when_never_deleted_or_restored();
};

void TestMerge::first_dispatch_creates_object_with_all_its_properties()
{
    const Dispatch d =
        DispatchBuilder(u"ob1"_s).cuid(u"A"_s).ts(100).prop(u"a"_s, 1).prop(u"b"_s, u"x"_s);
    ObjectState state;
    QVERIFY(!state.exists());
    const MergeOutcome outcome = merge(state, d);
    QVERIFY(outcome.created);
    QVERIFY(outcome.changedAnything());
    QCOMPARE(outcome.changed, (QStringList{u"a"_s, u"b"_s}));
    QVERIFY(outcome.lost.isEmpty());
    QVERIFY(outcome.conflicts.isEmpty());
    QVERIFY(state.exists());
    QCOMPARE(state.oid, u"ob1"_s);
    QVERIFY(!state.isDeleted());
    QCOMPARE(state.deletedProperty(), nullptr);
    QCOMPARE(state.props.size(), 2);
    QCOMPARE(state.props.value(u"a"_s), (Property{1, stampOf(d)}));
    QCOMPARE(state.props.value(u"b"_s), (Property{u"x"_s, stampOf(d)}));
}

void TestMerge::creation_fixes_kind_parent_access_and_owner()
{
    ObjectState state;
    merge(state, DispatchBuilder(u"img-1"_s)
                     .author(u"alice"_s)
                     .cuid(u"A"_s)
                     .ts(200)
                     .kind(u"image"_s)
                     .parent(u"list-9"_s)
                     .access(Access::Inherit)
                     .prop(u"png"_s, u"iVBOR"_s));
    // A later dispatch, even an older one from another user, changes none of them.
    const MergeOutcome outcome = merge(state, DispatchBuilder(u"img-1"_s)
                                                  .author(u"bob"_s)
                                                  .cuid(u"B"_s)
                                                  .ts(100)
                                                  .kind(u"list"_s)
                                                  .parent(u"other"_s)
                                                  .access(Access::Private)
                                                  .prop(u"title"_s, u"t"_s));
    QVERIFY(!outcome.created);
    QCOMPARE(state.kind, u"image"_s);
    QCOMPARE(state.parent, u"list-9"_s);
    QCOMPARE(state.access, Access::Inherit);
    QCOMPARE(state.owner, u"alice"_s);
    QCOMPARE(outcome.changed, QStringList{u"title"_s});
}

void TestMerge::access_defaults_to_public_when_creating_dispatch_names_none()
{
    ObjectState state;
    merge(state, DispatchBuilder(u"ob1"_s).prop(u"a"_s, 1));
    QCOMPARE(state.access, Access::Public);
}

void TestMerge::later_timestamp_wins_per_property()
{
    const Dispatch d1 =
        DispatchBuilder(u"ob1"_s).cuid(u"A"_s).ts(100).prop(u"a"_s, 1).prop(u"b"_s, 1);
    const Dispatch d2 = DispatchBuilder(u"ob1"_s).cuid(u"A"_s).ts(200).prop(u"a"_s, 2);
    ObjectState state = mergedAll({d1});
    const MergeOutcome outcome = merge(state, d2);
    QCOMPARE(outcome.changed, QStringList{u"a"_s});
    QVERIFY(outcome.lost.isEmpty());
    QCOMPARE(state.props.value(u"a"_s), (Property{2, stampOf(d2)}));
    // b was not in d2: it keeps d1's value and stamp.
    QCOMPARE(state.props.value(u"b"_s), (Property{1, stampOf(d1)}));
}

void TestMerge::earlier_timestamp_loses_even_when_arriving_last()
{
    const Dispatch d1 =
        DispatchBuilder(u"ob1"_s).cuid(u"A"_s).ts(100).prop(u"a"_s, 1).prop(u"b"_s, 1);
    const Dispatch d2 = DispatchBuilder(u"ob1"_s).cuid(u"A"_s).ts(200).prop(u"a"_s, 2);
    // Between the two, from another device, arriving last: wins b, loses a.
    const Dispatch late =
        DispatchBuilder(u"ob1"_s).cuid(u"B"_s).ts(150).prop(u"a"_s, 3).prop(u"b"_s, 3);
    ObjectState state = mergedAll({d1, d2});
    const MergeOutcome outcome = merge(state, late);
    QCOMPARE(outcome.changed, QStringList{u"b"_s});
    QCOMPARE(outcome.lost, QStringList{u"a"_s});
    QCOMPARE(state.props.value(u"a"_s), (Property{2, stampOf(d2)}));
    QCOMPARE(state.props.value(u"b"_s), (Property{3, stampOf(late)}));
}

void TestMerge::equal_ts_breaks_tie_by_cuid_bytewise_data()
{
    QTest::addColumn<QString>("lowerCuid");
    QTest::addColumn<QString>("higherCuid");
    QTest::newRow("A < a") << u"A"_s << u"a"_s;
    QTest::newRow("B < a (not case-insensitive)") << u"B"_s << u"a"_s;
    QTest::newRow("a < aa") << u"a"_s << u"aa"_s;
    QTest::newRow("a- < a.") << u"a-"_s << u"a."_s;
    QTest::newRow("a9 < a:") << u"a9"_s << u"a:"_s;
    QTest::newRow("dev-7f3A < dev-7f3a") << u"dev-7f3A"_s << u"dev-7f3a"_s;
    QTest::newRow("dev-7f3a < dev-7f3a0") << u"dev-7f3a"_s << u"dev-7f3a0"_s;
    QTest::newRow("U+FFFF < U+10000") << ucs4(0xFFFF) << ucs4(0x10000);
}

void TestMerge::equal_ts_breaks_tie_by_cuid_bytewise()
{
    QFETCH(QString, lowerCuid);
    QFETCH(QString, higherCuid);
    // The ids point the other way, so only the cuid can decide.
    const Dispatch low =
        DispatchBuilder(u"ob1"_s).cuid(lowerCuid).id(u"z"_s).ts(500).prop(u"p"_s, u"low"_s);
    const Dispatch high =
        DispatchBuilder(u"ob1"_s).cuid(higherCuid).id(u"a"_s).ts(500).prop(u"p"_s, u"high"_s);
    for (const auto &order : {QList<Dispatch>{low, high}, QList<Dispatch>{high, low}}) {
        const ObjectState state = mergedAll(order);
        QCOMPARE(state.props.value(u"p"_s), (Property{u"high"_s, stampOf(high)}));
    }
}

void TestMerge::equal_ts_and_cuid_breaks_tie_by_id_data()
{
    QTest::addColumn<QString>("lowerId");
    QTest::addColumn<QString>("higherId");
    QTest::newRow("d-1 < d-2") << u"d-1"_s << u"d-2"_s;
    QTest::newRow("d-10 < d-9 (bytes, not numbers)") << u"d-10"_s << u"d-9"_s;
    QTest::newRow("D < d") << u"D"_s << u"d"_s;
    QTest::newRow("d < d0") << u"d"_s << u"d0"_s;
    QTest::newRow("U+FFFF < U+10000") << ucs4(0xFFFF) << ucs4(0x10000);
    QTest::newRow("U+E9 < U+1F600") << ucs4(0xE9) << ucs4(0x1F600);
}

void TestMerge::equal_ts_and_cuid_breaks_tie_by_id()
{
    QFETCH(QString, lowerId);
    QFETCH(QString, higherId);
    const Dispatch low =
        DispatchBuilder(u"ob1"_s).cuid(u"A"_s).id(lowerId).ts(500).prop(u"p"_s, u"low"_s);
    const Dispatch high =
        DispatchBuilder(u"ob1"_s).cuid(u"A"_s).id(higherId).ts(500).prop(u"p"_s, u"high"_s);
    for (const auto &order : {QList<Dispatch>{low, high}, QList<Dispatch>{high, low}}) {
        const ObjectState state = mergedAll(order);
        QCOMPARE(state.props.value(u"p"_s), (Property{u"high"_s, stampOf(high)}));
    }
    ObjectState state = mergedAll({high});
    const MergeOutcome outcome = merge(state, low);
    QCOMPARE(outcome.lost, QStringList{u"p"_s});
    QVERIFY(outcome.conflicts.isEmpty()); // same cuid
}

void TestMerge::values_replace_whole_property_without_deep_merge()
{
    const QJsonObject before{{u"x"_s, 1}, {u"y"_s, 1}};
    const QJsonObject after{{u"x"_s, 2}};
    ObjectState state = mergedAll(
        {DispatchBuilder(u"ob1"_s).ts(100).prop(u"o"_s, before).prop(u"l"_s, QJsonArray{1, 2}),
         DispatchBuilder(u"ob1"_s).ts(200).prop(u"o"_s, after).prop(u"l"_s, QJsonArray{3})});
    QCOMPARE(state.props.value(u"o"_s).value, QJsonValue(after));
    QCOMPARE(state.props.value(u"l"_s).value, QJsonValue(QJsonArray{3}));
}

void TestMerge::duplicate_dispatch_changes_nothing()
{
    const Dispatch d1 =
        DispatchBuilder(u"ob1"_s).cuid(u"A"_s).id(u"d-1"_s).ts(100).prop(u"a"_s, 1).prop(u"b"_s, 1);
    const Dispatch d2 = DispatchBuilder(u"ob1"_s).cuid(u"B"_s).id(u"d-1"_s).ts(200).prop(u"a"_s, 2);

    // Re-sent at once: nothing changes, nothing lost, nothing to record.
    ObjectState state = mergedAll({d1});
    ObjectState before = state;
    MergeOutcome outcome = merge(state, d1);
    QCOMPARE(state, before);
    QVERIFY(!outcome.created);
    QVERIFY(!outcome.changedAnything());
    QVERIFY(outcome.lost.isEmpty());
    QVERIFY(outcome.conflicts.isEmpty());

    // Re-sent after another write: still nothing changes.
    merge(state, d2);
    before = state;
    outcome = merge(state, d1);
    QCOMPARE(state, before);
    QVERIFY(!outcome.changedAnything());
    outcome = merge(state, d2);
    QCOMPARE(state, before);
    QVERIFY(!outcome.changedAnything());
    QVERIFY(outcome.lost.isEmpty());

    // A duplicate delete as well.
    const Dispatch del = DispatchBuilder(u"ob1"_s).cuid(u"A"_s).id(u"d-2"_s).ts(300).remove();
    merge(state, del);
    before = state;
    outcome = merge(state, del);
    QCOMPARE(state, before);
    QVERIFY(!outcome.changedAnything());
}

void TestMerge::delete_is_deleted_property_at_dispatch_stamp()
{
    const Dispatch put =
        DispatchBuilder(u"ob1"_s).cuid(u"A"_s).ts(100).prop(u"a"_s, 1).prop(u"b"_s, 1);
    const Dispatch del = DispatchBuilder(u"ob1"_s).cuid(u"B"_s).id(u"d-del"_s).ts(200).remove();
    ObjectState state = mergedAll({put});
    const MergeOutcome outcome = merge(state, del);
    QVERIFY(state.isDeleted());
    QVERIFY(state.deletedProperty());
    QCOMPARE(*state.deletedProperty(), (Property{true, Stamp{200, u"B"_s, u"d-del"_s}}));
    QCOMPARE(outcome.changed, QStringList{kDeletedProperty});
    QVERIFY(outcome.lost.isEmpty());
    // The other properties stay, so a restore brings them back.
    QCOMPARE(state.props.size(), 3);
    QCOMPARE(state.props.value(u"a"_s), (Property{1, stampOf(put)}));
}

void TestMerge::delete_of_unknown_object_creates_it_deleted()
{
    ObjectState state;
    const MergeOutcome outcome =
        merge(state, DispatchBuilder(u"ob1"_s).author(u"alice"_s).ts(100).remove());
    QVERIFY(outcome.created);
    QVERIFY(state.exists());
    QVERIFY(state.isDeleted());
    QCOMPARE(state.owner, u"alice"_s);
    QCOMPARE(state.props.keys(), QStringList{kDeletedProperty});
}

void TestMerge::put_to_deleted_object_merges_props_but_stays_deleted()
{
    const Dispatch del = DispatchBuilder(u"ob1"_s).cuid(u"A"_s).ts(200).remove();
    const Dispatch later = DispatchBuilder(u"ob1"_s).cuid(u"B"_s).ts(300).prop(u"qty"_s, 5);
    const Dispatch earlier = DispatchBuilder(u"ob1"_s).cuid(u"B"_s).ts(100).prop(u"note"_s, u"n"_s);
    ObjectState state =
        mergedAll({DispatchBuilder(u"ob1"_s).cuid(u"A"_s).ts(50).prop(u"qty"_s, 1), del});
    MergeOutcome outcome = merge(state, later);
    QCOMPARE(outcome.changed, QStringList{u"qty"_s});
    QCOMPARE(state.props.value(u"qty"_s), (Property{5, stampOf(later)}));
    QVERIFY(state.isDeleted());
    QCOMPARE(state.deletedProperty()->stamp, stampOf(del));

    // Older than the delete, and new to the object: merged all the same.
    outcome = merge(state, earlier);
    QCOMPARE(outcome.changed, QStringList{u"note"_s});
    QVERIFY(state.isDeleted());
    QCOMPARE(state.deletedProperty()->stamp, stampOf(del));
}

void TestMerge::restore_needs_deleted_false_to_win()
{
    const Dispatch del = DispatchBuilder(u"ob1"_s).cuid(u"B"_s).id(u"x"_s).ts(200).remove();
    ObjectState state =
        mergedAll({DispatchBuilder(u"ob1"_s).cuid(u"A"_s).ts(100).prop(u"a"_s, 1), del});

    // Older restore: loses.
    MergeOutcome outcome = merge(state, DispatchBuilder(u"ob1"_s).cuid(u"C"_s).ts(150).restore());
    QVERIFY(state.isDeleted());
    QCOMPARE(outcome.lost, QStringList{kDeletedProperty});

    // Equal ts, lower cuid: loses; a put without `_deleted` never restores.
    merge(state, DispatchBuilder(u"ob1"_s).cuid(u"A"_s).ts(200).restore());
    merge(state, DispatchBuilder(u"ob1"_s).cuid(u"C"_s).ts(900).prop(u"a"_s, 2));
    QVERIFY(state.isDeleted());
    QCOMPARE(state.deletedProperty()->stamp, stampOf(del));

    // Equal ts, equal cuid, higher id: wins.
    const Dispatch restore =
        DispatchBuilder(u"ob1"_s).cuid(u"B"_s).id(u"y"_s).ts(200).restore().prop(u"b"_s, 1);
    outcome = merge(state, restore);
    QVERIFY(!state.isDeleted());
    QCOMPARE(outcome.changed, (QStringList{kDeletedProperty, u"b"_s}));
    QCOMPARE(*state.deletedProperty(), (Property{false, stampOf(restore)}));
    QCOMPARE(state.props.value(u"a"_s).value, QJsonValue(2));
}

void TestMerge::delete_older_than_restore_loses()
{
    const Dispatch restore = DispatchBuilder(u"ob1"_s).cuid(u"A"_s).ts(300).restore();
    ObjectState state =
        mergedAll({DispatchBuilder(u"ob1"_s).cuid(u"A"_s).ts(100).remove(), restore});
    QVERIFY(!state.isDeleted());
    const MergeOutcome outcome =
        merge(state, DispatchBuilder(u"ob1"_s).cuid(u"B"_s).ts(250).remove());
    QVERIFY(!state.isDeleted());
    QCOMPARE(outcome.lost, QStringList{kDeletedProperty});
    QCOMPARE(state.deletedProperty()->stamp, stampOf(restore));
}

void TestMerge::conflicts_recorded_against_other_cuid_only()
{
    const Dispatch a1 =
        DispatchBuilder(u"ob1"_s).cuid(u"A"_s).ts(100).prop(u"x"_s, 1).prop(u"y"_s, 1);
    const Dispatch a2 = DispatchBuilder(u"ob1"_s).cuid(u"A"_s).ts(200).prop(u"x"_s, 2);
    ObjectState state = mergedAll({a1});
    MergeOutcome outcome = merge(state, a2);
    QVERIFY(outcome.conflicts.isEmpty()); // A over A: no conflict

    const Dispatch b1 =
        DispatchBuilder(u"ob1"_s).cuid(u"B"_s).ts(150).prop(u"x"_s, 3).prop(u"y"_s, 3).prop(u"z"_s,
                                                                                            3);
    outcome = merge(state, b1);
    QCOMPARE(outcome.conflicts.size(), 2); // z was new: no conflict
    const PropertyConflict *x = conflictOn(outcome, u"x"_s);
    QVERIFY(x);
    QCOMPARE(x->winner, (Property{2, stampOf(a2)}));
    QCOMPARE(x->loser, (Property{3, stampOf(b1)}));
    const PropertyConflict *y = conflictOn(outcome, u"y"_s);
    QVERIFY(y);
    QCOMPARE(y->winner, (Property{3, stampOf(b1)}));
    QCOMPARE(y->loser, (Property{1, stampOf(a1)}));

    // B over B, won or lost: nothing recorded.
    outcome = merge(state, DispatchBuilder(u"ob1"_s).cuid(u"B"_s).ts(160).prop(u"y"_s, 4));
    QCOMPARE(outcome.changed, QStringList{u"y"_s});
    QVERIFY(outcome.conflicts.isEmpty());
    outcome = merge(state, DispatchBuilder(u"ob1"_s).cuid(u"B"_s).ts(155).prop(u"y"_s, 5));
    QCOMPARE(outcome.lost, QStringList{u"y"_s});
    QVERIFY(outcome.conflicts.isEmpty());
}

void TestMerge::lost_properties_reported()
{
    ObjectState state =
        mergedAll({DispatchBuilder(u"ob1"_s).cuid(u"A"_s).ts(300).prop(u"a"_s, 1).prop(u"c"_s, 1)});
    const MergeOutcome outcome = merge(
        state, DispatchBuilder(u"ob1"_s).cuid(u"B"_s).ts(200).prop(u"a"_s, 2).prop(u"b"_s, 2).prop(
                   u"c"_s, 2));
    QCOMPARE(outcome.lost, (QStringList{u"a"_s, u"c"_s}));
    QCOMPARE(outcome.changed, QStringList{u"b"_s});
    QVERIFY(outcome.changedAnything());
    QCOMPARE(state.props.value(u"a"_s).value, QJsonValue(1));
    QCOMPARE(state.props.value(u"c"_s).value, QJsonValue(1));

    // Losing everything is not a change.
    const MergeOutcome none =
        merge(state, DispatchBuilder(u"ob1"_s).cuid(u"B"_s).ts(100).prop(u"a"_s, 3));
    QCOMPARE(none.lost, QStringList{u"a"_s});
    QVERIFY(!none.changedAnything());
}

void TestMerge::new_property_changes_without_conflict()
{
    ObjectState state = mergedAll({DispatchBuilder(u"ob1"_s).cuid(u"A"_s).ts(300).prop(u"a"_s, 1)});
    // Older than everything stored, but the property is new: it is set.
    const MergeOutcome outcome =
        merge(state, DispatchBuilder(u"ob1"_s).cuid(u"B"_s).ts(1).prop(u"b"_s, 2));
    QCOMPARE(outcome.changed, QStringList{u"b"_s});
    QVERIFY(outcome.conflicts.isEmpty());
}

void TestMerge::clamp_future_ts_data()
{
    QTest::addColumn<qint64>("ts");
    QTest::addColumn<qint64>("skew");
    const qint64 now = 1764054000000;
    QTest::newRow("one ms beyond the default skew") << now + 300001 << qint64(300000);
    QTest::newRow("a day ahead") << now + 86400000 << qint64(300000);
    QTest::newRow("the largest ts") << std::numeric_limits<qint64>::max() << qint64(300000);
    QTest::newRow("zero skew, one ms ahead") << now + 1 << qint64(0);
}

void TestMerge::clamp_future_ts()
{
    QFETCH(qint64, ts);
    QFETCH(qint64, skew);
    const qint64 now = 1764054000000;
    const auto clamped = clampTimestamp(ts, now, skew);
    QCOMPARE(clamped.ts, now);
    QVERIFY(clamped.clamped);
}

void TestMerge::clamp_keeps_ts_within_skew_data()
{
    QTest::addColumn<qint64>("ts");
    QTest::addColumn<qint64>("skew");
    const qint64 now = 1764054000000;
    QTest::newRow("exactly the skew ahead") << now + 300000 << qint64(300000);
    QTest::newRow("a little ahead") << now + 1 << qint64(300000);
    QTest::newRow("now") << now << qint64(300000);
    QTest::newRow("in the past") << now - 86400000 << qint64(300000);
    QTest::newRow("the epoch") << qint64(0) << qint64(300000);
    QTest::newRow("zero skew, now") << now << qint64(0);
}

void TestMerge::clamp_keeps_ts_within_skew()
{
    QFETCH(qint64, ts);
    QFETCH(qint64, skew);
    const auto kept = clampTimestamp(ts, 1764054000000, skew);
    QCOMPARE(kept.ts, ts);
    QVERIFY(!kept.clamped);
}

void TestMerge::reduce_gives_one_state_per_oid_equal_to_sequential_merge()
{
    const QList<Dispatch> dispatches = {
        DispatchBuilder(u"ob2"_s).cuid(u"A"_s).ts(100).prop(u"a"_s, 1),
        DispatchBuilder(u"ob1"_s).cuid(u"B"_s).ts(100).prop(u"a"_s, 1).kind(u"list"_s),
        DispatchBuilder(u"ob2"_s).cuid(u"B"_s).ts(90).prop(u"a"_s, 2).prop(u"b"_s, 2),
        DispatchBuilder(u"ob3"_s).cuid(u"A"_s).ts(100).remove(),
        DispatchBuilder(u"ob1"_s).cuid(u"A"_s).ts(300).remove(),
        DispatchBuilder(u"ob2"_s).cuid(u"A"_s).ts(100).prop(u"a"_s, 1), // duplicate
        DispatchBuilder(u"ob1"_s).cuid(u"A"_s).ts(400).restore(),
    };
    const QList<ObjectState> reduced = seneschal::engine::reduce(dispatches);
    QCOMPARE(reduced.size(), 3);
    const QStringList oids = {u"ob2"_s, u"ob1"_s, u"ob3"_s}; // order of first appearance
    for (qsizetype i = 0; i < oids.size(); ++i) {
        QList<Dispatch> ofOid;
        for (const Dispatch &d : dispatches) {
            if (d.oid == oids.at(i))
                ofOid.append(d);
        }
        QCOMPARE(reduced.at(i).oid, oids.at(i));
        QCOMPARE(reduced.at(i), mergedAll(ofOid));
    }
    QCOMPARE(reduced.at(0).props.value(u"a"_s).value, QJsonValue(1));
    QCOMPARE(reduced.at(0).props.value(u"b"_s).value, QJsonValue(2));
    QCOMPARE(reduced.at(1).kind, u"list"_s);
    QVERIFY(!reduced.at(1).isDeleted());
    QVERIFY(reduced.at(2).isDeleted());
}

void TestMerge::reduce_of_nothing_is_empty()
{
    QVERIFY(seneschal::engine::reduce({}).isEmpty());
}

void TestMerge::project_keeps_only_named_properties()
{
    ObjectState state = mergedAll({DispatchBuilder(u"ob1"_s)
                                       .kind(u"item"_s)
                                       .author(u"alice"_s)
                                       .ts(100)
                                       .prop(u"a"_s, 1)
                                       .prop(u"b"_s, 2)
                                       .prop(u"c"_s, 3)});
    state.seq = 42;
    const ObjectState part = seneschal::engine::project(state, {u"a"_s, u"c"_s, u"not-there"_s});
    QCOMPARE(part.props.size(), 2);
    QCOMPARE(part.props.value(u"a"_s), state.props.value(u"a"_s));
    QCOMPARE(part.props.value(u"c"_s), state.props.value(u"c"_s));
    QCOMPARE(part.oid, u"ob1"_s);
    QCOMPARE(part.kind, u"item"_s);
    QCOMPARE(part.owner, u"alice"_s);
    QCOMPARE(part.seq, 42);
    QVERIFY(part.exists());
}

void TestMerge::project_keeps_deleted_stamp()
{
    const Dispatch del = DispatchBuilder(u"ob1"_s).cuid(u"B"_s).ts(200).remove();
    const ObjectState state =
        mergedAll({DispatchBuilder(u"ob1"_s).cuid(u"A"_s).ts(100).prop(u"a"_s, 1).prop(u"b"_s, 1),
                   del, DispatchBuilder(u"ob1"_s).cuid(u"A"_s).ts(300).prop(u"b"_s, 2)});
    const ObjectState part = seneschal::engine::project(state, {u"b"_s});
    QCOMPARE(part.props.size(), 2);
    QVERIFY(part.isDeleted());
    QCOMPARE(*part.deletedProperty(), (Property{true, stampOf(del)}));
    QCOMPARE(part.props.value(u"b"_s).value, QJsonValue(2));
    // Nothing named: still the deletion, so a client can merge it.
    QCOMPARE(seneschal::engine::project(state, {}).props.keys(), QStringList{kDeletedProperty});
}

void TestMerge::project_keeps_restored_stamp()
{
    const Dispatch restore = DispatchBuilder(u"ob1"_s).cuid(u"A"_s).ts(300).restore();
    const ObjectState state =
        mergedAll({DispatchBuilder(u"ob1"_s).cuid(u"A"_s).ts(100).prop(u"a"_s, 1),
                   DispatchBuilder(u"ob1"_s).cuid(u"B"_s).ts(200).remove(), restore});
    const ObjectState part = seneschal::engine::project(state, {u"a"_s});
    QVERIFY(!part.isDeleted());
    QCOMPARE(*part.deletedProperty(), (Property{false, stampOf(restore)}));
}

void TestMerge::project_omits_deleted_when_never_deleted_or_restored()
{
    const ObjectState state = mergedAll({DispatchBuilder(u"ob1"_s).ts(100).prop(u"a"_s, 1)});
    const ObjectState part = seneschal::engine::project(state, {u"a"_s});
    QCOMPARE(part.props.keys(), QStringList{u"a"_s});
    QCOMPARE(part.deletedProperty(), nullptr);
}

QTEST_GUILESS_MAIN(TestMerge)
#include "tst_merge.moc"
