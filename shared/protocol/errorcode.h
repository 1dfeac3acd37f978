#pragma once

#include <QString>

#include <optional>

namespace seneschal::protocol {

// The error vocabulary of PROTOCOL.md section 5, used across every module.
enum class ErrorCode {
    Invalid,
    AuthFailed,
    Forbidden,
    TooLarge,
    RateLimited,
    Replaced,
    Unavailable,
};

QString errorCodeName(ErrorCode code);
std::optional<ErrorCode> errorCodeFromName(QStringView name);

// WebSocket close codes of PROTOCOL.md section 5.
namespace CloseCode {
inline constexpr int Normal = 1000;
inline constexpr int TransportTooBig = 1009;
inline constexpr int Invalid = 4400;
inline constexpr int AuthFailed = 4401;
inline constexpr int HelloTimeout = 4408;
inline constexpr int Replaced = 4409;
inline constexpr int TooLarge = 4413;
inline constexpr int RateLimited = 4429;
inline constexpr int Unavailable = 4503;
} // namespace CloseCode

// An error as a value: a code from the vocabulary and a message for humans.
struct Error
{
    ErrorCode code = ErrorCode::Invalid;
    QString message;
};

} // namespace seneschal::protocol
