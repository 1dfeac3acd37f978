// The catch-up in windows (docs/protocol.md, "Catch-up"), driven pass by pass
// on a real SQLite database: other devices write, delete and share between
// two windows of a device that catches up, and after `synced` that device
// must hold exactly what it may see.
#include "storage/sqlite/sqlitestorage.h"
#include "sync/syncservice.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <map>

using namespace Qt::StringLiterals;
using namespace seneschal;
using namespace seneschal::sync;

namespace {

constexpr int kWindow = 10;
constexpr SessionId kWriter = 1;
constexpr qint64 kDayMs = 24LL * 3600 * 1000;

// What one device holds, built from the frames the service sends it.
struct Device
{
    std::map<QString, bool> objects; // oid -> deleted
    Viewer viewer;
    bool live = false;
    bool refused = false;
    qint64 synced = -1;
    qint64 lastSpoolSeq = 0;
    bool spoolInOrder = true;

    // The live objects it holds, sorted.
    QStringList visible() const
    {
        QStringList oids;
        for (const auto &[oid, deleted] : objects) {
            if (!deleted)
                oids.append(oid);
        }
        oids.sort();
        return oids;
    }
};

class Harness
{
public:
    Harness()
    {
        storage::DatabaseConfig config;
        config.backend = u"sqlite"_s;
        config.path = m_dir.filePath(u"catchup.sqlite"_s);
        m_storage = std::make_unique<storage::SqliteStorage>(
            config, u"tst_catchup_%1"_s.arg(++s_connections), [this] { return m_now; });
        SyncSettings settings;
        settings.spoolPageSize = kWindow;
        m_service = std::make_unique<SyncService>(*m_storage, settings, [this] { return m_now; });
    }
    bool start() { return bool(m_service->start()); }

    void pass(const QList<Command> &commands = {})
    {
        m_now += 1;
        deliver(m_service->process(commands));
    }
    // Passes without commands until `id` is live (or refused): the windows.
    void finishCatchUp(SessionId id)
    {
        for (int i = 0; i < 100 && !devices[id].live && !devices[id].refused; ++i)
            pass();
    }
    void attach(SessionId id, const QString &cuid, const QString &user, qint64 since,
                const QStringList &groups = {})
    {
        Device &device = devices[id];
        device.viewer = Viewer{user, groups, false};
        device.live = false;
        device.synced = -1;
        device.lastSpoolSeq = since;
        pass({AttachCommand{id, cuid, Viewer{user, groups, false}, since, {}, 0, {}}});
    }
    // A device that attaches, uploads nothing and catches up from `since`.
    void reconnect(SessionId id, const QString &cuid, const QString &user, qint64 since)
    {
        attach(id, cuid, user, since);
        pass({UploadEndCommand{id}});
        finishCatchUp(id);
    }
    // A device that connects and catches up at once (the writer).
    void connectLive(SessionId id, const QString &user)
    {
        reconnect(id, u"dev-"_s + user + QString::number(id), user, 0);
    }

    SubmitCommand put(const QString &oid, std::optional<engine::Access> access = {},
                      const QString &parent = {})
    {
        SubmitCommand c;
        c.session = kWriter;
        c.dispatch.id = u"d%1"_s.arg(++m_ids);
        c.dispatch.oid = oid;
        c.dispatch.ts = m_now;
        c.dispatch.kind = u"item"_s;
        c.dispatch.parent = parent;
        c.dispatch.access = access;
        c.dispatch.props = QJsonObject{{u"n"_s, m_ids}};
        c.raw = "{}";
        c.receivedMs = m_now;
        return c;
    }
    SubmitCommand remove(const QString &oid)
    {
        SubmitCommand c = put(oid);
        c.dispatch.op = engine::DispatchOp::Delete;
        c.dispatch.props = {};
        return c;
    }
    static ShareCommand share(const QString &oid, engine::Access access,
                              const QStringList &grant = {}, const QStringList &revoke = {})
    {
        ShareCommand c;
        c.session = kWriter;
        c.share.oid = oid;
        c.share.access = access;
        c.share.grant = grant;
        c.share.revoke = revoke;
        return c;
    }
    QList<Command> puts(const QString &prefix, int from, int to)
    {
        QList<Command> commands;
        for (int i = from; i < to; ++i)
            commands.append(put(prefix + QString::number(i), engine::Access::Public));
        return commands;
    }

    SyncService &service() { return *m_service; }
    storage::SqliteStorage &storage() { return *m_storage; }
    // What the sync worker does every few seconds: local group changes.
    void refreshGroups()
    {
        Outcome outcome;
        m_service->refreshGroups(outcome);
        deliver(outcome);
    }
    qint64 &now() { return m_now; }
    std::map<SessionId, Device> devices;

private:
    // What the hub does for a live device: broadcasts its audience admits,
    // and the copies or revokes of an access change.
    void deliverToLive(const Outcome::Step &step)
    {
        for (auto &[id, device] : devices) {
            if (!device.live)
                continue;
            if (step.kind == Outcome::Step::BroadcastFrame) {
                if (step.broadcast.audience.admits(device.viewer) &&
                    !step.broadcast.skip.contains(id))
                    apply(device, step.broadcast.frame);
                continue;
            }
            const AccessShift &shift = step.shift;
            const bool before = shift.before.admits(device.viewer);
            const bool after = shift.after.admits(device.viewer);
            if (before == after)
                continue;
            for (const AccessShift::Piece &piece : shift.pieces) {
                const bool sees = piece.audience.admits(device.viewer);
                if (after && sees)
                    apply(device, piece.copy);
                else if (!after && !sees)
                    apply(device, piece.revoke);
            }
        }
    }
    static void apply(Device &device, const QByteArray &frame)
    {
        const QJsonObject m = QJsonDocument::fromJson(frame).object();
        const QString type = m.value(u"type"_s).toString();
        if (type == u"dispatch")
            device.objects[m.value(u"oid"_s).toString()] = m.value(u"deleted"_s).toBool();
        else if (type == u"revoke")
            device.objects.erase(m.value(u"oid"_s).toString());
    }

    void deliver(const Outcome &outcome)
    {
        for (const Outcome::Step &step : outcome.steps) {
            if (step.kind == Outcome::Step::BroadcastFrame ||
                step.kind == Outcome::Step::AccessShiftFrames) {
                deliverToLive(step);
                continue;
            }
            auto found = devices.find(step.direct.session);
            if (found == devices.end())
                continue;
            Device &device = found->second;
            if (step.kind == Outcome::Step::GoLive) {
                device.live = true;
                continue;
            }
            if (step.kind == Outcome::Step::Regroup) {
                device.viewer = step.viewer;
                continue;
            }
            if (step.kind != Outcome::Step::DirectFrame)
                continue;
            const QJsonObject m = QJsonDocument::fromJson(step.direct.frame).object();
            const QString type = m.value(u"type"_s).toString();
            const qint64 seq = m.value(u"seq"_s).toInteger();
            if (!device.live && (type == u"dispatch" || type == u"revoke")) {
                device.spoolInOrder = device.spoolInOrder && seq >= device.lastSpoolSeq;
                device.lastSpoolSeq = seq;
            }
            if (type == u"dispatch")
                device.objects[m.value(u"oid"_s).toString()] = m.value(u"deleted"_s).toBool();
            else if (type == u"revoke")
                device.objects.erase(m.value(u"oid"_s).toString());
            else if (type == u"reset")
                device.objects.clear();
            else if (type == u"synced")
                device.synced = seq;
        }
        for (const Refusal &refusal : outcome.refusals) {
            if (auto found = devices.find(refusal.session); found != devices.end())
                found->second.refused = true;
        }
    }

    static inline int s_connections = 0;
    QTemporaryDir m_dir;
    qint64 m_now = 1'700'000'000'000;
    int m_ids = 0;
    std::unique_ptr<storage::SqliteStorage> m_storage;
    std::unique_ptr<SyncService> m_service;
};

// prefix+from .. prefix+(to-1), plus `more`, sorted like Device::visible().
QStringList named(const QString &prefix, int from, int to, const QStringList &more = {})
{
    QStringList oids = more;
    for (int i = from; i < to; ++i)
        oids.append(prefix + QString::number(i));
    oids.sort();
    return oids;
}

} // namespace

class CatchUpTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLoggingCategory::setFilterRules(u"seneschal.*.debug=false"_s); }

    // A full copy passes an inheritor while its parent is hidden for a
    // moment; the parent becomes visible again before the copy ends.
    void full_copy_gets_an_inheritor_passed_while_its_parent_was_hidden()
    {
        Harness h;
        QVERIFY(h.start());
        h.connectLive(kWriter, u"alice"_s);
        QList<Command> commands = h.puts(u"f"_s, 0, 20);
        commands.append(h.put(u"P"_s, engine::Access::Public));
        commands.append(h.put(u"C"_s, engine::Access::Inherit, u"P"_s));
        commands += h.puts(u"f"_s, 20, 40);
        h.pass(commands);

        const SessionId d = 2;
        h.attach(d, u"bob-phone"_s, u"bob"_s, 0);
        h.pass({UploadEndCommand{d}});                             // window 1
        h.pass({Harness::share(u"P"_s, engine::Access::Private)}); // window 2
        h.pass();                                                  // C's window: P hidden
        h.pass({Harness::share(u"P"_s, engine::Access::Public)});
        h.finishCatchUp(d);
        const Device &device = h.devices[d];
        QVERIFY(device.live);
        QVERIFY(device.spoolInOrder);
        QCOMPARE(device.visible(), named(u"f"_s, 0, 40, {u"P"_s, u"C"_s}));
    }

    // Incremental: X, which the device held, was hidden before it came back,
    // made public while its windows went out, then hidden again.
    void incremental_catch_up_revokes_what_was_hidden_again_meanwhile()
    {
        Harness h;
        QVERIFY(h.start());
        h.connectLive(kWriter, u"alice"_s);
        const SessionId first = 2;
        h.connectLive(first, u"bob"_s);
        h.pass({h.put(u"X"_s, engine::Access::Public)});
        const qint64 since = h.service().lastSeq();
        h.pass({DetachCommand{first}});
        h.pass(h.puts(u"f"_s, 0, 20));
        h.pass({Harness::share(u"X"_s, engine::Access::Private)});
        h.pass(h.puts(u"f"_s, 20, 40));

        const SessionId d = 3;
        h.devices[d].objects[u"X"_s] = false;        // it held X when it left
        h.attach(d, u"dev-bob2"_s, u"bob"_s, since); // the same device again
        h.pass({UploadEndCommand{d}});
        h.pass({Harness::share(u"X"_s, engine::Access::Public)});
        h.pass();
        h.pass({Harness::share(u"X"_s, engine::Access::Private)});
        h.finishCatchUp(d);
        const Device &device = h.devices[d];
        QVERIFY(device.live);
        QVERIFY(device.spoolInOrder);
        QCOMPARE(device.visible(), named(u"f"_s, 0, 40));
    }

    // A full copy delivered X; X is then hidden, written and deleted: the
    // device gets a revoke, never the tombstone with what was written.
    void full_copy_never_sends_a_hidden_tombstone()
    {
        Harness h;
        QVERIFY(h.start());
        h.connectLive(kWriter, u"alice"_s);
        QList<Command> commands{h.put(u"X"_s, engine::Access::Public)};
        commands += h.puts(u"f"_s, 0, 30);
        h.pass(commands);

        const SessionId d = 2;
        h.attach(d, u"bob-phone"_s, u"bob"_s, 0);
        h.pass({UploadEndCommand{d}}); // window 1 sends X
        QVERIFY(h.devices[d].objects.count(u"X"_s));
        h.pass({Harness::share(u"X"_s, engine::Access::Private)});
        h.pass({h.put(u"X"_s)});
        h.pass({h.remove(u"X"_s)});
        h.finishCatchUp(d);
        const Device &device = h.devices[d];
        QVERIFY(device.live);
        QCOMPARE(device.objects.count(u"X"_s), 0u); // revoked, no tombstone kept
        QCOMPARE(device.visible(), named(u"f"_s, 0, 30));
    }

    // A full copy delivered X; X is deleted (its tombstone follows), then
    // hidden: the device drops it.
    void full_copy_revokes_a_deleted_object_hidden_later()
    {
        Harness h;
        QVERIFY(h.start());
        h.connectLive(kWriter, u"alice"_s);
        QList<Command> commands{h.put(u"X"_s, engine::Access::Public)};
        commands += h.puts(u"f"_s, 0, 30);
        h.pass(commands);

        const SessionId d = 2;
        h.attach(d, u"bob-phone"_s, u"bob"_s, 0);
        h.pass({UploadEndCommand{d}});
        h.pass({h.remove(u"X"_s)});
        h.pass(h.puts(u"f"_s, 30, 60));
        for (int i = 0; i < 10 && !h.devices[d].live; ++i) {
            h.pass();
            if (h.devices[d].objects.count(u"X"_s) && h.devices[d].objects[u"X"_s])
                break; // the tombstone arrived
        }
        h.pass({Harness::share(u"X"_s, engine::Access::Private)});
        h.finishCatchUp(d);
        const Device &device = h.devices[d];
        QVERIFY(device.live);
        QCOMPARE(device.objects.count(u"X"_s), 0u);
        QCOMPARE(device.visible(), named(u"f"_s, 0, 60));
    }

    // Another device changes more objects per pass than a window holds: the
    // catch-up still ends.
    void catch_up_ends_while_others_change_more_than_a_window_per_pass()
    {
        Harness h;
        QVERIFY(h.start());
        h.connectLive(kWriter, u"alice"_s);
        h.pass(h.puts(u"s"_s, 0, 30));
        const SessionId d = 2;
        h.attach(d, u"bob-phone"_s, u"bob"_s, 0);
        h.pass({UploadEndCommand{d}});
        int passes = 0;
        for (; passes < 50 && !h.devices[d].live; ++passes)
            h.pass(h.puts(u"o"_s, passes * 12, passes * 12 + 12));
        QVERIFY2(h.devices[d].live, "still catching up after 50 passes");
        QVERIFY(passes < 10);
        QVERIFY(h.devices[d].spoolInOrder);
    }

    // Expiry runs between two windows of an incremental catch-up and purges
    // a tombstone not sent yet: the device is refused (it comes back and
    // gets a reset) instead of keeping the deleted object.
    void expiry_during_an_incremental_catch_up_refuses_the_device()
    {
        Harness h;
        QVERIFY(h.start());
        h.connectLive(kWriter, u"alice"_s);
        const SessionId first = 2;
        h.connectLive(first, u"bob"_s);
        h.pass(h.puts(u"f"_s, 0, 30));
        const qint64 since = h.service().lastSeq();
        h.pass({DetachCommand{first}});
        h.pass(h.puts(u"g"_s, 0, 25));
        h.pass({h.remove(u"f3"_s)});
        const qint64 deletedAt = h.now();

        const SessionId d = 3;
        for (int i = 0; i < 30; ++i)
            h.devices[d].objects[u"f"_s + QString::number(i)] = false;
        h.now() += 29 * kDayMs;
        h.attach(d, u"dev-bob2"_s, u"bob"_s, since);
        h.pass({UploadEndCommand{d}}); // window 1
        h.now() = deletedAt + 31 * kDayMs;
        auto report = h.service().expire();
        QVERIFY(report);
        QVERIFY(report.value().tombstonesRemoved >= 1);
        h.finishCatchUp(d);
        const Device &device = h.devices[d];
        QVERIFY(device.refused);
        QVERIFY(!device.live);
    }

    // The device joined group g while away (X and its inheritor Y come with
    // it); the grant to g is removed while the windows go out.
    void group_grant_removed_during_the_catch_up_is_revoked()
    {
        Harness h;
        QVERIFY(h.start());
        h.connectLive(kWriter, u"alice"_s);
        const SessionId first = 2;
        h.connectLive(first, u"bob"_s);
        h.pass({h.put(u"X"_s, engine::Access::Private)});
        h.pass({h.put(u"Y"_s, engine::Access::Inherit, u"X"_s)});
        const qint64 since = h.service().lastSeq();
        h.pass({DetachCommand{first}});
        h.pass(h.puts(u"f"_s, 0, 25));
        h.pass({Harness::share(u"X"_s, engine::Access::Private, {u"group:g"_s})});

        const SessionId d = 3;
        h.attach(d, u"dev-bob2"_s, u"bob"_s, since, {u"g"_s});
        h.pass({UploadEndCommand{d}}); // window 1: X and Y copied
        QVERIFY(h.devices[d].objects.count(u"Y"_s));
        h.pass({Harness::share(u"X"_s, engine::Access::Private, {}, {u"group:g"_s})});
        h.finishCatchUp(d);
        const Device &device = h.devices[d];
        QVERIFY(device.live);
        QCOMPARE(device.visible(), named(u"f"_s, 0, 25));
    }

    // A user who joins a group while a device catches up gets what the group
    // opens right after synced, not in the middle of the catch-up (one
    // message per oid before synced); leaving it again revokes it, live.
    void group_joined_during_the_catch_up_arrives_after_synced()
    {
        Harness h;
        QVERIFY(h.start());
        h.connectLive(kWriter, u"alice"_s);
        h.pass({h.put(u"L"_s, engine::Access::Private)});
        h.pass({h.put(u"C"_s, engine::Access::Inherit, u"L"_s)});
        h.pass({Harness::share(u"L"_s, engine::Access::Private, {u"group:g"_s})});
        h.pass(h.puts(u"f"_s, 0, 35));
        QVERIFY(h.storage().createGroup(u"g"_s));

        const SessionId d = 2;
        h.attach(d, u"dev-bob"_s, u"bob"_s, 0);
        h.pass({UploadEndCommand{d}}); // the first window
        QVERIFY(!h.devices[d].live);
        QVERIFY(h.storage().addGroupMember(u"g"_s, u"bob"_s));
        h.refreshGroups();
        QVERIFY(!h.devices[d].objects.count(u"L"_s)); // not before synced
        h.finishCatchUp(d);
        QVERIFY(h.devices[d].live);
        QCOMPARE(h.devices[d].visible(), named(u"f"_s, 0, 35, {u"L"_s, u"C"_s}));
        QCOMPARE(h.devices[d].viewer.groups, QStringList{u"g"_s});

        // Live: broadcasts reach it through the group, and leaving revokes.
        h.pass({h.put(u"C"_s)});
        QVERIFY(h.storage().removeGroupMember(u"g"_s, u"bob"_s));
        h.refreshGroups();
        QCOMPARE(h.devices[d].visible(), named(u"f"_s, 0, 35));
        QVERIFY(h.devices[d].viewer.groups.isEmpty());
    }

    // The device was granted list L while away; I, under L, stopped
    // inheriting afterwards (made public), in a later window. H inherits
    // from I: it became visible through L's grant, and I's own change hid
    // nothing from the device, yet H must come too.
    void incremental_catch_up_copies_the_inheritors_of_an_object_that_stopped_inheriting()
    {
        Harness h;
        QVERIFY(h.start());
        h.connectLive(kWriter, u"alice"_s);
        const SessionId first = 2;
        h.connectLive(first, u"bob"_s);
        h.pass({h.put(u"L"_s, engine::Access::Private)});
        h.pass({h.put(u"I"_s, engine::Access::Inherit, u"L"_s)});
        h.pass({h.put(u"H"_s, engine::Access::Inherit, u"I"_s)});
        const qint64 since = h.service().lastSeq();
        h.pass({DetachCommand{first}});
        h.pass({Harness::share(u"L"_s, engine::Access::Private, {u"user:bob"_s})});
        h.pass(h.puts(u"f"_s, 0, 25));
        h.pass({Harness::share(u"I"_s, engine::Access::Public)});

        const SessionId d = 3;
        h.reconnect(d, u"dev-bob2"_s, u"bob"_s, since);
        const Device &device = h.devices[d];
        QVERIFY(device.live);
        QVERIFY(device.spoolInOrder);
        QCOMPARE(device.visible(), named(u"f"_s, 0, 25, {u"L"_s, u"I"_s, u"H"_s}));
    }

    // The device held L and X, which inherits from L. While it was away, L
    // was hidden from it, X made private meanwhile, and L made public: L
    // changed nothing for the device in the end, and X's own change was
    // made while the device could not see it, yet the device holds X.
    void incremental_catch_up_revokes_what_stopped_inheriting_while_its_parent_was_hidden()
    {
        Harness h;
        QVERIFY(h.start());
        h.connectLive(kWriter, u"alice"_s);
        const SessionId first = 2;
        h.connectLive(first, u"bob"_s);
        h.pass({h.put(u"L"_s, engine::Access::Private)});
        h.pass({Harness::share(u"L"_s, engine::Access::Private, {u"user:bob"_s})});
        h.pass({h.put(u"X"_s, engine::Access::Inherit, u"L"_s)});
        const qint64 since = h.service().lastSeq();
        h.pass({DetachCommand{first}});
        h.pass({Harness::share(u"L"_s, engine::Access::Private, {}, {u"user:bob"_s})});
        h.pass({Harness::share(u"X"_s, engine::Access::Private)});
        h.pass(h.puts(u"f"_s, 0, 25));
        h.pass({Harness::share(u"L"_s, engine::Access::Public)});

        const SessionId d = 3;
        h.devices[d].objects[u"L"_s] = false; // what it held when it left
        h.devices[d].objects[u"X"_s] = false;
        h.reconnect(d, u"dev-bob2"_s, u"bob"_s, since);
        const Device &device = h.devices[d];
        QVERIFY(device.live);
        QVERIFY(device.spoolInOrder);
        QCOMPARE(device.visible(), named(u"f"_s, 0, 25, {u"L"_s}));
    }

    // The device held L, I (inheriting from L) and H (inheriting from I).
    // While it was away L was hidden from it, then I made private: I is
    // revoked as an object that stopped inheriting, and so must be H, which
    // no walk from L reaches any more (seed 2983244959).
    void incremental_catch_up_revokes_the_inheritors_of_an_object_that_stopped_inheriting()
    {
        Harness h;
        QVERIFY(h.start());
        h.connectLive(kWriter, u"alice"_s);
        const SessionId first = 2;
        h.connectLive(first, u"bob"_s);
        h.pass({h.put(u"L"_s, engine::Access::Private)});
        h.pass({Harness::share(u"L"_s, engine::Access::Private, {u"user:bob"_s})});
        h.pass({h.put(u"I"_s, engine::Access::Inherit, u"L"_s)});
        h.pass({h.put(u"H"_s, engine::Access::Inherit, u"I"_s)});
        const qint64 since = h.service().lastSeq();
        h.pass({DetachCommand{first}});
        h.pass({Harness::share(u"L"_s, engine::Access::Private, {}, {u"user:bob"_s})});
        h.pass({Harness::share(u"I"_s, engine::Access::Private)});
        h.pass(h.puts(u"f"_s, 0, 25));

        const SessionId d = 3;
        for (const QString &oid : {u"L"_s, u"I"_s, u"H"_s})
            h.devices[d].objects[oid] = false; // what it held when it left
        h.reconnect(d, u"dev-bob2"_s, u"bob"_s, since);
        const Device &device = h.devices[d];
        QVERIFY(device.live);
        QVERIFY(device.spoolInOrder);
        QCOMPARE(device.visible(), named(u"f"_s, 0, 25));
    }

    // The same during a full copy: its first window passed L, I and H while
    // hidden; then L is granted and I made public in one pass.
    void full_copy_copies_the_inheritors_of_an_object_that_stopped_inheriting()
    {
        Harness h;
        QVERIFY(h.start());
        h.connectLive(kWriter, u"alice"_s);
        QList<Command> commands{h.put(u"L"_s, engine::Access::Private),
                                h.put(u"I"_s, engine::Access::Inherit, u"L"_s),
                                h.put(u"H"_s, engine::Access::Inherit, u"I"_s)};
        commands += h.puts(u"f"_s, 0, 30);
        h.pass(commands);

        const SessionId d = 2;
        h.attach(d, u"bob-phone"_s, u"bob"_s, 0);
        h.pass({UploadEndCommand{d}}); // window 1: L, I and H hidden
        h.pass({Harness::share(u"L"_s, engine::Access::Private, {u"user:bob"_s}),
                Harness::share(u"I"_s, engine::Access::Public)});
        h.finishCatchUp(d);
        const Device &device = h.devices[d];
        QVERIFY(device.live);
        QVERIFY(device.spoolInOrder);
        QCOMPARE(device.visible(), named(u"f"_s, 0, 30, {u"L"_s, u"I"_s, u"H"_s}));
    }
};

QTEST_GUILESS_MAIN(CatchUpTest)
#include "tst_catchup.moc"
