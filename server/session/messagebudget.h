#pragma once

#include <QHash>
#include <QString>
#include <QtGlobal>

namespace seneschal::session {

// How many live messages (dispatches, acks, shares, pings after the
// upload) each user's devices may send: a token bucket per user, refilled
// at `perSecond` up to `burst`, shared by all of the user's connections so
// that reconnecting does not refill it. A device that finds it empty is
// closed with rate_limited (4429). The offline upload does not count: it
// is bounded by limits/maxQueuedMessages instead. perSecond 0: no limit.
// Used on the socket thread only.
class MessageBudget
{
public:
    MessageBudget(int perSecond, int burst)
        : m_perSecond(perSecond)
        , m_burst(std::max(burst, 1))
    {}

    bool isLimited() const { return m_perSecond > 0; }
    // Takes one message from `uuid`'s bucket at `nowMs`; false when empty.
    bool take(const QString &uuid, qint64 nowMs);
    // When `uuid`'s bucket has room for a message again, in ms from `nowMs`.
    qint64 retryAfterMs(const QString &uuid, qint64 nowMs) const;

private:
    struct Bucket
    {
        double tokens = 0;
        qint64 atMs = 0;
    };
    void refill(Bucket &bucket, qint64 nowMs) const;

    int m_perSecond;
    int m_burst;
    QHash<QString, Bucket> m_buckets;
};

} // namespace seneschal::session
