#include "hub.h"

#include "protocol/codec.h"
#include "session.h"

namespace seneschal::session {

using namespace Qt::StringLiterals;

Hub::Hub(QObject *parent)
    : QObject(parent)
{}

void Hub::add(Session *session)
{
    m_sessions.insert(session->id(), session);
}

void Hub::remove(Session *session)
{
    m_sessions.remove(session->id());
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
            if (Session *session = m_sessions.value(step.direct.session))
                session->sendFrame(step.direct.frame);
            break;
        case Step::BroadcastFrame: {
            const QString text = QString::fromUtf8(step.broadcast.frame);
            for (Session *session : std::as_const(m_sessions)) {
                if (session->isLive() && !step.broadcast.skip.contains(session->id()) &&
                    step.broadcast.audience.admits(session->viewer())) {
                    session->sendText(text);
                }
            }
            break;
        }
        case Step::AccessShiftFrames: {
            const auto &shift = step.shift;
            for (Session *session : std::as_const(m_sessions)) {
                if (!session->isLive())
                    continue;
                const bool before = shift.before.admits(session->viewer());
                const bool after = shift.after.admits(session->viewer());
                if (before == after)
                    continue;
                for (const auto &piece : shift.pieces) {
                    const bool sees = piece.audience.admits(session->viewer());
                    if (after && sees)
                        session->sendFrame(piece.copy);
                    else if (!after && !sees)
                        session->sendFrame(piece.revoke);
                }
            }
            break;
        }
        case Step::GoLive:
            if (Session *session = m_sessions.value(step.direct.session))
                session->goLive();
            break;
        }
    }
    for (const sync::Refusal &refusal : outcome.refusals) {
        if (Session *session = m_sessions.value(refusal.session))
            session->closeWithError(refusal.code, refusal.message);
    }
}

void Hub::closeAll(protocol::ErrorCode code, const QString &message)
{
    const auto all = m_sessions.values();
    for (Session *session : all)
        session->closeWithError(code, message);
}

int Hub::liveCount() const
{
    int live = 0;
    for (const Session *session : m_sessions)
        live += session->isLive() ? 1 : 0;
    return live;
}

} // namespace seneschal::session
