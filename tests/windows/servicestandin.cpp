// A stand-in for seneschal-server.exe that links the real service control
// (server/app/windowsservice_win.cpp) and nothing of Qt, so that it can be
// cross-compiled with mingw and run under wine, where no Qt for Windows is.
// It takes the server's service options, and two of its own for the check:
//   --install-service [--config FILE]   register (as the installer does)
//   --uninstall-service                 stop gracefully and unregister
//   --service [--config FILE]           what the service control manager runs
//   --start-service                     (check only) start, wait until it runs
//   --query-service                     (check only) print the service's state
// Running as the service it writes what happens to seneschal-standin.log
// beside its configuration file (or the executable): "running", then
// "stop requested" and "stopped gracefully" when the service manager's stop
// arrives through the same Controls the server connects to its SIGTERM path.
#include "app/windowsservice.h"

#include <cstdio>
#include <string>
#include <windows.h>

namespace ws = seneschal::app::winservice;

namespace {

std::wstring g_logFile;
HANDLE g_stop = nullptr;

void log(const char *line)
{
    if (FILE *file = _wfopen(g_logFile.c_str(), L"a")) {
        std::fprintf(file, "%s\n", line);
        std::fclose(file);
    }
}

std::wstring exePath()
{
    wchar_t path[MAX_PATH];
    GetModuleFileNameW(nullptr, path, MAX_PATH);
    return path;
}

std::wstring dirOf(const std::wstring &path)
{
    const auto slash = path.find_last_of(L"\\/");
    return slash == std::wstring::npos ? L"." : path.substr(0, slash);
}

int report(const ws::Outcome &outcome)
{
    std::printf("%s\n", outcome.message.c_str());
    return outcome.ok ? 0 : 1;
}

} // namespace

int wmain(int argc, wchar_t *argv[])
{
    std::wstring command;
    std::wstring config;
    for (int i = 1; i < argc; ++i) {
        const std::wstring arg = argv[i];
        if (arg == L"--config" && i + 1 < argc)
            config = argv[++i];
        else
            command = arg;
    }
    if (command == L"--install-service") {
        ws::ServiceSpec spec;
        spec.displayName = L"Seneschal sync server (stand-in)";
        spec.description = L"Stand-in of the Seneschal server for the installer check.";
        spec.commandLine = L"\"" + exePath() + L"\" --service";
        if (!config.empty())
            spec.commandLine += L" --config \"" + config + L"\"";
        spec.account = L"NT AUTHORITY\\LocalService";
        return report(ws::installService(spec));
    }
    if (command == L"--uninstall-service")
        return report(ws::uninstallService(ws::serviceName));
    if (command == L"--start-service")
        return report(ws::startService(ws::serviceName));
    if (command == L"--query-service") {
        std::printf("%s\n", ws::queryServiceState(ws::serviceName).c_str());
        return 0;
    }
    if (command != L"--service") {
        std::printf("usage: seneschal-server --install-service|--uninstall-service|"
                    "--start-service|--query-service|--service [--config FILE]\n");
        return 2;
    }

    g_logFile = (config.empty() ? dirOf(exePath()) : dirOf(config)) + L"\\seneschal-standin.log";
    const ws::Outcome attached = ws::attach(ws::serviceName);
    if (!attached.ok) {
        log(attached.message.c_str());
        std::printf("%s\n", attached.message.c_str());
        return 1;
    }
    log("start pending");
    g_stop = CreateEventW(nullptr, TRUE, FALSE, nullptr);
    // The server queues a quit to its event loop here; the stand-in's "loop"
    // is an event to wait for.
    ws::setControls({[] {
                         log("stop requested");
                         SetEvent(g_stop);
                     },
                     [] { log("reload requested"); }});
    ws::reportRunning();
    log("running");
    WaitForSingleObject(g_stop, INFINITE);
    ws::reportStopping(30000);
    log("stopped gracefully");
    ws::reportStopped(0);
    return 0;
}
