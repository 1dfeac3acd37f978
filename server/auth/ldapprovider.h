#pragma once

#include "authconfig.h"
#include "authprovider.h"

namespace seneschal::auth {

// Checks user name + password against an LDAP directory (libldap, blocking:
// used on the auth worker thread only). One connection per login: simple,
// and a directory that restarts is picked up at once. Groups come from the
// entry's memberOf values and/or a group search.
class LdapProvider : public AuthProvider
{
public:
    explicit LdapProvider(LdapConfig config);

    QString name() const override;
    ProviderResult authenticate(const QString &username, const QString &password) override;

private:
    LdapConfig m_config;
};

} // namespace seneschal::auth
