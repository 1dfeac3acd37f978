#include "errorcode.h"

namespace seneschal::protocol {

QString errorCodeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::Invalid:
        return QStringLiteral("invalid");
    case ErrorCode::AuthFailed:
        return QStringLiteral("auth_failed");
    case ErrorCode::Forbidden:
        return QStringLiteral("forbidden");
    case ErrorCode::TooLarge:
        return QStringLiteral("too_large");
    case ErrorCode::RateLimited:
        return QStringLiteral("rate_limited");
    case ErrorCode::Replaced:
        return QStringLiteral("replaced");
    case ErrorCode::Unavailable:
        return QStringLiteral("unavailable");
    }
    return {};
}

std::optional<ErrorCode> errorCodeFromName(QStringView name)
{
    if (name == u"invalid")
        return ErrorCode::Invalid;
    if (name == u"auth_failed")
        return ErrorCode::AuthFailed;
    if (name == u"forbidden")
        return ErrorCode::Forbidden;
    if (name == u"too_large")
        return ErrorCode::TooLarge;
    if (name == u"rate_limited")
        return ErrorCode::RateLimited;
    if (name == u"replaced")
        return ErrorCode::Replaced;
    if (name == u"unavailable")
        return ErrorCode::Unavailable;
    return std::nullopt;
}

} // namespace seneschal::protocol
