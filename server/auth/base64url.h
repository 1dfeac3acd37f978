#pragma once

#include <QByteArray>
#include <optional>

namespace seneschal::auth {

// Strict base64url (RFC 4648 section 5, no padding) as JWT uses it.
// Decoding refuses padding, foreign characters and non-canonical trailing
// bits, so one token has exactly one spelling.
class Base64Url
{
public:
    static QByteArray encode(const QByteArray &data);
    static std::optional<QByteArray> decode(const QByteArray &text);
};

} // namespace seneschal::auth
