#pragma once

#include <QString>
#include <optional>

class QCommandLineParser;

namespace seneschal::app {

// Windows only (servicecommands_win.cpp): the server as a Windows service.
// --install-service registers this executable with the service control
// manager, to run as `--service --config <file>` under the account
// NT AUTHORITY\LocalService; --uninstall-service stops it gracefully and
// unregisters it; --service is what the service control manager runs: the
// process attaches to it, logs to logs\seneschal-server.log beside the
// configuration, and the ServiceNotifier and SignalWatcher then report to
// it and take its stop and paramchange requests (windowsservice.h).

// The default configuration: %ProgramData%\Seneschal\seneschal.conf.
QString defaultWindowsConfigFile();
void addWindowsServiceOptions(QCommandLineParser &parser);
// Runs --install-service or --uninstall-service and returns the exit code,
// or attaches for --service (an exit code when that fails); nothing when
// the server is to run as it would anyway.
std::optional<int> runWindowsServiceOptions(const QCommandLineParser &parser,
                                            const QString &configFile);

} // namespace seneschal::app
