// Console control events, and the service control manager's stop and
// paramchange requests when the server runs as a Windows service
// (windowsservice.h), as stop and reload requests. Both handlers run on
// threads of the system's; they only queue the request to the watcher's
// thread.
#include "signalwatcher.h"
#include "windowsservice.h"

#include <QMetaObject>
#include <QPointer>
#include <csignal>
#include <windows.h>

namespace seneschal::app {

namespace {
// The watcher the handlers reach; one per process, like the POSIX pipe.
QPointer<SignalWatcher> g_watcher;

bool requestStop(int signalNumber)
{
    SignalWatcher *watcher = g_watcher.data();
    if (!watcher)
        return false;
    QMetaObject::invokeMethod(
        watcher, [watcher, signalNumber] { Q_EMIT watcher->terminationRequested(signalNumber); },
        Qt::QueuedConnection);
    return true;
}

BOOL WINAPI onConsoleEvent(DWORD event)
{
    // A service gets these whenever a user logs off and at shutdown; the
    // service manager says when it is to stop (SERVICE_CONTROL_SHUTDOWN).
    if (winservice::attached() && (event == CTRL_LOGOFF_EVENT || event == CTRL_SHUTDOWN_EVENT))
        return TRUE;
    return requestStop(event == CTRL_C_EVENT ? SIGINT : SIGTERM) ? TRUE : FALSE;
}
} // namespace

SignalWatcher::SignalWatcher(QObject *parent)
    : QObject(parent)
{
    g_watcher = this;
    SetConsoleCtrlHandler(onConsoleEvent, TRUE);
    // A stop from the service manager takes SIGTERM's path.
    winservice::setControls({[] { requestStop(SIGTERM); },
                             [] {
                                 if (SignalWatcher *watcher = g_watcher.data()) {
                                     QMetaObject::invokeMethod(
                                         watcher, [watcher] { Q_EMIT watcher->reloadRequested(); },
                                         Qt::QueuedConnection);
                                 }
                             }});
}

SignalWatcher::~SignalWatcher()
{
    winservice::setControls({});
    SetConsoleCtrlHandler(onConsoleEvent, FALSE);
    g_watcher = nullptr;
}

} // namespace seneschal::app
