#include "jwtparts.h"

#include "base64url.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QList>

using namespace Qt::StringLiterals;

namespace seneschal::auth {

namespace {

std::optional<QJsonObject> jsonObject(const QByteArray &segment)
{
    const auto bytes = Base64Url::decode(segment);
    if (!bytes)
        return std::nullopt;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(*bytes, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    return doc.object();
}

} // namespace

std::optional<JwtParts> JwtParts::parse(const QString &token, QString *why)
{
    auto fail = [why](const QString &reason) -> std::optional<JwtParts> {
        if (why)
            *why = reason;
        return std::nullopt;
    };
    if (token.isEmpty())
        return fail(u"empty token"_s);
    if (token.size() > kMaxTokenBytes)
        return fail(u"token too long"_s);
    const QByteArray raw = token.toLatin1();
    if (QString::fromLatin1(raw) != token)
        return fail(u"token is not ASCII"_s);
    const QList<QByteArray> segments = raw.split('.');
    if (segments.size() != 3)
        return fail(u"token must have three segments"_s);
    JwtParts parts;
    const auto header = jsonObject(segments[0]);
    if (!header)
        return fail(u"malformed header"_s);
    const auto payload = jsonObject(segments[1]);
    if (!payload)
        return fail(u"malformed payload"_s);
    const auto signature = Base64Url::decode(segments[2]);
    if (!signature || signature->isEmpty())
        return fail(u"malformed or missing signature"_s);
    // RFC 7515 4.1.11: an extension we do not implement must make us refuse.
    if (header->contains("crit"_L1))
        return fail(u"unsupported critical header"_s);
    if (!(*header)["alg"_L1].isString())
        return fail(u"missing alg"_s);
    parts.header = *header;
    parts.payload = *payload;
    parts.signingInput = segments[0] + '.' + segments[1];
    parts.signature = *signature;
    return parts;
}

QString JwtParts::algorithm() const
{
    return header["alg"_L1].toString();
}

QString JwtParts::keyId() const
{
    return header["kid"_L1].toString();
}

QString JwtParts::issuer() const
{
    return payload["iss"_L1].toString();
}

} // namespace seneschal::auth
