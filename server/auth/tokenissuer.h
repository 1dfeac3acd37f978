#pragma once

#include "clock.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <optional>

namespace seneschal::auth {

// The claims of one of the server's own tokens.
struct TokenClaims
{
    QString issuer;       // iss
    QString uuid;         // sub
    QString cuid;         // cuid: the device the token was issued to
    QString jti;          // jti: a random id per token
    qint64 issuedAt = 0;  // iat, seconds
    qint64 expiresAt = 0; // exp, seconds
    int version = 0;      // ver: the user's tokenVersion when issued
    QStringList groups;   // grp: groups from the provider that proved the login (LDAP, external
                          // issuer), so token logins work while that provider is away
};

struct IssuedToken
{
    QString token;
    qint64 expiresMs = 0; // exp in milliseconds, PROTOCOL.md 9.13
};

// Issues and verifies the server's own tokens: HS256 over a secret only the
// server knows. The algorithm is fixed; a token naming any other is refused,
// so no header can talk the verifier into "none" or a public-key scheme.
// Whether `ver` still matches the user's record is for the caller to check,
// as it needs storage.
class TokenIssuer
{
public:
    TokenIssuer(QByteArray secret, QString issuer, qint64 lifetimeSeconds,
                Clock clock = systemClock());

    QString issuer() const { return m_issuer; }

    // A token for `uuid` on `cuid`. `notAfterMs` (if > 0) caps the expiry,
    // e.g. at the expiry of the external token it was exchanged for.
    std::optional<IssuedToken> issue(const QString &uuid, const QString &cuid, int version,
                                     const QStringList &groups, qint64 notAfterMs = 0) const;

    // The claims if the signature, issuer and expiry hold; otherwise nullopt
    // and `why` (for the log, never for the client).
    std::optional<TokenClaims> verify(const QString &token, QString *why = nullptr) const;

private:
    QByteArray m_secret;
    QString m_issuer;
    qint64 m_lifetimeSeconds;
    Clock m_clock;
};

} // namespace seneschal::auth
