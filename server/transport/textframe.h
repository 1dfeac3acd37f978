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
// A close frame (RFC 6455 section 5.5.1) with `code` and up to 123 bytes of
// `reason`.
QByteArray encodeCloseFrame(int code, QByteArrayView reason);

} // namespace seneschal::transport
