#pragma once

#include "audience.h"
#include "viewer.h"

#include <QHash>
#include <QList>
#include <QString>

namespace seneschal::sync {

// How many attached sessions each user, group and the admin role has, so the
// sync service can tell in a few lookups whether a broadcast would reach
// anyone before it encodes it: an upload of 10,000 changes to private lists
// whose owner has no other device online encodes nothing.
class ViewerCounts
{
public:
    void add(const Viewer &viewer);
    void remove(const Viewer &viewer);

    // Whether `audience` admits an attached session other than the ones
    // whose viewers are `except` (each of them attached).
    bool admitsAnyoneBut(const Audience &audience, const QList<const Viewer *> &except) const;

private:
    int m_total = 0;
    int m_admins = 0;
    QHash<QString, int> m_users;
    QHash<QString, int> m_groups;
};

} // namespace seneschal::sync
