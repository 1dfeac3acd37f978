#include "sessionopener.h"

#include "protocol/errorcode.h"

#include <QSslError>

namespace seneschal::admincli {

using namespace Qt::StringLiterals;

SessionOpener::SessionOpener(admin::AdminClient &client, int timeoutMs, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
    m_timeout.setSingleShot(true);
    m_timeout.setInterval(timeoutMs);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        fail({}, u"no answer from %1 within %2 s"_s.arg(m_client.options().url.toDisplayString())
                     .arg(m_timeout.interval() / 1000));
    });
    connect(&m_client, &admin::AdminClient::welcomed, this, [this] {
        if (m_finished)
            return;
        m_finished = true;
        m_timeout.stop();
        Q_EMIT opened();
    });
    // An error before the welcome is the refused hello (auth_failed,
    // forbidden, rate_limited): it comes before the close and says more.
    connect(&m_client, &admin::AdminClient::errorReceived, this,
            [this](const protocol::admin::AdminError &error) {
                if (m_finished)
                    return;
                m_serverCode = protocol::errorCodeName(error.code);
                m_serverMessage = error.message;
            });
    connect(&m_client, &admin::AdminClient::sslErrors, this,
            [this](const QList<QSslError> &errors) {
                for (const QSslError &error : errors)
                    m_tlsProblems.append(error.errorString());
            });
    connect(&m_client, &admin::AdminClient::socketError, this,
            [this](QAbstractSocket::SocketError, const QString &message) {
                m_socketProblem = message;
            });
    connect(&m_client, &admin::AdminClient::disconnected, this, &SessionOpener::onDisconnected);
}

void SessionOpener::open()
{
    m_timeout.start();
    m_client.connectToServer();
}

void SessionOpener::onDisconnected(int closeCode, const QString &reason)
{
    if (m_finished)
        return;
    const QString where = m_client.options().url.toDisplayString();
    if (!m_serverCode.isEmpty()) {
        fail(m_serverCode, m_serverMessage);
    } else if (!m_tlsProblems.isEmpty()) {
        m_tlsProblems.removeDuplicates();
        fail({}, u"cannot verify the certificate of %1: %2 (--ca-file names the CA or the "
                 "server's certificate)"_s.arg(where, m_tlsProblems.join(u"; "_s)));
    } else if (!m_socketProblem.isEmpty()) {
        fail({}, u"cannot connect to %1: %2"_s.arg(where, m_socketProblem));
    } else {
        // The socket's error is not always reported (QWebSocket may say
        // disconnected first); nothing listening looks like this too.
        const QString how =
            closeCode == client::WsConnection::kAbnormalClosure
                ? u"no connection, or it broke before the login"_s
                : u"closed before the login with %1 %2"_s.arg(QString::number(closeCode), reason);
        fail({}, u"cannot connect to %1: %2"_s.arg(where, how.trimmed()));
    }
}

void SessionOpener::fail(const QString &code, const QString &message)
{
    if (m_finished)
        return;
    m_finished = true;
    m_timeout.stop();
    // No retries: a script wants the answer now, not after a backoff.
    m_client.disconnectFromServer();
    Q_EMIT failed(code, message);
}

} // namespace seneschal::admincli
