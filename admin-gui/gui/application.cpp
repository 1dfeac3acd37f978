#include "application.h"

#include "connectdialog.h"
#include "consolecontroller.h"
#include "keychainsecretstore.h"
#include "mainwindow.h"
#include "translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QTextStream>
#include <memory>

namespace seneschal::admingui {

using namespace Qt::StringLiterals;

namespace {

class ApplicationText
{
    Q_DECLARE_TR_FUNCTIONS(seneschal::admingui::ApplicationText)
};

// The translation must be loaded before the help is written: the language
// is read from the arguments by hand first.
QLocale localeFromArguments(const QStringList &arguments)
{
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &argument = arguments[i];
        if (argument.startsWith(u"--language="))
            return QLocale(argument.mid(11));
        if (argument == u"--language" && i + 1 < arguments.size())
            return QLocale(arguments[i + 1]);
    }
    return QLocale();
}

struct CommandLine
{
    QCommandLineParser parser;
    QCommandLineOption help{{u"h"_s, u"help"_s}, ApplicationText::tr("Show this help.")};
    QCommandLineOption version{{u"v"_s, u"version"_s}, ApplicationText::tr("Show the version.")};
    QCommandLineOption server{{u"s"_s, u"server"_s},
                              ApplicationText::tr("The server to connect to (wss://host:7443)."),
                              ApplicationText::tr("url")};
    QCommandLineOption user{{u"u"_s, u"user"_s},
                            ApplicationText::tr("The user to log in as."),
                            ApplicationText::tr("name")};
    QCommandLineOption caFile{
        u"ca-file"_s, ApplicationText::tr("Verify the server against the CAs in this PEM file."),
        ApplicationText::tr("file")};
    QCommandLineOption pin{u"pin"_s,
                           ApplicationText::tr("Pin the server's certificate on first use "
                                               "(SHA-256).")};
    QCommandLineOption language{
        u"language"_s,
        ApplicationText::tr("The language of the console (%1); default: the system's.")
            .arg(Translations::available().join(u", ")),
        ApplicationText::tr("code")};

    CommandLine()
    {
        parser.setApplicationDescription(ApplicationText::tr(
            "The Seneschal admin console: devices, queues, access, reconciliations, users and "
            "the audit of a Seneschal server, live.\nWith --cli it runs the command-line tool "
            "instead (seneschal-admin --cli --help)."));
        parser.addOptions({help, version, server, user, caFile, pin, language});
    }

    // -1: go on; otherwise the exit code.
    int handle(const QStringList &arguments)
    {
        if (!parser.parse(arguments)) {
            QTextStream(stderr) << parser.errorText() << '\n'
                                << ApplicationText::tr("Try seneschal-admin --help.") << '\n';
            return 2;
        }
        if (parser.isSet(help)) {
            QTextStream(stdout) << parser.helpText();
            return 0;
        }
        if (parser.isSet(version)) {
            QTextStream(stdout) << "seneschal-admin " << QCoreApplication::applicationVersion()
                                << '\n';
            return 0;
        }
        return -1;
    }

    ServerProfile profile() const
    {
        ServerProfile profile;
        if (parser.isSet(server))
            profile.url = ServerProfile::adminUrl(parser.value(server));
        profile.user = parser.value(user);
        if (parser.isSet(caFile)) {
            profile.trust = TrustMode::CaFile;
            profile.caFile = parser.value(caFile);
        } else if (parser.isSet(pin)) {
            profile.trust = TrustMode::Pinned;
        }
        return profile;
    }
};

void describe(QCoreApplication *application)
{
    QCoreApplication::setOrganizationName(u"Seneschal"_s);
    QCoreApplication::setApplicationName(u"seneschal-admin"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(SENESCHAL_VERSION));
    const QLocale locale = localeFromArguments(QCoreApplication::arguments());
    QLocale::setDefault(locale);
    Translations::install(application, locale);
}

// --help, --version and mistakes are answered without a display.
bool needsWindow(int argc, char **argv)
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    CommandLine probe;
    return probe.parser.parse(arguments) && !probe.parser.isSet(probe.help) &&
           !probe.parser.isSet(probe.version);
}

// Where no window can be shown (a server over ssh), the command line is
// what the operator wants: say so instead of failing in the platform plugin.
bool hasDisplay()
{
#if defined(Q_OS_UNIX) && !defined(Q_OS_DARWIN)
    return !qEnvironmentVariableIsEmpty("DISPLAY") ||
           !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") ||
           !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
#else
    return true;
#endif
}

} // namespace

int runApplication(int &argc, char **argv)
{
    if (!hasDisplay() && needsWindow(argc, argv)) {
        QCoreApplication application(argc, argv);
        describe(&application);
        QTextStream(stderr) << ApplicationText::tr(
                                   "seneschal-admin: no display for the console's window "
                                   "(neither DISPLAY nor WAYLAND_DISPLAY is set).\n"
                                   "Use seneschal-admin --cli for the command-line tool "
                                   "(seneschal-admin --cli --help lists its commands).")
                            << '\n';
        return 2;
    }
    if (!needsWindow(argc, argv)) {
        QCoreApplication application(argc, argv);
        describe(&application);
        CommandLine commandLine;
        const int code = commandLine.handle(QCoreApplication::arguments());
        return code < 0 ? 0 : code;
    }

    QApplication application(argc, argv);
    describe(&application);
    QApplication::setApplicationDisplayName(ApplicationText::tr("Seneschal admin"));
    QApplication::setDesktopFileName(u"seneschal-admin"_s);
    QApplication::setWindowIcon(QIcon::fromTheme(u"seneschal-admin"_s));
    CommandLine commandLine;
    if (const int code = commandLine.handle(QApplication::arguments()); code >= 0)
        return code;

    KeychainSecretStore secrets;
    ConsoleController controller(&secrets);
    controller.window()->show();
    controller.showConnectDialog(commandLine.profile());
    return application.exec();
}

} // namespace seneschal::admingui
