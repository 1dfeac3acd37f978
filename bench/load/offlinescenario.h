#pragma once

#include "benchoptions.h"

#include <QJsonObject>

namespace seneschal::bench {

// Scenario 6: the commit rate of dispatches to one public object while M
// devices are registered (rows in the clients table, written through the
// storage library before the server starts) but offline.
class OfflineScenario
{
public:
    static QJsonObject run(const BenchOptions &options, int offlineDevices, const QString &name,
                           QString *error);
};

} // namespace seneschal::bench
