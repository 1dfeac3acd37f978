#pragma once

#include "benchoptions.h"

#include <QJsonObject>

namespace seneschal::bench {

// Scenario 7: a user's private list with N items (every 100th with a history
// entry and an image, all inheriting) is granted to another user whose
// devices are connected. Time from `share` to the owner's `shared`, time until
// every device of the grantee has a copy of each object, the copies counted
// per oid, and the server CPU spent on the grant.
class GrantScenario
{
public:
    static QJsonObject run(const BenchOptions &options, const QString &name, QString *error);
};

} // namespace seneschal::bench
