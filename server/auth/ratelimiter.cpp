#include "ratelimiter.h"

#include <algorithm>

namespace seneschal::auth {

namespace {
// Past this many tracked keys, forgotten entries are swept so that a spray
// of random user names cannot grow the tables without bound.
constexpr qsizetype kPruneAbove = 10000;
} // namespace

RateLimiter::RateLimiter(RateLimitConfig config, Clock clock)
    : m_config(config)
    , m_clock(std::move(clock))
{}

QString RateLimiter::userKey(const QString &username)
{
    // "Alice" and "alice" are the same target for a guesser.
    return username.toCaseFolded();
}

RateLimiter::Entry *RateLimiter::live(QHash<QString, Entry> &table, const QString &key, qint64 now)
{
    auto it = table.find(key);
    if (it == table.end())
        return nullptr;
    if (now - it->lastFailureMs > qint64(m_config.windowSeconds) * 1000) {
        table.erase(it);
        return nullptr;
    }
    return &*it;
}

RateLimiter::Decision RateLimiter::decide(const Entry *entry, Limits limits, qint64 now) const
{
    Decision d;
    if (!entry || entry->failures <= limits.freeFailures)
        return d;
    if (entry->failures >= limits.lockoutFailures &&
        now - entry->lastFailureMs < qint64(m_config.lockoutSeconds) * 1000) {
        d.refused = true;
        return d;
    }
    const int steps = std::min(entry->failures - limits.freeFailures - 1, 30);
    d.delayMs = std::min<qint64>(qint64(m_config.baseDelayMs) << steps, m_config.maxDelayMs);
    return d;
}

RateLimiter::Decision RateLimiter::check(const QString &username, const QString &address)
{
    const qint64 now = m_clock();
    const Entry *user = username.isEmpty() ? nullptr : live(m_users, userKey(username), now);
    const Entry *addr = address.isEmpty() ? nullptr : live(m_addresses, address, now);
    const Decision u = decide(user, {m_config.userFreeFailures, m_config.userLockoutFailures}, now);
    const Decision a =
        decide(addr, {m_config.addressFreeFailures, m_config.addressLockoutFailures}, now);
    return {u.refused || a.refused, std::max(u.delayMs, a.delayMs)};
}

void RateLimiter::record(QHash<QString, Entry> &table, const QString &key, qint64 now)
{
    if (table.size() > kPruneAbove)
        prune(table, now);
    Entry *entry = live(table, key, now);
    if (!entry)
        entry = &table[key];
    ++entry->failures;
    entry->lastFailureMs = now;
}

void RateLimiter::prune(QHash<QString, Entry> &table, qint64 now)
{
    const qint64 window = qint64(m_config.windowSeconds) * 1000;
    table.removeIf([&](const auto &it) { return now - it.value().lastFailureMs > window; });
}

void RateLimiter::recordFailure(const QString &username, const QString &address)
{
    const qint64 now = m_clock();
    if (!username.isEmpty())
        record(m_users, userKey(username), now);
    if (!address.isEmpty())
        record(m_addresses, address, now);
}

void RateLimiter::recordSuccess(const QString &username, const QString &)
{
    // Only the user's count: an address shared by many (a NAT, a proxy) must
    // not be cleared by one attacker who also has a valid account.
    if (!username.isEmpty())
        m_users.remove(userKey(username));
}

int RateLimiter::failures(const QString &username, const QString &address) const
{
    const qint64 now = m_clock();
    const qint64 window = qint64(m_config.windowSeconds) * 1000;
    auto count = [&](const QHash<QString, Entry> &table, const QString &key) {
        const auto it = table.constFind(key);
        return it == table.cend() || now - it->lastFailureMs > window ? 0 : it->failures;
    };
    return std::max(username.isEmpty() ? 0 : count(m_users, userKey(username)),
                    address.isEmpty() ? 0 : count(m_addresses, address));
}

} // namespace seneschal::auth
