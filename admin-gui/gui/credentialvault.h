#pragma once

#include "secretstore.h"
#include "serverprofile.h"

#include <QObject>
#include <QString>
#include <functional>

namespace seneschal::admingui {

// What "remember me" keeps for one profile (user@host:port).
struct RememberedCredentials
{
    QString token;
    qint64 tokenExpires = 0; // ms since the epoch; 0: no expiry said
    QString cuid;            // the token is the session of this console cuid
    QString password;

    bool isEmpty() const { return token.isEmpty() && password.isEmpty(); }
};

// "Remember me" over a SecretStore: keeps the session token the server
// issued (and the password only when the profile asks for it) under keys
// named for the profile, hands them back for the next login, and forgets
// them. Whatever the profile does not ask to keep is removed.
class CredentialVault : public QObject
{
    Q_OBJECT

public:
    explicit CredentialVault(SecretStore *store, QObject *parent = nullptr);

    SecretStore *store() const { return m_store; }

    void recall(const ServerProfile &profile,
                std::function<void(const RememberedCredentials &)> done);
    // Keeps what `profile` asks to remember of `credentials`, removes the rest.
    void keep(const ServerProfile &profile, const RememberedCredentials &credentials,
              std::function<void(bool ok, const QString &error)> done = {});
    void forget(const ServerProfile &profile, std::function<void()> done = {});
    // Only the token (it was refused); a kept password stays.
    void forgetToken(const ServerProfile &profile);

    static QString tokenKey(const ServerProfile &profile);
    static QString passwordKey(const ServerProfile &profile);

private:
    SecretStore *m_store;
};

} // namespace seneschal::admingui
