#pragma once

#include "passwordhasher.h"

#include <QStringList>
#include <QTextStream>

namespace seneschal::storage {
class Storage;
}

namespace seneschal::auth {

// The local user and group administration behind
// `seneschal-server user add|passwd|disable|enable|list` and
// `seneschal-server group add|remove|member-add|member-remove|list`.
// Passwords are read from `in` (one line), never from the arguments, so they
// do not show up in `ps` or shell history. The storage must be open.
class UserCommand
{
public:
    UserCommand(storage::Storage &storage, QTextStream &in, QTextStream &out, QTextStream &err,
                PasswordHasher hasher = PasswordHasher());

    // `args` starts at "user" or "group". Returns the process exit code:
    // 0 done, 1 failed (message on `err`), 2 usage error.
    int run(const QStringList &args);

    static QString usage();
    static bool isValidName(const QString &name);

private:
    int user(const QStringList &args);
    int group(const QStringList &args);
    int fail(const QString &message);
    int usageError(const QString &message);
    bool readPassword(const QString &uuid, QString *password);

    storage::Storage &m_storage;
    QTextStream &m_in;
    QTextStream &m_out;
    QTextStream &m_err;
    PasswordHasher m_hasher;
};

// Convenience for main(): runs UserCommand with the default scrypt cost.
int runUserCommand(const QStringList &args, storage::Storage &storage, QTextStream &in,
                   QTextStream &out, QTextStream &err);

} // namespace seneschal::auth
