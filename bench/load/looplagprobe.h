#pragma once

#include "latencysamples.h"

#include <QObject>
#include <QTimer>

namespace seneschal::bench {

// How late the load generator's own event loop runs: a 1 ms timer records by
// how much each tick overshot. A latency figure is only as good as the
// thread that takes it; a stall here delays every delivery read during it,
// whatever the server did.
class LoopLagProbe : public QObject
{
    Q_OBJECT
public:
    explicit LoopLagProbe(QObject *parent = nullptr);

    void start();
    void stop();
    // {count, p50, p90, p99, p999, max, mean} of the overshoot in milliseconds.
    QJsonObject summary() const { return m_lag.summary(); }

private:
    static constexpr int kIntervalMs = 1;

    void tick();

    QTimer m_timer;
    qint64 m_lastTickUs = -1;
    LatencySamples m_lag;
};

} // namespace seneschal::bench
