// seneschal-admin: `--cli` runs the command-line tool; the graphical console
// is not part of this build yet.
#include "cli/cli.h"
#include "cli/exitcode.h"
#include "cli/secretreader.h"

#include <QCoreApplication>
#include <QTextStream>
#include <cstdio>

using namespace Qt::StringLiterals;
using namespace seneschal;

int main(int argc, char *argv[])
{
    // A QCoreApplication while there is no window: the tool runs on servers
    // without a display.
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"seneschal-admin"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(SENESCHAL_VERSION));

    QStringList arguments = QCoreApplication::arguments().mid(1);
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (!arguments.removeOne(u"--cli"_s)) {
        err << "Usage: seneschal-admin --cli [OPTIONS] COMMAND [ARGS...]\n"
               "The graphical console is not part of this build; use --cli "
               "(seneschal-admin --cli --help lists the commands).\n";
        err.flush();
        return admincli::toInt(admincli::ExitCode::Usage);
    }
    admincli::SecretReader secrets(err);
    admincli::Cli cli(out, err, secrets, admincli::CliEnvironment::fromProcess());
    return cli.run(arguments);
}
