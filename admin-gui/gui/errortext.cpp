#include "errortext.h"

namespace seneschal::admingui {

using protocol::ErrorCode;

QString ErrorText::code(ErrorCode code)
{
    switch (code) {
    case ErrorCode::Invalid:
        return tr("The server did not accept the request as valid.");
    case ErrorCode::AuthFailed:
        return tr("The user name, password or token was refused.");
    case ErrorCode::Forbidden:
        return tr("Not allowed, or no such device, object or user.");
    case ErrorCode::TooLarge:
        return tr("The request is too large for the server.");
    case ErrorCode::RateLimited:
        return tr("Too many attempts; wait a moment and try again.");
    case ErrorCode::Replaced:
        return tr("Another console with the same identity took over the session.");
    case ErrorCode::Unavailable:
        return tr("The server is unavailable or the connection was lost before the answer; "
                  "the action may have happened, refresh to see.");
    }
    return tr("Unknown error.");
}

QString ErrorText::codeName(const QString &name)
{
    if (const auto known = protocol::errorCodeFromName(name))
        return code(*known);
    return tr("The server answered with the error \"%1\".").arg(name);
}

QString ErrorText::error(const protocol::admin::AdminError &error)
{
    if (error.message.isEmpty())
        return code(error.code);
    return tr("%1 (server: %2)").arg(code(error.code), error.message);
}

QString ErrorText::closeCode(int closeCode)
{
    switch (closeCode) {
    case 0:
        return {};
    case 1000:
        return tr("The connection was closed.");
    case 1001:
        return tr("The server went away.");
    case 1006:
        return tr("The connection was lost.");
    case 1008:
        return tr("The server does not serve the admin interface at this address.");
    case 1009:
        return tr("A message was too large for the connection.");
    case protocol::CloseCode::Invalid:
        return tr("The server closed the session after invalid messages.");
    case protocol::CloseCode::AuthFailed:
        return tr("The user name, password or token was refused.");
    case protocol::admin::CloseCode::Forbidden:
        return tr("This user is not an admin, or this address may not use the admin interface.");
    case protocol::CloseCode::HelloTimeout:
        return tr("The login took too long.");
    case protocol::CloseCode::Replaced:
        return tr("Another console with the same identity took over the session.");
    case protocol::admin::CloseCode::Disconnected:
        return tr("An admin disconnected this session.");
    case protocol::CloseCode::TooLarge:
        return tr("A message was too large for the server.");
    case protocol::CloseCode::RateLimited:
        return tr("Too many login attempts; wait a moment and try again.");
    case protocol::CloseCode::Unavailable:
        return tr("The server is shutting down or unavailable.");
    default:
        return tr("The connection ended (code %1).").arg(closeCode);
    }
}

} // namespace seneschal::admingui
