// Win32 service control without a wrapper program: the dispatcher runs on a
// thread of its own so that the main thread keeps the event loop, and every
// request of the service control manager becomes a call of the Controls the
// application set. No Qt here (see windowsservice.h).
#include "windowsservice.h"

#include <cstdlib>
#include <utility>
#include <windows.h>

namespace seneschal::app::winservice {

namespace {

std::string utf8(const std::wstring &text)
{
    if (text.empty())
        return {};
    const int size = WideCharToMultiByte(CP_UTF8, 0, text.data(), int(text.size()), nullptr, 0,
                                         nullptr, nullptr);
    std::string result(std::size_t(size), '\0');
    WideCharToMultiByte(CP_UTF8, 0, text.data(), int(text.size()), result.data(), size, nullptr,
                        nullptr);
    return result;
}

std::string systemError(DWORD code)
{
    wchar_t *buffer = nullptr;
    const DWORD length = FormatMessageW(
        FORMAT_MESSAGE_ALLOCATE_BUFFER | FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS,
        nullptr, code, 0, reinterpret_cast<wchar_t *>(&buffer), 0, nullptr);
    std::wstring text = length ? std::wstring(buffer, length) : std::wstring();
    LocalFree(buffer);
    while (!text.empty() && (text.back() == L'\n' || text.back() == L'\r' || text.back() == L' '))
        text.pop_back();
    return utf8(text) + " (error " + std::to_string(code) + ")";
}

// `what` names the step; `name` (if any) is appended. Reads the last error
// first, before anything else can change it.
Outcome failure(const char *what, const std::wstring &name = {})
{
    const DWORD code = GetLastError();
    return {false,
            what + (name.empty() ? std::string() : " " + utf8(name)) + ": " + systemError(code)};
}

// Closes a service handle when it goes out of scope.
class Handle
{
public:
    explicit Handle(SC_HANDLE handle)
        : m_handle(handle)
    {}
    ~Handle()
    {
        if (m_handle)
            CloseServiceHandle(m_handle);
    }
    Handle(const Handle &) = delete;
    Handle &operator=(const Handle &) = delete;
    SC_HANDLE get() const { return m_handle; }
    explicit operator bool() const { return m_handle != nullptr; }

private:
    SC_HANDLE m_handle;
};

std::string stateName(DWORD state)
{
    switch (state) {
    case SERVICE_STOPPED:
        return "stopped";
    case SERVICE_START_PENDING:
        return "start pending";
    case SERVICE_STOP_PENDING:
        return "stop pending";
    case SERVICE_RUNNING:
        return "running";
    case SERVICE_CONTINUE_PENDING:
        return "continue pending";
    case SERVICE_PAUSE_PENDING:
        return "pause pending";
    case SERVICE_PAUSED:
        return "paused";
    default:
        return "state " + std::to_string(state);
    }
}

// Polls until the service leaves `pending` or `waitMs` has passed.
SERVICE_STATUS waitWhile(SC_HANDLE service, DWORD pending, DWORD waitMs)
{
    SERVICE_STATUS status{};
    const ULONGLONG until = GetTickCount64() + waitMs;
    while (QueryServiceStatus(service, &status) && status.dwCurrentState == pending &&
           GetTickCount64() < until)
        Sleep(200);
    return status;
}

// The description and the restart policy, best effort: the service runs
// without them. Says what could not be set.
std::string describe(SC_HANDLE service, const ServiceSpec &spec)
{
    std::wstring description = spec.description;
    SERVICE_DESCRIPTIONW text{description.data()};
    ChangeServiceConfig2W(service, SERVICE_CONFIG_DESCRIPTION, &text);
    SC_ACTION actions[] = {{SC_ACTION_RESTART, 5000}, {SC_ACTION_RESTART, 30000}};
    SERVICE_FAILURE_ACTIONSW failureActions{};
    failureActions.dwResetPeriod = 24 * 3600;
    failureActions.cActions = 2;
    failureActions.lpsaActions = actions;
    if (!ChangeServiceConfig2W(service, SERVICE_CONFIG_FAILURE_ACTIONS, &failureActions))
        return " (without the restart after a failure: " + systemError(GetLastError()) + ")";
    return {};
}

// --- the running service's state: one per process -------------------------

struct Running
{
    std::wstring name;
    SERVICE_STATUS_HANDLE statusHandle = nullptr;
    SERVICE_STATUS status{};
    SRWLOCK lock = SRWLOCK_INIT; // status and controls
    Controls controls;
    bool stopPending = false; // a stop came before anyone handled it
    bool stopped = false;
    HANDLE entered = nullptr;  // set when the service's main function runs
    HANDLE released = nullptr; // set when it may return (stopped reported)
    HANDLE dispatcher = nullptr;
    DWORD dispatcherError = 0;
};
// Created by attach() and never freed: the dispatcher's threads may read it
// until the process ends. `g_attached` once the service manager entered it.
Running *g_running = nullptr;
bool g_attached = false;

void setStatus(Running &r, DWORD state, DWORD waitHintMs, DWORD exitCode = 0)
{
    AcquireSRWLockExclusive(&r.lock);
    r.status.dwServiceType = SERVICE_WIN32_OWN_PROCESS;
    r.status.dwCurrentState = state;
    r.status.dwControlsAccepted =
        state == SERVICE_RUNNING
            ? SERVICE_ACCEPT_STOP | SERVICE_ACCEPT_SHUTDOWN | SERVICE_ACCEPT_PARAMCHANGE
            : 0;
    r.status.dwWin32ExitCode = exitCode == 0 ? NO_ERROR : ERROR_SERVICE_SPECIFIC_ERROR;
    r.status.dwServiceSpecificExitCode = exitCode;
    r.status.dwWaitHint = waitHintMs;
    const bool pending = state == SERVICE_START_PENDING || state == SERVICE_STOP_PENDING;
    r.status.dwCheckPoint = pending ? r.status.dwCheckPoint + 1 : 0;
    SetServiceStatus(r.statusHandle, &r.status);
    ReleaseSRWLockExclusive(&r.lock);
}

DWORD WINAPI onControl(DWORD control, DWORD, LPVOID, LPVOID context)
{
    Running &r = *static_cast<Running *>(context);
    switch (control) {
    case SERVICE_CONTROL_STOP:
    case SERVICE_CONTROL_SHUTDOWN: {
        setStatus(r, SERVICE_STOP_PENDING, 30000);
        AcquireSRWLockExclusive(&r.lock);
        std::function<void()> stop = r.controls.stop;
        r.stopPending = !stop;
        ReleaseSRWLockExclusive(&r.lock);
        if (stop)
            stop();
        return NO_ERROR;
    }
    case SERVICE_CONTROL_PARAMCHANGE: {
        AcquireSRWLockExclusive(&r.lock);
        std::function<void()> reload = r.controls.reload;
        ReleaseSRWLockExclusive(&r.lock);
        if (reload)
            reload();
        return NO_ERROR;
    }
    case SERVICE_CONTROL_INTERROGATE:
        return NO_ERROR;
    default:
        return ERROR_CALL_NOT_IMPLEMENTED;
    }
}

void WINAPI serviceMain(DWORD, LPWSTR *)
{
    Running &r = *g_running;
    r.statusHandle = RegisterServiceCtrlHandlerExW(r.name.c_str(), onControl, &r);
    if (!r.statusHandle) {
        r.dispatcherError = GetLastError();
        return;
    }
    // The server opens its database and listens; a migration may take a while.
    setStatus(r, SERVICE_START_PENDING, 30000);
    SetEvent(r.entered);
    WaitForSingleObject(r.released, INFINITE);
}

DWORD WINAPI runDispatcher(LPVOID context)
{
    Running &r = *static_cast<Running *>(context);
    SERVICE_TABLE_ENTRYW table[] = {{r.name.data(), serviceMain}, {nullptr, nullptr}};
    if (!StartServiceCtrlDispatcherW(table))
        r.dispatcherError = GetLastError();
    return 0;
}

void reportStoppedAtExit()
{
    reportStopped(1);
}

} // namespace

// --- the service control manager's side -------------------------------------

Outcome installService(const ServiceSpec &spec)
{
    Handle manager(
        OpenSCManagerW(nullptr, nullptr, SC_MANAGER_CONNECT | SC_MANAGER_CREATE_SERVICE));
    if (!manager)
        return failure("cannot open the service control manager (run as administrator)");
    const wchar_t *account = spec.account.empty() ? nullptr : spec.account.c_str();
    const std::string done = "installed the service " + utf8(spec.name);
    Handle service(CreateServiceW(manager.get(), spec.name.c_str(), spec.displayName.c_str(),
                                  SERVICE_ALL_ACCESS, SERVICE_WIN32_OWN_PROCESS, SERVICE_AUTO_START,
                                  SERVICE_ERROR_NORMAL, spec.commandLine.c_str(), nullptr, nullptr,
                                  nullptr, account, nullptr));
    if (!service && GetLastError() == ERROR_SERVICE_EXISTS) {
        Handle existing(OpenServiceW(manager.get(), spec.name.c_str(), SERVICE_ALL_ACCESS));
        if (!existing)
            return failure("cannot open the existing service", spec.name);
        if (!ChangeServiceConfigW(existing.get(), SERVICE_WIN32_OWN_PROCESS, SERVICE_AUTO_START,
                                  SERVICE_ERROR_NORMAL, spec.commandLine.c_str(), nullptr, nullptr,
                                  nullptr, account, nullptr, spec.displayName.c_str()))
            return failure("cannot update the service", spec.name);
        return {true, "updated the service " + utf8(spec.name) + describe(existing.get(), spec)};
    }
    if (!service)
        return failure("cannot create the service", spec.name);
    return {true, done + describe(service.get(), spec)};
}

Outcome uninstallService(const std::wstring &name, std::uint32_t stopWaitMs)
{
    Handle manager(OpenSCManagerW(nullptr, nullptr, SC_MANAGER_CONNECT));
    if (!manager)
        return failure("cannot open the service control manager (run as administrator)");
    Handle service(
        OpenServiceW(manager.get(), name.c_str(), SERVICE_STOP | SERVICE_QUERY_STATUS | DELETE));
    if (!service) {
        if (GetLastError() == ERROR_SERVICE_DOES_NOT_EXIST)
            return {true, "the service " + utf8(name) + " is not installed"};
        return failure("cannot open the service", name);
    }
    SERVICE_STATUS status{};
    if (QueryServiceStatus(service.get(), &status) && status.dwCurrentState != SERVICE_STOPPED) {
        if (status.dwCurrentState != SERVICE_STOP_PENDING)
            ControlService(service.get(), SERVICE_CONTROL_STOP, &status);
        status = waitWhile(service.get(), SERVICE_STOP_PENDING, stopWaitMs);
        if (status.dwCurrentState != SERVICE_STOPPED)
            return {false, "the service " + utf8(name) + " did not stop (" +
                               stateName(status.dwCurrentState) + "); not removed"};
    }
    if (!DeleteService(service.get()))
        return failure("cannot delete the service", name);
    return {true, "removed the service " + utf8(name)};
}

Outcome startService(const std::wstring &name, std::uint32_t waitMs)
{
    Handle manager(OpenSCManagerW(nullptr, nullptr, SC_MANAGER_CONNECT));
    if (!manager)
        return failure("cannot open the service control manager");
    Handle service(OpenServiceW(manager.get(), name.c_str(), SERVICE_START | SERVICE_QUERY_STATUS));
    if (!service)
        return failure("cannot open the service", name);
    if (!StartServiceW(service.get(), 0, nullptr) &&
        GetLastError() != ERROR_SERVICE_ALREADY_RUNNING)
        return failure("cannot start the service", name);
    const SERVICE_STATUS status = waitWhile(service.get(), SERVICE_START_PENDING, waitMs);
    if (status.dwCurrentState != SERVICE_RUNNING) {
        std::string why = stateName(status.dwCurrentState);
        if (status.dwWin32ExitCode == ERROR_SERVICE_SPECIFIC_ERROR)
            why += ", exit code " + std::to_string(status.dwServiceSpecificExitCode);
        else if (status.dwWin32ExitCode != NO_ERROR)
            why += ", " + systemError(status.dwWin32ExitCode);
        return {false, "the service " + utf8(name) + " did not start (" + why + ")"};
    }
    return {true, "started the service " + utf8(name)};
}

std::string queryServiceState(const std::wstring &name)
{
    Handle manager(OpenSCManagerW(nullptr, nullptr, SC_MANAGER_CONNECT));
    if (!manager)
        return "unknown: " + systemError(GetLastError());
    Handle service(OpenServiceW(manager.get(), name.c_str(), SERVICE_QUERY_STATUS));
    if (!service) {
        const DWORD code = GetLastError();
        return code == ERROR_SERVICE_DOES_NOT_EXIST ? "not installed"
                                                    : "unknown: " + systemError(code);
    }
    SERVICE_STATUS status{};
    if (!QueryServiceStatus(service.get(), &status))
        return "unknown: " + systemError(GetLastError());
    return stateName(status.dwCurrentState);
}

// --- the running service's side ---------------------------------------------

Outcome attach(const std::wstring &name)
{
    if (g_running)
        return {g_attached, g_attached ? "already attached" : "attach failed before"};
    g_running = new Running;
    Running &r = *g_running;
    r.name = name;
    r.entered = CreateEventW(nullptr, TRUE, FALSE, nullptr);
    r.released = CreateEventW(nullptr, TRUE, FALSE, nullptr);
    r.dispatcher = CreateThread(nullptr, 0, runDispatcher, &r, 0, nullptr);
    if (!r.dispatcher)
        return failure("cannot start the service dispatcher thread");
    // The dispatcher returns at once when the process was not started by the
    // service control manager; otherwise it enters serviceMain.
    HANDLE either[] = {r.entered, r.dispatcher};
    if (WaitForMultipleObjects(2, either, FALSE, 30000) != WAIT_OBJECT_0) {
        const DWORD code = r.dispatcherError ? r.dispatcherError : DWORD(WAIT_TIMEOUT);
        if (code == ERROR_FAILED_SERVICE_CONTROLLER_CONNECT)
            return {false, "--service: not started by the service control manager (start the "
                           "service with `sc start " +
                               utf8(name) + "`, or run without --service)"};
        SetLastError(code);
        return failure("cannot connect to the service control manager");
    }
    g_attached = true;
    std::atexit(reportStoppedAtExit);
    return {true, "running as the service " + utf8(name)};
}

bool attached()
{
    return g_attached;
}

void setControls(Controls controls)
{
    if (!g_attached)
        return;
    Running &r = *g_running;
    AcquireSRWLockExclusive(&r.lock);
    r.controls = std::move(controls);
    std::function<void()> stop = r.stopPending ? r.controls.stop : std::function<void()>();
    if (stop)
        r.stopPending = false;
    ReleaseSRWLockExclusive(&r.lock);
    if (stop)
        stop();
}

void reportRunning()
{
    if (g_attached)
        setStatus(*g_running, SERVICE_RUNNING, 0);
}

void reportStopping(std::uint32_t waitHintMs)
{
    if (g_attached)
        setStatus(*g_running, SERVICE_STOP_PENDING, waitHintMs);
}

void reportStopped(std::uint32_t exitCode)
{
    if (!g_attached)
        return;
    Running &r = *g_running;
    AcquireSRWLockExclusive(&r.lock);
    const bool already = std::exchange(r.stopped, true);
    r.controls = {};
    ReleaseSRWLockExclusive(&r.lock);
    if (already)
        return;
    setStatus(r, SERVICE_STOPPED, 0, exitCode);
    // Lets serviceMain return, and with it the dispatcher.
    SetEvent(r.released);
    WaitForSingleObject(r.dispatcher, 5000);
}

} // namespace seneschal::app::winservice
