#pragma once

#include "catchupwindow.h"
#include "commands.h"
#include "outcomes.h"
#include "sessionstate.h"

#include <QList>

namespace seneschal::sync {

// Sends each device's catch-up after its upload (PROTOCOL.md 8):
// rehydrateEnd (and reset), then one window per pass until synced, with
// what changed meanwhile right after synced. It keeps which sessions are
// part way and in what order they began; the sync service decides when.
class CatchUpSpooler
{
public:
    CatchUpSpooler(storage::Storage &storage, ObjectCache &cache, const AccessPolicy &policy,
                   int pageSize);

    // Starts the catch-up (rehydrateEnd, reset) and sends its first window.
    storage::Status begin(SessionId id, SessionState &session, qint64 lastSeq, qint64 purgedSeq,
                          Outcome &outcome);
    // Sends the next window; the last one ends with synced and takes the
    // session live. A failure ends the catch-up: the device reconnects.
    storage::Status next(SessionId id, SessionState &session, qint64 lastSeq, qint64 purgedSeq,
                         Outcome &outcome);

    // The sessions part way, in the order they began.
    const QList<SessionId> &sessions() const { return m_catchingUp; }
    bool isEmpty() const { return m_catchingUp.isEmpty(); }
    void drop(SessionId id) { m_catchingUp.removeOne(id); }
    QList<SessionId> takeAll() { return std::exchange(m_catchingUp, {}); }

    // A dry run for the admin interface: the catch-up `client` would get if
    // it connected now as `viewer` with its cursor as `since`.
    static SessionState dryRunSession(const storage::ClientRecord &client, const Viewer &viewer,
                                      qint64 lastSeq, qint64 purgedSeq);
    storage::Result<CatchUpWindow::Window> dryRunWindow(SessionState &session, qint64 lastSeq,
                                                        qint64 purgedSeq);

private:
    storage::Status spoolWindow(SessionId id, SessionState &session, qint64 lastSeq,
                                qint64 purgedSeq, Outcome &outcome);

    CatchUpWindow m_window;
    QList<SessionId> m_catchingUp; // in the order they began
};

} // namespace seneschal::sync
