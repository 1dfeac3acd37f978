#pragma once

#include "authconfig.h"
#include "authprovider.h"

namespace seneschal::auth {

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

private:
    LdapConfig m_config;
};

} // namespace seneschal::auth
