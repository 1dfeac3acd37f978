#include "application.h"

#include "connectdialog.h"
#include "consolecontroller.h"
#include "keychainsecretstore.h"
#include "mainwindow.h"
#include "translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTextStream>

namespace seneschal::admingui {

using namespace Qt::StringLiterals;

namespace {

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

class ApplicationText
{
    Q_DECLARE_TR_FUNCTIONS(seneschal::admingui::ApplicationText)
};

} // namespace

int runApplication(int &argc, char **argv)
{
    QApplication application(argc, argv);
    QApplication::setOrganizationName(u"Seneschal"_s);
    QApplication::setApplicationName(u"seneschal-admin"_s);
    QApplication::setApplicationVersion(QStringLiteral(SENESCHAL_VERSION));
    const QLocale locale = localeFromArguments(QApplication::arguments());
    QLocale::setDefault(locale);
    Translations::install(&application, locale);
    QApplication::setApplicationDisplayName(ApplicationText::tr("Seneschal admin"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        ApplicationText::tr("The Seneschal admin console: devices, queues, access, "
                            "reconciliations, users and the audit of a Seneschal server, "
                            "live.\nWith --cli as first argument it runs the command-line tool "
                            "instead (seneschal-admin --cli --help)."));
    const QCommandLineOption help({u"h"_s, u"help"_s}, ApplicationText::tr("Show this help."));
    const QCommandLineOption version({u"v"_s, u"version"_s},
                                     ApplicationText::tr("Show the version."));
    const QCommandLineOption server(
        {u"s"_s, u"server"_s}, ApplicationText::tr("The server to connect to (wss://host:7443)."),
        ApplicationText::tr("url"));
    const QCommandLineOption user({u"u"_s, u"user"_s},
                                  ApplicationText::tr("The user to log in as."),
                                  ApplicationText::tr("name"));
    const QCommandLineOption caFile(u"ca-file"_s,
                                    ApplicationText::tr("Verify the server against the CAs in "
                                                        "this PEM file."),
                                    ApplicationText::tr("file"));
    const QCommandLineOption pin(u"pin"_s, ApplicationText::tr("Pin the server's certificate "
                                                               "on first use (SHA-256)."));
    const QCommandLineOption language(
        u"language"_s,
        ApplicationText::tr("The language of the console (%1); default: the system's.")
            .arg(Translations::available().join(u", ")),
        ApplicationText::tr("code"));
    parser.addOptions({help, version, server, user, caFile, pin, language});
    if (!parser.parse(QApplication::arguments())) {
        QTextStream(stderr) << parser.errorText() << '\n'
                            << ApplicationText::tr("Try seneschal-admin --help.") << '\n';
        return 2;
    }
    if (parser.isSet(help)) {
        QTextStream(stdout) << parser.helpText();
        return 0;
    }
    if (parser.isSet(version)) {
        QTextStream(stdout) << "seneschal-admin " << QApplication::applicationVersion() << '\n';
        return 0;
    }

    KeychainSecretStore secrets;
    ConsoleController controller(&secrets);
    controller.window()->show();
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
    controller.showConnectDialog(profile);
    return application.exec();
}

} // namespace seneschal::admingui
