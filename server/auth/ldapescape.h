#pragma once

#include <QHash>
#include <QString>

namespace seneschal::auth {

// Escaping of user input for LDAP, so a user name is always a value and
// never syntax: RFC 4514 inside DNs, RFC 4515 inside search filters.
class LdapEscape
{
public:
    static QString dnValue(const QString &value);
    static QString filterValue(const QString &value);
    // Replaces %x placeholders in one pass (so substituted text is never
    // scanned again); "%%" is a literal percent sign, unknown ones stay.
    static QString substitute(const QString &pattern, const QHash<QChar, QString> &values);
};

} // namespace seneschal::auth
