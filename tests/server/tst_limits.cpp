// Connection limits, floods, slow readers and a reconnect storm, end to end
// against the real server process over wss:// (PROTOCOL.md section 5's
// rate_limited and unavailable; docs/protocol.md "Limits").
#include "auth/jwtsecretfile.h"
#include "auth/tokenissuer.h"
#include "client/syncclient.h"
#include "testserver.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSslSocket>
#include <QTest>
#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;
using namespace seneschal;
using client::SyncClient;
using test::TestServer;

namespace {

constexpr int kTimeout = 30000;

QJsonObject lastError(const SyncClient &client)
{
    const QList<QJsonObject> errors = client.receivedOfType(u"error"_s);
    return errors.isEmpty() ? QJsonObject() : errors.last();
}

QByteArray frame(const QByteArray &payload)
{
    // A masked text frame (RFC 6455 5.2), as a client must send it.
    QByteArray out;
    out.append(char(0x81));
    if (payload.size() < 126) {
        out.append(char(0x80 | payload.size()));
    } else {
        out.append(char(0x80 | 126));
        out.append(char((payload.size() >> 8) & 0xff));
        out.append(char(payload.size() & 0xff));
    }
    const quint32 mask = QRandomGenerator::global()->generate();
    const char key[4] = {char(mask >> 24), char(mask >> 16), char(mask >> 8), char(mask)};
    out.append(key, 4);
    for (qsizetype i = 0; i < payload.size(); ++i)
        out.append(char(payload[i] ^ key[i % 4]));
    return out;
}

// A device that logs in and then really stops reading its socket: a small
// kernel receive buffer, Qt's read buffer capped, and nothing read after the
// upgrade's answer.
class StalledReader
{
public:
    bool open(const TestServer &server, const QString &cuid, const QString &user,
              const QString &password)
    {
        m_socket.setReadBufferSize(4096);
        m_socket.setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 4096);
        QSslConfiguration ssl = m_socket.sslConfiguration();
        ssl.setCaCertificates(server.caCertificates());
        m_socket.setSslConfiguration(ssl);
        m_socket.setPeerVerifyName(u"127.0.0.1"_s);
        m_socket.connectToHostEncrypted(u"127.0.0.1"_s, server.port());
        if (!m_socket.waitForEncrypted(kTimeout))
            return false;
        const QByteArray key = QByteArray("seneschal-stall!").toBase64();
        m_socket.write("GET /v1 HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                       "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: " +
                       key + "\r\n\r\n");
        QByteArray answer;
        while (!answer.contains("\r\n\r\n")) {
            if (!m_socket.waitForReadyRead(kTimeout))
                return false;
            // Up to the end of the answer only: the frames after it stay unread.
            while (!answer.contains("\r\n\r\n") && m_socket.bytesAvailable() > 0)
                answer.append(m_socket.read(1));
        }
        if (!answer.startsWith("HTTP/1.1 101"))
            return false;
        const QJsonObject hello{{u"type"_s, u"hello"_s},
                                {u"protocol"_s, 1},
                                {u"cuid"_s, cuid},
                                {u"since"_s, 0},
                                {u"auth"_s, QJsonObject{{u"method"_s, u"password"_s},
                                                        {u"username"_s, user},
                                                        {u"password"_s, password}}}};
        m_socket.write(frame(QJsonDocument(hello).toJson(QJsonDocument::Compact)));
        return m_socket.flush() || m_socket.bytesToWrite() == 0;
    }
    // Sends a text message (after the login: uploadEnd).
    void send(const QByteArray &json)
    {
        m_socket.write(frame(json));
        m_socket.flush();
    }
    // What has arrived so far, without reading it.
    QByteArray peek() { return m_socket.peek(4096); }

private:
    QSslSocket m_socket;
};

} // namespace

class LimitsTest : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestServer> server;

    std::unique_ptr<SyncClient> device(const QString &cuid, const QString &user = u"alice"_s)
    {
        return std::make_unique<SyncClient>(server->device(cuid, user, user + u"-pw"_s));
    }
    static bool goLive(SyncClient &client)
    {
        if (client.state() == SyncClient::State::Disconnected)
            client.connectToServer();
        return QTest::qWaitFor([&] { return client.isLive(); }, kTimeout);
    }
    static bool closed(SyncClient &client)
    {
        return QTest::qWaitFor([&] { return client.state() == SyncClient::State::Disconnected; },
                               kTimeout);
    }

private Q_SLOTS:
    void init()
    {
        server = std::make_unique<TestServer>();
        QVERIFY(server->addUser(u"alice"_s, u"alice-pw"_s, {u"admins"_s}));
        QVERIFY(server->addUser(u"bob"_s, u"bob-pw"_s));
    }
    void cleanup()
    {
        if (QTest::currentTestFailed())
            qWarning().noquote() << "server output:\n" << server->output().right(6000);
        server.reset();
    }

    void connections_past_the_limit_get_4503_with_a_retry_hint()
    {
        server->set(u"limits/maxConnections"_s, u"2"_s);
        QVERIFY(server->start());
        QVERIFY(server->output().contains(u"at most 2 connections"_s));
        auto first = device(u"first"_s);
        auto second = device(u"second"_s, u"bob"_s);
        QVERIFY(goLive(*first));
        QVERIFY(goLive(*second));

        auto third = device(u"third"_s);
        third->connectToServer();
        QVERIFY(closed(*third));
        QCOMPARE(third->closeCode(), 4503);
        const QJsonObject error = lastError(*third);
        QCOMPARE(error.value(u"code"_s).toString(), u"unavailable"_s);
        QVERIFY2(error.value(u"retryAfterMs"_s).toInteger() >= 5000,
                 qPrintable(error.value(u"message"_s).toString()));
        QVERIFY(first->isLive());
        QVERIFY(second->isLive());

        // A place comes free: the next one is let in.
        first->disconnectFromServer();
        QVERIFY(closed(*first));
        QVERIFY(QTest::qWaitFor(
            [&] {
                auto again = device(u"third"_s);
                return goLive(*again);
            },
            kTimeout));
    }

    void connections_past_the_per_address_limit_get_4429()
    {
        server->set(u"limits/maxConnectionsPerAddress"_s, u"1"_s);
        QVERIFY(server->start());
        auto first = device(u"first"_s);
        QVERIFY(goLive(*first));
        auto second = device(u"second"_s, u"bob"_s);
        second->connectToServer();
        QVERIFY(closed(*second));
        QCOMPARE(second->closeCode(), 4429);
        const QJsonObject error = lastError(*second);
        QCOMPARE(error.value(u"code"_s).toString(), u"rate_limited"_s);
        QVERIFY(error.value(u"retryAfterMs"_s).toInteger() > 0);
        QVERIFY(first->isLive());
        QVERIFY(server->output().contains(u"limits/maxConnectionsPerAddress"_s));
    }

    void device_flooding_faster_than_served_gets_4429_others_unaffected()
    {
        server->set(u"limits/maxQueuedMessages"_s, u"100"_s);
        QVERIFY(server->start());
        auto calm = device(u"calm"_s, u"bob"_s);
        auto flood = device(u"flood"_s);
        QVERIFY(goLive(*calm));
        QVERIFY(goLive(*flood));

        // First as a well-behaved device: 50 dispatches, acknowledged.
        for (int i = 0; i < 50; ++i)
            flood->dispatch(u"flood-%1"_s.arg(i), QJsonObject{{u"n"_s, i}});
        QVERIFY(QTest::qWaitFor([&] { return flood->outbox().isEmpty(); }, kTimeout));

        // Then 30,000 dispatches in one go, far more than 100 ahead of the
        // server, written to the socket as fast as the client can.
        for (int i = 0; i < 30000; ++i) {
            flood->sendRaw(
                QString::fromUtf8(QJsonDocument(QJsonObject{{u"type"_s, u"dispatch"_s},
                                                            {u"id"_s, u"f-%1"_s.arg(i)},
                                                            {u"oid"_s, u"flood-%1"_s.arg(i % 50)},
                                                            {u"ts"_s, qint64(1764054000000) + i},
                                                            {u"props"_s, QJsonObject{{u"n"_s, i}}}})
                                      .toJson(QJsonDocument::Compact)));
        }
        QVERIFY(closed(*flood));
        QCOMPARE(flood->closeCode(), 4429);
        QCOMPARE(lastError(*flood).value(u"code"_s).toString(), u"rate_limited"_s);
        QVERIFY(server->output().contains(u"sends faster than it is served"_s));

        // The other device is served all along, and the server is alive.
        calm->dispatch(u"calm-1"_s, QJsonObject{{u"v"_s, 1}});
        QVERIFY(QTest::qWaitFor([&] { return calm->outbox().isEmpty(); }, kTimeout));
        QVERIFY(calm->isLive());

        // Nothing the flooder saw acknowledged is lost: every acknowledged
        // id (its first 50, and what was acknowledged of the flood before
        // the close) is in the dispatch log.
        QStringList acked;
        for (const QJsonObject &ack : flood->receivedOfType(u"ack"_s)) {
            for (const QJsonValue &id : ack.value(u"ids"_s).toArray())
                acked.append(id.toString());
        }
        QVERIFY(acked.size() >= 50);
        auto storage = server->openStorage();
        QVERIFY(storage);
        QList<storage::DispatchRef> refs;
        for (const QString &id : std::as_const(acked))
            refs.append({u"flood"_s, id});
        const auto known = storage->knownDispatches(refs);
        QVERIFY(known);
        QCOMPARE(qsizetype(known.value().size()), refs.size());
    }

    void user_over_the_message_budget_gets_4429_with_a_retry_hint()
    {
        server->set(u"limits/messagesPerSecond"_s, u"50"_s);
        server->set(u"limits/messageBurst"_s, u"100"_s);
        QVERIFY(server->start());
        auto busy = device(u"busy"_s);
        auto other = device(u"other"_s, u"bob"_s);
        QVERIFY(goLive(*busy));
        QVERIFY(goLive(*other));
        // 400 live dispatches at once: four times the burst.
        for (int i = 0; i < 400; ++i)
            busy->dispatch(u"busy-%1"_s.arg(i % 10), QJsonObject{{u"n"_s, i}});
        QVERIFY(closed(*busy));
        QCOMPARE(busy->closeCode(), 4429);
        const QJsonObject error = lastError(*busy);
        QCOMPARE(error.value(u"code"_s).toString(), u"rate_limited"_s);
        const qint64 retryAfterMs = error.value(u"retryAfterMs"_s).toInteger();
        QVERIFY(retryAfterMs >= 1000);
        QVERIFY(server->output().contains(u"over the message budget"_s));

        // Another user is not affected.
        other->dispatch(u"other-1"_s, QJsonObject{{u"v"_s, 1}});
        QVERIFY(QTest::qWaitFor([&] { return other->outbox().isEmpty(); }, kTimeout));
        QVERIFY(other->isLive());

        // After the hint the device comes back and what it had not seen
        // acknowledged goes through, at the budget's pace.
        QTest::qWait(int(retryAfterMs) + 2000);
        QVERIFY(goLive(*busy));
        QVERIFY(QTest::qWaitFor([&] { return busy->outbox().isEmpty(); }, kTimeout));
    }

    void device_that_stops_reading_is_dropped_then_catches_up_from_its_since()
    {
        // Above what one catch-up window of these objects takes (20 x 64 KB).
        server->set(u"limits/maxPendingWriteBytes"_s, u"4194304"_s);
        QVERIFY(server->start());
        auto writer = device(u"writer"_s);
        QVERIFY(goLive(*writer));
        StalledReader stalled;
        QVERIFY(stalled.open(*server, u"stalled"_s, u"bob"_s, u"bob-pw"_s));
        QTRY_VERIFY_WITH_TIMEOUT(server->output().contains(u"logged in as \"bob\""_s), kTimeout);
        // Nothing to upload: it goes live, still reading nothing.
        stalled.send(R"({"type":"uploadEnd"})");
        QTRY_VERIFY_WITH_TIMEOUT(stalled.peek().contains("\"synced\""), kTimeout);

        // About 50 MB of public dispatches while it reads nothing: far more
        // than the kernel buffers on both sides hold (about 10 MB here).
        const QString big(64000, u'x');
        for (int i = 0; i < 800; ++i)
            writer->dispatch(u"pub-%1"_s.arg(i % 20), QJsonObject{{u"v"_s, i}, {u"pad"_s, big}});
        QVERIFY(QTest::qWaitFor([&] { return writer->outbox().isEmpty(); }, kTimeout));
        QTRY_VERIFY_WITH_TIMEOUT(server->output().contains(u"dropped: not reading"_s), kTimeout);
        QVERIFY(writer->isLive());

        // It comes back with the since it had (0: it applied nothing) and
        // gets each object once, in its final state.
        auto back = device(u"stalled"_s, u"bob"_s);
        QVERIFY(goLive(*back));
        for (int o = 0; o < 20; ++o) {
            const auto object = back->object(u"pub-%1"_s.arg(o));
            QVERIFY2(object.has_value(), qPrintable(u"pub-%1 missing"_s.arg(o)));
            QCOMPARE(object->props.value(u"v"_s).toInt(), 780 + o);
        }
    }

    void many_devices_reconnecting_at_once_are_all_served()
    {
        // The storm at the size of a test (seneschal-bench --scenarios storm
        // has the full one): every device with a token, all at once.
        const int devices = qEnvironmentVariableIntValue("SENESCHAL_STORM_DEVICES") > 0
                                ? qEnvironmentVariableIntValue("SENESCHAL_STORM_DEVICES")
                                : 300;
        QVERIFY(server->start());
        QString why;
        const QByteArray secret =
            auth::JwtSecretFile(server->dataDir() + u"/jwt.secret"_s).loadOrCreate(&why);
        QVERIFY2(!secret.isEmpty(), qPrintable(why));
        const auth::TokenIssuer issuer(secret, u"seneschal"_s, 3600);
        std::vector<std::unique_ptr<SyncClient>> fleet;
        for (int i = 0; i < devices; ++i) {
            const QString cuid = u"storm-%1"_s.arg(i);
            auto options = server->device(cuid, u"bob"_s, {});
            const auto token = issuer.issue(u"bob"_s, cuid, 0, {});
            QVERIFY(token.has_value());
            options.auth = client::ClientAuth::withToken(token->token);
            options.keepReceived = false;
            fleet.push_back(std::make_unique<SyncClient>(options));
        }
        QElapsedTimer storm;
        storm.start();
        for (auto &c : fleet)
            c->connectToServer();
        const auto live = [&] {
            return std::count_if(fleet.cbegin(), fleet.cend(),
                                 [](const auto &c) { return c->isLive(); });
        };
        QTRY_COMPARE_WITH_TIMEOUT(live(), qsizetype(devices), 120000);
        qInfo("%d devices reconnecting at once: all synced after %lld ms", devices,
              storm.elapsed());
        for (const auto &c : fleet)
            QCOMPARE(c->closeCode(), 0);
    }
};

QTEST_GUILESS_MAIN(LimitsTest)
#include "tst_limits.moc"
