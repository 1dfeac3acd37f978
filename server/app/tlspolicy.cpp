#include "tlspolicy.h"

#include <QList>
#include <QSslCertificate>

using namespace Qt::StringLiterals;

namespace seneschal::app {

bool TlsPolicy::accepts(const QSslCipher &cipher)
{
    const QString name = cipher.name();
    if (name.startsWith(u"TLS_"_s)) // TLS 1.3: AEAD with forward secrecy, all of them
        return true;
    const bool forwardSecret = name.startsWith(u"ECDHE-"_s) || name.startsWith(u"DHE-"_s);
    const bool aead = name.contains(u"-GCM-"_s) || name.contains(u"CHACHA20-POLY1305"_s);
    // ECDHE-PSK and the like have no certificate to authenticate the server.
    return forwardSecret && aead && !name.contains(u"PSK"_s);
}

QSslConfiguration TlsPolicy::apply(QSslConfiguration configuration)
{
    configuration.setProtocol(QSsl::TlsV1_2OrLater);
    QList<QSslCipher> kept;
    for (const QSslCipher &cipher : configuration.ciphers()) {
        if (accepts(cipher))
            kept.append(cipher);
    }
    configuration.setCiphers(kept);
    return configuration;
}

QString TlsPolicy::validityProblem(const QSslCertificate &certificate, const QDateTime &now)
{
    if (certificate.isNull())
        return u"no certificate"_s;
    if (now >= certificate.expiryDate())
        return u"the certificate expired on %1"_s.arg(
            certificate.expiryDate().toUTC().toString(Qt::ISODate));
    if (now < certificate.effectiveDate())
        return u"the certificate is not valid before %1"_s.arg(
            certificate.effectiveDate().toUTC().toString(Qt::ISODate));
    return {};
}

} // namespace seneschal::app
