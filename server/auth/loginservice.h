#pragma once

#include "protocol/errorcode.h"
#include "protocol/messages.h"

#include <QObject>
#include <QString>
#include <QStringList>
#include <functional>

namespace seneschal::auth {

// Who a login proved to be.
struct Identity
{
    QString uuid;
    QStringList groups;
    bool admin = false;
    // Those of `groups` that came from LDAP or a token's claims; the others
    // are the server's local groups, which it reads again when they change.
    QStringList providerGroups;
};

// What a client presented in `hello`, plus where it came from.
struct Credentials
{
    protocol::AuthMethod method = protocol::AuthMethod::Password;
    QString username;
    QString password;
    QString token;
    QString cuid;
    QString sourceAddress;
};

// The answer to a login: an identity and the server's own token for it
// (PROTOCOL.md `welcome`), or an error with code auth_failed, rate_limited
// or unavailable.
struct LoginResult
{
    bool ok = false;
    Identity identity;
    QString token;
    qint64 tokenExpiresMs = 0;
    protocol::Error error;
};

// The seam between sessions and authentication. Implementations do their
// slow work (password hashing, LDAP, database) off the socket thread and
// call `done` on `context`'s thread; `done` is dropped if `context` dies.
class LoginService
{
public:
    virtual ~LoginService() = default;
    virtual void login(const Credentials &credentials, QObject *context,
                       std::function<void(const LoginResult &)> done) = 0;
};

} // namespace seneschal::auth
