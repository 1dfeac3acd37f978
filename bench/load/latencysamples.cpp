#include "latencysamples.h"

#include <algorithm>

namespace seneschal::bench {

using namespace Qt::StringLiterals;

LatencySamples::LatencySamples()
    : m_fine(size_t(kFineLimitUs), 0)
{}

void LatencySamples::clear()
{
    std::fill(m_fine.begin(), m_fine.end(), 0);
    m_slow.clear();
    m_count = 0;
}

void LatencySamples::append(const LatencySamples &other)
{
    for (size_t i = 0; i < m_fine.size(); ++i)
        m_fine[i] += other.m_fine[i];
    m_slow.insert(m_slow.end(), other.m_slow.begin(), other.m_slow.end());
    m_count += other.m_count;
}

QJsonObject LatencySamples::summary() const
{
    if (m_count == 0)
        return QJsonObject{{u"count"_s, 0}};
    std::vector<qint32> slow = m_slow;
    std::sort(slow.begin(), slow.end());
    // The sample of the given rank (0-based) in ascending order.
    auto sampleAt = [&](qsizetype rank) -> qint64 {
        qsizetype seen = 0;
        for (size_t us = 0; us < m_fine.size(); ++us) {
            seen += m_fine[us];
            if (rank < seen)
                return qint64(us);
        }
        return slow[size_t(rank - seen)];
    };
    auto at = [&](double q) {
        const auto rank = std::min(m_count - 1, qsizetype(q * double(m_count)));
        return double(sampleAt(rank)) / 1000.0;
    };
    double sum = 0;
    for (size_t us = 0; us < m_fine.size(); ++us)
        sum += double(us) * m_fine[us];
    for (qint32 us : slow)
        sum += us;
    return QJsonObject{
        {u"count"_s, qint64(m_count)},
        {u"p50Ms"_s, at(0.50)},
        {u"p90Ms"_s, at(0.90)},
        {u"p99Ms"_s, at(0.99)},
        {u"p999Ms"_s, at(0.999)},
        {u"maxMs"_s, double(sampleAt(m_count - 1)) / 1000.0},
        {u"meanMs"_s, sum / double(m_count) / 1000.0},
    };
}

} // namespace seneschal::bench
