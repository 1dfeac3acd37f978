#include "passwordhasher.h"

#include <QByteArray>
#include <QStringList>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <optional>

using namespace Qt::StringLiterals;

namespace seneschal::auth {

namespace {

constexpr int kSaltBytes = 16;
constexpr int kHashBytes = 32;
// Upper bounds for parameters read back from storage: a tampered row must
// not be able to make one login allocate gigabytes or spin for minutes.
constexpr quint64 kMaxN = quint64(1) << 20;
constexpr quint32 kMaxR = 32;
constexpr quint32 kMaxP = 16;
constexpr auto kB64 = QByteArray::Base64Encoding | QByteArray::OmitTrailingEquals;

struct Decoded
{
    ScryptParameters parameters;
    QByteArray salt;
    QByteArray hash;
};

bool isPowerOfTwo(quint64 v)
{
    return v >= 2 && (v & (v - 1)) == 0;
}

bool validParameters(const ScryptParameters &p)
{
    return isPowerOfTwo(p.n) && p.n <= kMaxN && p.r >= 1 && p.r <= kMaxR && p.p >= 1 &&
           p.p <= kMaxP;
}

std::optional<QByteArray> fromB64(const QString &text)
{
    auto result = QByteArray::fromBase64Encoding(text.toLatin1(),
                                                 kB64 | QByteArray::AbortOnBase64DecodingErrors);
    if (!result || result.decoded.isEmpty())
        return std::nullopt;
    return std::move(result.decoded);
}

std::optional<Decoded> decode(const QString &encoded)
{
    const QStringList parts = encoded.split(u'$');
    if (parts.size() != 6 || parts[0] != "scrypt"_L1)
        return std::nullopt;
    bool okN = false, okR = false, okP = false;
    Decoded d;
    d.parameters.n = parts[1].toULongLong(&okN);
    d.parameters.r = parts[2].toUInt(&okR);
    d.parameters.p = parts[3].toUInt(&okP);
    if (!okN || !okR || !okP || !validParameters(d.parameters))
        return std::nullopt;
    auto salt = fromB64(parts[4]);
    auto hash = fromB64(parts[5]);
    if (!salt || !hash || hash->size() < 16 || hash->size() > 64)
        return std::nullopt;
    d.salt = *salt;
    d.hash = *hash;
    return d;
}

// The password as bytes: NFC first, so the same password typed on keyboards
// that compose accents differently hashes the same.
QByteArray passwordBytes(const QString &password)
{
    return password.normalized(QString::NormalizationForm_C).toUtf8();
}

std::optional<QByteArray> derive(const QByteArray &password, const QByteArray &salt,
                                 const ScryptParameters &p, int length)
{
    QByteArray out(length, Qt::Uninitialized);
    // scrypt needs 128 * r * N bytes (plus 128 * r * p); leave room above it,
    // OpenSSL's default limit of 32 MiB would refuse stronger settings.
    const quint64 maxMem = 128 * quint64(p.r) * (p.n + p.p + 2) + 1024 * 1024;
    const int rc = EVP_PBE_scrypt(password.constData(), size_t(password.size()),
                                  reinterpret_cast<const unsigned char *>(salt.constData()),
                                  size_t(salt.size()), p.n, p.r, p.p, maxMem,
                                  reinterpret_cast<unsigned char *>(out.data()), size_t(length));
    if (rc != 1)
        return std::nullopt;
    return out;
}

void wipe(QByteArray &bytes)
{
    if (!bytes.isEmpty())
        OPENSSL_cleanse(bytes.data(), size_t(bytes.size()));
}

} // namespace

PasswordHasher::PasswordHasher(ScryptParameters parameters)
    : m_parameters(parameters)
{}

QString PasswordHasher::hash(const QString &password) const
{
    if (!validParameters(m_parameters))
        return {};
    QByteArray salt(kSaltBytes, Qt::Uninitialized);
    if (RAND_bytes(reinterpret_cast<unsigned char *>(salt.data()), kSaltBytes) != 1)
        return {};
    QByteArray bytes = passwordBytes(password);
    const auto derived = derive(bytes, salt, m_parameters, kHashBytes);
    wipe(bytes);
    if (!derived)
        return {};
    return u"scrypt$%1$%2$%3$%4$%5"_s.arg(m_parameters.n)
        .arg(m_parameters.r)
        .arg(m_parameters.p)
        .arg(QString::fromLatin1(salt.toBase64(kB64)),
             QString::fromLatin1(derived->toBase64(kB64)));
}

bool PasswordHasher::verify(const QString &password, const QString &encoded) const
{
    const auto d = decode(encoded);
    if (!d)
        return false;
    QByteArray bytes = passwordBytes(password);
    auto derived = derive(bytes, d->salt, d->parameters, int(d->hash.size()));
    wipe(bytes);
    if (!derived)
        return false;
    const bool same =
        CRYPTO_memcmp(derived->constData(), d->hash.constData(), size_t(d->hash.size())) == 0;
    wipe(*derived);
    return same;
}

bool PasswordHasher::needsRehash(const QString &encoded) const
{
    const auto d = decode(encoded);
    if (!d)
        return true;
    return d->parameters.n < m_parameters.n || d->parameters.r < m_parameters.r ||
           d->parameters.p < m_parameters.p;
}

} // namespace seneschal::auth
