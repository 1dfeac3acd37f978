#include "tlstrust.h"

#include <QSslConfiguration>

namespace seneschal::admingui {

TlsTrust::TlsTrust(CertificatePins *pins, QObject *parent)
    : QObject(parent)
    , m_pins(pins)
    , m_probe(new CertificateProbe(this))
{
    connect(m_probe, &CertificateProbe::finished, this, &TlsTrust::onProbed);
}

void TlsTrust::resolve(const ServerProfile &profile)
{
    m_profile = profile;
    switch (profile.trust) {
    case TrustMode::SystemCas:
        Q_EMIT resolved({});
        return;
    case TrustMode::CaFile:
        Q_EMIT resolved({{}, profile.caFile});
        return;
    case TrustMode::Pinned:
        m_probe->probe(profile.url.host(), quint16(profile.url.port(ServerProfile::kDefaultPort)));
        return;
    }
}

void TlsTrust::onProbed(const CertificateProbe::Result &result)
{
    const QString server = m_profile.hostPort();
    if (!result.error.isEmpty()) {
        Q_EMIT refused(tr("Could not fetch the certificate of %1: %2").arg(server, result.error),
                       false);
        return;
    }
    const QSslCertificate leaf = result.chain.first();
    const QByteArray seen = CertificatePins::fingerprint(leaf);
    const QByteArray pinned = m_pins->pin(server);
    if (!pinned.isEmpty() && pinned != seen) {
        Q_EMIT refused(
            tr("THE CERTIFICATE OF %1 HAS CHANGED. The connection was refused.\n\n"
               "Pinned:    %2\nPresented: %3\n\n"
               "Someone may be intercepting the connection, or the server's certificate was "
               "replaced. Compare the presented fingerprint with the one in the server's log; "
               "only if they match and the change was expected, forget the pin in the connect "
               "dialog and connect again.")
                .arg(server, CertificatePins::fingerprintText(pinned),
                     CertificatePins::fingerprintText(seen)),
            true);
        return;
    }
    // What the connection can verify the pin with: a self-signed
    // certificate is its own anchor; a chain the system's CAs verify keeps
    // them; a chain of a private CA that does not come with it cannot be
    // verified by AdminClient, which knows CAs, not pins.
    TrustedCertificates trusted;
    if (leaf.isSelfSigned()) {
        trusted.caCertificates = {leaf};
    } else if (result.verificationErrors.isEmpty()) {
        trusted.caCertificates = QSslConfiguration::systemCaCertificates();
    } else if (result.chain.last().isSelfSigned()) {
        trusted.caCertificates = {result.chain.last()};
    } else {
        Q_EMIT refused(tr("The certificate of %1 is issued by \"%2\", which the server does not "
                          "send and the system does not know: a pin cannot be checked. Choose "
                          "\"CA file\" with that CA's certificate instead.")
                           .arg(server, leaf.issuerDisplayName()),
                       false);
        return;
    }
    if (pinned.isEmpty()) {
        if (!m_approver || !m_approver(server, CertificatePins::fingerprintText(seen))) {
            Q_EMIT refused(tr("The certificate of %1 was not accepted.").arg(server), false);
            return;
        }
        m_pins->setPin(server, seen);
    }
    Q_EMIT resolved(trusted);
}

} // namespace seneschal::admingui
