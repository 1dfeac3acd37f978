#pragma once

#include "exitcode.h"
#include "invocation.h"

#include <QString>
#include <QStringList>
#include <QTextStream>
#include <optional>

namespace seneschal::admincli {

class SecretReader;

// What the tool reads from its environment.
struct CliEnvironment
{
    QString url;   // SENESCHAL_ADMIN_URL
    QString token; // SENESCHAL_ADMIN_TOKEN

    static CliEnvironment fromProcess();
};

// `seneschal-admin --cli`: reads the command line and the secrets, logs in,
// runs the command (CommandRunner, or EventWatcher for `watch`) and returns
// the exit code. The wiring only; each step is a class of its own.
class Cli
{
public:
    Cli(QTextStream &out, QTextStream &err, SecretReader &secrets, CliEnvironment environment);

    // The arguments after `--cli`; runs an event loop until the command ends.
    int run(const QStringList &arguments);

private:
    int usageError(const QString &message);
    // The login and, for user add/passwd, the new password; the exit code
    // when something is missing (already reported), nullopt when all is there.
    std::optional<ExitCode> readSecrets(Invocation &invocation, client::ClientAuth &auth);
    ExitCode execute(const Invocation &invocation, const QUrl &url, const client::ClientAuth &auth);

    QTextStream &m_out;
    QTextStream &m_err;
    SecretReader &m_secrets;
    CliEnvironment m_environment;
};

} // namespace seneschal::admincli
