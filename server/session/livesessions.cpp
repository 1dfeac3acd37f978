#include "livesessions.h"

#include "session.h"

#include <algorithm>

namespace seneschal::session {

void LiveSessions::add(Session *session)
{
    if (m_all.contains(session))
        return;
    m_all.insert(session);
    const sync::Viewer &viewer = session->viewer();
    m_byUser[viewer.uuid].append(session);
    for (const QString &group : viewer.groups)
        m_byGroup[group].insert(session);
    if (viewer.admin)
        m_admins.insert(session);
}

void LiveSessions::remove(Session *session)
{
    if (!m_all.remove(session))
        return;
    const sync::Viewer &viewer = session->viewer();
    if (auto it = m_byUser.find(viewer.uuid); it != m_byUser.end()) {
        it->removeOne(session);
        if (it->isEmpty())
            m_byUser.erase(it);
    }
    for (const QString &group : viewer.groups) {
        if (auto it = m_byGroup.find(group); it != m_byGroup.end()) {
            it->remove(session);
            if (it->isEmpty())
                m_byGroup.erase(it);
        }
    }
    m_admins.remove(session);
}

QList<Session *>
LiveSessions::admitted(std::initializer_list<const sync::Audience *> audiences) const
{
    QList<Session *> sessions;
    int sources = 0;
    auto take = [&](const auto &more) {
        if (more.isEmpty())
            return;
        ++sources;
        for (Session *session : more)
            sessions.append(session);
    };
    take(m_admins);
    for (const sync::Audience *audience : audiences) {
        for (const QString &user : audience->users) {
            if (auto it = m_byUser.constFind(user); it != m_byUser.constEnd())
                take(*it);
        }
        for (const QString &group : audience->groups) {
            if (auto it = m_byGroup.constFind(group); it != m_byGroup.constEnd())
                take(*it);
        }
    }
    // A session reached through its user and a group, two groups, two
    // audiences or as an admin is visited once.
    if (sources > 1) {
        std::sort(sessions.begin(), sessions.end());
        sessions.erase(std::unique(sessions.begin(), sessions.end()), sessions.end());
    }
    return sessions;
}

} // namespace seneschal::session
