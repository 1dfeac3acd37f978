#include "tlstcpserver.h"

#include <QLoggingCategory>
#include <QSocketNotifier>
#include <QSslSocket>
#include <cerrno>
#include <cstring>
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

void tune(QTcpSocket *socket)
{
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    socket->setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, kReceiveBufferBytes);
}
} // namespace

TlsTcpServer::TlsTcpServer(QObject *parent)
    : QObject(parent)
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
    delete m_readable;
    m_readable = nullptr;
    m_listener.close();
}

void TlsTcpServer::acceptPending()
{
    const int listening = int(m_listener.socketDescriptor());
    for (;;) {
        const int descriptor = ::accept4(listening, nullptr, nullptr, SOCK_CLOEXEC);
        if (descriptor >= 0) {
            if (m_acceptFailing) {
                m_acceptFailing = false;
                qCInfo(lcTransport) << "accepting connections again";
            }
            adopt(descriptor);
            continue;
        }
        switch (errno) {
        case EINTR:
        case ECONNABORTED: // reset by the peer while it waited: the next one
        case EPROTO:
            continue;
        case EAGAIN:
#if EWOULDBLOCK != EAGAIN
        case EWOULDBLOCK:
#endif
            return; // the backlog is empty
        default:    // EMFILE, ENFILE, ENOBUFS, ENOMEM, ...
            pauseAfterAcceptError(errno);
            return;
        }
    }
}

void TlsTcpServer::pauseAfterAcceptError(int error)
{
    // Connections wait in the kernel's backlog meanwhile.
    m_readable->setEnabled(false);
    m_retry.start();
    if (m_acceptFailing)
        return;
    m_acceptFailing = true;
    qCWarning(lcTransport).noquote()
        << "cannot accept connections:" << QString::fromLocal8Bit(std::strerror(error))
        << "(out of file descriptors? see the open-file limit logged at start); trying again "
           "every"
        << kAcceptRetryMs << "ms";
}

void TlsTcpServer::adopt(qintptr descriptor)
{
    QTcpSocket *socket = m_tls ? new QSslSocket(this) : new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        // Qt leaves the descriptor open when it cannot take it.
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
