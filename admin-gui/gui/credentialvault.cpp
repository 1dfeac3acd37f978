#include "credentialvault.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <memory>

namespace seneschal::admingui {

using namespace Qt::StringLiterals;

CredentialVault::CredentialVault(SecretStore *store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{}

QString CredentialVault::tokenKey(const ServerProfile &profile)
{
    return u"token/"_s + profile.key();
}

QString CredentialVault::passwordKey(const ServerProfile &profile)
{
    return u"password/"_s + profile.key();
}

void CredentialVault::recall(const ServerProfile &profile,
                             std::function<void(const RememberedCredentials &)> done)
{
    auto found = std::make_shared<RememberedCredentials>();
    QPointer<CredentialVault> self(this);
    const QString passwordKey = CredentialVault::passwordKey(profile);
    m_store->read(tokenKey(profile), [self, found, passwordKey,
                                      done](const std::optional<QString> &secret, const QString &) {
        if (!self)
            return;
        if (secret) {
            const QJsonObject token = QJsonDocument::fromJson(secret->toUtf8()).object();
            found->token = token.value(u"token"_s).toString();
            found->tokenExpires = token.value(u"expires"_s).toInteger();
            found->cuid = token.value(u"cuid"_s).toString();
            // An expired token is no use for a login.
            if (found->tokenExpires > 0 &&
                found->tokenExpires <= QDateTime::currentMSecsSinceEpoch()) {
                found->token.clear();
            }
        }
        self->m_store->read(passwordKey,
                            [found, done](const std::optional<QString> &password, const QString &) {
                                if (password)
                                    found->password = *password;
                                done(*found);
                            });
    });
}

void CredentialVault::keep(const ServerProfile &profile, const RememberedCredentials &credentials,
                           std::function<void(bool ok, const QString &error)> done)
{
    struct Progress
    {
        int pending = 2;
        bool ok = true;
        QString error;
    };
    auto progress = std::make_shared<Progress>();
    auto step = [progress, done](bool ok, const QString &error) {
        if (!ok) {
            progress->ok = false;
            progress->error = error;
        }
        if (--progress->pending == 0 && done)
            done(progress->ok, progress->error);
    };
    if (profile.rememberToken && !credentials.token.isEmpty()) {
        const QJsonObject token{{u"token"_s, credentials.token},
                                {u"expires"_s, credentials.tokenExpires},
                                {u"cuid"_s, credentials.cuid}};
        m_store->write(tokenKey(profile),
                       QString::fromUtf8(QJsonDocument(token).toJson(QJsonDocument::Compact)),
                       step);
    } else {
        m_store->remove(tokenKey(profile), step);
    }
    if (profile.rememberToken && profile.rememberPassword && !credentials.password.isEmpty())
        m_store->write(passwordKey(profile), credentials.password, step);
    else
        m_store->remove(passwordKey(profile), step);
}

void CredentialVault::forget(const ServerProfile &profile, std::function<void()> done)
{
    auto pending = std::make_shared<int>(2);
    auto step = [pending, done](bool, const QString &) {
        if (--*pending == 0 && done)
            done();
    };
    m_store->remove(tokenKey(profile), step);
    m_store->remove(passwordKey(profile), step);
}

void CredentialVault::forgetToken(const ServerProfile &profile)
{
    m_store->remove(tokenKey(profile), [](bool, const QString &) {});
}

} // namespace seneschal::admingui
