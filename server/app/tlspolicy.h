#pragma once

#include <QDateTime>
#include <QSslCipher>
#include <QSslConfiguration>
#include <QString>

namespace seneschal::app {

// What the server asks of TLS beyond a certificate and key that belong
// together: TLS 1.2 or later; with TLS 1.2 only cipher suites with forward
// secrecy (ECDHE, DHE) and authenticated encryption (AES-GCM,
// ChaCha20-Poly1305), none of the NULL, anonymous, export, RC4, 3DES, MD5,
// static-RSA or CBC suites Qt's defaults still carry; and, for a reload, a
// certificate that is valid now.
class TlsPolicy
{
public:
    // `configuration` with the protocol floor and the cipher suites above.
    static QSslConfiguration apply(QSslConfiguration configuration);
    // Whether a TLS 1.2 suite (OpenSSL's name) is one the policy keeps;
    // TLS 1.3 suites ("TLS_...") are all kept.
    static bool accepts(const QSslCipher &cipher);
    // Why the leaf certificate is not valid at `now` (expired, not yet
    // valid), empty when it is.
    static QString validityProblem(const QSslCertificate &certificate, const QDateTime &now);
};

} // namespace seneschal::app
