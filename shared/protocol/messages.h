#pragma once

#include "engine/access.h"
#include "engine/dispatch.h"
#include "errorcode.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>
#include <variant>

namespace seneschal::protocol {

inline constexpr int kProtocolVersion = 1;

// ---- client to server (PROTOCOL.md section 4) ----

enum class AuthMethod { Password, Jwt };

struct Hello
{
    int protocol = kProtocolVersion;
    QString cuid;
    qint64 since = 0;
    AuthMethod method = AuthMethod::Password;
    QString username; // password method
    QString password; // password method
    QString token;    // jwt method
};

// A client dispatch as parsed; the server adds cuid and author when it turns
// it into an engine::Dispatch.
struct ClientDispatch
{
    QString id;
    QString oid;
    qint64 ts = 0;
    engine::DispatchOp op = engine::DispatchOp::Put;
    QJsonObject props;
    QString kind;
    QString parent;
    std::optional<engine::Access> access;
};

struct UploadEnd
{
};

struct ClientAck
{
    qint64 seq = 0;
};

struct Share
{
    QString oid;
    QStringList grant;  // principals "user:<uuid>" / "group:<gid>"
    QStringList revoke;
    std::optional<engine::Access> access;
};

struct Ping
{
};

using ClientMessage = std::variant<Hello, ClientDispatch, UploadEnd, ClientAck, Share, Ping>;

// A message that could not be accepted. `dispatchId` is set when the message
// was a dispatch whose id could be read, so the answer is a `reject` for that
// id (PROTOCOL.md 9.4); otherwise the answer is an `error`.
struct ParseError
{
    ErrorCode code = ErrorCode::Invalid;
    QString message;
    QString dispatchId;
    QString oid; // set for a share whose oid could be read
};

// ---- server to client (PROTOCOL.md section 5) ----

struct Welcome
{
    QString uuid;
    QString cuid;
    QStringList groups;
    bool admin = false;
    QString token;
    qint64 tokenExpires = 0;
    qint64 serverTime = 0;
};

struct ServerAck
{
    QStringList ids;
    qint64 seq = 0;
    QStringList clamped;
};

} // namespace seneschal::protocol
