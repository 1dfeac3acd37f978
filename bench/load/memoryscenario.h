#pragma once

#include "benchoptions.h"

#include <QJsonObject>

namespace seneschal::bench {

// Scenario 5: the server's resident memory per idle connected device:
// VmRSS with one device, then with N more, divided by N.
class MemoryScenario
{
public:
    static QJsonObject run(const BenchOptions &options, int devices, const QString &name,
                           QString *error);
};

} // namespace seneschal::bench
