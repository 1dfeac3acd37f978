#include "messagebudget.h"

#include <cmath>

namespace seneschal::session {

namespace {
// Buckets full again for this long are dropped: a new one starts full.
constexpr qint64 kForgetAfterMs = 60000;
} // namespace

void MessageBudget::refill(Bucket &bucket, qint64 nowMs) const
{
    const qint64 elapsed = std::max<qint64>(0, nowMs - bucket.atMs);
    bucket.tokens =
        std::min(double(m_burst), bucket.tokens + double(elapsed) * m_perSecond / 1000.0);
    bucket.atMs = nowMs;
}

bool MessageBudget::take(const QString &uuid, qint64 nowMs)
{
    if (!isLimited())
        return true;
    auto it = m_buckets.find(uuid);
    if (it == m_buckets.end()) {
        if (m_buckets.size() > 1024) {
            // Now and then, forget users whose bucket has long been full.
            for (auto old = m_buckets.begin(); old != m_buckets.end();) {
                if (nowMs - old->atMs > kForgetAfterMs)
                    old = m_buckets.erase(old);
                else
                    ++old;
            }
        }
        it = m_buckets.insert(uuid, Bucket{double(m_burst), nowMs});
    }
    refill(*it, nowMs);
    if (it->tokens < 1.0)
        return false;
    it->tokens -= 1.0;
    return true;
}

qint64 MessageBudget::retryAfterMs(const QString &uuid, qint64 nowMs) const
{
    if (!isLimited())
        return 0;
    Bucket bucket = m_buckets.value(uuid, Bucket{double(m_burst), nowMs});
    refill(bucket, nowMs);
    if (bucket.tokens >= 1.0)
        return 0;
    return qint64(std::ceil((1.0 - bucket.tokens) * 1000.0 / m_perSecond));
}

} // namespace seneschal::session
