// seneschal-admin: the graphical console, or with `--cli` the command-line
// tool (which needs no display and runs on servers without one).
#include "cli/cli.h"
#include "cli/exitcode.h"
#include "cli/secretreader.h"
#include "gui/application.h"

#include <QCoreApplication>
#include <QTextStream>
#include <cstdio>
#include <cstring>

using namespace Qt::StringLiterals;
using namespace seneschal;

namespace {

bool wantsCli(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--cli") == 0)
            return true;
    }
    return false;
}

int runCli(int argc, char *argv[])
{
    // A QCoreApplication: no display needed.
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"seneschal-admin"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(SENESCHAL_VERSION));

    QStringList arguments = QCoreApplication::arguments().mid(1);
    arguments.removeOne(u"--cli"_s);
    QTextStream out(stdout);
    QTextStream err(stderr);
    admincli::SecretReader secrets(err);
    admincli::Cli cli(out, err, secrets, admincli::CliEnvironment::fromProcess());
    return cli.run(arguments);
}

} // namespace

int main(int argc, char *argv[])
{
    if (wantsCli(argc, argv))
        return runCli(argc, argv);
    return admingui::runApplication(argc, argv);
}
