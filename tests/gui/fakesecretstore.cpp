#include "fakesecretstore.h"

#include <QTimer>

namespace seneschal::test {

FakeSecretStore::FakeSecretStore(QObject *parent)
    : QObject(parent)
{}

void FakeSecretStore::setAvailable(bool available, const QString &why)
{
    m_available = available;
    m_why = why;
}

void FakeSecretStore::checkAvailable(Availability done)
{
    QTimer::singleShot(0, this, [this, done] { done(m_available, m_why); });
}

void FakeSecretStore::read(const QString &key, ReadDone done)
{
    ++reads;
    QTimer::singleShot(0, this, [this, key, done] {
        if (!m_available)
            done(std::nullopt, m_why);
        else if (secrets.contains(key))
            done(secrets.value(key), {});
        else
            done(std::nullopt, {});
    });
}

void FakeSecretStore::write(const QString &key, const QString &secret, WriteDone done)
{
    QTimer::singleShot(0, this, [this, key, secret, done] {
        if (m_available)
            secrets.insert(key, secret);
        done(m_available, m_why);
    });
}

void FakeSecretStore::remove(const QString &key, WriteDone done)
{
    QTimer::singleShot(0, this, [this, key, done] {
        if (m_available)
            secrets.remove(key);
        done(m_available, m_why);
    });
}

} // namespace seneschal::test
