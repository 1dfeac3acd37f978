#pragma once

#include "authconfig.h"
#include "authprovider.h"

#include <memory>

namespace seneschal::auth {

// What the directory says about a uuid when asked without the user's
// password (LdapGroupReader).
struct GroupLookup
{
    enum class Outcome {
        Found,       // an LDAP user: `groups` are its groups now
        NotFound,    // not an LDAP user (a local or external one, or gone)
        Unavailable, // the directory is down or answered an error: keep what is known
    };
    Outcome outcome = Outcome::Unavailable;
    QStringList groups; // sorted, without duplicates
    QString message;    // why, for the log; never a secret
};

// Checks user name + password against an LDAP directory (libldap, blocking:
// used on the auth worker thread only). One connection per login: simple,
// and a directory that restarts is picked up at once. Groups come from the
// entry's memberOf values and/or a group search.
//
// A build without libldap (SENESCHAL_WITH_LDAP=OFF) compiles
// ldapprovider_none.cpp instead: builtIn() is false, the configuration
// check refuses `auth/providers = ldap` at start, and authenticate() answers
// Unavailable.
class LdapProvider : public AuthProvider
{
public:
    explicit LdapProvider(LdapConfig config);

    // Whether this build can talk to a directory at all.
    static bool builtIn();

    QString name() const override;
    ProviderResult authenticate(const QString &username, const QString &password) override;
    // The groups of `uuid` now, read without its password over a connection
    // of its own (LdapGroupReader; use one of those for many uuids).
    GroupLookup groupsOf(const QString &uuid) const;

private:
    LdapConfig m_config;
};

// Reads the groups of users by uuid, without their passwords, over one
// connection bound as `serviceDn` (anonymously when that is empty): the
// periodic refresh of connected users' groups. Blocking, like LdapProvider;
// one thread. The entry is found by (uuidAttribute=<uuid>) under
// `searchBaseDn`, or, when only `bindDnTemplate` is set, at the DN the
// template gives for the uuid (its uuidAttribute, if it has one, must be the
// uuid). Groups are read as at a login: memberOf values and/or the group
// search. The uuid is escaped wherever it goes. Connects at the first
// lookup; once the directory is unreachable, later lookups answer
// Unavailable without trying again.
class LdapGroupReader
{
public:
    explicit LdapGroupReader(LdapConfig config);
    ~LdapGroupReader();
    LdapGroupReader(const LdapGroupReader &) = delete;
    LdapGroupReader &operator=(const LdapGroupReader &) = delete;

    GroupLookup groupsOf(const QString &uuid);

private:
    struct Connection;
    LdapConfig m_config;
    std::unique_ptr<Connection> m_connection;
    QString m_down; // why the directory cannot be used by this reader
};

} // namespace seneschal::auth
