// Uploads acknowledged before they are merged (PROTOCOL.md 9.2), driven pass
// by pass on a real SQLite database: what storage keeps so that a restart
// merges an acknowledged upload, also when the device reconnected before its
// previous session ended.
#include "protocol/codec.h"
#include "storage/sqlite/sqlitestorage.h"
#include "sync/syncservice.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace Qt::StringLiterals;
using namespace seneschal;
using namespace seneschal::sync;

namespace {

const QString kCuid = u"phone"_s;

// A service on its own database file; restart() drops the service (as a
// crash would, without uploadEnd or detach) and starts a new one.
class Server
{
public:
    Server() { open(); }

    void restart()
    {
        m_service.reset();
        m_storage.reset();
        open();
    }
    Outcome pass(const QList<Command> &commands = {})
    {
        m_now += 1;
        return m_service->process(commands);
    }
    AttachCommand attach(SessionId id) const
    {
        return AttachCommand{id, kCuid, Viewer{u"alice"_s, {}, false}, 0, {}, 0, {}};
    }
    // An upload dispatch as a session hands it over, its frame included.
    SubmitCommand upload(SessionId id, const QString &oid, int value)
    {
        SubmitCommand c;
        c.session = id;
        c.upload = true;
        c.dispatch.id = u"d%1"_s.arg(++m_ids);
        c.dispatch.oid = oid;
        c.dispatch.ts = m_now;
        c.dispatch.kind = u"item"_s;
        c.dispatch.props = QJsonObject{{u"v"_s, value}};
        c.raw = protocol::encodeClientDispatch(c.dispatch);
        c.receivedMs = m_now;
        return c;
    }
    // The same dispatch sent again: its id with other values.
    static SubmitCommand repeated(SubmitCommand c, const QString &id)
    {
        c.dispatch.id = id;
        c.dispatch.ts += 10000; // later than any write of the test: it would win
        c.raw = protocol::encodeClientDispatch(c.dispatch);
        return c;
    }
    // Passes until the uploads are merged and the catch-ups sent.
    Outcome settle()
    {
        Outcome all;
        for (int i = 0; i < 1000 && m_service->hasWindowsLeft(); ++i) {
            Outcome one = pass();
            all.steps.append(one.steps);
            all.refusals.append(one.refusals);
        }
        return all;
    }
    // The stored value of `oid`, or -1 when the master copy lacks it.
    int stored(const QString &oid)
    {
        auto object = m_storage->loadObject(oid);
        if (!object || !object.value())
            return -1;
        return object.value()->props.value(u"v"_s).value.toInt(-1);
    }
    QStringList openUploads()
    {
        QStringList cuids;
        if (auto open = m_storage->openUploads()) {
            for (const storage::OpenUpload &upload : open.value())
                cuids.append(upload.cuid);
        }
        return cuids;
    }
    bool started = false;

private:
    void open()
    {
        storage::DatabaseConfig config;
        config.backend = u"sqlite"_s;
        config.path = m_dir.filePath(u"uploads.sqlite"_s);
        m_storage = std::make_unique<storage::SqliteStorage>(
            config, u"tst_uploads_%1"_s.arg(++s_connections), [this] { return m_now; });
        m_service =
            std::make_unique<SyncService>(*m_storage, SyncSettings{}, [this] { return m_now; });
        started = bool(m_service->start());
    }

    QTemporaryDir m_dir;
    std::unique_ptr<storage::SqliteStorage> m_storage;
    std::unique_ptr<SyncService> m_service;
    qint64 m_now = 1764054000000;
    int m_ids = 0;
    static inline int s_connections = 0;
};

// Whether `outcome` sends `session` a frame of `type`.
bool sends(const Outcome &outcome, SessionId session, const QString &type)
{
    for (const Outcome::Step &step : outcome.steps) {
        if (step.kind == Outcome::Step::DirectFrame && step.direct.session == session &&
            QJsonDocument::fromJson(step.direct.frame).object().value(u"type"_s) == type)
            return true;
    }
    return false;
}

// The ids acknowledged to `session` in `outcome`.
QStringList ackedIds(const Outcome &outcome, SessionId session)
{
    QStringList ids;
    for (const Outcome::Step &step : outcome.steps) {
        if (step.kind != Outcome::Step::DirectFrame || step.direct.session != session)
            continue;
        const QJsonObject frame = QJsonDocument::fromJson(step.direct.frame).object();
        if (frame.value(u"type"_s) != u"ack"_s)
            continue;
        for (const QJsonValue &id : frame.value(u"ids"_s).toArray())
            ids.append(id.toString());
    }
    return ids;
}

} // namespace

class TestUploads : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void an_acknowledged_upload_is_merged_after_a_restart()
    {
        Server server;
        QVERIFY(server.started);
        server.pass({server.attach(1)});
        server.pass({server.upload(1, u"a"_s, 1), server.upload(1, u"b"_s, 2)});
        server.pass({server.upload(1, u"a"_s, 3)});
        // Acknowledged, not merged yet: the master copy waits for uploadEnd.
        QCOMPARE(server.stored(u"a"_s), -1);
        QCOMPARE(server.openUploads(), QStringList{kCuid});

        server.restart();
        QVERIFY(server.started);
        QCOMPARE(server.stored(u"a"_s), 3);
        QCOMPARE(server.stored(u"b"_s), 2);
        QVERIFY(server.openUploads().isEmpty());
    }

    void the_end_of_an_older_session_keeps_the_newer_upload_open()
    {
        // The device reconnected (session 2) before its older connection
        // (session 1) was seen to end; both uploaded.
        Server server;
        QVERIFY(server.started);
        server.pass({server.attach(1), server.upload(1, u"a"_s, 1)});
        server.pass({server.attach(2), server.upload(2, u"b"_s, 2)});
        server.pass({DetachCommand{1}});
        QCOMPARE(server.stored(u"a"_s), 1);
        QCOMPARE(server.stored(u"b"_s), -1);
        QCOMPARE(server.openUploads(), QStringList{kCuid});

        // A crash now still merges the newer session's upload.
        server.restart();
        QCOMPARE(server.stored(u"b"_s), 2);
        QVERIFY(server.openUploads().isEmpty());
    }

    void the_catch_up_begins_in_the_pass_after_the_last_window()
    {
        // 300 objects: two windows of the default 250. The pass that merges
        // the last one carries its commit; rehydrateEnd waits for the next.
        Server server;
        QVERIFY(server.started);
        server.pass({server.attach(1)});
        QList<Command> upload;
        for (int i = 0; i < 300; ++i)
            upload.append(server.upload(1, u"o%1"_s.arg(i), i));
        server.pass(upload);
        const Outcome ended = server.pass({UploadEndCommand{1}});
        QVERIFY(!sends(ended, 1, u"rehydrateEnd"_s));
        QCOMPARE(server.stored(u"o0"_s), 0);
        QCOMPARE(server.stored(u"o299"_s), -1); // in the second window

        const Outcome lastWindow = server.pass();
        QCOMPARE(server.stored(u"o299"_s), 299);
        QVERIFY(server.openUploads().isEmpty()); // gone with the last window
        QVERIFY(!sends(lastWindow, 1, u"rehydrateEnd"_s));

        const Outcome finishing = server.pass();
        QVERIFY(sends(finishing, 1, u"rehydrateEnd"_s));
        QVERIFY(server.settle().refusals.isEmpty());
    }

    void repeats_in_a_large_upload_are_acknowledged_and_change_nothing()
    {
        // Past its first thousand dispatches an upload's ids are told new
        // from repeated in memory: the repeats must still be found, those
        // of an earlier session and those of the upload itself.
        Server server;
        QVERIFY(server.started);
        server.pass({server.attach(1)});
        const SubmitCommand earlier = server.upload(1, u"x"_s, 7);
        server.pass({earlier, UploadEndCommand{1}});
        QVERIFY(server.settle().refusals.isEmpty());
        server.pass({DetachCommand{1}});
        QCOMPARE(server.stored(u"x"_s), 7);

        server.pass({server.attach(2)});
        QList<Command> batch;
        SubmitCommand loggedAfterLoad;
        for (int i = 0; i < 1600; ++i) {
            SubmitCommand c = server.upload(2, u"o%1"_s.arg(i % 100), i);
            c.dispatch.ts += i; // the later write wins, not the greater id
            c.raw = protocol::encodeClientDispatch(c.dispatch);
            if (i == 1500) // the ids are loaded at the start of its pass
                loggedAfterLoad = c;
            batch.append(c);
            if (batch.size() == 400) {
                QVERIFY(server.pass(batch).refusals.isEmpty());
                batch.clear();
            }
        }
        const QString earlierId = earlier.dispatch.id;
        const QString ownId = loggedAfterLoad.dispatch.id;
        const Outcome repeats =
            server.pass({Server::repeated(server.upload(2, u"x"_s, 99), earlierId),
                         Server::repeated(server.upload(2, u"o0"_s, 99), ownId)});
        QVERIFY(repeats.refusals.isEmpty());
        const QStringList acked = ackedIds(repeats, 2);
        QCOMPARE(acked.size(), 2);
        QVERIFY(acked.contains(earlierId));
        QVERIFY(acked.contains(ownId));

        server.pass({UploadEndCommand{2}});
        QVERIFY(server.settle().refusals.isEmpty());
        QCOMPARE(server.stored(u"x"_s), 7);
        QCOMPARE(server.stored(u"o0"_s), 1500);
        QCOMPARE(server.stored(u"o99"_s), 1599);
    }
};

QTEST_GUILESS_MAIN(TestUploads)
#include "tst_uploads.moc"
