#include "tlstcpserver.h"

#include <QLoggingCategory>
#include <QSocketNotifier>
#include <QSslSocket>
#include <cerrno>

#ifdef Q_OS_WIN
#include <winsock2.h>
#else
#include <sys/socket.h>
#include <unistd.h>
#endif

Q_LOGGING_CATEGORY(lcTransport, "seneschal.transport")

namespace seneschal::transport {

namespace {
constexpr int kHandshakeTimeoutMs = 10000;
// The kernel's receive buffer per connection, which bounds what one socket
// hands the socket thread per event-loop turn (about 200 small dispatches):
// a device uploading 100,000 dispatches at once would otherwise have
// megabytes parsed in one go while every other connection's frames wait
// (128 KiB still let 870 frames through per turn: bench/RESULTS.md). Qt's
// own read buffer stays unbounded, so large messages are unaffected.
constexpr int kReceiveBufferBytes = 32 * 1024;
// How long accepting pauses after accept() failed, so a server out of file
// descriptors neither spins nor stays deaf once some are free again.
constexpr int kAcceptRetryMs = 1000;
// Connections accepted per wake-up: under a flood of connections, timers (the
// TLS handshake timeouts among them) and other sockets get their turn; the
// notifier fires again while more wait.
constexpr int kMaxAcceptsPerWake = 128;
constexpr const char *kHandshakingProperty = "seneschal.handshaking";
// How long a TLS handshake counts against kMaxConcurrentHandshakes; one on
// loopback takes about a millisecond of CPU.
constexpr int kHandshakeSlotMs = 1000;

void tune(QTcpSocket *socket)
{
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    socket->setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, kReceiveBufferBytes);
}
} // namespace

TlsTcpServer::TlsTcpServer(QObject *parent)
    : QObject(parent)
    , m_listener(this)
    , m_retry(this)
{
    m_retry.setSingleShot(true);
    m_retry.setInterval(kAcceptRetryMs);
#ifndef Q_OS_WIN
    connect(&m_retry, &QTimer::timeout, this, [this] {
        if (m_readable) {
            m_readable->setEnabled(true);
            acceptPending();
        }
    });
#endif
}

TlsTcpServer::~TlsTcpServer()
{
    close();
}

void TlsTcpServer::setSslConfiguration(const QSslConfiguration &configuration)
{
    m_ssl = configuration;
    m_tls = !configuration.isNull();
}

bool TlsTcpServer::listen(const QHostAddress &address, quint16 port)
{
    close();
    m_listener.setListenBacklogSize(kListenBacklog);
    if (!m_listener.listen(address, port))
        return false;
#ifdef Q_OS_WIN
    // Winsock has no accept4 and reports running out differently: Qt's own
    // loop accepts, and admit() takes over from there.
    m_listener.take = [this](qintptr descriptor) { admit(descriptor); };
#else
    m_listener.pauseAccepting(); // Qt's accept loop stays out of it
    m_readable = new QSocketNotifier(m_listener.socketDescriptor(), QSocketNotifier::Read, this);
    connect(m_readable, &QSocketNotifier::activated, this, &TlsTcpServer::acceptPending);
#endif
    return true;
}

void TlsTcpServer::close()
{
    m_retry.stop();
    m_acceptFailing = false;
    for (const qintptr descriptor : m_waiting)
        closeDescriptor(descriptor);
    m_openSockets -= int(m_waiting.size());
    m_waiting.clear();
    delete m_readable;
    m_readable = nullptr;
    m_listener.close();
}

#ifndef Q_OS_WIN
void TlsTcpServer::acceptPending()
{
    for (int accepted = 0; accepted < kMaxAcceptsPerWake;) {
        // Read each time: a receiver of socketReady may have closed the
        // listener (then m_readable is gone and this loop ends).
        if (!m_readable)
            return;
        if (atSocketLimit()) {
            pauseAtLimit(); // until a socket closes (track())
            return;
        }
        const int descriptor = ::accept4(int(m_listener.socketDescriptor()), nullptr, nullptr,
                                         SOCK_CLOEXEC | SOCK_NONBLOCK);
        if (descriptor >= 0) {
            ++accepted;
            if (m_acceptFailing) {
                m_acceptFailing = false;
                qCInfo(lcTransport) << "accepting connections again";
            }
            admit(descriptor);
            continue;
        }
        switch (errno) {
        case EINTR:
            continue;
        // Errors of one connection (reset by its peer while it waited, or a
        // network error Linux hands on from accept(); accept(2) says to treat
        // them like EAGAIN): this drain ends, and the notifier fires again
        // while others wait.
        case ECONNABORTED:
        case EPROTO:
        case ENETDOWN:
        case ENOPROTOOPT:
        case EHOSTDOWN:
        case ENONET:
        case EHOSTUNREACH:
        case EOPNOTSUPP:
        case ENETUNREACH:
        case EAGAIN:
#if EWOULDBLOCK != EAGAIN
        case EWOULDBLOCK:
#endif
            return;
        default: // EMFILE, ENFILE, ENOBUFS, ENOMEM, EPERM (a security module), ...
            pauseAfterAcceptError(errno);
            return;
        }
    }
}

void TlsTcpServer::pauseAfterAcceptError(int error)
{
    // Connections wait in the kernel's backlog meanwhile.
    if (!m_readable)
        return;
    m_readable->setEnabled(false);
    m_retry.start();
    if (m_acceptFailing)
        return;
    m_acceptFailing = true;
    qCWarning(lcTransport).noquote()
        << "cannot accept connections:" << qt_error_string(error)
        << "(out of file descriptors? see the open-file limit logged at start); trying again "
           "every"
        << kAcceptRetryMs << "ms";
}

#endif

void TlsTcpServer::pauseAtLimit()
{
#ifdef Q_OS_WIN
    m_listener.pauseAccepting();
#else
    if (m_readable)
        m_readable->setEnabled(false);
#endif
    if (m_pausedAtLimit)
        return;
    m_pausedAtLimit = true;
    qCWarning(lcTransport) << "not accepting connections:" << m_openSockets
                           << "sockets open, the limit (limits/maxConnections and the open-file "
                              "limit)";
}

void TlsTcpServer::resumeBelowLimit()
{
    if (!m_pausedAtLimit || atSocketLimit())
        return;
    m_pausedAtLimit = false;
    qCInfo(lcTransport) << "accepting connections again";
#ifdef Q_OS_WIN
    m_listener.resumeAccepting();
#else
    if (m_readable)
        m_readable->setEnabled(true); // fires again while connections wait
#endif
}

void TlsTcpServer::closeDescriptor(qintptr descriptor)
{
#ifdef Q_OS_WIN
    ::closesocket(SOCKET(descriptor));
#else
    ::close(int(descriptor));
#endif
}

void TlsTcpServer::admit(qintptr descriptor)
{
    ++m_openSockets;
#ifdef Q_OS_WIN
    if (atSocketLimit())
        pauseAtLimit();
#endif
    if (m_tls && (m_handshaking >= kMaxConcurrentHandshakes || !m_waiting.empty())) {
        m_waiting.push_back(descriptor);
        return;
    }
    adopt(descriptor);
}

void TlsTcpServer::startWaitingHandshakes()
{
    while (!m_waiting.empty() && m_handshaking < kMaxConcurrentHandshakes) {
        const qintptr descriptor = m_waiting.front();
        m_waiting.pop_front();
        adopt(descriptor);
    }
}

void TlsTcpServer::track(QTcpSocket *socket)
{
    // Counted until destroyed, whoever owns it by then.
    connect(socket, &QObject::destroyed, this, [this] {
        --m_openSockets;
        resumeBelowLimit();
    });
}

void TlsTcpServer::adopt(qintptr descriptor)
{
    QTcpSocket *socket = m_tls ? new QSslSocket(this) : new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        // The peer is gone already (getpeername fails): Qt gives the
        // descriptor back without closing it. (Its other way to fail, making
        // the socket non-blocking, cannot happen: accept4 did that.)
        qCDebug(lcTransport) << "accepted connection dropped:" << socket->errorString();
        delete socket;
        closeDescriptor(descriptor);
        --m_openSockets;
        startWaitingHandshakes();
        return;
    }
    track(socket);
    tune(socket);
    if (m_tls)
        startTls(static_cast<QSslSocket *>(socket));
    else
        Q_EMIT socketReady(socket);
}

void TlsTcpServer::startTls(QSslSocket *socket)
{
    socket->setSslConfiguration(m_ssl);
    ++m_handshaking;
    socket->setProperty(kHandshakingProperty, true);
    // A peer that never finishes the handshake must not hold the socket.
    auto *timeout = new QTimer(socket);
    timeout->setSingleShot(true);
    connect(timeout, &QTimer::timeout, socket, [socket] { socket->abort(); });
    connect(socket, &QSslSocket::encrypted, this, [this, socket, timeout] {
        timeout->stop();
        handshakeEnded(socket);
        Q_EMIT socketReady(socket);
    });
    // However it ends: encrypted, failed, timed out, or gone. A peer that
    // stalls holds its slot for kHandshakeSlotMs at most, so that a few idle
    // connections cannot hold up everyone's handshake.
    connect(socket, &QObject::destroyed, this, [this, socket] { handshakeEnded(socket); });
    QTimer::singleShot(kHandshakeSlotMs, socket, [this, socket] { handshakeEnded(socket); });
    connect(socket, &QSslSocket::sslErrors, socket, [socket](const QList<QSslError> &errors) {
        qCInfo(lcTransport) << "TLS handshake failed with" << socket->peerAddress().toString()
                            << errors;
    });
    connect(socket, &QAbstractSocket::errorOccurred, socket, [socket, timeout] {
        if (timeout->isActive()) {
            qCDebug(lcTransport) << "connection from" << socket->peerAddress().toString()
                                 << "ended before TLS was up:" << socket->errorString();
        }
    });
    connect(socket, &QAbstractSocket::disconnected, socket, [socket, timeout] {
        if (timeout->isActive())
            socket->deleteLater();
    });
    timeout->start(kHandshakeTimeoutMs);
    socket->startServerEncryption();
}

void TlsTcpServer::handshakeEnded(QSslSocket *socket)
{
    // Called from `destroyed` too, where only QObject's part is left: the
    // property lives there.
    QObject *object = socket;
    if (!object->property(kHandshakingProperty).toBool())
        return;
    object->setProperty(kHandshakingProperty, false);
    --m_handshaking;
    startWaitingHandshakes();
}

} // namespace seneschal::transport
