#include "textframe.h"

#include <algorithm>

namespace seneschal::transport {

QByteArray encodeTextFrame(QByteArrayView utf8Payload)
{
    constexpr char kFinText = char(0x81); // FIN + opcode 1 (text)
    const quint64 length = quint64(utf8Payload.size());
    QByteArray frame;
    frame.reserve(qsizetype(length) + 10);
    frame.append(kFinText);
    if (length < 126) {
        frame.append(char(length));
    } else if (length <= 0xFFFF) {
        frame.append(char(126));
        frame.append(char((length >> 8) & 0xFF));
        frame.append(char(length & 0xFF));
    } else {
        frame.append(char(127));
        for (int shift = 56; shift >= 0; shift -= 8)
            frame.append(char((length >> shift) & 0xFF));
    }
    frame.append(utf8Payload);
    return frame;
}

QByteArray encodeCloseFrame(int code, QByteArrayView reason)
{
    constexpr char kFinClose = char(0x88); // FIN + opcode 8 (close)
    const QByteArrayView cut = reason.first(std::min<qsizetype>(reason.size(), 123));
    QByteArray frame;
    frame.append(kFinClose);
    frame.append(char(2 + cut.size()));
    frame.append(char((code >> 8) & 0xFF));
    frame.append(char(code & 0xFF));
    frame.append(cut);
    return frame;
}

} // namespace seneschal::transport
