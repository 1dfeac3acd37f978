#include "connectionindicator.h"

#include "consolesession.h"
#include "errortext.h"

#include <QDateTime>
#include <QTimer>

namespace seneschal::admingui {

using admin::AdminClient;
using namespace Qt::StringLiterals;

ConnectionIndicator::ConnectionIndicator(ConsoleSession *session, QWidget *parent)
    : QLabel(parent)
    , m_session(session)
    , m_tick(new QTimer(this))
{
    setObjectName(QStringLiteral("connectionState"));
    setTextFormat(Qt::PlainText);
    m_tick->setInterval(1000);
    connect(m_tick, &QTimer::timeout, this, &ConnectionIndicator::update);
    connect(session, &ConsoleSession::stateChanged, this, [this](AdminClient::State state) {
        m_state = state;
        if (AdminClient *client = m_session->client()) {
            m_lastClose = client->closeCode();
            m_retryAt = state == AdminClient::State::Reconnecting
                            ? QDateTime::currentMSecsSinceEpoch() + client->reconnectDelayMs()
                            : 0;
        }
        if (state == AdminClient::State::Reconnecting)
            m_tick->start();
        else
            m_tick->stop();
        update();
    });
    connect(session, &ConsoleSession::welcomed, this, &ConnectionIndicator::update);
    update();
}

QString ConnectionIndicator::stateName() const
{
    switch (m_state) {
    case AdminClient::State::Live:
        return QStringLiteral("live");
    case AdminClient::State::Connecting:
        return QStringLiteral("connecting");
    case AdminClient::State::Reconnecting:
        return QStringLiteral("reconnecting");
    case AdminClient::State::Offline:
        break;
    }
    return QStringLiteral("offline");
}

void ConnectionIndicator::update()
{
    const QString server = m_session->serverName();
    QString text;
    QString tip;
    switch (m_state) {
    case AdminClient::State::Live:
        text = tr("● Live: %1 on %2").arg(m_session->userName(), server);
        break;
    case AdminClient::State::Connecting:
        text = tr("◌ Connecting to %1…").arg(server);
        break;
    case AdminClient::State::Reconnecting: {
        const qint64 wait = qMax<qint64>(0, m_retryAt - QDateTime::currentMSecsSinceEpoch());
        text =
            wait > 0
                ? tr("◌ Reconnecting to %1 in %n s…", nullptr, int((wait + 999) / 1000)).arg(server)
                : tr("◌ Reconnecting to %1…").arg(server);
        tip = ErrorText::closeCode(m_lastClose);
        text += u"  "_s + tr("(the views show the rows as they were)");
        break;
    }
    case AdminClient::State::Offline:
        text = server.isEmpty() ? tr("○ Offline: not connected") : tr("○ Offline");
        tip = ErrorText::closeCode(m_lastClose);
        if (!tip.isEmpty() && !server.isEmpty())
            text += u": "_s + tip;
        break;
    }
    setText(text);
    setToolTip(tip);
}

} // namespace seneschal::admingui
