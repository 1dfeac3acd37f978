#pragma once

#include "authconfig.h"
#include "clock.h"

#include <QHash>
#include <QString>

namespace seneschal::auth {

// Counts failed logins per user name and per source address and turns them
// into a delay before the next attempt is checked, or a refusal
// (rate_limited) that does not check the credentials at all. Not
// thread-safe: used on the auth worker thread only.
class RateLimiter
{
public:
    struct Decision
    {
        bool refused = false;
        qint64 delayMs = 0; // wait this long before checking (when not refused)
    };

    explicit RateLimiter(RateLimitConfig config, Clock clock = systemClock());

    // An empty user name (token logins) counts only against the address.
    Decision check(const QString &username, const QString &address);
    void recordFailure(const QString &username, const QString &address);
    void recordSuccess(const QString &username, const QString &address);

    int failures(const QString &username, const QString &address) const;

private:
    struct Entry
    {
        int failures = 0;
        qint64 lastFailureMs = 0;
    };
    struct Limits
    {
        int freeFailures;
        int lockoutFailures;
    };

    Decision decide(const Entry *entry, Limits limits, qint64 now) const;
    Entry *live(QHash<QString, Entry> &table, const QString &key, qint64 now);
    void record(QHash<QString, Entry> &table, const QString &key, qint64 now);
    void prune(QHash<QString, Entry> &table, qint64 now);
    static QString userKey(const QString &username);

    RateLimitConfig m_config;
    Clock m_clock;
    QHash<QString, Entry> m_users;
    QHash<QString, Entry> m_addresses;
};

} // namespace seneschal::auth
