#pragma once

#include <QJsonObject>
#include <vector>

namespace seneschal::bench {

// End-to-end latencies in microseconds, summarised as percentiles in
// milliseconds. Every sample is kept (a few million at most per run), so the
// percentiles are exact rather than estimated from buckets.
class LatencySamples
{
public:
    void add(qint64 micros)
    {
        m_samples.push_back(qint32(qBound(qint64(0), micros, qint64(1) << 30)));
    }
    void clear() { m_samples.clear(); }
    void append(const LatencySamples &other)
    {
        m_samples.insert(m_samples.end(), other.m_samples.begin(), other.m_samples.end());
    }
    qsizetype count() const { return qsizetype(m_samples.size()); }
    // {count, p50, p90, p99, p999, max, mean} in milliseconds.
    QJsonObject summary() const;

private:
    std::vector<qint32> m_samples;
};

} // namespace seneschal::bench
