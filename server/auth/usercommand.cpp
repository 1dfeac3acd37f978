#include "usercommand.h"

using namespace Qt::StringLiterals;

namespace seneschal::auth {

namespace {
constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;
constexpr int kExitUsage = 2;
} // namespace

UserCommand::UserCommand(storage::Storage &storage, QTextStream &in, QTextStream &out,
                         QTextStream &err, PasswordHasher hasher)
    : m_directory(storage, hasher)
    , m_in(in)
    , m_out(out)
    , m_err(err)
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

int UserCommand::fail(const QString &message)
{
    m_err << "error: " << message << Qt::endl;
    return kExitFailed;
}

int UserCommand::done(const std::optional<protocol::Error> &error, const QString &message)
{
    if (error)
        return fail(error->message);
    m_out << message << Qt::endl;
    return kExitOk;
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
        const auto users = m_directory.users();
        if (!users)
            return fail(users.error().message);
        for (const UserDirectory::User &u : users.value()) {
            m_out << u.name << "\t" << (u.hasPassword ? "password" : "no-password") << "\t"
                  << (u.disabled ? "disabled" : "enabled") << "\t" << u.groups.join(u',') << "\n";
        }
        m_out.flush();
        return kExitOk;
    }
    if (sub != "add"_L1 && sub != "passwd"_L1 && sub != "disable"_L1 && sub != "enable"_L1)
        return usageError(u"unknown user command '%1'"_s.arg(sub));
    if (args.size() != 2)
        return usageError(u"user %1 needs exactly one NAME"_s.arg(sub));
    const QString name = args[1];
    // Checked before the password is asked for; the directory checks again.
    if (!UserDirectory::isValidName(name))
        return fail(u"'%1' is not a valid user name (1-64 of A-Z a-z 0-9 . _ @ -)"_s.arg(name));

    if (sub == "add"_L1 || sub == "passwd"_L1) {
        QString password;
        if (!readPassword(name, &password))
            return kExitFailed;
        if (sub == "add"_L1)
            return done(m_directory.addUser(name, password), u"user %1 added"_s.arg(name));
        return done(m_directory.setPassword(name, password),
                    u"password of %1 changed; its old tokens no longer work"_s.arg(name));
    }
    const bool disable = sub == "disable"_L1;
    return done(m_directory.setDisabled(name, disable),
                u"user %1 %2"_s.arg(name, disable ? u"disabled"_s : u"enabled"_s));
}

int UserCommand::group(const QStringList &args)
{
    const QString sub = args.value(0);
    if (sub == "list"_L1) {
        if (args.size() != 1)
            return usageError(u"group list takes no arguments"_s);
        const auto groups = m_directory.groups();
        if (!groups)
            return fail(groups.error().message);
        for (const UserDirectory::Group &g : groups.value())
            m_out << g.gid << "\t" << g.members.join(u',') << "\n";
        m_out.flush();
        return kExitOk;
    }
    if (sub == "add"_L1 || sub == "remove"_L1) {
        if (args.size() != 2)
            return usageError(u"group %1 needs exactly one GROUP"_s.arg(sub));
        const QString gid = args[1];
        if (sub == "add"_L1)
            return done(m_directory.addGroup(gid), u"group %1 added"_s.arg(gid));
        return done(m_directory.removeGroup(gid), u"group %1 removed"_s.arg(gid));
    }
    if (sub == "member-add"_L1 || sub == "member-remove"_L1) {
        if (args.size() != 3)
            return usageError(u"group %1 needs GROUP and NAME"_s.arg(sub));
        const QString gid = args[1];
        const QString name = args[2];
        if (sub == "member-add"_L1)
            return done(m_directory.addMember(gid, name), u"%1 added to %2"_s.arg(name, gid));
        return done(m_directory.removeMember(gid, name), u"%1 removed from %2"_s.arg(name, gid));
    }
    return usageError(u"unknown group command '%1'"_s.arg(sub));
}

int runUserCommand(const QStringList &args, storage::Storage &storage, QTextStream &in,
                   QTextStream &out, QTextStream &err)
{
    return UserCommand(storage, in, out, err).run(args);
}

} // namespace seneschal::auth
