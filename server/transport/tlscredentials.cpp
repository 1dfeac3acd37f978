#include "tlscredentials.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QSslCertificate>
#include <QSslKey>
#include <memory>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace seneschal::transport {

using namespace Qt::StringLiterals;

namespace {

template<typename T, void (*Free)(T *)> struct Deleter
{
    void operator()(T *p) const { Free(p); }
};
using PKeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using X509Ptr = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;

QByteArray bioContents(BIO *bio)
{
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return QByteArray(data, qsizetype(size));
}

bool addExtension(X509 *cert, int nid, const char *value)
{
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
    X509_EXTENSION *ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    if (!ext)
        return false;
    const bool ok = X509_add_ext(cert, ext, -1) == 1;
    X509_EXTENSION_free(ext);
    return ok;
}

bool writeFile(const QString &path, const QByteArray &data, QFileDevice::Permissions permissions,
               QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        !file.setPermissions(permissions) || file.write(data) != data.size()) {
        *error = u"cannot write %1: %2"_s.arg(path, file.errorString());
        return false;
    }
    return true;
}

// Never prompt on the terminal for a passphrase (encrypted keys are refused).
extern "C" int noPassphrase(char *, int, int, void *)
{
    return 0;
}

// Whether the key is the certificate's: a pair caught half renewed (the new
// certificate, the old key) would fail every handshake.
bool keyMatchesCertificate(const QByteArray &certificatePem, const QByteArray &keyPem)
{
    BioPtr certBio(BIO_new_mem_buf(certificatePem.constData(), int(certificatePem.size())));
    BioPtr keyBio(BIO_new_mem_buf(keyPem.constData(), int(keyPem.size())));
    X509Ptr cert(certBio ? PEM_read_bio_X509(certBio.get(), nullptr, nullptr, nullptr) : nullptr);
    PKeyPtr key(keyBio ? PEM_read_bio_PrivateKey(keyBio.get(), nullptr, noPassphrase, nullptr)
                       : nullptr);
    const bool matches = cert && key && X509_check_private_key(cert.get(), key.get()) == 1;
    ERR_clear_error();
    return matches;
}

} // namespace

bool TlsCredentials::ensureSelfSigned(const QString &certificateFile, const QString &keyFile,
                                      const QString &hostName, QString *error)
{
    if (QFile::exists(certificateFile) && QFile::exists(keyFile))
        return true;
    PKeyPtr key(EVP_EC_gen("P-256"));
    X509Ptr cert(X509_new());
    if (!key || !cert) {
        *error = u"cannot create a key pair"_s;
        return false;
    }
    X509_set_version(cert.get(), 2);
    ASN1_INTEGER_set_uint64(X509_get_serialNumber(cert.get()),
                            quint64(QDateTime::currentMSecsSinceEpoch()));
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), 10L * 365 * 24 * 3600);
    X509_set_pubkey(cert.get(), key.get());
    X509_NAME *name = X509_get_subject_name(cert.get());
    const QByteArray cn = hostName.isEmpty() ? QByteArrayLiteral("localhost") : hostName.toUtf8();
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char *>(cn.constData()), -1, -1, 0);
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char *>("Seneschal"), -1, -1, 0);
    X509_set_issuer_name(cert.get(), name);
    const QByteArray san = "DNS:localhost,IP:127.0.0.1,IP:::1,DNS:" + cn;
    if (!addExtension(cert.get(), NID_subject_alt_name, san.constData()) ||
        !addExtension(cert.get(), NID_basic_constraints, "critical,CA:FALSE") ||
        !addExtension(cert.get(), NID_ext_key_usage, "serverAuth") ||
        X509_sign(cert.get(), key.get(), EVP_sha256()) == 0) {
        *error = u"cannot sign the self-signed certificate"_s;
        return false;
    }
    BioPtr keyBio(BIO_new(BIO_s_mem()));
    BioPtr certBio(BIO_new(BIO_s_mem()));
    if (!PEM_write_bio_PrivateKey(keyBio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) ||
        !PEM_write_bio_X509(certBio.get(), cert.get())) {
        *error = u"cannot encode the certificate"_s;
        return false;
    }
    return writeFile(keyFile, bioContents(keyBio.get()), QFile::ReadOwner | QFile::WriteOwner,
                     error) &&
           writeFile(certificateFile, bioContents(certBio.get()),
                     QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther,
                     error);
}

QSslConfiguration TlsCredentials::load(const QString &certificateFile, const QString &keyFile,
                                       QString *error)
{
    const auto chain = QSslCertificate::fromPath(certificateFile, QSsl::Pem);
    if (chain.isEmpty()) {
        *error = u"no PEM certificate in %1 (tls/certificate)"_s.arg(certificateFile);
        return {};
    }
    QFile keyIn(keyFile);
    if (!keyIn.open(QIODevice::ReadOnly)) {
        *error = u"cannot read %1 (tls/key): %2"_s.arg(keyFile, keyIn.errorString());
        return {};
    }
    const QByteArray pem = keyIn.readAll();
    QSslKey key(pem, QSsl::Ec);
    if (key.isNull())
        key = QSslKey(pem, QSsl::Rsa);
    if (key.isNull()) {
        *error = u"no usable EC or RSA private key in %1 (tls/key)"_s.arg(keyFile);
        return {};
    }
    if (!keyMatchesCertificate(chain.first().toPem(), pem)) {
        *error = u"the key in %1 (tls/key) does not belong to the certificate in %2 "
                 "(tls/certificate)"_s.arg(keyFile, certificateFile);
        return {};
    }
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificateChain(chain);
    configuration.setPrivateKey(key);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    // Clients are not asked for certificates, so no CA is needed; without
    // this every connection's TLS context would load the system's CAs.
    configuration.setCaCertificates({});
    configuration.setProtocol(QSsl::TlsV1_2OrLater);
    return configuration;
}

QString TlsCredentials::fingerprint(const QSslCertificate &certificate)
{
    return u"SHA-256 "_s +
           QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex(':').toUpper());
}

} // namespace seneschal::transport
