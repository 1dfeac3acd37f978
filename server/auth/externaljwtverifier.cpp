#include "externaljwtverifier.h"

#include "jwtparts.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <cmath>

using namespace Qt::StringLiterals;

namespace seneschal::auth {

namespace {

constexpr qint64 kMaxKeyFileBytes = 1024 * 1024;
constexpr qsizetype kMaxUuidLength = 256;

std::optional<QByteArray> readFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = u"%1: %2"_s.arg(path, file.errorString());
        return std::nullopt;
    }
    if (file.size() > kMaxKeyFileBytes) {
        *error = u"%1: too large for a key file"_s.arg(path);
        return std::nullopt;
    }
    return file.readAll();
}

// A NumericDate in milliseconds (fractions allowed by RFC 7519).
std::optional<qint64> dateMs(const QJsonValue &value)
{
    if (!value.isDouble())
        return std::nullopt;
    const double d = value.toDouble();
    if (!std::isfinite(d) || d < 0 || d > 1e13)
        return std::nullopt;
    return qint64(std::floor(d * 1000));
}

bool plausibleName(const QString &s)
{
    if (s.isEmpty() || s.size() > kMaxUuidLength)
        return false;
    for (const QChar c : s)
        if (c.category() == QChar::Other_Control)
            return false;
    return true;
}

} // namespace

ExternalJwtVerifier::ExternalJwtVerifier(ExternalIssuerConfig config, Clock clock,
                                         std::vector<PublicKey> keys, bool fromJwks)
    : m_config(std::move(config))
    , m_clock(std::move(clock))
    , m_keys(std::move(keys))
    , m_fromJwks(fromJwks)
{}

std::unique_ptr<ExternalJwtVerifier> ExternalJwtVerifier::create(const ExternalIssuerConfig &config,
                                                                 Clock clock, QString *error)
{
    QString ignored;
    if (!error)
        error = &ignored;
    std::vector<PublicKey> keys;
    const bool jwks = !config.jwksFile.isEmpty();
    if (jwks) {
        const auto data = readFile(config.jwksFile, error);
        if (!data)
            return nullptr;
        const QJsonDocument doc = QJsonDocument::fromJson(*data);
        if (!doc.isObject() || !doc.object()["keys"_L1].isArray()) {
            *error = u"%1: not a JWKS document"_s.arg(config.jwksFile);
            return nullptr;
        }
        for (const QJsonValue &v : doc.object()["keys"_L1].toArray()) {
            QString why;
            auto key = PublicKey::fromJwk(v.toObject(), &why);
            if (!key) {
                *error = u"%1: %2"_s.arg(config.jwksFile, why);
                return nullptr;
            }
            keys.push_back(std::move(*key));
        }
        if (keys.empty()) {
            *error = u"%1: no keys"_s.arg(config.jwksFile);
            return nullptr;
        }
    } else {
        const auto data = readFile(config.publicKeyFile, error);
        if (!data)
            return nullptr;
        QString why;
        auto key = PublicKey::fromPem(*data, &why);
        if (!key) {
            *error = u"%1: %2"_s.arg(config.publicKeyFile, why);
            return nullptr;
        }
        keys.push_back(std::move(*key));
    }
    return std::unique_ptr<ExternalJwtVerifier>(
        new ExternalJwtVerifier(config, std::move(clock), std::move(keys), jwks));
}

const PublicKey *ExternalJwtVerifier::keyFor(const QString &kid) const
{
    if (!m_fromJwks)
        return &m_keys.front(); // one configured key; a kid in the header changes nothing
    if (kid.isEmpty())
        return m_keys.size() == 1 ? &m_keys.front() : nullptr;
    for (const PublicKey &key : m_keys)
        if (key.keyId() == kid)
            return &key;
    return nullptr;
}

std::optional<ExternalIdentity> ExternalJwtVerifier::verify(const QString &token,
                                                            QString *why) const
{
    auto fail = [why](const QString &reason) -> std::optional<ExternalIdentity> {
        if (why)
            *why = reason;
        return std::nullopt;
    };
    QString parseError;
    const auto parts = JwtParts::parse(token, &parseError);
    if (!parts)
        return fail(parseError);
    const PublicKey *key = keyFor(parts->keyId());
    if (!key)
        return fail(u"unknown key id '%1'"_s.arg(parts->keyId()));
    // The key fixes the algorithm; the header only has to agree with it.
    if (parts->algorithm() != key->algorithm())
        return fail(
            u"algorithm %1 does not match the %2 key"_s.arg(parts->algorithm(), key->algorithm()));
    if (!key->verify(parts->signingInput, parts->signature))
        return fail(u"bad signature"_s);

    const QJsonObject &p = parts->payload;
    if (p["iss"_L1].toString() != m_config.issuer)
        return fail(u"wrong issuer"_s);
    const QJsonValue aud = p["aud"_L1];
    bool audienceOk = aud.isString() && aud.toString() == m_config.audience;
    if (aud.isArray())
        for (const QJsonValue &a : aud.toArray())
            audienceOk = audienceOk || (a.isString() && a.toString() == m_config.audience);
    if (!audienceOk)
        return fail(u"wrong audience"_s);

    const qint64 now = m_clock();
    const qint64 leeway = qint64(m_config.leewaySeconds) * 1000;
    const auto exp = dateMs(p["exp"_L1]);
    if (!exp)
        return fail(u"missing or bad exp"_s);
    if (now >= *exp + leeway)
        return fail(u"expired"_s);
    if (p.contains("nbf"_L1)) {
        const auto nbf = dateMs(p["nbf"_L1]);
        if (!nbf)
            return fail(u"bad nbf"_s);
        if (now + leeway < *nbf)
            return fail(u"not yet valid"_s);
    }
    // iat is only checked for form: exp and nbf bound the validity, and an
    // issuer whose clock runs ahead should not lock everyone out.
    if (p.contains("iat"_L1) && !dateMs(p["iat"_L1]))
        return fail(u"bad iat"_s);

    ExternalIdentity identity;
    identity.uuid = p[m_config.uuidClaim].toString();
    if (!plausibleName(identity.uuid))
        return fail(u"missing or bad claim %1"_s.arg(m_config.uuidClaim));
    const QJsonValue groups = p[m_config.groupsClaim];
    if (groups.isString()) {
        identity.groups.append(groups.toString());
    } else if (groups.isArray()) {
        for (const QJsonValue &g : groups.toArray())
            if (g.isString() && plausibleName(g.toString()))
                identity.groups.append(g.toString());
    }
    identity.expiresMs = *exp;
    return identity;
}

} // namespace seneschal::auth
