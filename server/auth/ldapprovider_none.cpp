// LdapProvider in a build without libldap (SENESCHAL_WITH_LDAP=OFF): the
// configuration check refuses the provider at start, so this answer is only
// a safety net.
#include "ldapprovider.h"

using namespace Qt::StringLiterals;

namespace seneschal::auth {

LdapProvider::LdapProvider(LdapConfig config)
    : m_config(std::move(config))
{}

bool LdapProvider::builtIn()
{
    return false;
}

QString LdapProvider::name() const
{
    return u"ldap"_s;
}

ProviderResult LdapProvider::authenticate(const QString &, const QString &)
{
    ProviderResult result;
    result.outcome = ProviderResult::Outcome::Unavailable;
    result.message =
        u"LDAP (%1) is not built into this server (SENESCHAL_WITH_LDAP=OFF)"_s.arg(m_config.url);
    return result;
}

GroupLookup LdapProvider::groupsOf(const QString &uuid) const
{
    return LdapGroupReader(m_config).groupsOf(uuid);
}

struct LdapGroupReader::Connection
{
};

LdapGroupReader::LdapGroupReader(LdapConfig config)
    : m_config(std::move(config))
{}

LdapGroupReader::~LdapGroupReader() = default;

GroupLookup LdapGroupReader::groupsOf(const QString &)
{
    GroupLookup result;
    result.outcome = GroupLookup::Outcome::Unavailable;
    result.message =
        u"LDAP (%1) is not built into this server (SENESCHAL_WITH_LDAP=OFF)"_s.arg(m_config.url);
    return result;
}

} // namespace seneschal::auth
