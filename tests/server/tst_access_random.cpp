// Access control under random load (PROTOCOL.md sections 7 and 8), end to
// end against the real server: random puts, deletes, restores, grants,
// revokes, access changes, group changes made through the admin interface
// while the users' devices are connected, `inherit` objects created before
// their parent (PROTOCOL.md 9.6) and the parents created later, and
// disconnections across several devices of three users, checked against an
// independent model of who may see what. After every operation no device may have received a
// dispatch about an object its user may not see, nor a revoke of one it still may; at the end every
// replica equals the visible part of the master copy.
//
// The run is seeded: the seed is printed, and SENESCHAL_SEED replays it
// (SENESCHAL_STEPS sets the number of operations). SENESCHAL_CLASSIC_OPS=1
// runs the operations of the seeds that once found bugs, as they were then:
// no orphans, and group changes with the command line followed by a new
// login of the user's live devices.
#include "adminprobe.h"
#include "client/syncclient.h"
#include "testserver.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QMap>
#include <QRandomGenerator>
#include <QTest>
#include <functional>
#include <memory>
#include <vector>

using namespace Qt::StringLiterals;
using namespace seneschal;
using client::SyncClient;
using engine::Access;
using test::TestServer;

namespace {

constexpr int kTimeout = 20000;
constexpr int kDefaultSteps = 300;

// What the test knows of one object of the master copy: everything that
// decides who may see it (props are compared with the master copy itself).
struct ModelObject
{
    QString kind;
    QString parent;
    QString owner;
    Access access = Access::Public;
    QSet<QString> grants;
};

// A write made by a device, answered by `ack` or `reject`.
struct Write
{
    QString id;
    QString oid;
    bool creates = false;
    ModelObject object; // what it creates
    QString what;       // for the log
};

struct Device
{
    QString cuid;
    QString user;
    std::unique_ptr<SyncClient> client;
    QSet<QString> groups; // the user's groups at this device's last login
    bool online = false;  // what the test wants
    QSet<QString> acked;
    QHash<QString, QString> rejected; // id -> code
    int pongs = 0;
    int shared = 0;
    QStringList errors;
    QList<Write> offline; // writes made while disconnected, in order
};

QString accessText(Access access)
{
    return engine::accessName(access);
}

QStringList sortedList(const QSet<QString> &set)
{
    QStringList list(set.cbegin(), set.cend());
    list.sort();
    return list;
}

QString compact(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

} // namespace

class AccessRandomTest : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestServer> server;
    std::vector<std::unique_ptr<Device>> devices;
    QRandomGenerator rng;
    quint32 seed = 0;

    // The model.
    const QStringList users{u"u1"_s, u"u2"_s, u"u3"_s};
    const QStringList groupNames{u"g1"_s, u"g2"_s};
    QMap<QString, QSet<QString>> groupsOf; // user -> groups in the user database
    QMap<QString, ModelObject> objects;    // the objects the server committed
    int nextOid = 0;
    bool classicOps = false;
    // Oids named as parents before anything was created under them.
    QStringList pendingParents;
    std::unique_ptr<test::AdminProbe> console;

    QStringList log;
    QStringList failures;
    QMap<QString, int> counts; // what happened, for the summary
    int step = 0;

    // ---- the model's access rule (PROTOCOL.md section 7)
    bool visible(const QString &user, const QSet<QString> &groups, const QString &oid) const
    {
        const auto found = objects.constFind(oid);
        if (found == objects.constEnd())
            return false;
        const ModelObject *current = &*found;
        for (int depth = 0; depth <= 16; ++depth) {
            for (const QString &principal : current->grants) {
                if (principal == u"user:"_s + user ||
                    (principal.startsWith(u"group:"_s) && groups.contains(principal.mid(6))))
                    return true;
            }
            if (current->access == Access::Public)
                return true;
            if (current->access == Access::Private)
                return current->owner == user;
            const auto parent = objects.constFind(current->parent);
            if (current->parent.isEmpty() || parent == objects.constEnd())
                break; // a missing parent: the owner only (PROTOCOL.md 9.6)
            current = &*parent;
        }
        return found->owner == user;
    }
    bool sees(const Device &d, const QString &oid) const { return visible(d.user, d.groups, oid); }

    // ---- randomness (deterministic for a seed: only sorted lists are picked from)
    int pick(int n) { return n <= 1 ? 0 : int(rng.bounded(quint32(n))); }
    template<typename T> const T &choose(const QList<T> &list)
    {
        return list.at(pick(int(list.size())));
    }
    QJsonObject randomProps()
    {
        static const QStringList names{u"name"_s, u"qty"_s, u"note"_s, u"color"_s};
        QJsonObject props;
        const int count = 1 + pick(2);
        for (int i = 0; i < count; ++i)
            props.insert(choose(names), u"v%1"_s.arg(rng.bounded(100000u)));
        return props;
    }

    void fail(const QString &message) { failures.append(u"step %1: %2"_s.arg(step).arg(message)); }
    void note(const QString &text) { log.append(u"%1: %2"_s.arg(step).arg(text)); }
    void count(const QString &what) { ++counts[what]; }

    Device &addDevice(const QString &cuid, const QString &user)
    {
        auto d = std::make_unique<Device>();
        d->cuid = cuid;
        d->user = user;
        d->client = std::make_unique<SyncClient>(server->device(cuid, user, user + u"-pw"_s));
        Device *raw = d.get();
        SyncClient *c = d->client.get();
        connect(c, &SyncClient::acked, c, [raw](const QStringList &ids, qint64) {
            for (const QString &id : ids)
                raw->acked.insert(id);
        });
        connect(c, &SyncClient::rejected, c,
                [raw](const QString &id, const QString &code, const QString &) {
                    raw->rejected.insert(id, code);
                });
        connect(c, &SyncClient::pong, c, [raw](qint64) { ++raw->pongs; });
        connect(c, &SyncClient::shared, c, [raw](const QString &, qint64) { ++raw->shared; });
        connect(c, &SyncClient::errorReceived, c,
                [raw](const QString &code, const QString &message) {
                    raw->errors.append(code + u": "_s + message);
                });
        devices.push_back(std::move(d));
        return *raw;
    }
    QList<Device *> devicesWhere(const std::function<bool(const Device &)> &predicate) const
    {
        QList<Device *> found;
        for (const auto &d : devices) {
            if (predicate(*d))
                found.append(d.get());
        }
        return found;
    }

    // ---- the session
    bool connectDevice(Device &d)
    {
        d.client->connectToServer();
        if (!QTest::qWaitFor([&] { return d.client->isLive(); }, kTimeout)) {
            fail(u"%1 did not get live (close code %2 %3)"_s.arg(d.cuid)
                     .arg(d.client->closeCode())
                     .arg(d.client->closeReason()));
            return false;
        }
        d.online = true;
        d.groups = groupsOf.value(d.user);
        // The offline writes were uploaded before `synced`: each was answered.
        // Predict each answer from the model, in upload order.
        for (const Write &w : std::as_const(d.offline)) {
            const bool creates = w.creates && !objects.contains(w.oid);
            const bool allowed =
                creates ? (w.object.parent.isEmpty() || !objects.contains(w.object.parent) ||
                           sees(d, w.object.parent))
                        : sees(d, w.oid);
            const bool acked = d.acked.contains(w.id);
            const bool rejected = d.rejected.contains(w.id);
            if (!acked && !rejected) {
                fail(u"%1: offline write %2 (%3) was neither acknowledged nor rejected"_s.arg(
                    d.cuid, w.id, w.what));
                continue;
            }
            if (rejected && d.rejected.value(w.id) != u"forbidden") {
                fail(u"%1: offline write %2 (%3) rejected %4"_s.arg(d.cuid, w.id, w.what,
                                                                    d.rejected.value(w.id)));
            }
            if (acked != allowed) {
                fail(u"%1: offline write %2 (%3) was %4 but the model says it is %5"_s.arg(
                    d.cuid, w.id, w.what, acked ? u"acknowledged"_s : u"rejected"_s,
                    allowed ? u"allowed"_s : u"forbidden"_s));
            }
            if (acked && creates)
                objects.insert(w.oid, w.object);
            count(acked ? u"offline writes uploaded"_s : u"offline writes rejected"_s);
            note(u"  upload %1 %2"_s.arg(w.what, acked ? u"acked"_s : u"rejected"_s));
        }
        d.offline.clear();
        return true;
    }
    bool disconnectDevice(Device &d)
    {
        d.online = false;
        d.client->disconnectFromServer();
        if (!QTest::qWaitFor([&] { return d.client->state() == SyncClient::State::Disconnected; },
                             kTimeout)) {
            fail(d.cuid + u" did not disconnect"_s);
            return false;
        }
        return true;
    }

    // After an operation: a pong on every live device proves that everything
    // the server sent it before has arrived (one socket, in order).
    bool barrier()
    {
        QHash<Device *, int> before;
        for (const auto &d : devices) {
            if (!d->online)
                continue;
            if (!d->client->isLive()) {
                fail(u"%1 dropped its connection (close code %2 %3)"_s.arg(d->cuid)
                         .arg(d->client->closeCode())
                         .arg(d->client->closeReason()));
                return false;
            }
            before.insert(d.get(), d->pongs);
            d->client->ping();
        }
        const bool ok = QTest::qWaitFor(
            [&] {
                for (auto it = before.cbegin(); it != before.cend(); ++it) {
                    if (it.key()->pongs <= it.value())
                        return false;
                }
                return true;
            },
            kTimeout);
        if (!ok)
            fail(u"no pong within the timeout"_s);
        return ok;
    }

    // What every device received during this step, against the model after it.
    void checkReceived()
    {
        for (const auto &d : devices) {
            for (const QJsonObject &m : d->client->received()) {
                const QString type = m.value(u"type"_s).toString();
                const QString oid = m.value(u"oid"_s).toString();
                if (type == u"dispatch" || type == u"revoke")
                    count(u"received "_s + type);
                if (type == u"dispatch" && !sees(*d, oid)) {
                    fail(u"%1 (user %2) received a dispatch about %3, which it may not see: %4"_s
                             .arg(d->cuid, d->user, oid, compact(m)));
                } else if (type == u"revoke" && sees(*d, oid)) {
                    fail(u"%1 (user %2) received a revoke of %3, which it still may see: %4"_s.arg(
                        d->cuid, d->user, oid, compact(m)));
                } else if (type == u"reset") {
                    fail(u"%1 received an unexpected reset"_s.arg(d->cuid));
                }
            }
            d->client->clearReceived();
            if (!d->errors.isEmpty()) {
                fail(u"%1 received errors: %2"_s.arg(d->cuid, d->errors.join(u"; "_s)));
                d->errors.clear();
            }
        }
    }

    // ---- operations
    void write(Device &d, const QString &oid, const QJsonObject &props,
               const client::DispatchOptions &options, bool creates, const ModelObject &object,
               const QString &what)
    {
        const QString id = options.op == engine::DispatchOp::Delete
                               ? d.client->deleteObject(oid, options)
                               : d.client->dispatch(oid, props, options);
        const QString text =
            u"%1 %2 %3 %4"_s.arg(d.cuid, d.online ? u"live"_s : u"offline"_s, what, compact(props));
        note(text);
        count(what.section(u' ', 0, 0) + (d.online ? u" live"_s : u" offline"_s));
        if (!d.online) {
            d.offline.append(Write{id, oid, creates, object, what});
            return;
        }
        if (!QTest::qWaitFor([&] { return d.acked.contains(id) || d.rejected.contains(id); },
                             kTimeout)) {
            fail(u"no answer to %1"_s.arg(text));
            return;
        }
        if (!d.acked.contains(id)) {
            fail(
                u"%1 was rejected (%2), but the model allows it"_s.arg(text, d.rejected.value(id)));
            return;
        }
        if (creates)
            objects.insert(oid, object);
    }

    // The objects `d` may write to, among those it holds: for a live device
    // those it may see now, for an offline one all (it may have lost access
    // meanwhile).
    // Writes go to committed objects only (a put to an oid that does not
    // exist would create it without kind or parent); new children may go
    // under the device's own offline creations too.
    QStringList writable(const Device &d, bool asParent = false) const
    {
        QStringList oids;
        const auto &held = d.client->objects();
        for (auto it = held.cbegin(); it != held.cend(); ++it) {
            if (d.online ? sees(d, it.key()) : (asParent || objects.contains(it.key())))
                oids.append(it.key());
        }
        oids.sort();
        return oids;
    }
    QString kindOf(const Device &d, const QString &oid) const
    {
        if (objects.contains(oid))
            return objects.value(oid).kind;
        const auto held = d.client->object(oid);
        return held ? held->kind : QString();
    }
    bool deletedOn(const Device &d, const QString &oid) const
    {
        const auto held = d.client->object(oid);
        return held && held->deleted;
    }

    void opPut(Device &d)
    {
        const QStringList pool = writable(d);
        if (pool.isEmpty())
            return;
        const QString oid = choose(pool);
        write(d, oid, randomProps(), {}, false, {}, u"put "_s + oid);
    }
    void opDelete(Device &d, bool restore)
    {
        QStringList pool;
        for (const QString &oid : writable(d)) {
            if (deletedOn(d, oid) == restore)
                pool.append(oid);
        }
        if (pool.isEmpty())
            return;
        const QString oid = choose(pool);
        if (restore) {
            write(d, oid, QJsonObject{{u"_deleted"_s, false}}, {}, false, {}, u"restore "_s + oid);
        } else {
            client::DispatchOptions options;
            options.op = engine::DispatchOp::Delete;
            write(d, oid, {}, options, false, {}, u"delete "_s + oid);
        }
    }
    void opCreate(Device &d)
    {
        const QString oid = u"o%1"_s.arg(++nextOid);
        ModelObject object;
        object.owner = d.user;
        client::DispatchOptions options;
        if (!classicOps) {
            const int orphans = pick(6);
            if (orphans == 0)
                return opCreateOrphan(d, oid, object);
            if (orphans == 1 && !pendingParents.isEmpty())
                return opCreatePendingParent(d);
        }
        const int what = pick(10);
        QStringList parents;
        if (what >= 3) {
            for (const QString &candidate : writable(d, true)) {
                const QString kind = kindOf(d, candidate);
                if ((what < 8 && kind == u"list") || (what >= 8 && kind == u"item"))
                    parents.append(candidate);
            }
        }
        if (what == 0 || (what >= 3 && parents.isEmpty())) {
            object.kind = u"list"_s; // private by the configured default
            object.access = Access::Private;
        } else if (what <= 2) {
            object.kind = u"item"_s; // public by the configured default
            object.access = Access::Public;
        } else {
            object.kind = what >= 8 ? u"history"_s : (what == 7 ? u"image"_s : u"item"_s);
            object.parent = choose(parents);
            object.access = Access::Inherit;
            options.access = Access::Inherit;
            options.parent = object.parent;
        }
        options.kind = object.kind;
        write(d, oid, randomProps(), options, true, object,
              u"create %1 %2%3"_s.arg(object.kind, oid,
                                      object.parent.isEmpty() ? QString()
                                                              : u" under "_s + object.parent));
    }

    // An item under a parent that does not exist yet (PROTOCOL.md 9.6): its
    // owner's until the parent is created.
    void opCreateOrphan(Device &d, const QString &oid, ModelObject object)
    {
        if (pendingParents.isEmpty() || pick(2) == 0) {
            pendingParents.append(u"p%1"_s.arg(++nextOid));
            pendingParents.sort();
        }
        object.kind = u"item"_s;
        object.parent = choose(pendingParents);
        object.access = Access::Inherit;
        client::DispatchOptions options;
        options.kind = object.kind;
        options.parent = object.parent;
        options.access = Access::Inherit;
        count(u"orphan"_s);
        write(d, oid, randomProps(), options, true, object,
              u"create orphan %1 under %2"_s.arg(oid, object.parent));
    }
    // The parent some orphans wait for: a private or public list.
    void opCreatePendingParent(Device &d)
    {
        const QString oid = choose(pendingParents);
        pendingParents.removeAll(oid);
        ModelObject object;
        object.owner = d.user;
        object.kind = u"list"_s;
        object.access = pick(2) == 0 ? Access::Private : Access::Public;
        client::DispatchOptions options;
        options.kind = object.kind;
        options.access = object.access;
        count(u"parent arrives"_s);
        write(d, oid, randomProps(), options, true, object,
              u"create %1 list %2 (awaited)"_s.arg(accessText(object.access), oid));
    }

    bool shareAndWait(Device &d, const QString &oid, const QStringList &grant,
                      const QStringList &revoke, std::optional<Access> access)
    {
        const int before = d.shared;
        count(!grant.isEmpty() ? u"grant"_s
                               : (!revoke.isEmpty() ? u"revoke"_s : u"access change"_s));
        note(u"%1 share %2 grant [%3] revoke [%4] access %5"_s.arg(
            d.cuid, oid, grant.join(u','), revoke.join(u','),
            access ? accessText(*access) : u"-"_s));
        d.client->share(oid, grant, revoke, access);
        if (!QTest::qWaitFor([&] { return d.shared > before || !d.errors.isEmpty(); }, kTimeout)) {
            fail(u"no answer to the share of %1"_s.arg(oid));
            return false;
        }
        if (d.shared <= before) {
            fail(u"share of %1 by its owner failed: %2"_s.arg(oid, d.errors.join(u"; "_s)));
            d.errors.clear();
            return false;
        }
        ModelObject &object = objects[oid];
        for (const QString &principal : grant)
            object.grants.insert(principal);
        for (const QString &principal : revoke)
            object.grants.remove(principal);
        if (access)
            object.access = *access;
        return true;
    }
    QStringList ownedBy(const QString &user) const
    {
        QStringList oids;
        for (auto it = objects.cbegin(); it != objects.cend(); ++it) {
            if (it->owner == user)
                oids.append(it.key());
        }
        return oids;
    }
    void opShare(Device &d, int kind)
    {
        QStringList pool = ownedBy(d.user);
        if (kind == 1) { // revoke: objects with grants
            pool.removeIf([&](const QString &oid) { return objects.value(oid).grants.isEmpty(); });
        }
        if (pool.isEmpty())
            return;
        const QString oid = choose(pool);
        const ModelObject &object = objects.value(oid);
        if (kind == 0) {
            QStringList principals;
            for (const QString &user : users)
                principals.append(u"user:"_s + user);
            for (const QString &group : groupNames)
                principals.append(u"group:"_s + group);
            shareAndWait(d, oid, {choose(principals)}, {}, std::nullopt);
        } else if (kind == 1) {
            shareAndWait(d, oid, {}, {choose(sortedList(object.grants))}, std::nullopt);
        } else {
            QList<Access> choices{Access::Public, Access::Private};
            if (!object.parent.isEmpty())
                choices.append(Access::Inherit);
            choices.removeAll(object.access);
            shareAndWait(d, oid, {}, {}, choose(choices));
        }
    }
    void opGroupChange()
    {
        const QString user = choose(users);
        const QString group = choose(groupNames);
        const bool member = groupsOf[user].contains(group);
        const QString op = member ? u"member-remove"_s : u"member-add"_s;
        note(u"group %1 %2 %3"_s.arg(op, group, user));
        if (!classicOps) {
            // Through the admin interface, while the devices stay connected:
            // they get the copies and revokes live (PROTOCOL.md 7), before
            // the answer reaches the console.
            auto answer = console->reply(console->request({{u"type"_s, u"group"_s},
                                                           {u"op"_s, op},
                                                           {u"group"_s, group},
                                                           {u"name"_s, user}}),
                                         kTimeout);
            if (!answer || answer->value(u"type"_s) != u"done"_s) {
                fail(u"the group change failed: %1"_s.arg(answer ? compact(*answer) : u"-"_s));
                return;
            }
            count(u"group change live"_s);
            if (member)
                groupsOf[user].remove(group);
            else
                groupsOf[user].insert(group);
            for (Device *d :
                 devicesWhere([&](const Device &x) { return x.online && x.user == user; }))
                d->groups = groupsOf.value(user);
            return;
        }
        if (server->runCli({u"group"_s, op, group, user}, {}) != 0) {
            fail(u"the group change failed"_s);
            return;
        }
        count(u"group change"_s);
        if (member)
            groupsOf[user].remove(group);
        else
            groupsOf[user].insert(group);
        // Groups take effect at login: every live device of the user logs in again.
        for (Device *d :
             devicesWhere([&](const Device &x) { return x.online && x.user == user; })) {
            if (!disconnectDevice(*d) || !connectDevice(*d))
                return;
        }
    }

    void randomStep()
    {
        const QList<Device *> live = devicesWhere([](const Device &d) { return d.online; });
        const QList<Device *> off = devicesWhere([](const Device &d) { return !d.online; });
        QList<Device *> all = devicesWhere([](const Device &) { return true; });
        const int roll = pick(100);
        if (roll < 26) {
            opPut(*choose(all));
        } else if (roll < 40) {
            opCreate(*choose(all));
        } else if (roll < 47) {
            opDelete(*choose(all), false);
        } else if (roll < 51) {
            opDelete(*choose(all), true);
        } else if (roll < 75) {
            if (!live.isEmpty())
                opShare(*choose(live), roll < 63 ? 0 : (roll < 70 ? 1 : 2));
        } else if (roll < 80) {
            opGroupChange();
        } else if (roll < 90) {
            if (live.size() > 1) {
                Device &d = *choose(live);
                note(d.cuid + u" disconnects"_s);
                count(u"disconnect"_s);
                disconnectDevice(d);
            }
        } else {
            if (!off.isEmpty()) {
                Device &d = *choose(off);
                note(d.cuid + u" reconnects"_s);
                count(u"reconnect"_s);
                connectDevice(d);
            }
        }
    }

    bool finishStep()
    {
        barrier();
        checkReceived();
        ++step;
        return failures.isEmpty();
    }

    void report()
    {
        // SENESCHAL_LOG_LINES=100000 prints the whole run.
        bool given = false;
        qsizetype logLines = qEnvironmentVariable("SENESCHAL_LOG_LINES").toInt(&given);
        if (!given)
            logLines = 60;
        qWarning().noquote() << u"seed %1, replay with SENESCHAL_SEED=%1"_s.arg(seed);
        qWarning().noquote()
            << u"the last operations:\n  "_s +
                   log.mid(qMax(qsizetype(0), log.size() - logLines)).join(u"\n  "_s);
        qWarning().noquote() << u"failures:\n  "_s + failures.mid(0, 30).join(u"\n  "_s);
    }

    // ---- the end: replicas against the master copy
    void compareWithMaster()
    {
        auto storage = server->openStorage();
        if (!storage) {
            fail(u"cannot open the master copy"_s);
            return;
        }
        auto all = storage->objectsAfter(0, 1000000);
        if (!all) {
            fail(u"cannot read the master copy"_s);
            return;
        }
        QMap<QString, engine::ObjectState> master;
        for (const engine::ObjectState &o : all.value())
            master.insert(o.oid, o);

        // The model's idea of access must be the server's.
        if (QStringList(master.keyBegin(), master.keyEnd()) != objects.keys()) {
            fail(u"the master copy holds [%1], the model [%2]"_s.arg(
                QStringList(master.keyBegin(), master.keyEnd()).join(u','),
                objects.keys().join(u',')));
        }
        for (auto it = objects.cbegin(); it != objects.cend(); ++it) {
            if (!master.contains(it.key()))
                continue;
            const engine::ObjectState &o = master[it.key()];
            QStringList grants = o.grants;
            grants.sort();
            if (o.kind != it->kind || o.parent != it->parent || o.owner != it->owner ||
                o.access != it->access || grants != sortedList(it->grants)) {
                fail(u"%1 in the master copy: kind %2 parent %3 owner %4 access %5 grants [%6]; "
                     "the model: kind %7 parent %8 owner %9 access %10 grants [%11]"_s
                         .arg(it.key(), o.kind, o.parent, o.owner, accessText(o.access),
                              grants.join(u','), it->kind, it->parent, it->owner)
                         .arg(accessText(it->access), sortedList(it->grants).join(u',')));
            }
        }

        for (const auto &d : devices) {
            QMap<QString, QJsonObject> expected;
            for (auto it = master.cbegin(); it != master.cend(); ++it) {
                if (it->isDeleted() || !sees(*d, it.key()))
                    continue;
                QJsonObject props;
                for (auto p = it->props.cbegin(); p != it->props.cend(); ++p) {
                    if (p.key() != u"_deleted")
                        props.insert(p.key(), p.value().value);
                }
                expected.insert(it.key(), props);
            }
            QMap<QString, QJsonObject> actual;
            const auto held = d->client->visibleObjects();
            for (auto it = held.cbegin(); it != held.cend(); ++it)
                actual.insert(it.key(), it.value().props);
            if (actual != expected) {
                QStringList diff;
                for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
                    if (!actual.contains(it.key()))
                        diff.append(u"missing %1 %2"_s.arg(it.key(), compact(*it)));
                    else if (actual.value(it.key()) != *it)
                        diff.append(u"%1 is %2, the master copy %3"_s.arg(
                            it.key(), compact(actual.value(it.key())), compact(*it)));
                }
                for (auto it = actual.cbegin(); it != actual.cend(); ++it) {
                    if (!expected.contains(it.key()))
                        diff.append(u"extra %1 %2"_s.arg(it.key(), compact(*it)));
                }
                fail(u"replica of %1 (user %2, groups %3) differs from its visible part of the "
                     "master copy: %4"_s.arg(d->cuid, d->user, sortedList(d->groups).join(u','),
                                             diff.join(u"; "_s)));
            }
            // Not even a tombstone of something it may not see.
            const QList<QString> heldOids = d->client->objects().keys();
            for (const QString &oid : heldOids) {
                if (!sees(*d, oid))
                    fail(u"%1 (user %2) still holds %3, which it may not see"_s.arg(d->cuid,
                                                                                    d->user, oid));
            }
            if (!d->client->outbox().isEmpty())
                fail(d->cuid + u" still has unacknowledged writes"_s);
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        // The clients' debug output would bury a failure report.
        QLoggingCategory::setFilterRules(u"seneschal.*.debug=false"_s);
    }
    void init()
    {
        bool ok = false;
        const quint32 given = qEnvironmentVariable("SENESCHAL_SEED").toUInt(&ok);
        seed = ok ? given : QRandomGenerator::global()->generate();
        rng.seed(seed);
        qInfo().noquote() << u"SENESCHAL_SEED=%1"_s.arg(seed);

        groupsOf = {{u"u1"_s, {u"g1"_s}}, {u"u2"_s, {u"g2"_s}}, {u"u3"_s, {u"g1"_s, u"g2"_s}}};
        classicOps = qEnvironmentVariableIntValue("SENESCHAL_CLASSIC_OPS") == 1;
        pendingParents.clear();
        nextOid = 0;
        server = std::make_unique<TestServer>();
        // Catch-ups of more than ten objects go out in several windows, so
        // the model checks those too.
        server->set(u"sync/spoolPageSize"_s, u"10"_s);
        for (const QString &user : users)
            QVERIFY(server->addUser(user, user + u"-pw"_s, sortedList(groupsOf[user])));
        QVERIFY(server->addUser(u"root"_s, u"root-pw"_s, {u"admins"_s}));
        QVERIFY(server->start());
        QUrl url = server->url();
        url.setPath(u"/v1/admin"_s);
        console = std::make_unique<test::AdminProbe>(url, server->caCertificates());
        QVERIFY(console->login(u"root"_s, u"root-pw"_s, kTimeout));
    }
    void cleanup()
    {
        if (QTest::currentTestFailed())
            qWarning().noquote() << "server output:\n" << server->output().right(4000);
        devices.clear();
        console.reset();
        server.reset();
    }

    void random_operations_never_leak_and_replicas_converge()
    {
        QElapsedTimer timer;
        timer.start();
        bool stepsOk = false;
        const int steps = qEnvironmentVariable("SENESCHAL_STEPS").toInt(&stepsOk);
        const int total = stepsOk && steps > 0 ? steps : kDefaultSteps;

        for (const QString &user : users) {
            for (const QString &name : {u"a"_s, u"b"_s})
                addDevice(user + name, user);
        }
        for (const auto &d : devices)
            QVERIFY2(connectDevice(*d), qPrintable(failures.join(u'\n')));

        // A start: a list of each user with an item and a history entry, and a public item.
        for (const QString &user : users) {
            Device &d = *devicesWhere([&](const Device &x) { return x.user == user; }).first();
            const QString list = u"list-"_s + user;
            const QString item = u"item-"_s + user;
            client::DispatchOptions options;
            options.kind = u"list"_s;
            write(d, list, {{u"title"_s, user}}, options, true,
                  ModelObject{u"list"_s, {}, user, Access::Private, {}}, u"create list "_s + list);
            options.kind = u"item"_s;
            options.parent = list;
            options.access = Access::Inherit;
            write(d, item, {{u"name"_s, user}}, options, true,
                  ModelObject{u"item"_s, list, user, Access::Inherit, {}}, u"create "_s + item);
            options.kind = u"history"_s;
            options.parent = item;
            write(d, u"history-"_s + user, {{u"qty"_s, 1}}, options, true,
                  ModelObject{u"history"_s, item, user, Access::Inherit, {}},
                  u"create history-"_s + user);
            options = {};
            options.kind = u"item"_s;
            write(d, u"public-"_s + user, {{u"name"_s, user}}, options, true,
                  ModelObject{u"item"_s, {}, user, Access::Public, {}}, u"create public-"_s + user);
            if (!finishStep())
                break;
        }

        while (failures.isEmpty() && step < total) {
            randomStep();
            if (!finishStep())
                break;
        }

        // Everyone back online, then the replicas against the master copy.
        if (failures.isEmpty()) {
            for (Device *d : devicesWhere([](const Device &x) { return !x.online; })) {
                note(d->cuid + u" reconnects at the end"_s);
                connectDevice(*d);
                if (!finishStep())
                    break;
            }
        }
        if (failures.isEmpty())
            compareWithMaster();
        qInfo().noquote() << u"%1 steps, %2 objects, %3 ms (seed %4)"_s.arg(step)
                                 .arg(objects.size())
                                 .arg(timer.elapsed())
                                 .arg(seed);
        QStringList summary;
        for (auto it = counts.cbegin(); it != counts.cend(); ++it)
            summary.append(u"%1: %2"_s.arg(it.key()).arg(it.value()));
        qInfo().noquote() << summary.join(u", "_s);
        if (!failures.isEmpty())
            report();
        QVERIFY2(failures.isEmpty(), qPrintable(failures.value(0)));
    }
};

QTEST_GUILESS_MAIN(AccessRandomTest)
#include "tst_access_random.moc"
