#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

namespace seneschal::auth {

// What one reading of connected users' LDAP groups found
// (AuthService::refreshLdapGroups).
struct GroupRefresh
{
    QHash<QString, QStringList> groups; // uuid -> its LDAP groups now (sorted), for LDAP users
    int notFound = 0;                   // uuids LDAP does not know (local or external users)
    int unavailable = 0;                // not read: the directory is down or failed the lookup
    qint64 elapsedMs = 0;
};

} // namespace seneschal::auth
