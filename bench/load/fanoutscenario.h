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
    // Whether an admin console watches (ConsoleScenario). For a fair pair
    // the run without one has the same admin user and the same bookkeeping
    // of first deliveries in the devices; only the console is missing.
    enum class Console { None, AdminUserOnly, Watching };

    static QJsonObject run(const BenchOptions &options, int devices, int groupSize,
                           const QString &name, QString *error, Console console = Console::None);
};

} // namespace seneschal::bench
