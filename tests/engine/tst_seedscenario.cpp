// The seed scenario of PROTOCOL.md section 6, exactly as tabled, at engine
// level: what the master copy becomes, what the late upload's merge reports,
// what each user's devices are sent, and that arrival order does not matter.

#include "dispatchbuilder.h"
#include "engine/merge.h"
#include "engineprinters.h"
#include "fakeclock.h"

#include <QTest>
#include <algorithm>

using namespace Qt::StringLiterals;
using seneschal::engine::Dispatch;
using seneschal::engine::merge;
using seneschal::engine::MergeOutcome;
using seneschal::engine::ObjectState;
using seneschal::engine::Property;
using seneschal::engine::PropertyConflict;
using seneschal::engine::Stamp;
using seneschal::test::DispatchBuilder;
using seneschal::test::FakeClock;

namespace {

qint64 at(int hour, int minute)
{
    return FakeClock::utc(2025, 11, 25, hour, minute);
}

Stamp stampOf(const Dispatch &d)
{
    return Stamp{d.ts, d.cuid, d.id};
}

// The three dispatches of the table: user 1 on device A, user 2 on device B.
struct Seed
{
    Dispatch create = DispatchBuilder(u"ob1"_s)
                          .author(u"user1"_s)
                          .cuid(u"A"_s)
                          .id(u"a-1"_s)
                          .ts(at(7, 0))
                          .kind(u"item"_s)
                          .prop(u"name"_s, u"test"_s)
                          .prop(u"qty"_s, u"1"_s)
                          .prop(u"location"_s, u"store"_s);
    Dispatch offline = DispatchBuilder(u"ob1"_s)
                           .author(u"user2"_s)
                           .cuid(u"B"_s)
                           .id(u"b-1"_s)
                           .ts(at(7, 20))
                           .prop(u"qty"_s, u"2"_s)
                           .prop(u"location"_s, u"aisle"_s);
    Dispatch foodCourt = DispatchBuilder(u"ob1"_s)
                             .author(u"user1"_s)
                             .cuid(u"A"_s)
                             .id(u"a-2"_s)
                             .ts(at(7, 30))
                             .prop(u"location"_s, u"food court"_s);

    QHash<QString, Property> expectedProps() const
    {
        return {{u"name"_s, Property{u"test"_s, stampOf(create)}},
                {u"qty"_s, Property{u"2"_s, stampOf(offline)}},
                {u"location"_s, Property{u"food court"_s, stampOf(foodCourt)}}};
    }
};

const PropertyConflict *conflictOn(const MergeOutcome &outcome, const QString &property)
{
    for (const PropertyConflict &c : outcome.conflicts) {
        if (c.property == property)
            return &c;
    }
    return nullptr;
}

void mergeAll(ObjectState &state, const QList<Dispatch> &dispatches)
{
    for (const Dispatch &d : dispatches)
        merge(state, d);
}

} // namespace

// Tests PROTOCOL.md section 6's seed scenario against the engine.
class TestSeedScenario : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void seed_scenario_converges();
    void seed_scenario_late_dispatch_changes_qty_and_loses_location();
    void seed_scenario_records_conflicts_for_qty_and_location();
    void seed_scenario_user1_is_sent_qty_only_and_user2_the_winning_location();
    void seed_scenario_any_arrival_order_converges_data();
    void seed_scenario_any_arrival_order_converges();
};

void TestSeedScenario::seed_scenario_converges()
{
    const Seed seed;
    ObjectState master;
    // 07:00 and 07:30 online; 07:40 user 2 uploads its 07:20 dispatch.
    const MergeOutcome created = merge(master, seed.create);
    QVERIFY(created.created);
    QCOMPARE(created.changed, (QStringList{u"location"_s, u"name"_s, u"qty"_s}));
    const MergeOutcome moved = merge(master, seed.foodCourt);
    QCOMPARE(moved.changed, QStringList{u"location"_s});
    QVERIFY(moved.conflicts.isEmpty()); // user 1's device over its own write
    merge(master, seed.offline);

    QCOMPARE(master.props, seed.expectedProps());
    QCOMPARE(master.props.value(u"name"_s).value.toString(), u"test"_s);
    QCOMPARE(master.props.value(u"qty"_s).value.toString(), u"2"_s);
    QCOMPARE(master.props.value(u"location"_s).value.toString(), u"food court"_s);
    QVERIFY(!master.isDeleted());
    QCOMPARE(master.owner, u"user1"_s);
}

void TestSeedScenario::seed_scenario_late_dispatch_changes_qty_and_loses_location()
{
    const Seed seed;
    ObjectState master;
    mergeAll(master, {seed.create, seed.foodCourt});
    const MergeOutcome late = merge(master, seed.offline);
    QVERIFY(!late.created);
    QVERIFY(late.changedAnything());
    QCOMPARE(late.changed, QStringList{u"qty"_s});
    QCOMPARE(late.lost, QStringList{u"location"_s});
}

void TestSeedScenario::seed_scenario_records_conflicts_for_qty_and_location()
{
    const Seed seed;
    ObjectState master;
    mergeAll(master, {seed.create, seed.foodCourt});
    const MergeOutcome late = merge(master, seed.offline);
    QCOMPARE(late.conflicts.size(), 2);

    const PropertyConflict *qty = conflictOn(late, u"qty"_s);
    QVERIFY(qty);
    QCOMPARE(qty->winner, (Property{u"2"_s, stampOf(seed.offline)})); // B
    QCOMPARE(qty->loser, (Property{u"1"_s, stampOf(seed.create)}));   // A

    const PropertyConflict *location = conflictOn(late, u"location"_s);
    QVERIFY(location);
    QCOMPARE(location->winner, (Property{u"food court"_s, stampOf(seed.foodCourt)})); // A
    QCOMPARE(location->loser, (Property{u"aisle"_s, stampOf(seed.offline)}));         // B
}

void TestSeedScenario::seed_scenario_user1_is_sent_qty_only_and_user2_the_winning_location()
{
    const Seed seed;
    ObjectState master;
    mergeAll(master, {seed.create, seed.foodCourt});
    const MergeOutcome late = merge(master, seed.offline);

    // User 1's device saw 07:00 and 07:30 live; the broadcast carries qty only.
    const ObjectState broadcast = seneschal::engine::project(master, late.changed);
    QCOMPARE(broadcast.props.keys(), QStringList{u"qty"_s});
    QCOMPARE(broadcast.props.value(u"qty"_s), (Property{u"2"_s, stampOf(seed.offline)}));
    ObjectState user1;
    mergeAll(user1, {seed.create, seed.foodCourt});
    mergeAll(user1, DispatchBuilder::fromStamps(broadcast));
    QCOMPARE(user1.props, seed.expectedProps());

    // User 2's device holds its own 07:20 write; the correction of what it
    // lost carries the winning location, and the spooled full state converges it.
    const ObjectState correction = seneschal::engine::project(master, late.lost);
    QCOMPARE(correction.props.keys(), QStringList{u"location"_s});
    QCOMPARE(correction.props.value(u"location"_s).value.toString(), u"food court"_s);
    ObjectState user2;
    merge(user2, seed.offline);
    mergeAll(user2, DispatchBuilder::fromStamps(correction));
    QCOMPARE(user2.props.value(u"location"_s), master.props.value(u"location"_s));
    mergeAll(user2, DispatchBuilder::fromStamps(master));
    QCOMPARE(user2.props, seed.expectedProps());
}

void TestSeedScenario::seed_scenario_any_arrival_order_converges_data()
{
    QTest::addColumn<QList<int>>("order");
    QList<int> order = {0, 1, 2};
    do {
        QTest::addRow("%d%d%d", order[0], order[1], order[2]) << order;
    } while (std::next_permutation(order.begin(), order.end()));
}

void TestSeedScenario::seed_scenario_any_arrival_order_converges()
{
    QFETCH(QList<int>, order);
    const Seed seed;
    const QList<Dispatch> dispatches = {seed.create, seed.offline, seed.foodCourt};
    ObjectState master;
    for (int i : order)
        merge(master, dispatches.at(i));
    QCOMPARE(master.props, seed.expectedProps());
    QVERIFY(!master.isDeleted());
}

QTEST_GUILESS_MAIN(TestSeedScenario)
#include "tst_seedscenario.moc"
