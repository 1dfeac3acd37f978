#pragma once

#include "listenersettings.h"

#include <QObject>
#include <QSslConfiguration>
#include <QWebSocketServer>

namespace seneschal::transport {

class TlsTcpServer;

// The server's front door: TLS (or loopback plaintext), the WebSocket
// upgrade on the protocol path, and per-socket frame limits. Hands over each
// connected QWebSocket through `connected`.
class WebSocketListener : public QObject
{
    Q_OBJECT
public:
    explicit WebSocketListener(ListenerSettings settings, QObject *parent = nullptr);
    ~WebSocketListener() override;

    // Starts listening; false with `errorString` set when it cannot.
    bool listen(const QSslConfiguration &ssl);
    void stop();
    quint16 port() const;
    QString errorString() const { return m_error; }

Q_SIGNALS:
    void connected(QWebSocket *socket);

private:
    void onNewConnection();

    ListenerSettings m_settings;
    TlsTcpServer *m_tcp = nullptr;
    QWebSocketServer *m_websockets = nullptr;
    QString m_error;
};

} // namespace seneschal::transport
