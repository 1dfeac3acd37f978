// Console control events as stop requests. The handler runs on a thread of
// the system's; it only queues the request to the watcher's thread.
#include "signalwatcher.h"

#include <QMetaObject>
#include <QPointer>
#include <csignal>
#include <windows.h>

namespace seneschal::app {

namespace {
// The watcher the handler reaches; one per process, like the POSIX pipe.
QPointer<SignalWatcher> g_watcher;

BOOL WINAPI onConsoleEvent(DWORD event)
{
    const int signalNumber = event == CTRL_C_EVENT ? SIGINT : SIGTERM;
    if (SignalWatcher *watcher = g_watcher.data()) {
        QMetaObject::invokeMethod(
            watcher,
            [watcher, signalNumber] { Q_EMIT watcher->terminationRequested(signalNumber); },
            Qt::QueuedConnection);
        return TRUE;
    }
    return FALSE;
}
} // namespace

SignalWatcher::SignalWatcher(QObject *parent)
    : QObject(parent)
{
    g_watcher = this;
    SetConsoleCtrlHandler(onConsoleEvent, TRUE);
}

SignalWatcher::~SignalWatcher()
{
    SetConsoleCtrlHandler(onConsoleEvent, FALSE);
    g_watcher = nullptr;
}

} // namespace seneschal::app
