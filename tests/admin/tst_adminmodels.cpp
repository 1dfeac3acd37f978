// The admin console's models without a network: each topic model under
// QAbstractItemModelTester, reset once by its snapshot and then changed row
// by row by a thousand events, ending exactly as a plain list computed here
// says; the row store against the same kind of reference; the stats ring;
// the paged result model with pages answered by the test.

#include "admin/accessmodel.h"
#include "admin/auditmodel.h"
#include "admin/devicesmodel.h"
#include "admin/historymodel.h"
#include "admin/pagedresultmodel.h"
#include "admin/rowstore.h"
#include "admin/statsmodel.h"
#include "admin/topicmodel.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>
#include <memory>
#include <random>

using namespace Qt::StringLiterals;
using namespace seneschal;
using namespace seneschal::admin;
using protocol::admin::EventOp;
using protocol::admin::Topic;

namespace {

constexpr auto kFatal = QAbstractItemModelTester::FailureReportingMode::Fatal;

std::unique_ptr<TopicModel> makeModel(Topic topic)
{
    switch (topic) {
    case Topic::Devices:
        return std::make_unique<DevicesModel>();
    case Topic::History:
        return std::make_unique<HistoryModel>();
    case Topic::Access:
        return std::make_unique<AccessModel>();
    case Topic::Audit:
        return std::make_unique<AuditModel>();
    case Topic::Stats:
        return std::make_unique<StatsModel>();
    }
    return {};
}

// A row of the topic with key number `n` and a payload that changes with
// `version`, so that an upsert is visible in the row.
QJsonObject rowFor(Topic topic, qint64 n, int version)
{
    switch (topic) {
    case Topic::Devices:
        return {{u"cuid"_s, u"dev-%1"_s.arg(n)},
                {u"uuid"_s, u"user-%1"_s.arg(n % 7)},
                {u"online"_s, version % 2 == 0},
                {u"address"_s,
                 version % 3 == 0 ? QJsonValue() : QJsonValue(u"10.0.0.%1"_s.arg(n % 250))},
                {u"phase"_s, version % 2 == 0 ? u"live"_s : u"offline"_s},
                {u"connectedAt"_s, QJsonValue()},
                {u"lastSeen"_s, qint64(1764054000000) + version},
                {u"cursor"_s, version},
                {u"lag"_s, n % 5}};
    case Topic::History:
        return {
            {u"id"_s, n},
            {u"seq"_s, 1000 + n},
            {u"oid"_s, u"ob%1"_s.arg(n % 13)},
            {u"prop"_s, u"qty"_s},
            {u"winner"_s,
             QJsonObject{
                 {u"value"_s, version}, {u"ts"_s, 2}, {u"cuid"_s, u"a"_s}, {u"id"_s, u"d-2"_s}}},
            {u"loser"_s,
             QJsonObject{
                 {u"value"_s, -version}, {u"ts"_s, 1}, {u"cuid"_s, u"b"_s}, {u"id"_s, u"d-1"_s}}},
            {u"uploader"_s, u"b"_s},
            {u"at"_s, 1764054000000 + n}};
    case Topic::Access:
        return {{u"seq"_s, n},
                {u"oid"_s, u"list-%1"_s.arg(n % 9)},
                {u"by"_s, u"alice"_s},
                {u"access"_s, version % 2 ? u"public"_s : u"private"_s},
                {u"grant"_s, QJsonArray{u"user:bob"_s}},
                {u"revoke"_s, QJsonArray{}},
                {u"at"_s, 1764054000000 + n}};
    case Topic::Audit:
        return {{u"id"_s, n},
                {u"at"_s, 1764054000000 + n},
                {u"by"_s, u"admin"_s},
                {u"type"_s, u"expire"_s},
                {u"cuid"_s, u"dev-%1"_s.arg(version)}};
    case Topic::Stats:
        return {{u"connections"_s, version}, {u"devices"_s, n}};
    }
    return {};
}

QString keyOf(Topic topic, const QJsonObject &row)
{
    return TopicModel::keyText(row.value(protocol::admin::topicKey(topic)));
}

// What the model must show, computed the plain way: a list in view order,
// searched from end to end for every event.
struct Reference
{
    Topic topic;
    bool newestFirst;
    int maximum;
    QList<QJsonObject> rows;

    int find(const QString &key) const
    {
        for (qsizetype i = 0; i < rows.size(); ++i) {
            if (keyOf(topic, rows[i]) == key)
                return int(i);
        }
        return -1;
    }
    void snapshot(const QJsonArray &snapshotRows)
    {
        rows.clear();
        for (const QJsonValue &row : snapshotRows)
            rows.append(row.toObject());
        // The snapshot lists newest first where new rows go on top; a cap
        // keeps the newest, which are at the top then and at the bottom else.
        while (maximum > 0 && rows.size() > maximum) {
            if (newestFirst)
                rows.removeLast();
            else
                rows.removeFirst();
        }
    }
    void upsert(const QJsonObject &row)
    {
        const int at = find(keyOf(topic, row));
        if (at >= 0) {
            rows[at] = row;
            return;
        }
        if (maximum > 0 && rows.size() >= maximum) {
            if (newestFirst)
                rows.removeLast();
            else
                rows.removeFirst();
        }
        if (newestFirst)
            rows.prepend(row);
        else
            rows.append(row);
    }
    void remove(const QString &key)
    {
        const int at = find(key);
        if (at >= 0)
            rows.removeAt(at);
    }
};

struct EventCase
{
    EventOp op;
    QJsonObject row;
};

// Seeded events over the keys of the snapshot and new ones: upserts of
// existing rows, inserts of new ones, removes of existing ones and a few of
// unknown keys. New keys grow, as ids and seqs do on the server.
QList<EventCase> makeEvents(Topic topic, const Reference &start, int count, unsigned seed,
                            int upsertPercent, int insertPercent, qint64 firstNewKey)
{
    std::mt19937 random(seed);
    Reference shadow = start;
    qint64 nextKey = firstNewKey;
    QList<EventCase> events;
    for (int i = 0; i < count; ++i) {
        const int dice = int(random() % 100);
        const int version = i + 1;
        if (shadow.rows.isEmpty() ||
            (dice >= upsertPercent && dice < upsertPercent + insertPercent)) {
            const QJsonObject row = rowFor(topic, nextKey++, version);
            events.append({EventOp::Upsert, row});
            shadow.upsert(row);
        } else if (dice < upsertPercent) {
            const QJsonObject &existing = shadow.rows[random() % shadow.rows.size()];
            const QString key = keyOf(topic, existing);
            const qint64 n = topic == Topic::Devices ? key.mid(4).toLongLong() : key.toLongLong();
            const QJsonObject row = rowFor(topic, n, version);
            events.append({EventOp::Upsert, row});
            shadow.upsert(row);
        } else if (dice < 97) {
            const QJsonObject existing = shadow.rows[random() % shadow.rows.size()];
            events.append({EventOp::Remove, existing});
            shadow.remove(keyOf(topic, existing));
        } else {
            // Removing what is not there changes nothing.
            events.append({EventOp::Remove, rowFor(topic, 9'000'000 + i, 0)});
        }
    }
    return events;
}

QJsonArray snapshotRows(Topic topic, int count, bool newestFirst)
{
    QJsonArray rows;
    for (int i = 0; i < count; ++i) {
        const qint64 n = newestFirst ? count - i : i + 1; // newest (highest key) first
        rows.append(rowFor(topic, n, 0));
    }
    return rows;
}

QList<QJsonObject> modelRows(const TopicModel &model)
{
    QList<QJsonObject> rows;
    for (int r = 0; r < model.rowCount(); ++r)
        rows.append(model.data(model.index(r, 0), TopicModel::RowRole).toJsonObject());
    return rows;
}

} // namespace

class TestAdminModels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void row_store_matches_a_list_data();
    void row_store_matches_a_list();

    void events_after_one_reset_match_the_reference_data();
    void events_after_one_reset_match_the_reference();
    void newest_first_topics_show_the_snapshot_in_its_order();
    void snapshot_over_the_cap_keeps_the_newest();
    void a_new_snapshot_resets_again();
    void lowering_the_cap_drops_the_oldest_in_one_removal();
    void rows_without_a_key_are_ignored();
    void remove_of_an_unknown_key_changes_nothing();
    void cells_show_members_times_inner_members_and_the_rest();
    void key_lookup_follows_inserts_and_removes();

    void stats_is_one_row_changed_in_place();
    void stats_ring_keeps_the_last_samples();

    void paged_model_appends_pages_and_follows_next();
    void paged_model_drops_answers_to_an_old_refresh();
    void paged_model_reports_a_failed_page_and_can_retry();
};

// ---- RowStore ----

void TestAdminModels::row_store_matches_a_list_data()
{
    QTest::addColumn<unsigned>("seed");
    QTest::addColumn<int>("removePercent");
    QTest::newRow("few_removes") << 1u << 10;
    QTest::newRow("many_removes_compact_often") << 2u << 45;
    QTest::newRow("grow_and_shrink") << 3u << 30;
}

void TestAdminModels::row_store_matches_a_list()
{
    QFETCH(unsigned, seed);
    QFETCH(int, removePercent);
    std::mt19937 random(seed);
    RowStore store;
    QList<QString> reference; // keys, oldest first
    int next = 0;
    for (int step = 0; step < 5000; ++step) {
        const int dice = int(random() % 100);
        if (!reference.isEmpty() && dice < removePercent) {
            const int rank = int(random() % reference.size());
            store.removeAt(rank);
            reference.removeAt(rank);
        } else if (!reference.isEmpty() && dice < removePercent + 20) {
            const int rank = int(random() % reference.size());
            const QString key = reference[rank];
            QCOMPARE(store.replace(key, {{u"v"_s, step}}), rank);
            QCOMPARE(store.rowAt(rank).value(u"v"_s).toInt(), step);
        } else {
            const QString key = u"k%1"_s.arg(next++);
            store.append(key, {{u"k"_s, key}});
            reference.append(key);
        }
        QCOMPARE(store.size(), int(reference.size()));
        if (step % 97 == 0 || step == 4999) {
            for (int rank = 0; rank < reference.size(); ++rank) {
                QCOMPARE(store.keyAt(rank), reference[rank]);
                QCOMPARE(store.rankOf(reference[rank]), rank);
            }
        }
    }
    QCOMPARE(store.rankOf(u"absent"_s), -1);
    QCOMPARE(store.replace(u"absent"_s, {}), -1);

    // assign: a key given twice keeps its first place and its last row.
    store.assign({u"a"_s, u"b"_s, u"a"_s}, {{{u"v"_s, 1}}, {{u"v"_s, 2}}, {{u"v"_s, 3}}});
    QCOMPARE(store.size(), 2);
    QCOMPARE(store.keyAt(0), u"a"_s);
    QCOMPARE(store.rowAt(0).value(u"v"_s).toInt(), 3);
}

// ---- the topic models ----

void TestAdminModels::events_after_one_reset_match_the_reference_data()
{
    QTest::addColumn<Topic>("topic");
    QTest::addColumn<int>("snapshotSize");
    QTest::addColumn<int>("maximum"); // 0: the model's default
    QTest::addColumn<int>("upsertPercent");
    QTest::addColumn<int>("insertPercent");
    QTest::addColumn<unsigned>("seed");

    QTest::newRow("devices_mixed") << Topic::Devices << 300 << 0 << 60 << 20 << 11u;
    QTest::newRow("devices_from_empty") << Topic::Devices << 0 << 0 << 40 << 40 << 12u;
    QTest::newRow("devices_remove_heavy") << Topic::Devices << 500 << 0 << 20 << 10 << 13u;
    QTest::newRow("history_mixed") << Topic::History << 100 << 0 << 50 << 30 << 21u;
    QTest::newRow("history_capped_drops_oldest") << Topic::History << 100 << 120 << 10 << 80 << 22u;
    QTest::newRow("access_mixed") << Topic::Access << 100 << 0 << 40 << 40 << 31u;
    QTest::newRow("access_capped_inserts_only") << Topic::Access << 100 << 100 << 0 << 97 << 32u;
    QTest::newRow("audit_mixed") << Topic::Audit << 100 << 150 << 30 << 50 << 41u;
}

void TestAdminModels::events_after_one_reset_match_the_reference()
{
    QFETCH(Topic, topic);
    QFETCH(int, snapshotSize);
    QFETCH(int, maximum);
    QFETCH(int, upsertPercent);
    QFETCH(int, insertPercent);
    QFETCH(unsigned, seed);

    auto model = makeModel(topic);
    if (maximum > 0)
        model->setMaximumRows(maximum);
    QAbstractItemModelTester tester(model.get(), kFatal);
    QSignalSpy resets(model.get(), &QAbstractItemModel::modelReset);
    QSignalSpy inserted(model.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(model.get(), &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(model.get(), &QAbstractItemModel::dataChanged);

    const bool newestFirst = model->order() == TopicModel::Order::NewestFirst;
    Reference reference{topic, newestFirst, model->maximumRows(), {}};
    const QJsonArray snapshot = snapshotRows(topic, snapshotSize, newestFirst);
    model->applySnapshot(snapshot);
    reference.snapshot(snapshot);
    QCOMPARE(resets.size(), 1);
    QCOMPARE(modelRows(*model), reference.rows);

    const QList<EventCase> events =
        makeEvents(topic, reference, 1000, seed, upsertPercent, insertPercent, snapshotSize + 1);
    for (const EventCase &event : events) {
        const QString key = keyOf(topic, event.row);
        const int before = reference.find(key);
        const qsizetype beforeSize = reference.rows.size();
        const qsizetype insertedBefore = inserted.size();
        const qsizetype removedBefore = removed.size();
        const qsizetype changedBefore = changed.size();

        model->applyEvent(event.op, event.row);
        if (event.op == EventOp::Upsert)
            reference.upsert(event.row);
        else
            reference.remove(key);

        // Exactly the fine-grained signal the event calls for, at its row.
        if (event.op == EventOp::Upsert && before >= 0) {
            QCOMPARE(changed.size(), changedBefore + 1);
            QCOMPARE(changed.last().at(0).toModelIndex().row(), before);
            QCOMPARE(changed.last().at(1).toModelIndex().row(), before);
            QCOMPARE(inserted.size(), insertedBefore);
            QCOMPARE(removed.size(), removedBefore);
        } else if (event.op == EventOp::Upsert) {
            QCOMPARE(inserted.size(), insertedBefore + 1);
            QCOMPARE(inserted.last().at(1).toInt(),
                     newestFirst ? 0 : int(reference.rows.size()) - 1);
            const bool capped = reference.maximum > 0 && beforeSize >= reference.maximum;
            QCOMPARE(removed.size(), removedBefore + (capped ? 1 : 0));
            QCOMPARE(changed.size(), changedBefore);
        } else {
            QCOMPARE(removed.size(), removedBefore + (before >= 0 ? 1 : 0));
            if (before >= 0)
                QCOMPARE(removed.last().at(1).toInt(), before);
            QCOMPARE(inserted.size(), insertedBefore);
        }
        QCOMPARE(model->rowCount(), int(reference.rows.size()));
    }

    QCOMPARE(resets.size(), 1); // the snapshot's, and no other
    QCOMPARE(modelRows(*model), reference.rows);
    for (int r = 0; r < model->rowCount(); ++r)
        QCOMPARE(model->rowOfKey(keyOf(topic, reference.rows[r])), r);
}

void TestAdminModels::newest_first_topics_show_the_snapshot_in_its_order()
{
    HistoryModel model;
    QAbstractItemModelTester tester(&model, kFatal);
    const QJsonArray snapshot = snapshotRows(Topic::History, 5, true); // ids 5, 4, 3, 2, 1
    model.applySnapshot(snapshot);
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(model.keyAt(0), u"5"_s);
    QCOMPARE(model.keyAt(4), u"1"_s);
    model.applyEvent(EventOp::Upsert, rowFor(Topic::History, 6, 1));
    QCOMPARE(model.keyAt(0), u"6"_s);
    QCOMPARE(model.keyAt(5), u"1"_s);

    DevicesModel devices;
    QAbstractItemModelTester devicesTester(&devices, kFatal);
    devices.applySnapshot(snapshotRows(Topic::Devices, 3, false));
    devices.applyEvent(EventOp::Upsert, rowFor(Topic::Devices, 9, 1));
    QCOMPARE(devices.keyAt(0), u"dev-1"_s);
    QCOMPARE(devices.keyAt(3), u"dev-9"_s); // new devices at the bottom
}

void TestAdminModels::snapshot_over_the_cap_keeps_the_newest()
{
    AuditModel model;
    model.setMaximumRows(3);
    QAbstractItemModelTester tester(&model, kFatal);
    model.applySnapshot(snapshotRows(Topic::Audit, 5, true)); // 5..1
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.keyAt(0), u"5"_s);
    QCOMPARE(model.keyAt(2), u"3"_s);
}

void TestAdminModels::a_new_snapshot_resets_again()
{
    DevicesModel model;
    QAbstractItemModelTester tester(&model, kFatal);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    model.applySnapshot(snapshotRows(Topic::Devices, 10, false));
    model.applyEvent(EventOp::Upsert, rowFor(Topic::Devices, 11, 1));
    // After a resync or a reconnect the server sends the whole view again.
    model.applySnapshot(snapshotRows(Topic::Devices, 4, false));
    QCOMPARE(resets.size(), 2);
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.rowOfKey(u"dev-11"_s), -1);
}

void TestAdminModels::lowering_the_cap_drops_the_oldest_in_one_removal()
{
    AccessModel model;
    QAbstractItemModelTester tester(&model, kFatal);
    model.applySnapshot(snapshotRows(Topic::Access, 10, true)); // seqs 10..1
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    model.setMaximumRows(4);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(removed.at(0).at(1).toInt(), 4);
    QCOMPARE(removed.at(0).at(2).toInt(), 9);
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.keyAt(3), u"7"_s);
}

void TestAdminModels::rows_without_a_key_are_ignored()
{
    DevicesModel model;
    QAbstractItemModelTester tester(&model, kFatal);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"snapshot of .*devices.* without"_s));
    model.applySnapshot(QJsonArray{rowFor(Topic::Devices, 1, 0), QJsonObject{{u"uuid"_s, u"x"_s}}});
    QCOMPARE(model.rowCount(), 1);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"event of .*devices.* without"_s));
    model.applyEvent(EventOp::Upsert, QJsonObject{{u"cuid"_s, true}});
    QCOMPARE(model.rowCount(), 1);
}

void TestAdminModels::remove_of_an_unknown_key_changes_nothing()
{
    DevicesModel model;
    QAbstractItemModelTester tester(&model, kFatal);
    model.applySnapshot(snapshotRows(Topic::Devices, 3, false));
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    model.applyEvent(EventOp::Remove, QJsonObject{{u"cuid"_s, u"nobody"_s}});
    QCOMPARE(removed.size(), 0);
    QCOMPARE(model.rowCount(), 3);
}

void TestAdminModels::cells_show_members_times_inner_members_and_the_rest()
{
    DevicesModel devices;
    devices.applySnapshot(QJsonArray{rowFor(Topic::Devices, 7, 0)});
    QCOMPARE(devices.data(devices.index(0, DevicesModel::Cuid)).toString(), u"dev-7"_s);
    QCOMPARE(devices.data(devices.index(0, DevicesModel::Online)).toBool(), true);
    QVERIFY(!devices.data(devices.index(0, DevicesModel::Address)).isValid()); // null
    QCOMPARE(devices.data(devices.index(0, DevicesModel::LastSeen)).toDateTime(),
             QDateTime::fromMSecsSinceEpoch(1764054000000));
    QCOMPARE(
        devices.data(devices.index(0, DevicesModel::LastSeen), TopicModel::ValueRole).toLongLong(),
        1764054000000);
    QCOMPARE(devices.data(devices.index(0, DevicesModel::Lag)).toLongLong(), 2);
    QCOMPARE(devices.data(devices.index(0, 0), TopicModel::KeyRole).toString(), u"dev-7"_s);
    QCOMPARE(devices.headerData(DevicesModel::LastSeen, Qt::Horizontal).toString(), u"Last seen"_s);

    HistoryModel history;
    history.applySnapshot(QJsonArray{rowFor(Topic::History, 3, 4)});
    QCOMPARE(history.data(history.index(0, HistoryModel::WinnerValue)).toLongLong(), 4);
    QCOMPARE(history.data(history.index(0, HistoryModel::LoserCuid)).toString(), u"b"_s);

    AccessModel access;
    access.applySnapshot(QJsonArray{
        QJsonObject{{u"seq"_s, 9}, {u"grant"_s, QJsonArray{u"user:bob"_s, u"group:family"_s}}}});
    QCOMPARE(access.data(access.index(0, AccessModel::Grant)).toString(),
             u"user:bob, group:family"_s);

    AuditModel audit;
    audit.applySnapshot(QJsonArray{QJsonObject{{u"id"_s, 1},
                                               {u"at"_s, 5},
                                               {u"by"_s, u"admin"_s},
                                               {u"type"_s, u"user"_s},
                                               {u"op"_s, u"add"_s},
                                               {u"name"_s, u"bob"_s}}});
    QCOMPARE(audit.data(audit.index(0, AuditModel::Arguments)).toString(),
             uR"({"name":"bob","op":"add"})"_s);
}

void TestAdminModels::key_lookup_follows_inserts_and_removes()
{
    HistoryModel model;
    model.applySnapshot(snapshotRows(Topic::History, 50, true)); // 50..1
    QCOMPARE(model.rowOfKey(u"50"_s), 0);
    QCOMPARE(model.rowOfKey(u"1"_s), 49);
    model.applyEvent(EventOp::Remove, rowFor(Topic::History, 25, 0));
    QCOMPARE(model.rowOfKey(u"26"_s), 24);
    QCOMPARE(model.rowOfKey(u"24"_s), 25);
    QCOMPARE(model.rowOfKey(u"25"_s), -1);
    model.applyEvent(EventOp::Upsert, rowFor(Topic::History, 51, 0));
    QCOMPARE(model.rowOfKey(u"51"_s), 0);
    QCOMPARE(model.rowOfKey(u"1"_s), 49);
}

// ---- stats ----

void TestAdminModels::stats_is_one_row_changed_in_place()
{
    StatsModel model;
    QAbstractItemModelTester tester(&model, kFatal);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    const QJsonObject first{{u"connections"_s, 3},          {u"devices"_s, 10},
                            {u"highestSeq"_s, 4711},        {u"dispatchesPerSec"_s, 1.5},
                            {u"deliveriesPerSec"_s, 12.25}, {u"uptimeMs"_s, 60000},
                            {u"backend"_s, u"sqlite"_s}};
    model.applySnapshot(QJsonArray{first});
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.data(model.index(0, StatsModel::Backend)).toString(), u"sqlite"_s);
    QCOMPARE(model.data(model.index(0, StatsModel::DispatchesPerSec)).toDouble(), 1.5);
    for (int i = 0; i < 20; ++i) {
        QJsonObject next = first;
        next[u"connections"_s] = 4 + i;
        model.applyEvent(EventOp::Upsert, next);
    }
    QCOMPARE(resets.size(), 1);
    QCOMPARE(inserted.size(), 0);
    QCOMPARE(changed.size(), 20);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.current().value(u"connections"_s).toInt(), 23);
}

void TestAdminModels::stats_ring_keeps_the_last_samples()
{
    StatsModel model;
    qint64 now = 1000;
    model.setClock([&now] { return now; });
    model.setSampleCapacity(5);
    QSignalSpy added(&model, &StatsModel::sampleAdded);
    model.applySnapshot(QJsonArray{QJsonObject{{u"connections"_s, 0}, {u"highestSeq"_s, 100}}});
    for (int i = 1; i <= 7; ++i) {
        now += 2000;
        model.applyEvent(EventOp::Upsert, QJsonObject{{u"connections"_s, i},
                                                      {u"highestSeq"_s, 100 + i},
                                                      {u"deliveriesPerSec"_s, i * 0.5}});
    }
    QCOMPARE(added.size(), 8);
    const QList<StatsSample> samples = model.samples();
    QCOMPARE(samples.size(), 5);
    for (int i = 0; i < 5; ++i) {
        QCOMPARE(samples[i].connections, 3 + i); // oldest first: 3..7
        QCOMPARE(samples[i].atMs, 1000 + (3 + i) * 2000);
        QCOMPARE(samples[i].highestSeq, 103 + i);
        QCOMPARE(samples[i].deliveriesPerSec, (3 + i) * 0.5);
    }
    model.setSampleCapacity(2);
    QCOMPARE(model.samples().size(), 2);
    QCOMPARE(model.samples().at(0).connections, 6);
    QCOMPARE(model.samples().at(1).connections, 7);
    model.applyEvent(EventOp::Upsert, QJsonObject{{u"connections"_s, 8}});
    QCOMPARE(model.samples().at(0).connections, 7);
    QCOMPARE(model.samples().at(1).connections, 8);
}

// ---- paged results ----

namespace {

// Answers pages as the test says: records each request and its reply.
struct FakePages
{
    struct Asked
    {
        QString after;
        ReplyCallback reply;
    };
    QList<Asked> asked;

    PageRequest request()
    {
        return [this](const QString &after, ReplyCallback reply) {
            asked.append({after, std::move(reply)});
        };
    }
};

QJsonArray queueRows(int from, int count)
{
    QJsonArray rows;
    for (int i = 0; i < count; ++i) {
        rows.append(QJsonObject{{u"seq"_s, from + i},
                                {u"oid"_s, u"ob%1"_s.arg(from + i)},
                                {u"kind"_s, u"item"_s},
                                {u"op"_s, u"dispatch"_s}});
    }
    return rows;
}

protocol::admin::Result page(const QJsonArray &rows, const QJsonValue &next,
                             std::optional<qint64> total = std::nullopt)
{
    return protocol::admin::Result{u"r"_s, rows, next, total};
}

} // namespace

void TestAdminModels::paged_model_appends_pages_and_follows_next()
{
    FakePages pages;
    PagedResultModel model({u"seq"_s, u"oid"_s, u"kind"_s, u"op"_s});
    model.setPageRequest(pages.request());
    QAbstractItemModelTester tester(&model, kFatal);
    QSignalSpy total(&model, &PagedResultModel::totalChanged);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);

    QVERIFY(!model.canFetchMore());
    model.refresh();
    QCOMPARE(pages.asked.size(), 1);
    QVERIFY(pages.asked[0].after.isEmpty());
    QVERIFY(model.isLoading());
    QVERIFY(!model.canFetchMore()); // one request at a time

    pages.asked[0].reply(page(queueRows(1, 3), QJsonValue(3), 7));
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(total.size(), 1);
    QCOMPARE(model.total(), std::optional<qint64>(7));
    QVERIFY(model.canFetchMore());
    QVERIFY(!model.atEnd());

    model.fetchMore();
    QCOMPARE(pages.asked.size(), 2);
    QCOMPARE(pages.asked[1].after, u"3"_s); // the integer next, as text
    pages.asked[1].reply(page(queueRows(4, 3), QJsonValue(u"c-6"_s), 7));
    model.fetchMore();
    QCOMPARE(pages.asked[2].after, u"c-6"_s);
    pages.asked[2].reply(page(queueRows(7, 1), QJsonValue::Null, 7));

    QCOMPARE(model.rowCount(), 7);
    QVERIFY(model.atEnd());
    QVERIFY(!model.canFetchMore());
    QCOMPARE(inserted.size(), 3);
    QCOMPARE(total.size(), 1); // unchanged totals are not announced again
    QCOMPARE(model.data(model.index(6, 0)).toLongLong(), 7);
    QCOMPARE(model.data(model.index(6, 1)).toString(), u"ob7"_s);
    QCOMPARE(model.rowObject(0).value(u"op"_s).toString(), u"dispatch"_s);
    QCOMPARE(model.headerData(1, Qt::Horizontal).toString(), u"oid"_s);
}

void TestAdminModels::paged_model_drops_answers_to_an_old_refresh()
{
    FakePages pages;
    PagedResultModel model({u"seq"_s});
    model.setPageRequest(pages.request());
    QAbstractItemModelTester tester(&model, kFatal);
    model.refresh();
    model.refresh(); // e.g. the filter changed before the first answer
    QCOMPARE(pages.asked.size(), 2);
    pages.asked[0].reply(page(queueRows(1, 5), QJsonValue(5)));
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(model.isLoading());
    pages.asked[1].reply(page(queueRows(100, 2), QJsonValue::Null));
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.data(model.index(0, 0)).toLongLong(), 100);

    // An answer after the model is gone goes nowhere.
    auto gone = std::make_unique<PagedResultModel>(QStringList{u"seq"_s});
    gone->setPageRequest(pages.request());
    gone->refresh();
    gone.reset();
    pages.asked.last().reply(page(queueRows(1, 1), QJsonValue::Null));
}

void TestAdminModels::paged_model_reports_a_failed_page_and_can_retry()
{
    FakePages pages;
    PagedResultModel model({u"oid"_s});
    model.setPageRequest(pages.request());
    QAbstractItemModelTester tester(&model, kFatal);
    QSignalSpy failed(&model, &PagedResultModel::pageFailed);
    model.refresh();
    pages.asked[0].reply(page(queueRows(1, 2), QJsonValue(u"x"_s)));
    model.fetchMore();
    pages.asked[1].reply(protocol::admin::AdminError{u"r"_s, protocol::ErrorCode::Unavailable,
                                                     u"the connection was lost"_s});
    QCOMPARE(failed.size(), 1);
    QVERIFY(!model.isLoading());
    QCOMPARE(model.rowCount(), 2);
    // The same page again.
    QVERIFY(model.canFetchMore());
    model.fetchMore();
    QCOMPARE(pages.asked[2].after, u"x"_s);
}

QTEST_GUILESS_MAIN(TestAdminModels)
#include "tst_adminmodels.moc"
