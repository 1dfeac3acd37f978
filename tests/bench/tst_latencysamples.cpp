// LatencySamples: exact percentiles from per-microsecond buckets plus the
// rare samples beyond them, checked against a sorted copy of the input.

#include "latencysamples.h"

#include <QRandomGenerator>
#include <QTest>
#include <algorithm>
#include <vector>

using namespace Qt::StringLiterals;
using seneschal::bench::LatencySamples;

namespace {

// The percentile the way the summary defines it: the sample of rank
// floor(q * n) in ascending order, in milliseconds.
double expectedAt(std::vector<qint64> sorted, double q)
{
    std::sort(sorted.begin(), sorted.end());
    const size_t rank = std::min(sorted.size() - 1, size_t(q * double(sorted.size())));
    return double(sorted[rank]) / 1000.0;
}

void compareSummary(const LatencySamples &samples, const std::vector<qint64> &input)
{
    const QJsonObject s = samples.summary();
    QCOMPARE(s.value(u"count"_s).toInteger(), qint64(input.size()));
    QCOMPARE(s.value(u"p50Ms"_s).toDouble(), expectedAt(input, 0.50));
    QCOMPARE(s.value(u"p90Ms"_s).toDouble(), expectedAt(input, 0.90));
    QCOMPARE(s.value(u"p99Ms"_s).toDouble(), expectedAt(input, 0.99));
    QCOMPARE(s.value(u"p999Ms"_s).toDouble(), expectedAt(input, 0.999));
    QCOMPARE(s.value(u"maxMs"_s).toDouble(), expectedAt(input, 1.0));
    double sum = 0;
    for (qint64 us : input)
        sum += double(us);
    QVERIFY(qAbs(s.value(u"meanMs"_s).toDouble() - sum / double(input.size()) / 1000.0) < 1e-9);
}

} // namespace

class TestLatencySamples : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void empty_samples_report_a_count_of_zero_only()
    {
        const QJsonObject s = LatencySamples().summary();
        QCOMPARE(s.value(u"count"_s).toInt(), 0);
        QVERIFY(!s.contains(u"p99Ms"_s));
    }

    void percentiles_match_a_sorted_copy_below_and_above_the_fine_range()
    {
        QRandomGenerator random(20261204);
        std::vector<qint64> input;
        LatencySamples samples;
        for (int i = 0; i < 50000; ++i) {
            // Mostly a few milliseconds, 2% beyond the per-microsecond buckets.
            const qint64 us = random.bounded(100) < 2
                                  ? LatencySamples::kFineLimitUs + random.bounded(5000000)
                                  : random.bounded(20000);
            input.push_back(us);
            samples.add(us);
        }
        compareSummary(samples, input);
    }

    void a_tail_made_only_of_slow_samples_is_exact()
    {
        std::vector<qint64> input;
        LatencySamples samples;
        for (qint64 us : {qint64(5), LatencySamples::kFineLimitUs - 1, LatencySamples::kFineLimitUs,
                          qint64(900000), qint64(250000)}) {
            input.push_back(us);
            samples.add(us);
        }
        compareSummary(samples, input);
        QCOMPARE(samples.summary().value(u"maxMs"_s).toDouble(), 900.0);
    }

    void negative_samples_count_as_zero()
    {
        LatencySamples samples;
        samples.add(-40);
        samples.add(10);
        QCOMPARE(samples.summary().value(u"p50Ms"_s).toDouble(), 0.010);
        QCOMPARE(samples.summary().value(u"count"_s).toInt(), 2);
    }

    void append_and_clear_combine_and_forget_samples()
    {
        LatencySamples a;
        LatencySamples b;
        std::vector<qint64> input;
        for (qint64 us = 0; us < 1000; ++us) {
            a.add(us * 7);
            input.push_back(us * 7);
            b.add(us * 300);
            input.push_back(us * 300);
        }
        a.append(b);
        compareSummary(a, input);
        a.clear();
        QCOMPARE(a.count(), 0);
        a.add(1234);
        QCOMPARE(a.summary().value(u"p99Ms"_s).toDouble(), 1.234);
    }
};

QTEST_APPLESS_MAIN(TestLatencySamples)
#include "tst_latencysamples.moc"
