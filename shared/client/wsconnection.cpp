#include "wsconnection.h"

#include "clientlogging.h"

#include <QSslConfiguration>
#include <QTimer>
#include <QWebSocket>
#include <utility>

namespace seneschal::client {

WsConnection::WsConnection(QObject *parent)
    : QObject(parent)
{}

WsConnection::~WsConnection()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        delete m_socket;
    }
}

bool WsConnection::open(const QUrl &url, const TlsOptions &tls)
{
    if (m_active)
        return false;
    m_active = true;
    m_closeHandshake = false;
    m_closeCode = 0;
    m_closeReason.clear();

    QSslConfiguration tlsConfiguration = QSslConfiguration::defaultConfiguration();
    if (url.scheme() == u"wss") {
        QList<QSslCertificate> cas = tls.caCertificates;
        if (!tls.caFile.isEmpty()) {
            const auto fromFile = QSslCertificate::fromPath(tls.caFile, QSsl::Pem);
            if (fromFile.isEmpty()) {
                // Falling back to the system's CAs would trust more than the
                // user asked for: the connection fails instead, as a TLS
                // failure would, after open() returned.
                const QString message =
                    QStringLiteral("CA file %1 holds no PEM certificate").arg(tls.caFile);
                qCWarning(lcClient).noquote() << message;
                QTimer::singleShot(0, this, [this, message] {
                    if (!m_active || m_socket)
                        return; // aborted (and maybe opened again) meanwhile
                    Q_EMIT socketError(QAbstractSocket::SslInvalidUserDataError, message);
                    finish();
                });
                return true;
            }
            cas += fromFile;
        }
        if (!cas.isEmpty())
            tlsConfiguration.setCaCertificates(cas); // these only
        tlsConfiguration.setPeerVerifyMode(QSslSocket::VerifyPeer);
    }

    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    if (url.scheme() == u"wss")
        m_socket->setSslConfiguration(tlsConfiguration);
    connect(m_socket, &QWebSocket::connected, this, &WsConnection::connected);
    connect(m_socket, &QWebSocket::disconnected, this, &WsConnection::finish);
    connect(m_socket, &QWebSocket::aboutToClose, this, [this] { m_closeHandshake = true; });
    connect(m_socket, &QWebSocket::textMessageReceived, this, &WsConnection::textReceived);
    connect(m_socket, &QWebSocket::binaryMessageReceived, this, &WsConnection::binaryReceived);
    connect(m_socket, QOverload<QAbstractSocket::SocketError>::of(&QWebSocket::error), this,
            &WsConnection::onSocketError);
    connect(m_socket, &QWebSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
        qCWarning(lcClient) << "TLS verification failed:" << errors;
        Q_EMIT sslErrors(errors); // never ignored
    });
    m_socket->open(url);
    return true;
}

void WsConnection::close(int closeCode, const QString &reason)
{
    if (!m_active)
        return;
    if (isConnected())
        m_socket->close(QWebSocketProtocol::CloseCode(closeCode), reason);
    else
        abort();
}

void WsConnection::abort()
{
    if (!m_active)
        return;
    if (m_socket)
        m_socket->abort();
    finish(); // in case the socket was not connected yet and stays silent
}

bool WsConnection::isConnected() const
{
    return m_socket && m_socket->state() == QAbstractSocket::ConnectedState;
}

bool WsConnection::sendText(const QByteArray &utf8)
{
    if (!isConnected())
        return false;
    m_socket->sendTextMessage(QString::fromUtf8(utf8));
    return true;
}

void WsConnection::sendRawText(const QString &text)
{
    if (m_socket)
        m_socket->sendTextMessage(text);
}

void WsConnection::sendBinary(const QByteArray &data)
{
    if (m_socket)
        m_socket->sendBinaryMessage(data);
}

void WsConnection::onSocketError(QAbstractSocket::SocketError error)
{
    if (!m_socket)
        return;
    const QString message = m_socket->errorString();
    qCDebug(lcClient) << "socket error" << error << message;
    Q_EMIT socketError(error, message);
    // A connection that never opened ends here: no disconnected() follows.
    // Queued: QWebSocket reads what came before the error in a queued call
    // too, so a close frame that arrived with the peer's FIN is seen first.
    if (m_socket && m_socket->state() == QAbstractSocket::UnconnectedState)
        QMetaObject::invokeMethod(this, &WsConnection::finish, Qt::QueuedConnection);
}

void WsConnection::finish()
{
    if (!m_active)
        return;
    m_active = false;
    if (QWebSocket *socket = std::exchange(m_socket, nullptr)) {
        socket->disconnect(this);
        // QWebSocket reports 1000 also when the connection dropped without a
        // close handshake; aboutToClose() is what tells the two apart.
        if (m_closeHandshake) {
            m_closeCode = int(socket->closeCode());
            m_closeReason = socket->closeReason();
        } else {
            m_closeCode = kAbnormalClosure;
            m_closeReason.clear();
        }
        socket->deleteLater();
    } else {
        m_closeCode = kAbnormalClosure;
        m_closeReason.clear();
    }
    qCDebug(lcClient) << "disconnected" << m_closeCode << m_closeReason;
    Q_EMIT disconnected(m_closeCode, m_closeReason);
}

} // namespace seneschal::client
