#pragma once

#include "listenersettings.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSslConfiguration>
#include <QTcpSocket>
#include <QWebSocketServer>

namespace seneschal::transport {

class TlsTcpServer;

// The server's front door: TLS (or loopback plaintext), the WebSocket
// upgrade on the protocol path, and per-socket frame limits. Hands over each
// connected QWebSocket through `connected`, together with the TCP (or TLS)
// socket under it, which from then on belongs to the QWebSocket.
class WebSocketListener : public QObject
{
    Q_OBJECT
public:
    explicit WebSocketListener(ListenerSettings settings, QObject *parent = nullptr);
    ~WebSocketListener() override;

    // Starts listening; false with `errorString` set when it cannot.
    bool listen(const QSslConfiguration &ssl);
    // TLS credentials for the connections accepted from now on (a renewed
    // certificate); connections already open keep theirs. Ignored without TLS.
    void setSslConfiguration(const QSslConfiguration &ssl);
    void stop();
    // Open sockets at which accepting pauses until one closes; 0: no limit.
    void setMaxSockets(int maxSockets);
    quint16 port() const;
    QString errorString() const { return m_error; }

Q_SIGNALS:
    void connected(QWebSocket *socket, QTcpSocket *wire);

private:
    void onSocketReady(QTcpSocket *socket);
    void onNewConnection();
    static QString peerKey(const QHostAddress &address, quint16 port);

    ListenerSettings m_settings;
    TlsTcpServer *m_tcp = nullptr;
    QWebSocketServer *m_websockets = nullptr;
    QString m_error;
    // Sockets in their WebSocket handshake, by peer address and port.
    QHash<QString, QPointer<QTcpSocket>> m_upgrading;
};

} // namespace seneschal::transport
