#include "certificatepins.h"

#include <QCryptographicHash>
#include <QSettings>

namespace seneschal::admingui {

using namespace Qt::StringLiterals;

namespace {

QString settingsKey(const QString &hostPort)
{
    // A colon or slash would nest groups in some QSettings formats.
    return u"certificatePins/"_s + QString::fromLatin1(hostPort.toUtf8().toHex());
}

} // namespace

CertificatePins::CertificatePins(QSettings *settings)
    : m_settings(settings)
{}

QByteArray CertificatePins::pin(const QString &hostPort) const
{
    if (m_settings)
        return QByteArray::fromHex(m_settings->value(settingsKey(hostPort)).toByteArray());
    QSettings settings;
    return QByteArray::fromHex(settings.value(settingsKey(hostPort)).toByteArray());
}

void CertificatePins::setPin(const QString &hostPort, const QByteArray &sha256)
{
    if (m_settings) {
        m_settings->setValue(settingsKey(hostPort), sha256.toHex());
        return;
    }
    QSettings settings;
    settings.setValue(settingsKey(hostPort), sha256.toHex());
}

void CertificatePins::removePin(const QString &hostPort)
{
    if (m_settings) {
        m_settings->remove(settingsKey(hostPort));
        return;
    }
    QSettings settings;
    settings.remove(settingsKey(hostPort));
}

QByteArray CertificatePins::fingerprint(const QSslCertificate &certificate)
{
    return certificate.digest(QCryptographicHash::Sha256);
}

QString CertificatePins::fingerprintText(const QByteArray &sha256)
{
    return u"SHA-256 "_s + QString::fromLatin1(sha256.toHex(':').toUpper());
}

QString CertificatePins::fingerprintLines(const QByteArray &sha256)
{
    const QString hex = QString::fromLatin1(sha256.toHex(':').toUpper());
    if (sha256.size() <= 16)
        return u"SHA-256 "_s + hex;
    // 16 bytes are 47 characters and a colon.
    return u"SHA-256 "_s + hex.left(47) + u"\n        "_s + hex.mid(48);
}

} // namespace seneschal::admingui
