#include "authconfig.h"

#include "ldapprovider.h"

using namespace Qt::StringLiterals;

namespace seneschal::auth {

QStringList AuthConfig::validate() const
{
    QStringList problems;
    if (providers.isEmpty())
        problems << u"auth/providers: at least one of local, ldap"_s;
    for (const QString &p : providers)
        if (p != "local"_L1 && p != "ldap"_L1)
            problems << u"auth/providers: unknown provider '%1' (local, ldap)"_s.arg(p);
    if (tokenLifetimeSeconds < 60)
        problems << u"auth/tokenLifetimeDays: too short"_s;
    if (tokenIssuer.isEmpty())
        problems << u"auth/tokenIssuer: must not be empty"_s;
    if (providers.contains("ldap"_L1) && !LdapProvider::builtIn()) {
        problems << u"auth/providers: ldap is not built into this server "
                    "(it was built with SENESCHAL_WITH_LDAP=OFF)"_s;
    } else if (providers.contains("ldap"_L1)) {
        if (!ldap.url.startsWith("ldap://"_L1) && !ldap.url.startsWith("ldaps://"_L1))
            problems << u"ldap/url: must start with ldap:// or ldaps://"_s;
        if (ldap.startTls && ldap.url.startsWith("ldaps://"_L1))
            problems << u"ldap/startTls: not with ldaps://"_s;
        if (ldap.bindDnTemplate.isEmpty() && ldap.searchBaseDn.isEmpty())
            problems << u"ldap/bindDnTemplate or ldap/searchBaseDn: one is required"_s;
        if (!ldap.bindDnTemplate.isEmpty() && !ldap.bindDnTemplate.contains("%u"_L1))
            problems << u"ldap/bindDnTemplate: must contain %u"_s;
        if (ldap.bindDnTemplate.isEmpty() && !ldap.userFilter.contains("%u"_L1))
            problems << u"ldap/userFilter: must contain %u"_s;
        if (ldap.networkTimeoutMs <= 0 || ldap.operationTimeoutMs <= 0)
            problems << u"ldap/networkTimeoutMs, ldap/operationTimeoutMs: must be positive"_s;
    }
    for (const ExternalIssuerConfig &e : externalIssuers) {
        const QString key = u"jwt.%1"_s.arg(e.issuer);
        if (e.issuer.isEmpty())
            problems << u"jwt/issuer: required"_s;
        if (e.issuer == tokenIssuer)
            problems << u"%1/issuer: must differ from auth/tokenIssuer"_s.arg(key);
        if (e.audience.isEmpty())
            problems << u"%1/audience: required"_s.arg(key);
        if (e.publicKeyFile.isEmpty() == e.jwksFile.isEmpty())
            problems << u"%1/publicKeyFile or %1/jwksFile: exactly one"_s.arg(key);
        if (e.uuidClaim.isEmpty())
            problems << u"%1/uuidClaim: must not be empty"_s.arg(key);
        if (e.leewaySeconds < 0 || e.leewaySeconds > 600)
            problems << u"%1/leewaySeconds: 0..600"_s.arg(key);
    }
    const RateLimitConfig &r = rateLimit;
    if (r.userFreeFailures < 0 || r.userLockoutFailures <= r.userFreeFailures)
        problems << u"ratelimit/userLockoutFailures: must exceed userFreeFailures"_s;
    if (r.addressFreeFailures < 0 || r.addressLockoutFailures <= r.addressFreeFailures)
        problems << u"ratelimit/addressLockoutFailures: must exceed addressFreeFailures"_s;
    if (r.baseDelayMs < 0 || r.maxDelayMs < r.baseDelayMs)
        problems << u"ratelimit/maxDelayMs: must be >= baseDelayMs >= 0"_s;
    return problems;
}

} // namespace seneschal::auth
