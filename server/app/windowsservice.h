#pragma once

// Windows only, and free of Qt on purpose: the mingw/wine check
// (tests/windows/) compiles this same unit into a stand-in program, so the
// service control that ships is the service control that is tested.

#include <cstdint>
#include <functional>
#include <string>

namespace seneschal::app::winservice {

// The name the service control manager knows the server by
// (`sc query Seneschal`, `net stop Seneschal`).
inline constexpr wchar_t serviceName[] = L"Seneschal";

// How --install-service registers the server.
struct ServiceSpec
{
    std::wstring name = serviceName;
    std::wstring displayName;
    std::wstring description;
    std::wstring commandLine; // the executable, quoted, and its arguments
    // Empty: LocalSystem. The installer passes NT AUTHORITY\LocalService.
    std::wstring account;
};

// An outcome with a message in UTF-8 (what was done, or why not).
struct Outcome
{
    bool ok = false;
    std::string message;
};

// Registers the service to start with the system, restarting it after a
// failure (5 s, then 30 s). An existing registration of the same name is
// updated instead (an upgrade runs this again).
Outcome installService(const ServiceSpec &spec);
// Stops the service if it runs (the graceful path, waiting up to
// `stopWaitMs`) and deletes its registration. A service that is not
// installed is fine.
Outcome uninstallService(const std::wstring &name, std::uint32_t stopWaitMs = 35000);
// Asks the service control manager to start the service and waits until it
// reports running or stopped.
Outcome startService(const std::wstring &name, std::uint32_t waitMs = 35000);
// The state the service control manager reports: "running", "stopped",
// "start pending", ..., or "not installed".
std::string queryServiceState(const std::wstring &name);

// What the service control manager asks of the running service. Called on
// the dispatcher's thread: queue the work to your own.
struct Controls
{
    std::function<void()> stop;   // stop, and system shutdown
    std::function<void()> reload; // `sc control Seneschal paramchange`
};

// The running process's side. One per process, as Windows has it: the
// functions below act on process-wide state, like a signal handler's pipe.
//
// Starts the service control dispatcher on a thread of its own and waits
// until the service control manager has entered the service (reported as
// "start pending"). Fails when the process was not started by the service
// control manager. A process that exits without reportStopped() is reported
// stopped with the service-specific code 1.
Outcome attach(const std::wstring &name);
bool attached();
// Who handles stop and reload requests; empty functions to let go. A stop
// that came before any handler is delivered when one is set.
void setControls(Controls controls);
// Running: stop, shutdown and paramchange are accepted from now on.
void reportRunning();
void reportStopping(std::uint32_t waitHintMs);
// The last call of the process: nothing may run after it but the exit
// (the service control manager may end the process once it is stopped).
// Exit code 0: stopped normally; otherwise a service-specific error code.
void reportStopped(std::uint32_t exitCode);

} // namespace seneschal::app::winservice
