#pragma once

#include "benchoptions.h"

#include <QJsonObject>

namespace seneschal::bench {

// Flood isolation: the latency scenario (a paced load of public dispatches
// to `devices` devices) on two fresh servers, once quiet and once beside a
// hostile device that writes dispatches to its own private list as fast as
// the load generator can, ignoring acks, and reconnects 100 ms after each
// close (4429: over its user's message budget, set to 5,000/s here, or too
// far ahead of the server). Reported: the others' latency
// in both, the ratio of their p50 and p99, and how often the flooder was
// closed.
class FloodScenario
{
public:
    static QJsonObject run(const BenchOptions &options, int devices, double rate, int round,
                           const QString &name, QString *error);

private:
    static QJsonObject runOne(const BenchOptions &options, int devices, double rate, bool flood,
                              const QString &name, QString *error);
};

} // namespace seneschal::bench
