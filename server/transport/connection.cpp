#include "connection.h"

#include "protocol/codec.h"
#include "textframe.h"

#include <QLoggingCategory>
#include <QSslSocket>
#include <QTimer>

Q_LOGGING_CATEGORY(lcConnection, "seneschal.transport.connection")

namespace seneschal::transport {

using namespace Qt::StringLiterals;
using protocol::ErrorCode;

Connection::Connection(QWebSocket *socket, QTcpSocket *wire, qint64 maxPendingWriteBytes,
                       QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_wire(wire)
    , m_maxPendingWriteBytes(maxPendingWriteBytes)
{
    socket->setParent(this);
    connect(socket, &QWebSocket::textMessageReceived, this, &Connection::textReceived);
    connect(socket, &QWebSocket::binaryMessageReceived, this, &Connection::binaryReceived);
    connect(socket, &QWebSocket::disconnected, this, [this] {
        m_closed = true;
        Q_EMIT disconnected();
    });
}

Connection::~Connection() = default;

int Connection::closeCodeFor(ErrorCode code)
{
    switch (code) {
    case ErrorCode::Invalid:
        return protocol::CloseCode::Invalid;
    case ErrorCode::AuthFailed:
        return protocol::CloseCode::AuthFailed;
    case ErrorCode::TooLarge:
        return protocol::CloseCode::TooLarge;
    case ErrorCode::RateLimited:
        return protocol::CloseCode::RateLimited;
    case ErrorCode::Replaced:
        return protocol::CloseCode::Replaced;
    case ErrorCode::Unavailable:
        return protocol::CloseCode::Unavailable;
    case ErrorCode::Forbidden:
        return 4403; // PROTOCOL.md 10: a user who is not an admin on /v1/admin
    }
    return protocol::CloseCode::Invalid;
}

QHostAddress Connection::peerAddress() const
{
    return m_socket ? m_socket->peerAddress() : QHostAddress();
}

QString Connection::peer() const
{
    if (!m_socket)
        return u"(closed)"_s;
    return m_socket->peerAddress().toString() + u':' + QString::number(m_socket->peerPort());
}

qint64 Connection::bytesToWrite() const
{
    if (!m_socket)
        return 0;
    // A TLS socket moves what it encrypted to its TCP socket's buffer,
    // which grows without bound as well when the peer stops reading.
    const auto *tls = qobject_cast<const QSslSocket *>(m_wire.data());
    return m_socket->bytesToWrite() + (tls ? tls->encryptedBytesToWrite() : 0);
}

bool Connection::send(const QByteArray &frame, const QByteArray &wireFrame)
{
    if (!isOpen())
        return false;
    if (m_wire) {
        // QWebSocket writes each of its frames straight to this socket, so
        // frames written here and by it keep their order; after its close
        // frame nothing is written (m_closed).
        if (m_wire->state() == QAbstractSocket::ConnectedState)
            m_wire->write(wireFrame.isEmpty() ? encodeTextFrame(frame) : wireFrame);
    } else {
        m_socket->sendTextMessage(QString::fromUtf8(frame));
    }
    return checkWriteBudget();
}

bool Connection::checkWriteBudget()
{
    // QWebSocket buffers without bound; a peer that stopped reading would
    // hold memory for everyone. It can catch up from `since` later.
    if (const qint64 queued = bytesToWrite(); m_socket && queued > m_maxPendingWriteBytes) {
        qCWarning(lcConnection) << peer() << "dropped: not reading," << queued << "bytes queued";
        m_closed = true;
        // Not now: the caller may be walking its sessions, and the abort
        // would remove this one from under it.
        QMetaObject::invokeMethod(m_socket, &QWebSocket::abort, Qt::QueuedConnection);
        return false;
    }
    return true;
}

void Connection::closeWithError(ErrorCode code, const QString &message, qint64 retryAfterMs)
{
    const QByteArray frame = retryAfterMs > 0
                                 ? protocol::encodeRetryLater(code, message, retryAfterMs)
                                 : protocol::encodeError(code, message);
    if ((code == ErrorCode::RateLimited || code == ErrorCode::Unavailable) && m_wire) {
        closeDraining(frame, closeCodeFor(code), message);
        return;
    }
    sendAndClose(frame, closeCodeFor(code), message);
}

void Connection::closeDraining(const QByteArray &frame, int closeCode, const QString &reason)
{
    if (!isOpen())
        return;
    m_closed = true;
    // Written behind the QWebSocket's back, which goes on reading (its
    // owner drops what it reads) until the peer answers the close frame
    // by closing, or the linger ends. Qt's own close() would close the TCP
    // connection at once, and with the peer's frames unread the kernel
    // would reset it, taking the error and the close frame with it.
    m_wire->write(encodeTextFrame(frame));
    m_wire->write(encodeCloseFrame(closeCode, reason.toUtf8()));
    QTimer::singleShot(kLingerMs, m_socket, &QWebSocket::abort);
}

void Connection::sendAndClose(const QByteArray &frame, int closeCode, const QString &reason)
{
    if (!isOpen())
        return;
    m_socket->sendTextMessage(QString::fromUtf8(frame));
    closeWith(closeCode, reason);
}

void Connection::closeWith(int closeCode, const QString &reason)
{
    if (!isOpen())
        return;
    m_closed = true;
    // Close reasons are limited to 123 bytes by RFC 6455.
    m_socket->close(static_cast<QWebSocketProtocol::CloseCode>(closeCode), reason.left(100));
}

} // namespace seneschal::transport
