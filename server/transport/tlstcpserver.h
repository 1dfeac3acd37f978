#pragma once

#include <QHostAddress>
#include <QSslConfiguration>
#include <QTcpServer>
#include <QTimer>

class QSocketNotifier;
class QSslSocket;

namespace seneschal::transport {

// Accepts TCP connections itself so that each socket gets TCP_NODELAY (which
// QWebSocketServer does not set) and, when configured, a TLS handshake before
// the WebSocket upgrade. Emits ready sockets; the listener upgrades them.
//
// QTcpServer only binds and listens here; the accept loop is this class's
// own. Qt's loop cannot be trusted with running out of file descriptors: its
// socket engine keeps the first error it ever reports, so once a drain of the
// backlog has ended in EAGAIN, a later EMFILE also reads as temporary and
// the server spins on accept() without a word; once EMFILE came first, every
// later drain reads as a failure and pauses accepting. Here EMFILE, ENFILE
// and kin pause accepting, log once and retry every second; EAGAIN, and the
// errors of a single connection (reset while it waited), end a drain.
class TlsTcpServer : public QObject
{
    Q_OBJECT
public:
    explicit TlsTcpServer(QObject *parent = nullptr);
    ~TlsTcpServer() override;

    // A null configuration means plaintext.
    void setSslConfiguration(const QSslConfiguration &configuration);

    bool listen(const QHostAddress &address, quint16 port);
    void close();
    quint16 serverPort() const { return m_listener.serverPort(); }
    QString errorString() const { return m_listener.errorString(); }

Q_SIGNALS:
    void socketReady(QTcpSocket *socket);

private:
    void acceptPending();
    void pauseAfterAcceptError(int error);
    void adopt(qintptr descriptor);
    void startTls(QSslSocket *socket);

    QTcpServer m_listener; // binds and listens; never accepts
    QSocketNotifier *m_readable = nullptr;
    QTimer m_retry;
    QSslConfiguration m_ssl;
    bool m_tls = false;
    bool m_acceptFailing = false; // since the last accept error, until a socket is accepted
};

} // namespace seneschal::transport
