#pragma once

#include "protocol/errorcode.h"

#include <QObject>
#include <QPointer>
#include <QTcpSocket>
#include <QWebSocket>

namespace seneschal::transport {

// One accepted WebSocket and the TCP (or TLS) socket under it: writes the
// server's frames, keeps the write budget of a peer that stops reading, and
// closes with the protocol's close codes. A device session and an admin
// session each own one and keep only their protocol state.
class Connection : public QObject
{
    Q_OBJECT
public:
    // `wire` is the socket under `socket`; frames are written to it directly
    // (a broadcast is framed once for every recipient). Without it they go
    // through `socket`. Takes ownership of `socket`.
    Connection(QWebSocket *socket, QTcpSocket *wire, qint64 maxPendingWriteBytes,
               QObject *parent = nullptr);
    ~Connection() override;

    bool isOpen() const { return m_socket && !m_closed; }
    QHostAddress peerAddress() const;
    // "address:port", for logs.
    QString peer() const;
    // Bytes written and not yet taken by the kernel.
    qint64 bytesToWrite() const;

    // Sends one text frame; `wireFrame` is its encodeTextFrame() when the
    // caller made it already. False when the frame was not sent: the
    // connection is closed, or it was just dropped for being over its write
    // budget.
    bool send(const QByteArray &frame, const QByteArray &wireFrame = {});
    // Sends an `error` with `code`, then closes with the matching close code.
    // A peer closed for rate_limited or unavailable (a flood, a failed
    // commit in the middle of an upload) is likely still sending: after the
    // close frame its connection is read (and what comes discarded) until it
    // closes or kLingerMs pass, so that unread data does not turn the close
    // into a TCP reset that would take the error with it.
    // With `retryAfterMs` > 0 the error carries it (`retryAfterMs`).
    void closeWithError(protocol::ErrorCode code, const QString &message, qint64 retryAfterMs = 0);
    // Sends `frame` (an error of the caller's making), then closes.
    void sendAndClose(const QByteArray &frame, int closeCode, const QString &reason);
    // Closes without a message.
    void closeWith(int closeCode, const QString &reason);

    static int closeCodeFor(protocol::ErrorCode code);
    static constexpr int kLingerMs = 5000;

Q_SIGNALS:
    void textReceived(const QString &text);
    void binaryReceived(const QByteArray &data);
    void disconnected();

private:
    bool checkWriteBudget();
    void closeDraining(const QByteArray &frame, int closeCode, const QString &reason);

    QPointer<QWebSocket> m_socket;
    QPointer<QTcpSocket> m_wire;
    qint64 m_maxPendingWriteBytes;
    bool m_closed = false;
};

} // namespace seneschal::transport
