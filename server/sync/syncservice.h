#pragma once

#include "accesspolicy.h"
#include "catchupspooler.h"
#include "changefeed.h"
#include "clientrows.h"
#include "commands.h"
#include "dispatchintake.h"
#include "groupshift.h"
#include "objectcache.h"
#include "orphanindex.h"
#include "outcomeplanner.h"
#include "outcomes.h"
#include "sessionstate.h"
#include "shareapplier.h"
#include "storage/storage.h"
#include "synclogging.h"
#include "syncpass.h"
#include "syncsettings.h"
#include "uploadmerger.h"
#include "viewercounts.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QStringList>
#include <functional>

namespace seneschal::sync {

// The heart of the server, as the coordinator of a pass: it hands each
// command to its role (client rows, dispatch intake, upload merger, share
// applier), commits what they wrote in one transaction, has the outcome
// planner and the catch-up spooler say who receives what, and keeps the
// attached sessions and the admin feed. It owns no sockets and no thread: it
// turns a list of commands into one transaction and an Outcome for the
// sessions. Used from one thread (the sync worker's).
class SyncService
{
public:
    using Clock = std::function<qint64()>;

    SyncService(storage::Storage &storage, SyncSettings settings, Clock clock);
    Q_DISABLE_COPY_MOVE(SyncService)

    // Opens storage, reads the sequence counters and merges the uploads a
    // previous run acknowledged but did not merge. False while storage is
    // unreachable; the caller retries.
    storage::Status start();
    bool isAvailable() const { return m_available; }

    // Processes commands in order: one transaction for all their writes, then
    // the frames to send. When storage fails, nothing is acknowledged and the
    // sessions involved are refused with `unavailable`.
    Outcome process(const QList<Command> &commands);

    // Sessions of users disabled since they logged in are refused
    // (auth_failed): `seneschal-server user disable` runs in another process.
    Outcome refuseDisabledUsers();

    // ---- group membership (PROTOCOL.md 7) ----
    // Local groups changed in storage since the last call (the admin
    // interface, or `seneschal-server group` in any process: storage counts
    // the changes): every connected session whose groups change receives
    // copies of what they open and revokes for what they close, at once
    // when live, right after synced while it catches up. A session whose
    // user became or stopped being an admin is closed with 4410; its next
    // login gets a reset and a full copy.
    void refreshGroups(Outcome &outcome);
    // The groups LDAP gives `uuid` now (a periodic refresh): the same for
    // the user's sessions.
    void setProviderGroups(const QString &uuid, const QStringList &groups, Outcome &outcome);

    // Writes every attached device's client row (its cursor is otherwise
    // written every cursorSaveIntervalMs): at shutdown.
    storage::Status saveClients();

    // Drops devices, log entries and tombstones older than the horizon.
    storage::Result<storage::ExpiryReport> expire();

    // Sessions part way through merging their upload or through their
    // catch-up: process() goes on with each of them by one window per call,
    // with or without commands.
    bool hasWindowsLeft() const { return !m_spooler.isEmpty() || m_uploads.isMerging(); }

    qint64 lastSeq() const { return m_lastSeq; }
    qint64 purgedSeq() const { return m_purgedSeq; }
    int sessionCount() const { return int(m_sessions.size()); }
    QString backendName() const { return m_storage.backendName(); }

    // ---- for the admin interface (server/admin), on the same thread ----
    // What the passes change is collected only while enabled: nothing is
    // computed for consoles that are not there.
    void setFeedEnabled(bool enabled);
    // What the passes since the last call changed (committed only).
    ChangeFeed takeFeed() { return std::exchange(m_feed, {}); }
    // The attached devices (a cuid may appear twice while its newer
    // connection replaces the older one).
    QList<DeviceActivity> attachedDevices() const;
    // Closes the device's attached sessions with `closeCode`; false when
    // none is attached.
    bool disconnectDevice(const QString &cuid, int closeCode, const QString &reason,
                          Outcome &outcome);
    // Forgets the device as expiry does (PROTOCOL.md 2), closing its
    // sessions with `closeCode` first: its next hello with a since gets a
    // reset. False when storage does not know it.
    storage::Result<bool> expireDevice(const QString &cuid, int closeCode, Outcome &outcome);
    // A dry run of the catch-up (PROTOCOL.md 8) that `client` would get if
    // it connected now as `viewer` with its cursor as `since`: the state to
    // pass to dryRunWindow until a window is the last.
    SessionState dryRunSession(const storage::ClientRecord &client, const Viewer &viewer) const;
    storage::Result<CatchUpWindow::Window> dryRunWindow(SessionState &session);
    // The master copy of `oid` (nullopt when absent) and who may see it now.
    storage::Result<std::optional<engine::ObjectState>> object(const QString &oid);
    Audience audienceOf(const engine::ObjectState &state) const
    {
        return m_policy.audienceOf(state);
    }

private:
    void attach(SyncPass &pass, const AttachCommand &command);
    void share(SyncPass &pass, const ShareCommand &command);
    // Drops the session and its viewer count; returns the next session.
    SessionMap::iterator forgetSession(SessionMap::iterator it);
    // One transaction for the pass; the admin feed is filled from what it
    // committed (and from nothing else).
    bool commit(SyncPass &pass);
    // Objects that waited for a parent this pass creates get their access
    // change (PROTOCOL.md 9.6, 7); returns the oids the pass creates.
    QStringList welcomeArrivals(SyncPass &pass);
    // After a commit: what the created objects wait for, and what waits no more.
    void indexOrphans(const QStringList &created);
    // uploadEnd, catch-up windows and detaches, after everything else.
    void emitSessionEnds(SyncPass &pass, Outcome &outcome);
    // The session's upload changes go out once; then they are forgotten.
    void broadcastUpload(SessionId id, SessionState &session, Outcome &outcome);
    void beginCatchUp(SessionId id, SessionState &session, Outcome &outcome);
    // The session's groups are now `groups` (sorted): applied at once when
    // live, kept for after synced otherwise.
    void regroup(SessionId id, SessionState &session, QStringList groups, Outcome &outcome);
    void applyGroups(SessionId id, SessionState &session, const QStringList &groups,
                     Outcome &outcome);
    // Groups that changed while the session caught up, now that it is live.
    void applyPendingGroups(SessionId id, SessionState &session, Outcome &outcome);
    void continueCatchUp(SessionId id, SessionState &session, Outcome &outcome);
    void catchUpFailed(SessionId id, const storage::StorageError &error, Outcome &outcome);
    // Merges, from the dispatch log, the uploads storage knows as open: left
    // by a restart, an outage or a session refused part way. Each is a
    // transaction of its own.
    void mergeOpenUploads(Outcome &outcome);
    storage::Status mergeLoggedUpload(const storage::OpenUpload &upload, Outcome &outcome);
    void refuseAll(const QList<Command> &commands, const QString &message, Outcome &outcome);
    void connectionLost();
    storage::Status reconnect();

    storage::Storage &m_storage;
    SyncSettings m_settings;
    Clock m_clock;
    ObjectCache m_cache;
    AccessPolicy m_policy;
    OrphanIndex m_orphans;
    SessionMap m_sessions;
    ViewerCounts m_viewers; // of m_sessions
    // The roles of a pass, in the order they act on it.
    UploadMerger m_uploads;
    ClientRows m_clients;
    DispatchIntake m_intake;
    ShareApplier m_shares;
    OutcomePlanner m_planner;
    CatchUpSpooler m_spooler;
    GroupShift m_groupShift;
    qint64 m_groupsVersion = -1; // storage's groupsVersion() last applied
    qint64 m_lastSeq = 0;
    qint64 m_purgedSeq = 0;
    qint64 m_lastConflictId = 0;
    bool m_feedEnabled = false;
    ChangeFeed m_feed;
    bool m_available = false;
};

} // namespace seneschal::sync
