#pragma once

#include "passwordhasher.h"
#include "userdirectory.h"

#include <QStringList>
#include <QTextStream>

namespace seneschal::auth {

// The command line of the local user and group administration,
// `seneschal-server user add|passwd|disable|enable|list` and
// `seneschal-server group add|remove|member-add|member-remove|list`: it
// parses the arguments and prints; the rules are UserDirectory's. Passwords
// are read from `in` (one line), never from the arguments, so they do not
// show up in `ps` or shell history. The storage must be open.
class UserCommand
{
public:
    UserCommand(storage::Storage &storage, QTextStream &in, QTextStream &out, QTextStream &err,
                PasswordHasher hasher = PasswordHasher());

    // `args` starts at "user" or "group". Returns the process exit code:
    // 0 done, 1 failed (message on `err`), 2 usage error.
    int run(const QStringList &args);

    static QString usage();

private:
    int user(const QStringList &args);
    int group(const QStringList &args);
    int fail(const QString &message);
    // 0 with `message` on `out` when `error` is nullopt, else 1 with the
    // error on `err`.
    int done(const std::optional<protocol::Error> &error, const QString &message);
    int usageError(const QString &message);
    bool readPassword(const QString &uuid, QString *password);

    UserDirectory m_directory;
    QTextStream &m_in;
    QTextStream &m_out;
    QTextStream &m_err;
};

// Convenience for main(): runs UserCommand with the default scrypt cost.
int runUserCommand(const QStringList &args, storage::Storage &storage, QTextStream &in,
                   QTextStream &out, QTextStream &err);

} // namespace seneschal::auth
