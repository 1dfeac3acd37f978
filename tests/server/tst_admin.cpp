// The admin interface end to end (PROTOCOL.md section 10) against the real
// server over wss://, on SQLite and on MariaDB: live topics, queries and
// actions as a console sees them on the wire.
#include "adminprobe.h"
#include "client/syncclient.h"
#include "seedclock.h"
#include "testserver.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>
#include <memory>

using namespace Qt::StringLiterals;
using namespace seneschal;
using client::SyncClient;
using test::AdminProbe;
using test::k0700;
using test::kMinute;
using test::opts;
using test::TestServer;

namespace {

constexpr int kTimeout = 20000;
// PROTOCOL.md 10: an event within 1 s of the change. The change is seen by
// the test a little after the server made it, so this is a bound from later.
constexpr int kEventWithinMs = 1000;

auto rowWith(const QString &key, const QJsonValue &value)
{
    return [key, value](const QJsonObject &event) {
        return event.value(u"row"_s).toObject().value(key) == value;
    };
}

auto deviceRow(const QString &cuid, const QString &phase)
{
    return [cuid, phase](const QJsonObject &event) {
        const QJsonObject row = event.value(u"row"_s).toObject();
        return event.value(u"op"_s) == u"upsert"_s && row.value(u"cuid"_s) == cuid &&
               row.value(u"phase"_s) == phase;
    };
}

QList<QJsonObject> spoolOf(const SyncClient &client)
{
    const auto &all = client.received();
    qsizetype end = -1;
    for (qsizetype i = all.size() - 1; i >= 0; --i) {
        if (all[i].value(u"type"_s).toString() == u"rehydrateEnd") {
            end = i;
            break;
        }
    }
    QList<QJsonObject> spool;
    for (qsizetype i = end + 1; end >= 0 && i < all.size(); ++i) {
        const QString type = all[i].value(u"type"_s).toString();
        if (type == u"synced")
            break;
        if (type == u"dispatch" || type == u"revoke")
            spool.append(all[i]);
    }
    return spool;
}

} // namespace

class AdminTest : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestServer> server;
    std::unique_ptr<SyncClient> device(const QString &cuid, const QString &user)
    {
        return std::make_unique<SyncClient>(server->device(cuid, user, user + u"-pw"_s));
    }
    std::unique_ptr<AdminProbe> console(const QString &user = u"alice"_s)
    {
        QUrl url = server->url();
        url.setPath(u"/v1/admin"_s);
        auto probe = std::make_unique<AdminProbe>(url, server->caCertificates());
        if (!probe->login(user, user + u"-pw"_s, kTimeout))
            return {};
        return probe;
    }
    bool goLive(SyncClient &client)
    {
        if (client.state() == SyncClient::State::Disconnected)
            client.connectToServer();
        return QTest::qWaitFor([&] { return client.isLive(); }, kTimeout);
    }
    bool drained(SyncClient &client)
    {
        return QTest::qWaitFor([&] { return client.outbox().isEmpty(); }, kTimeout);
    }
    bool disconnect(SyncClient &client)
    {
        client.disconnectFromServer();
        return QTest::qWaitFor([&] { return client.state() == SyncClient::State::Disconnected; },
                               kTimeout);
    }
    bool closed(SyncClient &client)
    {
        return QTest::qWaitFor([&] { return client.state() == SyncClient::State::Disconnected; },
                               kTimeout);
    }

private Q_SLOTS:
    void init()
    {
        server = std::make_unique<TestServer>();
        QVERIFY(server->addUser(u"alice"_s, u"alice-pw"_s, {u"admins"_s}));
        QVERIFY(server->addUser(u"bob"_s, u"bob-pw"_s, {u"family"_s}));
        QVERIFY(server->addUser(u"carol"_s, u"carol-pw"_s));
        QVERIFY(server->start());
    }
    void cleanup()
    {
        if (QTest::currentTestFailed())
            qWarning().noquote() << "server output:\n" << server->output().right(6000);
        server.reset();
    }

    void non_admin_is_refused_4403()
    {
        QUrl url = server->url();
        url.setPath(u"/v1/admin"_s);
        AdminProbe probe(url, server->caCertificates());
        QVERIFY(probe.loginRefused(u"bob"_s, u"bob-pw"_s, kTimeout));
        QCOMPARE(probe.closeCode(), 4403);
        QVERIFY(!probe.received().isEmpty());
        QCOMPARE(probe.received().last().value(u"code"_s).toString(), u"forbidden"_s);
        // A wrong password is auth_failed, as on /v1.
        AdminProbe wrong(url, server->caCertificates());
        QVERIFY(wrong.loginRefused(u"alice"_s, u"nope"_s, kTimeout));
        QCOMPARE(wrong.closeCode(), 4401);
    }

    void devices_topic_follows_connect_offline_disconnect_and_expire()
    {
        auto admin = console();
        QVERIFY(admin);
        auto known = device(u"bob-phone"_s, u"bob"_s);
        QVERIFY(goLive(*known));
        QVERIFY(disconnect(*known));

        const qsizetype beforeSnapshot = admin->mark();
        auto snapshot = admin->subscribe({u"devices"_s}, kTimeout);
        QVERIFY(snapshot);
        const QJsonArray rows = snapshot->first().value(u"rows"_s).toArray();
        QCOMPARE(rows.size(), 1); // every known device, online or not
        QCOMPARE(rows.first().toObject().value(u"cuid"_s).toString(), u"bob-phone"_s);
        // The client's close may still be on its way to the server's sync
        // thread when the snapshot is taken; then its offline row follows.
        if (rows.first().toObject().value(u"online"_s).toBool()) {
            QVERIFY(admin->waitEvent(u"devices"_s, deviceRow(u"bob-phone"_s, u"offline"_s),
                                     beforeSnapshot, kTimeout));
        } else {
            QCOMPARE(rows.first().toObject().value(u"phase"_s).toString(), u"offline"_s);
        }

        // Connecting: live within a second, with its address.
        qsizetype from = admin->mark();
        QVERIFY(goLive(*known));
        auto live = admin->waitEvent(u"devices"_s, deviceRow(u"bob-phone"_s, u"live"_s), from,
                                     kEventWithinMs);
        QVERIFY2(live, "no live row within 1 s");
        const QJsonObject liveRow = live->value(u"row"_s).toObject();
        QCOMPARE(liveRow.value(u"online"_s).toBool(), true);
        QCOMPARE(liveRow.value(u"address"_s).toString(), u"127.0.0.1"_s);
        QVERIFY(liveRow.value(u"connectedAt"_s).toInteger() > 0);
        QCOMPARE(liveRow.value(u"uuid"_s).toString(), u"bob"_s);

        // Going offline.
        from = admin->mark();
        QVERIFY(disconnect(*known));
        QVERIFY2(admin->waitEvent(u"devices"_s, deviceRow(u"bob-phone"_s, u"offline"_s), from,
                                  kEventWithinMs),
                 "no offline row within 1 s");

        // Disconnected by the admin: the device sees 4410.
        QVERIFY(goLive(*known));
        QVERIFY(
            admin->waitEvent(u"devices"_s, deviceRow(u"bob-phone"_s, u"live"_s), from, kTimeout));
        from = admin->mark();
        auto done = admin->reply(
            admin->request({{u"type"_s, u"disconnect"_s}, {u"cuid"_s, u"bob-phone"_s}}), kTimeout);
        QVERIFY(done);
        QCOMPARE(done->value(u"type"_s).toString(), u"done"_s);
        QVERIFY(closed(*known));
        QCOMPARE(known->closeCode(), 4410);
        QVERIFY2(admin->waitEvent(u"devices"_s, deviceRow(u"bob-phone"_s, u"offline"_s), from,
                                  kEventWithinMs),
                 "no offline row within 1 s of the disconnect");

        // Expired by the admin while online: closed, removed from the topic,
        // and its next hello with a since gets a reset.
        QVERIFY(goLive(*known));
        const qint64 since = known->since();
        from = admin->mark();
        done = admin->reply(admin->request({{u"type"_s, u"expire"_s}, {u"cuid"_s, u"bob-phone"_s}}),
                            kTimeout);
        QVERIFY(done);
        QCOMPARE(done->value(u"type"_s).toString(), u"done"_s);
        QVERIFY(closed(*known));
        QCOMPARE(known->closeCode(), 4410);
        auto removed = admin->waitEvent(
            u"devices"_s,
            [](const QJsonObject &e) {
                return e.value(u"op"_s) == u"remove"_s &&
                       e.value(u"row"_s).toObject().value(u"cuid"_s) == u"bob-phone"_s;
            },
            from, kEventWithinMs);
        QVERIFY2(removed, "no remove within 1 s of the expiry");
        known->clearReceived();
        known->setSince(std::max<qint64>(since, 1));
        QVERIFY(goLive(*known));
        QCOMPARE(known->receivedOfType(u"reset"_s).size(), 1);

        // An unknown cuid is forbidden.
        auto unknown = admin->reply(
            admin->request({{u"type"_s, u"disconnect"_s}, {u"cuid"_s, u"nobody"_s}}), kTimeout);
        QVERIFY(unknown);
        QCOMPARE(unknown->value(u"type"_s).toString(), u"error"_s);
        QCOMPARE(unknown->value(u"code"_s).toString(), u"forbidden"_s);
    }

    void seed_scenario_puts_both_reconciliations_on_history()
    {
        auto admin = console();
        QVERIFY(admin);
        QVERIFY(admin->subscribe({u"history"_s}, kTimeout));
        auto u1 = device(u"u1-phone"_s, u"alice"_s);
        auto u2 = device(u"u2-phone"_s, u"bob"_s);
        QVERIFY(goLive(*u1));
        QVERIFY(goLive(*u2));
        u1->dispatch(
            u"ob1"_s,
            QJsonObject{{u"name"_s, u"test"_s}, {u"qty"_s, 1}, {u"location"_s, u"store"_s}},
            opts(k0700, u"item"_s));
        QVERIFY(drained(*u1));
        QTRY_VERIFY_WITH_TIMEOUT(u2->object(u"ob1"_s).has_value(), kTimeout);
        QVERIFY(disconnect(*u2));
        u2->dispatch(u"ob1"_s, QJsonObject{{u"qty"_s, 2}, {u"location"_s, u"aisle"_s}},
                     opts(k0700 + 20 * kMinute));
        u1->dispatch(u"ob1"_s, QJsonObject{{u"location"_s, u"food court"_s}},
                     opts(k0700 + 30 * kMinute));
        QVERIFY(drained(*u1));
        const qsizetype from = admin->mark();
        QVERIFY(goLive(*u2));

        auto qty =
            admin->waitEvent(u"history"_s, rowWith(u"prop"_s, u"qty"_s), from, kEventWithinMs);
        auto location =
            admin->waitEvent(u"history"_s, rowWith(u"prop"_s, u"location"_s), from, kEventWithinMs);
        QVERIFY2(qty && location, "both reconciliations within 1 s");
        const QJsonObject q = qty->value(u"row"_s).toObject();
        QCOMPARE(q.value(u"oid"_s).toString(), u"ob1"_s);
        QCOMPARE(q.value(u"winner"_s).toObject().value(u"value"_s).toInt(), 2);
        QCOMPARE(q.value(u"winner"_s).toObject().value(u"cuid"_s).toString(), u"u2-phone"_s);
        QCOMPARE(q.value(u"loser"_s).toObject().value(u"value"_s).toInt(), 1);
        QCOMPARE(q.value(u"loser"_s).toObject().value(u"cuid"_s).toString(), u"u1-phone"_s);
        QCOMPARE(q.value(u"uploader"_s).toString(), u"u2-phone"_s);
        QVERIFY(q.value(u"seq"_s).toInteger() > 0);
        const QJsonObject l = location->value(u"row"_s).toObject();
        QCOMPARE(l.value(u"winner"_s).toObject().value(u"value"_s).toString(), u"food court"_s);
        QCOMPARE(l.value(u"winner"_s).toObject().value(u"cuid"_s).toString(), u"u1-phone"_s);
        QCOMPARE(l.value(u"winner"_s).toObject().value(u"ts"_s).toInteger(), k0700 + 30 * kMinute);
        QCOMPARE(l.value(u"loser"_s).toObject().value(u"value"_s).toString(), u"aisle"_s);
        QCOMPARE(l.value(u"loser"_s).toObject().value(u"cuid"_s).toString(), u"u2-phone"_s);
        QCOMPARE(l.value(u"uploader"_s).toString(), u"u2-phone"_s);

        // The history query pages the same rows, newest first, by oid and by
        // device.
        auto page = admin->reply(
            admin->request({{u"type"_s, u"history"_s}, {u"oid"_s, u"ob1"_s}, {u"limit"_s, 1}}),
            kTimeout);
        QVERIFY(page);
        QCOMPARE(page->value(u"type"_s).toString(), u"result"_s);
        QCOMPARE(page->value(u"rows"_s).toArray().size(), 1);
        QVERIFY(!page->value(u"next"_s).isNull());
        auto second = admin->reply(admin->request({{u"type"_s, u"history"_s},
                                                   {u"oid"_s, u"ob1"_s},
                                                   {u"limit"_s, 1},
                                                   {u"after"_s, page->value(u"next"_s)}}),
                                   kTimeout);
        QVERIFY(second);
        QCOMPARE(second->value(u"rows"_s).toArray().size(), 1);
        QVERIFY(second->value(u"next"_s).isNull());
        QVERIFY(second->value(u"rows"_s).toArray().first().toObject().value(u"id"_s).toInteger() <
                page->value(u"rows"_s).toArray().first().toObject().value(u"id"_s).toInteger());
        auto none = admin->reply(
            admin->request({{u"type"_s, u"history"_s}, {u"cuid"_s, u"someone-else"_s}}), kTimeout);
        QVERIFY(none);
        QCOMPARE(none->value(u"rows"_s).toArray().size(), 0);
        // A later snapshot holds them too.
        auto again = console();
        QVERIFY(again);
        auto snapshot = again->subscribe({u"history"_s}, kTimeout);
        QVERIFY(snapshot);
        QCOMPARE(snapshot->first().value(u"rows"_s).toArray().size(), 2);
    }

    void admin_share_reaches_the_grantee_and_shows_on_access_and_audit()
    {
        auto admin = console();
        QVERIFY(admin);
        QVERIFY(admin->subscribe({u"access"_s, u"audit"_s}, kTimeout));
        auto owner = device(u"carol-phone"_s, u"carol"_s);
        auto grantee = device(u"bob-phone"_s, u"bob"_s);
        QVERIFY(goLive(*owner));
        QVERIFY(goLive(*grantee));
        client::DispatchOptions list = opts(std::nullopt, u"list"_s);
        list.access = engine::Access::Private;
        owner->dispatch(u"groceries"_s, QJsonObject{{u"title"_s, u"Groceries"_s}}, list);
        QVERIFY(drained(*owner));
        QTest::qWait(200);
        QVERIFY(!grantee->object(u"groceries"_s).has_value());

        const qsizetype from = admin->mark();
        auto done = admin->reply(admin->request({{u"type"_s, u"share"_s},
                                                 {u"oid"_s, u"groceries"_s},
                                                 {u"grant"_s, QJsonArray{u"user:bob"_s}}}),
                                 kTimeout);
        QVERIFY(done);
        QCOMPARE(done->value(u"type"_s).toString(), u"done"_s);
        QTRY_VERIFY_WITH_TIMEOUT(grantee->object(u"groceries"_s).has_value(), kTimeout);
        QCOMPARE(grantee->object(u"groceries"_s)->props.value(u"title"_s).toString(),
                 u"Groceries"_s);

        auto access =
            admin->waitEvent(u"access"_s, rowWith(u"oid"_s, u"groceries"_s), from, kEventWithinMs);
        QVERIFY2(access, "no access event within 1 s");
        const QJsonObject a = access->value(u"row"_s).toObject();
        QCOMPARE(a.value(u"by"_s).toString(), u"alice"_s);
        QCOMPARE(a.value(u"access"_s).toString(), u"private"_s);
        QCOMPARE(a.value(u"grant"_s).toArray(), QJsonArray{u"user:bob"_s});
        QVERIFY(a.value(u"seq"_s).toInteger() > 0);
        auto audit =
            admin->waitEvent(u"audit"_s, rowWith(u"type"_s, u"share"_s), from, kEventWithinMs);
        QVERIFY2(audit, "no audit event within 1 s");
        const QJsonObject au = audit->value(u"row"_s).toObject();
        QCOMPARE(au.value(u"by"_s).toString(), u"alice"_s);
        QCOMPARE(au.value(u"oid"_s).toString(), u"groceries"_s);

        // The object query shows the grant and the resulting audience.
        auto object = admin->reply(
            admin->request({{u"type"_s, u"object"_s}, {u"oid"_s, u"groceries"_s}}), kTimeout);
        QVERIFY(object);
        const QJsonObject row = object->value(u"rows"_s).toArray().first().toObject();
        QCOMPARE(row.value(u"owner"_s).toString(), u"carol"_s);
        QCOMPARE(row.value(u"grants"_s).toArray(), QJsonArray{u"user:bob"_s});
        const QJsonArray audience = row.value(u"audience"_s).toArray();
        QVERIFY(audience.contains(u"bob"_s));
        QVERIFY(audience.contains(u"carol"_s));
        QVERIFY(audience.contains(u"alice"_s)); // an admin
        QCOMPARE(row.value(u"props"_s).toObject().value(u"title"_s).toString(), u"Groceries"_s);

        // A share by a non-owner through /v1 is still refused; unknown oids
        // are forbidden on the admin interface too.
        auto unknown = admin->reply(
            admin->request({{u"type"_s, u"object"_s}, {u"oid"_s, u"no-such-oid"_s}}), kTimeout);
        QVERIFY(unknown);
        QCOMPARE(unknown->value(u"code"_s).toString(), u"forbidden"_s);
    }

    void queue_lists_exactly_what_the_reconnect_delivers()
    {
        auto admin = console();
        QVERIFY(admin);
        auto writer = device(u"alice-phone"_s, u"alice"_s);
        auto away = device(u"bob-phone"_s, u"bob"_s);
        QVERIFY(goLive(*writer));
        QVERIFY(goLive(*away));
        writer->dispatch(u"seen-before"_s, QJsonObject{{u"n"_s, 0}}, opts(std::nullopt, u"item"_s));
        QVERIFY(drained(*writer));
        QTRY_VERIFY_WITH_TIMEOUT(away->object(u"seen-before"_s).has_value(), kTimeout);
        QTest::qWait(300); // its ack arrives
        QVERIFY(disconnect(*away));

        // While bob is away: new items, one changed twice, one deleted, a
        // private list shared to bob's group, one private list not shared.
        for (int i = 0; i < 5; ++i) {
            writer->dispatch(u"item-%1"_s.arg(i), QJsonObject{{u"n"_s, i}},
                             opts(std::nullopt, u"item"_s));
        }
        writer->dispatch(u"item-1"_s, QJsonObject{{u"n"_s, 11}});
        writer->deleteObject(u"seen-before"_s);
        client::DispatchOptions list = opts(std::nullopt, u"list"_s);
        list.access = engine::Access::Private;
        writer->dispatch(u"family-list"_s, QJsonObject{{u"title"_s, u"F"_s}}, list);
        writer->dispatch(u"secret-list"_s, QJsonObject{{u"title"_s, u"S"_s}}, list);
        QVERIFY(drained(*writer));
        writer->share(u"family-list"_s, {u"group:family"_s}, {});
        QTest::qWait(500);

        // Two pages of three, then the rest.
        QList<QJsonObject> queued;
        QJsonValue after = QJsonValue::Null;
        qint64 total = -1;
        for (int page = 0; page < 10; ++page) {
            QJsonObject request{
                {u"type"_s, u"queue"_s}, {u"cuid"_s, u"bob-phone"_s}, {u"limit"_s, 3}};
            if (!after.isNull())
                request.insert(u"after"_s, after);
            auto result = admin->reply(admin->request(request), kTimeout);
            QVERIFY(result);
            QCOMPARE(result->value(u"type"_s).toString(), u"result"_s);
            total = result->value(u"total"_s).toInteger(-1);
            for (const QJsonValue &row : result->value(u"rows"_s).toArray())
                queued.append(row.toObject());
            after = result->value(u"next"_s);
            if (after.isNull())
                break;
        }
        QCOMPARE(total, qint64(queued.size()));
        QVERIFY(queued.size() >= 6);

        away->clearReceived();
        QVERIFY(goLive(*away));
        const QList<QJsonObject> spool = spoolOf(*away);
        QCOMPARE(queued.size(), spool.size());
        for (qsizetype i = 0; i < spool.size(); ++i) {
            QCOMPARE(queued[i].value(u"oid"_s).toString(), spool[i].value(u"oid"_s).toString());
            QCOMPARE(queued[i].value(u"seq"_s).toInteger(), spool[i].value(u"seq"_s).toInteger());
            QCOMPARE(queued[i].value(u"op"_s).toString(), spool[i].value(u"type"_s).toString());
        }
        QSet<QString> oids;
        for (const QJsonObject &row : queued)
            oids.insert(row.value(u"oid"_s).toString());
        QVERIFY(oids.contains(u"family-list"_s));
        QVERIFY(!oids.contains(u"secret-list"_s));
        QVERIFY(oids.contains(u"seen-before"_s)); // its tombstone
    }

    void queries_list_objects_users_and_groups_and_actions_are_audited()
    {
        auto admin = console();
        QVERIFY(admin);
        QVERIFY(admin->subscribe({u"audit"_s, u"stats"_s}, kTimeout));
        auto writer = device(u"alice-phone"_s, u"alice"_s);
        QVERIFY(goLive(*writer));
        for (int i = 0; i < 5; ++i)
            writer->dispatch(u"shop.%1"_s.arg(i), QJsonObject{{u"n"_s, i}},
                             opts(std::nullopt, u"item"_s));
        writer->dispatch(u"other"_s, QJsonObject{{u"n"_s, 9}}, opts(std::nullopt, u"image"_s));
        QVERIFY(drained(*writer));

        auto page = admin->reply(
            admin->request({{u"type"_s, u"objects"_s}, {u"prefix"_s, u"shop."_s}, {u"limit"_s, 3}}),
            kTimeout);
        QVERIFY(page);
        QCOMPARE(page->value(u"rows"_s).toArray().size(), 3);
        QCOMPARE(page->value(u"rows"_s).toArray().first().toObject().value(u"oid"_s).toString(),
                 u"shop.0"_s);
        auto rest = admin->reply(admin->request({{u"type"_s, u"objects"_s},
                                                 {u"prefix"_s, u"shop."_s},
                                                 {u"limit"_s, 3},
                                                 {u"after"_s, page->value(u"next"_s)}}),
                                 kTimeout);
        QVERIFY(rest);
        QCOMPARE(rest->value(u"rows"_s).toArray().size(), 2);
        QVERIFY(rest->value(u"next"_s).isNull());
        auto images = admin->reply(
            admin->request({{u"type"_s, u"objects"_s}, {u"kind"_s, u"image"_s}}), kTimeout);
        QVERIFY(images);
        QCOMPARE(images->value(u"rows"_s).toArray().size(), 1);

        // A user added through the admin interface can log in; disabling it
        // closes its sessions with 4401.
        qsizetype from = admin->mark();
        auto added = admin->reply(admin->request({{u"type"_s, u"user"_s},
                                                  {u"op"_s, u"add"_s},
                                                  {u"name"_s, u"dave"_s},
                                                  {u"password"_s, u"dave-pw"_s}}),
                                  kTimeout);
        QVERIFY(added);
        QCOMPARE(added->value(u"type"_s).toString(), u"done"_s);
        auto audit =
            admin->waitEvent(u"audit"_s, rowWith(u"type"_s, u"user"_s), from, kEventWithinMs);
        QVERIFY(audit);
        QCOMPARE(audit->value(u"row"_s).toObject().value(u"name"_s).toString(), u"dave"_s);
        QVERIFY(!audit->value(u"row"_s).toObject().contains(u"password"_s));
        // A list of the family's, which dave may see once he joins it.
        writer->dispatch(u"fam-list"_s, QJsonObject{{u"title"_s, u"Ours"_s}},
                         opts(std::nullopt, u"list"_s));
        QSignalSpy shared(writer.get(), &client::SyncClient::shared);
        writer->share(u"fam-list"_s, {u"group:family"_s});
        QVERIFY(shared.wait(kTimeout) || !shared.isEmpty());
        auto dave = device(u"dave-phone"_s, u"dave"_s);
        QVERIFY(goLive(*dave));
        QVERIFY(!dave->object(u"fam-list"_s).has_value());
        auto member = admin->reply(admin->request({{u"type"_s, u"group"_s},
                                                   {u"op"_s, u"member-add"_s},
                                                   {u"group"_s, u"family"_s},
                                                   {u"name"_s, u"dave"_s}}),
                                   kTimeout);
        QVERIFY(member);
        QCOMPARE(member->value(u"type"_s).toString(), u"done"_s);
        // Live, without logging in again (PROTOCOL.md 7).
        QTRY_VERIFY_WITH_TIMEOUT(dave->object(u"fam-list"_s).has_value(), kTimeout);
        QVERIFY(dave->isLive());
        auto groups = admin->reply(admin->request({{u"type"_s, u"groups"_s}}), kTimeout);
        QVERIFY(groups);
        bool daveInFamily = false;
        for (const QJsonValue &row : groups->value(u"rows"_s).toArray()) {
            if (row.toObject().value(u"group"_s) == u"family"_s)
                daveInFamily = row.toObject().value(u"members"_s).toArray().contains(u"dave"_s);
        }
        QVERIFY(daveInFamily);
        auto disabled = admin->reply(
            admin->request(
                {{u"type"_s, u"user"_s}, {u"op"_s, u"disable"_s}, {u"name"_s, u"dave"_s}}),
            kTimeout);
        QVERIFY(disabled);
        QCOMPARE(disabled->value(u"type"_s).toString(), u"done"_s);
        QVERIFY(closed(*dave));
        QCOMPARE(dave->closeCode(), 4401);
        auto users = admin->reply(admin->request({{u"type"_s, u"users"_s}}), kTimeout);
        QVERIFY(users);
        bool daveDisabled = false;
        for (const QJsonValue &row : users->value(u"rows"_s).toArray()) {
            if (row.toObject().value(u"name"_s) == u"dave"_s)
                daveDisabled = row.toObject().value(u"disabled"_s).toBool();
        }
        QVERIFY(daveDisabled);
        auto unknownUser = admin->reply(
            admin->request(
                {{u"type"_s, u"user"_s}, {u"op"_s, u"enable"_s}, {u"name"_s, u"nobody"_s}}),
            kTimeout);
        QVERIFY(unknownUser);
        QCOMPARE(unknownUser->value(u"type"_s).toString(), u"error"_s);

        // Stats: at least every 2 s, with the counters of the contract.
        from = admin->mark();
        auto stats = admin->waitEvent(
            u"stats"_s, [](const QJsonObject &) { return true; }, from, 2500);
        QVERIFY2(stats, "no stats within 2 s");
        const QJsonObject s = stats->value(u"row"_s).toObject();
        QCOMPARE(s.value(u"backend"_s).toString(), server->isMysql() ? u"mysql"_s : u"sqlite"_s);
        QVERIFY(s.value(u"highestSeq"_s).toInteger() >= 6);
        QVERIFY(s.value(u"connections"_s).toInt() >= 2);
        QVERIFY(s.value(u"uptimeMs"_s).toInteger() > 0);
        QVERIFY(s.contains(u"dispatchesPerSec"_s));
        QVERIFY(s.contains(u"deliveriesPerSec"_s));
        QVERIFY(s.value(u"devices"_s).toInt() >= 2);

        // Bad requests: an error naming the req, the session stays.
        auto bad = admin->reply(admin->request({{u"type"_s, u"queue"_s}}), kTimeout);
        QVERIFY(bad);
        QCOMPARE(bad->value(u"code"_s).toString(), u"invalid"_s);
        QVERIFY(admin->isConnected());
    }

    void address_outside_the_allow_list_is_refused()
    {
        QCOMPARE(server->stop(), 0);
        server->set(u"admin/allow"_s, u"10.11.12.0/24"_s);
        QVERIFY(server->start());
        QUrl url = server->url();
        url.setPath(u"/v1/admin"_s);
        AdminProbe probe(url, server->caCertificates());
        QVERIFY(probe.loginRefused(u"alice"_s, u"alice-pw"_s, kTimeout));
        QCOMPARE(probe.closeCode(), 4403);
        // Devices are not affected.
        auto phone = device(u"bob-phone"_s, u"bob"_s);
        QVERIFY(goLive(*phone));
    }
};

QTEST_GUILESS_MAIN(AdminTest)
#include "tst_admin.moc"
