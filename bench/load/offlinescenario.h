#pragma once

#include "benchoptions.h"

#include <QJsonObject>

namespace seneschal::bench {

// Scenario 6: the commit rate of dispatches to one public object while M
// devices are registered (rows in the clients table, written through the
// storage library before the server starts) but offline. One run measures
// every count back to back (in alternating order from run to run) and
// reports the ratio of the largest to the smallest, so that load from
// elsewhere on a shared machine weighs on both sides alike.
class OfflineScenario
{
public:
    static QJsonObject run(const BenchOptions &options, const QList<int> &offlineDevices,
                           int runIndex, const QString &name, QString *error);

private:
    static QJsonObject runOne(const BenchOptions &options, int offlineDevices, const QString &name,
                              QString *error);
};

} // namespace seneschal::bench
