#pragma once

#include "adminhandler.h"
#include "commands.h"
#include "outcomes.h"
#include "storage/storage.h"
#include "syncservice.h"

#include <QMutex>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <deque>
#include <functional>
#include <memory>
#include <unordered_map>

namespace seneschal::sync {

// Runs the SyncService on its own thread so that database I/O never stalls
// the sockets. Commands queue up while a transaction runs and are taken
// together in the next pass: one commit per pass, however many dispatches
// arrived (group commit). Each session has its own queue and a pass takes a
// bounded share from each in turn, so a device uploading 100,000 offline
// dispatches cannot make the live devices wait behind it; a session's own
// commands stay in order. Outcomes go back to `sink` on the sink's thread.
class SyncWorker : public QObject
{
    Q_OBJECT
public:
    using StorageFactory = std::function<std::unique_ptr<storage::Storage>()>;
    using Sink = std::function<void(const Outcome &)>;

    SyncWorker(StorageFactory storageFactory, SyncSettings settings, SyncService::Clock clock,
               QObject *sinkContext, Sink sink);
    ~SyncWorker() override;

    // Before start(): the admin interface's desk, made on the worker thread
    // once the service exists.
    void setAdminHandlerFactory(AdminHandlerFactory factory)
    {
        m_adminFactory = std::move(factory);
    }

    // Thread-safe: queue a command for the next pass.
    // False (and not queued) when `maxQueued` > 0 commands of the same
    // session wait already: the session sends faster than it is served.
    bool post(Command command, qsizetype maxQueued = 0);

    // Worker thread: open storage (retried every second while unreachable),
    // start the daily expiry. Invoke with a queued call after moveToThread.
    Q_INVOKABLE void start();
    // Worker thread: process what is queued, then stop timers. Call with a
    // blocking queued call before the thread quits.
    Q_INVOKABLE void finish();
    // Worker thread: run expiry now; returns a one-line report.
    Q_INVOKABLE QString expireNow();
    // Worker thread: the groups LDAP gives `uuid` now (SyncService::
    // setProviderGroups). Invoke queued.
    Q_INVOKABLE void setProviderGroups(const QString &uuid, const QStringList &groups);

    static constexpr int kMaxCommandsPerPass = 4000;
    // A session's share of a pass: large while it is alone, smaller while
    // others wait, so their commits are not held behind a bulk upload. 150
    // rather than 50: on MariaDB a pass costs round trips more than rows
    // (upload of 100,000: 6.9 -> 6.2 s), and on SQLite others' p99 during an
    // upload stayed at 30-34 ms (bench/RESULTS.md).
    static constexpr int kMaxCommandsPerSessionAlone = 400;
    static constexpr int kMaxCommandsPerSessionShared = 150;
    // How often connected users are checked for having been disabled, and
    // local groups for changes made by another process.
    static constexpr int kUserCheckIntervalMs = 3000;
    // How often the admin desk flushes coalesced device rows (stats and
    // lags go out every fourth tick).
    static constexpr int kAdminTickMs = 250;

private:
    void drain();
    void deliver(const Outcome &outcome);
    bool hasWindowsLeft() const;
    // Splits the admin requests off `commands`; an admin's share becomes a
    // ShareCommand of the pass.
    QList<AdminCommand> takeAdminCommands(QList<Command> &commands);

    StorageFactory m_storageFactory;
    SyncSettings m_settings;
    SyncService::Clock m_clock;
    QPointer<QObject> m_sinkContext;
    Sink m_sink;
    std::unique_ptr<storage::Storage> m_storage;
    std::unique_ptr<SyncService> m_service;
    QTimer *m_expiryTimer = nullptr;
    QTimer *m_userCheckTimer = nullptr;
    QTimer *m_adminTimer = nullptr;
    AdminHandlerFactory m_adminFactory;
    std::unique_ptr<AdminHandler> m_admin;

    // Takes the next pass's commands; call with m_mutex held.
    QList<Command> takePass();
    bool hasQueued() const { return !m_ready.empty(); }

    QMutex m_mutex;
    std::unordered_map<SessionId, std::deque<Command>> m_queues;
    std::deque<SessionId> m_ready; // sessions with queued commands, in turn
    bool m_drainScheduled = false;
};

} // namespace seneschal::sync
