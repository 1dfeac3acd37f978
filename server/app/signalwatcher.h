#pragma once

#include <QObject>

class QSocketNotifier;

namespace seneschal::app {

// Turns the process's stop and reload requests into Qt signals on the main
// thread, so that shutdown and reload run in the event loop, not in a signal
// handler. POSIX (signalwatcher_posix.cpp): SIGTERM and SIGINT stop, SIGHUP
// reloads, through a self-pipe. Windows (signalwatcher_win.cpp): console
// Ctrl+C, Ctrl+Break, close and shutdown stop; there is no reload request.
class SignalWatcher : public QObject
{
    Q_OBJECT
public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

Q_SIGNALS:
    // `signalNumber` is SIGTERM or SIGINT (on Windows the closest of the two).
    void terminationRequested(int signalNumber);
    void reloadRequested();

private:
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace seneschal::app
