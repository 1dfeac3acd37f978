#include "viewercounts.h"

namespace seneschal::sync {

namespace {
void decrement(QHash<QString, int> &counts, const QString &key)
{
    if (auto it = counts.find(key); it != counts.end() && --*it <= 0)
        counts.erase(it);
}
} // namespace

void ViewerCounts::add(const Viewer &viewer)
{
    ++m_total;
    m_admins += viewer.admin ? 1 : 0;
    ++m_users[viewer.uuid];
    for (const QString &group : viewer.groups)
        ++m_groups[group];
}

void ViewerCounts::remove(const Viewer &viewer)
{
    --m_total;
    m_admins -= viewer.admin ? 1 : 0;
    decrement(m_users, viewer.uuid);
    for (const QString &group : viewer.groups)
        decrement(m_groups, group);
}

bool ViewerCounts::admitsAnyoneBut(const Audience &audience,
                                   const QList<const Viewer *> &except) const
{
    // A category (everyone, admins, a user, a group) with more attached
    // sessions than excepted members holds someone else, who is admitted.
    auto exceptedIn = [&except](auto &&member) {
        int n = 0;
        for (const Viewer *viewer : except)
            n += member(*viewer) ? 1 : 0;
        return n;
    };
    if (audience.everyone)
        return m_total > int(except.size());
    if (m_admins > exceptedIn([](const Viewer &v) { return v.admin; }))
        return true;
    for (const QString &user : audience.users) {
        const int attached = m_users.value(user);
        if (attached > 0 && attached > exceptedIn([&](const Viewer &v) { return v.uuid == user; }))
            return true;
    }
    for (const QString &group : audience.groups) {
        const int attached = m_groups.value(group);
        if (attached > 0 &&
            attached > exceptedIn([&](const Viewer &v) { return v.groups.contains(group); }))
            return true;
    }
    return false;
}

} // namespace seneschal::sync
