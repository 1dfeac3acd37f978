#pragma once

#include <QList>
#include <QString>
#include <QtGlobal>
#include <array>

namespace seneschal::test {

// A reproducible random source for property-based tests. The run's seed comes
// from SENESCHAL_SEED when set, else from the system; each case derives its
// own generator from (seed, case index) so one failing case can be replayed
// without running the ones before it. The generator (xoshiro256**) and the
// bounded draws are written out here rather than taken from <random>, whose
// distributions differ between standard libraries, and so a case costs
// nothing to seed.
class SeededRandom
{
public:
    explicit SeededRandom(quint64 seed);

    // SENESCHAL_SEED (decimal or 0x-hex) when set, else a fresh system seed.
    static quint64 seedFromEnvironment();
    // An integer from the environment variable `name`, or `fallback`.
    static qint64 integerFromEnvironment(const char *name, qint64 fallback);
    // The generator of case `index` of a run seeded with `runSeed`.
    static SeededRandom forCase(quint64 runSeed, quint64 index);

    // How to replay a run, or one case of it, for failure messages:
    // "SENESCHAL_SEED=N SENESCHAL_CASE=I".
    static QString replayHint(quint64 runSeed, qint64 caseIndex = -1);

    quint64 seed() const noexcept { return m_seed; }

    quint64 next() noexcept;
    // Uniform in [0, bound); bound must be > 0.
    quint64 below(quint64 bound);
    // Uniform in [lowest, highest], both inclusive.
    qint64 between(qint64 lowest, qint64 highest);
    // True with probability `percent` / 100.
    bool percent(int percent) { return below(100) < quint64(qMax(0, percent)); }

    template<typename T> const T &pick(const QList<T> &items)
    {
        Q_ASSERT(!items.isEmpty());
        return items.at(qsizetype(below(quint64(items.size()))));
    }

    // Fisher-Yates, using only this generator.
    template<typename T> void shuffle(QList<T> &items)
    {
        for (qsizetype i = items.size() - 1; i > 0; --i)
            items.swapItemsAt(i, qsizetype(below(quint64(i) + 1)));
    }

private:
    quint64 m_seed;
    std::array<quint64, 4> m_state;
};

} // namespace seneschal::test
