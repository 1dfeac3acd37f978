#pragma once

#include "accesspolicy.h"
#include "loggedidfilter.h"
#include "objectcache.h"
#include "syncpass.h"
#include "syncsettings.h"

#include <QHash>
#include <QList>
#include <functional>

namespace seneschal::sync {

// Takes a device's upload (PROTOCOL.md 9.2) from its first dispatch into the
// master copies: stages what arrives, seals stages, merges sealed stages one
// window per pass, keeps the open-upload rows of the batch, and reads back
// from the dispatch log the uploads a restart or an outage left open. It
// writes into the pass; the sync service commits it.
class UploadMerger
{
public:
    using Clock = std::function<qint64()>;

    // An upload storage knows as open, read back from the dispatch log.
    struct LoggedUpload
    {
        struct Entry
        {
            protocol::ClientDispatch dispatch;
            qint64 receivedMs = 0;
        };
        storage::OpenUpload upload;
        QString author;
        QList<Entry> entries;
        bool keepOpen = false; // an attached session holds it open too
    };

    UploadMerger(storage::Storage &storage, ObjectCache &cache, const AccessPolicy &policy,
                 const SyncSettings &settings, SessionMap &sessions, Clock clock);

    // ---- dispatch ids: new or repeated ----
    // Once the session's upload is large, its ids are told new from repeated
    // in memory instead of in each pass's query.
    void filterLoggedIds(const SessionState &session);
    bool rulesOut(const QString &cuid, const QString &id) const
    {
        return m_loggedIds.rulesOut(cuid, id);
    }
    // After a commit: these entries are in the log now.
    void logged(const QList<storage::DispatchLogEntry> &entries);
    void clearLoggedIds() { m_loggedIds.clear(); }

    // How a write to `oid` must be kept for a rollback: an object with an
    // upload broadcast still to go out keeps its committed state in memory if
    // the pass fails, since that broadcast may have to be sent while storage
    // is unreachable.
    ObjectCache::Keep keepFor(const QString &oid) const
    {
        return m_pending.contains(oid) ? ObjectCache::Keep::Snapshot : ObjectCache::Keep::Nothing;
    }

    // ---- the upload of an attached session ----
    void stage(SyncPass &pass, SessionState &session, const engine::Dispatch &dispatch,
               bool creating, qint64 receivedMs);
    // Moves what the upload holds to the sealed stages merged in windows.
    void seal(SessionId id, SessionState &session);
    // uploadEnd: merged in windows from this pass on; the broadcast and the
    // catch-up follow the last window.
    void end(SyncPass &pass, SessionId id, SessionState &session);
    // The session ends with this pass: the whole upload is merged in it.
    void detach(SyncPass &pass, SessionId id, SessionState &session);
    // Seals the stages of this pass's writers that hold as many objects as
    // an upload may.
    void sealFull(const SyncPass &pass);
    // Merges up to `budget` objects of the sealed stages in this pass; true
    // when that reaches the end of them (the progress is kept once the pass
    // commits).
    bool mergeWindow(SyncPass &pass, SessionId id, SessionState &session, qsizetype budget);
    // One window of each upload being merged, so that other devices'
    // dispatches never wait behind a whole upload; an ended upload whose
    // last window committed in an earlier pass is finished.
    void mergeWindows(SyncPass &pass);
    // The pass removes the session's open upload (storage::OpenUpload).
    void close(SyncPass &pass, SessionId id, SessionState &session);
    // The upload is merged: broadcast and catch-up follow the commit.
    void finish(SyncPass &pass, SessionId id, SessionState &session);
    // After the pass committed: the sessions' merge progress.
    void committed(const SyncPass &pass);
    bool isMerging() const { return !m_merging.isEmpty(); }
    QList<SessionId> takeMerging() { return std::exchange(m_merging, {}); }
    // Forgets the session's upload changes (after their broadcast).
    void releasePending(SessionState &session);
    // The session ends; an upload it left open is merged from the log.
    void forget(SessionId id, SessionState &session);

    // ---- uploads left open in the log ----
    bool replayDue() const { return m_replayDue; }
    void setReplayDue(bool due) { m_replayDue = due; }
    // Whether a session other than `except` has an upload of `cuid` open.
    bool openElsewhere(const QString &cuid, SessionId except) const;
    storage::Result<LoggedUpload> readLog(const storage::OpenUpload &upload);
    // Merges what the log holds of the upload into the pass, live changes
    // to broadcast once it commits.
    void replay(SyncPass &pass, const LoggedUpload &logged);

private:
    void mergeStaged(SyncPass &pass, SessionState &session, const UploadStage &stage,
                     const QStringList &oids);

    // An upload's first dispatches are looked up in the log pass by pass;
    // past this many, the device's logged ids are loaded once (unless it has
    // more than kMaxLoggedIdsLoaded of them) and the lookups stop. MariaDB
    // took about 2 ms per pass of 150 for them (bench/RESULTS.md).
    static constexpr qint64 kFilterLoggedIdsAfter = 1000;
    static constexpr int kMaxLoggedIdsLoaded = 50000;

    storage::Storage &m_storage;
    ObjectCache &m_cache;
    const AccessPolicy &m_policy;
    const SyncSettings &m_settings;
    SessionMap &m_sessions;
    Clock m_clock;
    LoggedIdFilter m_loggedIds;
    // With sealed stages, or ended and merged but not finished yet, in the
    // order they began.
    QList<SessionId> m_merging;
    // Oids with an upload broadcast still to go out -> how many sessions.
    QHash<QString, int> m_pending;
    bool m_replayDue = false;
};

} // namespace seneschal::sync
