#pragma once

#include "authconfig.h"
#include "authprovider.h"
#include "clock.h"
#include "grouprefresh.h"
#include "loginservice.h"
#include "ratelimiter.h"
#include "tokenissuer.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <functional>
#include <map>
#include <memory>
#include <vector>

namespace seneschal::storage {
class Storage;
}

namespace seneschal::auth {

class ExternalJwtVerifier;
class LdapGroupReader;

// The part of AuthService that lives on its worker thread: rate limiting,
// the providers in their configured order, token checks and its own Storage
// connection. Everything here may block; nothing here touches a socket.
class AuthWorker : public QObject
{
    Q_OBJECT
public:
    using StorageFactory = std::function<std::unique_ptr<storage::Storage>()>;
    using Reply = std::function<void(const LoginResult &)>;
    using RefreshReply = std::function<void(const GroupRefresh &)>;

    AuthWorker(AuthConfig config, QByteArray jwtSecret, StorageFactory storageFactory, Clock clock);
    ~AuthWorker() override;

    // Both on the worker thread. `reply` is called exactly once, on the
    // worker thread, possibly later (rate limit delay).
    void login(const Credentials &credentials, Reply reply);
    // Reads the LDAP groups of `uuids` again (on the worker thread too): one
    // directory connection, the lookups in sequence, a few at a time so the
    // logins waiting meanwhile are served in between. `reply` is called once,
    // on the worker thread, when all are read (at once, with everything
    // unavailable, if a refresh is still running or LDAP is not a provider).
    // What LDAP says is also remembered for token logins (ownTokenLogin).
    void refreshGroups(const QStringList &uuids, RefreshReply reply);
    // Answers pending logins `unavailable` and closes storage and providers.
    void shutdown();

private:
    void check(const Credentials &credentials, const Reply &reply);
    LoginResult passwordLogin(const Credentials &credentials);
    LoginResult tokenLogin(const Credentials &credentials);
    LoginResult ownTokenLogin(const Credentials &credentials);
    LoginResult externalTokenLogin(const Credentials &credentials,
                                   const ExternalJwtVerifier &verifier);
    // The local record of `uuid` (created without a password if missing, so
    // LDAP and external users can be disabled too), or an error result.
    LoginResult finish(const QString &uuid, const QStringList &providerGroups, const QString &cuid,
                       qint64 notAfterMs);
    bool ensureStorage();
    void storageFailed(const QString &what, bool connectionLost);
    std::vector<std::unique_ptr<AuthProvider>> makeProviders();
    void continueRefresh();
    void finishRefresh();
    // The freshest LDAP groups known per uuid (from LDAP logins and
    // refreshes), used by token logins instead of the token's claims when
    // learnt after the token was issued.
    void rememberLdapGroups(const QString &uuid, const QStringList &groups);
    void forgetStaleLdapGroups();

    struct KnownGroups
    {
        QStringList groups;
        qint64 learnedMs = 0;
    };
    struct Refresh
    {
        QStringList uuids;
        qsizetype next = 0;
        std::unique_ptr<LdapGroupReader> reader;
        GroupRefresh result;
        QString problem; // the first reason a lookup was unavailable
        RefreshReply reply;
        QElapsedTimer timer;
    };

    AuthConfig m_config;
    Clock m_clock;
    StorageFactory m_storageFactory;
    TokenIssuer m_issuer;
    RateLimiter m_limiter;
    std::unique_ptr<storage::Storage> m_storage;
    std::vector<std::unique_ptr<AuthProvider>> m_providers;
    std::vector<std::unique_ptr<ExternalJwtVerifier>> m_externalIssuers;
    std::map<quint64, Reply> m_delayed;
    quint64 m_nextDelayed = 0;
    QHash<QString, KnownGroups> m_ldapGroups;
    std::unique_ptr<Refresh> m_refresh;
    bool m_refreshFailing = false; // logged once until the directory answers again
    bool m_shutDown = false;
};

} // namespace seneschal::auth
