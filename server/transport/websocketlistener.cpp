#include "websocketlistener.h"

#include "tlstcpserver.h"

#include <QLoggingCategory>
#include <QWebSocket>

Q_DECLARE_LOGGING_CATEGORY(lcTransport)

namespace seneschal::transport {

using namespace Qt::StringLiterals;

WebSocketListener::WebSocketListener(ListenerSettings settings, QObject *parent)
    : QObject(parent)
    , m_settings(std::move(settings))
    , m_tcp(new TlsTcpServer(this))
    , m_websockets(new QWebSocketServer(u"seneschal"_s, QWebSocketServer::NonSecureMode, this))
{
    // TLS is terminated by TlsTcpServer before the upgrade, so the WebSocket
    // server itself runs in non-secure mode.
    connect(m_tcp, &TlsTcpServer::socketReady, this, &WebSocketListener::onSocketReady);
    connect(m_websockets, &QWebSocketServer::newConnection, this,
            &WebSocketListener::onNewConnection);
    m_websockets->setHandshakeTimeout(10000);
    connect(m_websockets, &QWebSocketServer::serverError, this,
            [](QWebSocketProtocol::CloseCode code) {
                qCInfo(lcTransport) << "WebSocket upgrade refused:" << code;
            });
}

WebSocketListener::~WebSocketListener() = default;

bool WebSocketListener::listen(const QSslConfiguration &ssl)
{
    if (!m_settings.tls && !m_settings.address.isLoopback() && !m_settings.allowPlaintext) {
        m_error = u"plaintext is allowed only on a loopback address or with "
                  "server/allowPlaintext=true"_s;
        return false;
    }
    m_tcp->setSslConfiguration(m_settings.tls ? ssl : QSslConfiguration());
    if (!m_tcp->listen(m_settings.address, m_settings.port)) {
        m_error = m_tcp->errorString();
        return false;
    }
    qCInfo(lcTransport).noquote() << "listening on"
                                  << (m_settings.tls ? u"wss://"_s : u"ws://"_s) +
                                         m_settings.address.toString() + u':' +
                                         QString::number(m_tcp->serverPort()) + m_settings.path;
    return true;
}

void WebSocketListener::setSslConfiguration(const QSslConfiguration &ssl)
{
    if (m_settings.tls && !ssl.isNull())
        m_tcp->setSslConfiguration(ssl);
}

void WebSocketListener::stop()
{
    m_tcp->close();
    m_websockets->close();
}

void WebSocketListener::setMaxSockets(int maxSockets)
{
    m_tcp->setMaxSockets(maxSockets);
}

quint16 WebSocketListener::port() const
{
    return m_tcp->serverPort();
}

QString WebSocketListener::peerKey(const QHostAddress &address, quint16 port)
{
    return address.toString() + u'#' + QString::number(port);
}

void WebSocketListener::onSocketReady(QTcpSocket *socket)
{
    // QWebSocket does not take ownership of the socket it upgrades: it is
    // handed over (and so deleted with it) in onNewConnection. Qt deletes a
    // socket that disconnects or fails its upgrade; its entry goes with it.
    const QString key = peerKey(socket->peerAddress(), socket->peerPort());
    m_upgrading.insert(key, socket);
    connect(socket, &QObject::destroyed, this, [this, key] {
        if (auto it = m_upgrading.find(key); it != m_upgrading.end() && it->isNull())
            m_upgrading.erase(it);
    });
    m_websockets->handleConnection(socket);
}

void WebSocketListener::onNewConnection()
{
    while (QWebSocket *socket = m_websockets->nextPendingConnection()) {
        QTcpSocket *wire =
            m_upgrading.take(peerKey(socket->peerAddress(), socket->peerPort())).data();
        if (wire) {
            wire->disconnect(this);
            wire->setParent(socket);
        } else {
            qCWarning(lcTransport) << "the socket under an upgraded connection was not found;"
                                   << "frames go through QWebSocket";
        }
        // Qt's defaults allow 2 GiB per message. Qt's own limit sits well
        // above the protocol's so that the session sees an oversized message
        // whole and answers too_large with 4413; only a far larger one hits
        // Qt's limit (1009), whose close races the unread data.
        const qint64 limit = 2 * m_settings.maxIncomingMessageBytes + 1024;
        socket->setMaxAllowedIncomingMessageSize(quint64(limit));
        socket->setMaxAllowedIncomingFrameSize(quint64(limit));
        const QString path = socket->requestUrl().path();
        if (path != m_settings.path &&
            (m_settings.adminPath.isEmpty() || path != m_settings.adminPath)) {
            qCInfo(lcTransport) << "refused" << socket->peerAddress().toString() << "asking for"
                                << socket->requestUrl().path();
            socket->close(QWebSocketProtocol::CloseCodePolicyViolated, u"unknown path"_s);
            socket->deleteLater();
            continue;
        }
        Q_EMIT connected(socket, wire);
    }
}

} // namespace seneschal::transport
