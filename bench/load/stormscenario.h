#pragma once

#include "benchoptions.h"

#include <QJsonObject>

namespace seneschal::bench {

// The reconnect storm: `devices` devices of one user are registered (live
// once, then closed), a writer makes `objects` public objects they have not
// seen, the server restarts, and every device reconnects at the same moment
// with its token and its `since`. Measured: the time from the storm's start
// until each device is `synced` (median, p99, the last), the devices refused
// or not synced, the server's CPU time and its peak memory during the storm.
class StormScenario
{
public:
    static QJsonObject run(const BenchOptions &options, int devices, const QString &name,
                           QString *error);
};

} // namespace seneschal::bench
