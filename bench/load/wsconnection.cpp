#include "wsconnection.h"

#include <QCryptographicHash>
#include <QHostAddress>
#include <QRandomGenerator>
#include <QSslSocket>
#include <QTcpSocket>
#include <cstring>

namespace seneschal::bench {

using namespace Qt::StringLiterals;

namespace {

constexpr quint8 kOpContinuation = 0x0;
constexpr quint8 kOpText = 0x1;
constexpr quint8 kOpClose = 0x8;
constexpr quint8 kOpPing = 0x9;

quint8 byteAt(const QByteArray &data, qsizetype index)
{
    return static_cast<quint8>(data[index]);
}

} // namespace

WsConnection::WsConnection(Handler &handler, QObject *parent)
    : QObject(parent)
    , m_handler(handler)
    , m_maskSeed(QRandomGenerator::global()->generate() | 1u)
{}

WsConnection::~WsConnection() = default;

void WsConnection::open(quint16 port, const QByteArray &path, bool tls)
{
    m_port = port;
    m_state = State::Connecting;
    QSslSocket *ssl = tls ? new QSslSocket(this) : nullptr;
    m_socket = ssl ? ssl : new QTcpSocket(this);
    if (ssl) {
        ssl->setPeerVerifyMode(QSslSocket::VerifyNone);
        connect(ssl, &QSslSocket::encrypted, this, &WsConnection::onConnected);
    } else {
        connect(m_socket, &QTcpSocket::connected, this, &WsConnection::onConnected);
    }
    connect(m_socket, &QTcpSocket::readyRead, this, &WsConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, &WsConnection::onDisconnected);
    connect(m_socket, &QTcpSocket::bytesWritten, this, [this] { m_handler.onWritten(); });
    connect(m_socket, &QAbstractSocket::errorOccurred, this, [this] {
        if (m_socket->state() == QAbstractSocket::UnconnectedState)
            onDisconnected();
    });
    QByteArray key(16, Qt::Uninitialized);
    QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(key.data()), 4);
    const QByteArray key64 = key.toBase64();
    m_expectedAccept =
        QCryptographicHash::hash(QByteArray(key64 + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"),
                                 QCryptographicHash::Sha1)
            .toBase64();
    m_out = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port) +
            "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key64 +
            "\r\nSec-WebSocket-Version: 13\r\n\r\n";
    if (ssl)
        ssl->connectToHostEncrypted(u"127.0.0.1"_s, port);
    else
        m_socket->connectToHost(QHostAddress::LocalHost, port);
}

void WsConnection::onConnected()
{
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    m_state = State::Upgrading;
    m_socket->write(m_out);
}

void WsConnection::onReadyRead()
{
    if (m_in.isEmpty())
        m_in = m_socket->readAll();
    else
        m_in.append(m_socket->readAll());
    if (m_state == State::Upgrading && !readHandshake())
        return;
    if (m_state == State::Open || m_state == State::Closing)
        readFrames();
}

bool WsConnection::readHandshake()
{
    const qsizetype end = m_in.indexOf("\r\n\r\n");
    if (end < 0)
        return false;
    const QByteArray head = m_in.left(end).toLower();
    if (!head.startsWith("http/1.1 101") ||
        !head.contains(QByteArray("sec-websocket-accept: " + m_expectedAccept.toLower()))) {
        abort();
        return false;
    }
    m_consumed = end + 4;
    m_state = State::Open;
    m_handler.onOpened();
    return m_state == State::Open;
}

void WsConnection::readFrames()
{
    for (;;) {
        if (m_state != State::Open && m_state != State::Closing)
            return;
        const qsizetype available = m_in.size() - m_consumed;
        if (available < 2)
            break;
        const qsizetype at = m_consumed;
        const quint8 b0 = byteAt(m_in, at);
        const quint8 b1 = byteAt(m_in, at + 1);
        const bool fin = (b0 & 0x80) != 0;
        const quint8 opcode = b0 & 0x0F;
        const bool masked = (b1 & 0x80) != 0;
        quint64 length = b1 & 0x7F;
        qsizetype header = 2;
        if (length == 126) {
            if (available < 4)
                break;
            length = (quint64(byteAt(m_in, at + 2)) << 8) | byteAt(m_in, at + 3);
            header = 4;
        } else if (length == 127) {
            if (available < 10)
                break;
            length = 0;
            for (int i = 0; i < 8; ++i)
                length = (length << 8) | byteAt(m_in, at + 2 + i);
            header = 10;
        }
        const qsizetype maskAt = at + header;
        if (masked)
            header += 4;
        if (quint64(available - header) < length)
            break;
        char *payload = m_in.data() + at + header;
        const auto size = qsizetype(length);
        if (masked) {
            for (qsizetype i = 0; i < size; ++i)
                payload[i] = char(payload[i] ^ m_in[maskAt + (i & 3)]);
        }
        m_consumed = at + header + size;
        const QByteArrayView view(payload, size);
        switch (opcode) {
        case kOpText:
            if (fin)
                m_handler.onText(view);
            else
                m_fragments = view.toByteArray();
            break;
        case kOpContinuation:
            m_fragments.append(view);
            if (fin) {
                const QByteArray whole = std::exchange(m_fragments, {});
                m_handler.onText(whole);
            }
            break;
        case kOpClose:
            m_closeCode =
                size >= 2 ? int((quint16(quint8(payload[0])) << 8) | quint8(payload[1])) : 1005;
            if (m_state == State::Open)
                sendFrame(kOpClose, view.first(std::min<qsizetype>(size, 2)));
            m_state = State::Closing;
            m_socket->disconnectFromHost();
            return;
        case kOpPing:
            sendFrame(0xA, view);
            break;
        default:
            break; // binary and pong: not expected from this server
        }
    }
    if (m_consumed >= m_in.size()) {
        m_in.clear();
        m_consumed = 0;
    } else if (m_consumed > 1 << 16) {
        m_in.remove(0, m_consumed);
        m_consumed = 0;
    }
}

void WsConnection::sendText(QByteArrayView payload)
{
    if (m_state == State::Open)
        sendFrame(kOpText, payload);
}

void WsConnection::sendFrame(quint8 opcode, QByteArrayView payload)
{
    const qsizetype size = payload.size();
    const qsizetype header = size < 126 ? 6 : size < 65536 ? 8 : 14;
    m_out.resize(header + size);
    auto *out = reinterpret_cast<quint8 *>(m_out.data());
    out[0] = quint8(0x80 | opcode);
    if (size < 126) {
        out[1] = quint8(0x80 | size);
    } else if (size < 65536) {
        out[1] = 0x80 | 126;
        out[2] = quint8(size >> 8);
        out[3] = quint8(size);
    } else {
        out[1] = 0x80 | 127;
        for (int i = 0; i < 8; ++i)
            out[2 + i] = quint8(quint64(size) >> (56 - 8 * i));
    }
    // xorshift32: a fresh mask per frame, as RFC 6455 asks of clients.
    m_maskSeed ^= m_maskSeed << 13;
    m_maskSeed ^= m_maskSeed >> 17;
    m_maskSeed ^= m_maskSeed << 5;
    quint8 mask[4];
    std::memcpy(mask, &m_maskSeed, 4);
    std::memcpy(out + header - 4, mask, 4);
    const auto *in = reinterpret_cast<const quint8 *>(payload.data());
    for (qsizetype i = 0; i < size; ++i)
        out[header + i] = in[i] ^ mask[i & 3];
    m_socket->write(m_out);
}

void WsConnection::close(int closeCode)
{
    if (m_state != State::Open) {
        abort();
        return;
    }
    const char code[2] = {char(closeCode >> 8), char(closeCode & 0xFF)};
    sendFrame(kOpClose, QByteArrayView(code, 2));
    m_state = State::Closing;
    m_closeCode = closeCode;
}

void WsConnection::abort()
{
    if (m_socket && m_state != State::Closed)
        m_socket->abort();
    if (m_state != State::Closed)
        finish(m_closeCode);
}

qint64 WsConnection::bytesToWrite() const
{
    return m_socket ? m_socket->bytesToWrite() : 0;
}

void WsConnection::onDisconnected()
{
    if (m_state != State::Closed)
        finish(m_closeCode);
}

void WsConnection::finish(int closeCode)
{
    m_state = State::Closed;
    m_handler.onClosed(closeCode);
}

} // namespace seneschal::bench
