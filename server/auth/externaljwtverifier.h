#pragma once

#include "authconfig.h"
#include "clock.h"
#include "publickey.h"

#include <QString>
#include <QStringList>
#include <memory>
#include <optional>
#include <vector>

namespace seneschal::auth {

// Who an external token names, once it checked out.
struct ExternalIdentity
{
    QString uuid;
    QStringList groups;
    qint64 expiresMs = 0;
};

// Verifies tokens of one trusted external issuer: RS256 or ES256 with a
// configured PEM key or a JWKS file, then iss, aud, exp, nbf (with leeway)
// and the configured uuid and groups claims. The key decides the algorithm;
// "none", HMAC and any mismatch between header and key are refused.
class ExternalJwtVerifier
{
public:
    // Loads the key file(s); nullptr and `error` (naming the file) on failure.
    static std::unique_ptr<ExternalJwtVerifier> create(const ExternalIssuerConfig &config,
                                                       Clock clock, QString *error);

    QString issuer() const { return m_config.issuer; }

    std::optional<ExternalIdentity> verify(const QString &token, QString *why = nullptr) const;

private:
    ExternalJwtVerifier(ExternalIssuerConfig config, Clock clock, std::vector<PublicKey> keys,
                        bool fromJwks);

    const PublicKey *keyFor(const QString &kid) const;

    ExternalIssuerConfig m_config;
    Clock m_clock;
    std::vector<PublicKey> m_keys;
    bool m_fromJwks;
};

} // namespace seneschal::auth
