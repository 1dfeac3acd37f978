#include "hub.h"

#include "protocol/codec.h"
#include "session.h"
#include "transport/textframe.h"

namespace seneschal::session {

using namespace Qt::StringLiterals;

Hub::Hub(QObject *parent)
    : QObject(parent)
{}

void Hub::add(Session *session)
{
    m_sessions.insert(session->id(), session);
    m_counters.connections.fetch_add(1, std::memory_order_relaxed);
}

void Hub::addAdmin(sync::SessionId id, AdminPeer *peer)
{
    m_admins.insert(id, peer);
    m_counters.connections.fetch_add(1, std::memory_order_relaxed);
}

void Hub::removeAdmin(sync::SessionId id)
{
    if (m_admins.remove(id))
        m_counters.connections.fetch_sub(1, std::memory_order_relaxed);
}

void Hub::remove(Session *session)
{
    if (m_sessions.remove(session->id()))
        m_counters.connections.fetch_sub(1, std::memory_order_relaxed);
    m_live.remove(session);
    if (auto it = m_byCuid.find(session->cuid()); it != m_byCuid.end() && *it == session)
        m_byCuid.erase(it);
}

void Hub::claim(const QString &cuid, Session *session)
{
    Session *previous = m_byCuid.value(cuid);
    m_byCuid.insert(cuid, session);
    if (previous && previous != session) {
        previous->closeWithError(protocol::ErrorCode::Replaced, u"the same cuid connected again"_s);
    }
}

void Hub::deliver(const sync::Outcome &outcome)
{
    using Step = sync::Outcome::Step;
    for (const Step &step : outcome.steps) {
        switch (step.kind) {
        case Step::DirectFrame:
            if (Session *session = m_sessions.value(step.direct.session)) {
                session->sendFrame(step.direct.frame);
                m_counters.deliveries.fetch_add(1, std::memory_order_relaxed);
            } else if (AdminPeer *admin = m_admins.value(step.direct.session)) {
                if (step.direct.topic >= 0)
                    admin->sendEvent(step.direct.topic, step.direct.frame);
                else
                    admin->sendFrame(step.direct.frame);
            }
            break;
        case Step::BroadcastFrame:
            broadcast(step.broadcast);
            break;
        case Step::AccessShiftFrames:
            shiftAccess(step.shift);
            break;
        case Step::Refuse:
            refuse(step.refusal);
            break;
        case Step::Regroup:
            if (Session *session = m_sessions.value(step.direct.session)) {
                m_live.remove(session);
                session->setViewer(step.viewer);
                if (session->isLive())
                    m_live.add(session);
            }
            break;
        case Step::GoLive:
            if (Session *session = m_sessions.value(step.direct.session)) {
                session->goLive();
                if (session->isLive())
                    m_live.add(session);
            }
            break;
        }
    }
    for (const sync::Refusal &refusal : outcome.refusals)
        refuse(refusal);
}

void Hub::refuse(const sync::Refusal &refusal)
{
    if (Session *session = m_sessions.value(refusal.session)) {
        if (refusal.closeCode)
            session->closeWith(refusal.closeCode, refusal.message);
        else
            session->closeWithError(refusal.code, refusal.message);
    } else if (AdminPeer *admin = m_admins.value(refusal.session)) {
        if (refusal.closeCode)
            admin->closeWith(refusal.closeCode, refusal.message);
        else
            admin->closeWithError(refusal.code, refusal.message);
    }
}

namespace {
// Sends `frame`, whose WebSocket encoding `wireFrame` is made for the first
// recipient and shared by the others.
void sendShared(Session *session, const QByteArray &frame, QByteArray &wireFrame,
                sync::TrafficCounters &counters)
{
    counters.deliveries.fetch_add(1, std::memory_order_relaxed);
    if (wireFrame.isEmpty())
        wireFrame = transport::encodeTextFrame(frame);
    session->sendEncoded(frame, wireFrame);
}
} // namespace

void Hub::broadcast(const sync::Broadcast &broadcast)
{
    QByteArray wireFrame;
    m_live.forEachAdmitted({&broadcast.audience}, [&](Session *session) {
        if (session->isLive() && !broadcast.skip.contains(session->id()))
            sendShared(session, broadcast.frame, wireFrame, m_counters);
    });
}

void Hub::shiftAccess(const sync::AccessShift &shift)
{
    QList<QByteArray> copies(shift.pieces.size());
    QList<QByteArray> revokes(shift.pieces.size());
    m_live.forEachAdmitted({&shift.before, &shift.after}, [&](Session *session) {
        if (!session->isLive())
            return;
        const bool before = shift.before.admits(session->viewer());
        const bool after = shift.after.admits(session->viewer());
        if (before == after)
            return;
        for (qsizetype i = 0; i < shift.pieces.size(); ++i) {
            const auto &piece = shift.pieces[i];
            const bool sees = piece.audience.admits(session->viewer());
            if (after && sees && !piece.copy.isEmpty())
                sendShared(session, piece.copy, copies[i], m_counters);
            else if (!after && !sees && !piece.revoke.isEmpty())
                sendShared(session, piece.revoke, revokes[i], m_counters);
        }
    });
}

void Hub::closeAll(protocol::ErrorCode code, const QString &message)
{
    const auto all = m_sessions.values();
    for (Session *session : all)
        session->closeWithError(code, message);
    const auto admins = m_admins.values();
    for (AdminPeer *admin : admins)
        admin->closeWithError(code, message);
}

int Hub::liveCount() const
{
    int live = 0;
    for (const Session *session : m_sessions)
        live += session->isLive() ? 1 : 0;
    return live;
}

} // namespace seneschal::session
