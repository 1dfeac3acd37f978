#pragma once

#include "benchoptions.h"

#include <QJsonObject>

namespace seneschal::bench {

// The floor under scenario 2 on this machine: bench_fanout_floor (no
// server, no WebSocket, no database) fanning the same rate out to the same
// number of loopback connections, run right after Seneschal's measurement.
// Its p99 is the least any server could show with this load generator's
// share of the same cores.
class FloorScenario
{
public:
    static QJsonObject run(const BenchOptions &options, int devices, double rate, QString *error);
};

} // namespace seneschal::bench
