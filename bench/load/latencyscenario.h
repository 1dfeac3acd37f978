#pragma once

#include "benchoptions.h"

#include <QJsonObject>

namespace seneschal::bench {

// Scenario 2: a fixed offered load of public dispatches to C devices; the
// latency from send to delivery at every other device.
class LatencyScenario
{
public:
    static QJsonObject run(const BenchOptions &options, int devices, double rate,
                           const QString &name, QString *error);
};

} // namespace seneschal::bench
