#pragma once

#include "deviceboard.h"
#include "protocol/adminmessages.h"
#include "sync/adminhandler.h"
#include "sync/sessionstate.h"
#include "sync/trafficcounters.h"

#include <QHash>
#include <QJsonArray>
#include <QList>
#include <QSet>
#include <functional>

namespace seneschal::auth {
class UserDirectory;
}

namespace seneschal::admin {

// What the desk needs to know of the server beyond the sync thread.
struct AdminDeskSettings
{
    QString adminGroup = QStringLiteral("admins"); // members are admins (queue dry runs)
    qint64 startedAtMs = 0;
    const sync::TrafficCounters *counters = nullptr;
    std::function<qint64()> clock;
    // Makes the user directory over the sync thread's storage.
    std::function<std::unique_ptr<auth::UserDirectory>(storage::Storage &)> userDirectory;
};

// The admin interface on the sync thread (PROTOCOL.md section 10): answers
// queries and actions, keeps who watches which topic, and turns what each
// committed pass changed into events. A snapshot and the events after it
// are taken on this thread between two passes, so no change falls between
// them; nothing is computed for a topic nobody watches.
class AdminDesk : public sync::AdminHandler
{
public:
    AdminDesk(sync::SyncService &service, storage::Storage &storage, AdminDeskSettings settings);
    ~AdminDesk() override;

    void handle(const sync::AdminCommand &command, sync::Outcome &outcome) override;
    void sessionLeft(sync::SessionId session) override;
    void afterPass(sync::Outcome &outcome) override;
    void tick(sync::Outcome &outcome) override;
    bool hasWork() const override { return !m_queueRuns.isEmpty(); }
    void work(sync::Outcome &outcome) override;

    // How often dirty device rows are flushed, at most.
    static constexpr qint64 kDeviceFlushMs = 250;
    // How often lags are compared and stats sent (the contract: at least
    // every 2 s).
    static constexpr qint64 kStatsIntervalMs = 1000;

private:
    using Topic = protocol::admin::Topic;
    struct QueueRun
    {
        sync::SessionId session = 0;
        QString req;
        protocol::admin::Page page;
        qint64 offset = 0;
        sync::SessionState state;
        qint64 total = 0;
        QJsonArray rows;
    };

    void subscribe(const sync::AdminCommand &command, const QList<Topic> &topics,
                   sync::Outcome &outcome);
    void unsubscribe(sync::SessionId session, const QList<Topic> &topics);
    void startQueue(const sync::AdminCommand &command, const protocol::admin::QueueQuery &query,
                    sync::Outcome &outcome);
    void history(const sync::AdminCommand &command, const protocol::admin::HistoryQuery &query,
                 sync::Outcome &outcome);
    void object(const sync::AdminCommand &command, const QString &oid, sync::Outcome &outcome);
    void objects(const sync::AdminCommand &command, const protocol::admin::ObjectsQuery &query,
                 sync::Outcome &outcome);
    void users(const sync::AdminCommand &command, sync::Outcome &outcome);
    void groups(const sync::AdminCommand &command, sync::Outcome &outcome);
    void disconnect(const sync::AdminCommand &command, const QString &cuid, sync::Outcome &outcome);
    void expire(const sync::AdminCommand &command, const QString &cuid, sync::Outcome &outcome);
    void userAction(const sync::AdminCommand &command, const protocol::admin::UserAction &action,
                    sync::Outcome &outcome);
    void groupAction(const sync::AdminCommand &command, const protocol::admin::GroupAction &action,
                     sync::Outcome &outcome);

    // Keeps an admin request that changed something and shows it on `audit`.
    void audit(const QString &by, const QString &type, const QJsonObject &args,
               sync::Outcome &outcome);
    void sendEvent(Topic topic, protocol::admin::EventOp op, const QJsonObject &row,
                   sync::Outcome &outcome);
    void sendError(const sync::AdminCommand &command, protocol::ErrorCode code,
                   const QString &message, sync::Outcome &outcome);
    void sendStorageError(const sync::AdminCommand &command, const storage::StorageError &error,
                          sync::Outcome &outcome);
    bool watched(Topic topic) const { return m_watchers.value(int(topic)) > 0; }
    void updateFeed();
    QJsonObject statsRow();
    std::optional<storage::ClientRecord> knownDevice(const QString &cuid, bool *failed,
                                                     storage::StorageError *error);
    QStringList audienceUsers(const sync::Audience &audience);

    sync::SyncService &m_service;
    storage::Storage &m_storage;
    AdminDeskSettings m_settings;
    std::unique_ptr<auth::UserDirectory> m_users;
    QHash<sync::SessionId, QSet<Topic>> m_subscriptions;
    QHash<int, int> m_watchers; // topic -> sessions watching it
    DeviceBoard m_board;
    QList<QueueRun> m_queueRuns;
    qint64 m_lastDeviceFlushMs = 0;
    qint64 m_lastStatsMs = 0;
    qint64 m_lagsShownAtSeq = -1;
    quint64 m_dispatchesTotal = 0;
    quint64 m_dispatchesAtStats = 0;
    quint64 m_deliveriesAtStats = 0;
    double m_dispatchesPerSec = 0;
    double m_deliveriesPerSec = 0;
};

} // namespace seneschal::admin
