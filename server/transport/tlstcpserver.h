#pragma once

#include <QSslConfiguration>
#include <QTcpServer>

namespace seneschal::transport {

// Accepts TCP connections itself so that each socket gets TCP_NODELAY (which
// QWebSocketServer does not set) and, when configured, a TLS handshake before
// the WebSocket upgrade. Emits ready sockets; the listener upgrades them.
// When accept() fails (out of file descriptors, say) QTcpServer stops
// accepting for good; this one logs it and tries again a second later.
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
    void retryAfterAcceptError();

    QSslConfiguration m_ssl;
    bool m_tls = false;
    bool m_acceptFailing = false; // since the last accept error, until a socket is accepted
};

} // namespace seneschal::transport
