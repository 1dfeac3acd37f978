#pragma once

#include "benchoptions.h"

#include <QJsonObject>

namespace seneschal::bench {

// Scenario 1: C connected devices, publishers sending as fast as acks allow.
// With groupSize 0 every device sees every dispatch (public items of one
// user); otherwise devices belong to users of groupSize devices each and
// every group has a publisher writing its user's private lists.
class FanoutScenario
{
public:
    static QJsonObject run(const BenchOptions &options, int devices, int groupSize,
                           const QString &name, QString *error);
};

} // namespace seneschal::bench
