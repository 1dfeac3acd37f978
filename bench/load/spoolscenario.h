#pragma once

#include "benchoptions.h"

#include <QJsonObject>

namespace seneschal::bench {

// Scenario 3: a device is offline while N dispatches hit K objects; it then
// reconnects with its `since`. Time from hello to synced, dispatches spooled
// (must be K), and the commit rate of the writer on the way.
class SpoolScenario
{
public:
    static QJsonObject run(const BenchOptions &options, const QString &name, QString *error);
};

} // namespace seneschal::bench
