#pragma once

#include <QString>
#include <QStringList>

namespace seneschal::auth {

// What one provider made of a user name and password.
struct ProviderResult
{
    enum class Outcome {
        Accepted,    // the credentials are good
        Rejected,    // unknown user, wrong password or disabled: the next provider may try
        Unavailable, // the provider could not decide (directory or storage down)
    };
    Outcome outcome = Outcome::Rejected;
    QString uuid;
    QStringList groups; // groups the provider knows that storage does not (they go into the token)
    QString message;    // why, for the log and for Unavailable answers; never a secret
};

// A source of truth for user name + password logins (local database, LDAP).
// Providers are created, used and destroyed on the auth worker thread, so
// they may block.
class AuthProvider
{
public:
    virtual ~AuthProvider() = default;
    virtual QString name() const = 0;
    virtual ProviderResult authenticate(const QString &username, const QString &password) = 0;
};

} // namespace seneschal::auth
