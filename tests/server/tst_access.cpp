// Access control end to end (PROTOCOL.md section 7): private lists with
// inheriting items shared to a user and to a group, then revoked, seen by
// devices online and offline.
#include "client/syncclient.h"
#include "testserver.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>
#include <memory>

using namespace Qt::StringLiterals;
using namespace seneschal;
using client::SyncClient;
using test::TestServer;

namespace {

constexpr int kTimeout = 20000;

client::DispatchOptions under(const QString &kind, const QString &parent = {})
{
    client::DispatchOptions options;
    options.kind = kind;
    options.parent = parent;
    if (!parent.isEmpty())
        options.access = engine::Access::Inherit;
    return options;
}

QSet<QString> oidsIn(const QList<QJsonObject> &messages, const QString &type)
{
    QSet<QString> oids;
    for (const QJsonObject &m : messages) {
        if (m.value(u"type"_s).toString() == type)
            oids.insert(m.value(u"oid"_s).toString());
    }
    return oids;
}

} // namespace

class AccessTest : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestServer> server;
    QHash<QString, std::shared_ptr<SyncClient>> devices;
    const QSet<QString> listFamily{u"list"_s,   u"item-1"_s,  u"item-2"_s,
                                   u"item-3"_s, u"image-1"_s, u"history-1"_s};

    SyncClient &device(const QString &cuid, const QString &user)
    {
        auto &slot = devices[cuid];
        if (!slot)
            slot = std::make_shared<SyncClient>(server->device(cuid, user, user + u"-pw"_s));
        return *slot;
    }
    static bool live(SyncClient &c)
    {
        if (c.state() == SyncClient::State::Disconnected)
            c.connectToServer();
        return QTest::qWaitFor([&] { return c.isLive(); }, kTimeout);
    }
    static bool offline(SyncClient &c)
    {
        c.disconnectFromServer();
        return QTest::qWaitFor([&] { return c.state() == SyncClient::State::Disconnected; },
                               kTimeout);
    }
    static bool drained(SyncClient &c)
    {
        return QTest::qWaitFor([&] { return c.outbox().isEmpty(); }, kTimeout);
    }
    // Every frame sent to `c` before this call has arrived once the pong does.
    static bool settled(SyncClient &c)
    {
        QSignalSpy pong(&c, &SyncClient::pong);
        c.ping();
        return pong.wait(kTimeout) || !pong.isEmpty();
    }
    bool share(SyncClient &owner, const QString &oid, const QStringList &grant,
               const QStringList &revoke = {})
    {
        QSignalSpy shared(&owner, &SyncClient::shared);
        owner.share(oid, grant, revoke);
        return shared.wait(kTimeout) || !shared.isEmpty();
    }
    // What `user` may see of the master copy, read from the database.
    QHash<QString, QJsonObject> visibleTo(const QString &user, const QStringList &groups)
    {
        auto storage = server->openStorage();
        auto all = storage->objectsAfter(0, 100000);
        QHash<QString, engine::ObjectState> byOid;
        for (const auto &o : all.value())
            byOid.insert(o.oid, o);
        auto admits = [&](const engine::ObjectState &o, auto &&self, int depth) -> bool {
            for (const QString &g : o.grants) {
                if (g == u"user:"_s + user ||
                    (g.startsWith(u"group:"_s) && groups.contains(g.mid(6))))
                    return true;
            }
            if (o.access == engine::Access::Public)
                return true;
            if (o.access == engine::Access::Private)
                return o.owner == user;
            if (depth >= 16 || !byOid.contains(o.parent))
                return o.owner == user;
            return self(byOid[o.parent], self, depth + 1);
        };
        QHash<QString, QJsonObject> visible;
        for (const auto &o : std::as_const(byOid)) {
            if (o.isDeleted() || !admits(o, admits, 0))
                continue;
            QJsonObject props;
            for (auto it = o.props.cbegin(); it != o.props.cend(); ++it) {
                if (it.key() != u"_deleted")
                    props.insert(it.key(), it.value().value);
            }
            visible.insert(o.oid, props);
        }
        return visible;
    }
    // Alice's private team-list (with an item) shared to the group friends,
    // which bob, connected, is not in.
    bool teamListForFriends(SyncClient &alice, SyncClient &bob)
    {
        if (!live(alice) || !live(bob))
            return false;
        alice.dispatch(u"team-list"_s, {{u"title"_s, u"Team"_s}}, under(u"list"_s));
        alice.dispatch(u"team-item"_s, {{u"name"_s, u"x"_s}}, under(u"item"_s, u"team-list"_s));
        return drained(alice) && share(alice, u"team-list"_s, {u"group:friends"_s}) &&
               settled(bob) && !bob.object(u"team-list"_s).has_value();
    }
    static QHash<QString, QJsonObject> replicaOf(const SyncClient &c)
    {
        QHash<QString, QJsonObject> props;
        const auto objects = c.visibleObjects();
        for (auto it = objects.cbegin(); it != objects.cend(); ++it)
            props.insert(it.key(), it.value().props);
        return props;
    }

private Q_SLOTS:
    void init()
    {
        devices.clear();
        server = std::make_unique<TestServer>();
        QVERIFY(server->addUser(u"alice"_s, u"alice-pw"_s));
        QVERIFY(server->addUser(u"bob"_s, u"bob-pw"_s, {u"family"_s}));
        QVERIFY(server->addUser(u"carol"_s, u"carol-pw"_s, {u"friends"_s}));
        QVERIFY(server->start());
    }
    void cleanup()
    {
        if (QTest::currentTestFailed())
            qWarning().noquote() << "server output:\n" << server->output().right(6000);
        devices.clear();
        server.reset();
    }

    void private_list_shared_to_user_and_group_then_revoked()
    {
        SyncClient &alice = device(u"alice-phone"_s, u"alice"_s);
        SyncClient &bobPhone = device(u"bob-phone"_s, u"bob"_s);
        SyncClient &bobTablet = device(u"bob-tablet"_s, u"bob"_s);
        SyncClient &carolPhone = device(u"carol-phone"_s, u"carol"_s);
        SyncClient &carolTablet = device(u"carol-tablet"_s, u"carol"_s);
        for (SyncClient *c : {&alice, &bobPhone, &bobTablet, &carolPhone, &carolTablet})
            QVERIFY(live(*c));
        QVERIFY(offline(bobTablet));
        QVERIFY(offline(carolTablet));

        // A private list with items, an image and a history entry (inherit).
        alice.dispatch(u"list"_s, {{u"title"_s, u"Groceries"_s}}, under(u"list"_s));
        for (int i = 1; i <= 3; ++i)
            alice.dispatch(u"item-%1"_s.arg(i), {{u"name"_s, u"thing %1"_s.arg(i)}},
                           under(u"item"_s, u"list"_s));
        alice.dispatch(u"image-1"_s, {{u"png"_s, u"iVBORw0"_s}}, under(u"image"_s, u"list"_s));
        alice.dispatch(u"history-1"_s, {{u"qty"_s, 1}}, under(u"history"_s, u"item-1"_s));
        alice.dispatch(u"public-item"_s, {{u"name"_s, u"milk"_s}}, under(u"item"_s));
        QVERIFY(drained(alice));
        QVERIFY(settled(bobPhone));
        QVERIFY(settled(carolPhone));
        QVERIFY(oidsIn(bobPhone.received(), u"dispatch"_s).intersects(listFamily) == false);
        QVERIFY(oidsIn(carolPhone.received(), u"dispatch"_s).intersects(listFamily) == false);
        QVERIFY(bobPhone.object(u"public-item"_s).has_value());

        // Shared to bob: each of his live devices gets the full list first.
        bobPhone.clearReceived();
        QVERIFY(share(alice, u"list"_s, {u"user:bob"_s}));
        QVERIFY(settled(bobPhone));
        QCOMPARE(oidsIn(bobPhone.received(), u"dispatch"_s), listFamily);
        QCOMPARE(bobPhone.object(u"item-2"_s)->props.value(u"name"_s).toString(), u"thing 2"_s);
        QVERIFY(settled(carolPhone));
        QVERIFY(!carolPhone.object(u"list"_s).has_value());

        // Live changes now reach bob, not carol.
        carolPhone.clearReceived();
        alice.dispatch(u"item-1"_s, {{u"qty"_s, 4}});
        QVERIFY(drained(alice));
        QTRY_COMPARE_WITH_TIMEOUT(bobPhone.object(u"item-1"_s)->props.value(u"qty"_s).toInt(), 4,
                                  kTimeout);
        QVERIFY(settled(carolPhone));
        QVERIFY(oidsIn(carolPhone.received(), u"dispatch"_s).isEmpty());

        // Shared to carol's group too.
        QVERIFY(share(alice, u"list"_s, {u"group:friends"_s}));
        QVERIFY(settled(carolPhone));
        QCOMPARE(oidsIn(carolPhone.received(), u"dispatch"_s), listFamily);

        // The offline devices catch up from their spool.
        QVERIFY(live(bobTablet));
        QVERIFY(live(carolTablet));
        QVERIFY(bobTablet.object(u"history-1"_s).has_value());
        QVERIFY(carolTablet.object(u"image-1"_s).has_value());
        QVERIFY(offline(bobTablet));

        // Revoked for bob: a revoke for the list and everything inheriting it.
        bobPhone.clearReceived();
        QVERIFY(share(alice, u"list"_s, {}, {u"user:bob"_s}));
        QVERIFY(settled(bobPhone));
        QCOMPARE(oidsIn(bobPhone.received(), u"revoke"_s), listFamily);
        for (const QString &oid : listFamily)
            QVERIFY2(!bobPhone.object(oid).has_value(), qPrintable(oid));

        // Nothing about the list reaches bob afterwards; carol still follows.
        bobPhone.clearReceived();
        alice.dispatch(u"item-2"_s, {{u"name"_s, u"renamed"_s}});
        QVERIFY(drained(alice));
        QTRY_COMPARE_WITH_TIMEOUT(carolPhone.object(u"item-2"_s)->props.value(u"name"_s).toString(),
                                  u"renamed"_s, kTimeout);
        QVERIFY(settled(bobPhone));
        QVERIFY(oidsIn(bobPhone.received(), u"dispatch"_s).isEmpty());

        // bob can neither write to it nor share it any more.
        QSignalSpy rejected(&bobPhone, &SyncClient::rejected);
        bobPhone.dispatch(u"item-3"_s, {{u"name"_s, u"hijacked"_s}});
        QVERIFY(rejected.wait(kTimeout) || !rejected.isEmpty());
        QCOMPARE(rejected.first().at(1).toString(), u"forbidden"_s);
        QSignalSpy errors(&bobPhone, &SyncClient::errorReceived);
        bobPhone.share(u"list"_s, {u"user:bob"_s});
        QVERIFY(errors.wait(kTimeout) || !errors.isEmpty());
        QCOMPARE(errors.first().at(0).toString(), u"forbidden"_s);

        // bob's tablet was away during the revoke: its spool says so.
        bobTablet.clearReceived();
        QVERIFY(live(bobTablet));
        QCOMPARE(oidsIn(bobTablet.received(), u"revoke"_s), listFamily);

        // Every device ends with exactly what it may see, equal to the master copy.
        QVERIFY(live(carolTablet));
        for (SyncClient *c : {&alice, &bobPhone, &bobTablet, &carolPhone, &carolTablet})
            QVERIFY(settled(*c));
        const auto aliceView = visibleTo(u"alice"_s, {});
        const auto bobView = visibleTo(u"bob"_s, {u"family"_s});
        const auto carolView = visibleTo(u"carol"_s, {u"friends"_s});
        QVERIFY(carolView.contains(u"history-1"_s));
        QVERIFY(!bobView.contains(u"list"_s));
        QCOMPARE(replicaOf(alice), aliceView);
        QCOMPARE(replicaOf(bobPhone), bobView);
        QCOMPARE(replicaOf(bobTablet), bobView);
        QCOMPARE(replicaOf(carolPhone), carolView);
        QCOMPARE(replicaOf(carolTablet), carolView);
    }

    void group_joined_while_away_brings_the_list_at_next_login()
    {
        SyncClient &alice = device(u"alice-phone"_s, u"alice"_s);
        SyncClient &bob = device(u"bob-phone"_s, u"bob"_s);
        QVERIFY(teamListForFriends(alice, bob));
        QVERIFY(offline(bob));

        QCOMPARE(server->runCli({u"group"_s, u"member-add"_s, u"friends"_s, u"bob"_s}, {}), 0);
        bob.clearReceived();
        QVERIFY(live(bob));
        QVERIFY(bob.object(u"team-list"_s).has_value());
        QVERIFY(bob.object(u"team-item"_s).has_value());

        QVERIFY(offline(bob));
        QCOMPARE(server->runCli({u"group"_s, u"member-remove"_s, u"friends"_s, u"bob"_s}, {}), 0);
        bob.clearReceived();
        QVERIFY(live(bob));
        QCOMPARE(oidsIn(bob.received(), u"revoke"_s),
                 (QSet<QString>{u"team-list"_s, u"team-item"_s}));
        QVERIFY(!bob.object(u"team-item"_s).has_value());
    }

    // PROTOCOL.md 7: a user who joins a group while connected receives the
    // copies live, and a revoke when leaving it; the group commands run in
    // another process (`seneschal-server group`).
    void group_joined_while_connected_brings_the_list_live()
    {
        SyncClient &alice = device(u"alice-phone"_s, u"alice"_s);
        SyncClient &bob = device(u"bob-phone"_s, u"bob"_s);
        QVERIFY(teamListForFriends(alice, bob));

        bob.clearReceived();
        QCOMPARE(server->runCli({u"group"_s, u"member-add"_s, u"friends"_s, u"bob"_s}, {}), 0);
        QTRY_VERIFY_WITH_TIMEOUT(bob.object(u"team-item"_s).has_value(), kTimeout);
        QVERIFY(bob.object(u"team-list"_s).has_value());
        QCOMPARE(bob.state(), SyncClient::State::Live); // no reconnect needed
        // Broadcasts now reach him through the group.
        alice.dispatch(u"team-item"_s, {{u"name"_s, u"y"_s}});
        QTRY_COMPARE_WITH_TIMEOUT(bob.object(u"team-item"_s)->props.value(u"name"_s).toString(),
                                  u"y"_s, kTimeout);

        bob.clearReceived();
        QCOMPARE(server->runCli({u"group"_s, u"member-remove"_s, u"friends"_s, u"bob"_s}, {}), 0);
        QTRY_COMPARE_WITH_TIMEOUT(oidsIn(bob.received(), u"revoke"_s),
                                  (QSet<QString>{u"team-list"_s, u"team-item"_s}), kTimeout);
        QVERIFY(!bob.object(u"team-list"_s).has_value());
        alice.dispatch(u"team-item"_s, {{u"name"_s, u"z"_s}});
        QVERIFY(drained(alice));
        QVERIFY(settled(bob));
        QVERIFY(!oidsIn(bob.received(), u"dispatch"_s).contains(u"team-item"_s));

        // His next login knows the groups he was left with: nothing twice.
        QVERIFY(offline(bob));
        bob.clearReceived();
        QVERIFY(live(bob));
        QVERIFY(!oidsIn(bob.received(), u"dispatch"_s).contains(u"team-list"_s));
        QVERIFY(!oidsIn(bob.received(), u"revoke"_s).contains(u"team-list"_s));
    }

    // Joining the admin group opens everything at once: the device is closed
    // with 4410 and starts again from a reset and a full copy.
    void joining_the_admin_group_while_connected_brings_a_full_copy()
    {
        SyncClient &alice = device(u"alice-phone"_s, u"alice"_s);
        SyncClient &bob = device(u"bob-phone"_s, u"bob"_s);
        QVERIFY(live(alice));
        QVERIFY(live(bob));
        alice.dispatch(u"secret"_s, {{u"title"_s, u"Mine"_s}}, under(u"list"_s));
        client::DispatchOptions note = under(u"note"_s);
        note.access = engine::Access::Public;
        alice.dispatch(u"note"_s, {{u"text"_s, u"hi"_s}}, note); // bob's since passes "secret"
        QVERIFY(drained(alice));
        QTRY_VERIFY_WITH_TIMEOUT(bob.object(u"note"_s).has_value(), kTimeout);
        QVERIFY(settled(bob));
        QSignalSpy closed(&bob, &SyncClient::disconnected);
        QCOMPARE(server->runCli({u"group"_s, u"add"_s, u"admins"_s}, {}), 0);
        QCOMPARE(server->runCli({u"group"_s, u"member-add"_s, u"admins"_s, u"bob"_s}, {}), 0);
        QTRY_VERIFY_WITH_TIMEOUT(!closed.isEmpty(), kTimeout);
        QCOMPARE(closed.first().at(0).toInt(), 4410);
        bob.clearReceived();
        QVERIFY(live(bob));
        QVERIFY(!bob.receivedOfType(u"reset"_s).isEmpty());
        QVERIFY(bob.object(u"secret"_s).has_value());
    }

    // PROTOCOL.md 9.5 and 7: every object an access change delivers carries
    // that change's seq, and none arrives before its parent, also those
    // created after the grantee's since.
    void grant_copies_carry_the_share_seq_and_come_after_their_parent()
    {
        SyncClient &alice = device(u"alice-phone"_s, u"alice"_s);
        SyncClient &bob = device(u"bob-phone"_s, u"bob"_s);
        QVERIFY(live(alice));
        QVERIFY(live(bob));
        alice.dispatch(u"plan"_s, {{u"title"_s, u"Plan"_s}}, under(u"list"_s));
        alice.dispatch(u"plan-old"_s, {{u"n"_s, 1}}, under(u"item"_s, u"plan"_s));
        QVERIFY(drained(alice));
        // Something bob sees, so that his since passes the list's items.
        client::DispatchOptions note = under(u"note"_s);
        note.access = engine::Access::Public;
        alice.dispatch(u"note"_s, {{u"text"_s, u"hi"_s}}, note);
        QVERIFY(drained(alice));
        QTRY_VERIFY_WITH_TIMEOUT(bob.object(u"note"_s).has_value(), kTimeout);
        QVERIFY(settled(bob));
        QVERIFY(offline(bob));
        // Created while bob is away, after his since.
        alice.dispatch(u"plan-new"_s, {{u"n"_s, 2}}, under(u"item"_s, u"plan"_s));
        alice.dispatch(u"plan-new-img"_s, {{u"png"_s, u"AA"_s}}, under(u"image"_s, u"plan-new"_s));
        QVERIFY(drained(alice));
        QSignalSpy shared(&alice, &SyncClient::shared);
        alice.share(u"plan"_s, {u"user:bob"_s});
        QVERIFY(shared.wait(kTimeout) || !shared.isEmpty());
        const qint64 shareSeq = shared.first().at(1).toLongLong();

        bob.clearReceived();
        QVERIFY(live(bob));
        QHash<QString, qint64> seqOf;
        QHash<QString, qsizetype> position;
        const QList<QJsonObject> &got = bob.received();
        for (qsizetype i = 0; i < got.size(); ++i) {
            if (got[i].value(u"type"_s) != u"dispatch"_s)
                continue;
            const QString oid = got[i].value(u"oid"_s).toString();
            QVERIFY2(!position.contains(oid), qPrintable(u"twice: "_s + oid));
            position.insert(oid, i);
            seqOf.insert(oid, got[i].value(u"seq"_s).toInteger());
        }
        for (const QString &oid : {u"plan"_s, u"plan-old"_s, u"plan-new"_s, u"plan-new-img"_s}) {
            QVERIFY2(seqOf.contains(oid), qPrintable(u"missing: "_s + oid));
            QCOMPARE(seqOf.value(oid), shareSeq);
        }
        QVERIFY(position[u"plan"_s] < position[u"plan-old"_s]);
        QVERIFY(position[u"plan"_s] < position[u"plan-new"_s]);
        QVERIFY(position[u"plan-new"_s] < position[u"plan-new-img"_s]);
    }

    // PROTOCOL.md 9.6, 7 and 8: an inherit object created before its parent
    // is its owner's until the parent exists; then it reaches everyone the
    // parent opens it to, live and in the spool, after the parent and with
    // the seq of that change.
    void orphaned_children_reach_others_when_their_parent_appears()
    {
        SyncClient &alice = device(u"alice-phone"_s, u"alice"_s);
        SyncClient &bob = device(u"bob-phone"_s, u"bob"_s);
        SyncClient &carol = device(u"carol-phone"_s, u"carol"_s);
        QVERIFY(live(alice));
        QVERIFY(live(bob));
        QVERIFY(live(carol));
        alice.dispatch(u"late-item"_s, {{u"name"_s, u"milk"_s}}, under(u"item"_s, u"late-list"_s));
        alice.dispatch(u"late-img"_s, {{u"png"_s, u"AA"_s}}, under(u"image"_s, u"late-item"_s));
        // Something carol sees, so that her since passes the waiting objects.
        client::DispatchOptions note = under(u"note"_s);
        note.access = engine::Access::Public;
        alice.dispatch(u"note"_s, {{u"text"_s, u"hi"_s}}, note);
        QVERIFY(drained(alice));
        QTRY_VERIFY_WITH_TIMEOUT(carol.object(u"note"_s).has_value(), kTimeout);
        QVERIFY(settled(carol));
        QVERIFY(offline(carol));
        QVERIFY(settled(bob));
        QVERIFY(!bob.object(u"late-item"_s).has_value());

        bob.clearReceived();
        client::DispatchOptions list = under(u"list"_s);
        list.access = engine::Access::Public;
        alice.dispatch(u"late-list"_s, {{u"title"_s, u"Later"_s}}, list);
        QVERIFY(drained(alice));
        QTRY_VERIFY_WITH_TIMEOUT(bob.object(u"late-img"_s).has_value(), kTimeout);
        QCOMPARE(bob.object(u"late-item"_s)->props.value(u"name"_s).toString(), u"milk"_s);
        auto order = [](const QList<QJsonObject> &got) {
            QHash<QString, std::pair<qsizetype, qint64>> at; // oid -> position, seq
            for (qsizetype i = 0; i < got.size(); ++i) {
                if (got[i].value(u"type"_s) == u"dispatch"_s)
                    at.insert(got[i].value(u"oid"_s).toString(),
                              {i, got[i].value(u"seq"_s).toInteger()});
            }
            return at;
        };
        const auto sent = order(bob.received());
        QVERIFY(sent.contains(u"late-list"_s));
        QVERIFY(sent[u"late-list"_s].first < sent[u"late-item"_s].first);
        QVERIFY(sent[u"late-item"_s].first < sent[u"late-img"_s].first);
        QVERIFY(sent[u"late-item"_s].second > sent[u"late-list"_s].second);
        QCOMPARE(sent[u"late-img"_s].second, sent[u"late-item"_s].second);

        // carol was away: her spool carries them, the parent first.
        carol.clearReceived();
        QVERIFY(live(carol));
        const auto spooled = order(carol.received());
        for (const QString &oid : {u"late-list"_s, u"late-item"_s, u"late-img"_s})
            QVERIFY2(spooled.contains(oid), qPrintable(u"missing: "_s + oid));
        QVERIFY(spooled[u"late-list"_s].first < spooled[u"late-item"_s].first);
        QVERIFY(spooled[u"late-item"_s].first < spooled[u"late-img"_s].first);
        QCOMPARE(spooled[u"late-item"_s].second, sent[u"late-item"_s].second);
        QCOMPARE(carol.object(u"late-img"_s)->props.value(u"png"_s).toString(), u"AA"_s);

        // And across a restart: what waits is read back from storage.
        alice.dispatch(u"later-item"_s, {{u"name"_s, u"eggs"_s}},
                       under(u"item"_s, u"later-list"_s));
        QVERIFY(drained(alice));
        QVERIFY(offline(alice));
        QVERIFY(offline(bob));
        QVERIFY(offline(carol));
        QCOMPARE(server->stop(), 0);
        QVERIFY(server->start());
        QVERIFY(live(alice));
        QVERIFY(live(bob));
        alice.dispatch(u"later-list"_s, {{u"title"_s, u"Even later"_s}}, list);
        QTRY_VERIFY_WITH_TIMEOUT(bob.object(u"later-item"_s).has_value(), kTimeout);
    }

    // The parent arrives in another device's upload, whose broadcast waits
    // for uploadEnd: a live device still gets the parent before the child.
    void orphan_whose_parent_arrives_in_an_upload_comes_after_it()
    {
        SyncClient &alice = device(u"alice-phone"_s, u"alice"_s);
        SyncClient &bob = device(u"bob-phone"_s, u"bob"_s);
        SyncClient &carol = device(u"carol-phone"_s, u"carol"_s);
        QVERIFY(live(alice));
        QVERIFY(live(bob));
        QVERIFY(live(carol));
        QVERIFY(offline(bob));
        client::DispatchOptions list = under(u"list"_s);
        list.access = engine::Access::Public;
        bob.dispatch(u"bobs-late-list"_s, {{u"title"_s, u"Soon"_s}}, list); // queued offline
        alice.dispatch(u"waiting-item"_s, {{u"name"_s, u"tea"_s}},
                       under(u"item"_s, u"bobs-late-list"_s));
        QVERIFY(drained(alice));
        QVERIFY(settled(carol));
        QVERIFY(!carol.object(u"waiting-item"_s).has_value());
        carol.clearReceived();
        QVERIFY(live(bob)); // uploads the list
        QTRY_VERIFY_WITH_TIMEOUT(carol.object(u"waiting-item"_s).has_value(), kTimeout);
        qsizetype listAt = -1;
        qsizetype itemAt = -1;
        const QList<QJsonObject> &got = carol.received();
        for (qsizetype i = 0; i < got.size(); ++i) {
            const QString oid = got[i].value(u"oid"_s).toString();
            if (oid == u"bobs-late-list" && listAt < 0)
                listAt = i;
            if (oid == u"waiting-item" && itemAt < 0)
                itemAt = i;
        }
        QVERIFY(listAt >= 0);
        QVERIFY2(listAt < itemAt, "the child came before its parent");
        QCOMPARE(carol.object(u"waiting-item"_s)->props.value(u"name"_s).toString(), u"tea"_s);
    }

    // The other side of the same rule: a private parent of another user
    // shuts the child's owner out, and the owner's device gets a revoke.
    void orphan_owner_shut_out_by_a_private_parent_gets_a_revoke()
    {
        SyncClient &alice = device(u"alice-phone"_s, u"alice"_s);
        SyncClient &bob = device(u"bob-phone"_s, u"bob"_s);
        QVERIFY(live(alice));
        QVERIFY(live(bob));
        alice.dispatch(u"stray"_s, {{u"name"_s, u"x"_s}}, under(u"item"_s, u"bobs-list"_s));
        QVERIFY(drained(alice));
        QVERIFY(alice.object(u"stray"_s).has_value());
        bob.dispatch(u"bobs-list"_s, {{u"title"_s, u"Mine"_s}}, under(u"list"_s));
        QVERIFY(drained(bob));
        QTRY_VERIFY_WITH_TIMEOUT(oidsIn(alice.received(), u"revoke"_s).contains(u"stray"_s),
                                 kTimeout);
        QVERIFY(!alice.object(u"stray"_s).has_value());
        QTRY_VERIFY_WITH_TIMEOUT(bob.object(u"stray"_s).has_value(), kTimeout);
    }

    // PROTOCOL.md 8: one dispatch per oid between rehydrateEnd and synced,
    // however the objects change while the catch-up goes out; what changed
    // meanwhile comes live after synced.
    void objects_changed_during_a_catch_up_arrive_once_then_live()
    {
        QCOMPARE(server->stop(), 0);
        server->set(u"sync/spoolPageSize"_s, u"10"_s);
        QVERIFY(server->start());
        SyncClient &alice = device(u"alice-phone"_s, u"alice"_s);
        SyncClient &bob = device(u"bob-phone"_s, u"bob"_s);
        QVERIFY(live(alice));
        QVERIFY(live(bob));
        QVERIFY(offline(bob));
        constexpr int kObjects = 3000;
        client::DispatchOptions item = under(u"item"_s);
        item.access = engine::Access::Public;
        for (int i = 0; i < kObjects; ++i)
            alice.dispatch(u"o-%1"_s.arg(i), {{u"n"_s, i}}, item);
        QVERIFY(drained(alice));

        bob.clearReceived();
        bob.connectToServer();
        // The first windows' objects change again and again while the rest
        // of the catch-up goes out.
        QVERIFY(QTest::qWaitFor(
            [&] { return bob.state() == SyncClient::State::Receiving || bob.isLive(); }, kTimeout));
        int round = 0;
        while (!bob.isLive() && round < 5000) {
            for (int i = 0; i < 10; ++i)
                alice.dispatch(u"o-%1"_s.arg(i), {{u"n"_s, 10000 + round}});
            ++round;
            QTest::qWait(1);
        }
        QVERIFY(live(bob));
        QVERIFY(drained(alice));
        QVERIFY(settled(bob));
        QVERIFY(settled(alice));

        QHash<QString, int> inSpool;
        bool inCatchUp = false;
        for (const QJsonObject &m : bob.received()) {
            const QString type = m.value(u"type"_s).toString();
            if (type == u"rehydrateEnd")
                inCatchUp = true;
            else if (type == u"synced")
                break;
            else if (inCatchUp && (type == u"dispatch" || type == u"revoke"))
                ++inSpool[m.value(u"oid"_s).toString()];
        }
        QCOMPARE(inSpool.size(), kObjects);
        for (auto it = inSpool.cbegin(); it != inSpool.cend(); ++it)
            QVERIFY2(it.value() == 1,
                     qPrintable(u"%1 came %2 times"_s.arg(it.key()).arg(it.value())));
        QTRY_COMPARE_WITH_TIMEOUT(replicaOf(bob), replicaOf(alice), kTimeout);
    }

    void grant_of_a_list_with_1000_items_delivers_the_full_copy()
    {
        SyncClient &alice = device(u"alice-phone"_s, u"alice"_s);
        SyncClient &bob = device(u"bob-phone"_s, u"bob"_s);
        QVERIFY(live(alice));
        QVERIFY(live(bob));
        alice.dispatch(u"big"_s, {{u"title"_s, u"Big"_s}}, under(u"list"_s));
        for (int i = 0; i < 1000; ++i) {
            alice.dispatch(u"big-%1"_s.arg(i), {{u"n"_s, i}}, under(u"item"_s, u"big"_s));
            if (i % 100 == 0) {
                alice.dispatch(u"big-%1-h"_s.arg(i), {{u"qty"_s, i}},
                               under(u"history"_s, u"big-%1"_s.arg(i)));
                alice.dispatch(u"big-%1-img"_s.arg(i), {{u"png"_s, u"AAAA"_s}},
                               under(u"image"_s, u"big-%1"_s.arg(i)));
            }
        }
        QVERIFY(drained(alice));
        bob.clearReceived();
        QVERIFY(share(alice, u"big"_s, {u"user:bob"_s}));
        QVERIFY(settled(bob));
        QCOMPARE(oidsIn(bob.received(), u"dispatch"_s).size(), 1 + 1000 + 20);
        QCOMPARE(bob.object(u"big-999"_s)->props.value(u"n"_s).toInt(), 999);
        QCOMPARE(replicaOf(bob), visibleTo(u"bob"_s, {u"family"_s}));
    }
};

QTEST_GUILESS_MAIN(AccessTest)
#include "tst_access.moc"
