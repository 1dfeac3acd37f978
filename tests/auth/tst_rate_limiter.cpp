// RateLimiter: growing delays, then refusals, per user name and per source
// address, on a fake clock.

#include "auth/ratelimiter.h"

#include <QTest>

using namespace Qt::StringLiterals;
using seneschal::auth::RateLimitConfig;
using seneschal::auth::RateLimiter;

namespace {
constexpr qint64 kStart = 1764054000000;
const QString kAttacker = u"203.0.113.9"_s;
const QString kOffice = u"198.51.100.7"_s;
} // namespace

class TestRateLimiter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { m_now = kStart; }

    void first_failures_are_not_delayed();
    void delays_double_after_the_free_failures_up_to_the_cap();
    void twenty_wrong_passwords_are_slowed_then_refused_while_another_user_is_not();
    void a_success_clears_the_user_count();
    void lockout_ends_after_the_lockout_period();
    void failures_are_forgotten_after_the_window();
    void address_limit_spans_user_names();
    void user_names_differing_in_case_share_a_count();
    void token_logins_count_against_the_address_only();

private:
    RateLimiter limiter(RateLimitConfig config = {})
    {
        return RateLimiter(config, [this] { return m_now; });
    }
    qint64 m_now = kStart;
};

void TestRateLimiter::first_failures_are_not_delayed()
{
    RateLimiter l = limiter();
    for (int i = 0; i < RateLimitConfig().userFreeFailures; ++i) {
        const auto d = l.check(u"alice"_s, kAttacker);
        QVERIFY(!d.refused);
        QCOMPARE(d.delayMs, 0);
        l.recordFailure(u"alice"_s, kAttacker);
    }
}

void TestRateLimiter::delays_double_after_the_free_failures_up_to_the_cap()
{
    RateLimitConfig c;
    c.userFreeFailures = 2;
    c.userLockoutFailures = 20;
    c.baseDelayMs = 100;
    c.maxDelayMs = 1000;
    RateLimiter l = limiter(c);
    QList<qint64> delays;
    for (int i = 0; i < 8; ++i) {
        delays << l.check(u"alice"_s, kAttacker).delayMs;
        l.recordFailure(u"alice"_s, kAttacker);
    }
    QCOMPARE(delays, (QList<qint64>{0, 0, 0, 100, 200, 400, 800, 1000}));
}

void TestRateLimiter::twenty_wrong_passwords_are_slowed_then_refused_while_another_user_is_not()
{
    RateLimiter l = limiter(); // the defaults, as deployed
    int delayed = 0;
    int refused = 0;
    bool refusedBeforeDelayed = false;
    for (int attempt = 0; attempt < 20; ++attempt) {
        const auto d = l.check(u"alice"_s, kAttacker);
        if (d.refused) {
            ++refused;
            refusedBeforeDelayed = refusedBeforeDelayed || delayed == 0;
            continue; // refused without checking: not a new failure
        }
        if (d.delayMs > 0)
            ++delayed;
        m_now += d.delayMs;
        l.recordFailure(u"alice"_s, kAttacker);
        // Meanwhile bob, from the same address, is neither slowed nor refused.
        const auto bob = l.check(u"bob"_s, kAttacker);
        QVERIFY(!bob.refused);
        QCOMPARE(bob.delayMs, 0);
    }
    QVERIFY(delayed > 0);
    QVERIFY(refused > 0);
    QVERIFY(!refusedBeforeDelayed);
    QVERIFY(l.check(u"alice"_s, kAttacker).refused);
    // alice is refused from everywhere, not only from the attacker's address
    QVERIFY(l.check(u"alice"_s, kOffice).refused);
    const auto bob = l.check(u"bob"_s, kOffice);
    QVERIFY(!bob.refused);
    QCOMPARE(bob.delayMs, 0);
}

void TestRateLimiter::a_success_clears_the_user_count()
{
    RateLimiter l = limiter();
    for (int i = 0; i < 6; ++i)
        l.recordFailure(u"alice"_s, kOffice);
    QVERIFY(l.check(u"alice"_s, kOffice).delayMs > 0);
    l.recordSuccess(u"alice"_s, kOffice);
    const auto d = l.check(u"alice"_s, kOffice);
    QVERIFY(!d.refused);
    QCOMPARE(d.delayMs, 0);
}

void TestRateLimiter::lockout_ends_after_the_lockout_period()
{
    const RateLimitConfig c;
    RateLimiter l = limiter(c);
    for (int i = 0; i < c.userLockoutFailures; ++i)
        l.recordFailure(u"alice"_s, kAttacker);
    QVERIFY(l.check(u"alice"_s, kAttacker).refused);
    m_now += qint64(c.lockoutSeconds) * 1000 - 1;
    QVERIFY(l.check(u"alice"_s, kAttacker).refused);
    m_now += 1;
    const auto d = l.check(u"alice"_s, kAttacker);
    QVERIFY(!d.refused);
    QCOMPARE(d.delayMs, c.maxDelayMs); // one more try, slowly
    l.recordFailure(u"alice"_s, kAttacker);
    QVERIFY(l.check(u"alice"_s, kAttacker).refused);
}

void TestRateLimiter::failures_are_forgotten_after_the_window()
{
    const RateLimitConfig c;
    RateLimiter l = limiter(c);
    for (int i = 0; i < 6; ++i)
        l.recordFailure(u"alice"_s, kAttacker);
    QCOMPARE(l.failures(u"alice"_s, QString()), 6);
    m_now += qint64(c.windowSeconds) * 1000 + 1;
    QCOMPARE(l.failures(u"alice"_s, QString()), 0);
    QCOMPARE(l.check(u"alice"_s, kAttacker).delayMs, 0);
}

void TestRateLimiter::address_limit_spans_user_names()
{
    const RateLimitConfig c;
    RateLimiter l = limiter(c);
    // One guess per user name, many names: only the address sees it.
    for (int i = 0; i < c.addressLockoutFailures; ++i)
        l.recordFailure(u"user%1"_s.arg(i), kAttacker);
    QVERIFY(l.check(u"someone-new"_s, kAttacker).refused);
    QVERIFY(!l.check(u"someone-new"_s, kOffice).refused);
}

void TestRateLimiter::user_names_differing_in_case_share_a_count()
{
    RateLimiter l = limiter();
    for (int i = 0; i < 5; ++i)
        l.recordFailure(i % 2 ? u"Alice"_s : u"ALICE"_s, kAttacker);
    QCOMPARE(l.failures(u"alice"_s, QString()), 5);
}

void TestRateLimiter::token_logins_count_against_the_address_only()
{
    RateLimiter l = limiter();
    for (int i = 0; i < 30; ++i)
        l.recordFailure(QString(), kAttacker);
    QCOMPARE(l.failures(QString(), kAttacker), 30);
    QVERIFY(l.check(QString(), kAttacker).delayMs > 0);
    QCOMPARE(l.check(u"alice"_s, kOffice).delayMs, 0);
}

QTEST_GUILESS_MAIN(TestRateLimiter)
#include "tst_rate_limiter.moc"
