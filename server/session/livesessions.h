#pragma once

#include "sync/audience.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <initializer_list>

namespace seneschal::session {

class Session;

// The live sessions indexed by user, group and admin role, so that a
// broadcast visits the sessions its audience admits instead of every
// connected one: with 5,000 devices in groups of ten, a dispatch costs ten
// visits, not 5,000 (bench/RESULTS.md, profile 2).
class LiveSessions
{
public:
    void add(Session *session);
    void remove(Session *session);

    // Calls `visit` once for each indexed session that one of `audiences`
    // admits.
    template<typename Visit>
    void forEachAdmitted(std::initializer_list<const sync::Audience *> audiences,
                         Visit &&visit) const
    {
        for (const sync::Audience *audience : audiences) {
            if (audience->everyone) {
                for (Session *session : m_all)
                    visit(session);
                return;
            }
        }
        for (Session *session : admitted(audiences))
            visit(session);
    }

private:
    // The sessions admitted by audiences without `everyone`, each once.
    QList<Session *> admitted(std::initializer_list<const sync::Audience *> audiences) const;

    QSet<Session *> m_all;
    QHash<QString, QList<Session *>> m_byUser;
    QHash<QString, QSet<Session *>> m_byGroup;
    QSet<Session *> m_admins;
};

} // namespace seneschal::session
