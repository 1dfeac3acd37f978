#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace seneschal::transport {

// An unmasked, unfragmented WebSocket text frame (RFC 6455 section 5.2) as a
// server sends it: header and UTF-8 payload, ready to be written to the
// connection's socket. Encoding a broadcast once and writing these bytes to
// every recipient spares the per-recipient conversion and framing that
// QWebSocket::sendTextMessage does.
QByteArray encodeTextFrame(QByteArrayView utf8Payload);

} // namespace seneschal::transport
