#include "tlstcpserver.h"

#include <QLoggingCategory>
#include <QSslSocket>
#include <QTimer>

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
    : QTcpServer(parent)
{
    connect(this, &QTcpServer::acceptError, this, &TlsTcpServer::retryAfterAcceptError);
}

void TlsTcpServer::retryAfterAcceptError()
{
    // QTcpServer has paused accepting already; connections wait in the
    // kernel's backlog meanwhile.
    if (!m_acceptFailing) {
        m_acceptFailing = true;
        qCWarning(lcTransport).noquote()
            << "cannot accept connections:" << errorString()
            << "(out of file descriptors? see the open-file limit logged at start); trying "
               "again every"
            << kAcceptRetryMs << "ms";
    }
    QTimer::singleShot(kAcceptRetryMs, this, [this] {
        if (isListening())
            resumeAccepting();
    });
}

void TlsTcpServer::setSslConfiguration(const QSslConfiguration &configuration)
{
    m_ssl = configuration;
    m_tls = !configuration.isNull();
}

void TlsTcpServer::incomingConnection(qintptr descriptor)
{
    if (m_acceptFailing) {
        m_acceptFailing = false;
        qCInfo(lcTransport) << "accepting connections again";
    }
    if (!m_tls) {
        auto *socket = new QTcpSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            return;
        }
        tune(socket);
        Q_EMIT socketReady(socket);
        return;
    }
    auto *socket = new QSslSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    tune(socket);
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
