#pragma once

#include <QByteArray>
#include <QSslCertificate>
#include <QString>

class QSettings;

namespace seneschal::admingui {

// The SHA-256 fingerprints of server certificates the operator accepted on
// first use, one per "host:port", in QSettings (a fingerprint is no secret).
class CertificatePins
{
public:
    explicit CertificatePins(QSettings *settings = nullptr);

    // Empty when none is pinned.
    QByteArray pin(const QString &hostPort) const;
    void setPin(const QString &hostPort, const QByteArray &sha256);
    void removePin(const QString &hostPort);

    static QByteArray fingerprint(const QSslCertificate &certificate);
    // "SHA-256 AA:BB:...", as the server writes it to its log.
    static QString fingerprintText(const QByteArray &sha256);
    // The same on two lines of 16 bytes, for a narrow window.
    static QString fingerprintLines(const QByteArray &sha256);

private:
    QSettings *m_settings;
};

} // namespace seneschal::admingui
