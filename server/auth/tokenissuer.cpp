#include "tokenissuer.h"

#include "base64url.h"
#include "jwtparts.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>
#include <cmath>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

using namespace Qt::StringLiterals;

namespace seneschal::auth {

namespace {

QByteArray hmacSha256(const QByteArray &key, const QByteArray &data)
{
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (!HMAC(EVP_sha256(), key.constData(), int(key.size()),
              reinterpret_cast<const unsigned char *>(data.constData()), size_t(data.size()), out,
              &length))
        return {};
    return QByteArray(reinterpret_cast<const char *>(out), int(length));
}

// A NumericDate claim as whole seconds; JSON gives doubles.
std::optional<qint64> seconds(const QJsonValue &value)
{
    if (!value.isDouble())
        return std::nullopt;
    const double d = value.toDouble();
    if (!std::isfinite(d) || d < 0 || d > 1e13)
        return std::nullopt;
    return qint64(std::floor(d));
}

} // namespace

TokenIssuer::TokenIssuer(QByteArray secret, QString issuer, qint64 lifetimeSeconds, Clock clock)
    : m_secret(std::move(secret))
    , m_issuer(std::move(issuer))
    , m_lifetimeSeconds(lifetimeSeconds)
    , m_clock(std::move(clock))
{}

std::optional<IssuedToken> TokenIssuer::issue(const QString &uuid, const QString &cuid, int version,
                                              const QStringList &groups, qint64 notAfterMs) const
{
    if (m_secret.isEmpty() || uuid.isEmpty())
        return std::nullopt;
    const qint64 now = m_clock() / 1000;
    qint64 exp = now + m_lifetimeSeconds;
    if (notAfterMs > 0)
        exp = std::min(exp, notAfterMs / 1000);
    if (exp <= now)
        return std::nullopt;

    const QJsonObject header{{"alg"_L1, "HS256"_L1}, {"typ"_L1, "JWT"_L1}};
    QJsonObject payload{
        {"iss"_L1, m_issuer}, {"sub"_L1, uuid},
        {"cuid"_L1, cuid},    {"iat"_L1, now},
        {"exp"_L1, exp},      {"jti"_L1, QUuid::createUuid().toString(QUuid::WithoutBraces)},
        {"ver"_L1, version},
    };
    if (!groups.isEmpty())
        payload.insert("grp"_L1, QJsonArray::fromStringList(groups));
    const QByteArray signingInput =
        Base64Url::encode(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.' +
        Base64Url::encode(QJsonDocument(payload).toJson(QJsonDocument::Compact));
    const QByteArray mac = hmacSha256(m_secret, signingInput);
    if (mac.isEmpty())
        return std::nullopt;
    return IssuedToken{QString::fromLatin1(signingInput + '.' + Base64Url::encode(mac)),
                       exp * 1000};
}

std::optional<TokenClaims> TokenIssuer::verify(const QString &token, QString *why) const
{
    auto fail = [why](const QString &reason) -> std::optional<TokenClaims> {
        if (why)
            *why = reason;
        return std::nullopt;
    };
    QString parseError;
    const auto parts = JwtParts::parse(token, &parseError);
    if (!parts)
        return fail(parseError);
    if (parts->algorithm() != "HS256"_L1)
        return fail(u"algorithm %1 is not accepted for server tokens"_s.arg(parts->algorithm()));
    const QByteArray mac = hmacSha256(m_secret, parts->signingInput);
    if (mac.isEmpty() || mac.size() != parts->signature.size() ||
        CRYPTO_memcmp(mac.constData(), parts->signature.constData(), size_t(mac.size())) != 0)
        return fail(u"bad signature"_s);

    // Only now is the payload ours.
    const QJsonObject &p = parts->payload;
    TokenClaims claims;
    claims.issuer = p["iss"_L1].toString();
    claims.uuid = p["sub"_L1].toString();
    claims.cuid = p["cuid"_L1].toString();
    claims.jti = p["jti"_L1].toString();
    const auto iat = seconds(p["iat"_L1]);
    const auto exp = seconds(p["exp"_L1]);
    if (claims.issuer != m_issuer)
        return fail(u"wrong issuer"_s);
    if (claims.uuid.isEmpty() || !exp || !iat || !p["ver"_L1].isDouble())
        return fail(u"missing claims"_s);
    claims.issuedAt = *iat;
    claims.expiresAt = *exp;
    claims.version = p["ver"_L1].toInt(-1);
    for (const QJsonValue &g : p["grp"_L1].toArray())
        if (g.isString())
            claims.groups.append(g.toString());
    if (m_clock() >= claims.expiresAt * 1000)
        return fail(u"expired"_s);
    return claims;
}

} // namespace seneschal::auth
