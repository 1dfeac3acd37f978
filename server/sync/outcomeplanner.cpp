#include "outcomeplanner.h"

#include "protocol/admincodec.h"
#include "protocol/codec.h"
#include "synclogging.h"

namespace seneschal::sync {

using namespace Qt::StringLiterals;
using protocol::ErrorCode;

namespace {

// What a broadcast carries: the changed properties, or everything when the
// change restored a deleted object (a device may hold no properties of it:
// full copies leave tombstones out, PROTOCOL.md 9.7).
engine::ObjectState broadcastPart(const engine::ObjectState &state, const QStringList &changed)
{
    if (changed.contains(engine::kDeletedProperty) && !state.isDeleted())
        return state;
    return engine::project(state, changed);
}

} // namespace

OutcomePlanner::OutcomePlanner(storage::Storage &storage, ObjectCache &cache,
                               const AccessPolicy &policy, const SessionMap &sessions,
                               const ViewerCounts &viewers)
    : m_storage(storage)
    , m_cache(cache)
    , m_policy(policy)
    , m_sessions(sessions)
    , m_viewers(viewers)
{}

bool OutcomePlanner::respond(SyncPass &pass, qint64 lastSeq, Outcome &outcome)
{
    // Acks first: the ack of a live dispatch precedes any correction for it
    // (PROTOCOL.md 9.12).
    for (SessionId id : std::as_const(pass.replyOrder)) {
        const SyncPass::Replies &replies = pass.replies[id];
        if (!replies.acked.isEmpty()) {
            outcome.send(id, protocol::encodeAck(
                                 protocol::ServerAck{replies.acked, lastSeq, replies.clamped}));
        }
        for (const QByteArray &reject : replies.rejects)
            outcome.send(id, reject);
        for (const QByteArray &error : replies.errors)
            outcome.send(id, error);
    }
    for (const SyncPass::SharedReply &reply : std::as_const(pass.sharedReplies)) {
        const engine::ObjectState *state = m_cache.peek(reply.oid);
        outcome.send(reply.session,
                     reply.req.isEmpty()
                         ? protocol::encodeShared(reply.oid, state ? state->seq : lastSeq)
                         : protocol::admin::encodeDone(reply.req));
    }
    // Access first: a device that gained access gets the full copy before any
    // later dispatch of the object (PROTOCOL.md section 7).
    bool connected = shiftAccess(pass, pass.sharedOrder, outcome);
    broadcastLiveChanges(pass, outcome);
    connected = shiftArrivals(pass, outcome) && connected;
    for (SessionId id : std::as_const(pass.replyOrder)) {
        const SyncPass::Replies &replies = pass.replies[id];
        const auto session = m_sessions.constFind(id);
        for (const QString &oid : replies.correctionOrder) {
            const engine::ObjectState *state = m_cache.peek(oid);
            if (!state)
                continue;
            // A device still catching up gets the object in a later window;
            // a correction now would carry a seq ahead of that window.
            if (session != m_sessions.constEnd() && session->catchUp.active &&
                state->seq > session->catchUp.after)
                continue;
            outcome.send(
                id, protocol::encodeDispatch(engine::project(*state, replies.corrections[oid])));
        }
    }
    return connected;
}

void OutcomePlanner::broadcastLiveChanges(SyncPass &pass, Outcome &outcome)
{
    for (auto it = pass.liveChanged.cbegin(); it != pass.liveChanged.cend(); ++it) {
        const engine::ObjectState *state = m_cache.peek(it.key());
        if (!state)
            continue;
        const QSet<SessionId> &writers = pass.liveWriters[it.key()];
        // Sole writers already hold these values; several writers each need
        // the others' part.
        QSet<SessionId> skip = writers.size() == 1 ? writers : QSet<SessionId>{};
        Audience audience = m_policy.audienceOf(*state);
        // A device the object opened to in this pass as its parent arrived
        // gets the whole object with that change, after the parent.
        if (!pass.arrivalOrder.isEmpty() && pass.arrivalOrder.contains(it.key()))
            skip.unite(gainersOf(pass, it.key(), audience));
        if (!reachesOthers(audience, skip))
            continue;
        outcome.broadcast(Broadcast{protocol::encodeDispatch(broadcastPart(*state, it.value())),
                                    std::move(audience), std::move(skip)});
    }
}

void OutcomePlanner::broadcastUploadChanges(SessionId id, const SessionState &session,
                                            Outcome &outcome)
{
    for (const QString &oid : std::as_const(session.uploadOrder)) {
        const engine::ObjectState *state = m_cache.lookup(oid);
        if (!state)
            continue;
        Audience audience = m_policy.audienceOf(*state);
        if (!reachesOthers(audience, {id}))
            continue;
        outcome.broadcast(
            Broadcast{protocol::encodeDispatch(broadcastPart(*state, session.uploadChanged[oid])),
                      std::move(audience), QSet<SessionId>{id}});
    }
}

bool OutcomePlanner::shiftArrivals(SyncPass &pass, Outcome &outcome)
{
    return shiftAccess(pass, pass.arrivalOrder, outcome, true);
}

QSet<SessionId> OutcomePlanner::gainersOf(const SyncPass &pass, const QString &oid,
                                          const Audience &after) const
{
    QSet<SessionId> gainers;
    const Audience before = pass.sharedBefore.value(oid);
    for (auto it = m_sessions.cbegin(); it != m_sessions.cend(); ++it) {
        if (!before.admits(it->viewer) && after.admits(it->viewer))
            gainers.insert(it.key());
    }
    return gainers;
}

bool OutcomePlanner::shiftAccess(SyncPass &pass, const QStringList &oids, Outcome &outcome,
                                 bool arrivals)
{
    bool connected = true;
    for (const QString &oid : oids) {
        const engine::ObjectState *state = m_cache.peek(oid);
        if (!state)
            continue;
        AccessShift shift;
        shift.before = pass.sharedBefore[oid];
        shift.after = m_policy.audienceOf(*state);
        if (shift.before == shift.after)
            continue;
        // Only attached sessions can receive the shift now; the others learn
        // it from the access history when they come back.
        QList<SessionId> gaining;
        QList<SessionId> losing;
        for (auto it = m_sessions.cbegin(); it != m_sessions.cend(); ++it) {
            const bool before = shift.before.admits(it->viewer);
            const bool after = shift.after.admits(it->viewer);
            if (before != after)
                (after ? gaining : losing).append(it.key());
        }
        if (gaining.isEmpty() && losing.isEmpty())
            continue;
        auto inheritors = m_cache.inheritorsOf(oid, AccessPolicy::kMaxInheritDepth);
        if (!inheritors) {
            // The change is committed but its pieces cannot be read: the
            // sessions it concerns reconnect and get them from their spool.
            qCWarning(lcSync) << "access change of" << oid
                              << "not delivered live:" << inheritors.error().message;
            for (SessionId id : gaining + losing) {
                outcome.refuseNow(Refusal{id, ErrorCode::Unavailable,
                                          u"storage unavailable during an access change"_s});
            }
            if (inheritors.error().connectionLost) {
                connected = false;
                m_storage.close();
            }
            continue;
        }
        QList<const engine::ObjectState *> affected{state};
        affected += inheritors.value();
        // A parent created by an upload is broadcast at uploadEnd: those
        // who see the object through it get the parent first, here.
        if (arrivals && !pass.liveChanged.contains(state->parent)) {
            if (const engine::ObjectState *parent = m_cache.peek(state->parent);
                parent && !gaining.isEmpty()) {
                AccessShift::Piece piece;
                piece.audience = m_policy.audienceOf(*parent);
                piece.copy = protocol::encodeDispatch(*parent);
                shift.pieces.append(std::move(piece)); // no revoke: it keeps its own access
            }
        }
        // Copies and revokes carry the seq of the access change (PROTOCOL.md
        // 9.5). Tombstones are copied too: a later restore sends only what
        // changed, which must meet the properties it restores. Only the
        // frames someone will receive are encoded.
        for (const engine::ObjectState *object : std::as_const(affected)) {
            AccessShift::Piece piece;
            piece.audience = m_policy.audienceOf(*object);
            if (!gaining.isEmpty()) {
                engine::ObjectState copy = *object;
                copy.seq = state->seq;
                piece.copy = protocol::encodeDispatch(copy);
            }
            if (!losing.isEmpty())
                piece.revoke = protocol::encodeRevoke(state->seq, object->oid);
            shift.pieces.append(std::move(piece));
        }
        outcome.shiftAccess(std::move(shift));
    }
    return connected;
}

bool OutcomePlanner::reachesOthers(const Audience &audience, const QSet<SessionId> &except) const
{
    QList<const Viewer *> exceptViewers;
    for (SessionId id : except) {
        if (auto it = m_sessions.constFind(id); it != m_sessions.constEnd())
            exceptViewers.append(&it->viewer);
    }
    return m_viewers.admitsAnyoneBut(audience, exceptViewers);
}

} // namespace seneschal::sync
