#include "latencysamples.h"

#include <algorithm>
#include <numeric>

namespace seneschal::bench {

using namespace Qt::StringLiterals;

QJsonObject LatencySamples::summary() const
{
    if (m_samples.empty())
        return QJsonObject{{u"count"_s, 0}};
    std::vector<qint32> sorted = m_samples;
    std::sort(sorted.begin(), sorted.end());
    auto at = [&sorted](double q) {
        const auto index = std::min(sorted.size() - 1, size_t(q * double(sorted.size())));
        return double(sorted[index]) / 1000.0;
    };
    const double sum = std::accumulate(sorted.begin(), sorted.end(), 0.0);
    return QJsonObject{
        {u"count"_s, qint64(sorted.size())},
        {u"p50Ms"_s, at(0.50)},
        {u"p90Ms"_s, at(0.90)},
        {u"p99Ms"_s, at(0.99)},
        {u"p999Ms"_s, at(0.999)},
        {u"maxMs"_s, double(sorted.back()) / 1000.0},
        {u"meanMs"_s, sum / double(sorted.size()) / 1000.0},
    };
}

} // namespace seneschal::bench
