#pragma once

#include <QSslConfiguration>
#include <QTcpServer>

namespace seneschal::transport {

// Accepts TCP connections itself so that each socket gets TCP_NODELAY (which
// QWebSocketServer does not set) and, when configured, a TLS handshake before
// the WebSocket upgrade. Emits ready sockets; the listener upgrades them.
class TlsTcpServer : public QTcpServer
{
    Q_OBJECT
public:
    explicit TlsTcpServer(QObject *parent = nullptr);

    // A null configuration means plaintext.
    void setSslConfiguration(const QSslConfiguration &configuration);

Q_SIGNALS:
    void socketReady(QTcpSocket *socket);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    QSslConfiguration m_ssl;
    bool m_tls = false;
};

} // namespace seneschal::transport
