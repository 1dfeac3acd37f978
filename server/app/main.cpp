#include "auth/usercommand.h"
#include "config.h"
#include "server.h"
#include "servicecommands.h"
#include "servicenotifier.h"
#include "signalwatcher.h"
#include "storage/storagefactory.h"
#include "sync/syncservice.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QLoggingCategory>
#include <QTextStream>
#include <cstdio>

using namespace Qt::StringLiterals;
using namespace seneschal;

namespace {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}
QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

int openStorageOnly(const app::Config &config, std::unique_ptr<storage::Storage> &storage)
{
    if (!QDir().mkpath(config.dataDir)) {
        err() << "cannot create the data directory " << config.dataDir << Qt::endl;
        return 1;
    }
    storage = storage::createStorage(config.database, u"seneschal-cli"_s);
    if (!storage) {
        err() << "unknown database backend " << config.database.backend << Qt::endl;
        return 2;
    }
    if (auto opened = storage->open(); !opened) {
        err() << "cannot open the database: " << opened.error().message << Qt::endl;
        return 1;
    }
    return 0;
}

int runExpireNow(const app::Config &config)
{
    std::unique_ptr<storage::Storage> storage;
    if (int rc = openStorageOnly(config, storage))
        return rc;
    sync::SyncService service(*storage, config.sync,
                              [] { return QDateTime::currentMSecsSinceEpoch(); });
    if (auto started = service.start(); !started) {
        err() << "cannot open the database: " << started.error().message << Qt::endl;
        return 1;
    }
    out() << "expiring devices unseen for " << config.sync.expireDays << " days..." << Qt::endl;
    auto report = service.expire();
    if (!report) {
        err() << "expiry failed: " << report.error().message << Qt::endl;
        return 1;
    }
    const auto &r = report.value();
    out() << "expired " << r.clientsRemoved << " devices, " << r.logEntriesRemoved
          << " dispatch log entries, " << r.tombstonesRemoved << " tombstones, "
          << r.conflictsRemoved << " reconciliation history entries" << Qt::endl;
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    // Qt's own event dispatcher scales to thousands of sockets; glib's does not.
    if (qEnvironmentVariableIsEmpty("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
    if (qEnvironmentVariableIsEmpty("QT_MESSAGE_PATTERN")) {
        qSetMessagePattern(
            u"%{time yyyy-MM-dd hh:mm:ss.zzz} "
            "%{if-debug}debug%{endif}%{if-info}info %{endif}"
            "%{if-warning}warn %{endif}%{if-critical}error%{endif}"
            "%{if-fatal}fatal%{endif} %{if-category}%{category}: %{endif}%{message}"_s);
    }
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"seneschal-server"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(SENESCHAL_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Seneschal sync server: keeps offline-first apps in step over WebSocket (wss://.../v1).\n"
        "\n"
        "Commands (without one, the server runs):\n"
        "  user add|passwd|disable|enable|list [name]   manage local users (passwords on stdin)\n"
        "  group add|remove|member-add|member-remove|list [group] [user]"_s);
    parser.addHelpOption();
    parser.addVersionOption();
#ifdef Q_OS_WIN
    const QString defaultConfig = app::defaultWindowsConfigFile();
#else
    const QString defaultConfig = u"/etc/seneschal/seneschal.conf"_s;
#endif
    const QCommandLineOption configOption(
        {u"c"_s, u"config"_s}, u"Read the configuration from <file>."_s, u"file"_s, defaultConfig);
    const QCommandLineOption checkOption(u"check-config"_s,
                                         u"Validate the configuration and exit."_s);
    const QCommandLineOption initOption(u"init-db"_s,
                                        u"Create or upgrade the database schema and exit."_s);
    const QCommandLineOption expireOption(
        u"expire-now"_s, u"Expire devices unseen for clients/expireDays now and exit."_s);
    parser.addOptions({configOption, checkOption, initOption, expireOption});
    parser.addPositionalArgument(u"command"_s, u"user or group (see above)"_s, u"[command...]"_s);
#ifdef Q_OS_WIN
    app::addWindowsServiceOptions(parser);
#endif
    parser.process(app);
#ifdef Q_OS_WIN
    if (const auto exitCode = app::runWindowsServiceOptions(parser, parser.value(configOption)))
        return *exitCode;
#endif

    QStringList errors;
    const app::Config config =
        app::Config::load(parser.value(configOption), !parser.isSet(configOption), &errors);
    if (!errors.isEmpty()) {
        for (const QString &e : std::as_const(errors))
            err() << "configuration: " << e << Qt::endl;
        return 2;
    }
    // Debug output is opt-in (server/logRules or QT_LOGGING_RULES).
    QLoggingCategory::setFilterRules(u"*.debug=false\n"_s +
                                     QString(config.logRules).replace(u';', u'\n'));

    if (parser.isSet(checkOption)) {
        out() << "configuration OK: " << (config.file.isEmpty() ? u"(defaults)"_s : config.file)
              << "\n  listen " << config.listener.address.toString() << ':' << config.listener.port
              << (config.listener.tls ? " (TLS)" : " (plaintext)") << "\n  database "
              << config.database.backend << ' '
              << (config.database.backend == u"sqlite"
                      ? config.database.path
                      : config.database.host + u'/' + config.database.name)
              << "\n  auth " << config.auth.providers.join(u',') << Qt::endl;
        return 0;
    }
    if (parser.isSet(initOption)) {
        std::unique_ptr<storage::Storage> storage;
        if (int rc = openStorageOnly(config, storage))
            return rc;
        out() << "database ready, schema version " << storage->schemaVersion().value() << Qt::endl;
        return 0;
    }
    if (parser.isSet(expireOption))
        return runExpireNow(config);
    if (const QStringList command = parser.positionalArguments(); !command.isEmpty()) {
        if (command.first() != u"user" && command.first() != u"group") {
            err() << "unknown command " << command.first() << " (see --help)" << Qt::endl;
            return 2;
        }
        std::unique_ptr<storage::Storage> storage;
        if (int rc = openStorageOnly(config, storage))
            return rc;
        QTextStream in(stdin);
        return auth::runUserCommand(command, *storage, in, out(), err());
    }

    // systemd's Type=notify, or the Windows service control manager, when it
    // started us; destroyed last.
    app::ServiceNotifier notifier;
    app::Server server(config);
    QString error;
    if (!server.start(&error)) {
        err() << "seneschal-server: " << error << Qt::endl;
        notifier.status(u"failed to start: "_s + error);
        return 1;
    }
    const QString listening = u"listening on port %1"_s.arg(server.port());
    app::SignalWatcher watcher;
    QObject::connect(&watcher, &app::SignalWatcher::terminationRequested, &app,
                     [&server, &notifier](int signalNumber) {
                         qInfo("signal %d: stopping", signalNumber);
                         notifier.stopping(u"stopping: finishing commits, closing sessions"_s);
                         server.shutdown();
                         QCoreApplication::exit(0);
                     });
    QObject::connect(
        &watcher, &app::SignalWatcher::reloadRequested, &app, [&server, &notifier, listening] {
            notifier.reloading();
            QString reloadError;
            if (server.reloadCertificate(&reloadError)) {
                notifier.ready(listening);
            } else {
                qWarning().noquote() << "reload: the certificate in use stays:" << reloadError;
                notifier.ready(listening + u"; last reload failed: "_s + reloadError);
            }
        });
    // Ready only once the signals are watched: a stop that follows at once
    // must take the graceful path.
    if (!notifier.ready(listening))
        qWarning().noquote() << "cannot tell the service manager:" << notifier.errorString();
    return QCoreApplication::exec();
}
