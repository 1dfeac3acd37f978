#pragma once

#include <QObject>

class QSocketNotifier;

namespace seneschal::app {

// Turns SIGTERM and SIGINT into a Qt signal on the main thread (self-pipe),
// so shutdown runs in the event loop, not in a signal handler.
class SignalWatcher : public QObject
{
    Q_OBJECT
public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

Q_SIGNALS:
    void terminationRequested(int signalNumber);

private:
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace seneschal::app
