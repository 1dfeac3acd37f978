// Uploads acknowledged before they are merged (PROTOCOL.md 9.2), driven pass
// by pass on a real SQLite database: what storage keeps so that a restart
// merges an acknowledged upload, also when the device reconnected before its
// previous session ended.
#include "protocol/codec.h"
#include "storage/sqlite/sqlitestorage.h"
#include "sync/syncservice.h"

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
        return AttachCommand{id, kCuid, Viewer{u"alice"_s, {}, false}, 0};
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
};

QTEST_GUILESS_MAIN(TestUploads)
#include "tst_uploads.moc"
