#pragma once

#include "secretstore.h"

#include <QObject>
#include <optional>

namespace seneschal::admingui {

// SecretStore on QtKeychain (the Secret Service on Linux, the Keychain on
// macOS, the Credential Manager on Windows), service "seneschal-admin".
// QtKeychain 0.13 cannot say whether a backend exists: the first call reads a
// key that is not there and takes "not found" for yes. Without a backend
// (no D-Bus session, no Secret Service) it fails, and setInsecureFallback
// would write plain text: it is never used.
class KeychainSecretStore : public QObject, public SecretStore
{
    Q_OBJECT

public:
    static constexpr char16_t kService[] = u"seneschal-admin";

    explicit KeychainSecretStore(QObject *parent = nullptr);

    void checkAvailable(Availability done) override;
    void read(const QString &key, ReadDone done) override;
    void write(const QString &key, const QString &secret, WriteDone done) override;
    void remove(const QString &key, WriteDone done) override;

private:
    std::optional<bool> m_available;
    QString m_why;
};

} // namespace seneschal::admingui
