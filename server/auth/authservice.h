#pragma once

#include "authconfig.h"
#include "clock.h"
#include "grouprefresh.h"
#include "loginservice.h"

#include <QThread>
#include <functional>
#include <memory>

namespace seneschal::storage {
class Storage;
}

namespace seneschal::auth {

class AuthWorker;

// The LoginService the sessions call. It runs password hashing, LDAP and its
// own Storage connection on a worker thread of its own (a slow directory must
// never stall the socket thread) and answers on the caller's thread.
//
// The storage factory is called on the worker thread, so the connection it
// opens belongs to that thread; give it a connection name of its own, e.g.
//   [db] { return storage::createStorage(db, u"seneschal-auth"_s); }
class AuthService : public LoginService
{
public:
    using StorageFactory = std::function<std::unique_ptr<storage::Storage>()>;

    // `jwtSecret`: from JwtSecretFile::loadOrCreate(). Invalid configuration
    // parts (an unreadable external key, say) are logged and left out; call
    // AuthConfig::validate() first to refuse them at start-up instead.
    AuthService(const AuthConfig &config, const QByteArray &jwtSecret,
                StorageFactory storageFactory, Clock clock = systemClock());
    // Answers logins still waiting `unavailable`, then stops the thread.
    ~AuthService() override;

    AuthService(const AuthService &) = delete;
    AuthService &operator=(const AuthService &) = delete;

    // Thread-safe. `done` runs on `context`'s thread, unless `context` is gone.
    void login(const Credentials &credentials, QObject *context,
               std::function<void(const LoginResult &)> done) override;

    // Thread-safe. Reads the LDAP groups of `uuids` again on the worker
    // thread (blocking LDAP never runs on the caller's): one connection, the
    // lookups in sequence, logins served in between. `done` runs on
    // `context`'s thread, unless `context` is gone. Token logins use what it
    // learns from then on.
    void refreshLdapGroups(const QStringList &uuids, QObject *context,
                           std::function<void(const GroupRefresh &)> done);

private:
    QThread m_thread;
    AuthWorker *m_worker = nullptr; // lives on m_thread
};

} // namespace seneschal::auth
