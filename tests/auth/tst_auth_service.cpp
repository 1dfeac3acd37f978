// AuthService with the local provider and the server's own tokens, over an
// in-memory storage: logins, groups and admin, token logins and their
// revocation, threading, and brute-force throttling.

#include "auth/authservice.h"
#include "auth/passwordhasher.h"
#include "authtesthelpers.h"
#include "fakestorage.h"

#include <QTest>
#include <atomic>
#include <memory>

using namespace Qt::StringLiterals;
using namespace seneschal;
using auth::AuthConfig;
using auth::AuthService;
using protocol::ErrorCode;
using test::loginAndWait;
using test::passwordCredentials;
using test::tokenCredentials;

namespace {
const QByteArray kSecret(64, 's');
} // namespace

class TestAuthService : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();

    void local_login_returns_identity_and_token();
    void local_groups_and_admin_group_are_mapped();
    void wrong_password_is_auth_failed();
    void unknown_user_is_auth_failed();
    void empty_password_is_auth_failed();
    void disabled_user_cannot_log_in();
    void storage_down_is_unavailable_and_recovers();
    void answer_arrives_on_the_callers_thread();
    void answer_is_dropped_when_the_context_is_gone();

    void token_login_returns_identity_and_the_same_token();
    void token_login_sees_current_local_groups();
    void token_for_another_cuid_is_auth_failed();
    void password_change_revokes_old_tokens();
    void disabling_revokes_old_tokens();
    void token_of_deleted_user_is_refused();
    void token_expires();
    void garbage_token_is_auth_failed();

    void brute_force_is_slowed_then_rate_limited_while_another_user_logs_in();
    void pending_delayed_login_is_answered_at_shutdown();

private:
    std::unique_ptr<AuthService> makeService(AuthConfig config = {});
    void addUser(const QString &uuid, const QString &password);

    std::shared_ptr<test::FakeUserDatabase> m_db;
    std::atomic<qint64> m_now{1764054000000};
};

void TestAuthService::init()
{
    m_db = std::make_shared<test::FakeUserDatabase>();
    m_now = 1764054000000;
}

std::unique_ptr<AuthService> TestAuthService::makeService(AuthConfig config)
{
    config.providers = {u"local"_s};
    auto db = m_db;
    return std::make_unique<AuthService>(
        config, kSecret, [db] { return std::make_unique<test::FakeStorage>(db); },
        [this] { return m_now.load(); });
}

void TestAuthService::addUser(const QString &uuid, const QString &password)
{
    storage::UserRecord r;
    r.uuid = uuid;
    r.passwordHash = auth::PasswordHasher({1024, 8, 1}).hash(password);
    QMutexLocker lock(&m_db->mutex);
    m_db->users.insert(uuid, r);
}

void TestAuthService::local_login_returns_identity_and_token()
{
    addUser(u"alice"_s, u"alicepw"_s);
    auto service = makeService();
    const auto outcome = loginAndWait(*service, passwordCredentials(u"alice"_s, u"alicepw"_s));
    QVERIFY(outcome);
    QVERIFY2(outcome->result.ok, qPrintable(outcome->result.error.message));
    QCOMPARE(outcome->result.identity.uuid, u"alice"_s);
    QVERIFY(!outcome->result.identity.admin);
    QVERIFY(!outcome->result.token.isEmpty());
    QCOMPARE(outcome->result.tokenExpiresMs, m_now + 30LL * 24 * 3600 * 1000);
}

void TestAuthService::local_groups_and_admin_group_are_mapped()
{
    addUser(u"alice"_s, u"alicepw"_s);
    addUser(u"bob"_s, u"bobpw"_s);
    m_db->groups[u"admins"_s] = {u"alice"_s};
    m_db->groups[u"family"_s] = {u"alice"_s, u"bob"_s};
    auto service = makeService();
    const auto alice = loginAndWait(*service, passwordCredentials(u"alice"_s, u"alicepw"_s));
    QVERIFY(alice && alice->result.ok);
    QCOMPARE(alice->result.identity.groups, (QStringList{u"admins"_s, u"family"_s}));
    QVERIFY(alice->result.identity.admin);
    const auto bob = loginAndWait(*service, passwordCredentials(u"bob"_s, u"bobpw"_s));
    QVERIFY(bob && bob->result.ok);
    QCOMPARE(bob->result.identity.groups, QStringList{u"family"_s});
    QVERIFY(!bob->result.identity.admin);
}

void TestAuthService::wrong_password_is_auth_failed()
{
    addUser(u"alice"_s, u"alicepw"_s);
    auto service = makeService();
    const auto outcome = loginAndWait(*service, passwordCredentials(u"alice"_s, u"wrong"_s));
    QVERIFY(outcome);
    QVERIFY(!outcome->result.ok);
    QCOMPARE(outcome->result.error.code, ErrorCode::AuthFailed);
    QVERIFY(outcome->result.token.isEmpty());
}

void TestAuthService::unknown_user_is_auth_failed()
{
    auto service = makeService();
    const auto outcome = loginAndWait(*service, passwordCredentials(u"mallory"_s, u"x"_s));
    QVERIFY(outcome && !outcome->result.ok);
    QCOMPARE(outcome->result.error.code, ErrorCode::AuthFailed);
    // the same words as for a wrong password: nothing tells names apart
    addUser(u"alice"_s, u"alicepw"_s);
    const auto wrong = loginAndWait(*service, passwordCredentials(u"alice"_s, u"x"_s));
    QCOMPARE(outcome->result.error.message, wrong->result.error.message);
}

void TestAuthService::empty_password_is_auth_failed()
{
    addUser(u"alice"_s, u"alicepw"_s);
    auto service = makeService();
    const auto outcome = loginAndWait(*service, passwordCredentials(u"alice"_s, QString()));
    QVERIFY(outcome && !outcome->result.ok);
    QCOMPARE(outcome->result.error.code, ErrorCode::AuthFailed);
}

void TestAuthService::disabled_user_cannot_log_in()
{
    addUser(u"alice"_s, u"alicepw"_s);
    m_db->users[u"alice"_s].disabled = true;
    auto service = makeService();
    const auto outcome = loginAndWait(*service, passwordCredentials(u"alice"_s, u"alicepw"_s));
    QVERIFY(outcome && !outcome->result.ok);
    QCOMPARE(outcome->result.error.code, ErrorCode::AuthFailed);
}

void TestAuthService::storage_down_is_unavailable_and_recovers()
{
    addUser(u"alice"_s, u"alicepw"_s);
    m_db->down = true;
    auto service = makeService();
    const auto down = loginAndWait(*service, passwordCredentials(u"alice"_s, u"alicepw"_s));
    QVERIFY(down && !down->result.ok);
    QCOMPARE(down->result.error.code, ErrorCode::Unavailable);
    {
        QMutexLocker lock(&m_db->mutex);
        m_db->down = false;
    }
    const auto up = loginAndWait(*service, passwordCredentials(u"alice"_s, u"alicepw"_s));
    QVERIFY(up && up->result.ok);
}

void TestAuthService::answer_arrives_on_the_callers_thread()
{
    addUser(u"alice"_s, u"alicepw"_s);
    auto service = makeService();
    const auto outcome = loginAndWait(*service, passwordCredentials(u"alice"_s, u"alicepw"_s));
    QVERIFY(outcome);
    QVERIFY(outcome->onCallerThread);
}

void TestAuthService::answer_is_dropped_when_the_context_is_gone()
{
    addUser(u"alice"_s, u"alicepw"_s);
    auto service = makeService();
    bool called = false;
    auto context = std::make_unique<QObject>();
    service->login(passwordCredentials(u"alice"_s, u"alicepw"_s), context.get(),
                   [&](const auth::LoginResult &) { called = true; });
    context.reset();
    // a second login proves the first one was processed meanwhile
    const auto later = loginAndWait(*service, passwordCredentials(u"alice"_s, u"alicepw"_s));
    QVERIFY(later && later->result.ok);
    QTest::qWait(50);
    QVERIFY(!called);
}

void TestAuthService::token_login_returns_identity_and_the_same_token()
{
    addUser(u"alice"_s, u"alicepw"_s);
    m_db->groups[u"admins"_s] = {u"alice"_s};
    auto service = makeService();
    const auto first = loginAndWait(*service, passwordCredentials(u"alice"_s, u"alicepw"_s));
    QVERIFY(first && first->result.ok);
    const auto again = loginAndWait(*service, tokenCredentials(first->result.token));
    QVERIFY(again);
    QVERIFY2(again->result.ok, qPrintable(again->result.error.message));
    QCOMPARE(again->result.identity.uuid, u"alice"_s);
    QVERIFY(again->result.identity.admin);
    QCOMPARE(again->result.token, first->result.token);
    QCOMPARE(again->result.tokenExpiresMs, first->result.tokenExpiresMs);
}

void TestAuthService::token_login_sees_current_local_groups()
{
    addUser(u"bob"_s, u"bobpw"_s);
    auto service = makeService();
    const auto first = loginAndWait(*service, passwordCredentials(u"bob"_s, u"bobpw"_s));
    QVERIFY(first && first->result.ok);
    QVERIFY(first->result.identity.groups.isEmpty());
    {
        QMutexLocker lock(&m_db->mutex);
        m_db->groups[u"family"_s] = {u"bob"_s};
    }
    const auto again = loginAndWait(*service, tokenCredentials(first->result.token));
    QVERIFY(again && again->result.ok);
    QCOMPARE(again->result.identity.groups, QStringList{u"family"_s});
}

void TestAuthService::token_for_another_cuid_is_auth_failed()
{
    addUser(u"alice"_s, u"alicepw"_s);
    auto service = makeService();
    const auto first =
        loginAndWait(*service, passwordCredentials(u"alice"_s, u"alicepw"_s, u"dev-1"_s));
    QVERIFY(first && first->result.ok);
    const auto other = loginAndWait(*service, tokenCredentials(first->result.token, u"dev-2"_s));
    QVERIFY(other && !other->result.ok);
    QCOMPARE(other->result.error.code, ErrorCode::AuthFailed);
}

void TestAuthService::password_change_revokes_old_tokens()
{
    addUser(u"alice"_s, u"alicepw"_s);
    auto service = makeService();
    const auto first = loginAndWait(*service, passwordCredentials(u"alice"_s, u"alicepw"_s));
    QVERIFY(first && first->result.ok);
    {
        test::FakeStorage admin(m_db);
        QVERIFY(admin.open());
        QVERIFY(
            admin.setPasswordHash(u"alice"_s, auth::PasswordHasher({1024, 8, 1}).hash(u"newpw"_s)));
    }
    const auto old = loginAndWait(*service, tokenCredentials(first->result.token));
    QVERIFY(old && !old->result.ok);
    QCOMPARE(old->result.error.code, ErrorCode::AuthFailed);
    const auto fresh = loginAndWait(*service, passwordCredentials(u"alice"_s, u"newpw"_s));
    QVERIFY(fresh && fresh->result.ok);
    const auto renewed = loginAndWait(*service, tokenCredentials(fresh->result.token));
    QVERIFY(renewed && renewed->result.ok);
}

void TestAuthService::disabling_revokes_old_tokens()
{
    addUser(u"alice"_s, u"alicepw"_s);
    auto service = makeService();
    const auto first = loginAndWait(*service, passwordCredentials(u"alice"_s, u"alicepw"_s));
    QVERIFY(first && first->result.ok);
    test::FakeStorage admin(m_db);
    QVERIFY(admin.open());
    QVERIFY(admin.setDisabled(u"alice"_s, true));
    const auto refused = loginAndWait(*service, tokenCredentials(first->result.token));
    QVERIFY(refused && !refused->result.ok);
    QCOMPARE(refused->result.error.code, ErrorCode::AuthFailed);
    // enabling again bumps the version once more: the old token stays dead
    QVERIFY(admin.setDisabled(u"alice"_s, false));
    const auto still = loginAndWait(*service, tokenCredentials(first->result.token));
    QVERIFY(still && !still->result.ok);
}

void TestAuthService::token_of_deleted_user_is_refused()
{
    addUser(u"alice"_s, u"alicepw"_s);
    auto service = makeService();
    const auto first = loginAndWait(*service, passwordCredentials(u"alice"_s, u"alicepw"_s));
    QVERIFY(first && first->result.ok);
    {
        QMutexLocker lock(&m_db->mutex);
        m_db->users.remove(u"alice"_s);
    }
    const auto refused = loginAndWait(*service, tokenCredentials(first->result.token));
    QVERIFY(refused && !refused->result.ok);
}

void TestAuthService::token_expires()
{
    addUser(u"alice"_s, u"alicepw"_s);
    AuthConfig config;
    config.tokenLifetimeSeconds = 3600;
    auto service = makeService(config);
    const auto first = loginAndWait(*service, passwordCredentials(u"alice"_s, u"alicepw"_s));
    QVERIFY(first && first->result.ok);
    m_now += 3600 * 1000;
    const auto expired = loginAndWait(*service, tokenCredentials(first->result.token));
    QVERIFY(expired && !expired->result.ok);
    QCOMPARE(expired->result.error.code, ErrorCode::AuthFailed);
}

void TestAuthService::garbage_token_is_auth_failed()
{
    auto service = makeService();
    for (const QString &token : {u""_s, u"x.y.z"_s, u"eyJhbGciOiJub25lIn0.e30."_s}) {
        const auto outcome = loginAndWait(*service, tokenCredentials(token));
        QVERIFY(outcome && !outcome->result.ok);
        QCOMPARE(outcome->result.error.code, ErrorCode::AuthFailed);
    }
}

void TestAuthService::brute_force_is_slowed_then_rate_limited_while_another_user_logs_in()
{
    addUser(u"alice"_s, u"alicepw"_s);
    addUser(u"bob"_s, u"bobpw"_s);
    AuthConfig config;
    config.rateLimit.baseDelayMs = 40; // the deployed shape, compressed in time
    config.rateLimit.maxDelayMs = 150;
    auto service = makeService(config);
    int slowed = 0;
    int limited = 0;
    for (int attempt = 0; attempt < 20; ++attempt) {
        const auto outcome = loginAndWait(*service, passwordCredentials(u"alice"_s, u"guess"_s));
        QVERIFY(outcome && !outcome->result.ok);
        if (outcome->result.error.code == ErrorCode::RateLimited) {
            ++limited;
            QVERIFY(slowed > 0); // slowed before refused
            // refused at once: no delay, no password check
            QVERIFY(outcome->elapsedMs < config.rateLimit.maxDelayMs);
        } else {
            QCOMPARE(outcome->result.error.code, ErrorCode::AuthFailed);
            if (outcome->elapsedMs >= 40)
                ++slowed;
        }
        const auto bob = loginAndWait(*service, passwordCredentials(u"bob"_s, u"bobpw"_s));
        QVERIFY(bob && bob->result.ok);
        QVERIFY2(bob->elapsedMs < 40 + 500, qPrintable(QString::number(bob->elapsedMs)));
    }
    QVERIFY(slowed >= 3);
    QCOMPARE(limited, 20 - config.rateLimit.userLockoutFailures);
    // the right password does not help alice's attacker now
    const auto right = loginAndWait(*service, passwordCredentials(u"alice"_s, u"alicepw"_s));
    QVERIFY(right && !right->result.ok);
    QCOMPARE(right->result.error.code, ErrorCode::RateLimited);
}

void TestAuthService::pending_delayed_login_is_answered_at_shutdown()
{
    addUser(u"alice"_s, u"alicepw"_s);
    AuthConfig config;
    config.rateLimit.userFreeFailures = 0;
    config.rateLimit.baseDelayMs = 60000;
    config.rateLimit.maxDelayMs = 60000;
    auto service = makeService(config);
    const auto first = loginAndWait(*service, passwordCredentials(u"alice"_s, u"guess"_s));
    QVERIFY(first && !first->result.ok);
    std::optional<auth::LoginResult> pending;
    QObject context;
    service->login(passwordCredentials(u"alice"_s, u"alicepw"_s), &context,
                   [&](const auth::LoginResult &r) { pending = r; });
    QTest::qWait(50);
    QVERIFY(!pending);
    service.reset();
    QTRY_VERIFY(pending.has_value());
    QCOMPARE(pending->error.code, ErrorCode::Unavailable);
}

QTEST_GUILESS_MAIN(TestAuthService)
#include "tst_auth_service.moc"
