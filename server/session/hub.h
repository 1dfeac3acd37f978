#pragma once

#include "adminpeer.h"
#include "livesessions.h"
#include "sync/outcomes.h"
#include "sync/trafficcounters.h"

#include <QHash>
#include <QObject>
#include <QString>

namespace seneschal::session {

class Session;

// Who is connected: sessions by id and by cuid. Delivers the sync service's
// outcomes (acks, broadcasts, spools) to the sessions they are meant for, and
// enforces one connection per cuid.
class Hub : public QObject
{
    Q_OBJECT
public:
    explicit Hub(QObject *parent = nullptr);

    void add(Session *session);
    void remove(Session *session);
    void addAdmin(sync::SessionId id, AdminPeer *peer);
    void removeAdmin(sync::SessionId id);
    // Counts connections and deliveries for the admin interface's stats.
    const sync::TrafficCounters &counters() const { return m_counters; }
    // Makes `session` the connection of `cuid`; an older one is closed 4409.
    void claim(const QString &cuid, Session *session);

    void deliver(const sync::Outcome &outcome);
    // Closes every session with `code` (server shutdown: unavailable).
    void closeAll(protocol::ErrorCode code, const QString &message);

    int sessionCount() const { return int(m_sessions.size() + m_admins.size()); }
    int liveCount() const;
    QList<Session *> sessions() const { return m_sessions.values(); }

private:
    void broadcast(const sync::Broadcast &broadcast);
    void shiftAccess(const sync::AccessShift &shift);
    void refuse(const sync::Refusal &refusal);

    QHash<sync::SessionId, Session *> m_sessions;
    LiveSessions m_live;
    QHash<QString, Session *> m_byCuid;
    QHash<sync::SessionId, AdminPeer *> m_admins;
    sync::TrafficCounters m_counters;
};

} // namespace seneschal::session
