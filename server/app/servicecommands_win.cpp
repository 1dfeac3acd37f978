#include "servicecommands.h"
#include "windowsservice.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QTextStream>
#include <cstdio>

namespace seneschal::app {

using namespace Qt::StringLiterals;

namespace {

const QString installName = u"install-service"_s;
const QString uninstallName = u"uninstall-service"_s;
const QString serviceName = u"service"_s;

std::wstring quoted(const QString &path)
{
    return L"\"" + QDir::toNativeSeparators(path).toStdWString() + L"\"";
}

int print(const winservice::Outcome &outcome)
{
    QTextStream(outcome.ok ? stdout : stderr)
        << QString::fromStdString(outcome.message) << Qt::endl;
    return outcome.ok ? 0 : 1;
}

} // namespace

QString defaultWindowsConfigFile()
{
    const QString programData = qEnvironmentVariable("ProgramData", u"C:\\ProgramData"_s);
    return QDir(QDir::fromNativeSeparators(programData)).filePath(u"Seneschal/seneschal.conf"_s);
}

void addWindowsServiceOptions(QCommandLineParser &parser)
{
    parser.addOptions({
        QCommandLineOption(installName,
                           u"Register the server as the Windows service Seneschal (started with "
                           "the system, as LocalService, with the --config given) and exit."_s),
        QCommandLineOption(uninstallName,
                           u"Stop the Windows service Seneschal gracefully, unregister it and "
                           "exit."_s),
        QCommandLineOption(serviceName,
                           u"Run under the Windows service control manager (the registered "
                           "service's command line)."_s),
    });
}

std::optional<int> runWindowsServiceOptions(const QCommandLineParser &parser,
                                            const QString &configFile)
{
    if (parser.isSet(installName)) {
        winservice::ServiceSpec spec;
        spec.displayName = L"Seneschal sync server";
        spec.description = L"Keeps the devices of offline-first apps in step (wss://.../v1).";
        spec.commandLine = quoted(QCoreApplication::applicationFilePath()) +
                           L" --service --config " +
                           quoted(QFileInfo(configFile).absoluteFilePath());
        spec.account = L"NT AUTHORITY\\LocalService";
        return print(winservice::installService(spec));
    }
    if (parser.isSet(uninstallName))
        return print(winservice::uninstallService(winservice::serviceName));
    if (!parser.isSet(serviceName))
        return std::nullopt;

    const winservice::Outcome attached = winservice::attach(winservice::serviceName);
    if (!attached.ok)
        return print(attached);
    // A service has no console: what the server writes goes to a log file,
    // Qt's messages included (they would go to the debugger otherwise).
    const QString logDir = QFileInfo(configFile).absoluteDir().filePath(u"logs"_s);
    QDir().mkpath(logDir);
    const QString logFile = QDir(logDir).filePath(u"seneschal-server.log"_s);
    if (_wfreopen(reinterpret_cast<const wchar_t *>(QDir::toNativeSeparators(logFile).utf16()),
                  L"a", stderr)) {
        std::setvbuf(stderr, nullptr, _IONBF, 0);
        qputenv("QT_FORCE_STDERR_LOGGING", "1");
    }
    return std::nullopt;
}

} // namespace seneschal::app
