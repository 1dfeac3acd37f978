#include "base64url.h"

namespace seneschal::auth {

namespace {
constexpr auto kOptions = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;
}

QByteArray Base64Url::encode(const QByteArray &data)
{
    return data.toBase64(kOptions);
}

std::optional<QByteArray> Base64Url::decode(const QByteArray &text)
{
    if (text.size() % 4 == 1)
        return std::nullopt;
    for (const char c : text) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                        (c >= '0' && c <= '9') || c == '-' || c == '_';
        if (!ok)
            return std::nullopt;
    }
    auto result =
        QByteArray::fromBase64Encoding(text, kOptions | QByteArray::AbortOnBase64DecodingErrors);
    if (!result)
        return std::nullopt;
    // Unused low bits in the last character must be zero (canonical form).
    if (encode(result.decoded) != text)
        return std::nullopt;
    return std::move(result.decoded);
}

} // namespace seneschal::auth
