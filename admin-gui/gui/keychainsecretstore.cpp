#include "keychainsecretstore.h"

#include <QAbstractEventDispatcher>
#include <qt6keychain/keychain.h>

namespace seneschal::admingui {

using namespace Qt::StringLiterals;

namespace {

QString service()
{
    return QString::fromUtf16(KeychainSecretStore::kService);
}

} // namespace

KeychainSecretStore::KeychainSecretStore(QObject *parent)
    : QObject(parent)
{}

void KeychainSecretStore::checkAvailable(Availability done)
{
    if (m_available) {
        done(*m_available, m_why);
        return;
    }
#if defined(Q_OS_UNIX) && !defined(Q_OS_DARWIN)
    // The Secret Service is reached through libsecret, which answers on the
    // GLib main loop; without it (QT_NO_GLIB) a job would never finish.
    const QAbstractEventDispatcher *dispatcher = QAbstractEventDispatcher::instance();
    if (dispatcher && !dispatcher->inherits("QEventDispatcherGlib")) {
        m_available = false;
        m_why = tr("No keychain is available (Qt runs without the GLib event loop, which "
                   "the Secret Service needs; unset QT_NO_GLIB).");
        done(*m_available, m_why);
        return;
    }
#endif
    auto *job = new QKeychain::ReadPasswordJob(service(), this);
    job->setInsecureFallback(false);
    job->setKey(u"availability-check"_s);
    connect(job, &QKeychain::Job::finished, this, [this, done](QKeychain::Job *finished) {
        const QKeychain::Error error = finished->error();
        m_available = error == QKeychain::NoError || error == QKeychain::EntryNotFound;
        m_why = *m_available ? QString()
                             : tr("No keychain is available (%1).").arg(finished->errorString());
        done(*m_available, m_why);
    });
    job->start();
}

void KeychainSecretStore::read(const QString &key, ReadDone done)
{
    auto *job = new QKeychain::ReadPasswordJob(service(), this);
    job->setInsecureFallback(false);
    job->setKey(key);
    connect(job, &QKeychain::Job::finished, this, [done](QKeychain::Job *finished) {
        auto *reader = static_cast<QKeychain::ReadPasswordJob *>(finished);
        if (reader->error() == QKeychain::NoError)
            done(reader->textData(), {});
        else if (reader->error() == QKeychain::EntryNotFound)
            done(std::nullopt, {});
        else
            done(std::nullopt, reader->errorString());
    });
    job->start();
}

void KeychainSecretStore::write(const QString &key, const QString &secret, WriteDone done)
{
    auto *job = new QKeychain::WritePasswordJob(service(), this);
    job->setInsecureFallback(false);
    job->setKey(key);
    job->setTextData(secret);
    connect(job, &QKeychain::Job::finished, this, [done](QKeychain::Job *finished) {
        done(finished->error() == QKeychain::NoError, finished->errorString());
    });
    job->start();
}

void KeychainSecretStore::remove(const QString &key, WriteDone done)
{
    auto *job = new QKeychain::DeletePasswordJob(service(), this);
    job->setInsecureFallback(false);
    job->setKey(key);
    connect(job, &QKeychain::Job::finished, this, [done](QKeychain::Job *finished) {
        const QKeychain::Error error = finished->error();
        done(error == QKeychain::NoError || error == QKeychain::EntryNotFound,
             finished->errorString());
    });
    job->start();
}

} // namespace seneschal::admingui
