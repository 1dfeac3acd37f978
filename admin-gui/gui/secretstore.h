#pragma once

#include <QString>
#include <functional>
#include <optional>

namespace seneschal::admingui {

// Where the console keeps what must not be written in plain text (the
// session token the server issued, and a password when the operator asks):
// the desktop's keychain in the application, a fake in tests. Every call
// answers through its callback, later or at once; callers guard against
// having gone meanwhile.
class SecretStore
{
public:
    using Availability = std::function<void(bool available, const QString &why)>;
    // nullopt: nothing stored under the key, or it could not be read (`error`).
    using ReadDone =
        std::function<void(const std::optional<QString> &secret, const QString &error)>;
    using WriteDone = std::function<void(bool ok, const QString &error)>;

    virtual ~SecretStore() = default;

    // Whether secrets can be kept at all (no keychain: no "remember me").
    virtual void checkAvailable(Availability done) = 0;
    virtual void read(const QString &key, ReadDone done) = 0;
    virtual void write(const QString &key, const QString &secret, WriteDone done) = 0;
    // Removing what is not there succeeds.
    virtual void remove(const QString &key, WriteDone done) = 0;
};

} // namespace seneschal::admingui
