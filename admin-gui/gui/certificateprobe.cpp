#include "certificateprobe.h"

#include <QSslConfiguration>
#include <QSslSocket>
#include <QTimer>

namespace seneschal::admingui {

CertificateProbe::CertificateProbe(QObject *parent)
    : QObject(parent)
    , m_timeout(new QTimer(this))
{
    m_timeout->setSingleShot(true);
    connect(m_timeout, &QTimer::timeout, this,
            [this] { finish(tr("The server did not complete a TLS handshake in time.")); });
}

CertificateProbe::~CertificateProbe()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

void CertificateProbe::probe(const QString &host, quint16 port, int timeoutMs)
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
    }
    m_errors.clear();
    m_socket = new QSslSocket(this);
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setPeerVerifyMode(QSslSocket::VerifyPeer);
    m_socket->setSslConfiguration(configuration);
    connect(m_socket, &QSslSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
        m_errors = errors;
        // Only looking: nothing is sent over this connection.
        m_socket->ignoreSslErrors();
    });
    connect(m_socket, &QSslSocket::encrypted, this, [this] { finish({}); });
    connect(m_socket, &QAbstractSocket::errorOccurred, this, [this] {
        if (m_socket)
            finish(m_socket->errorString());
    });
    m_timeout->start(timeoutMs);
    m_socket->connectToHostEncrypted(host, port);
}

void CertificateProbe::finish(const QString &error)
{
    if (!m_socket)
        return;
    m_timeout->stop();
    QSslSocket *socket = std::exchange(m_socket, nullptr);
    socket->disconnect(this);
    Result result;
    result.error = error;
    result.chain = socket->peerCertificateChain();
    result.verificationErrors = m_errors;
    if (result.error.isEmpty() && result.chain.isEmpty())
        result.error = tr("The server presented no certificate.");
    socket->abort();
    socket->deleteLater();
    Q_EMIT finished(result);
}

} // namespace seneschal::admingui
