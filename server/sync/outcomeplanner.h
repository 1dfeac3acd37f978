#pragma once

#include "accesspolicy.h"
#include "objectcache.h"
#include "outcomes.h"
#include "syncpass.h"
#include "viewercounts.h"

namespace seneschal::sync {

// Decides who receives what once a pass committed, in the order PROTOCOL.md
// asks: acks, rejects and refusals for the senders, `shared` answers, the
// copies and revokes of access changes, broadcasts of live changes to the
// other sessions that may see them, corrections for dispatches that lost,
// and an upload's broadcast when it ends. It encodes only the frames someone
// will receive, and changes no state but the cache it reads through.
class OutcomePlanner
{
public:
    OutcomePlanner(storage::Storage &storage, ObjectCache &cache, const AccessPolicy &policy,
                   const SessionMap &sessions, const ViewerCounts &viewers);

    // Everything the committed pass owes its senders and the other
    // sessions. False when storage's connection was lost part way: an access
    // change then refuses the sessions it concerns, and storage is closed
    // at once so that what follows fails fast.
    bool respond(SyncPass &pass, qint64 lastSeq, Outcome &outcome);
    void broadcastLiveChanges(SyncPass &pass, Outcome &outcome);
    // The access changes of objects whose parent the pass created: after
    // the parent's broadcast, so that no device gets a child before its
    // parent. False when storage's connection was lost.
    bool shiftArrivals(SyncPass &pass, Outcome &outcome);
    // One reduced dispatch per oid the session's upload changed, to the
    // others who may see it.
    void broadcastUploadChanges(SessionId id, const SessionState &session, Outcome &outcome);

private:
    // False when storage's connection was lost.
    // With `arrivals`, the objects' parents were created in the pass.
    bool shiftAccess(SyncPass &pass, const QStringList &oids, Outcome &outcome,
                     bool arrivals = false);
    // The attached sessions that `oid`'s access change in this pass opens
    // it to.
    QSet<SessionId> gainersOf(const SyncPass &pass, const QString &oid,
                              const Audience &after) const;
    // Whether a broadcast of an object with `audience` would reach an
    // attached session besides `except` (its writers).
    bool reachesOthers(const Audience &audience, const QSet<SessionId> &except) const;

    storage::Storage &m_storage;
    ObjectCache &m_cache;
    const AccessPolicy &m_policy;
    const SessionMap &m_sessions;
    const ViewerCounts &m_viewers;
};

} // namespace seneschal::sync
