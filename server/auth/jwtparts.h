#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <optional>

namespace seneschal::auth {

// A compact JWS split into its parts and decoded, strictly: exactly three
// base64url segments, header and payload JSON objects, no "crit" header we
// would have to understand. Nothing here is trusted until a verifier has
// checked `signature` over `signingInput`.
class JwtParts
{
public:
    // Tokens beyond this size are refused before any decoding.
    static constexpr qsizetype kMaxTokenBytes = 16 * 1024;

    // The parts, or nullopt with `why` set.
    static std::optional<JwtParts> parse(const QString &token, QString *why = nullptr);

    QJsonObject header;
    QJsonObject payload;
    QByteArray signingInput; // "header.payload" exactly as received
    QByteArray signature;

    QString algorithm() const;
    QString keyId() const;
    QString issuer() const;
};

} // namespace seneschal::auth
