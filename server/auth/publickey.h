#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <memory>
#include <optional>

typedef struct evp_pkey_st EVP_PKEY;

namespace seneschal::auth {

// A public key an external issuer signs with, and the one JWS algorithm it
// may be used for: RSA (>= 2048 bits) only with RS256, EC P-256 only with
// ES256. Fixing the algorithm by key type is what defeats algorithm
// confusion: a token cannot choose how its own signature is checked.
class PublicKey
{
public:
    enum class Type { Rsa, EcP256 };

    static std::optional<PublicKey> fromPem(const QByteArray &pem, QString *why = nullptr);
    // One member of a JWKS "keys" array (kty RSA with n, e; kty EC, crv P-256
    // with x, y). A present "alg" must match the key type, "use" must be sig.
    static std::optional<PublicKey> fromJwk(const QJsonObject &jwk, QString *why = nullptr);

    Type type() const { return m_type; }
    QString algorithm() const; // "RS256" or "ES256"
    QString keyId() const { return m_keyId; }

    // Checks a JWS signature as it appears in the token (ES256: the 64-byte
    // R||S form of RFC 7518 3.4, converted to DER for OpenSSL here).
    bool verify(const QByteArray &signingInput, const QByteArray &signature) const;

private:
    PublicKey(std::shared_ptr<EVP_PKEY> key, Type type, QString keyId);
    static std::optional<PublicKey> adopt(EVP_PKEY *key, QString keyId, QString *why);

    std::shared_ptr<EVP_PKEY> m_key;
    Type m_type;
    QString m_keyId;
};

} // namespace seneschal::auth
