#pragma once

#include "clock.h"
#include "passwordhasher.h"
#include "protocol/errorcode.h"
#include "storage/storage.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace seneschal::auth {

// The rules of the server's local users and groups, in one place for the
// command line (UserCommand) and the admin interface: which names are valid,
// what must exist first, how passwords are stored. A change answers nullopt
// when done, or the error with the protocol's code: `invalid` for a bad name
// or an existing user or group, `forbidden` for an unknown one, `unavailable`
// when storage failed. The storage must be open; calls are synchronous.
class UserDirectory
{
public:
    struct User
    {
        QString name;
        bool disabled = false;
        bool hasPassword = false; // false: logs in through LDAP or a token, or not at all
        qint64 createdMs = 0;
        QStringList groups; // sorted
    };
    struct Group
    {
        QString gid;
        QStringList members; // sorted
    };

    explicit UserDirectory(storage::Storage &storage, PasswordHasher hasher = PasswordHasher(),
                           Clock clock = systemClock());

    // 1-64 of A-Z a-z 0-9 . _ @ -, for user and group names alike: no
    // character that means something in an LDAP filter, a principal
    // ("user:x") or a shell.
    static bool isValidName(const QString &name);

    // A new user; an empty password makes a record without a local password
    // (a user of LDAP or of an external token issuer).
    std::optional<protocol::Error> addUser(const QString &name, const QString &password);
    // Replaces the password; the user's old tokens stop working.
    std::optional<protocol::Error> setPassword(const QString &name, const QString &password);
    // Disabling refuses the user's logins and tokens. Disabling a name
    // without a record (an LDAP user who never logged in) creates one;
    // enabling needs an existing user. Either way old tokens stop working.
    std::optional<protocol::Error> setDisabled(const QString &name, bool disabled);
    std::optional<protocol::Error> addGroup(const QString &gid);
    // Removes the group and its memberships.
    std::optional<protocol::Error> removeGroup(const QString &gid);
    // The member needs no user record: a group may name LDAP users before
    // their first login. Adding a member twice changes nothing.
    std::optional<protocol::Error> addMember(const QString &gid, const QString &name);
    // Refuses a name that is not a member, so that a mistyped name does not
    // pass for a removed one.
    std::optional<protocol::Error> removeMember(const QString &gid, const QString &name);

    // Every user record, by name, with its groups.
    storage::Result<QList<User>> users();
    // Every group, by gid, with its members.
    storage::Result<QList<Group>> groups();

private:
    std::optional<protocol::Error> checkName(const QString &name, QStringView what) const;
    // The user record of `name`, or the error of reading it.
    std::optional<protocol::Error> findUser(const QString &name,
                                            std::optional<storage::UserRecord> *user);
    std::optional<protocol::Error> findGroup(const QString &gid, bool *exists);

    storage::Storage &m_storage;
    PasswordHasher m_hasher;
    Clock m_clock;
};

} // namespace seneschal::auth
