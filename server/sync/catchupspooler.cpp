#include "catchupspooler.h"

#include "protocol/codec.h"

namespace seneschal::sync {

namespace {

void startCatchUp(SessionState &session, qint64 lastSeq)
{
    auto &catchUp = session.catchUp;
    catchUp = {};
    catchUp.active = true;
    catchUp.fullCopy = session.reset || session.since == 0;
    catchUp.after = session.since;
    catchUp.startSeq = lastSeq;
}

} // namespace

CatchUpSpooler::CatchUpSpooler(storage::Storage &storage, ObjectCache &cache,
                               const AccessPolicy &policy, int pageSize)
    : m_window(storage, cache, policy, pageSize)
{}

storage::Status CatchUpSpooler::begin(SessionId id, SessionState &session, qint64 lastSeq,
                                      qint64 purgedSeq, Outcome &outcome)
{
    startCatchUp(session, lastSeq);
    outcome.send(id, protocol::encodeRehydrateEnd(lastSeq));
    if (session.reset)
        outcome.send(id, protocol::encodeReset(lastSeq));
    m_catchingUp.append(id);
    return next(id, session, lastSeq, purgedSeq, outcome);
}

storage::Status CatchUpSpooler::next(SessionId id, SessionState &session, qint64 lastSeq,
                                     qint64 purgedSeq, Outcome &outcome)
{
    auto status = spoolWindow(id, session, lastSeq, purgedSeq, outcome);
    if (status && session.catchUp.active)
        return status;
    session.catchUp = {};
    m_catchingUp.removeOne(id);
    return status;
}

storage::Status CatchUpSpooler::spoolWindow(SessionId id, SessionState &session, qint64 lastSeq,
                                            qint64 purgedSeq, Outcome &outcome)
{
    auto next = m_window.next(session, lastSeq, purgedSeq);
    if (!next)
        return next.error();
    CatchUpWindow::Window window = std::move(next).value();
    for (QByteArray &frame : window.frames)
        outcome.send(id, std::move(frame));
    if (!window.last)
        return storage::Done{};
    outcome.send(id, protocol::encodeSynced(window.upTo));
    outcome.goLive(id);
    session.live = true;
    session.since = window.upTo;
    session.reset = false;
    // What changed while the windows went out (after startSeq) follows
    // synced, as live messages would: before synced each oid came once
    // (PROTOCOL.md 8). The broadcasts of those changes went out before the
    // device was live, so they are read here.
    session.catchUp.afterSynced = true;
    session.catchUp.sent.clear();
    while (window.upTo < lastSeq) {
        auto more = m_window.next(session, lastSeq, purgedSeq);
        if (!more)
            return more.error();
        CatchUpWindow::Window after = std::move(more).value();
        for (QByteArray &frame : after.frames)
            outcome.send(id, std::move(frame));
        window.upTo = after.upTo;
        session.since = window.upTo;
        if (after.last)
            break;
    }
    session.catchUp.active = false;
    return storage::Done{};
}

SessionState CatchUpSpooler::dryRunSession(const storage::ClientRecord &client,
                                           const Viewer &viewer, qint64 lastSeq, qint64 purgedSeq)
{
    SessionState session;
    session.client = client;
    session.viewer = viewer;
    session.previousGroups = client.groups;
    session.since = client.cursor;
    // As the sync service decides at attach for a device that logs in again
    // as the same user.
    if (session.since > lastSeq || session.since < purgedSeq) {
        session.reset = true;
        session.since = 0;
    }
    startCatchUp(session, lastSeq);
    return session;
}

storage::Result<CatchUpWindow::Window>
CatchUpSpooler::dryRunWindow(SessionState &session, qint64 lastSeq, qint64 purgedSeq)
{
    return m_window.next(session, lastSeq, purgedSeq);
}

} // namespace seneschal::sync
