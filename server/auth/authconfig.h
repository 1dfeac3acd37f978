#pragma once

#include "passwordhasher.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace seneschal::auth {

// Settings of the LDAP provider ([ldap] in the INI file). Either
// `bindDnTemplate` (direct bind) or `searchBaseDn` + `userFilter` (search,
// then bind as the entry found) must be set. In templates `%u` is the user
// name, escaped for where it goes (RFC 4514 in DNs, RFC 4515 in filters),
// and `%d` (group filter only) the user's DN.
struct LdapConfig
{
    QString url;            // ldap://host:389 or ldaps://host:636
    bool startTls = false;  // ldap:// upgraded with StartTLS; refused if it fails
    QString caFile;         // PEM CA bundle for ldaps:// and StartTLS; empty: system store
    QString bindDnTemplate; // e.g. uid=%u,ou=people,dc=example,dc=test
    QString serviceDn;      // search-then-bind: who searches (empty: anonymous)
    QString servicePassword;
    QString searchBaseDn; // search-then-bind: where users live
    QString userFilter = QStringLiteral("(uid=%u)");
    QString uuidAttribute = QStringLiteral("uid"); // the user's uuid; absent: the name typed
    QString memberOfAttribute = QStringLiteral("memberOf"); // empty: not read
    QString groupBaseDn;                                    // empty: no group search
    QString groupFilter = QStringLiteral(
        "(|(&(objectClass=groupOfNames)(member=%d))(&(objectClass=posixGroup)(memberUid=%u)))");
    QString groupNameAttribute = QStringLiteral("cn");
    int networkTimeoutMs = 5000;    // connecting
    int operationTimeoutMs = 10000; // each bind or search
    // How often the groups of connected LDAP users are read again, in
    // seconds (0: only at password logins).
    int groupRefreshSeconds = 300;
};

// A trusted external token issuer ([jwt.<name>] sections). Its tokens are
// RS256 or ES256, the algorithm fixed by the key type.
struct ExternalIssuerConfig
{
    QString issuer;        // required: the exact `iss`
    QString audience;      // required: must be in `aud`
    QString publicKeyFile; // a PEM public key (RSA >= 2048 bits or EC P-256), or
    QString jwksFile;      // a JWKS file; tokens then pick the key by `kid`
    QString uuidClaim = QStringLiteral("sub");
    QString groupsClaim = QStringLiteral("groups"); // array of strings, or one string
    int leewaySeconds = 60;                         // clock skew allowed on exp, nbf and iat
};

// Failed-login throttling ([ratelimit]). After `*FreeFailures` failures the
// next attempt waits baseDelayMs, doubling per failure up to maxDelayMs; at
// `*LockoutFailures` the answer is rate_limited without checking anything,
// until lockoutSeconds after the last failure. Failures older than
// windowSeconds are forgotten; a success clears its user's count. The
// per-address limits are higher because many users can share an address.
struct RateLimitConfig
{
    int userFreeFailures = 3;
    int userLockoutFailures = 10;
    int addressFreeFailures = 20;
    int addressLockoutFailures = 100;
    int baseDelayMs = 200;
    int maxDelayMs = 2000;
    int lockoutSeconds = 300;
    int windowSeconds = 900;
};

// Everything the auth module needs from the configuration ([auth] and the
// sections above). Suggested INI keys: auth/providers=ldap,local,
// auth/adminGroup, auth/tokenLifetimeDays, auth/tokenIssuer, auth/secretFile.
struct AuthConfig
{
    QStringList providers{QStringLiteral("local")}; // tried in order: "local", "ldap"
    QString adminGroup = QStringLiteral("admins");  // LDAP or local group granting admin
    qint64 tokenLifetimeSeconds = 30 * 24 * 3600;
    QString tokenIssuer = QStringLiteral("seneschal");
    LdapConfig ldap;
    QList<ExternalIssuerConfig> externalIssuers;
    RateLimitConfig rateLimit;
    ScryptParameters scrypt; // for hashes written by the user command

    // Problems, each naming its key; empty when usable.
    QStringList validate() const;
};

} // namespace seneschal::auth
