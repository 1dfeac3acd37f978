#pragma once

#include "certificatepins.h"
#include "certificateprobe.h"
#include "serverprofile.h"

#include <QList>
#include <QObject>
#include <QSslCertificate>
#include <functional>

class QWidget;

namespace seneschal::admingui {

// What a connection trusts, as AdminClient takes it.
struct TrustedCertificates
{
    QList<QSslCertificate> caCertificates; // empty with no caFile: the system's
    QString caFile;
};

// Turns a profile's trust mode into what AdminClient verifies the server
// against. The system's CAs and a CA file need nothing more. A pin needs the
// server's certificate first: it is fetched (CertificateProbe) and compared
// with the pin; on first use the operator is shown its fingerprint, to
// compare with the one the server logs, and asked to accept it; a
// certificate that differs from the pin is refused, loudly. The accepted
// certificate is then the only one the connection trusts, so a server that
// changes it later fails verification instead of being believed.
class TlsTrust : public QObject
{
    Q_OBJECT

public:
    // Shows the fingerprint of an unknown server; true to pin it.
    using Approver = std::function<bool(const QString &server, const QString &fingerprint)>;

    explicit TlsTrust(CertificatePins *pins, QObject *parent = nullptr);

    void setApprover(Approver approver) { m_approver = std::move(approver); }
    void resolve(const ServerProfile &profile);

Q_SIGNALS:
    void resolved(const seneschal::admingui::TrustedCertificates &trusted);
    // `changed`: the certificate differs from the pinned one.
    void refused(const QString &message, bool changed);

private:
    void onProbed(const CertificateProbe::Result &result);

    CertificatePins *m_pins;
    CertificateProbe *m_probe;
    Approver m_approver;
    ServerProfile m_profile;
};

} // namespace seneschal::admingui

Q_DECLARE_METATYPE(seneschal::admingui::TrustedCertificates)
