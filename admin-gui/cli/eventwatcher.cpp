#include "eventwatcher.h"

#include "protocol/errorcode.h"

#include <QStringList>

namespace seneschal::admincli {

using namespace Qt::StringLiterals;
using protocol::admin::AdminError;
using protocol::admin::EventOp;
using protocol::admin::Topic;

namespace {

QString namesOf(const QList<Topic> &topics)
{
    QStringList names;
    for (const Topic topic : topics)
        names.append(protocol::admin::topicName(topic));
    return names.join(u", "_s);
}

} // namespace

EventWatcher::EventWatcher(admin::AdminClient &client, const Invocation &invocation,
                           OutputFormatter &output, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_invocation(invocation)
    , m_output(output)
{
    connect(&m_client, &admin::AdminClient::snapshotReceived, this, &EventWatcher::onSnapshot);
    connect(&m_client, &admin::AdminClient::eventReceived, this, &EventWatcher::onEvent);
    connect(&m_client, &admin::AdminClient::errorReceived, this, &EventWatcher::onError);
    connect(
        &m_client, &admin::AdminClient::resyncReceived, this, [this](const QList<Topic> &topics) {
            m_output.notice(u"the server dropped events of %1 (resync); reading them again"_s.arg(
                namesOf(topics)));
        });
    connect(&m_client, &admin::AdminClient::disconnected, this,
            [this](int closeCode, const QString &reason) {
                if (m_finished)
                    return;
                m_output.notice(u"connection lost (%1%2); connecting again"_s.arg(
                    QString::number(closeCode), reason.isEmpty() ? QString() : u" "_s + reason));
            });
    connect(&m_client, &admin::AdminClient::welcomed, this, [this] {
        if (!m_finished)
            m_output.notice(u"connected again"_s);
    });
    connect(&m_client, &admin::AdminClient::stopped, this,
            [this](int closeCode, const QString &reason) {
                if (m_finished)
                    return;
                if (!m_lastLoginError.message.isEmpty())
                    m_output.problem(protocol::errorCodeName(m_lastLoginError.code),
                                     m_lastLoginError.message);
                else
                    m_output.problem({}, u"the server ended the session (%1 %2)"_s.arg(
                                             QString::number(closeCode), reason));
                finish(ExitCode::Unreachable);
            });
}

void EventWatcher::start()
{
    m_client.subscribe(m_invocation.topics);
}

void EventWatcher::onSnapshot(Topic topic, const QJsonArray &rows)
{
    if (m_finished)
        return;
    const bool again = m_snapshotSeen.contains(topic);
    if (!again)
        m_snapshotSeen.append(topic);
    if (m_invocation.snapshots)
        m_output.snapshot(topic, rows);
    else if (again)
        m_output.notice(u"%1 was read again; changes in between are not shown as events "
                        "(--snapshots prints the state)"_s.arg(protocol::admin::topicName(topic)));
}

void EventWatcher::onEvent(Topic topic, EventOp op, const QJsonObject &row)
{
    if (m_finished)
        return;
    m_output.event(topic, op, row);
    if (m_invocation.count > 0 && ++m_events >= m_invocation.count)
        finish(ExitCode::Done);
}

void EventWatcher::onError(const AdminError &error)
{
    if (m_finished)
        return;
    // While logging in again, an error is the refused hello; AdminClient
    // retries or stops, and stopped() reports it.
    if (!m_client.isLive()) {
        m_lastLoginError = error;
        return;
    }
    // The server going away (shutting down, database lost) says so before
    // it closes; the watch waits for it to come back.
    if (error.req.isEmpty() && error.code == protocol::ErrorCode::Unavailable) {
        m_output.notice(u"the server says: %1"_s.arg(error.message));
        return;
    }
    m_output.problem(protocol::errorCodeName(error.code), error.message);
    finish(ExitCode::Refused);
}

void EventWatcher::finish(ExitCode code)
{
    if (m_finished)
        return;
    m_finished = true;
    Q_EMIT finished(code);
}

} // namespace seneschal::admincli
