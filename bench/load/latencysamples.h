#pragma once

#include <QJsonObject>
#include <QtGlobal>
#include <vector>

namespace seneschal::bench {

// End-to-end latencies in microseconds, summarised as percentiles in
// milliseconds. Samples under kFineLimitUs are counted in one bucket per
// microsecond, the rare slower ones kept as they are, so the percentiles are
// exact to the microsecond. Adding a sample never allocates on the common
// path: a growing array of millions of samples stalled the load generator for
// up to 60 ms each time it doubled, and every delivery waiting behind such a
// stall was counted as late.
class LatencySamples
{
public:
    static constexpr qint64 kFineLimitUs = qint64(1) << 17; // 131 ms

    LatencySamples();

    void add(qint64 micros)
    {
        const qint64 clamped = qBound(qint64(0), micros, qint64(1) << 30);
        if (clamped < kFineLimitUs)
            ++m_fine[size_t(clamped)];
        else
            m_slow.push_back(qint32(clamped));
        ++m_count;
    }
    void clear();
    void append(const LatencySamples &other);
    qsizetype count() const { return m_count; }
    // {count, p50, p90, p99, p999, max, mean} in milliseconds.
    QJsonObject summary() const;

private:
    std::vector<quint32> m_fine; // count per microsecond below kFineLimitUs
    std::vector<qint32> m_slow;  // samples of kFineLimitUs and more
    qsizetype m_count = 0;
};

} // namespace seneschal::bench
