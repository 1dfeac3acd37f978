// LdapProvider and AuthService against the private slapd of
// tests/fixtures/slapd (users alice, bob, carol, "comma,user"; groups admins,
// family, operators).

#include "auth/authservice.h"
#include "auth/ldapescape.h"
#include "auth/ldapprovider.h"
#include "auth/tokenissuer.h"
#include "authtesthelpers.h"
#include "fakestorage.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <atomic>

using namespace Qt::StringLiterals;
using namespace seneschal;
using auth::GroupLookup;
using auth::LdapConfig;
using auth::LdapEscape;
using auth::LdapGroupReader;
using auth::LdapProvider;
using auth::ProviderResult;
using Outcome = auth::ProviderResult::Outcome;
using protocol::ErrorCode;
using test::loginAndWait;
using test::passwordCredentials;
using test::tokenCredentials;

namespace {

const char *const kInjection = "*)(uid=*))(|(uid=*";

QString env(const char *name)
{
    return qEnvironmentVariable(name);
}

const char *describe(const ProviderResult &r)
{
    static QByteArray text;
    text = (u"outcome %1 uuid '%2' groups [%3]: %4"_s.arg(int(r.outcome))
                .arg(r.uuid, r.groups.join(u','), r.message))
               .toUtf8();
    return text.constData();
}

const char *describe(const GroupLookup &l)
{
    static QByteArray text;
    text = (u"outcome %1 groups [%2]: %3"_s.arg(int(l.outcome)).arg(l.groups.join(u','), l.message))
               .toUtf8();
    return text.constData();
}

// Runs one group refresh and waits for its answer.
std::optional<auth::GroupRefresh> refreshAndWait(auth::AuthService &service,
                                                 const QStringList &uuids)
{
    QObject context;
    std::optional<auth::GroupRefresh> out;
    service.refreshLdapGroups(uuids, &context,
                              [&](const auth::GroupRefresh &refresh) { out = refresh; });
    static_cast<void>(QTest::qWaitFor([&] { return out.has_value(); }, 20000));
    return out;
}

} // namespace

Q_DECLARE_METATYPE(seneschal::auth::LdapConfig)

class TestLdap : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();

    void dn_template_login_succeeds();
    void search_then_bind_login_succeeds();
    void groups_come_from_memberof();
    void groups_come_from_a_group_search_of_groupofnames_and_posixgroup();
    void auth_service_maps_groups_and_admin_role();
    void user_name_needing_dn_escaping_logs_in_with_a_dn_template();
    void filter_injection_in_the_user_name_fails_data();
    void filter_injection_in_the_user_name_fails();
    void wildcard_user_name_fails();
    void empty_password_fails_although_slapd_allows_unauthenticated_binds();
    void wrong_password_fails();
    void unknown_user_fails();
    void starttls_with_the_test_ca_works();
    void starttls_with_another_ca_is_refused();
    void ldaps_with_the_test_ca_works();
    void ldap_stopped_gives_a_clear_error_quickly_while_token_login_succeeds();

    void groups_of_a_uuid_are_read_without_a_password_data();
    void groups_of_a_uuid_are_read_without_a_password();
    void an_unknown_uuid_is_not_an_ldap_user();
    void an_injection_looking_uuid_finds_nothing_data();
    void an_injection_looking_uuid_finds_nothing();
    void a_uuid_attribute_other_than_the_login_name_is_searched_by();
    void one_reader_reads_many_uuids_over_one_connection();
    void a_token_login_uses_ldap_groups_learnt_after_the_token_was_issued();

    void escaping_of_dn_values_follows_rfc4514();
    void escaping_of_filter_values_follows_rfc4515();

private:
    LdapConfig directConfig() const;
    LdapConfig searchConfig() const;

    QString m_url;
    QString m_ldapsUrl;
    QString m_ca;
    QString m_base;
};

void TestLdap::initTestCase()
{
    m_url = env("SENESCHAL_LDAP_URL");
    m_ldapsUrl = env("SENESCHAL_LDAPS_URL");
    m_ca = env("SENESCHAL_LDAP_CA");
    m_base = env("SENESCHAL_LDAP_BASE");
    if (m_url.isEmpty())
        QSKIP("needs the slapd fixture (run through ctest)");
}

LdapConfig TestLdap::directConfig() const
{
    LdapConfig c;
    c.url = m_url;
    c.bindDnTemplate = u"uid=%u,ou=people,"_s + m_base;
    c.networkTimeoutMs = 2000;
    c.operationTimeoutMs = 3000;
    return c;
}

LdapConfig TestLdap::searchConfig() const
{
    LdapConfig c;
    c.url = m_url;
    c.serviceDn = u"cn=reader,ou=services,"_s + m_base;
    c.servicePassword = u"readerpw"_s;
    c.searchBaseDn = u"ou=people,"_s + m_base;
    c.userFilter = u"(&(objectClass=inetOrgPerson)(uid=%u))"_s;
    c.networkTimeoutMs = 2000;
    c.operationTimeoutMs = 3000;
    return c;
}

void TestLdap::dn_template_login_succeeds()
{
    LdapProvider provider(directConfig());
    const ProviderResult r = provider.authenticate(u"bob"_s, u"bobpw"_s);
    QVERIFY2(r.outcome == Outcome::Accepted, describe(r));
    QCOMPARE(r.uuid, u"bob"_s);
}

void TestLdap::search_then_bind_login_succeeds()
{
    LdapProvider provider(searchConfig());
    const ProviderResult r = provider.authenticate(u"carol"_s, u"carolpw"_s);
    QVERIFY2(r.outcome == Outcome::Accepted, describe(r));
    QCOMPARE(r.uuid, u"carol"_s);
}

void TestLdap::groups_come_from_memberof()
{
    LdapProvider provider(directConfig());
    const ProviderResult alice = provider.authenticate(u"alice"_s, u"alicepw"_s);
    QVERIFY2(alice.outcome == Outcome::Accepted, describe(alice));
    QCOMPARE(alice.groups, QStringList{u"admins"_s});
    const ProviderResult bob = provider.authenticate(u"bob"_s, u"bobpw"_s);
    QCOMPARE(bob.groups, QStringList{u"family"_s});
}

void TestLdap::groups_come_from_a_group_search_of_groupofnames_and_posixgroup()
{
    LdapConfig c = searchConfig();
    c.memberOfAttribute.clear();
    c.groupBaseDn = u"ou=groups,"_s + m_base;
    LdapProvider provider(c);
    const ProviderResult alice = provider.authenticate(u"alice"_s, u"alicepw"_s);
    QVERIFY2(alice.outcome == Outcome::Accepted, describe(alice));
    QCOMPARE(alice.groups, (QStringList{u"admins"_s, u"operators"_s}));
    const ProviderResult bob = provider.authenticate(u"bob"_s, u"bobpw"_s);
    QCOMPARE(bob.groups, (QStringList{u"family"_s, u"operators"_s}));
    const ProviderResult carol = provider.authenticate(u"carol"_s, u"carolpw"_s);
    QCOMPARE(carol.groups, QStringList{u"family"_s});
}

void TestLdap::auth_service_maps_groups_and_admin_role()
{
    auto db = std::make_shared<test::FakeUserDatabase>();
    db->groups[u"beta-testers"_s] = {u"bob"_s}; // a local group for an LDAP user
    auth::AuthConfig config;
    config.providers = {u"ldap"_s, u"local"_s};
    config.ldap = searchConfig();
    config.ldap.groupBaseDn = u"ou=groups,"_s + m_base;
    auth::AuthService service(config, QByteArray(64, 'k'),
                              [db] { return std::make_unique<test::FakeStorage>(db); });

    const auto alice = loginAndWait(service, passwordCredentials(u"alice"_s, u"alicepw"_s));
    QVERIFY(alice);
    QVERIFY2(alice->result.ok, qPrintable(alice->result.error.message));
    QCOMPARE(alice->result.identity.uuid, u"alice"_s);
    QCOMPARE(alice->result.identity.groups, (QStringList{u"admins"_s, u"operators"_s}));
    QVERIFY(alice->result.identity.admin);

    const auto bob = loginAndWait(service, passwordCredentials(u"bob"_s, u"bobpw"_s));
    QVERIFY(bob && bob->result.ok);
    QCOMPARE(bob->result.identity.groups,
             (QStringList{u"beta-testers"_s, u"family"_s, u"operators"_s}));
    QVERIFY(!bob->result.identity.admin);

    // LDAP groups travel in the token, so a token login knows them too
    const auto again = loginAndWait(service, tokenCredentials(alice->result.token));
    QVERIFY(again && again->result.ok);
    QVERIFY(again->result.identity.admin);
    QCOMPARE(again->result.identity.groups, alice->result.identity.groups);

    // and an LDAP user got a local record, so it can be disabled
    QVERIFY(db->users.contains(u"alice"_s));
    QVERIFY(db->users[u"alice"_s].passwordHash.isEmpty());
}

void TestLdap::user_name_needing_dn_escaping_logs_in_with_a_dn_template()
{
    LdapProvider provider(directConfig());
    const ProviderResult r = provider.authenticate(u"comma,user"_s, u"commapw"_s);
    QVERIFY2(r.outcome == Outcome::Accepted, describe(r));
    QCOMPARE(r.uuid, u"comma,user"_s);
    LdapProvider search(searchConfig());
    QVERIFY(search.authenticate(u"comma,user"_s, u"commapw"_s).outcome == Outcome::Accepted);
}

void TestLdap::filter_injection_in_the_user_name_fails_data()
{
    QTest::addColumn<QString>("username");
    QTest::addColumn<QString>("password");
    QTest::newRow("injection, alice's password") << QString::fromLatin1(kInjection) << u"alicepw"_s;
    QTest::newRow("injection, any password") << QString::fromLatin1(kInjection) << u"x"_s;
    QTest::newRow("close and or") << u"alice)(|(uid=*"_s << u"alicepw"_s;
    QTest::newRow("nul byte") << u"alice\u0000"_s << u"alicepw"_s;
    QTest::newRow("dn injection") << u"alice,ou=people,dc=example,dc=test"_s << u"alicepw"_s;
}

void TestLdap::filter_injection_in_the_user_name_fails()
{
    QFETCH(QString, username);
    QFETCH(QString, password);
    LdapProvider search(searchConfig());
    ProviderResult r = search.authenticate(username, password);
    QVERIFY2(r.outcome == Outcome::Rejected, describe(r));
    LdapProvider direct(directConfig());
    r = direct.authenticate(username, password);
    QVERIFY2(r.outcome == Outcome::Rejected, describe(r));
}

void TestLdap::wildcard_user_name_fails()
{
    LdapProvider search(searchConfig());
    for (const QString &name : {u"*"_s, u"a*"_s, u"*e"_s}) {
        const ProviderResult r = search.authenticate(name, u"alicepw"_s);
        QVERIFY2(r.outcome == Outcome::Rejected, describe(r));
        QVERIFY(r.message.contains(u"no such user"_s));
    }
}

void TestLdap::empty_password_fails_although_slapd_allows_unauthenticated_binds()
{
    // The danger is real: this slapd (like many directories) answers an
    // unauthenticated bind - a DN with an empty password - with success.
    QProcess whoami;
    whoami.start(u"ldapwhoami"_s, {u"-x"_s, u"-H"_s, m_url, u"-D"_s,
                                   u"uid=alice,ou=people,"_s + m_base, u"-w"_s, QString()});
    QVERIFY(whoami.waitForFinished(10000));
    QCOMPARE(whoami.exitCode(), 0);

    LdapProvider direct(directConfig());
    QVERIFY(direct.authenticate(u"alice"_s, QString()).outcome == Outcome::Rejected);
    LdapProvider search(searchConfig());
    QVERIFY(search.authenticate(u"alice"_s, QString()).outcome == Outcome::Rejected);

    auth::AuthConfig config;
    config.providers = {u"ldap"_s};
    config.ldap = directConfig();
    auto db = std::make_shared<test::FakeUserDatabase>();
    auth::AuthService service(config, QByteArray(64, 'k'),
                              [db] { return std::make_unique<test::FakeStorage>(db); });
    const auto outcome = loginAndWait(service, passwordCredentials(u"alice"_s, QString()));
    QVERIFY(outcome && !outcome->result.ok);
    QCOMPARE(outcome->result.error.code, ErrorCode::AuthFailed);
}

void TestLdap::wrong_password_fails()
{
    LdapProvider direct(directConfig());
    ProviderResult r = direct.authenticate(u"alice"_s, u"bobpw"_s);
    QVERIFY2(r.outcome == Outcome::Rejected, describe(r));
    LdapProvider search(searchConfig());
    r = search.authenticate(u"alice"_s, u"alicepw "_s);
    QVERIFY2(r.outcome == Outcome::Rejected, describe(r));
}

void TestLdap::unknown_user_fails()
{
    LdapProvider direct(directConfig());
    QVERIFY(direct.authenticate(u"mallory"_s, u"x"_s).outcome == Outcome::Rejected);
    LdapProvider search(searchConfig());
    QVERIFY(search.authenticate(u"mallory"_s, u"x"_s).outcome == Outcome::Rejected);
}

void TestLdap::starttls_with_the_test_ca_works()
{
    LdapConfig c = searchConfig();
    c.startTls = true;
    c.caFile = m_ca;
    LdapProvider provider(c);
    const ProviderResult r = provider.authenticate(u"alice"_s, u"alicepw"_s);
    QVERIFY2(r.outcome == Outcome::Accepted, describe(r));
}

void TestLdap::starttls_with_another_ca_is_refused()
{
    // A CA that did not sign the server's certificate: TLS must fail and the
    // password must not be sent in clear instead.
    QTemporaryDir dir;
    QProcess openssl;
    openssl.start(u"openssl"_s, {u"req"_s, u"-x509"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s,
                                 u"ec_paramgen_curve:P-256"_s, u"-nodes"_s, u"-keyout"_s,
                                 dir.filePath(u"k.pem"_s), u"-out"_s, dir.filePath(u"ca.pem"_s),
                                 u"-days"_s, u"1"_s, u"-subj"_s, u"/CN=Someone else"_s});
    QVERIFY(openssl.waitForFinished(30000));
    QCOMPARE(openssl.exitCode(), 0);
    for (const bool ldaps : {false, true}) {
        LdapConfig c = searchConfig();
        c.url = ldaps ? m_ldapsUrl : m_url;
        c.startTls = !ldaps;
        c.caFile = dir.filePath(u"ca.pem"_s);
        LdapProvider provider(c);
        const ProviderResult r = provider.authenticate(u"alice"_s, u"alicepw"_s);
        QVERIFY2(r.outcome == Outcome::Unavailable, describe(r));
    }
}

void TestLdap::ldaps_with_the_test_ca_works()
{
    LdapConfig c = directConfig();
    c.url = m_ldapsUrl;
    c.caFile = m_ca;
    LdapProvider provider(c);
    const ProviderResult r = provider.authenticate(u"alice"_s, u"alicepw"_s);
    QVERIFY2(r.outcome == Outcome::Accepted, describe(r));
    QCOMPARE(r.groups, QStringList{u"admins"_s});
}

void TestLdap::ldap_stopped_gives_a_clear_error_quickly_while_token_login_succeeds()
{
    // A slapd of this test's own, so stopping it disturbs no other test.
    const QString scripts = env("SENESCHAL_SLAPD_SCRIPTS");
    if (scripts.isEmpty())
        QSKIP("SENESCHAL_SLAPD_SCRIPTS not set");
    QTemporaryDir dir;
    const QString dataDir = dir.filePath(u"slapd"_s);
    const QString port = u"13390"_s;
    QProcess start;
    start.setProcessChannelMode(QProcess::ForwardedChannels);
    start.start(u"sh"_s, {scripts + u"/start.sh"_s, dataDir, port, u"13637"_s});
    QVERIFY(start.waitForFinished(60000));
    QCOMPARE(start.exitCode(), 0);
    auto stop = [&] { QProcess::execute(u"sh"_s, {scripts + u"/stop.sh"_s, dataDir}); };
    struct Guard
    {
        std::function<void()> f;
        ~Guard() { f(); }
    } guard{stop};

    auth::AuthConfig config;
    config.providers = {u"ldap"_s, u"local"_s};
    config.ldap = directConfig();
    config.ldap.url = u"ldap://127.0.0.1:"_s + port;
    auto db = std::make_shared<test::FakeUserDatabase>();
    auth::AuthService service(config, QByteArray(64, 'k'),
                              [db] { return std::make_unique<test::FakeStorage>(db); });

    const auto first = loginAndWait(service, passwordCredentials(u"alice"_s, u"alicepw"_s));
    QVERIFY(first);
    QVERIFY2(first->result.ok, qPrintable(first->result.error.message));

    stop();

    QElapsedTimer timer;
    timer.start();
    const auto down = loginAndWait(service, passwordCredentials(u"bob"_s, u"bobpw"_s));
    QVERIFY(down && !down->result.ok);
    QCOMPARE(down->result.error.code, ErrorCode::Unavailable);
    QVERIFY2(down->result.error.message.contains(u"directory unreachable"_s),
             qPrintable(down->result.error.message));
    QVERIFY2(timer.elapsed() < 3000, qPrintable(QString::number(timer.elapsed())));

    // A group refresh meanwhile reads nobody and changes nothing.
    timer.restart();
    const auto refresh = refreshAndWait(service, {u"alice"_s, u"bob"_s, u"carol"_s});
    QVERIFY(refresh);
    QCOMPARE(refresh->unavailable, 3);
    QVERIFY(refresh->groups.isEmpty());
    QCOMPARE(refresh->notFound, 0);
    QVERIFY2(timer.elapsed() < 3000, qPrintable(QString::number(timer.elapsed())));

    const auto token = loginAndWait(service, tokenCredentials(first->result.token));
    QVERIFY(token);
    QVERIFY2(token->result.ok, qPrintable(token->result.error.message));
    QCOMPARE(token->result.identity.uuid, u"alice"_s);
    QVERIFY(token->result.identity.admin);
}

void TestLdap::groups_of_a_uuid_are_read_without_a_password_data()
{
    QTest::addColumn<LdapConfig>("config");
    QTest::addColumn<QStringList>("bob");
    QTest::addColumn<QStringList>("alice");
    LdapConfig groupSearch = searchConfig();
    groupSearch.groupBaseDn = u"ou=groups,"_s + m_base;
    LdapConfig anonymous = searchConfig();
    anonymous.serviceDn.clear();
    anonymous.servicePassword.clear();
    LdapConfig directGroupSearch = directConfig();
    directGroupSearch.memberOfAttribute.clear();
    directGroupSearch.groupBaseDn = u"ou=groups,"_s + m_base;
    QTest::newRow("dn template, memberOf")
        << directConfig() << QStringList{u"family"_s} << QStringList{u"admins"_s};
    QTest::newRow("dn template, group search only")
        << directGroupSearch << QStringList{u"family"_s, u"operators"_s}
        << QStringList{u"admins"_s, u"operators"_s};
    QTest::newRow("search as the service account")
        << searchConfig() << QStringList{u"family"_s} << QStringList{u"admins"_s};
    QTest::newRow("search anonymously")
        << anonymous << QStringList{u"family"_s} << QStringList{u"admins"_s};
    QTest::newRow("search, memberOf and group search")
        << groupSearch << QStringList{u"family"_s, u"operators"_s}
        << QStringList{u"admins"_s, u"operators"_s};
}

void TestLdap::groups_of_a_uuid_are_read_without_a_password()
{
    QFETCH(LdapConfig, config);
    QFETCH(QStringList, bob);
    QFETCH(QStringList, alice);
    LdapProvider provider(config);
    GroupLookup l = provider.groupsOf(u"bob"_s);
    QVERIFY2(l.outcome == GroupLookup::Outcome::Found, describe(l));
    QCOMPARE(l.groups, bob);
    l = provider.groupsOf(u"alice"_s);
    QVERIFY2(l.outcome == GroupLookup::Outcome::Found, describe(l));
    QCOMPARE(l.groups, alice);
    // a uuid needing DN escaping is found too
    l = provider.groupsOf(u"comma,user"_s);
    QVERIFY2(l.outcome == GroupLookup::Outcome::Found, describe(l));
}

void TestLdap::an_unknown_uuid_is_not_an_ldap_user()
{
    for (const LdapConfig &c : {directConfig(), searchConfig()}) {
        const GroupLookup l = LdapProvider(c).groupsOf(u"mallory"_s);
        QVERIFY2(l.outcome == GroupLookup::Outcome::NotFound, describe(l));
        QVERIFY(l.groups.isEmpty());
        QVERIFY(LdapProvider(c).groupsOf(QString()).outcome == GroupLookup::Outcome::NotFound);
    }
}

void TestLdap::an_injection_looking_uuid_finds_nothing_data()
{
    QTest::addColumn<QString>("uuid");
    QTest::newRow("filter injection") << QString::fromLatin1(kInjection);
    QTest::newRow("close and or") << u"alice)(|(uid=*"_s;
    QTest::newRow("wildcard") << u"*"_s;
    QTest::newRow("prefix wildcard") << u"a*"_s;
    QTest::newRow("nul byte") << u"alice\u0000"_s;
    QTest::newRow("dn injection") << u"alice,ou=people,dc=example,dc=test"_s;
    QTest::newRow("dn injection, other attribute") << u"x+cn=alice"_s;
}

void TestLdap::an_injection_looking_uuid_finds_nothing()
{
    QFETCH(QString, uuid);
    LdapConfig groupSearch = searchConfig();
    groupSearch.groupBaseDn = u"ou=groups,"_s + m_base;
    for (const LdapConfig &c : {directConfig(), searchConfig(), groupSearch}) {
        const GroupLookup l = LdapProvider(c).groupsOf(uuid);
        QVERIFY2(l.outcome == GroupLookup::Outcome::NotFound, describe(l));
        QVERIFY(l.groups.isEmpty());
    }
}

void TestLdap::a_uuid_attribute_other_than_the_login_name_is_searched_by()
{
    // uidNumber as the uuid: found by search; a DN template (which takes
    // login names) does not mistake a login name for the uuid.
    LdapConfig search = searchConfig();
    search.uuidAttribute = u"uidNumber"_s;
    LdapProvider provider(search);
    const ProviderResult login = provider.authenticate(u"bob"_s, u"bobpw"_s);
    QVERIFY2(login.outcome == Outcome::Accepted, describe(login));
    QVERIFY(login.uuid != u"bob"_s);
    GroupLookup l = provider.groupsOf(login.uuid);
    QVERIFY2(l.outcome == GroupLookup::Outcome::Found, describe(l));
    QCOMPARE(l.groups, login.groups);
    QVERIFY(provider.groupsOf(u"bob"_s).outcome == GroupLookup::Outcome::NotFound);

    LdapConfig direct = directConfig();
    direct.uuidAttribute = u"uidNumber"_s;
    l = LdapProvider(direct).groupsOf(u"bob"_s);
    QVERIFY2(l.outcome == GroupLookup::Outcome::NotFound, describe(l));
}

void TestLdap::one_reader_reads_many_uuids_over_one_connection()
{
    LdapConfig c = searchConfig();
    c.groupBaseDn = u"ou=groups,"_s + m_base;
    LdapGroupReader reader(c);
    const QStringList uuids{u"alice"_s, u"mallory"_s, u"bob"_s, u"carol"_s, u"bob"_s};
    QList<GroupLookup::Outcome> outcomes;
    for (const QString &uuid : uuids)
        outcomes << reader.groupsOf(uuid).outcome;
    using O = GroupLookup::Outcome;
    QCOMPARE(outcomes, (QList<O>{O::Found, O::NotFound, O::Found, O::Found, O::Found}));
    QCOMPARE(reader.groupsOf(u"carol"_s).groups, QStringList{u"family"_s});

    // A wrong service password: every lookup is unavailable, none is "not found".
    c.servicePassword = u"wrong"_s;
    LdapGroupReader refused(c);
    for (const QString &uuid : uuids) {
        const GroupLookup l = refused.groupsOf(uuid);
        QVERIFY2(l.outcome == O::Unavailable, describe(l));
    }
    // And a directory that is not there.
    c = directConfig();
    c.url = u"ldap://127.0.0.1:1"_s;
    LdapGroupReader nowhere(c);
    QElapsedTimer timer;
    timer.start();
    for (const QString &uuid : uuids) {
        const GroupLookup l = nowhere.groupsOf(uuid);
        QVERIFY2(l.outcome == O::Unavailable, describe(l));
    }
    QVERIFY2(timer.elapsed() < 3000, qPrintable(QString::number(timer.elapsed())));
}

void TestLdap::a_token_login_uses_ldap_groups_learnt_after_the_token_was_issued()
{
    auto now = std::make_shared<std::atomic<qint64>>(1'700'000'000'000);
    const auth::Clock clock = [now] { return now->load(); };
    const QByteArray secret(64, 'k');
    auto db = std::make_shared<test::FakeUserDatabase>();
    storage::UserRecord bob;
    bob.uuid = u"bob"_s;
    db->users.insert(bob.uuid, bob);
    auth::AuthConfig config;
    config.providers = {u"ldap"_s};
    config.ldap = searchConfig();
    config.ldap.groupBaseDn = u"ou=groups,"_s + m_base;
    auth::AuthService service(
        config, secret, [db] { return std::make_unique<test::FakeStorage>(db); }, clock);
    // A token of bob's from before he was in family or operators.
    const auth::TokenIssuer issuer(secret, config.tokenIssuer, config.tokenLifetimeSeconds, clock);
    const auto old = issuer.issue(u"bob"_s, u"dev-1"_s, 0, {u"former"_s});
    QVERIFY(old);

    auto login = loginAndWait(service, tokenCredentials(old->token));
    QVERIFY(login && login->result.ok);
    QCOMPARE(login->result.identity.providerGroups, QStringList{u"former"_s});

    *now += 60'000;
    const auto refresh = refreshAndWait(service, {u"bob"_s, u"mallory"_s, u"alice"_s});
    QVERIFY(refresh);
    QCOMPARE(refresh->groups.size(), qsizetype(2));
    QCOMPARE(refresh->groups.value(u"bob"_s), (QStringList{u"family"_s, u"operators"_s}));
    QCOMPARE(refresh->groups.value(u"alice"_s), (QStringList{u"admins"_s, u"operators"_s}));
    QCOMPARE(refresh->notFound, 1);
    QCOMPARE(refresh->unavailable, 0);

    // The same token now logs in with what LDAP said.
    login = loginAndWait(service, tokenCredentials(old->token));
    QVERIFY(login && login->result.ok);
    QCOMPARE(login->result.identity.providerGroups, (QStringList{u"family"_s, u"operators"_s}));
    QCOMPARE(login->result.identity.groups, (QStringList{u"family"_s, u"operators"_s}));

    // A token issued after that knowledge keeps its own claims.
    *now += 60'000;
    const auto newer = issuer.issue(u"bob"_s, u"dev-1"_s, 0, {u"family"_s});
    QVERIFY(newer);
    login = loginAndWait(service, tokenCredentials(newer->token));
    QVERIFY(login && login->result.ok);
    QCOMPARE(login->result.identity.providerGroups, QStringList{u"family"_s});

    // A password login through LDAP is knowledge too.
    *now += 60'000;
    login = loginAndWait(service, passwordCredentials(u"bob"_s, u"bobpw"_s));
    QVERIFY(login && login->result.ok);
    login = loginAndWait(service, tokenCredentials(newer->token));
    QVERIFY(login && login->result.ok);
    QCOMPARE(login->result.identity.providerGroups, (QStringList{u"family"_s, u"operators"_s}));
}

void TestLdap::escaping_of_dn_values_follows_rfc4514()
{
    QCOMPARE(LdapEscape::dnValue(u"alice"_s), u"alice"_s);
    QCOMPARE(LdapEscape::dnValue(u"a,b+c\"d\\e<f>g;h=i"_s),
             u"a\\,b\\+c\\\"d\\\\e\\<f\\>g\\;h\\=i"_s);
    QCOMPARE(LdapEscape::dnValue(u" #lead"_s), u"\\ #lead"_s);
    QCOMPARE(LdapEscape::dnValue(u"#lead"_s), u"\\#lead"_s);
    QCOMPARE(LdapEscape::dnValue(u"trail "_s), u"trail\\ "_s);
    QCOMPARE(LdapEscape::dnValue(u"nul\u0000x"_s), u"nul\\00x"_s);
    QCOMPARE(LdapEscape::dnValue(u"caf\u00e9"_s), u"caf\u00e9"_s);
}

void TestLdap::escaping_of_filter_values_follows_rfc4515()
{
    QCOMPARE(LdapEscape::filterValue(QString::fromLatin1(kInjection)),
             u"\\2a\\29\\28uid=\\2a\\29\\29\\28|\\28uid=\\2a"_s);
    QCOMPARE(LdapEscape::filterValue(u"a\\b"_s), u"a\\5cb"_s);
    QCOMPARE(LdapEscape::filterValue(u"nul\u0000"_s), u"nul\\00"_s);
    QCOMPARE(
        LdapEscape::substitute(u"(&(uid=%u)(x=%%u)(m=%d))"_s, {{u'u', u"%d"_s}, {u'd', u"D"_s}}),
        u"(&(uid=%d)(x=%u)(m=D))"_s);
}

QTEST_GUILESS_MAIN(TestLdap)
#include "tst_ldap.moc"
