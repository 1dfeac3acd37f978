#pragma once

#include <QHostAddress>
#include <QSslConfiguration>
#include <QTcpServer>
#include <QTimer>
#include <deque>
#include <functional>

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
//
// A reconnect storm (thousands of devices at once after a restart) is
// admitted in order at the rate the machine takes it: connections are
// accepted as fast as they come (so the kernel's backlog never overflows and
// nobody is reset), but at most kMaxConcurrentHandshakes TLS handshakes run
// at a time; the others wait, first come first served, with their
// ClientHello in the kernel's buffer, and their handshake timeout starts
// only when their turn comes. (A handshake stops counting after a second,
// finished or not, so stalled peers cannot hold everyone up.) Past `maxSockets` open sockets
// accepting pauses (connections wait in the backlog) until one closes.
class TlsTcpServer : public QObject
{
    Q_OBJECT
public:
    explicit TlsTcpServer(QObject *parent = nullptr);
    ~TlsTcpServer() override;

    // A null configuration means plaintext.
    void setSslConfiguration(const QSslConfiguration &configuration);

    // Open sockets (waiting, in their handshake, or handed over and not yet
    // destroyed) at which accepting pauses; 0: no limit.
    void setMaxSockets(int maxSockets) { m_maxSockets = maxSockets; }
    int openSockets() const { return m_openSockets; }
    // Accepted sockets waiting for their TLS handshake to start.
    qsizetype waitingHandshakes() const { return qsizetype(m_waiting.size()); }

    static constexpr int kMaxConcurrentHandshakes = 64;
    // What listen() asks of the kernel (it caps it at net.core.somaxconn).
    static constexpr int kListenBacklog = 4096;

    bool listen(const QHostAddress &address, quint16 port);
    void close();
    quint16 serverPort() const { return m_listener.serverPort(); }
    QString errorString() const { return m_listener.errorString(); }

Q_SIGNALS:
    void socketReady(QTcpSocket *socket);

private:
    void acceptPending();
    void pauseAfterAcceptError(int error);
    void admit(qintptr descriptor);
    void adopt(qintptr descriptor);
    void startTls(QSslSocket *socket);
    void handshakeEnded(QSslSocket *socket);
    void startWaitingHandshakes();
    void track(QTcpSocket *socket);
    bool atSocketLimit() const { return m_maxSockets > 0 && m_openSockets >= m_maxSockets; }

    // Binds and listens. On POSIX it never accepts (acceptPending() does);
    // on Windows Qt's accept loop hands each descriptor to admit().
    class Listener : public QTcpServer
    {
    public:
        using QTcpServer::QTcpServer;
        std::function<void(qintptr)> take;

    protected:
        void incomingConnection(qintptr descriptor) override { take(descriptor); }
    };

    void pauseAtLimit();
    void resumeBelowLimit();
    static void closeDescriptor(qintptr descriptor);

    Listener m_listener;
    QSocketNotifier *m_readable = nullptr;
    QTimer m_retry;
    QSslConfiguration m_ssl;
    bool m_tls = false;
    bool m_acceptFailing = false;  // since the last accept error, until a socket is accepted
    std::deque<qintptr> m_waiting; // accepted; their TLS handshake not started yet
    int m_handshaking = 0;
    int m_openSockets = 0;
    int m_maxSockets = 0;
    bool m_pausedAtLimit = false;
};

} // namespace seneschal::transport
