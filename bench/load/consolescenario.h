#pragma once

#include "benchoptions.h"

#include <QJsonObject>

namespace seneschal::bench {

// Does a watching admin console slow the devices? One round of the fan-out
// scenario twice on fresh servers: without a console and with one
// subscribed to every topic (devices, stats, history, access, audit). The
// order alternates from round to round so that neither side always gets the
// quieter minute; the ratio of each round's pair is the figure, its spread
// over the rounds the noise.
class ConsoleScenario
{
public:
    static QJsonObject run(const BenchOptions &options, int devices, int groupSize, int round,
                           const QString &name, QString *error);
};

} // namespace seneschal::bench
