#pragma once

#include "commands.h"
#include "outcomes.h"
#include "storage/storage.h"
#include "syncservice.h"

#include <QMutex>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <functional>
#include <memory>

namespace seneschal::sync {

// Runs the SyncService on its own thread so that database I/O never stalls
// the sockets. Commands queue up while a transaction runs and are taken
// together in the next pass: one commit per pass, however many dispatches
// arrived (group commit). Outcomes go back to `sink` on the sink's thread.
class SyncWorker : public QObject
{
    Q_OBJECT
public:
    using StorageFactory = std::function<std::unique_ptr<storage::Storage>()>;
    using Sink = std::function<void(const Outcome &)>;

    SyncWorker(StorageFactory storageFactory, SyncSettings settings, SyncService::Clock clock,
               QObject *sinkContext, Sink sink);
    ~SyncWorker() override;

    // Thread-safe: queue a command for the next pass.
    void post(Command command);

    // Worker thread: open storage (retried every second while unreachable),
    // start the daily expiry. Invoke with a queued call after moveToThread.
    Q_INVOKABLE void start();
    // Worker thread: process what is queued, then stop timers. Call with a
    // blocking queued call before the thread quits.
    Q_INVOKABLE void finish();
    // Worker thread: run expiry now; returns a one-line report.
    Q_INVOKABLE QString expireNow();

    static constexpr int kMaxCommandsPerPass = 4000;
    // How often connected users are checked for having been disabled.
    static constexpr int kUserCheckIntervalMs = 3000;

private:
    void drain();
    void deliver(const Outcome &outcome);

    StorageFactory m_storageFactory;
    SyncSettings m_settings;
    SyncService::Clock m_clock;
    QPointer<QObject> m_sinkContext;
    Sink m_sink;
    std::unique_ptr<storage::Storage> m_storage;
    std::unique_ptr<SyncService> m_service;
    QTimer *m_expiryTimer = nullptr;
    QTimer *m_userCheckTimer = nullptr;

    QMutex m_mutex;
    QList<Command> m_inbox;
    bool m_drainScheduled = false;
};

} // namespace seneschal::sync
