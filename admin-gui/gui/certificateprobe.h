#pragma once

#include <QList>
#include <QObject>
#include <QSslCertificate>
#include <QSslError>
#include <QString>

class QSslSocket;
class QTimer;

namespace seneschal::admingui {

// Fetches the certificate a server presents, before anything is sent to it:
// a TLS handshake that only looks (it lists what verification against the
// system's CAs found wrong, and ignores it, since it sends nothing), then
// closes. For pinning on first use and for telling a changed certificate
// from other TLS failures.
class CertificateProbe : public QObject
{
    Q_OBJECT

public:
    struct Result
    {
        QString error; // empty: the handshake worked
        QList<QSslCertificate> chain;
        QList<QSslError> verificationErrors;
    };

    explicit CertificateProbe(QObject *parent = nullptr);
    ~CertificateProbe() override;

    void probe(const QString &host, quint16 port, int timeoutMs = 10000);

Q_SIGNALS:
    void finished(const seneschal::admingui::CertificateProbe::Result &result);

private:
    void finish(const QString &error);

    QSslSocket *m_socket = nullptr;
    QTimer *m_timeout;
    QList<QSslError> m_errors;
};

} // namespace seneschal::admingui
