#include "jwtsecretfile.h"

#include "authlogging.h"

#include <QFile>
#include <QFileInfo>
#include <cerrno>
#include <cstring>
#include <openssl/crypto.h>
#include <openssl/rand.h>

#ifndef Q_OS_WIN
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace seneschal::auth {

JwtSecretFile::JwtSecretFile(QString path)
    : m_path(std::move(path))
{}

namespace {

bool randomSecret(QByteArray *secret, QString *error, const QString &name)
{
    secret->resize(JwtSecretFile::kSecretBytes);
    if (RAND_bytes(reinterpret_cast<unsigned char *>(secret->data()), int(secret->size())) != 1) {
        *error = u"%1: no random bytes from OpenSSL"_s.arg(name);
        return false;
    }
    return true;
}

QByteArray readSecret(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = u"%1: %2"_s.arg(path, file.errorString());
        return {};
    }
    QByteArray secret = file.read(4096);
    if (secret.size() < JwtSecretFile::kMinSecretBytes) {
        *error =
            u"%1: secret shorter than %2 bytes"_s.arg(path).arg(JwtSecretFile::kMinSecretBytes);
        return {};
    }
    return secret;
}

} // namespace

#ifdef Q_OS_WIN

// On Windows the data folder's access list (SYSTEM, Administrators and the
// service's account, set by the installer) keeps the secret private; the
// file is created only if it does not exist yet (NewOnly), so two servers
// starting at once cannot both write a different one.
QByteArray JwtSecretFile::loadOrCreate(QString *error) const
{
    QString ignored;
    if (!error)
        error = &ignored;
    if (!QFileInfo::exists(m_path)) {
        QByteArray secret;
        if (!randomSecret(&secret, error, m_path))
            return {};
        QFile file(m_path);
        if (file.open(QIODevice::WriteOnly | QIODevice::NewOnly)) {
            const bool written = file.write(secret) == secret.size() && file.flush();
            OPENSSL_cleanse(secret.data(), size_t(secret.size()));
            file.close();
            if (!written) {
                *error = u"%1: cannot write: %2"_s.arg(m_path, file.errorString());
                file.remove();
                return {};
            }
            qCInfo(lcAuth) << "created a new token signing secret in" << m_path;
        } else if (!QFileInfo::exists(m_path)) {
            *error = u"%1: cannot create: %2"_s.arg(m_path, file.errorString());
            return {};
        }
    }
    const QFileInfo info(m_path);
    if (info.isSymLink() || !info.isFile()) {
        *error = u"%1: not a regular file"_s.arg(m_path);
        return {};
    }
    return readSecret(m_path, error);
}

#else

namespace {

QString errnoText()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

// Created with O_EXCL and mode 0600 in one step, so the secret is never
// readable by others, not even for a moment, and two servers starting at once
// cannot both write a different secret.
bool createSecret(const QByteArray &path, QString *error, const QString &name)
{
    QByteArray secret;
    if (!randomSecret(&secret, error, name))
        return false;
    const int fd = ::open(path.constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                          S_IRUSR | S_IWUSR);
    if (fd < 0) {
        if (errno == EEXIST)
            return true; // someone else created it first: load theirs
        *error = u"%1: cannot create: %2"_s.arg(name, errnoText());
        return false;
    }
    qsizetype written = 0;
    while (written < secret.size()) {
        const ssize_t n =
            ::write(fd, secret.constData() + written, size_t(secret.size() - written));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            *error = u"%1: cannot write: %2"_s.arg(name, errnoText());
            ::close(fd);
            ::unlink(path.constData());
            return false;
        }
        written += n;
    }
    OPENSSL_cleanse(secret.data(), size_t(secret.size()));
    const bool synced = ::fsync(fd) == 0;
    ::close(fd);
    if (!synced) {
        *error = u"%1: cannot sync: %2"_s.arg(name, errnoText());
        ::unlink(path.constData());
        return false;
    }
    qCInfo(lcAuth) << "created a new token signing secret in" << name;
    return true;
}

} // namespace

QByteArray JwtSecretFile::loadOrCreate(QString *error) const
{
    QString ignored;
    if (!error)
        error = &ignored;
    const QByteArray native = QFile::encodeName(m_path);
    struct stat st = {};
    if (::lstat(native.constData(), &st) != 0) {
        if (errno != ENOENT) {
            *error = u"%1: %2"_s.arg(m_path, errnoText());
            return {};
        }
        if (!createSecret(native, error, m_path))
            return {};
        if (::lstat(native.constData(), &st) != 0) {
            *error = u"%1: %2"_s.arg(m_path, errnoText());
            return {};
        }
    }
    if (!S_ISREG(st.st_mode)) {
        *error = u"%1: not a regular file"_s.arg(m_path);
        return {};
    }
    if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
        *error = u"%1: readable by others; run chmod 600 on it"_s.arg(m_path);
        return {};
    }
    return readSecret(m_path, error);
}

#endif

} // namespace seneschal::auth
