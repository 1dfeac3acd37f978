// AdminClient against a scripted server over wss (the `tls` fixture's
// certificates): the hello and the welcome, subscriptions kept across
// reconnects and resyncs, replies matched to requests by req, the backoff,
// the closes that stop it, and the ping that notices a silent server.

#include "admin/adminclient.h"
#include "admin/devicesmodel.h"
#include "admin/statsmodel.h"
#include "protocol/admincodec.h"
#include "protocol/codec.h"
#include "scriptedserver.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QTest>
#include <memory>

using namespace Qt::StringLiterals;
using namespace seneschal;
using namespace seneschal::admin;
using namespace seneschal::protocol::admin;

namespace {

constexpr int kTimeout = 5000;

QByteArray welcomeJson(const QString &token, qint64 expiresInMs = 3600 * 1000)
{
    protocol::Welcome w;
    w.uuid = u"admin"_s;
    w.cuid = u"console-1"_s;
    w.groups = {u"admins"_s};
    w.admin = true;
    w.token = token;
    w.tokenExpires = QDateTime::currentMSecsSinceEpoch() + expiresInMs;
    w.serverTime = QDateTime::currentMSecsSinceEpoch();
    return protocol::encodeWelcome(w);
}

QStringList topicNames(const QJsonObject &message)
{
    QStringList names;
    for (const QJsonValue &topic : message.value(u"topics"_s).toArray())
        names.append(topic.toString());
    return names;
}

QJsonObject deviceRow(const QString &cuid, bool online, qint64 lag)
{
    return {{u"cuid"_s, cuid},
            {u"uuid"_s, u"alice"_s},
            {u"online"_s, online},
            {u"address"_s, QJsonValue()},
            {u"phase"_s, u"live"_s},
            {u"connectedAt"_s, QJsonValue()},
            {u"lastSeen"_s, qint64(1764054000000)},
            {u"cursor"_s, 10},
            {u"lag"_s, lag}};
}

} // namespace

class TestAdminClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void hello_carries_cuid_and_password_and_welcome_goes_live();
    void hello_with_a_token();
    void ca_file_is_trusted();
    void subscriptions_are_sent_when_live_and_remembered();
    void snapshot_and_events_reach_the_models();
    void replies_reach_their_callbacks_by_req();
    void an_error_without_a_callback_is_reported();
    void requests_made_before_the_welcome_wait_for_it();
    void reconnect_sends_hello_with_the_token_and_subscribes_again();
    void requests_sent_before_a_drop_fail_as_unavailable();
    void forbidden_stops_reconnecting();
    void replaced_stops_reconnecting();
    void refused_token_falls_back_to_the_password_once();
    void server_shutdown_reconnects();
    void resync_subscribes_again();
    void backoff_doubles_up_to_the_maximum_with_jitter();
    void ping_pong_and_a_silent_server_is_dropped();
    void disconnect_stays_offline_and_fails_what_waits();
    void unreadable_server_messages_are_ignored();

private:
    std::unique_ptr<ScriptedServer> startServer();
    AdminClientOptions optionsFor(const ScriptedServer &server) const;
    // Connects (or waits for the reconnect) and answers the next hello
    // with a welcome; false on timeout.
    bool welcome(AdminClient &client, ScriptedServer &server, const QString &token = u"token-1"_s);

    bool m_haveTls = false;
    QString m_tlsDir;
    QList<QSslCertificate> m_ca;
    QSslConfiguration m_serverTls;
};

void TestAdminClient::initTestCase()
{
    m_tlsDir = qEnvironmentVariable("SENESCHAL_TEST_TLS_DIR");
    if (m_tlsDir.isEmpty())
        return; // the tests skip themselves
    m_ca = QSslCertificate::fromPath(m_tlsDir + u"/ca.pem"_s);
    const auto chain = QSslCertificate::fromPath(m_tlsDir + u"/server.pem"_s);
    QFile keyFile(m_tlsDir + u"/server.key"_s);
    QVERIFY(keyFile.open(QIODevice::ReadOnly));
    const QSslKey key(&keyFile, QSsl::Rsa);
    QVERIFY(!m_ca.isEmpty());
    QVERIFY(!chain.isEmpty());
    QVERIFY(!key.isNull());
    m_serverTls = QSslConfiguration::defaultConfiguration();
    m_serverTls.setLocalCertificateChain(chain);
    m_serverTls.setPrivateKey(key);
    m_serverTls.setPeerVerifyMode(QSslSocket::VerifyNone);
    m_haveTls = true;
}

std::unique_ptr<ScriptedServer> TestAdminClient::startServer()
{
    auto server = std::make_unique<ScriptedServer>();
    if (!server->listen(m_serverTls))
        return nullptr;
    return server;
}

AdminClientOptions TestAdminClient::optionsFor(const ScriptedServer &server) const
{
    AdminClientOptions options;
    options.url = server.url(u"/v1/admin"_s);
    options.cuid = u"console-1"_s;
    options.auth = client::ClientAuth::withPassword(u"admin"_s, u"pw"_s);
    options.caCertificates = m_ca;
    options.reconnect = ReconnectPolicy{50, 400, 0.2};
    options.pingIntervalMs = 0; // the ping test turns it on
    return options;
}

bool TestAdminClient::welcome(AdminClient &client, ScriptedServer &server, const QString &token)
{
    const qsizetype hellos = server.receivedOfType(u"hello"_s).size();
    if (client.state() == AdminClient::State::Offline)
        client.connectToServer();
    if (!QTest::qWaitFor([&] { return server.receivedOfType(u"hello"_s).size() > hellos; },
                         kTimeout))
        return false;
    server.send(welcomeJson(token));
    return QTest::qWaitFor([&] { return client.isLive(); }, kTimeout);
}

#define START_SERVER(name)                                                                         \
    if (!m_haveTls)                                                                                \
        QSKIP("SENESCHAL_TEST_TLS_DIR is not set (run through ctest)");                            \
    const auto name##Owner = startServer();                                                        \
    QVERIFY(name##Owner);                                                                          \
    ScriptedServer &name = *name##Owner

// ---- the session --------------------------------------------------------------------------

void TestAdminClient::hello_carries_cuid_and_password_and_welcome_goes_live()
{
    START_SERVER(server);
    AdminClient client(optionsFor(server));
    QSignalSpy states(&client, &AdminClient::stateChanged);
    QSignalSpy welcomed(&client, &AdminClient::welcomed);
    QCOMPARE(client.state(), AdminClient::State::Offline);
    client.connectToServer();
    QCOMPARE(client.state(), AdminClient::State::Connecting);
    QTRY_COMPARE_WITH_TIMEOUT(server.receivedOfType(u"hello"_s).size(), 1, kTimeout);
    const QJsonObject hello = server.receivedOfType(u"hello"_s).first();
    QCOMPARE(hello.value(u"cuid"_s).toString(), u"console-1"_s);
    QCOMPARE(hello.value(u"protocol"_s).toInt(), 1);
    const QJsonObject auth = hello.value(u"auth"_s).toObject();
    QCOMPARE(auth.value(u"method"_s).toString(), u"password"_s);
    QCOMPARE(auth.value(u"username"_s).toString(), u"admin"_s);
    QCOMPARE(auth.value(u"password"_s).toString(), u"pw"_s);

    server.send(welcomeJson(u"token-1"_s));
    QTRY_VERIFY_WITH_TIMEOUT(client.isLive(), kTimeout);
    QCOMPARE(welcomed.size(), 1);
    QCOMPARE(client.welcome().uuid, u"admin"_s);
    QCOMPARE(client.token(), u"token-1"_s);
    QVERIFY(client.tokenExpires() > QDateTime::currentMSecsSinceEpoch());
    QCOMPARE(states.size(), 2);
    QCOMPARE(states.at(0).at(0).value<AdminClient::State>(), AdminClient::State::Connecting);
    QCOMPARE(states.at(1).at(0).value<AdminClient::State>(), AdminClient::State::Live);
    // Nothing but the hello so far: no subscription was asked for.
    QCOMPARE(server.receivedTypes(), QStringList{u"hello"_s});
}

void TestAdminClient::hello_with_a_token()
{
    START_SERVER(server);
    auto options = optionsFor(server);
    options.auth = client::ClientAuth::withToken(u"eyJ.external.token"_s);
    AdminClient client(options);
    QVERIFY(welcome(client, server));
    const QJsonObject auth = server.receivedOfType(u"hello"_s).first().value(u"auth"_s).toObject();
    QCOMPARE(auth.value(u"method"_s).toString(), u"jwt"_s);
    QCOMPARE(auth.value(u"token"_s).toString(), u"eyJ.external.token"_s);
}

void TestAdminClient::ca_file_is_trusted()
{
    START_SERVER(server);
    auto options = optionsFor(server);
    options.caCertificates.clear();
    options.caFile = m_tlsDir + u"/ca.pem"_s;
    AdminClient client(options);
    QVERIFY(welcome(client, server));
}

void TestAdminClient::subscriptions_are_sent_when_live_and_remembered()
{
    START_SERVER(server);
    AdminClient client(optionsFor(server));
    client.subscribe({Topic::Devices, Topic::Stats});
    QVERIFY(welcome(client, server));
    QTRY_COMPARE_WITH_TIMEOUT(server.receivedOfType(u"subscribe"_s).size(), 1, kTimeout);
    const QJsonObject first = server.receivedOfType(u"subscribe"_s).first();
    QCOMPARE(topicNames(first), (QStringList{u"devices"_s, u"stats"_s}));
    QVERIFY(!first.value(u"req"_s).toString().isEmpty());

    // Only what is new goes out; a topic asked twice is one subscription.
    client.subscribe({Topic::Stats, Topic::History});
    QTRY_COMPARE_WITH_TIMEOUT(server.receivedOfType(u"subscribe"_s).size(), 2, kTimeout);
    QCOMPARE(topicNames(server.receivedOfType(u"subscribe"_s).last()), QStringList{u"history"_s});
    client.unsubscribe({Topic::Stats, Topic::Audit});
    QTRY_COMPARE_WITH_TIMEOUT(server.receivedOfType(u"unsubscribe"_s).size(), 1, kTimeout);
    QCOMPARE(topicNames(server.receivedOfType(u"unsubscribe"_s).first()), QStringList{u"stats"_s});
    const QList<Topic> remembered{Topic::Devices, Topic::History};
    QCOMPARE(client.subscriptions(), remembered);
}

void TestAdminClient::snapshot_and_events_reach_the_models()
{
    START_SERVER(server);
    AdminClient client(optionsFor(server));
    DevicesModel devices;
    StatsModel stats;
    devices.follow(&client);
    stats.follow(&client);
    QSignalSpy resets(&devices, &QAbstractItemModel::modelReset);
    client.subscribe({Topic::Devices, Topic::Stats});
    QVERIFY(welcome(client, server));
    QTRY_COMPARE_WITH_TIMEOUT(server.receivedOfType(u"subscribe"_s).size(), 1, kTimeout);
    const QString req = server.receivedOfType(u"subscribe"_s).first().value(u"req"_s).toString();

    server.send(encodeSnapshot(
        req, Topic::Devices,
        QJsonArray{deviceRow(u"dev-a"_s, true, 0), deviceRow(u"dev-b"_s, false, 12)}));
    server.send(encodeSnapshot(
        req, Topic::Stats,
        QJsonArray{QJsonObject{{u"connections"_s, 1}, {u"backend"_s, u"sqlite"_s}}}));
    server.send(encodeEvent(Topic::Devices, EventOp::Upsert, deviceRow(u"dev-b"_s, true, 0)));
    server.send(encodeEvent(Topic::Devices, EventOp::Upsert, deviceRow(u"dev-c"_s, true, 3)));
    server.send(encodeEvent(Topic::Devices, EventOp::Remove, QJsonObject{{u"cuid"_s, u"dev-a"_s}}));
    server.send(encodeEvent(Topic::Stats, EventOp::Upsert,
                            QJsonObject{{u"connections"_s, 2}, {u"backend"_s, u"sqlite"_s}}));

    QTRY_COMPARE_WITH_TIMEOUT(stats.current().value(u"connections"_s).toInt(), 2, kTimeout);
    QCOMPARE(devices.rowCount(), 2);
    QCOMPARE(devices.keyAt(0), u"dev-b"_s);
    QCOMPARE(devices.keyAt(1), u"dev-c"_s);
    QCOMPARE(devices.rowObject(0).value(u"online"_s).toBool(), true);
    QCOMPARE(resets.size(), 1);
    QCOMPARE(stats.samples().size(), 2);
}

void TestAdminClient::replies_reach_their_callbacks_by_req()
{
    START_SERVER(server);
    AdminClient client(optionsFor(server));
    QVERIFY(welcome(client, server));

    QList<Reply> queueReplies, expireReplies, objectReplies;
    const QString queueReq = client.queue(u"dev-a"_s, Page{10, u"4711"_s},
                                          [&](const Reply &reply) { queueReplies.append(reply); });
    const QString expireReq =
        client.expireDevice(u"dev-a"_s, [&](const Reply &reply) { expireReplies.append(reply); });
    const QString objectReq =
        client.object(u"ob1"_s, [&](const Reply &reply) { objectReplies.append(reply); });
    QCOMPARE(client.pendingRequests(), 3);
    QVERIFY(queueReq != expireReq && expireReq != objectReq);
    QTRY_COMPARE_WITH_TIMEOUT(server.received().size(), 4, kTimeout);

    const QJsonObject queue = server.receivedOfType(u"queue"_s).first();
    QCOMPARE(queue.value(u"req"_s).toString(), queueReq);
    QCOMPARE(queue.value(u"cuid"_s).toString(), u"dev-a"_s);
    QCOMPARE(queue.value(u"limit"_s).toInt(), 10);
    QCOMPARE(queue.value(u"after"_s).toInteger(), 4711);

    // Answered out of order: each reply still finds its own request.
    server.send(encodeAdminError(objectReq, protocol::ErrorCode::Forbidden, u"unknown oid"_s));
    server.send(encodeDone(expireReq));
    server.send(
        encodeResult(queueReq, QJsonArray{QJsonObject{{u"seq"_s, 4712}}}, QJsonValue::Null, 1));
    QTRY_COMPARE_WITH_TIMEOUT(queueReplies.size(), 1, kTimeout);
    QCOMPARE(expireReplies.size(), 1);
    QCOMPARE(objectReplies.size(), 1);
    const auto &result = std::get<Result>(queueReplies.first());
    QCOMPARE(result.req, queueReq);
    QCOMPARE(result.total, std::optional<qint64>(1));
    QCOMPARE(result.rows.first().toObject().value(u"seq"_s).toInteger(), 4712);
    QCOMPARE(std::get<Done>(expireReplies.first()).req, expireReq);
    QCOMPARE(std::get<AdminError>(objectReplies.first()).code, protocol::ErrorCode::Forbidden);
    QCOMPARE(client.pendingRequests(), 0);

    // A second answer to the same req reaches nobody.
    server.send(encodeDone(expireReq));
    QTest::qWait(50);
    QCOMPARE(expireReplies.size(), 1);
}

void TestAdminClient::an_error_without_a_callback_is_reported()
{
    START_SERVER(server);
    AdminClient client(optionsFor(server));
    QVERIFY(welcome(client, server));
    QSignalSpy errors(&client, &AdminClient::errorReceived);
    const QString req = client.disconnectDevice(u"dev-x"_s); // fire and forget
    QTRY_COMPARE_WITH_TIMEOUT(server.receivedOfType(u"disconnect"_s).size(), 1, kTimeout);
    server.send(encodeAdminError(req, protocol::ErrorCode::Forbidden, u"unknown cuid"_s));
    server.send(encodeAdminError({}, protocol::ErrorCode::Invalid, u"about nothing asked"_s));
    QTRY_COMPARE_WITH_TIMEOUT(errors.size(), 2, kTimeout);
    QCOMPARE(errors.at(0).at(0).value<AdminError>().req, req);
    QCOMPARE(errors.at(1).at(0).value<AdminError>().message, u"about nothing asked"_s);
}

void TestAdminClient::requests_made_before_the_welcome_wait_for_it()
{
    START_SERVER(server);
    AdminClient client(optionsFor(server));
    QList<Reply> replies;
    const QString req = client.users([&](const Reply &reply) { replies.append(reply); });
    client.connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(server.receivedOfType(u"hello"_s).size(), 1, kTimeout);
    QTest::qWait(50);
    QCOMPARE(server.receivedTypes(), QStringList{u"hello"_s}); // not before the welcome
    server.send(welcomeJson(u"t"_s));
    QTRY_COMPARE_WITH_TIMEOUT(server.receivedOfType(u"users"_s).size(), 1, kTimeout);
    QCOMPARE(server.receivedOfType(u"users"_s).first().value(u"req"_s).toString(), req);
    server.send(
        encodeResult(req, QJsonArray{QJsonObject{{u"name"_s, u"bob"_s}}}, QJsonValue::Null));
    QTRY_COMPARE_WITH_TIMEOUT(replies.size(), 1, kTimeout);
}

// ---- reconnects -----------------------------------------------------------------------------

void TestAdminClient::reconnect_sends_hello_with_the_token_and_subscribes_again()
{
    START_SERVER(server);
    AdminClient client(optionsFor(server));
    client.subscribe({Topic::Devices, Topic::Audit});
    QVERIFY(welcome(client, server, u"token-from-welcome"_s));
    QTRY_COMPARE_WITH_TIMEOUT(server.receivedOfType(u"subscribe"_s).size(), 1, kTimeout);

    QSignalSpy disconnected(&client, &AdminClient::disconnected);
    server.abort();
    QTRY_COMPARE_WITH_TIMEOUT(disconnected.size(), 1, kTimeout);
    QCOMPARE(disconnected.at(0).at(0).toInt(), 1006);
    QCOMPARE(client.state(), AdminClient::State::Reconnecting);

    QTRY_COMPARE_WITH_TIMEOUT(server.receivedOfType(u"hello"_s).size(), 2, kTimeout);
    QCOMPARE(server.connectionCount(), 2);
    const QJsonObject auth = server.receivedOfType(u"hello"_s).last().value(u"auth"_s).toObject();
    QCOMPARE(auth.value(u"method"_s).toString(), u"jwt"_s);
    QCOMPARE(auth.value(u"token"_s).toString(), u"token-from-welcome"_s);
    QCOMPARE(server.receivedOfType(u"subscribe"_s).size(), 1); // not before the welcome

    server.send(welcomeJson(u"token-2"_s));
    QTRY_COMPARE_WITH_TIMEOUT(server.receivedOfType(u"subscribe"_s).size(), 2, kTimeout);
    QCOMPARE(topicNames(server.receivedOfType(u"subscribe"_s).last()),
             (QStringList{u"devices"_s, u"audit"_s}));
    QVERIFY(client.isLive());
    QCOMPARE(client.token(), u"token-2"_s);
}

void TestAdminClient::requests_sent_before_a_drop_fail_as_unavailable()
{
    START_SERVER(server);
    AdminClient client(optionsFor(server));
    QVERIFY(welcome(client, server));
    QList<Reply> replies;
    client.expireDevice(u"dev-a"_s, [&](const Reply &reply) { replies.append(reply); });
    QTRY_COMPARE_WITH_TIMEOUT(server.receivedOfType(u"expire"_s).size(), 1, kTimeout);
    server.abort();
    QTRY_COMPARE_WITH_TIMEOUT(replies.size(), 1, kTimeout);
    const auto &error = std::get<AdminError>(replies.first());
    QCOMPARE(error.code, protocol::ErrorCode::Unavailable);
    QCOMPARE(client.pendingRequests(), 0);
    // Not sent again by itself: the console does not know whether it happened.
    QVERIFY(welcome(client, server));
    QTest::qWait(50);
    QCOMPARE(server.receivedOfType(u"expire"_s).size(), 1);
}

void TestAdminClient::forbidden_stops_reconnecting()
{
    START_SERVER(server);
    AdminClient client(optionsFor(server));
    QSignalSpy stopped(&client, &AdminClient::stopped);
    QSignalSpy errors(&client, &AdminClient::errorReceived);
    QList<Reply> replies;
    client.users([&](const Reply &reply) { replies.append(reply); });
    client.connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(server.receivedOfType(u"hello"_s).size(), 1, kTimeout);
    server.send(encodeAdminError({}, protocol::ErrorCode::Forbidden, u"not an admin"_s));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"refused the session"_s));
    server.close(CloseCode::Forbidden, u"forbidden"_s);
    QTRY_COMPARE_WITH_TIMEOUT(stopped.size(), 1, kTimeout);
    QCOMPARE(stopped.at(0).at(0).toInt(), 4403);
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.at(0).at(0).value<AdminError>().code, protocol::ErrorCode::Forbidden);
    QCOMPARE(client.state(), AdminClient::State::Offline);
    QCOMPARE(client.closeCode(), 4403);
    // The waiting request fails: it will not be sent.
    QCOMPARE(replies.size(), 1);
    QCOMPARE(std::get<AdminError>(replies.first()).code, protocol::ErrorCode::Unavailable);
    QTest::qWait(600); // longer than the largest backoff
    QCOMPARE(server.connectionCount(), 1);
}

void TestAdminClient::replaced_stops_reconnecting()
{
    START_SERVER(server);
    AdminClient client(optionsFor(server));
    QSignalSpy stopped(&client, &AdminClient::stopped);
    QVERIFY(welcome(client, server));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"refused the session"_s));
    server.close(protocol::CloseCode::Replaced, u"replaced"_s);
    QTRY_COMPARE_WITH_TIMEOUT(stopped.size(), 1, kTimeout);
    QTest::qWait(600);
    QCOMPARE(server.connectionCount(), 1);
    QCOMPARE(client.state(), AdminClient::State::Offline);
}

void TestAdminClient::refused_token_falls_back_to_the_password_once()
{
    START_SERVER(server);
    AdminClient client(optionsFor(server));
    QSignalSpy stopped(&client, &AdminClient::stopped);
    QVERIFY(welcome(client, server, u"old-token"_s));
    server.abort();
    QTRY_COMPARE_WITH_TIMEOUT(server.receivedOfType(u"hello"_s).size(), 2, kTimeout);
    QCOMPARE(
        server.receivedOfType(u"hello"_s).last().value(u"auth"_s).toObject().value(u"method"_s),
        QJsonValue(u"jwt"_s));
    // The token expired: the password gets one immediate try ...
    server.close(protocol::CloseCode::AuthFailed, u"auth_failed"_s);
    QTRY_COMPARE_WITH_TIMEOUT(server.receivedOfType(u"hello"_s).size(), 3, kTimeout);
    const QJsonObject auth = server.receivedOfType(u"hello"_s).last().value(u"auth"_s).toObject();
    QCOMPARE(auth.value(u"method"_s).toString(), u"password"_s);
    QCOMPARE(auth.value(u"username"_s).toString(), u"admin"_s);
    QCOMPARE(stopped.size(), 0);
    // ... and when that is refused too, the client stops.
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"refused the session"_s));
    server.close(protocol::CloseCode::AuthFailed, u"auth_failed"_s);
    QTRY_COMPARE_WITH_TIMEOUT(stopped.size(), 1, kTimeout);
    QCOMPARE(stopped.at(0).at(0).toInt(), 4401);
    QTest::qWait(600);
    QCOMPARE(server.connectionCount(), 3);
}

void TestAdminClient::server_shutdown_reconnects()
{
    START_SERVER(server);
    AdminClient client(optionsFor(server));
    QVERIFY(welcome(client, server));
    QSignalSpy disconnected(&client, &AdminClient::disconnected);
    server.close(protocol::CloseCode::Unavailable, u"shutting down"_s);
    QTRY_COMPARE_WITH_TIMEOUT(server.receivedOfType(u"hello"_s).size(), 2, kTimeout);
    QCOMPARE(disconnected.size(), 1);
    QCOMPARE(disconnected.at(0).at(0).toInt(), 4503);
    // An admin's `disconnect` (4410) is no reason to stay away either.
    server.send(welcomeJson(u"t"_s));
    QTRY_VERIFY_WITH_TIMEOUT(client.isLive(), kTimeout);
    server.close(CloseCode::Disconnected, u"disconnected by an admin"_s);
    QTRY_COMPARE_WITH_TIMEOUT(server.receivedOfType(u"hello"_s).size(), 3, kTimeout);
}

void TestAdminClient::resync_subscribes_again()
{
    START_SERVER(server);
    AdminClient client(optionsFor(server));
    DevicesModel devices;
    devices.follow(&client);
    QSignalSpy resets(&devices, &QAbstractItemModel::modelReset);
    QSignalSpy resyncs(&client, &AdminClient::resyncReceived);
    client.subscribe({Topic::Devices, Topic::Stats});
    QVERIFY(welcome(client, server));
    QTRY_COMPARE_WITH_TIMEOUT(server.receivedOfType(u"subscribe"_s).size(), 1, kTimeout);
    const QString req = server.receivedOfType(u"subscribe"_s).first().value(u"req"_s).toString();
    server.send(encodeSnapshot(req, Topic::Devices, QJsonArray{deviceRow(u"dev-a"_s, true, 0)}));

    // Audit was never subscribed: only devices is asked for again.
    server.send(encodeResync({Topic::Devices, Topic::Audit}));
    QTRY_COMPARE_WITH_TIMEOUT(server.receivedOfType(u"subscribe"_s).size(), 2, kTimeout);
    const QJsonObject again = server.receivedOfType(u"subscribe"_s).last();
    QCOMPARE(topicNames(again), QStringList{u"devices"_s});
    QCOMPARE(resyncs.size(), 1);
    server.send(encodeSnapshot(
        again.value(u"req"_s).toString(), Topic::Devices,
        QJsonArray{deviceRow(u"dev-a"_s, false, 0), deviceRow(u"dev-b"_s, true, 0)}));
    QTRY_COMPARE_WITH_TIMEOUT(devices.rowCount(), 2, kTimeout);
    QCOMPARE(resets.size(), 2); // the first snapshot and the one after the resync
}

void TestAdminClient::backoff_doubles_up_to_the_maximum_with_jitter()
{
    START_SERVER(server);
    AdminClient client(optionsFor(server)); // 50 ms doubling to 400 ms, +-20%
    QVERIFY(welcome(client, server));
    QList<int> delays;
    QObject context;
    // Queued: by then the client has chosen the next delay.
    connect(
        &client, &AdminClient::disconnected, &context,
        [&] { delays.append(client.reconnectDelayMs()); }, Qt::QueuedConnection);
    server.pause();
    server.abort();
    QTRY_VERIFY_WITH_TIMEOUT(delays.size() >= 6, 10000);
    const int expected[] = {50, 100, 200, 400, 400, 400};
    for (int i = 0; i < 6; ++i) {
        QVERIFY2(delays[i] >= expected[i] * 0.8 - 1 && delays[i] <= expected[i] * 1.2 + 1,
                 qPrintable(u"delay %1 is %2 ms"_s.arg(i).arg(delays[i])));
    }
    QCOMPARE(client.state(), AdminClient::State::Reconnecting);

    // Back: the welcome starts the count again.
    QVERIFY(server.resume());
    QVERIFY(welcome(client, server));
    delays.clear();
    server.abort();
    QTRY_VERIFY_WITH_TIMEOUT(!delays.isEmpty(), kTimeout);
    QVERIFY2(delays.first() <= 61, qPrintable(QString::number(delays.first())));
}

void TestAdminClient::ping_pong_and_a_silent_server_is_dropped()
{
    START_SERVER(server);
    auto options = optionsFor(server);
    options.pingIntervalMs = 100;
    options.pongTimeoutMs = 300;
    AdminClient client(options);
    QSignalSpy pongs(&client, &AdminClient::pong);
    QVERIFY(welcome(client, server));
    QTRY_COMPARE_WITH_TIMEOUT(server.receivedOfType(u"ping"_s).size(), 1, kTimeout);
    server.send(protocol::encodePong(1764054000456));
    QTRY_COMPARE_WITH_TIMEOUT(pongs.size(), 1, kTimeout);
    QCOMPARE(pongs.at(0).at(0).toLongLong(), 1764054000456);

    // From now on the server answers nothing: within the pong timeout the
    // client gives up on the connection and makes a new one.
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"no answer to a ping"_s));
    QTRY_COMPARE_WITH_TIMEOUT(server.receivedOfType(u"hello"_s).size(), 2, kTimeout);
    QCOMPARE(server.connectionCount(), 2);
}

void TestAdminClient::disconnect_stays_offline_and_fails_what_waits()
{
    START_SERVER(server);
    AdminClient client(optionsFor(server));
    QVERIFY(welcome(client, server));
    QList<Reply> replies;
    client.groups([&](const Reply &reply) { replies.append(reply); });
    QTRY_COMPARE_WITH_TIMEOUT(server.receivedOfType(u"groups"_s).size(), 1, kTimeout);
    client.disconnectFromServer();
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), AdminClient::State::Offline, kTimeout);
    QCOMPARE(replies.size(), 1);
    QCOMPARE(client.closeCode(), 1000);
    QTest::qWait(300);
    QCOMPARE(server.connectionCount(), 1);

    // Offline and not started: a request waits, and fails when told to stay offline.
    client.users([&](const Reply &reply) { replies.append(reply); });
    QCOMPARE(replies.size(), 1);
    client.disconnectFromServer();
    QCOMPARE(replies.size(), 2);
}

void TestAdminClient::unreadable_server_messages_are_ignored()
{
    START_SERVER(server);
    AdminClient client(optionsFor(server));
    QVERIFY(welcome(client, server));
    QList<Reply> replies;
    const QString req = client.users([&](const Reply &reply) { replies.append(reply); });
    QTRY_COMPARE_WITH_TIMEOUT(server.receivedOfType(u"users"_s).size(), 1, kTimeout);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"ignoring a server message"_s));
    server.send(QByteArray("not json"));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"ignoring a server message.*weather"_s));
    server.send(QByteArray(R"({"type":"event","topic":"weather","op":"upsert","row":{}})"));
    server.send(encodeDone(req));
    QTRY_COMPARE_WITH_TIMEOUT(replies.size(), 1, kTimeout);
    QVERIFY(client.isLive());
}

QTEST_GUILESS_MAIN(TestAdminClient)
#include "tst_adminclient.moc"
