#include "hybridclock.h"

#include <QDateTime>
#include <utility>

namespace seneschal::client {

HybridClock::HybridClock()
    : HybridClock(Source{})
{}

HybridClock::HybridClock(Source source)
{
    setSource(std::move(source));
}

void HybridClock::setSource(Source source)
{
    if (source)
        m_source = std::move(source);
    else
        m_source = [] { return QDateTime::currentMSecsSinceEpoch(); };
}

void HybridClock::syncWithServer(qint64 serverTime, qint64 rttMs)
{
    if (serverTime <= 0)
        return;
    m_offset = serverTime + qMax<qint64>(0, rttMs) / 2 - m_source();
}

void HybridClock::observe(qint64 ts) noexcept
{
    m_largest = qMax(m_largest, ts);
}

qint64 HybridClock::serverNow() const
{
    return m_source() + m_offset;
}

qint64 HybridClock::next()
{
    const qint64 ts = qMax(serverNow(), m_largest + 1);
    m_largest = ts;
    return ts;
}

} // namespace seneschal::client
