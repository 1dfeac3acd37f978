#include "looplagprobe.h"

#include "benchclock.h"

namespace seneschal::bench {

LoopLagProbe::LoopLagProbe(QObject *parent)
    : QObject(parent)
{
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(kIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &LoopLagProbe::tick);
}

void LoopLagProbe::start()
{
    m_lag.clear();
    m_lastTickUs = -1;
    m_timer.start();
}

void LoopLagProbe::stop()
{
    m_timer.stop();
}

void LoopLagProbe::tick()
{
    const qint64 now = nowUs();
    if (m_lastTickUs >= 0)
        m_lag.add(now - m_lastTickUs - kIntervalMs * 1000);
    m_lastTickUs = now;
}

} // namespace seneschal::bench
