#include "userdirectory.h"

#include <QHash>
#include <QRegularExpression>

using namespace Qt::StringLiterals;
using seneschal::protocol::Error;
using seneschal::protocol::ErrorCode;

namespace seneschal::auth {

namespace {

Error unavailable(const storage::StorageError &error)
{
    return Error{ErrorCode::Unavailable, u"storage unavailable: "_s + error.message};
}

std::optional<Error> failed(const storage::Status &status)
{
    if (status)
        return std::nullopt;
    return unavailable(status.error());
}

} // namespace

UserDirectory::UserDirectory(storage::Storage &storage, PasswordHasher hasher, Clock clock)
    : m_storage(storage)
    , m_hasher(hasher)
    , m_clock(clock ? std::move(clock) : systemClock())
{}

bool UserDirectory::isValidName(const QString &name)
{
    static const QRegularExpression pattern(u"^[A-Za-z0-9._@-]{1,64}$"_s);
    return pattern.match(name).hasMatch();
}

std::optional<Error> UserDirectory::checkName(const QString &name, QStringView what) const
{
    if (isValidName(name))
        return std::nullopt;
    return Error{ErrorCode::Invalid,
                 u"'%1' is not a valid %2 name (1-64 of A-Z a-z 0-9 . _ @ -)"_s.arg(name, what)};
}

std::optional<Error> UserDirectory::findUser(const QString &name,
                                             std::optional<storage::UserRecord> *user)
{
    auto record = m_storage.user(name);
    if (!record)
        return unavailable(record.error());
    *user = std::move(record).value();
    return std::nullopt;
}

std::optional<Error> UserDirectory::findGroup(const QString &gid, bool *exists)
{
    const auto gids = m_storage.groups();
    if (!gids)
        return unavailable(gids.error());
    *exists = gids.value().contains(gid);
    return std::nullopt;
}

std::optional<Error> UserDirectory::addUser(const QString &name, const QString &password)
{
    if (auto invalid = checkName(name, u"user"))
        return invalid;
    std::optional<storage::UserRecord> existing;
    if (auto error = findUser(name, &existing))
        return error;
    if (existing)
        return Error{ErrorCode::Invalid, u"user %1 exists"_s.arg(name)};
    storage::UserRecord record;
    record.uuid = name;
    record.createdMs = m_clock();
    if (!password.isEmpty()) {
        record.passwordHash = m_hasher.hash(password);
        if (record.passwordHash.isEmpty())
            return Error{ErrorCode::Unavailable, u"hashing the password failed"_s};
    }
    return failed(m_storage.createUser(record));
}

std::optional<Error> UserDirectory::setPassword(const QString &name, const QString &password)
{
    if (auto invalid = checkName(name, u"user"))
        return invalid;
    if (password.isEmpty())
        return Error{ErrorCode::Invalid, u"no password given"_s};
    std::optional<storage::UserRecord> existing;
    if (auto error = findUser(name, &existing))
        return error;
    if (!existing)
        return Error{ErrorCode::Forbidden, u"no user %1"_s.arg(name)};
    const QString hash = m_hasher.hash(password);
    if (hash.isEmpty())
        return Error{ErrorCode::Unavailable, u"hashing the password failed"_s};
    return failed(m_storage.setPasswordHash(name, hash));
}

std::optional<Error> UserDirectory::setDisabled(const QString &name, bool disabled)
{
    if (auto invalid = checkName(name, u"user"))
        return invalid;
    std::optional<storage::UserRecord> existing;
    if (auto error = findUser(name, &existing))
        return error;
    if (!existing) {
        if (!disabled)
            return Error{ErrorCode::Forbidden, u"no user %1"_s.arg(name)};
        storage::UserRecord record;
        record.uuid = name;
        record.createdMs = m_clock();
        // A first login (the auth thread writes its record) may have come
        // in between: then the record exists and is disabled below.
        if (const storage::Status created = m_storage.createUser(record); !created) {
            if (auto error = findUser(name, &existing))
                return error;
            if (!existing)
                return unavailable(created.error());
        }
    }
    return failed(m_storage.setDisabled(name, disabled));
}

std::optional<Error> UserDirectory::addGroup(const QString &gid)
{
    if (auto invalid = checkName(gid, u"group"))
        return invalid;
    bool exists = false;
    if (auto error = findGroup(gid, &exists))
        return error;
    if (exists)
        return Error{ErrorCode::Invalid, u"group %1 exists"_s.arg(gid)};
    return failed(m_storage.createGroup(gid));
}

std::optional<Error> UserDirectory::removeGroup(const QString &gid)
{
    if (auto invalid = checkName(gid, u"group"))
        return invalid;
    bool exists = false;
    if (auto error = findGroup(gid, &exists))
        return error;
    if (!exists)
        return Error{ErrorCode::Forbidden, u"no group %1"_s.arg(gid)};
    return failed(m_storage.removeGroup(gid));
}

std::optional<Error> UserDirectory::addMember(const QString &gid, const QString &name)
{
    if (auto invalid = checkName(gid, u"group"))
        return invalid;
    if (auto invalid = checkName(name, u"user"))
        return invalid;
    bool exists = false;
    if (auto error = findGroup(gid, &exists))
        return error;
    if (!exists)
        return Error{ErrorCode::Forbidden, u"no group %1"_s.arg(gid)};
    return failed(m_storage.addGroupMember(gid, name));
}

std::optional<Error> UserDirectory::removeMember(const QString &gid, const QString &name)
{
    if (auto invalid = checkName(gid, u"group"))
        return invalid;
    if (auto invalid = checkName(name, u"user"))
        return invalid;
    bool exists = false;
    if (auto error = findGroup(gid, &exists))
        return error;
    if (!exists)
        return Error{ErrorCode::Forbidden, u"no group %1"_s.arg(gid)};
    const auto members = m_storage.groupMembers(gid);
    if (!members)
        return unavailable(members.error());
    if (!members.value().contains(name))
        return Error{ErrorCode::Forbidden, u"%1 is not a member of %2"_s.arg(name, gid)};
    return failed(m_storage.removeGroupMember(gid, name));
}

storage::Result<QList<UserDirectory::User>> UserDirectory::users()
{
    auto records = m_storage.users();
    if (!records)
        return records.error();
    // One query per group rather than one per user: groups are few.
    auto groupList = groups();
    if (!groupList)
        return groupList.error();
    QHash<QString, QStringList> groupsOf;
    for (const Group &group : groupList.value()) {
        for (const QString &member : group.members)
            groupsOf[member].append(group.gid); // groups come sorted
    }
    QList<User> users;
    users.reserve(records.value().size());
    for (const storage::UserRecord &record : records.value()) {
        users.append(User{record.uuid, record.disabled, !record.passwordHash.isEmpty(),
                          record.createdMs, groupsOf.value(record.uuid)});
    }
    return users;
}

storage::Result<QList<UserDirectory::Group>> UserDirectory::groups()
{
    const auto gids = m_storage.groups();
    if (!gids)
        return gids.error();
    QList<Group> groups;
    groups.reserve(gids.value().size());
    for (const QString &gid : gids.value()) {
        auto members = m_storage.groupMembers(gid);
        if (!members)
            return members.error();
        groups.append(Group{gid, std::move(members).value()});
    }
    return groups;
}

} // namespace seneschal::auth
