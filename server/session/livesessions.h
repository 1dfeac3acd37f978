#pragma once

#include "sync/audience.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <algorithm>

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
    bool contains(Session *session) const { return m_all.contains(session); }
    qsizetype size() const { return m_all.size(); }

    // Calls `visit` once for each indexed session `audience` admits.
    template<typename Visit>
    void forEachAdmitted(const sync::Audience &audience, Visit &&visit) const
    {
        if (audience.everyone) {
            for (Session *session : m_all)
                visit(session);
            return;
        }
        Candidates candidates;
        collect(audience, candidates);
        for (Session *session : candidates)
            visit(session);
    }

    // Calls `visit` once for each indexed session admitted by `a` or by `b`.
    template<typename Visit>
    void forEachAdmittedByEither(const sync::Audience &a, const sync::Audience &b,
                                 Visit &&visit) const
    {
        if (a.everyone || b.everyone) {
            for (Session *session : m_all)
                visit(session);
            return;
        }
        Candidates candidates;
        collect(a, candidates);
        collect(b, candidates);
        std::sort(candidates.begin(), candidates.end());
        candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
        for (Session *session : candidates)
            visit(session);
    }

private:
    using Candidates = QList<Session *>;
    // Appends the admitted sessions without duplicates within one audience.
    void collect(const sync::Audience &audience, Candidates &out) const;

    QSet<Session *> m_all;
    QHash<QString, QList<Session *>> m_byUser;
    QHash<QString, QSet<Session *>> m_byGroup;
    QSet<Session *> m_admins;
};

} // namespace seneschal::session
