#include "cli.h"

#include "argumentparser.h"
#include "commandrunner.h"
#include "eventwatcher.h"
#include "jsonformatter.h"
#include "logintoken.h"
#include "secretreader.h"
#include "serveraddress.h"
#include "sessionopener.h"
#include "tableformatter.h"

#include <QEventLoop>
#include <QLoggingCategory>
#include <QSslCertificate>
#include <QTimer>
#include <memory>

namespace seneschal::admincli {

using namespace Qt::StringLiterals;

namespace {

constexpr int kCloseWaitMs = 2000; // for the close handshake after the command

} // namespace

CliEnvironment CliEnvironment::fromProcess()
{
    return CliEnvironment{qEnvironmentVariable("SENESCHAL_ADMIN_URL"),
                          qEnvironmentVariable("SENESCHAL_ADMIN_TOKEN")};
}

Cli::Cli(QTextStream &out, QTextStream &err, SecretReader &secrets, CliEnvironment environment)
    : m_out(out)
    , m_err(err)
    , m_secrets(secrets)
    , m_environment(std::move(environment))
{}

int Cli::usageError(const QString &message)
{
    m_err << "seneschal-admin: " << message << '\n' << ArgumentParser::usageHint() << '\n';
    m_err.flush();
    return toInt(ExitCode::Usage);
}

int Cli::run(const QStringList &arguments)
{
    // The client library's own warnings repeat what this tool reports in
    // its words; QT_LOGGING_RULES still turns them on.
    QLoggingCategory::setFilterRules(u"seneschal.*.debug=false\n"
                                     "seneschal.*.info=false\n"
                                     "seneschal.*.warning=false"_s);

    ParseOutcome parsed = ArgumentParser().parse(arguments);
    if (parsed.kind == ParseOutcome::Kind::Help) {
        m_out << ArgumentParser::helpText();
        m_out.flush();
        return toInt(ExitCode::Done);
    }
    if (parsed.kind == ParseOutcome::Kind::Usage)
        return usageError(parsed.message);
    Invocation &invocation = parsed.invocation;

    const auto url = ServerAddress::resolve(invocation.global.server, m_environment.url);
    if (const auto *problem = std::get_if<QString>(&url))
        return usageError(*problem);
    if (!invocation.global.caFile.isEmpty() &&
        QSslCertificate::fromPath(invocation.global.caFile, QSsl::Pem).isEmpty())
        return usageError(u"--ca-file %1: no PEM certificate could be read from it"_s.arg(
            invocation.global.caFile));

    client::ClientAuth auth;
    if (auto failed = readSecrets(invocation, auth))
        return toInt(*failed);
    return toInt(execute(invocation, std::get<QUrl>(url), auth));
}

std::optional<ExitCode> Cli::readSecrets(Invocation &invocation, client::ClientAuth &auth)
{
    const QString user = invocation.global.user;
    if (!user.isEmpty()) {
        const auto password = m_secrets.readLine(u"Password for %1: "_s.arg(user));
        if (!password || password->isEmpty()) {
            usageError(u"no password for %1 on stdin (its first line)"_s.arg(user));
            return ExitCode::Usage;
        }
        auth = client::ClientAuth::withPassword(user, *password);
    } else if (!m_environment.token.isEmpty()) {
        auth = client::ClientAuth::withToken(m_environment.token);
    } else {
        usageError(u"give --user NAME (the password on stdin) or a token in "
                   "SENESCHAL_ADMIN_TOKEN"_s);
        return ExitCode::Usage;
    }

    if (!invocation.needsNewPassword())
        return std::nullopt;
    const QString name = invocation.user.name;
    const auto password = m_secrets.readLine(u"New password for %1: "_s.arg(name));
    if (!password || password->isEmpty()) {
        usageError(u"no new password for %1 on stdin (%2)"_s.arg(
            name, user.isEmpty() ? u"its first line"_s : u"the line after the login password"_s));
        return ExitCode::Usage;
    }
    if (m_secrets.isTerminal()) {
        const auto again = m_secrets.readLine(u"Again: "_s);
        if (again != password) {
            usageError(u"the two passwords differ"_s);
            return ExitCode::Usage;
        }
    }
    invocation.user.password = *password;
    return std::nullopt;
}

ExitCode Cli::execute(const Invocation &invocation, const QUrl &url, const client::ClientAuth &auth)
{
    std::unique_ptr<OutputFormatter> output;
    if (invocation.global.json)
        output = std::make_unique<JsonFormatter>(m_out, m_err);
    else
        output = std::make_unique<TableFormatter>(m_out, m_err);

    admin::AdminClientOptions options;
    options.url = url;
    options.cuid =
        auth.method == protocol::AuthMethod::Jwt ? LoginToken::boundCuid(auth.token) : QString();
    if (options.cuid.isEmpty())
        options.cuid = ServerAddress::consoleCuid();
    options.auth = auth;
    options.caFile = invocation.global.caFile;
    admin::AdminClient client(options);

    QEventLoop loop;
    const auto end = [&loop](ExitCode code) { loop.exit(toInt(code)); };
    SessionOpener opener(client, invocation.global.timeoutSeconds * 1000);
    std::unique_ptr<QObject> command;
    QObject::connect(&opener, &SessionOpener::failed, &loop,
                     [&](const QString &code, const QString &message) {
                         output->problem(code, message);
                         end(ExitCode::Unreachable);
                     });
    QObject::connect(&opener, &SessionOpener::opened, &loop, [&] {
        if (invocation.command == Command::Watch) {
            auto watcher = std::make_unique<EventWatcher>(client, invocation, *output);
            QObject::connect(watcher.get(), &EventWatcher::finished, &loop, end);
            watcher->start();
            command = std::move(watcher);
        } else {
            auto runner = std::make_unique<CommandRunner>(client, invocation, *output);
            QObject::connect(runner.get(), &CommandRunner::finished, &loop, end);
            runner->start();
            command = std::move(runner);
        }
    });
    QTimer::singleShot(0, &opener, &SessionOpener::open);
    const auto code = ExitCode(loop.exec());

    // Say goodbye with a close frame rather than a dropped connection.
    command.reset();
    if (client.state() != admin::AdminClient::State::Offline) {
        QEventLoop closing;
        QObject::connect(&client, &admin::AdminClient::stateChanged, &closing,
                         [&closing](admin::AdminClient::State state) {
                             if (state == admin::AdminClient::State::Offline)
                                 closing.quit();
                         });
        QTimer::singleShot(kCloseWaitMs, &closing, &QEventLoop::quit);
        client.disconnectFromServer();
        if (client.state() != admin::AdminClient::State::Offline)
            closing.exec();
    }
    return code;
}

} // namespace seneschal::admincli
