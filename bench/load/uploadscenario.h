#pragma once

#include "benchoptions.h"

#include <QJsonObject>

namespace seneschal::bench {

// Scenario 4: one device comes back with N offline dispatches (its user's
// private lists) and uploads them in its rehydrate, while other devices
// exchange live dispatches at a low rate and their latency is measured.
class UploadScenario
{
public:
    static QJsonObject run(const BenchOptions &options, const QString &name, QString *error);
};

} // namespace seneschal::bench
