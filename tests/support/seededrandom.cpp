#include "seededrandom.h"

#include <QRandomGenerator>
#include <cstdlib>

namespace seneschal::test {

namespace {
// splitmix64: spreads neighbouring (seed, index) pairs over unrelated states.
quint64 mix(quint64 x)
{
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}
} // namespace

SeededRandom::SeededRandom(quint64 seed)
    : m_seed(seed)
{
    // xoshiro's authors recommend filling its state from splitmix64.
    quint64 x = seed;
    for (quint64 &word : m_state) {
        word = mix(x);
        x += 0x9E3779B97F4A7C15ULL;
    }
}

quint64 SeededRandom::next() noexcept
{
    auto rotl = [](quint64 v, int k) { return (v << k) | (v >> (64 - k)); };
    const quint64 result = rotl(m_state[1] * 5, 7) * 9;
    const quint64 t = m_state[1] << 17;
    m_state[2] ^= m_state[0];
    m_state[3] ^= m_state[1];
    m_state[1] ^= m_state[2];
    m_state[0] ^= m_state[3];
    m_state[2] ^= t;
    m_state[3] = rotl(m_state[3], 45);
    return result;
}

quint64 SeededRandom::seedFromEnvironment()
{
    const QByteArray text = qgetenv("SENESCHAL_SEED").trimmed();
    if (!text.isEmpty()) {
        bool ok = false;
        const quint64 seed = text.toULongLong(&ok, 0);
        if (ok)
            return seed;
        qWarning("SENESCHAL_SEED=%s is not an integer; using a random seed", text.constData());
    }
    // Kept below 2^53 so it survives a round trip through JSON tooling.
    return QRandomGenerator::system()->generate64() >> 11;
}

qint64 SeededRandom::integerFromEnvironment(const char *name, qint64 fallback)
{
    const QByteArray text = qgetenv(name).trimmed();
    bool ok = false;
    const qint64 value = text.toLongLong(&ok, 0);
    return ok ? value : fallback;
}

SeededRandom SeededRandom::forCase(quint64 runSeed, quint64 index)
{
    return SeededRandom(mix(runSeed ^ mix(index)));
}

QString SeededRandom::replayHint(quint64 runSeed, qint64 caseIndex)
{
    QString hint = QStringLiteral("SENESCHAL_SEED=%1").arg(runSeed);
    if (caseIndex >= 0)
        hint += QStringLiteral(" SENESCHAL_CASE=%1").arg(caseIndex);
    return hint;
}

quint64 SeededRandom::below(quint64 bound)
{
    Q_ASSERT(bound > 0);
    // Rejection sampling: no modulo bias, and the same draws on every platform.
    const quint64 limit = ~quint64(0) - (~quint64(0) % bound);
    quint64 value;
    do {
        value = next();
    } while (value >= limit);
    return value % bound;
}

qint64 SeededRandom::between(qint64 lowest, qint64 highest)
{
    Q_ASSERT(lowest <= highest);
    const quint64 span = quint64(highest) - quint64(lowest);
    if (span == ~quint64(0))
        return qint64(next());
    return qint64(quint64(lowest) + below(span + 1));
}

} // namespace seneschal::test
