#include "tlstcpserver.h"

#include <QLoggingCategory>
#include <QSocketNotifier>
#include <QSslSocket>
#include <cerrno>
#include <sys/socket.h>
#include <unistd.h>

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
    connect(&m_retry, &QTimer::timeout, this, [this] {
        if (m_readable) {
            m_readable->setEnabled(true);
            acceptPending();
        }
    });
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
    if (!m_listener.listen(address, port))
        return false;
    m_listener.pauseAccepting(); // Qt's accept loop stays out of it
    m_readable = new QSocketNotifier(m_listener.socketDescriptor(), QSocketNotifier::Read, this);
    connect(m_readable, &QSocketNotifier::activated, this, &TlsTcpServer::acceptPending);
    return true;
}

void TlsTcpServer::close()
{
    m_retry.stop();
    m_acceptFailing = false;
    delete m_readable;
    m_readable = nullptr;
    m_listener.close();
}

void TlsTcpServer::acceptPending()
{
    for (int accepted = 0; accepted < kMaxAcceptsPerWake;) {
        // Read each time: a receiver of socketReady may have closed the
        // listener (then m_readable is gone and this loop ends).
        if (!m_readable)
            return;
        const int descriptor = ::accept4(int(m_listener.socketDescriptor()), nullptr, nullptr,
                                         SOCK_CLOEXEC | SOCK_NONBLOCK);
        if (descriptor >= 0) {
            ++accepted;
            if (m_acceptFailing) {
                m_acceptFailing = false;
                qCInfo(lcTransport) << "accepting connections again";
            }
            adopt(descriptor);
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

void TlsTcpServer::adopt(qintptr descriptor)
{
    QTcpSocket *socket = m_tls ? new QSslSocket(this) : new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        // The peer is gone already (getpeername fails): Qt gives the
        // descriptor back without closing it. (Its other way to fail, making
        // the socket non-blocking, cannot happen: accept4 did that.)
        qCDebug(lcTransport) << "accepted connection dropped:" << socket->errorString();
        delete socket;
        ::close(int(descriptor));
        return;
    }
    tune(socket);
    if (m_tls)
        startTls(static_cast<QSslSocket *>(socket));
    else
        Q_EMIT socketReady(socket);
}

void TlsTcpServer::startTls(QSslSocket *socket)
{
    socket->setSslConfiguration(m_ssl);
    // A peer that never finishes the handshake must not hold the socket.
    auto *timeout = new QTimer(socket);
    timeout->setSingleShot(true);
    connect(timeout, &QTimer::timeout, socket, [socket] { socket->abort(); });
    connect(socket, &QSslSocket::encrypted, this, [this, socket, timeout] {
        timeout->stop();
        Q_EMIT socketReady(socket);
    });
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

} // namespace seneschal::transport
