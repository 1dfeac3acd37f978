#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QObject>

class QTcpSocket;

namespace seneschal::bench {

// A minimal RFC 6455 client over a plain QTcpSocket (ws:// on loopback, or
// wss:// for the reconnect storm):
// the upgrade handshake, masked text frames out, unmasked frames in, ping and
// close. The load generator runs thousands of these beside the server on two
// cores, so it skips what QWebSocket adds per frame (UTF-16 conversion of
// every text message, signal per frame, per-socket timers).
class WsConnection : public QObject
{
    Q_OBJECT
public:
    // Receives what arrives; called synchronously from readyRead.
    class Handler
    {
    public:
        virtual ~Handler() = default;
        virtual void onOpened() = 0;
        virtual void onText(QByteArrayView frame) = 0;
        virtual void onClosed(int closeCode) = 0;
        // The socket handed some of its buffer to the kernel.
        virtual void onWritten() {}
    };

    WsConnection(Handler &handler, QObject *parent = nullptr);
    ~WsConnection() override;

    // With `tls`, wss:// without verifying the server (its self-signed
    // certificate on loopback).
    void open(quint16 port, const QByteArray &path = QByteArrayLiteral("/v1"), bool tls = false);
    // One masked text frame, queued in the socket's buffer (Qt writes it on
    // the next event-loop pass, together with the others queued meanwhile).
    void sendText(QByteArrayView payload);
    void close(int closeCode = 1000);
    // Drops the TCP connection without a close handshake.
    void abort();
    bool isOpen() const { return m_state == State::Open; }
    qint64 bytesToWrite() const;

private:
    enum class State { Idle, Connecting, Upgrading, Open, Closing, Closed };

    void onConnected();
    void onReadyRead();
    void onDisconnected();
    bool readHandshake();
    void readFrames();
    void sendFrame(quint8 opcode, QByteArrayView payload);
    void finish(int closeCode);

    Handler &m_handler;
    QTcpSocket *m_socket = nullptr;
    State m_state = State::Idle;
    QByteArray m_in;
    qsizetype m_consumed = 0;
    QByteArray m_fragments; // a fragmented text message being assembled
    QByteArray m_expectedAccept;
    QByteArray m_out; // scratch buffer for one outgoing frame
    quint32 m_maskSeed = 0;
    int m_closeCode = 1006;
    quint16 m_port = 0;
};

} // namespace seneschal::bench
