#pragma once

#include "accesspolicy.h"
#include "catchupwindow.h"
#include "changefeed.h"
#include "commands.h"
#include "loggedidfilter.h"
#include "objectcache.h"
#include "outcomes.h"
#include "sessionstate.h"
#include "storage/storage.h"
#include "synclogging.h"
#include "syncsettings.h"
#include "uploadstage.h"
#include "viewercounts.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QStringList>
#include <functional>

namespace seneschal::sync {

// The heart of the server: merges dispatches into the master copies through
// the engine, decides access, and plans acks, broadcasts and spools. It owns
// no sockets and no thread: it turns a list of commands into one transaction
// and an Outcome for the sessions. Used from one thread (the sync worker's).
class SyncService
{
public:
    using Clock = std::function<qint64()>;

    SyncService(storage::Storage &storage, SyncSettings settings, Clock clock);

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

    // Writes every attached device's client row (its cursor is otherwise
    // written every cursorSaveIntervalMs): at shutdown.
    storage::Status saveClients();

    // Drops devices, log entries and tombstones older than the horizon.
    storage::Result<storage::ExpiryReport> expire();

    // Sessions part way through merging their upload or through their
    // catch-up: process() goes on with each of them by one window per call,
    // with or without commands.
    bool hasWindowsLeft() const { return !m_catchingUp.isEmpty() || !m_mergingUploads.isEmpty(); }

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
    struct Pass; // the state of one processing pass (syncservice.cpp)

    void attach(Pass &pass, const AttachCommand &command);
    void submit(Pass &pass, const SubmitCommand &command);
    void stage(Pass &pass, SessionState &session, const engine::Dispatch &dispatch, bool creating,
               qint64 receivedMs);
    // Moves what the upload holds to the sealed stages merged in windows.
    void sealStage(SessionId id, SessionState &session);
    // Merges up to `budget` objects of the sealed stages in this pass; true
    // when that reaches the end of them (the progress is kept once the pass
    // commits).
    bool mergeWindow(Pass &pass, SessionId id, SessionState &session, qsizetype budget);
    void mergeStaged(Pass &pass, SessionState &session, const UploadStage &stage,
                     const QStringList &oids);
    // The pass removes the session's open upload (storage::OpenUpload).
    void closeUpload(Pass &pass, SessionId id, SessionState &session);
    // The upload is merged (its last window committed in the pass before,
    // or nothing was staged): broadcast and catch-up follow the commit.
    void finishUpload(Pass &pass, SessionId id, SessionState &session);
    // Merges, from the dispatch log, the uploads storage knows as open: left
    // by a restart, an outage or a session refused part way. Each is a
    // transaction of its own.
    void mergeOpenUploads(Outcome &outcome);
    storage::Status mergeLoggedUpload(const storage::OpenUpload &upload, bool keepOpen,
                                      Outcome &outcome);
    // Whether a session other than `except` has an upload of `cuid` open.
    bool uploadOpenElsewhere(const QString &cuid, SessionId except) const;
    // Once the session's upload is large, its ids are told new from repeated
    // in memory (m_loggedIds) instead of in each pass's query.
    void filterLoggedIds(const SessionState &session);
    void cursor(Pass &pass, const CursorCommand &command);
    void share(Pass &pass, const ShareCommand &command);
    void emitAccessShifts(Pass &pass, Outcome &outcome);
    void touchClient(Pass &pass, SessionState &session);
    // Drops the session and its viewer count; returns the next session.
    QHash<SessionId, SessionState>::iterator
    forgetSession(QHash<SessionId, SessionState>::iterator it);
    // Whether a broadcast of an object with `audience` would reach an
    // attached session besides `except` (its writers).
    bool reachesOthers(const Audience &audience, const QSet<SessionId> &except) const;
    bool commit(Pass &pass, Outcome &outcome);
    void emitResponses(Pass &pass, Outcome &outcome);
    void broadcastLiveChanges(Pass &pass, Outcome &outcome);
    // uploadEnd, catch-up windows and detaches, after everything else.
    void emitSessionEnds(Pass &pass, Outcome &outcome);
    void broadcastUploadChanges(SessionId id, SessionState &session, Outcome &outcome);
    // Forgets the session's upload changes (after their broadcast).
    void releaseUploadPending(SessionState &session);
    // Starts the catch-up (rehydrateEnd, reset) and sends its first window.
    void beginCatchUp(SessionId id, SessionState &session, Outcome &outcome);
    // Sends the next window of the catch-up; the last one ends with synced.
    void continueCatchUp(SessionId id, SessionState &session, Outcome &outcome);
    storage::Status spoolWindow(SessionId id, SessionState &session, Outcome &outcome);
    void refuseAll(const QList<Command> &commands, const QString &message, Outcome &outcome);
    // The master copy for writing (created empty if it does not exist).
    storage::Result<engine::ObjectState *> editMaster(const QString &oid);
    storage::Status reconnect();

    storage::Storage &m_storage;
    SyncSettings m_settings;
    Clock m_clock;
    ObjectCache m_cache;
    AccessPolicy m_policy;
    CatchUpWindow m_catchUpWindow;
    LoggedIdFilter m_loggedIds;
    // An upload's first dispatches are looked up in the log pass by pass; past
    // this many, the device's logged ids are loaded once (unless it has more
    // than kMaxLoggedIdsLoaded of them) and the lookups stop. MariaDB took
    // about 2 ms per pass of 150 for them (bench/RESULTS.md).
    static constexpr qint64 kFilterLoggedIdsAfter = 1000;
    static constexpr int kMaxLoggedIdsLoaded = 50000;
    QHash<SessionId, SessionState> m_sessions;
    QList<SessionId> m_catchingUp; // in the order they began
    // With sealed stages, or ended and merged but not finished yet, in the
    // order they began.
    QList<SessionId> m_mergingUploads;
    // Oids with an upload broadcast still to go out -> how many sessions.
    QHash<QString, int> m_uploadPending;
    ViewerCounts m_viewers; // of m_sessions
    qint64 m_lastSeq = 0;
    qint64 m_purgedSeq = 0;
    qint64 m_lastConflictId = 0;
    bool m_feedEnabled = false;
    ChangeFeed m_feed;
    bool m_available = false;
    bool m_openUploadsDue = false; // mergeOpenUploads() before the next pass
};

} // namespace seneschal::sync
