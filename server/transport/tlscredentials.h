#pragma once

#include <QSslConfiguration>
#include <QString>

namespace seneschal::transport {

// The server's TLS identity: loads a PEM certificate and key, or creates a
// self-signed pair on first start when none is configured.
class TlsCredentials
{
public:
    // Writes a new self-signed certificate (EC P-256, 10 years, SAN for
    // localhost, 127.0.0.1 and `hostName`) unless both files exist. The key
    // is written with mode 0600.
    static bool ensureSelfSigned(const QString &certificateFile, const QString &keyFile,
                                 const QString &hostName, QString *error);

    // A server-side configuration for the pair; null with `error` set when
    // the files cannot be read or do not match.
    static QSslConfiguration load(const QString &certificateFile, const QString &keyFile,
                                  QString *error);

    // "SHA-256 AA:BB:..." for logs, so clients can pin or verify.
    static QString fingerprint(const QSslCertificate &certificate);
};

} // namespace seneschal::transport
