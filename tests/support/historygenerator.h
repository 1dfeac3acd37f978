#pragma once

#include "engine/dispatch.h"
#include "fakeclock.h"
#include "seededrandom.h"

#include <QJsonValue>
#include <QList>
#include <QStringList>

namespace seneschal::test {

// Generates random dispatch histories that stress the merge rule: few cuids
// that differ only in case, length or one byte; few oids and property names;
// timestamps from a narrow window so ties on ts (and on ts and cuid) are
// common; deletes, restores, and exact re-sends of earlier dispatches. Every
// dispatch that is not a re-send has an id its cuid never used before, as the
// protocol requires; different cuids do reuse ids ("d-1"), as real devices do.
class HistoryGenerator
{
public:
    struct Options
    {
        QStringList cuids;
        QStringList oids;
        QStringList properties;
        // Each id is a prefix from this list followed by a decimal counter; the
        // prefixes must not end in a digit, which keeps the ids unique.
        QStringList idPrefixes;
        int minLength = 1;
        int maxLength = 24;
        qint64 baseTs = FakeClock::kDefaultStart;
        int tsWindow = 5;      // most ts in [baseTs, baseTs + tsWindow)
        int farTsPercent = 10; // the rest anywhere in the next hour
        int deletePercent = 12;
        int restorePercent = 10;   // a put carrying `_deleted: false`
        int duplicatePercent = 12; // an exact copy of an earlier dispatch
        int maxPropsPerPut = 4;
    };

    // Identifiers valid on the wire (PROTOCOL.md section 2): ASCII cuids of
    // [A-Za-z0-9._:-]; dispatch ids may hold any character, so they include
    // characters beyond the BMP.
    static Options protocolOptions();
    // Adds non-ASCII cuids, which the wire forbids but the engine must still
    // order bytewise (U+00E9, U+FFFF, U+10000 and friends).
    static Options engineEdgeCaseOptions();

    explicit HistoryGenerator(Options options = protocolOptions());

    const Options &options() const noexcept { return m_options; }
    QList<engine::Dispatch> generate(SeededRandom &random) const;
    // A random JSON value: strings (some non-ASCII), numbers, booleans, null,
    // small arrays and objects.
    static QJsonValue randomValue(SeededRandom &random, int depth = 0);

private:
    Options m_options;
};

} // namespace seneschal::test
