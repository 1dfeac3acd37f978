// seneschal-admin --cli end to end: the built binary against the real server
// over wss://, on SQLite and on MariaDB, with the password on stdin and the
// test CA as --ca-file, as an operator runs it.
#include "cli/argumentparser.h"
#include "cli/logintoken.h"
#include "cli/serveraddress.h"
#include "client/syncclient.h"
#include "protocol/codec.h"
#include "seedclock.h"
#include "testserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTest>
#include <memory>

using namespace Qt::StringLiterals;
using namespace seneschal;
using client::SyncClient;
using test::k0700;
using test::kMinute;
using test::TestServer;

namespace {

constexpr int kTimeout = 20000;

// What one run of seneschal-admin did.
struct Run
{
    int exitCode = -1;
    QString out;
    QString err;

    QString all() const { return out + err; }
    QJsonObject json() const { return QJsonDocument::fromJson(out.toUtf8()).object(); }
    QJsonArray rows() const { return json().value(u"rows"_s).toArray(); }
    QJsonObject row(const QString &key, const QString &value) const
    {
        for (const QJsonValue &row : rows()) {
            if (row.toObject().value(key).toString() == value)
                return row.toObject();
        }
        return {};
    }
};

client::DispatchOptions kindOf(const QString &kind, std::optional<qint64> ts = std::nullopt)
{
    client::DispatchOptions options;
    options.kind = kind;
    options.ts = ts;
    return options;
}

} // namespace

class AdminCliTest : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestServer> server;

    QString caFile() const { return server->tlsDir() + u"/ca.pem"_s; }
    QString serverUrl() const { return u"wss://127.0.0.1:%1"_s.arg(server->port()); }

    // Runs the binary with these arguments after --cli, `input` on stdin,
    // the test process's event loop turning meanwhile (its devices keep
    // reading). `environment` adds variables.
    Run admin(const QStringList &arguments, const QByteArray &input,
              const QMap<QString, QString> &environment = {})
    {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(u"SENESCHAL_ADMIN_URL"_s);
        env.remove(u"SENESCHAL_ADMIN_TOKEN"_s);
        for (auto it = environment.cbegin(); it != environment.cend(); ++it)
            env.insert(it.key(), it.value());
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(SENESCHAL_ADMIN_BINARY), arguments);
        Run run;
        if (!process.waitForStarted(10000))
            return run;
        process.write(input);
        process.closeWriteChannel();
        if (!QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; }, 60000)) {
            process.kill();
            process.waitForFinished(5000);
            return run;
        }
        run.out = QString::fromUtf8(process.readAllStandardOutput());
        run.err = QString::fromUtf8(process.readAllStandardError());
        run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        return run;
    }
    // As alice, an admin, with the test CA.
    Run cli(const QStringList &arguments, const QByteArray &extraInput = {})
    {
        return admin(QStringList{u"--cli"_s, u"--server"_s, serverUrl(), u"--ca-file"_s, caFile(),
                                 u"--user"_s, u"alice"_s} +
                         arguments,
                     "alice-pw\n" + extraInput);
    }

    std::unique_ptr<SyncClient> device(const QString &cuid, const QString &user)
    {
        return std::make_unique<SyncClient>(server->device(cuid, user, user + u"-pw"_s));
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

private Q_SLOTS:
    void init()
    {
        if (QByteArray(QTest::currentTestFunction()).startsWith("without_server_"))
            return;
        server = std::make_unique<TestServer>();
        QVERIFY(server->addUser(u"alice"_s, u"alice-pw"_s, {u"admins"_s}));
        QVERIFY(server->addUser(u"bob"_s, u"bob-pw"_s, {u"family"_s}));
        QVERIFY(server->addUser(u"carol"_s, u"carol-pw"_s));
        QVERIFY(server->start());
    }
    void cleanup()
    {
        if (server && QTest::currentTestFailed())
            qWarning().noquote() << "server output:\n" << server->output().right(6000);
        server.reset();
    }

    // ---- the library's pieces that need no server

    void without_server_times_read_as_ms_or_iso_8601_utc()
    {
        using admincli::ArgumentParser;
        QCOMPARE(ArgumentParser::parseTime(u"1764054000000"_s), std::optional<qint64>(k0700));
        QCOMPARE(ArgumentParser::parseTime(u"2025-11-25T07:00:00Z"_s), std::optional(k0700));
        // Without an offset: UTC, whatever the machine's zone.
        QCOMPARE(ArgumentParser::parseTime(u"2025-11-25T07:00:00"_s), std::optional(k0700));
        QCOMPARE(ArgumentParser::parseTime(u"2025-11-25T08:00:00+01:00"_s), std::optional(k0700));
        QCOMPARE(ArgumentParser::parseTime(u"2025-11-25T07:00:00.250Z"_s),
                 std::optional(k0700 + 250));
        QCOMPARE(ArgumentParser::parseTime(u"2025-11-25"_s),
                 std::optional(k0700 - 7 * 60 * kMinute));
        QCOMPARE(ArgumentParser::parseTime(u"yesterday"_s), std::nullopt);
        QCOMPARE(ArgumentParser::parseTime(u"-5"_s), std::nullopt);
    }

    void without_server_server_url_gets_the_admin_path_and_port()
    {
        using admincli::ServerAddress;
        const auto url = [](const QString &option, const QString &environment = {}) {
            const auto resolved = ServerAddress::resolve(option, environment);
            return std::holds_alternative<QUrl>(resolved)
                       ? std::get<QUrl>(resolved).toString()
                       : u"error: "_s + std::get<QString>(resolved);
        };
        QCOMPARE(url(u"wss://example.org"_s), u"wss://example.org:7443/v1/admin"_s);
        QCOMPARE(url(u"wss://example.org:8443/"_s), u"wss://example.org:8443/v1/admin"_s);
        QCOMPARE(url(u"wss://example.org:8443/v1"_s), u"wss://example.org:8443/v1/admin"_s);
        QCOMPARE(url(u"wss://example.org/proxy/admin"_s), u"wss://example.org:7443/proxy/admin"_s);
        QCOMPARE(url({}, u"wss://from-env:1"_s), u"wss://from-env:1/v1/admin"_s);
        QCOMPARE(url(u"wss://option:2"_s, u"wss://from-env:1"_s), u"wss://option:2/v1/admin"_s);
        QCOMPARE(url({}), u"wss://localhost:7443/v1/admin"_s);
        QVERIFY(url(u"https://example.org"_s).startsWith(u"error"_s));
        QVERIFY(url(u"example.org"_s).startsWith(u"error"_s));
        // One cuid per run, valid by section 2.
        QVERIFY(protocol::isValidCuid(ServerAddress::consoleCuid()));
    }

    void without_server_token_cuid_is_read_from_its_payload()
    {
        const auto part = [](const QJsonObject &json) {
            return QString::fromLatin1(
                QJsonDocument(json)
                    .toJson(QJsonDocument::Compact)
                    .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
        };
        const QString header = part({{u"alg"_s, u"HS256"_s}});
        QCOMPARE(admincli::LoginToken::boundCuid(header + u'.' +
                                                 part({{u"cuid"_s, u"ops-laptop"_s}}) + u".sig"_s),
                 u"ops-laptop"_s);
        QCOMPARE(admincli::LoginToken::boundCuid(header + u'.' + part({{u"sub"_s, u"alice"_s}}) +
                                                 u".sig"_s),
                 QString());
        QCOMPARE(admincli::LoginToken::boundCuid(header + u'.' +
                                                 part({{u"cuid"_s, u"bad cuid"_s}}) + u".sig"_s),
                 QString());
        QCOMPARE(admincli::LoginToken::boundCuid(u"not-a-token"_s), QString());
    }

    // ---- against the server

    void devices_lists_a_connected_device()
    {
        auto bob = device(u"bob-phone"_s, u"bob"_s);
        auto carol = device(u"carol-phone"_s, u"carol"_s);
        QVERIFY(goLive(*bob));
        QVERIFY(goLive(*carol));
        QVERIFY(disconnect(*carol));

        Run run = cli({u"--json"_s, u"devices"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.all()));
        const QJsonObject row = run.row(u"cuid"_s, u"bob-phone"_s);
        QVERIFY2(!row.isEmpty(), qPrintable(run.out));
        QCOMPARE(row.value(u"uuid"_s).toString(), u"bob"_s);
        QCOMPARE(row.value(u"online"_s).toBool(), true);
        QCOMPARE(row.value(u"address"_s).toString(), u"127.0.0.1"_s);
        QVERIFY(row.contains(u"lastSeen"_s) && row.contains(u"cursor"_s) && row.contains(u"lag"_s));
        QCOMPARE(run.row(u"cuid"_s, u"carol-phone"_s).value(u"online"_s).toBool(true), false);

        // --online leaves the offline one out.
        run = cli({u"--json"_s, u"devices"_s, u"--online"_s});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(!run.row(u"cuid"_s, u"bob-phone"_s).isEmpty());
        QVERIFY(run.row(u"cuid"_s, u"carol-phone"_s).isEmpty());

        // The table for people: a header and one line per device.
        run = cli({u"devices"_s});
        QCOMPARE(run.exitCode, 0);
        const QStringList lines = run.out.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QVERIFY2(lines[0].startsWith(u"cuid"_s) && lines[0].contains(u"lastSeen"_s) &&
                     lines[0].endsWith(u"lag"_s),
                 qPrintable(lines[0]));
        QVERIFY(run.out.contains(u"bob-phone"_s));
        QVERIFY(run.out.contains(u"live"_s));
    }

    void queue_of_an_offline_device_has_its_total()
    {
        auto bob = device(u"bob-phone"_s, u"bob"_s);
        QVERIFY(goLive(*bob));
        QVERIFY(disconnect(*bob));
        auto alice = device(u"alice-phone"_s, u"alice"_s);
        QVERIFY(goLive(*alice));
        for (const QString &oid : {u"note-1"_s, u"note-2"_s, u"note-3"_s})
            alice->dispatch(oid, QJsonObject{{u"text"_s, oid}}, kindOf(u"note"_s));
        QVERIFY(drained(*alice));

        Run run = cli({u"--json"_s, u"queue"_s, u"bob-phone"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.all()));
        QCOMPARE(run.json().value(u"total"_s).toInteger(), 3);
        QCOMPARE(run.rows().size(), 3);
        QVERIFY(run.json().value(u"next"_s).isNull());
        QStringList oids;
        for (const QJsonValue &row : run.rows()) {
            oids.append(row.toObject().value(u"oid"_s).toString());
            QCOMPARE(row.toObject().value(u"op"_s).toString(), u"dispatch"_s);
        }
        QCOMPARE(oids, (QStringList{u"note-1"_s, u"note-2"_s, u"note-3"_s}));

        // One page says where the next starts; --all follows it.
        run = cli({u"--json"_s, u"queue"_s, u"bob-phone"_s, u"--limit"_s, u"2"_s});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.rows().size(), 2);
        QCOMPARE(run.json().value(u"total"_s).toInteger(), 3);
        QVERIFY(!run.json().value(u"next"_s).isNull());
        run = cli({u"--json"_s, u"queue"_s, u"bob-phone"_s, u"--limit"_s, u"2"_s, u"--all"_s});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.rows().size(), 3);
        QVERIFY(run.json().value(u"next"_s).isNull());

        // People see the total, and a hint that more exist.
        run = cli({u"queue"_s, u"bob-phone"_s, u"--limit"_s, u"2"_s});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(u"total 3"_s), qPrintable(run.out));
        QVERIFY2(run.err.contains(u"--all"_s), qPrintable(run.err));
    }

    void object_shows_properties_stamps_and_audience()
    {
        auto alice = device(u"alice-phone"_s, u"alice"_s);
        QVERIFY(goLive(*alice));
        alice->dispatch(u"ob1"_s, QJsonObject{{u"name"_s, u"test"_s}, {u"qty"_s, 1}},
                        kindOf(u"item"_s, k0700));
        QVERIFY(drained(*alice));

        Run run = cli({u"--json"_s, u"object"_s, u"ob1"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.all()));
        const QJsonObject row = run.json();
        QCOMPARE(row.value(u"oid"_s).toString(), u"ob1"_s);
        QCOMPARE(row.value(u"owner"_s).toString(), u"alice"_s);
        QCOMPARE(row.value(u"kind"_s).toString(), u"item"_s);
        QCOMPARE(row.value(u"props"_s).toObject().value(u"name"_s).toString(), u"test"_s);
        const QJsonArray stamp = row.value(u"stamps"_s).toObject().value(u"name"_s).toArray();
        QCOMPARE(stamp.at(0).toInteger(), k0700);
        QCOMPARE(stamp.at(1).toString(), u"alice-phone"_s);
        QVERIFY(row.value(u"audience"_s).toArray().contains(u"alice"_s));

        run = cli({u"object"_s, u"ob1"_s});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(u"alice-phone"_s), qPrintable(run.out));
        QVERIFY2(run.out.contains(u"2025-11-25T07:00:00.000Z"_s), qPrintable(run.out));

        // An unknown oid is the server's refusal.
        run = cli({u"object"_s, u"nothing-here"_s});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(u"forbidden"_s), qPrintable(run.all()));
    }

    void history_lists_a_reconciliation()
    {
        auto alice = device(u"alice-phone"_s, u"alice"_s);
        auto bob = device(u"bob-phone"_s, u"bob"_s);
        QVERIFY(goLive(*alice));
        QVERIFY(goLive(*bob));
        alice->dispatch(u"ob1"_s, QJsonObject{{u"qty"_s, 1}}, kindOf(u"item"_s, k0700));
        QVERIFY(drained(*alice));
        QTRY_VERIFY_WITH_TIMEOUT(bob->object(u"ob1"_s).has_value(), kTimeout);
        QVERIFY(disconnect(*bob));
        bob->dispatch(u"ob1"_s, QJsonObject{{u"qty"_s, 2}}, kindOf({}, k0700 + 10 * kMinute));
        alice->dispatch(u"ob1"_s, QJsonObject{{u"qty"_s, 3}}, kindOf({}, k0700 + 20 * kMinute));
        QVERIFY(drained(*alice));
        QVERIFY(goLive(*bob));
        QVERIFY(drained(*bob));

        Run run;
        QTRY_VERIFY_WITH_TIMEOUT(
            (run = cli({u"--json"_s, u"history"_s, u"--oid"_s, u"ob1"_s}), run.rows().size() >= 1),
            kTimeout);
        const QJsonObject row = run.rows().first().toObject();
        QCOMPARE(row.value(u"prop"_s).toString(), u"qty"_s);
        QCOMPARE(row.value(u"winner"_s).toObject().value(u"value"_s).toInt(), 3);
        QCOMPARE(row.value(u"loser"_s).toObject().value(u"cuid"_s).toString(), u"bob-phone"_s);

        // A window in the past has none; times read as ISO 8601.
        run = cli({u"--json"_s, u"history"_s, u"--to"_s, u"2001-01-01T00:00:00Z"_s});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.rows().size(), 0);
    }

    void share_grant_reaches_the_grantee()
    {
        auto carol = device(u"carol-phone"_s, u"carol"_s);
        auto bob = device(u"bob-phone"_s, u"bob"_s);
        QVERIFY(goLive(*carol));
        QVERIFY(goLive(*bob));
        client::DispatchOptions list = kindOf(u"list"_s);
        list.access = engine::Access::Private;
        carol->dispatch(u"groceries"_s, QJsonObject{{u"title"_s, u"Groceries"_s}}, list);
        QVERIFY(drained(*carol));
        QTest::qWait(200);
        QVERIFY(!bob->object(u"groceries"_s).has_value());

        const Run run = cli({u"share"_s, u"groceries"_s, u"--grant"_s, u"user:bob"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.all()));
        QVERIFY(run.out.startsWith(u"done"_s));
        QTRY_VERIFY_WITH_TIMEOUT(bob->object(u"groceries"_s).has_value(), kTimeout);
        QCOMPARE(bob->object(u"groceries"_s)->props.value(u"title"_s).toString(), u"Groceries"_s);

        const Run object = cli({u"--json"_s, u"object"_s, u"groceries"_s});
        QCOMPARE(object.exitCode, 0);
        QVERIFY(object.json().value(u"grants"_s).toArray().contains(u"user:bob"_s));
    }

    void disconnect_closes_the_device_with_4410()
    {
        auto bob = device(u"bob-phone"_s, u"bob"_s);
        QVERIFY(goLive(*bob));
        const Run run = cli({u"disconnect"_s, u"bob-phone"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.all()));
        QTRY_VERIFY_WITH_TIMEOUT(bob->state() == SyncClient::State::Disconnected, kTimeout);
        QCOMPARE(bob->closeCode(), 4410);

        // An unknown device is refused by the server: exit 1 with its code.
        const Run unknown = cli({u"expire"_s, u"nobody"_s});
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY2(unknown.err.contains(u"forbidden"_s), qPrintable(unknown.all()));
    }

    void expire_forgets_the_device()
    {
        auto bob = device(u"bob-phone"_s, u"bob"_s);
        QVERIFY(goLive(*bob));
        QVERIFY(disconnect(*bob));
        Run run = cli({u"expire"_s, u"bob-phone"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.all()));
        run = cli({u"--json"_s, u"devices"_s});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.row(u"cuid"_s, u"bob-phone"_s).isEmpty());
    }

    void user_add_takes_the_password_from_stdin_and_the_user_logs_in()
    {
        Run run = cli({u"user"_s, u"add"_s, u"dave"_s}, "dave-pw\n");
        QVERIFY2(run.exitCode == 0, qPrintable(run.all()));
        auto dave = device(u"dave-phone"_s, u"dave"_s);
        QVERIFY(goLive(*dave));
        QVERIFY(disconnect(*dave));

        run = cli({u"--json"_s, u"users"_s});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.row(u"name"_s, u"dave"_s).value(u"local"_s).toBool(), true);

        // A new password, then a disabled user cannot log in.
        run = cli({u"user"_s, u"passwd"_s, u"dave"_s}, "dave-pw2\n");
        QCOMPARE(run.exitCode, 0);
        run = cli({u"user"_s, u"disable"_s, u"dave"_s});
        QCOMPARE(run.exitCode, 0);
        run = cli({u"--json"_s, u"users"_s});
        QCOMPARE(run.row(u"name"_s, u"dave"_s).value(u"disabled"_s).toBool(), true);

        // Without a new password on stdin nothing is sent.
        run = cli({u"user"_s, u"add"_s, u"erin"_s});
        QCOMPARE(run.exitCode, 2);
        // An existing user is the server's `invalid`.
        run = cli({u"user"_s, u"add"_s, u"bob"_s}, "x-pw\n");
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(u"invalid"_s), qPrintable(run.all()));
    }

    void groups_are_managed()
    {
        Run run = cli({u"group"_s, u"add"_s, u"crew"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.all()));
        run = cli({u"group"_s, u"member-add"_s, u"crew"_s, u"carol"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.all()));
        run = cli({u"--json"_s, u"groups"_s});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.row(u"group"_s, u"crew"_s).value(u"members"_s).toArray().contains(u"carol"_s),
                 qPrintable(run.out));
    }

    void non_admin_is_refused_forbidden()
    {
        const Run run = admin({u"--cli"_s, u"--server"_s, serverUrl(), u"--ca-file"_s, caFile(),
                               u"--user"_s, u"bob"_s, u"devices"_s},
                              "bob-pw\n");
        QVERIFY2(run.exitCode == 1 || run.exitCode == 3, qPrintable(run.all()));
        QVERIFY2(run.all().contains(u"forbidden"_s), qPrintable(run.all()));
        QVERIFY(!run.out.contains(u"bob-phone"_s));

        // A wrong password cannot log in either.
        const Run wrong = admin({u"--cli"_s, u"--server"_s, serverUrl(), u"--ca-file"_s, caFile(),
                                 u"--user"_s, u"alice"_s, u"devices"_s},
                                "nope\n");
        QCOMPARE(wrong.exitCode, 3);
        QVERIFY2(wrong.all().contains(u"auth_failed"_s), qPrintable(wrong.all()));
    }

    void cannot_connect_is_exit_3()
    {
        // The server's certificate is not from this CA.
        Run run =
            admin({u"--cli"_s, u"--server"_s, serverUrl(), u"--ca-file"_s,
                   server->tlsDir() + u"/other-ca.pem"_s, u"--user"_s, u"alice"_s, u"users"_s},
                  "alice-pw\n");
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.err.contains(u"certificate"_s), qPrintable(run.all()));

        // Nobody listens.
        server->stop();
        run = cli({u"users"_s});
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.err.contains(u"cannot connect"_s), qPrintable(run.all()));
    }

    void token_and_url_come_from_the_environment()
    {
        auto alice = device(u"alice-phone"_s, u"alice"_s);
        QVERIFY(goLive(*alice));
        QVERIFY(!alice->token().isEmpty());
        const Run run = admin({u"--cli"_s, u"--ca-file"_s, caFile(), u"--json"_s, u"users"_s}, {},
                              {{u"SENESCHAL_ADMIN_URL"_s, serverUrl()},
                               {u"SENESCHAL_ADMIN_TOKEN"_s, alice->token()}});
        QVERIFY2(run.exitCode == 0, qPrintable(run.all()));
        QVERIFY(!run.row(u"name"_s, u"alice"_s).isEmpty());
        // The token is bound to the device's cuid, which the tool presents on
        // /v1/admin; the device's own session is not replaced by that.
        QTest::qWait(200);
        QVERIFY(alice->isLive());
    }

    void watch_prints_live_events()
    {
        QProcess watch;
        watch.start(QStringLiteral(SENESCHAL_ADMIN_BINARY),
                    {u"--cli"_s, u"--server"_s, serverUrl(), u"--ca-file"_s, caFile(), u"--user"_s,
                     u"alice"_s, u"--json"_s, u"watch"_s, u"devices"_s, u"--snapshots"_s,
                     u"--count"_s, u"1"_s});
        QVERIFY(watch.waitForStarted(10000));
        watch.write("alice-pw\n");
        watch.closeWriteChannel();
        QString out;
        // The snapshot line shows the subscription is in place.
        QVERIFY2(QTest::qWaitFor(
                     [&] {
                         out += QString::fromUtf8(watch.readAllStandardOutput());
                         return out.contains(u"\"snapshot\""_s);
                     },
                     kTimeout),
                 qPrintable(out + QString::fromUtf8(watch.readAllStandardError())));

        auto bob = device(u"bob-phone"_s, u"bob"_s);
        QVERIFY(goLive(*bob));
        QVERIFY(QTest::qWaitFor([&] { return watch.state() == QProcess::NotRunning; }, kTimeout));
        QCOMPARE(watch.exitCode(), 0);
        out += QString::fromUtf8(watch.readAllStandardOutput());
        const QStringList lines = out.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2); // the snapshot, then one event
        const QJsonObject event = QJsonDocument::fromJson(lines[1].toUtf8()).object();
        QCOMPARE(event.value(u"topic"_s).toString(), u"devices"_s);
        QCOMPARE(event.value(u"op"_s).toString(), u"upsert"_s);
        QCOMPARE(event.value(u"row"_s).toObject().value(u"cuid"_s).toString(), u"bob-phone"_s);
    }

    void bad_command_line_is_exit_2_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("no command") << QStringList{};
        QTest::newRow("unknown command") << QStringList{u"frobnicate"_s};
        QTest::newRow("unknown option") << QStringList{u"devices"_s, u"--sideways"_s};
        QTest::newRow("option of another command") << QStringList{u"devices"_s, u"--all"_s};
        QTest::newRow("queue without cuid") << QStringList{u"queue"_s};
        QTest::newRow("bad cuid") << QStringList{u"queue"_s, u"bad cuid!"_s};
        QTest::newRow("limit 0") << QStringList{u"queue"_s, u"dev"_s, u"--limit"_s, u"0"_s};
        QTest::newRow("limit without value") << QStringList{u"objects"_s, u"--limit"_s};
        QTest::newRow("share without change") << QStringList{u"share"_s, u"ob1"_s};
        QTest::newRow("share bad principal")
            << QStringList{u"share"_s, u"ob1"_s, u"--grant"_s, u"bob"_s};
        QTest::newRow("share bad access")
            << QStringList{u"share"_s, u"ob1"_s, u"--access"_s, u"secret"_s};
        QTest::newRow("user without name") << QStringList{u"user"_s, u"add"_s};
        QTest::newRow("user bad op") << QStringList{u"user"_s, u"rename"_s, u"bob"_s};
        QTest::newRow("member-add without name")
            << QStringList{u"group"_s, u"member-add"_s, u"crew"_s};
        QTest::newRow("bad time") << QStringList{u"history"_s, u"--from"_s, u"yesterday"_s};
        QTest::newRow("bad topic") << QStringList{u"watch"_s, u"weather"_s};
        QTest::newRow("extra operand") << QStringList{u"users"_s, u"everyone"_s};
        QTest::newRow("bad server") << QStringList{u"--server"_s, u"http://x"_s, u"users"_s};
    }
    void bad_command_line_is_exit_2()
    {
        QFETCH(QStringList, arguments);
        const Run run = admin(QStringList{u"--cli"_s, u"--server"_s, serverUrl(), u"--ca-file"_s,
                                          caFile(), u"--user"_s, u"alice"_s} +
                                  arguments,
                              "alice-pw\n");
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(u"--help"_s), qPrintable(run.all()));
        QVERIFY(run.out.isEmpty());
    }

    void usage_of_window_and_tool_and_missing_credentials()
    {
        // Without --cli the window opens; its --help points at the tool, and
        // a mistake is answered without a display.
        Run run = admin({u"--help"_s}, {});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(u"--cli"_s), qPrintable(run.all()));
        run = admin({u"--no-such-option"_s}, {});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(u"--help"_s), qPrintable(run.all()));

        run = admin({u"--cli"_s, u"--help"_s}, {});
        QCOMPARE(run.exitCode, 0);
        for (const QString &command :
             {u"devices"_s, u"queue"_s, u"history"_s, u"object"_s, u"objects"_s, u"users"_s,
              u"groups"_s, u"disconnect"_s, u"expire"_s, u"share"_s, u"user add"_s, u"group add"_s,
              u"watch"_s, u"SENESCHAL_ADMIN_TOKEN"_s})
            QVERIFY2(run.out.contains(command), qPrintable(command));

        // Neither --user nor a token; --user without a password on stdin.
        run = admin({u"--cli"_s, u"--server"_s, serverUrl(), u"users"_s}, {});
        QCOMPARE(run.exitCode, 2);
        run = admin({u"--cli"_s, u"--server"_s, serverUrl(), u"--user"_s, u"alice"_s, u"users"_s},
                    {});
        QCOMPARE(run.exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(AdminCliTest)
#include "tst_admincli.moc"
