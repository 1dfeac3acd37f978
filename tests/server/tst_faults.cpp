// Faults under load, end to end: the real server process killed at random
// moments, its MariaDB killed under it, its disk running full. Several real
// devices keep writing live and uploading what they wrote offline; what the
// server acknowledged must be in the master copy afterwards, no dispatch may
// be half applied, and every replica must end equal to the master copy.
#include "client/syncclient.h"
#include "seededrandom.h"
#include "testserver.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QTest>
#include <QTimer>
#include <memory>
#include <vector>

using namespace Qt::StringLiterals;
using namespace seneschal;
using client::SyncClient;
using test::SeededRandom;
using test::TestServer;

namespace {

constexpr int kTimeout = 30000;
// Every dispatch writes the same value to all of these, so a dispatch that
// was applied in part shows as properties that disagree.
const QStringList kProps{u"a"_s, u"b"_s, u"c"_s};

struct Sent
{
    QString cuid;
    QString id;
    QString oid;
    qint64 ts = 0;
    QString tag; // the value of every property
};

QString key(const QString &cuid, const QString &id)
{
    return cuid + u'/' + id;
}

// One device of the fleet and what became of its writes.
struct Device
{
    std::unique_ptr<SyncClient> client;
    QString cuid;
    bool writes = true;
    bool online = true; // should be connected (the uploader is away for a while)
    int perTick = 1;
    qint64 lastAttemptMs = 0;
    int counter = 0;
};

// Devices writing to a shared pool of objects on a timer, reconnecting
// whenever they are dropped, keeping every dispatch they sent and every ack.
class Fleet : public QObject
{
public:
    Fleet(TestServer &server, SeededRandom &random)
        : m_server(server)
        , m_random(random)
    {
        m_tick.setInterval(5);
        connect(&m_tick, &QTimer::timeout, this, [this] { tick(); });
        m_clock.start();
    }

    Device &add(const QString &cuid, const QString &user, bool writes, int perTick = 1)
    {
        auto device = std::make_unique<Device>();
        device->cuid = cuid;
        device->writes = writes;
        device->perTick = perTick;
        client::SyncClientOptions options = m_server.device(cuid, user, user + u"-pw"_s);
        options.keepReceived = false;
        device->client = std::make_unique<SyncClient>(options);
        SyncClient *c = device->client.get();
        connect(c, &SyncClient::acked, this, [this, cuid](const QStringList &ids) {
            for (const QString &id : ids) {
                m_acked.insert(key(cuid, id));
                if (m_ackTrap)
                    ++m_ackedDuringTrap;
            }
        });
        connect(c, &SyncClient::rejected, this,
                [this, cuid](const QString &id, const QString &code, const QString &message) {
                    m_rejected.append(u"%1 %2: %3 %4"_s.arg(cuid, id, code, message));
                });
        connect(c, &SyncClient::disconnected, this,
                [this](int closeCode) { ++m_closeCodes[closeCode]; });
        m_devices.push_back(std::move(device));
        return *m_devices.back();
    }

    void startWriting() { m_tick.start(); }
    void stopWriting() { m_tick.stop(); }
    void setOids(int count) { m_oidCount = count; }
    // Reconnect dropped devices (when the server runs) or leave them be.
    void setReconnecting(bool on) { m_reconnecting = on; }
    // Counts acks arriving from now on (none may while storage is gone).
    void setAckTrap(bool on)
    {
        m_ackTrap = on;
        m_ackedDuringTrap = 0;
    }
    int ackedDuringTrap() const { return m_ackedDuringTrap; }

    std::vector<std::unique_ptr<Device>> &devices() { return m_devices; }
    const QHash<QString, Sent> &sent() const { return m_sent; }
    const QSet<QString> &acked() const { return m_acked; }
    const QStringList &rejected() const { return m_rejected; }
    const QMap<int, int> &closeCodes() const { return m_closeCodes; }
    QString oid(int index) const { return u"o-%1"_s.arg(index); }
    int oidCount() const { return m_oidCount; }

    bool allLive() const
    {
        for (const auto &d : m_devices) {
            if (!d->client->isLive())
                return false;
        }
        return true;
    }
    bool allDrained() const
    {
        for (const auto &d : m_devices) {
            if (!d->client->outbox().isEmpty())
                return false;
        }
        return true;
    }
    // Connects every device that is down and due (at most every 100 ms).
    void reconnect()
    {
        const qint64 now = m_clock.elapsed();
        for (const auto &d : m_devices) {
            if (!d->online || d->client->state() != SyncClient::State::Disconnected)
                continue;
            if (now - d->lastAttemptMs < 100)
                continue;
            d->lastAttemptMs = now;
            d->client->connectToServer();
        }
    }

private:
    void tick()
    {
        for (const auto &d : m_devices) {
            if (!d->writes)
                continue;
            for (int i = 0; i < d->perTick; ++i) {
                const QString oid = this->oid(int(m_random.below(quint64(m_oidCount))));
                const QString tag = u"%1#%2"_s.arg(d->cuid).arg(++d->counter);
                QJsonObject props;
                for (const QString &name : kProps)
                    props.insert(name, tag);
                client::DispatchOptions options;
                options.kind = u"item"_s;
                const QString id = d->client->dispatch(oid, props, options);
                const auto *queued = d->client->outbox().find(id);
                m_sent.insert(key(d->cuid, id),
                              Sent{d->cuid, id, oid, queued ? queued->ts : 0, tag});
            }
        }
        if (m_reconnecting && m_server.isRunning())
            reconnect();
    }

    TestServer &m_server;
    SeededRandom &m_random;
    QTimer m_tick;
    QElapsedTimer m_clock;
    std::vector<std::unique_ptr<Device>> m_devices;
    QHash<QString, Sent> m_sent;
    QSet<QString> m_acked;
    QStringList m_rejected;
    QMap<int, int> m_closeCodes;
    int m_oidCount = 30;
    bool m_reconnecting = true;
    bool m_ackTrap = false;
    int m_ackedDuringTrap = 0;
};

// Every object of the master copy, by oid.
QHash<QString, engine::ObjectState> masterCopy(storage::Storage &storage, QString *error)
{
    QHash<QString, engine::ObjectState> objects;
    qint64 after = 0;
    for (;;) {
        auto page = storage.objectsAfter(after, 1000);
        if (!page) {
            *error = page.error().message;
            return {};
        }
        for (const engine::ObjectState &o : page.value()) {
            objects.insert(o.oid, o);
            after = qMax(after, o.seq);
        }
        if (page.value().size() < 1000)
            return objects;
    }
}

// The master copy holds every acknowledged dispatch (its stamp or a greater
// one on every property), and no dispatch in part: the properties of each
// object carry one dispatch's stamp and value, a dispatch that was sent.
// Returns an empty string when all holds, else what does not.
QString checkMaster(const TestServer &server, const Fleet &fleet, const QSet<QString> &acked,
                    int *checked = nullptr)
{
    auto storage = server.openStorage();
    if (!storage)
        return u"cannot open the server's storage"_s;
    QString error;
    const auto master = masterCopy(*storage, &error);
    if (!error.isEmpty())
        return error;

    QList<storage::DispatchRef> refs;
    for (const QString &k : acked) {
        const Sent &s = fleet.sent().value(k);
        refs.append({s.cuid, s.id});
    }
    auto known = storage->knownDispatches(refs);
    if (!known)
        return known.error().message;
    if (known.value().size() != refs.size())
        return u"%1 of %2 acknowledged dispatches are not in the dispatch log"_s
            .arg(refs.size() - known.value().size())
            .arg(refs.size());

    for (const QString &k : acked) {
        const Sent &s = fleet.sent().value(k);
        const auto it = master.constFind(s.oid);
        if (it == master.constEnd())
            return u"acknowledged %1 wrote %2, which the master copy lacks"_s.arg(k, s.oid);
        const engine::Stamp stamp{s.ts, s.cuid, s.id};
        for (const QString &name : kProps) {
            const engine::Property p = it->props.value(name);
            if (p.stamp < stamp)
                return u"acknowledged %1 is not in %2.%3 (holds %4)"_s.arg(k, s.oid, name,
                                                                           p.value.toString());
        }
    }
    for (const engine::ObjectState &o : master) {
        const engine::Property first = o.props.value(kProps.first());
        for (const QString &name : kProps) {
            if (!(o.props.value(name) == first))
                return u"%1 is half applied: %2=%3 but %4=%5"_s.arg(
                    o.oid, kProps.first(), first.value.toString(), name,
                    o.props.value(name).value.toString());
        }
        const Sent s = fleet.sent().value(key(first.stamp.cuid, first.stamp.id));
        if (s.id.isEmpty() || s.ts != first.stamp.ts || s.tag != first.value.toString() ||
            s.oid != o.oid)
            return u"%1 holds %2, which no device sent with that stamp"_s.arg(
                o.oid, first.value.toString());
    }
    if (checked)
        *checked = int(acked.size());
    return {};
}

// Every device's replica equals the master copy (same objects, same values).
QString checkConverged(const TestServer &server, Fleet &fleet)
{
    auto storage = server.openStorage();
    if (!storage)
        return u"cannot open the server's storage"_s;
    QString error;
    const auto master = masterCopy(*storage, &error);
    if (!error.isEmpty())
        return error;
    for (const auto &d : fleet.devices()) {
        const auto replica = d->client->visibleObjects();
        if (replica.size() != master.size())
            return u"%1 holds %2 objects, the master copy %3"_s.arg(d->cuid)
                .arg(replica.size())
                .arg(master.size());
        for (const engine::ObjectState &o : master) {
            QJsonObject props;
            for (auto it = o.props.cbegin(); it != o.props.cend(); ++it) {
                if (it.key() != engine::kDeletedProperty)
                    props.insert(it.key(), it.value().value);
            }
            const auto mine = replica.value(o.oid).props;
            if (mine != props)
                return u"%1 has %2 = %3, the master copy %4"_s.arg(
                    d->cuid, o.oid, QString::fromUtf8(QJsonDocument(mine).toJson()).left(200),
                    QString::fromUtf8(QJsonDocument(props).toJson()).left(200));
        }
    }
    return {};
}

} // namespace

class FaultsTest : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestServer> server;

    // Drives every device back online and waits until each has everything
    // acknowledged and its replica equals the master copy.
    bool settle(Fleet &fleet, QString *why)
    {
        fleet.stopWriting();
        fleet.setReconnecting(true);
        for (const auto &d : fleet.devices())
            d->online = true;
        QElapsedTimer waited;
        waited.start();
        while (waited.elapsed() < 60000) {
            fleet.reconnect();
            if (fleet.allLive() && fleet.allDrained()) {
                *why = checkConverged(*server, fleet);
                if (why->isEmpty())
                    return true;
            }
            QTest::qWait(50);
        }
        if (why->isEmpty())
            *why = u"devices not live and drained in 60 s"_s;
        return false;
    }

private Q_SLOTS:
    void init()
    {
        server = std::make_unique<TestServer>();
        QVERIFY(server->addUser(u"alice"_s, u"alice-pw"_s));
        QVERIFY(server->addUser(u"bob"_s, u"bob-pw"_s));
        QVERIFY(server->addUser(u"carol"_s, u"carol-pw"_s));
    }
    void cleanup()
    {
        if (QTest::currentTestFailed())
            qWarning().noquote() << "server output:\n" << server->output().right(6000);
        server.reset();
    }

    void random_sigkills_lose_nothing_acknowledged_and_replicas_converge()
    {
        const quint64 seed = SeededRandom::seedFromEnvironment();
        const int kills = int(SeededRandom::integerFromEnvironment("SENESCHAL_CRASH_KILLS", 10));
        const int maxLoadMs =
            int(SeededRandom::integerFromEnvironment("SENESCHAL_CRASH_LOAD_MS", 1500));
        qInfo().noquote() << u"crash loop on %1: seed %2 (%3), %4 kills, load up to %5 ms each"_s
                                 .arg(server->backend())
                                 .arg(seed)
                                 .arg(SeededRandom::replayHint(seed))
                                 .arg(kills)
                                 .arg(maxLoadMs);
        SeededRandom random(seed);

        Fleet fleet(*server, random);
        fleet.add(u"alice-phone"_s, u"alice"_s, true, 2);
        fleet.add(u"bob-phone"_s, u"bob"_s, true, 1);
        fleet.add(u"carol-phone"_s, u"carol"_s, true, 1);
        Device &uploader = fleet.add(u"alice-laptop"_s, u"alice"_s, true, 3);
        fleet.add(u"bob-tablet"_s, u"bob"_s, false);

        QVERIFY(server->start());
        QTRY_VERIFY_WITH_TIMEOUT((fleet.reconnect(), fleet.allLive()), kTimeout);
        fleet.startWriting();

        int checkedTotal = 0;
        QElapsedTimer total;
        total.start();
        for (int round = 1; round <= kills; ++round) {
            // The uploader is away for part of the round, writing offline,
            // and comes back with its outbox: an upload the kill may cut.
            const qint64 loadMs = random.between(200, maxLoadMs);
            const qint64 uploaderBackMs = random.between(0, loadMs);
            uploader.online = false;
            if (uploader.client->state() != SyncClient::State::Disconnected)
                uploader.client->abort();
            QElapsedTimer roundClock;
            roundClock.start();
            while (roundClock.elapsed() < loadMs) {
                if (!uploader.online && roundClock.elapsed() >= uploaderBackMs)
                    uploader.online = true;
                QTest::qWait(5);
            }
            server->kill();
            const QSet<QString> ackedAtKill = fleet.acked();

            // Devices stay away until the master copy is checked: what they
            // re-send must not fill in for what the server lost.
            fleet.setReconnecting(false);
            QVERIFY2(server->start(), qPrintable(SeededRandom::replayHint(seed)));
            // Open uploads are merged from the log at start; wait for them.
            QString problem;
            int checked = 0;
            QElapsedTimer waited;
            waited.start();
            do {
                problem = checkMaster(*server, fleet, ackedAtKill, &checked);
                if (problem.isEmpty())
                    break;
                QTest::qWait(100);
            } while (waited.elapsed() < 10000);
            QVERIFY2(problem.isEmpty(),
                     qPrintable(u"round %1: %2 (%3)"_s.arg(round).arg(problem).arg(
                         SeededRandom::replayHint(seed))));
            checkedTotal += checked;
            fleet.setReconnecting(true);
            qInfo().noquote() << u"kill %1 after %2 ms: %3 acknowledged so far, all in the "
                                 "master copy"_s.arg(round)
                                     .arg(loadMs)
                                     .arg(ackedAtKill.size());
        }

        QString why;
        QVERIFY2(settle(fleet, &why), qPrintable(why + u" "_s + SeededRandom::replayHint(seed)));
        QVERIFY2(fleet.rejected().isEmpty(), qPrintable(fleet.rejected().join(u'\n')));
        // Every dispatch ever sent was acknowledged in the end, and is there.
        QCOMPARE(fleet.acked().size(), fleet.sent().size());
        const QString final = checkMaster(*server, fleet, fleet.acked());
        QVERIFY2(final.isEmpty(), qPrintable(final));
        qInfo().noquote()
            << u"crash loop on %1 seed %2: %3 kills, %4 dispatches sent and acknowledged, "
               "%5 acknowledgements checked after the kills, %6 devices converged on %7 "
               "objects, %8 s"_s.arg(server->backend())
                   .arg(seed)
                   .arg(kills)
                   .arg(fleet.sent().size())
                   .arg(checkedTotal)
                   .arg(fleet.devices().size())
                   .arg(fleet.oidCount())
                   .arg(double(total.elapsed()) / 1000.0, 0, 'f', 1);
    }

    void mariadb_sigkill_under_load_is_unavailable_then_recovers()
    {
        if (!server->isMysql())
            QSKIP("staged with the private MariaDB (mysql backend run)");
        const quint64 seed = SeededRandom::seedFromEnvironment();
        qInfo().noquote() << u"MariaDB kill: seed %1"_s.arg(seed);
        SeededRandom random(seed);
        Fleet fleet(*server, random);
        fleet.add(u"alice-phone"_s, u"alice"_s, true, 2);
        fleet.add(u"bob-phone"_s, u"bob"_s, true, 1);
        fleet.add(u"carol-laptop"_s, u"carol"_s, true, 2);
        fleet.add(u"bob-tablet"_s, u"bob"_s, false);

        QVERIFY(server->start());
        const qint64 serverPid = server->pid();
        QTRY_VERIFY_WITH_TIMEOUT((fleet.reconnect(), fleet.allLive()), kTimeout);
        fleet.startWriting();
        QTest::qWait(int(random.between(300, 900)));

        QVERIFY(server->killDatabase());
        const QSet<QString> ackedAtKill = fleet.acked();
        QVERIFY(!ackedAtKill.isEmpty()); // killed under load, not before it
        // Whatever was in flight when it died is refused; from then on
        // nothing is acknowledged while the devices keep writing and trying.
        QTest::qWait(500);
        fleet.setAckTrap(true);
        QTest::qWait(2500);
        QCOMPARE(fleet.ackedDuringTrap(), 0);
        QVERIFY2(fleet.closeCodes().value(4503) > 0,
                 qPrintable(u"no session was closed 4503 unavailable"_s));
        QVERIFY(server->isRunning());
        // A device that connects now is told `unavailable`.
        auto late =
            std::make_unique<SyncClient>(server->device(u"late"_s, u"carol"_s, u"carol-pw"_s));
        late->connectToServer();
        QTRY_COMPARE_WITH_TIMEOUT(late->state(), SyncClient::State::Disconnected, kTimeout);
        QCOMPARE(late->closeCode(), 4503);
        fleet.setAckTrap(false);

        QVERIFY(server->startDatabase());
        QString why;
        QVERIFY2(settle(fleet, &why), qPrintable(why));
        QCOMPARE(server->pid(), serverPid); // recovered without a restart
        QVERIFY2(fleet.rejected().isEmpty(), qPrintable(fleet.rejected().join(u'\n')));
        QCOMPARE(fleet.acked().size(), fleet.sent().size());
        int checked = 0;
        QString problem = checkMaster(*server, fleet, ackedAtKill, &checked);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        problem = checkMaster(*server, fleet, fleet.acked());
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        qInfo().noquote() << u"MariaDB killed under load: %1 acknowledged before, %2 sent and "
                             "acknowledged in all, 4503 closes %3, converged"_s
                                 .arg(ackedAtKill.size())
                                 .arg(fleet.sent().size())
                                 .arg(fleet.closeCodes().value(4503));
    }

    void full_disk_refuses_writes_unavailable_and_recovers()
    {
        if (server->isMysql())
            QSKIP("the SQLite path (the sqlite backend run)");
        QVERIFY(server->start());
        const qint64 serverPid = server->pid();
        SeededRandom random(1); // nobody writes on the fleet's timer here
        Fleet fleet(*server, random);
        fleet.add(u"alice-phone"_s, u"alice"_s, false);
        fleet.add(u"bob-tablet"_s, u"bob"_s, false);
        QTRY_VERIFY_WITH_TIMEOUT((fleet.reconnect(), fleet.allLive()), kTimeout);
        SyncClient &writer = *fleet.devices().front()->client;

        // No file may grow past the database's size and 1 MiB from here: the
        // 4 MB written below cannot be checkpointed into it, so the log fills
        // up too (its older frames are reused only after a checkpoint).
        const qint64 dbSize = QFileInfo(server->databaseFile()).size();
        QVERIFY(dbSize > 0);
        QVERIFY(server->changeFileSizeLimit(quint64(dbSize) + 1024 * 1024));

        QSet<QString> acked;
        connect(&writer, &SyncClient::acked, this, [&acked](const QStringList &ids) {
            acked += QSet<QString>(ids.begin(), ids.end());
        });
        QStringList errors;
        connect(&writer, &SyncClient::errorReceived, this,
                [&errors](const QString &code) { errors.append(code); });
        const QString blob(20000, u'x');
        // Written as a device writes, a few at a time: the close that follows
        // the refusal then finds nothing unread on the server's side of the
        // connection, so it is not turned into a TCP reset.
        QStringList ids;
        QTimer pace;
        pace.setInterval(5);
        connect(&pace, &QTimer::timeout, this, [&] {
            if (ids.size() < 200) {
                ids.append(writer.dispatch(u"big-%1"_s.arg(ids.size()),
                                           {{u"blob"_s, blob}, {u"i"_s, ids.size()}}));
            }
        });
        pace.start();
        QTRY_COMPARE_WITH_TIMEOUT(writer.state(), SyncClient::State::Disconnected, kTimeout);
        QCOMPARE(writer.closeCode(), 4503);
        QTRY_COMPARE_WITH_TIMEOUT(ids.size(), 200, kTimeout); // the rest while offline
        pace.stop();
        QVERIFY2(errors.contains(u"unavailable"_s), qPrintable(errors.join(u',')));
        QVERIFY(acked.size() < ids.size());
        QVERIFY(server->isRunning());
        QCOMPARE(server->pid(), serverPid);
        // What was acknowledged is stored.
        {
            auto storage = server->openStorage();
            QVERIFY(storage);
            QList<storage::DispatchRef> refs;
            for (const QString &id : std::as_const(acked))
                refs.append({u"alice-phone"_s, id});
            auto known = storage->knownDispatches(refs);
            QVERIFY(known);
            QCOMPARE(known.value().size(), refs.size());
        }
        // Still full: the device's next try, an upload of its outbox, is
        // refused the same way. (It sends the whole outbox at once; when the
        // server closes with much of it unread, the kernel resets the
        // connection and the close frame may be lost: 1006 then, after the
        // `unavailable` error.)
        errors.clear();
        writer.connectToServer();
        QTRY_COMPARE_WITH_TIMEOUT(writer.state(), SyncClient::State::Disconnected, kTimeout);
        QVERIFY2(errors.contains(u"unavailable"_s), qPrintable(errors.join(u',')));
        QVERIFY2(writer.closeCode() == 4503 || writer.closeCode() == 1006,
                 qPrintable(QString::number(writer.closeCode())));
        QVERIFY(!writer.outbox().isEmpty());

        // Space comes back: the same server takes everything.
        QVERIFY(server->changeFileSizeLimit(0));
        QString why;
        QVERIFY2(settle(fleet, &why), qPrintable(why));
        QCOMPARE(server->pid(), serverPid);
        QCOMPARE(acked.size(), ids.size());
        auto storage = server->openStorage();
        QVERIFY(storage);
        for (int i = 0; i < 200; ++i) {
            auto o = storage->loadObject(u"big-%1"_s.arg(i));
            QVERIFY(o && o.value());
            QCOMPARE(o.value()->props.value(u"i"_s).value.toInt(), i);
        }
        QVERIFY(fleet.devices().back()->client->object(u"big-199"_s).has_value());
    }
};

QTEST_GUILESS_MAIN(FaultsTest)
#include "tst_faults.moc"
