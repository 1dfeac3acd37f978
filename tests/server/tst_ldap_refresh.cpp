// LDAP groups of connected users followed live, end to end (PROTOCOL.md
// section 7, docs/protocol.md "Access"): the real server with
// auth/providers = ldap,local and ldap/groupRefreshSeconds = 1 against the
// private slapd of tests/fixtures/slapd, a device of the LDAP user bob over
// wss://, and a group of this test's own changed with ldapmodify.
#include "client/syncclient.h"
#include "testserver.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>
#include <memory>

using namespace Qt::StringLiterals;
using namespace seneschal;
using client::SyncClient;
using test::TestServer;

namespace {

constexpr int kTimeout = 20000;
// The refresh runs every second; a change shows within a few.
constexpr int kLiveTimeout = 10000;

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

QStringList groupsOf(const QJsonObject &welcome)
{
    QStringList groups;
    for (const QJsonValue &g : welcome.value(u"groups"_s).toArray())
        groups << g.toString();
    return groups;
}

} // namespace

class LdapRefreshTest : public QObject
{
    Q_OBJECT

    QString m_url;
    QString m_base;
    QString m_group; // this test's own group, so no other test sees a change
    std::unique_ptr<TestServer> server;

    QString groupDn() const { return u"cn=%1,ou=groups,%2"_s.arg(m_group, m_base); }
    QString userDn(const QString &uid) const { return u"uid=%1,ou=people,%2"_s.arg(uid, m_base); }

    // ldapmodify (or ldapadd, ldapdelete) as the directory's root.
    bool ldap(const QString &tool, const QByteArray &ldif, const QStringList &args = {})
    {
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(tool, QStringList{u"-x"_s, u"-H"_s, m_url, u"-D"_s, u"cn=admin,"_s + m_base,
                                  u"-w"_s, u"adminpw"_s} +
                          args);
        if (!p.waitForStarted(kTimeout))
            return false;
        p.write(ldif);
        p.closeWriteChannel();
        if (!p.waitForFinished(kTimeout) || p.exitCode() != 0) {
            qWarning().noquote() << tool << "failed:" << p.readAll();
            return false;
        }
        return true;
    }
    bool member(const QString &change, const QString &uid)
    {
        return ldap(u"ldapmodify"_s, u"dn: %1\nchangetype: modify\n%2: member\nmember: %3\n"_s
                                         .arg(groupDn(), change, userDn(uid))
                                         .toUtf8());
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
    static bool settled(SyncClient &c)
    {
        QSignalSpy pong(&c, &SyncClient::pong);
        c.ping();
        return pong.wait(kTimeout) || !pong.isEmpty();
    }
    static bool share(SyncClient &owner, const QString &oid, const QStringList &grant)
    {
        QSignalSpy shared(&owner, &SyncClient::shared);
        owner.share(oid, grant, {});
        return shared.wait(kTimeout) || !shared.isEmpty();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_url = qEnvironmentVariable("SENESCHAL_LDAP_URL");
        m_base = qEnvironmentVariable("SENESCHAL_LDAP_BASE");
        if (m_url.isEmpty())
            QSKIP("needs the slapd fixture (run through ctest)");
        m_group = u"refresh-%1"_s.arg(QCoreApplication::applicationPid());
    }

    void init()
    {
        // A groupOfNames needs a member: carol, who plays no part here.
        QVERIFY(ldap(u"ldapadd"_s, u"dn: %1\nobjectClass: groupOfNames\ncn: %2\nmember: %3\n"_s
                                       .arg(groupDn(), m_group, userDn(u"carol"_s))
                                       .toUtf8()));
        server = std::make_unique<TestServer>();
        server->set(u"auth/providers"_s, u"ldap,local"_s);
        server->set(u"ldap/url"_s, m_url);
        // Quoted: QSettings reads a bare value with commas as a list.
        // Unquoted, as an operator writes it: commas and all.
        server->set(u"ldap/bindDnTemplate"_s, u"uid=%u,ou=people,%1"_s.arg(m_base));
        server->set(u"ldap/groupRefreshSeconds"_s, u"1"_s);
        QVERIFY(server->addUser(u"owner"_s, u"owner-pw"_s));
        QVERIFY(server->start());
    }

    void cleanup()
    {
        if (QTest::currentTestFailed() && server)
            qWarning().noquote() << "server output:\n" << server->output().right(6000);
        server.reset();
        // The directory as it was: the group goes, bob's memberOf with it.
        QVERIFY(ldap(u"ldapdelete"_s, {}, {groupDn()}));
    }

    // PROTOCOL.md 7: a user who joins a group (here in LDAP) while connected
    // receives the copies live, and a revoke when leaving it; a token login
    // afterwards gets the groups LDAP gives now, not those in the token.
    void ldap_group_joined_while_connected_brings_the_list_live()
    {
        SyncClient owner(server->device(u"owner-laptop"_s, u"owner"_s, u"owner-pw"_s));
        auto bob =
            std::make_unique<SyncClient>(server->device(u"bob-phone"_s, u"bob"_s, u"bobpw"_s));
        QVERIFY(live(owner));
        QVERIFY(live(*bob));
        const QString token = bob->token();
        QVERIFY(!token.isEmpty());
        QCOMPARE(groupsOf(bob->welcome()), QStringList{u"family"_s});

        owner.dispatch(u"plan"_s, {{u"title"_s, u"Plan"_s}}, under(u"list"_s));
        owner.dispatch(u"plan-item"_s, {{u"name"_s, u"x"_s}}, under(u"item"_s, u"plan"_s));
        QVERIFY(drained(owner));
        QVERIFY(share(owner, u"plan"_s, {u"group:"_s + m_group}));
        QVERIFY(settled(*bob));
        QVERIFY(!bob->object(u"plan"_s).has_value());

        // Joined in LDAP: the copies arrive live, no reconnect.
        bob->clearReceived();
        QVERIFY(member(u"add"_s, u"bob"_s));
        QTRY_VERIFY_WITH_TIMEOUT(bob->object(u"plan-item"_s).has_value(), kLiveTimeout);
        QVERIFY(bob->object(u"plan"_s).has_value());
        QCOMPARE(bob->state(), SyncClient::State::Live);
        QTRY_VERIFY_WITH_TIMEOUT(server->output().contains(u"LDAP groups read again"_s), kTimeout);
        // Broadcasts reach him through the group from now on.
        owner.dispatch(u"plan-item"_s, {{u"name"_s, u"y"_s}});
        QTRY_COMPARE_WITH_TIMEOUT(bob->object(u"plan-item"_s)->props.value(u"name"_s).toString(),
                                  u"y"_s, kTimeout);

        // Left in LDAP: revoked live.
        bob->clearReceived();
        QVERIFY(member(u"delete"_s, u"bob"_s));
        QTRY_COMPARE_WITH_TIMEOUT(oidsIn(bob->received(), u"revoke"_s),
                                  (QSet<QString>{u"plan"_s, u"plan-item"_s}), kLiveTimeout);
        QVERIFY(!bob->object(u"plan"_s).has_value());
        QCOMPARE(bob->state(), SyncClient::State::Live);
        owner.dispatch(u"plan-item"_s, {{u"name"_s, u"z"_s}});
        QVERIFY(drained(owner));
        QVERIFY(settled(*bob));
        QVERIFY(!oidsIn(bob->received(), u"dispatch"_s).contains(u"plan-item"_s));

        // Joined again, then the device comes back with the token of its
        // first login, which says only "family": the server knows better.
        QVERIFY(member(u"add"_s, u"bob"_s));
        QTRY_VERIFY_WITH_TIMEOUT(bob->object(u"plan"_s).has_value(), kLiveTimeout);
        QVERIFY(offline(*bob));
        bob.reset();
        client::SyncClientOptions options = server->device(u"bob-phone"_s, {}, {});
        options.auth = client::ClientAuth::withToken(token);
        options.since = 0; // a full catch-up, read with the groups of this login
        SyncClient again(options);
        QVERIFY(live(again));
        QCOMPARE(again.welcome().value(u"uuid"_s).toString(), u"bob"_s);
        QCOMPARE(groupsOf(again.welcome()), (QStringList{u"family"_s, m_group}));
        QVERIFY(again.object(u"plan"_s).has_value());
        QVERIFY(again.object(u"plan-item"_s).has_value());
    }
};

QTEST_GUILESS_MAIN(LdapRefreshTest)
#include "tst_ldap_refresh.moc"
