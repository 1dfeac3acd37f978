#include "tlstcpserver.h"

#include <QLoggingCategory>
#include <QSslSocket>
#include <QTimer>

Q_LOGGING_CATEGORY(lcTransport, "seneschal.transport")

namespace seneschal::transport {

namespace {
constexpr int kHandshakeTimeoutMs = 10000;
}

TlsTcpServer::TlsTcpServer(QObject *parent)
    : QTcpServer(parent)
{}

void TlsTcpServer::setSslConfiguration(const QSslConfiguration &configuration)
{
    m_ssl = configuration;
    m_tls = !configuration.isNull();
}

void TlsTcpServer::incomingConnection(qintptr descriptor)
{
    if (!m_tls) {
        auto *socket = new QTcpSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            return;
        }
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        Q_EMIT socketReady(socket);
        return;
    }
    auto *socket = new QSslSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
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
