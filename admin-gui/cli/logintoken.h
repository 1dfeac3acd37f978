#pragma once

#include <QString>

namespace seneschal::admincli {

// What the tool needs to know of a token it logs in with. The server's own
// tokens are bound to the cuid they were issued to (a token presented with
// another cuid is refused), so the session must say that cuid in its hello.
class LoginToken
{
public:
    // The `cuid` claim of the token's payload, read without verifying it
    // (the server does that); empty when there is none (e.g. an external
    // issuer's token) or it is no valid cuid.
    static QString boundCuid(const QString &token);
};

} // namespace seneschal::admincli
