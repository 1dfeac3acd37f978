// SyncClient without the real server: the replica's merge rules, the hybrid
// clock, the outbox, and the client's side of the session against a scripted
// server over wss with the `tls` fixture's certificates.

#include "client/hybridclock.h"
#include "client/outbox.h"
#include "client/replica.h"
#include "client/syncclient.h"
#include "engine/objectstate.h"
#include "protocol/codec.h"
#include "scriptedserver.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>
#include <memory>

using namespace Qt::StringLiterals;
using namespace seneschal;
using client::Replica;
using client::ReplicaStamp;
using client::SyncClient;

namespace {

// One property of a server dispatch: value and winning stamp.
struct Prop
{
    QString name;
    QJsonValue value;
    qint64 ts = 0;
    QString cuid;
};

// A server dispatch as the server's codec writes it (so the client is tested
// against the real encoding). `_deleted` becomes `deleted` plus its stamp.
QJsonObject serverDispatch(qint64 seq, const QString &oid, const QList<Prop> &props,
                           const QString &kind = {}, const QString &parent = {})
{
    engine::ObjectState state;
    state.oid = oid;
    state.seq = seq;
    state.kind = kind;
    state.parent = parent;
    state.created = true;
    for (const Prop &p : props)
        state.props.insert(p.name, engine::Property{p.value, engine::Stamp{p.ts, p.cuid, u"x"_s}});
    return QJsonDocument::fromJson(protocol::encodeDispatch(state)).object();
}

protocol::ClientDispatch localDispatch(const QString &id, const QString &oid, qint64 ts,
                                       const QJsonObject &props,
                                       engine::DispatchOp op = engine::DispatchOp::Put)
{
    protocol::ClientDispatch d;
    d.id = id;
    d.oid = oid;
    d.ts = ts;
    d.op = op;
    d.props = props;
    return d;
}

QJsonObject welcomeFor(const QString &uuid, const QString &cuid, qint64 serverTime = 0)
{
    protocol::Welcome w;
    w.uuid = uuid;
    w.cuid = cuid;
    w.groups = {u"family"_s};
    w.token = u"token-for-"_s + uuid;
    w.tokenExpires = 1766646000000;
    w.serverTime = serverTime;
    return QJsonDocument::fromJson(protocol::encodeWelcome(w)).object();
}

QStringList toStringList(const QJsonValue &value)
{
    QStringList list;
    for (const QJsonValue &v : value.toArray())
        list.append(v.toString());
    return list;
}

} // namespace

class TestSyncClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    // ---- replica
    void replica_server_dispatch_creates_object();
    void replica_server_stamp_replaces_when_greater_or_equal_data();
    void replica_server_stamp_replaces_when_greater_or_equal();
    void replica_optimistic_write_shows_until_a_greater_server_stamp();
    void replica_acknowledged_write_is_kept_against_older_server_values();
    void replica_rejected_write_disappears();
    void replica_delete_merges_by_stamp_and_leaves_a_tombstone();
    void replica_server_delete_and_restore();
    void replica_revoke_removes_object();
    void replica_reset_drops_confirmed_data_keeps_pending();
    void replica_full_copy_after_reset_replaces();
    void replica_seed_scenario_from_the_offline_device();

    // ---- hybrid clock
    void clock_follows_server_time();
    void clock_beats_largest_seen_ts();
    void clock_is_strictly_increasing();

    // ---- outbox
    void outbox_ids_are_unique_and_valid();
    void outbox_take_removes_only_that_dispatch();
    void outbox_survives_a_restart();

    // ---- session against a scripted server
    void session_hello_carries_cuid_since_and_password();
    void session_hello_with_jwt();
    void session_welcome_stores_token_and_server_clock();
    void session_uploads_outbox_then_upload_end_on_rehydrate_begin();
    void session_walks_through_the_states();
    void session_ack_removes_from_outbox_and_notes_clamped();
    void session_reject_removes_and_reports();
    void session_dispatch_is_queued_until_synced();
    void session_live_dispatch_is_sent_at_once();
    void session_reused_id_is_sent_twice_and_cleared_by_its_ack();
    void session_acks_after_synced_and_coalesces_live_dispatches();
    void session_no_ack_without_auto_ack();
    void session_since_follows_the_spool_not_rehydrate_end();
    void session_unacknowledged_dispatch_is_sent_again_on_next_rehydrate();
    void session_restored_outbox_is_uploaded();
    void session_reset_keeps_outbox();
    void session_revoke_and_error_signals();
    void session_share_is_queued_until_live();
    void session_ping_pong();
    void session_hello_can_be_delayed_or_skipped();
    void session_manual_upload_end();
    void session_raw_frames_reach_the_server();
    void session_close_code_from_server();
    void session_abnormal_closure_is_1006();
    void session_client_abort_and_disconnect();
    void session_tls_fails_against_other_ca();
    void session_tls_trusts_a_ca_file();
    void session_unreadable_ca_file_fails_the_connection();

private:
    std::unique_ptr<ScriptedServer> startServer();
    client::SyncClientOptions optionsFor(const ScriptedServer &server,
                                         const QString &cuid = u"dev-7f3a"_s) const;
    // Connects and answers the hello with a welcome; false on timeout.
    bool welcome(SyncClient &client, ScriptedServer &server);
    // Plays a whole rehydrate with an empty spool up to synced.
    bool goLive(SyncClient &client, ScriptedServer &server, qint64 seq);

    bool m_haveTls = false;
    QString m_tlsDir;
    QList<QSslCertificate> m_ca;
    QList<QSslCertificate> m_otherCa;
    QSslConfiguration m_serverTls;
};

void TestSyncClient::initTestCase()
{
    const QString dir = qEnvironmentVariable("SENESCHAL_TEST_TLS_DIR");
    if (dir.isEmpty())
        return; // the session tests skip themselves
    m_tlsDir = dir;
    m_ca = QSslCertificate::fromPath(dir + u"/ca.pem"_s);
    m_otherCa = QSslCertificate::fromPath(dir + u"/other-ca.pem"_s);
    const auto chain = QSslCertificate::fromPath(dir + u"/server.pem"_s);
    QFile keyFile(dir + u"/server.key"_s);
    QVERIFY(keyFile.open(QIODevice::ReadOnly));
    const QSslKey key(&keyFile, QSsl::Rsa);
    QVERIFY(!m_ca.isEmpty());
    QVERIFY(!m_otherCa.isEmpty());
    QVERIFY(!chain.isEmpty());
    QVERIFY(!key.isNull());
    m_serverTls = QSslConfiguration::defaultConfiguration();
    m_serverTls.setLocalCertificateChain(chain);
    m_serverTls.setPrivateKey(key);
    m_serverTls.setPeerVerifyMode(QSslSocket::VerifyNone);
    m_haveTls = true;
}

std::unique_ptr<ScriptedServer> TestSyncClient::startServer()
{
    auto server = std::make_unique<ScriptedServer>();
    if (!server->listen(m_serverTls))
        return nullptr;
    return server;
}

client::SyncClientOptions TestSyncClient::optionsFor(const ScriptedServer &server,
                                                     const QString &cuid) const
{
    client::SyncClientOptions options;
    options.url = server.url();
    options.cuid = cuid;
    options.auth = client::ClientAuth::withPassword(u"alice"_s, u"s3cret"_s);
    options.caCertificates = m_ca;
    return options;
}

bool TestSyncClient::welcome(SyncClient &client, ScriptedServer &server)
{
    const qsizetype hellos = server.receivedOfType(u"hello"_s).size();
    client.connectToServer();
    if (!QTest::qWaitFor([&] { return server.receivedOfType(u"hello"_s).size() > hellos; }, 5000))
        return false;
    server.send(welcomeFor(u"alice"_s, client.options().cuid));
    return QTest::qWaitFor([&] { return !client.welcome().isEmpty(); }, 5000);
}

bool TestSyncClient::goLive(SyncClient &client, ScriptedServer &server, qint64 seq)
{
    if (!welcome(client, server))
        return false;
    const qsizetype uploadEnds = server.receivedOfType(u"uploadEnd"_s).size();
    server.send(protocol::encodeRehydrateBegin());
    if (!QTest::qWaitFor([&] { return server.receivedOfType(u"uploadEnd"_s).size() > uploadEnds; },
                         5000))
        return false;
    server.send(protocol::encodeRehydrateEnd(seq));
    server.send(protocol::encodeSynced(seq));
    return QTest::qWaitFor([&] { return client.isLive(); }, 5000);
}

#define REQUIRE_TLS()                                                                              \
    do {                                                                                           \
        if (!m_haveTls)                                                                            \
            QSKIP("SENESCHAL_TEST_TLS_DIR is not set (run through ctest)");                        \
    } while (false)

#define START_SERVER(name)                                                                         \
    REQUIRE_TLS();                                                                                 \
    const auto name##Owner = startServer();                                                        \
    QVERIFY(name##Owner);                                                                          \
    ScriptedServer &name = *name##Owner

// ---- replica ----------------------------------------------------------------------------------

void TestSyncClient::replica_server_dispatch_creates_object()
{
    Replica replica;
    const auto applied = replica.applyServerDispatch(serverDispatch(
        4713, u"ob1"_s,
        {{u"qty"_s, u"2"_s, 100, u"dev-a"_s}, {u"location"_s, u"aisle"_s, 200, u"dev-b"_s}},
        u"item"_s, u"list-9"_s));
    QVERIFY(applied.ok);
    QCOMPARE(applied.oid, u"ob1"_s);
    QCOMPARE(applied.seq, 4713);
    QCOMPARE(applied.largestTs, 200);
    const auto object = replica.object(u"ob1"_s);
    QVERIFY(object);
    QCOMPARE(object->kind, u"item"_s);
    QCOMPARE(object->parent, u"list-9"_s);
    QCOMPARE(object->seq, 4713);
    QVERIFY(!object->deleted);
    QCOMPARE(object->props, (QJsonObject{{u"qty"_s, u"2"_s}, {u"location"_s, u"aisle"_s}}));
    QCOMPARE(object->stamps.value(u"qty"_s), ReplicaStamp(100, u"dev-a"_s));
    QCOMPARE(object->stamps.value(u"location"_s), ReplicaStamp(200, u"dev-b"_s));
    QVERIFY(!object->stamps.contains(u"_deleted"_s));

    QVERIFY(!replica.applyServerDispatch(QJsonObject{{u"type"_s, u"dispatch"_s}}).ok);
}

void TestSyncClient::replica_server_stamp_replaces_when_greater_or_equal_data()
{
    QTest::addColumn<qint64>("localTs");
    QTest::addColumn<QString>("localCuid");
    QTest::addColumn<qint64>("serverTs");
    QTest::addColumn<QString>("serverCuid");
    QTest::addColumn<bool>("serverWins");

    QTest::newRow("greater ts") << qint64(100) << u"dev-z"_s << qint64(101) << u"dev-a"_s << true;
    QTest::newRow("smaller ts") << qint64(100) << u"dev-a"_s << qint64(99) << u"dev-z"_s << false;
    QTest::newRow("same ts, greater cuid")
        << qint64(100) << u"dev-a"_s << qint64(100) << u"dev-b"_s << true;
    QTest::newRow("same ts, smaller cuid")
        << qint64(100) << u"dev-b"_s << qint64(100) << u"dev-a"_s << false;
    QTest::newRow("equal stamp") << qint64(100) << u"dev-a"_s << qint64(100) << u"dev-a"_s << true;
    // Bytewise: 'Z' (0x5A) sorts before 'a' (0x61); U+1F600 (4 UTF-8 bytes) after U+FFFD.
    QTest::newRow("bytewise case")
        << qint64(100) << u"dev-a"_s << qint64(100) << u"dev-Z"_s << false;
    QTest::newRow("bytewise beyond BMP") << qint64(100) << u"dev-\uFFFD"_s << qint64(100)
                                         << QString::fromUtf8("dev-\xF0\x9F\x98\x80") << true;
}

void TestSyncClient::replica_server_stamp_replaces_when_greater_or_equal()
{
    QFETCH(qint64, localTs);
    QFETCH(QString, localCuid);
    QFETCH(qint64, serverTs);
    QFETCH(QString, serverCuid);
    QFETCH(bool, serverWins);

    // The confirmed layer: the server's own earlier state.
    Replica confirmed;
    confirmed.applyServerDispatch(
        serverDispatch(1, u"ob1"_s, {{u"qty"_s, u"local"_s, localTs, localCuid}}));
    confirmed.applyServerDispatch(
        serverDispatch(2, u"ob1"_s, {{u"qty"_s, u"server"_s, serverTs, serverCuid}}));
    QCOMPARE(confirmed.object(u"ob1"_s)->props.value(u"qty"_s).toString(),
             serverWins ? u"server"_s : u"local"_s);
    QCOMPARE(confirmed.object(u"ob1"_s)->seq, 2);

    // An optimistic local write against the server's.
    Replica optimistic;
    optimistic.applyLocal(localDispatch(u"1-a"_s, u"ob1"_s, localTs, {{u"qty"_s, u"local"_s}}),
                          localCuid);
    optimistic.applyServerDispatch(
        serverDispatch(2, u"ob1"_s, {{u"qty"_s, u"server"_s, serverTs, serverCuid}}));
    QCOMPARE(optimistic.object(u"ob1"_s)->props.value(u"qty"_s).toString(),
             serverWins ? u"server"_s : u"local"_s);
    QCOMPARE(optimistic.object(u"ob1"_s)->stamps.value(u"qty"_s),
             serverWins ? ReplicaStamp(serverTs, serverCuid) : ReplicaStamp(localTs, localCuid));
}

void TestSyncClient::replica_optimistic_write_shows_until_a_greater_server_stamp()
{
    Replica replica;
    replica.applyServerDispatch(serverDispatch(
        10, u"ob1"_s,
        {{u"name"_s, u"test"_s, 100, u"dev-1"_s}, {u"qty"_s, u"1"_s, 100, u"dev-1"_s}}));
    replica.applyLocal(localDispatch(u"1-a"_s, u"ob1"_s, 200, {{u"qty"_s, u"5"_s}}), u"dev-2"_s);
    QVERIFY(replica.isPending(u"1-a"_s));
    QCOMPARE(replica.object(u"ob1"_s)->props,
             (QJsonObject{{u"name"_s, u"test"_s}, {u"qty"_s, u"5"_s}}));
    QCOMPARE(replica.object(u"ob1"_s)->seq, 10);

    // An older server value does not hide the newer local write...
    replica.applyServerDispatch(
        serverDispatch(11, u"ob1"_s, {{u"qty"_s, u"3"_s, 150, u"dev-3"_s}}));
    QCOMPARE(replica.object(u"ob1"_s)->props.value(u"qty"_s).toString(), u"5"_s);
    // ...a newer one wins.
    replica.applyServerDispatch(
        serverDispatch(12, u"ob1"_s, {{u"qty"_s, u"7"_s, 250, u"dev-3"_s}}));
    QCOMPARE(replica.object(u"ob1"_s)->props.value(u"qty"_s).toString(), u"7"_s);
    QCOMPARE(replica.object(u"ob1"_s)->stamps.value(u"qty"_s), ReplicaStamp(250, u"dev-3"_s));
    QCOMPARE(replica.object(u"ob1"_s)->seq, 12);
}

void TestSyncClient::replica_acknowledged_write_is_kept_against_older_server_values()
{
    Replica replica;
    replica.applyLocal(localDispatch(u"1-a"_s, u"ob1"_s, 200, {{u"qty"_s, u"5"_s}}), u"dev-2"_s);
    replica.confirmLocal(u"1-a"_s);
    QVERIFY(!replica.isPending(u"1-a"_s));
    QCOMPARE(replica.pendingCount(), 0);
    QCOMPARE(replica.object(u"ob1"_s)->props.value(u"qty"_s).toString(), u"5"_s);

    replica.applyServerDispatch(serverDispatch(
        11, u"ob1"_s, {{u"qty"_s, u"3"_s, 150, u"dev-3"_s}, {u"name"_s, u"x"_s, 150, u"dev-3"_s}}));
    QCOMPARE(replica.object(u"ob1"_s)->props,
             (QJsonObject{{u"qty"_s, u"5"_s}, {u"name"_s, u"x"_s}}));

    // A clamped ack lowers the write's ts to the server's clock.
    replica.applyLocal(localDispatch(u"2-a"_s, u"ob1"_s, 999999, {{u"name"_s, u"future"_s}}),
                       u"dev-2"_s);
    replica.confirmLocal(u"2-a"_s, 300);
    QCOMPARE(replica.object(u"ob1"_s)->stamps.value(u"name"_s), ReplicaStamp(300, u"dev-2"_s));
    replica.applyServerDispatch(
        serverDispatch(12, u"ob1"_s, {{u"name"_s, u"later"_s, 400, u"dev-3"_s}}));
    QCOMPARE(replica.object(u"ob1"_s)->props.value(u"name"_s).toString(), u"later"_s);
}

void TestSyncClient::replica_rejected_write_disappears()
{
    Replica replica;
    replica.applyServerDispatch(
        serverDispatch(10, u"ob1"_s, {{u"qty"_s, u"1"_s, 100, u"dev-1"_s}}));
    replica.applyLocal(localDispatch(u"1-a"_s, u"ob1"_s, 200, {{u"qty"_s, u"5"_s}}), u"dev-2"_s);
    replica.applyLocal(localDispatch(u"2-a"_s, u"list-3"_s, 200, {{u"title"_s, u"x"_s}}),
                       u"dev-2"_s);
    QCOMPARE(replica.size(), 2);

    replica.dropLocal(u"1-a"_s);
    replica.dropLocal(u"2-a"_s);
    QCOMPARE(replica.object(u"ob1"_s)->props.value(u"qty"_s).toString(), u"1"_s);
    QCOMPARE(replica.object(u"ob1"_s)->stamps.value(u"qty"_s), ReplicaStamp(100, u"dev-1"_s));
    QVERIFY(!replica.contains(u"list-3"_s)); // it only ever existed locally
    QCOMPARE(replica.pendingCount(), 0);
}

void TestSyncClient::replica_delete_merges_by_stamp_and_leaves_a_tombstone()
{
    Replica replica;
    replica.applyServerDispatch(
        serverDispatch(10, u"ob1"_s, {{u"qty"_s, u"1"_s, 100, u"dev-1"_s}}));
    replica.applyServerDispatch(
        serverDispatch(11, u"ob2"_s, {{u"qty"_s, u"1"_s, 100, u"dev-1"_s}}));
    replica.applyLocal(localDispatch(u"1-a"_s, u"ob1"_s, 200, {}, engine::DispatchOp::Delete),
                       u"dev-2"_s);

    QVERIFY(replica.object(u"ob1"_s)->deleted);
    QCOMPARE(replica.object(u"ob1"_s)->stamps.value(u"_deleted"_s), ReplicaStamp(200, u"dev-2"_s));
    QVERIFY(!replica.object(u"ob1"_s)->props.contains(u"_deleted"_s));
    QCOMPARE(replica.objects().size(), 2);
    QCOMPARE(replica.visibleObjects().keys(), QList<QString>{u"ob2"_s});

    // The delete survives its ack and an older server write to the object:
    // a put to a deleted object merges its props, the object stays deleted.
    replica.confirmLocal(u"1-a"_s);
    replica.applyServerDispatch(
        serverDispatch(12, u"ob1"_s, {{u"qty"_s, u"9"_s, 300, u"dev-3"_s}}));
    QVERIFY(replica.object(u"ob1"_s)->deleted);
    QCOMPARE(replica.object(u"ob1"_s)->props.value(u"qty"_s).toString(), u"9"_s);

    // A restore is a put of _deleted:false with a greater stamp.
    replica.applyLocal(localDispatch(u"2-a"_s, u"ob1"_s, 400, {{u"_deleted"_s, false}}),
                       u"dev-2"_s);
    QVERIFY(!replica.object(u"ob1"_s)->deleted);
    QCOMPARE(replica.visibleObjects().size(), 2);
}

void TestSyncClient::replica_server_delete_and_restore()
{
    Replica replica;
    replica.applyServerDispatch(
        serverDispatch(10, u"ob1"_s, {{u"qty"_s, u"1"_s, 100, u"dev-1"_s}}));
    replica.applyServerDispatch(serverDispatch(
        11, u"ob1"_s,
        {{u"qty"_s, u"1"_s, 100, u"dev-1"_s}, {u"_deleted"_s, true, 200, u"dev-1"_s}}));
    QVERIFY(replica.object(u"ob1"_s)->deleted);
    QCOMPARE(replica.object(u"ob1"_s)->stamps.value(u"_deleted"_s), ReplicaStamp(200, u"dev-1"_s));
    QVERIFY(replica.visibleObjects().isEmpty());

    // A stale restore loses against the delete's stamp...
    replica.applyServerDispatch(
        serverDispatch(12, u"ob1"_s, {{u"_deleted"_s, false, 150, u"dev-9"_s}}));
    QVERIFY(replica.object(u"ob1"_s)->deleted);
    // ...a newer one wins.
    replica.applyServerDispatch(
        serverDispatch(13, u"ob1"_s, {{u"_deleted"_s, false, 250, u"dev-9"_s}}));
    QVERIFY(!replica.object(u"ob1"_s)->deleted);
    QCOMPARE(replica.object(u"ob1"_s)->stamps.value(u"_deleted"_s), ReplicaStamp(250, u"dev-9"_s));
}

void TestSyncClient::replica_revoke_removes_object()
{
    Replica replica;
    replica.applyServerDispatch(
        serverDispatch(10, u"list-3"_s, {{u"title"_s, u"x"_s, 100, u"dev-1"_s}}));
    replica.applyServerDispatch(
        serverDispatch(11, u"ob1"_s, {{u"qty"_s, u"1"_s, 100, u"dev-1"_s}}));
    replica.revoke(u"list-3"_s);
    QVERIFY(!replica.contains(u"list-3"_s));
    QVERIFY(replica.contains(u"ob1"_s));
    replica.revoke(u"unknown"_s); // harmless
    QCOMPARE(replica.size(), 1);
}

void TestSyncClient::replica_reset_drops_confirmed_data_keeps_pending()
{
    Replica replica;
    replica.applyServerDispatch(
        serverDispatch(10, u"ob1"_s, {{u"qty"_s, u"1"_s, 100, u"dev-1"_s}}));
    replica.applyServerDispatch(
        serverDispatch(11, u"ob2"_s, {{u"qty"_s, u"1"_s, 100, u"dev-1"_s}}));
    replica.applyLocal(localDispatch(u"1-a"_s, u"ob2"_s, 200, {{u"note"_s, u"mine"_s}}),
                       u"dev-2"_s);
    replica.reset();
    QVERIFY(!replica.contains(u"ob1"_s));
    QCOMPARE(replica.object(u"ob2"_s)->props, (QJsonObject{{u"note"_s, u"mine"_s}}));
    QCOMPARE(replica.object(u"ob2"_s)->seq, 0);
    QVERIFY(replica.isPending(u"1-a"_s));
}

void TestSyncClient::replica_full_copy_after_reset_replaces()
{
    Replica replica;
    replica.applyServerDispatch(serverDispatch(
        10, u"ob1"_s,
        {{u"qty"_s, u"1"_s, 500, u"dev-1"_s}, {u"old"_s, u"gone"_s, 500, u"dev-1"_s}}));
    replica.reset();
    // The full copy has older stamps than what was dropped: it still replaces.
    replica.applyServerDispatch(
        serverDispatch(20, u"ob1"_s, {{u"qty"_s, u"2"_s, 100, u"dev-3"_s}}));
    QCOMPARE(replica.object(u"ob1"_s)->props, (QJsonObject{{u"qty"_s, u"2"_s}}));
    QCOMPARE(replica.object(u"ob1"_s)->stamps.value(u"qty"_s), ReplicaStamp(100, u"dev-3"_s));
    QCOMPARE(replica.object(u"ob1"_s)->seq, 20);
}

void TestSyncClient::replica_seed_scenario_from_the_offline_device()
{
    // PROTOCOL.md section 6 as user 2's device sees it.
    const qint64 t0700 = 1764054000000;
    const qint64 t0720 = t0700 + 20 * 60000;
    const qint64 t0730 = t0700 + 30 * 60000;
    Replica replica;
    replica.applyServerDispatch(serverDispatch(1, u"ob1"_s,
                                               {{u"name"_s, u"test"_s, t0700, u"dev-1"_s},
                                                {u"qty"_s, u"1"_s, t0700, u"dev-1"_s},
                                                {u"location"_s, u"store"_s, t0700, u"dev-1"_s}}));
    replica.applyLocal(
        localDispatch(u"1-a"_s, u"ob1"_s, t0720, {{u"qty"_s, u"2"_s}, {u"location"_s, u"aisle"_s}}),
        u"dev-2"_s);
    // Upload acknowledged, then the spool with the winning location.
    replica.confirmLocal(u"1-a"_s);
    replica.applyServerDispatch(
        serverDispatch(3, u"ob1"_s,
                       {{u"name"_s, u"test"_s, t0700, u"dev-1"_s},
                        {u"qty"_s, u"2"_s, t0720, u"dev-2"_s},
                        {u"location"_s, u"food court"_s, t0730, u"dev-1"_s}}));
    QCOMPARE(replica.object(u"ob1"_s)->props,
             (QJsonObject{
                 {u"name"_s, u"test"_s}, {u"qty"_s, u"2"_s}, {u"location"_s, u"food court"_s}}));
}

// ---- hybrid clock -----------------------------------------------------------------------------

void TestSyncClient::clock_follows_server_time()
{
    qint64 local = 1000;
    client::HybridClock clock([&local] { return local; });
    QCOMPARE(clock.next(), 1000);
    clock.syncWithServer(50000);
    QCOMPARE(clock.offset(), 49000);
    local = 2000;
    QCOMPARE(clock.serverNow(), 51000);
    QCOMPARE(clock.next(), 51000);
    // Half the round trip is added: the server's time was read that long ago.
    clock.syncWithServer(60000, 400);
    QCOMPARE(clock.serverNow(), 60200);
    QCOMPARE(clock.next(), 60200);
    // A server behind the local clock moves it back, but never below what was issued.
    clock.syncWithServer(10);
    QCOMPARE(clock.next(), 60201);
}

void TestSyncClient::clock_beats_largest_seen_ts()
{
    client::HybridClock clock([] { return qint64(1000); });
    clock.observe(5000);
    clock.observe(3000);
    QCOMPARE(clock.largestSeen(), 5000);
    QCOMPARE(clock.next(), 5001);
}

void TestSyncClient::clock_is_strictly_increasing()
{
    client::HybridClock clock([] { return qint64(1000); });
    qint64 last = 0;
    for (int i = 0; i < 100; ++i) {
        const qint64 ts = clock.next();
        QVERIFY(ts > last);
        last = ts;
    }
    client::HybridClock system;
    const qint64 a = system.next();
    const qint64 b = system.next();
    QVERIFY(b > a);
    QVERIFY(qAbs(a - QDateTime::currentMSecsSinceEpoch()) < 60000);
}

// ---- outbox -----------------------------------------------------------------------------------

void TestSyncClient::outbox_ids_are_unique_and_valid()
{
    client::Outbox outbox;
    QSet<QString> ids;
    for (int i = 0; i < 2000; ++i) {
        const QString id = outbox.nextId();
        QVERIFY2(protocol::isValidDispatchId(id), qPrintable(id));
        QVERIFY(id.startsWith(QString::number(i + 1) + u'-'));
        ids.insert(id);
    }
    QCOMPARE(ids.size(), 2000);
    // Another outbox of the same cuid (a reinstall that lost its file) still differs.
    client::Outbox again;
    QVERIFY(!ids.contains(again.nextId()));
}

void TestSyncClient::outbox_take_removes_only_that_dispatch()
{
    client::Outbox outbox;
    outbox.append(localDispatch(u"1-a"_s, u"ob1"_s, 100, {{u"a"_s, 1}}));
    outbox.append(localDispatch(u"2-a"_s, u"ob2"_s, 101, {{u"b"_s, 2}}));
    outbox.append(localDispatch(u"3-a"_s, u"ob1"_s, 102, {}, engine::DispatchOp::Delete));
    QCOMPARE(outbox.ids(), (QStringList{u"1-a"_s, u"2-a"_s, u"3-a"_s}));
    const auto taken = outbox.take(u"2-a"_s);
    QVERIFY(taken);
    QCOMPARE(taken->oid, u"ob2"_s);
    QVERIFY(!outbox.take(u"2-a"_s));
    QCOMPARE(outbox.ids(), (QStringList{u"1-a"_s, u"3-a"_s}));
    QVERIFY(outbox.contains(u"3-a"_s));
    QCOMPARE(outbox.find(u"3-a"_s)->op, engine::DispatchOp::Delete);
    QVERIFY(!outbox.find(u"2-a"_s));
}

void TestSyncClient::outbox_survives_a_restart()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"outbox.json"_s);
    QString lastId;
    {
        client::Outbox outbox(path);
        QVERIFY(outbox.load()); // no file yet
        protocol::ClientDispatch d =
            localDispatch(outbox.nextId(), u"list-9"_s, 100, {{u"title"_s, u"Groceries"_s}});
        d.kind = u"list"_s;
        d.access = engine::Access::Private;
        outbox.append(d);
        outbox.append(
            localDispatch(outbox.nextId(), u"ob1"_s, 101, {}, engine::DispatchOp::Delete));
        lastId = outbox.nextId();
        outbox.append(localDispatch(lastId, u"ob2"_s, 102, {{u"n"_s, QJsonArray{1, 2}}}));
        QVERIFY(outbox.take(lastId));
    }
    client::Outbox outbox(path);
    QVERIFY(outbox.load());
    QCOMPARE(outbox.size(), 2);
    const auto &first = outbox.entries().at(0);
    QCOMPARE(first.oid, u"list-9"_s);
    QCOMPARE(first.kind, u"list"_s);
    QCOMPARE(first.access, std::optional<engine::Access>(engine::Access::Private));
    QCOMPARE(first.props, (QJsonObject{{u"title"_s, u"Groceries"_s}}));
    QCOMPARE(outbox.entries().at(1).op, engine::DispatchOp::Delete);
    QCOMPARE(outbox.entries().at(1).ts, 101);
    // The counter continues.
    QVERIFY(outbox.nextId().startsWith(u"4-"_s));

    QFile garbage(dir.filePath(u"garbage.json"_s));
    QVERIFY(garbage.open(QIODevice::WriteOnly));
    garbage.write("not json");
    garbage.close();
    client::Outbox broken(garbage.fileName());
    QString error;
    QVERIFY(!broken.load(&error));
    QVERIFY(!error.isEmpty());
}

// ---- session ----------------------------------------------------------------------------------

void TestSyncClient::session_hello_carries_cuid_since_and_password()
{
    START_SERVER(server);
    auto options = optionsFor(server);
    options.since = 4711;
    SyncClient client(options);
    client.connectToServer();
    QTRY_COMPARE(server.received().size(), 1);
    const QJsonObject hello = server.received().at(0);
    QCOMPARE(hello.value(u"type"_s).toString(), u"hello"_s);
    QCOMPARE(hello.value(u"protocol"_s).toInt(), 1);
    QCOMPARE(hello.value(u"cuid"_s).toString(), u"dev-7f3a"_s);
    QCOMPARE(hello.value(u"since"_s).toInteger(), 4711);
    const QJsonObject auth = hello.value(u"auth"_s).toObject();
    QCOMPARE(auth.value(u"method"_s).toString(), u"password"_s);
    QCOMPARE(auth.value(u"username"_s).toString(), u"alice"_s);
    QCOMPARE(auth.value(u"password"_s).toString(), u"s3cret"_s);
    QCOMPARE(client.state(), SyncClient::State::Authenticating);
}

void TestSyncClient::session_hello_with_jwt()
{
    START_SERVER(server);
    auto options = optionsFor(server);
    options.auth = client::ClientAuth::withToken(u"eyJ.abc.def"_s);
    SyncClient client(options);
    client.connectToServer();
    QTRY_COMPARE(server.received().size(), 1);
    const QJsonObject auth = server.received().at(0).value(u"auth"_s).toObject();
    QCOMPARE(auth, (QJsonObject{{u"method"_s, u"jwt"_s}, {u"token"_s, u"eyJ.abc.def"_s}}));
}

void TestSyncClient::session_welcome_stores_token_and_server_clock()
{
    START_SERVER(server);
    SyncClient client(optionsFor(server));
    QSignalSpy welcomed(&client, &SyncClient::welcomed);
    client.connectToServer();
    QTRY_COMPARE(server.received().size(), 1);
    const qint64 serverTime = QDateTime::currentMSecsSinceEpoch() + 3600000; // an hour ahead
    server.send(welcomeFor(u"alice"_s, u"dev-7f3a"_s, serverTime));
    QTRY_COMPARE(welcomed.size(), 1);
    QCOMPARE(client.uuid(), u"alice"_s);
    QCOMPARE(client.token(), u"token-for-alice"_s);
    QCOMPARE(client.tokenExpires(), 1766646000000);
    QCOMPARE(client.welcome().value(u"groups"_s).toArray(), QJsonArray{u"family"_s});
    QVERIFY(qAbs(client.clock().serverNow() - (QDateTime::currentMSecsSinceEpoch() + 3600000)) <
            5000);
    QVERIFY(client.clock().next() >= serverTime);
}

void TestSyncClient::session_uploads_outbox_then_upload_end_on_rehydrate_begin()
{
    START_SERVER(server);
    SyncClient client(optionsFor(server));
    // Offline writes, kept in the outbox.
    client::DispatchOptions itemOptions;
    itemOptions.ts = 1764055200000;
    itemOptions.kind = u"item"_s;
    const QString first =
        client.dispatch(u"ob1"_s, {{u"qty"_s, u"2"_s}, {u"location"_s, u"aisle"_s}}, itemOptions);
    const QString second = client.deleteObject(u"ob2"_s);
    client::DispatchOptions listOptions;
    listOptions.kind = u"list"_s;
    listOptions.access = engine::Access::Private;
    const QString third = client.dispatch(u"list-9"_s, {{u"title"_s, u"Groceries"_s}}, listOptions);
    QCOMPARE(client.outbox().size(), 3);

    QVERIFY(welcome(client, server));
    QCOMPARE(server.receivedTypes(), QStringList{u"hello"_s}); // nothing before rehydrateBegin
    QSignalSpy began(&client, &SyncClient::rehydrateBegan);
    server.send(protocol::encodeRehydrateBegin());
    QTRY_COMPARE(server.received().size(), 5);
    QCOMPARE(began.size(), 1);
    QCOMPARE(server.receivedTypes(), (QStringList{u"hello"_s, u"dispatch"_s, u"dispatch"_s,
                                                  u"dispatch"_s, u"uploadEnd"_s}));
    const QJsonObject d1 = server.received().at(1);
    QCOMPARE(d1.value(u"id"_s).toString(), first);
    QCOMPARE(d1.value(u"oid"_s).toString(), u"ob1"_s);
    QCOMPARE(d1.value(u"ts"_s).toInteger(), 1764055200000);
    QCOMPARE(d1.value(u"kind"_s).toString(), u"item"_s);
    QCOMPARE(d1.value(u"props"_s).toObject(),
             (QJsonObject{{u"qty"_s, u"2"_s}, {u"location"_s, u"aisle"_s}}));
    const QJsonObject d2 = server.received().at(2);
    QCOMPARE(d2.value(u"id"_s).toString(), second);
    QCOMPARE(d2.value(u"op"_s).toString(), u"delete"_s);
    QVERIFY(!d2.contains(u"props"_s));
    // The clock had seen the explicit ts: later dispatches are stamped after it.
    QVERIFY(d2.value(u"ts"_s).toInteger() > 1764055200000);
    const QJsonObject d3 = server.received().at(3);
    QCOMPARE(d3.value(u"id"_s).toString(), third);
    QCOMPARE(d3.value(u"access"_s).toString(), u"private"_s);
    QVERIFY(d3.value(u"ts"_s).toInteger() > d2.value(u"ts"_s).toInteger());
    for (int i = 1; i <= 3; ++i) {
        const auto parsed = protocol::parseClientMessage(
            QJsonDocument(server.received().at(i)).toJson(QJsonDocument::Compact),
            protocol::Limits{});
        const auto *error = std::get_if<protocol::ParseError>(&parsed);
        QVERIFY2(!error, error ? qPrintable(error->message) : "");
    }
    QCOMPARE(client.state(), SyncClient::State::Uploading);
    QCOMPARE(client.outbox().size(), 3); // until acknowledged
}

void TestSyncClient::session_walks_through_the_states()
{
    START_SERVER(server);
    SyncClient client(optionsFor(server));
    QList<SyncClient::State> states;
    connect(&client, &SyncClient::stateChanged, this,
            [&states](SyncClient::State s) { states.append(s); });
    QSignalSpy connectedSpy(&client, &SyncClient::connected);
    QSignalSpy ended(&client, &SyncClient::rehydrateEnded);
    QSignalSpy syncedSpy(&client, &SyncClient::synced);
    QSignalSpy disconnectedSpy(&client, &SyncClient::disconnected);
    QCOMPARE(client.state(), SyncClient::State::Disconnected);

    QVERIFY(welcome(client, server));
    QCOMPARE(connectedSpy.size(), 1);
    QCOMPARE(client.state(), SyncClient::State::Authenticating);
    server.send(protocol::encodeRehydrateBegin());
    QTRY_COMPARE(server.receivedOfType(u"uploadEnd"_s).size(), 1);
    QCOMPARE(client.state(), SyncClient::State::Uploading);
    server.send(protocol::encodeRehydrateEnd(5));
    QTRY_COMPARE(ended.size(), 1);
    QCOMPARE(ended.at(0).at(0).toLongLong(), 5);
    QCOMPARE(client.state(), SyncClient::State::Receiving);
    server.send(protocol::encodeSynced(5));
    QTRY_COMPARE(syncedSpy.size(), 1);
    QCOMPARE(client.state(), SyncClient::State::Live);
    QVERIFY(client.isLive());

    client.disconnectFromServer();
    QTRY_COMPARE(disconnectedSpy.size(), 1);
    QCOMPARE(client.state(), SyncClient::State::Disconnected);
    QCOMPARE(client.closeCode(), 1000);
    QCOMPARE(states, (QList<SyncClient::State>{
                         SyncClient::State::Connecting, SyncClient::State::Authenticating,
                         SyncClient::State::Uploading, SyncClient::State::Receiving,
                         SyncClient::State::Live, SyncClient::State::Disconnected}));
    QCOMPARE(client.receivedOfType(u"synced"_s).size(), 1);
    QCOMPARE(client.received().size(), 4);
    client.clearReceived();
    QVERIFY(client.received().isEmpty());
}

void TestSyncClient::session_ack_removes_from_outbox_and_notes_clamped()
{
    START_SERVER(server);
    SyncClient client(optionsFor(server));
    const QString a = client.dispatch(u"ob1"_s, {{u"qty"_s, u"1"_s}});
    client::DispatchOptions tomorrow;
    tomorrow.ts = QDateTime::currentMSecsSinceEpoch() + 86400000;
    const QString b = client.dispatch(u"ob1"_s, {{u"name"_s, u"x"_s}}, tomorrow);
    const QString c = client.dispatch(u"ob2"_s, {{u"qty"_s, u"3"_s}});
    QVERIFY(welcome(client, server));
    server.send(protocol::encodeRehydrateBegin());
    QTRY_COMPARE(server.receivedOfType(u"uploadEnd"_s).size(), 1);

    QSignalSpy acked(&client, &SyncClient::acked);
    QSignalSpy clampedSpy(&client, &SyncClient::clamped);
    server.send(protocol::encodeAck({{a, b}, 4712, {b}}));
    QTRY_COMPARE(acked.size(), 1);
    QCOMPARE(acked.at(0).at(0).toStringList(), (QStringList{a, b}));
    QCOMPARE(acked.at(0).at(1).toLongLong(), 4712);
    QCOMPARE(clampedSpy.size(), 1);
    QCOMPARE(client.outbox().ids(), QStringList{c});
    QCOMPARE(client.clampedIds(), QSet<QString>{b});
    QCOMPARE(client.replica().pendingCount(), 1);
    // Acknowledged writes stay in the replica; the clamped one at about the server's clock.
    QCOMPARE(client.object(u"ob1"_s)->props,
             (QJsonObject{{u"qty"_s, u"1"_s}, {u"name"_s, u"x"_s}}));
    QVERIFY(client.object(u"ob1"_s)->stamps.value(u"name"_s).first <
            QDateTime::currentMSecsSinceEpoch() + 60000);
    // A repeated ack changes nothing.
    server.send(protocol::encodeAck({{a}, 4712, {}}));
    QTRY_COMPARE(acked.size(), 2);
    QCOMPARE(client.outbox().ids(), QStringList{c});
}

void TestSyncClient::session_reject_removes_and_reports()
{
    START_SERVER(server);
    SyncClient client(optionsFor(server));
    const QString a = client.dispatch(u"list-3"_s, {{u"title"_s, u"x"_s}});
    const QString b = client.dispatch(u"ob1"_s, {{u"qty"_s, u"1"_s}});
    QVERIFY(welcome(client, server));
    server.send(protocol::encodeRehydrateBegin());
    QTRY_COMPARE(server.receivedOfType(u"uploadEnd"_s).size(), 1);

    QSignalSpy rejected(&client, &SyncClient::rejected);
    server.send(
        protocol::encodeReject(a, protocol::ErrorCode::Forbidden, u"no access to oid list-3"_s));
    QTRY_COMPARE(rejected.size(), 1);
    QCOMPARE(rejected.at(0).at(0).toString(), a);
    QCOMPARE(rejected.at(0).at(1).toString(), u"forbidden"_s);
    QCOMPARE(rejected.at(0).at(2).toString(), u"no access to oid list-3"_s);
    QCOMPARE(client.outbox().ids(), QStringList{b});
    QVERIFY(!client.object(u"list-3"_s)); // the optimistic copy is gone
    QVERIFY(client.object(u"ob1"_s));
}

void TestSyncClient::session_dispatch_is_queued_until_synced()
{
    START_SERVER(server);
    SyncClient client(optionsFor(server));
    QVERIFY(welcome(client, server));
    const QString beforeUpload = client.dispatch(u"ob1"_s, {{u"a"_s, 1}});
    server.send(protocol::encodeRehydrateBegin());
    QTRY_COMPARE(server.receivedOfType(u"uploadEnd"_s).size(), 1);
    // After uploadEnd and before synced: kept for later.
    const QString duringSpool = client.dispatch(u"ob2"_s, {{u"b"_s, 2}});
    server.send(protocol::encodeRehydrateEnd(7));
    QTRY_COMPARE(client.state(), SyncClient::State::Receiving);
    const QString whileReceiving = client.dispatch(u"ob3"_s, {{u"c"_s, 3}});
    QTest::qWait(50);
    QCOMPARE(server.receivedOfType(u"dispatch"_s).size(), 1);
    QCOMPARE(server.receivedOfType(u"dispatch"_s).at(0).value(u"id"_s).toString(), beforeUpload);

    server.send(protocol::encodeSynced(7));
    QTRY_COMPARE(server.receivedOfType(u"dispatch"_s).size(), 3);
    const auto dispatches = server.receivedOfType(u"dispatch"_s);
    QCOMPARE(dispatches.at(1).value(u"id"_s).toString(), duringSpool);
    QCOMPARE(dispatches.at(2).value(u"id"_s).toString(), whileReceiving);
    // The first was not sent twice on the same connection.
    QTest::qWait(50);
    QCOMPARE(server.receivedOfType(u"dispatch"_s).size(), 3);
}

void TestSyncClient::session_live_dispatch_is_sent_at_once()
{
    START_SERVER(server);
    SyncClient client(optionsFor(server));
    QVERIFY(goLive(client, server, 1));
    const QString id = client.dispatch(u"ob1"_s, {{u"qty"_s, u"2"_s}});
    QTRY_COMPARE(server.receivedOfType(u"dispatch"_s).size(), 1);
    QCOMPARE(server.receivedOfType(u"dispatch"_s).at(0).value(u"id"_s).toString(), id);
    QCOMPARE(client.object(u"ob1"_s)->props.value(u"qty"_s).toString(), u"2"_s);
    QCOMPARE(client.object(u"ob1"_s)->stamps.value(u"qty"_s).second, u"dev-7f3a"_s);
    server.send(protocol::encodeAck({{id}, 2, {}}));
    QTRY_VERIFY(client.outbox().isEmpty());
}

void TestSyncClient::session_reused_id_is_sent_twice_and_cleared_by_its_ack()
{
    START_SERVER(server);
    SyncClient client(optionsFor(server));
    QVERIFY(goLive(client, server, 1));
    client::DispatchOptions same;
    same.id = u"d-0001"_s;
    QCOMPARE(client.dispatch(u"ob1"_s, {{u"qty"_s, u"1"_s}}, same), u"d-0001"_s);
    QCOMPARE(client.dispatch(u"ob1"_s, {{u"qty"_s, u"9"_s}}, same), u"d-0001"_s);
    QTRY_COMPARE(server.receivedOfType(u"dispatch"_s).size(), 2);
    for (const QJsonObject &d : server.receivedOfType(u"dispatch"_s))
        QCOMPARE(d.value(u"id"_s).toString(), u"d-0001"_s);
    QCOMPARE(client.outbox().size(), 2);
    QCOMPARE(client.replica().pendingCount(), 2);
    server.send(protocol::encodeAck({{u"d-0001"_s}, 2, {}}));
    QTRY_VERIFY(client.outbox().isEmpty());
    QCOMPARE(client.replica().pendingCount(), 0);
    QCOMPARE(client.object(u"ob1"_s)->props.value(u"qty"_s).toString(), u"9"_s);
}

void TestSyncClient::session_acks_after_synced_and_coalesces_live_dispatches()
{
    START_SERVER(server);
    SyncClient client(optionsFor(server));
    QVERIFY(welcome(client, server));
    server.send(protocol::encodeRehydrateBegin());
    QTRY_COMPARE(server.receivedOfType(u"uploadEnd"_s).size(), 1);
    server.send(protocol::encodeRehydrateEnd(10));
    server.send(protocol::encodeDispatch([] {
        engine::ObjectState s;
        s.oid = u"ob1"_s;
        s.seq = 9;
        s.created = true;
        s.props.insert(u"qty"_s, {QJsonValue(u"1"_s), {100, u"dev-1"_s, u"x"_s}});
        return s;
    }()));
    server.send(protocol::encodeSynced(10));
    QTRY_COMPARE(server.receivedOfType(u"ack"_s).size(), 1);
    QCOMPARE(server.receivedOfType(u"ack"_s).at(0),
             (QJsonObject{{u"type"_s, u"ack"_s}, {u"seq"_s, 10}}));

    // Three live dispatches in one burst: one ack for the last.
    for (qint64 seq = 11; seq <= 13; ++seq)
        server.send(serverDispatch(seq, u"ob1"_s,
                                   {{u"qty"_s, QString::number(seq), 100 + seq, u"dev-1"_s}}));
    QTRY_COMPARE(client.since(), 13);
    QTRY_COMPARE(server.receivedOfType(u"ack"_s).size(), 2);
    QCOMPARE(server.receivedOfType(u"ack"_s).at(1).value(u"seq"_s).toInteger(), 13);
    QTest::qWait(50);
    QCOMPARE(server.receivedOfType(u"ack"_s).size(), 2);
    QCOMPARE(client.object(u"ob1"_s)->props.value(u"qty"_s).toString(), u"13"_s);

    // A live revoke is acknowledged too.
    server.send(protocol::encodeRevoke(14, u"ob1"_s));
    QTRY_COMPARE(server.receivedOfType(u"ack"_s).size(), 3);
    QCOMPARE(server.receivedOfType(u"ack"_s).at(2).value(u"seq"_s).toInteger(), 14);
    QVERIFY(!client.object(u"ob1"_s));
}

void TestSyncClient::session_no_ack_without_auto_ack()
{
    START_SERVER(server);
    auto options = optionsFor(server);
    options.autoAck = false;
    SyncClient client(options);
    QVERIFY(goLive(client, server, 10));
    server.send(serverDispatch(11, u"ob1"_s, {{u"qty"_s, u"1"_s, 100, u"dev-1"_s}}));
    QTRY_COMPARE(client.since(), 11);
    QTest::qWait(50);
    QVERIFY(server.receivedOfType(u"ack"_s).isEmpty());
    client.sendAck(11);
    QTRY_COMPARE(server.receivedOfType(u"ack"_s).size(), 1);
}

void TestSyncClient::session_since_follows_the_spool_not_rehydrate_end()
{
    START_SERVER(server);
    auto options = optionsFor(server);
    options.since = 5;
    SyncClient client(options);
    QVERIFY(welcome(client, server));
    server.send(protocol::encodeRehydrateBegin());
    QTRY_COMPARE(server.receivedOfType(u"uploadEnd"_s).size(), 1);
    QSignalSpy dispatches(&client, &SyncClient::dispatchReceived);
    QSignalSpy revokedSpy(&client, &SyncClient::revoked);
    server.send(protocol::encodeRehydrateEnd(20));
    server.send(serverDispatch(7, u"ob1"_s, {{u"qty"_s, u"1"_s, 100, u"dev-1"_s}}));
    server.send(protocol::encodeRevoke(9, u"list-3"_s));
    QTRY_COMPARE(revokedSpy.size(), 1);
    QCOMPARE(dispatches.size(), 1);
    QCOMPARE(client.rehydrateEndSeq(), 20);
    QCOMPARE(client.since(), 9);
    // The connection drops in the middle of the spool: the next hello asks from 9.
    server.abort();
    QTRY_COMPARE(client.state(), SyncClient::State::Disconnected);
    QVERIFY(welcome(client, server));
    QCOMPARE(server.receivedOfType(u"hello"_s).at(1).value(u"since"_s).toInteger(), 9);
    server.send(protocol::encodeRehydrateBegin());
    server.send(protocol::encodeRehydrateEnd(20));
    server.send(protocol::encodeSynced(20));
    QTRY_VERIFY(client.isLive());
    QCOMPARE(client.since(), 20);
}

void TestSyncClient::session_unacknowledged_dispatch_is_sent_again_on_next_rehydrate()
{
    START_SERVER(server);
    SyncClient client(optionsFor(server));
    QVERIFY(goLive(client, server, 1));
    const QString acked = client.dispatch(u"ob1"_s, {{u"a"_s, 1}});
    const QString lost = client.dispatch(u"ob2"_s, {{u"b"_s, 2}});
    QTRY_COMPARE(server.receivedOfType(u"dispatch"_s).size(), 2);
    server.send(protocol::encodeAck({{acked}, 2, {}}));
    QTRY_COMPARE(client.outbox().size(), 1);
    server.abort();
    QTRY_COMPARE(client.state(), SyncClient::State::Disconnected);

    server.clearReceived();
    QVERIFY(welcome(client, server));
    server.send(protocol::encodeRehydrateBegin());
    QTRY_COMPARE(server.receivedOfType(u"uploadEnd"_s).size(), 1);
    QCOMPARE(server.receivedTypes(), (QStringList{u"hello"_s, u"dispatch"_s, u"uploadEnd"_s}));
    QCOMPARE(server.received().at(1).value(u"id"_s).toString(), lost);
}

void TestSyncClient::session_restored_outbox_is_uploaded()
{
    START_SERVER(server);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto options = optionsFor(server);
    options.outboxPath = dir.filePath(u"outbox.json"_s);
    QString id;
    qint64 ts = 0;
    {
        SyncClient offline(options);
        id = offline.dispatch(u"ob1"_s, {{u"qty"_s, u"2"_s}});
        ts = offline.outbox().entries().at(0).ts;
    }
    SyncClient client(options);
    QCOMPARE(client.outbox().ids(), QStringList{id});
    QCOMPARE(client.object(u"ob1"_s)->props.value(u"qty"_s).toString(), u"2"_s);
    QVERIFY(client.clock().next() > ts);
    QVERIFY(welcome(client, server));
    server.send(protocol::encodeRehydrateBegin());
    QTRY_COMPARE(server.receivedOfType(u"uploadEnd"_s).size(), 1);
    QCOMPARE(server.receivedOfType(u"dispatch"_s).at(0).value(u"id"_s).toString(), id);
    server.send(protocol::encodeAck({{id}, 3, {}}));
    QTRY_VERIFY(client.outbox().isEmpty());
    client::Outbox reloaded(options.outboxPath);
    QVERIFY(reloaded.load());
    QVERIFY(reloaded.isEmpty());
}

void TestSyncClient::session_reset_keeps_outbox()
{
    START_SERVER(server);
    auto options = optionsFor(server);
    options.since = 50;
    SyncClient client(options);
    QVERIFY(goLive(client, server, 60));
    server.send(serverDispatch(61, u"ob1"_s, {{u"qty"_s, u"1"_s, 100, u"dev-1"_s}}));
    QTRY_VERIFY(client.object(u"ob1"_s));
    server.abort();
    QTRY_COMPARE(client.state(), SyncClient::State::Disconnected);
    const QString pending = client.dispatch(u"ob9"_s, {{u"mine"_s, true}});

    QVERIFY(welcome(client, server));
    server.send(protocol::encodeRehydrateBegin());
    QTRY_COMPARE(server.receivedOfType(u"uploadEnd"_s).size(), 2);
    QSignalSpy resetSpy(&client, &SyncClient::resetReceived);
    server.send(protocol::encodeRehydrateEnd(70));
    server.send(protocol::encodeReset(70));
    QTRY_COMPARE(resetSpy.size(), 1);
    QCOMPARE(resetSpy.at(0).at(0).toLongLong(), 70);
    QCOMPARE(client.since(), 0);
    QVERIFY(!client.object(u"ob1"_s));
    QVERIFY(client.object(u"ob9"_s)); // not acknowledged yet: still shown
    QCOMPARE(client.outbox().ids(), QStringList{pending});
    server.send(serverDispatch(65, u"ob2"_s, {{u"qty"_s, u"5"_s, 100, u"dev-1"_s}}));
    server.send(protocol::encodeSynced(70));
    QTRY_VERIFY(client.isLive());
    QCOMPARE(client.since(), 70);
    QCOMPARE(QSet<QString>(client.objects().keyBegin(), client.objects().keyEnd()),
             (QSet<QString>{u"ob2"_s, u"ob9"_s}));
}

void TestSyncClient::session_revoke_and_error_signals()
{
    START_SERVER(server);
    SyncClient client(optionsFor(server));
    QVERIFY(goLive(client, server, 1));
    QSignalSpy errors(&client, &SyncClient::errorReceived);
    QSignalSpy messages(&client, &SyncClient::messageReceived);
    server.send(protocol::encodeError(protocol::ErrorCode::Invalid, u"props must be an object"_s));
    QTRY_COMPARE(errors.size(), 1);
    QCOMPARE(errors.at(0).at(0).toString(), u"invalid"_s);
    QCOMPARE(errors.at(0).at(1).toString(), u"props must be an object"_s);
    QCOMPARE(messages.size(), 1);
    QCOMPARE(messages.at(0).at(0).toJsonObject().value(u"type"_s).toString(), u"error"_s);
}

void TestSyncClient::session_share_is_queued_until_live()
{
    START_SERVER(server);
    SyncClient client(optionsFor(server));
    client.share(u"list-9"_s, {u"user:bob"_s, u"group:family"_s}, {u"user:carol"_s});
    QVERIFY(welcome(client, server));
    server.send(protocol::encodeRehydrateBegin());
    QTRY_COMPARE(server.receivedOfType(u"uploadEnd"_s).size(), 1);
    QVERIFY(server.receivedOfType(u"share"_s).isEmpty());
    server.send(protocol::encodeRehydrateEnd(3));
    server.send(protocol::encodeSynced(3));
    QTRY_COMPARE(server.receivedOfType(u"share"_s).size(), 1);
    const QJsonObject share = server.receivedOfType(u"share"_s).at(0);
    QCOMPARE(share.value(u"oid"_s).toString(), u"list-9"_s);
    QCOMPARE(toStringList(share.value(u"grant"_s)),
             (QStringList{u"user:bob"_s, u"group:family"_s}));
    QCOMPARE(toStringList(share.value(u"revoke"_s)), QStringList{u"user:carol"_s});

    client.share(u"list-9"_s, {}, {}, engine::Access::Public);
    QTRY_COMPARE(server.receivedOfType(u"share"_s).size(), 2);
    QCOMPARE(server.receivedOfType(u"share"_s).at(1).value(u"access"_s).toString(), u"public"_s);
    QSignalSpy sharedSpy(&client, &SyncClient::shared);
    server.send(protocol::encodeShared(u"list-9"_s, 4));
    QTRY_COMPARE(sharedSpy.size(), 1);
    QCOMPARE(sharedSpy.at(0).at(0).toString(), u"list-9"_s);
    QCOMPARE(sharedSpy.at(0).at(1).toLongLong(), 4);
}

void TestSyncClient::session_ping_pong()
{
    START_SERVER(server);
    SyncClient client(optionsFor(server));
    QVERIFY(goLive(client, server, 1));
    QSignalSpy pongs(&client, &SyncClient::pong);
    client.ping();
    QTRY_COMPARE(server.receivedOfType(u"ping"_s).size(), 1);
    const qint64 serverTime = QDateTime::currentMSecsSinceEpoch() - 600000; // ten minutes behind
    server.send(protocol::encodePong(serverTime));
    QTRY_COMPARE(pongs.size(), 1);
    QCOMPARE(pongs.at(0).at(0).toLongLong(), serverTime);
    QVERIFY(qAbs(client.clock().serverNow() - (QDateTime::currentMSecsSinceEpoch() - 600000)) <
            5000);
}

void TestSyncClient::session_hello_can_be_delayed_or_skipped()
{
    START_SERVER(server);
    auto options = optionsFor(server);
    options.helloDelayMs = 300;
    SyncClient delayed(options);
    QSignalSpy connectedSpy(&delayed, &SyncClient::connected);
    delayed.connectToServer();
    QTRY_COMPARE(connectedSpy.size(), 1);
    QTest::qWait(100);
    QVERIFY(server.received().isEmpty());
    QTRY_COMPARE(server.receivedOfType(u"hello"_s).size(), 1);
    delayed.abort();

    options.helloDelayMs = -1;
    SyncClient silent(options);
    QSignalSpy silentConnected(&silent, &SyncClient::connected);
    silent.connectToServer();
    QTRY_COMPARE(silentConnected.size(), 1);
    QTest::qWait(400);
    QCOMPARE(server.receivedOfType(u"hello"_s).size(), 1);
    QCOMPARE(silent.state(), SyncClient::State::Authenticating);
    // The server's hello timeout, as the client sees it.
    QSignalSpy disconnectedSpy(&silent, &SyncClient::disconnected);
    server.close(4408, u"hello timeout"_s);
    QTRY_COMPARE(disconnectedSpy.size(), 1);
    QCOMPARE(silent.closeCode(), 4408);
}

void TestSyncClient::session_manual_upload_end()
{
    START_SERVER(server);
    auto options = optionsFor(server);
    options.autoUploadEnd = false;
    SyncClient client(options);
    client.dispatch(u"ob1"_s, {{u"a"_s, 1}});
    QVERIFY(welcome(client, server));
    server.send(protocol::encodeRehydrateBegin());
    QTRY_COMPARE(server.receivedOfType(u"dispatch"_s).size(), 1);
    // Still uploading: more dispatches go out at once.
    client.dispatch(u"ob2"_s, {{u"b"_s, 2}});
    QTRY_COMPARE(server.receivedOfType(u"dispatch"_s).size(), 2);
    QTest::qWait(50);
    QVERIFY(server.receivedOfType(u"uploadEnd"_s).isEmpty());
    client.sendUploadEnd();
    QTRY_COMPARE(server.receivedOfType(u"uploadEnd"_s).size(), 1);
}

void TestSyncClient::session_raw_frames_reach_the_server()
{
    START_SERVER(server);
    SyncClient client(optionsFor(server));
    QVERIFY(goLive(client, server, 1));
    QTRY_COMPARE(server.receivedOfType(u"ack"_s).size(), 1);
    const qsizetype before = server.received().size();
    client.sendRaw(u"{\"type\":\"bogus\"}"_s);
    client.sendRaw(u"not json"_s);
    QTRY_COMPARE(server.received().size(), before + 2);
    QCOMPARE(server.received().at(before).value(u"type"_s).toString(), u"bogus"_s);
    QCOMPARE(server.received().at(before + 1).value(u"type"_s).toString(), u"<not json>"_s);
    QSignalSpy binary(server.socket(), &QWebSocket::binaryMessageReceived);
    client.sendBinary(QByteArray("\x01\x02", 2));
    QTRY_COMPARE(binary.size(), 1);
}

void TestSyncClient::session_close_code_from_server()
{
    START_SERVER(server);
    SyncClient client(optionsFor(server));
    QSignalSpy disconnectedSpy(&client, &SyncClient::disconnected);
    client.connectToServer();
    QTRY_COMPARE(server.received().size(), 1);
    server.close(4401, u"auth_failed"_s);
    QTRY_COMPARE(disconnectedSpy.size(), 1);
    QCOMPARE(disconnectedSpy.at(0).at(0).toInt(), 4401);
    QCOMPARE(disconnectedSpy.at(0).at(1).toString(), u"auth_failed"_s);
    QCOMPARE(client.closeCode(), 4401);
    QCOMPARE(client.closeReason(), u"auth_failed"_s);
    QCOMPARE(client.state(), SyncClient::State::Disconnected);
    QVERIFY(!client.socket());
}

void TestSyncClient::session_abnormal_closure_is_1006()
{
    START_SERVER(server);
    SyncClient client(optionsFor(server));
    QSignalSpy disconnectedSpy(&client, &SyncClient::disconnected);
    QVERIFY(goLive(client, server, 1));
    server.abort();
    QTRY_COMPARE(disconnectedSpy.size(), 1);
    QCOMPARE(client.closeCode(), 1006);
    // And it connects again on the same object.
    QVERIFY(goLive(client, server, 1));
    QCOMPARE(server.connectionCount(), 2);
}

void TestSyncClient::session_client_abort_and_disconnect()
{
    START_SERVER(server);
    SyncClient client(optionsFor(server));
    QSignalSpy disconnectedSpy(&client, &SyncClient::disconnected);
    QVERIFY(goLive(client, server, 1));
    QPointer<QWebSocket> serverSide = server.socket();
    client.abort();
    QCOMPARE(disconnectedSpy.size(), 1);
    QCOMPARE(client.state(), SyncClient::State::Disconnected);
    QCOMPARE(client.closeCode(), 1006);
    QTRY_VERIFY(!serverSide); // the server saw the TCP connection go

    client.abort(); // nothing to do
    client.disconnectFromServer();
    QCOMPARE(disconnectedSpy.size(), 1);

    QVERIFY(goLive(client, server, 1));
    serverSide = server.socket();
    QSignalSpy serverDisconnected(serverSide.data(), &QWebSocket::disconnected);
    client.disconnectFromServer(4000, u"bye"_s);
    QTRY_COMPARE(disconnectedSpy.size(), 2);
    QTRY_COMPARE(serverDisconnected.size(), 1);
}

void TestSyncClient::session_tls_fails_against_other_ca()
{
    START_SERVER(server);
    auto options = optionsFor(server);
    options.caCertificates = m_otherCa;
    SyncClient client(options);
    QSignalSpy sslErrorsSpy(&client, &SyncClient::sslErrors);
    QSignalSpy disconnectedSpy(&client, &SyncClient::disconnected);
    QSignalSpy connectedSpy(&client, &SyncClient::connected);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"^TLS verification failed"_s));
    client.connectToServer();
    QTRY_COMPARE(disconnectedSpy.size(), 1);
    QVERIFY(sslErrorsSpy.size() >= 1);
    QCOMPARE(connectedSpy.size(), 0);
    QCOMPARE(client.state(), SyncClient::State::Disconnected);
    QCOMPARE(client.closeCode(), 1006);
    QTest::qWait(50);
    QVERIFY(server.received().isEmpty());

    // The same server passes with the right CA.
    options.caCertificates = m_ca;
    SyncClient trusting(options);
    QVERIFY(welcome(trusting, server));
}

void TestSyncClient::session_tls_trusts_a_ca_file()
{
    START_SERVER(server);
    auto options = optionsFor(server);
    options.caCertificates.clear();
    options.caFile = m_tlsDir + u"/ca.pem"_s;
    SyncClient client(options);
    QVERIFY(welcome(client, server));

    // The file's CAs join the listed ones: the other CA alone would fail.
    options.caCertificates = m_otherCa;
    SyncClient both(options);
    QVERIFY(welcome(both, server));
}

void TestSyncClient::session_unreadable_ca_file_fails_the_connection()
{
    START_SERVER(server);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile notPem(dir.filePath(u"ca.pem"_s));
    QVERIFY(notPem.open(QIODevice::WriteOnly));
    notPem.write("not a certificate\n");
    notPem.close();

    auto options = optionsFor(server);
    options.caFile = notPem.fileName();
    SyncClient client(options);
    QSignalSpy errors(&client, &SyncClient::socketError);
    QSignalSpy disconnectedSpy(&client, &SyncClient::disconnected);
    // Not the system's CAs instead: the connection fails as a TLS failure would.
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"holds no PEM certificate"_s));
    client.connectToServer();
    QCOMPARE(client.state(), SyncClient::State::Connecting);
    QTRY_COMPARE(disconnectedSpy.size(), 1);
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.at(0).at(0).value<QAbstractSocket::SocketError>(),
             QAbstractSocket::SslInvalidUserDataError);
    QCOMPARE(client.closeCode(), 1006);
    QCOMPARE(client.state(), SyncClient::State::Disconnected);
    QCOMPARE(server.connectionCount(), 0);

    // And the client connects again once the file is right.
    options.caFile = m_tlsDir + u"/ca.pem"_s;
    client.abort();
    SyncClient fixed(options);
    QVERIFY(welcome(fixed, server));
}

QTEST_GUILESS_MAIN(TestSyncClient)
#include "tst_syncclient.moc"
