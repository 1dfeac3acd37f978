#pragma once

#include "audience.h"
#include "commands.h"
#include "protocol/errorcode.h"

#include <QByteArray>
#include <QList>
#include <QSet>

namespace seneschal::sync {

// One encoded frame for every live session in `audience`, except `skip`.
struct Broadcast
{
    QByteArray frame;
    Audience audience;
    QSet<SessionId> skip;
};

// An access change reaching live sessions. Sessions whose user gained the
// object get a full copy of it and of each inheriting descendant they may now
// see; those that lost it get a revoke for it and for each descendant they
// may no longer see (a descendant can stay visible through its own grants).
struct AccessShift
{
    struct Piece
    {
        QByteArray copy;
        QByteArray revoke;
        Audience audience; // after the change
    };
    Audience before;
    Audience after;
    // The object first, then its inheritors (after a parent that arrived
    // in an upload, the parent before all: its copy only, no revoke).
    QList<Piece> pieces;
};

// One encoded frame for one session. An admin session's live event names
// its topic (PROTOCOL.md 10), so that a console that falls behind can drop
// it; -1 for every other frame.
struct Direct
{
    SessionId session = 0;
    QByteArray frame;
    int topic = -1;
};

// A session the service cannot serve (storage down): close it with `code`.
// With `closeCode` set, the session is closed with that code and no
// `error` message instead.
struct Refusal
{
    SessionId session = 0;
    protocol::ErrorCode code = protocol::ErrorCode::Unavailable;
    QString message;
    int closeCode = 0;
};

// Everything one processing pass produced, in the order it must be sent:
// direct frames (acks, rejects, corrections, and for sessions that finished
// their upload: rehydrateEnd, the spool, synced) interleaved with broadcasts
// as they were decided. `goLive` lists sessions that sent `synced` in this
// outcome: they receive broadcasts decided after it.
struct Outcome
{
    struct Step
    {
        enum Kind {
            DirectFrame,
            BroadcastFrame,
            GoLive,
            AccessShiftFrames,
            Refuse,
            Regroup
        } kind = DirectFrame;
        Direct direct;
        Broadcast broadcast;
        AccessShift shift;
        Refusal refusal;
        Viewer viewer; // Regroup: the session's user's groups from here on
    };
    QList<Step> steps;
    QList<Refusal> refusals;

    void send(SessionId session, QByteArray frame)
    {
        steps.append(Step{Step::DirectFrame, Direct{session, std::move(frame)}, {}, {}, {}, {}});
    }
    void broadcast(Broadcast b)
    {
        steps.append(Step{Step::BroadcastFrame, {}, std::move(b), {}, {}, {}});
    }
    void goLive(SessionId session)
    {
        steps.append(Step{Step::GoLive, Direct{session, {}}, {}, {}, {}, {}});
    }
    void shiftAccess(AccessShift shift)
    {
        steps.append(Step{Step::AccessShiftFrames, {}, {}, std::move(shift), {}, {}});
    }
    // Closes the session at this point of the outcome: nothing after it
    // reaches the session, so its `since` cannot pass what it missed.
    void refuseNow(Refusal refusal)
    {
        steps.append(Step{Step::Refuse, {}, {}, {}, std::move(refusal), {}});
    }
    // An admin's event of `topic` for an admin session.
    void sendEvent(SessionId session, QByteArray frame, int topic)
    {
        steps.append(
            Step{Step::DirectFrame, Direct{session, std::move(frame), topic}, {}, {}, {}, {}});
    }
    // Closes the session with `closeCode` and no message (an admin's
    // `disconnect`: 4410).
    void close(SessionId session, int closeCode, const QString &reason)
    {
        refuseNow(Refusal{session, protocol::ErrorCode::Unavailable, reason, closeCode});
    }
    // The session's user now has `viewer`'s groups: broadcasts after this
    // point reach it by them.
    void regroup(SessionId session, Viewer viewer)
    {
        Step step;
        step.kind = Step::Regroup;
        step.direct.session = session;
        step.viewer = std::move(viewer);
        steps.append(std::move(step));
    }
    bool isEmpty() const { return steps.isEmpty() && refusals.isEmpty(); }
};

} // namespace seneschal::sync
