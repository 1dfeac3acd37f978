#include "usercommand.h"

#include "storage/storage.h"

#include <QDateTime>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace seneschal::auth {

namespace {
constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;
constexpr int kExitUsage = 2;
} // namespace

UserCommand::UserCommand(storage::Storage &storage, QTextStream &in, QTextStream &out,
                         QTextStream &err, PasswordHasher hasher)
    : m_storage(storage)
    , m_in(in)
    , m_out(out)
    , m_err(err)
    , m_hasher(hasher)
{}

QString UserCommand::usage()
{
    return u"usage:\n"
           "  user add NAME            create a local user; password from stdin\n"
           "  user passwd NAME         set a new password from stdin (old tokens stop working)\n"
           "  user disable NAME        refuse logins and tokens of NAME (also LDAP users)\n"
           "  user enable NAME\n"
           "  user list\n"
           "  group add GROUP\n"
           "  group remove GROUP\n"
           "  group member-add GROUP NAME\n"
           "  group member-remove GROUP NAME\n"
           "  group list\n"_s;
}

bool UserCommand::isValidName(const QString &name)
{
    static const QRegularExpression pattern(u"^[A-Za-z0-9._@-]{1,64}$"_s);
    return pattern.match(name).hasMatch();
}

int UserCommand::fail(const QString &message)
{
    m_err << "error: " << message << Qt::endl;
    return kExitFailed;
}

int UserCommand::usageError(const QString &message)
{
    m_err << "error: " << message << "\n" << usage() << Qt::flush;
    return kExitUsage;
}

int UserCommand::run(const QStringList &args)
{
    if (args.isEmpty())
        return usageError(u"no command"_s);
    if (args.first() == "user"_L1)
        return user(args.mid(1));
    if (args.first() == "group"_L1)
        return group(args.mid(1));
    return usageError(u"unknown command '%1'"_s.arg(args.first()));
}

bool UserCommand::readPassword(const QString &uuid, QString *password)
{
    m_err << "Password for " << uuid << ": " << Qt::flush;
    QString line = m_in.readLine();
    if (line.endsWith(u'\r'))
        line.chop(1);
    if (line.isEmpty()) {
        m_err << Qt::endl;
        fail(u"no password on standard input"_s);
        return false;
    }
    *password = line;
    return true;
}

int UserCommand::user(const QStringList &args)
{
    const QString sub = args.value(0);
    if (sub == "list"_L1) {
        if (args.size() != 1)
            return usageError(u"user list takes no arguments"_s);
        const auto users = m_storage.users();
        if (!users)
            return fail(users.error().message);
        for (const storage::UserRecord &u : users.value()) {
            const auto groups = m_storage.groupsOf(u.uuid);
            m_out << u.uuid << "\t" << (u.passwordHash.isEmpty() ? "no-password" : "password")
                  << "\t" << (u.disabled ? "disabled" : "enabled") << "\t"
                  << (groups ? groups.value().join(u',') : QString()) << "\n";
        }
        m_out.flush();
        return kExitOk;
    }
    if (args.size() != 2)
        return usageError(u"user %1 needs exactly one NAME"_s.arg(sub));
    const QString name = args[1];
    if (!isValidName(name))
        return fail(u"'%1' is not a valid user name (1-64 of A-Z a-z 0-9 . _ @ -)"_s.arg(name));
    const auto existing = m_storage.user(name);
    if (!existing)
        return fail(existing.error().message);
    const bool exists = existing.value().has_value();

    if (sub == "add"_L1) {
        if (exists)
            return fail(u"user %1 exists; use 'user passwd'"_s.arg(name));
        QString password;
        if (!readPassword(name, &password))
            return kExitFailed;
        storage::UserRecord record;
        record.uuid = name;
        record.passwordHash = m_hasher.hash(password);
        record.createdMs = QDateTime::currentMSecsSinceEpoch();
        if (record.passwordHash.isEmpty())
            return fail(u"hashing failed"_s);
        const storage::Status status = m_storage.createUser(record);
        if (!status)
            return fail(status.error().message);
        m_out << "user " << name << " added" << Qt::endl;
        return kExitOk;
    }
    if (sub == "passwd"_L1) {
        if (!exists)
            return fail(u"no user %1"_s.arg(name));
        QString password;
        if (!readPassword(name, &password))
            return kExitFailed;
        const QString hash = m_hasher.hash(password);
        if (hash.isEmpty())
            return fail(u"hashing failed"_s);
        const storage::Status status = m_storage.setPasswordHash(name, hash);
        if (!status)
            return fail(status.error().message);
        m_out << "password of " << name << " changed; its old tokens no longer work" << Qt::endl;
        return kExitOk;
    }
    if (sub == "disable"_L1 || sub == "enable"_L1) {
        const bool disable = sub == "disable"_L1;
        if (!exists) {
            if (!disable)
                return fail(u"no user %1"_s.arg(name));
            // An LDAP or external user who never logged in: a record without a
            // password carries the flag.
            storage::UserRecord record;
            record.uuid = name;
            record.createdMs = QDateTime::currentMSecsSinceEpoch();
            const storage::Status created = m_storage.createUser(record);
            if (!created)
                return fail(created.error().message);
        }
        const storage::Status status = m_storage.setDisabled(name, disable);
        if (!status)
            return fail(status.error().message);
        m_out << "user " << name << (disable ? " disabled" : " enabled") << Qt::endl;
        return kExitOk;
    }
    return usageError(u"unknown user command '%1'"_s.arg(sub));
}

int UserCommand::group(const QStringList &args)
{
    const QString sub = args.value(0);
    if (sub == "list"_L1) {
        if (args.size() != 1)
            return usageError(u"group list takes no arguments"_s);
        const auto groups = m_storage.groups();
        if (!groups)
            return fail(groups.error().message);
        for (const QString &gid : groups.value()) {
            const auto members = m_storage.groupMembers(gid);
            m_out << gid << "\t" << (members ? members.value().join(u',') : QString()) << "\n";
        }
        m_out.flush();
        return kExitOk;
    }
    if (sub == "add"_L1 || sub == "remove"_L1) {
        if (args.size() != 2)
            return usageError(u"group %1 needs exactly one GROUP"_s.arg(sub));
        const QString gid = args[1];
        if (!isValidName(gid))
            return fail(u"'%1' is not a valid group name"_s.arg(gid));
        const storage::Status status =
            sub == "add"_L1 ? m_storage.createGroup(gid) : m_storage.removeGroup(gid);
        if (!status)
            return fail(status.error().message);
        m_out << "group " << gid << (sub == "add"_L1 ? " added" : " removed") << Qt::endl;
        return kExitOk;
    }
    if (sub == "member-add"_L1 || sub == "member-remove"_L1) {
        if (args.size() != 3)
            return usageError(u"group %1 needs GROUP and NAME"_s.arg(sub));
        const QString gid = args[1];
        const QString uuid = args[2];
        if (!isValidName(gid) || !isValidName(uuid))
            return fail(u"invalid group or user name"_s);
        const bool add = sub == "member-add"_L1;
        const storage::Status status =
            add ? m_storage.addGroupMember(gid, uuid) : m_storage.removeGroupMember(gid, uuid);
        if (!status)
            return fail(status.error().message);
        m_out << uuid << (add ? " added to " : " removed from ") << gid << Qt::endl;
        return kExitOk;
    }
    return usageError(u"unknown group command '%1'"_s.arg(sub));
}

int runUserCommand(const QStringList &args, storage::Storage &storage, QTextStream &in,
                   QTextStream &out, QTextStream &err)
{
    return UserCommand(storage, in, out, err).run(args);
}

} // namespace seneschal::auth
