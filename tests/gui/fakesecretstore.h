#pragma once

#include "gui/secretstore.h"

#include <QHash>
#include <QObject>

namespace seneschal::test {

// A SecretStore in memory that answers on the next event-loop pass, as the
// keychain does; it can play a machine without a keychain.
class FakeSecretStore : public QObject, public admingui::SecretStore
{
    Q_OBJECT

public:
    explicit FakeSecretStore(QObject *parent = nullptr);

    // false: every call fails with `why`, as QtKeychain without a backend.
    void setAvailable(bool available, const QString &why = {});

    void checkAvailable(Availability done) override;
    void read(const QString &key, ReadDone done) override;
    void write(const QString &key, const QString &secret, WriteDone done) override;
    void remove(const QString &key, WriteDone done) override;

    QHash<QString, QString> secrets;
    int reads = 0;

private:
    bool m_available = true;
    QString m_why;
};

} // namespace seneschal::test
