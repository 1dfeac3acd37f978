#include "uploadmerger.h"

#include "engine/merge.h"
#include "protocol/codec.h"
#include "synclogging.h"

#include <algorithm>
#include <limits>

namespace seneschal::sync {

namespace {

// Parses logged frames again. They passed the configured limits when they
// arrived, so none are applied here.
QList<UploadMerger::LoggedUpload::Entry> decodeLog(const QList<storage::DispatchLogEntry> &entries)
{
    const protocol::Limits unlimited{
        std::numeric_limits<qint64>::max(), std::numeric_limits<int>::max(),
        std::numeric_limits<int>::max(), std::numeric_limits<int>::max(),
        std::numeric_limits<qint64>::max()};
    QList<UploadMerger::LoggedUpload::Entry> dispatches;
    dispatches.reserve(entries.size());
    for (const storage::DispatchLogEntry &entry : entries) {
        auto parsed = protocol::parseClientMessage(entry.json, unlimited);
        const auto *message = std::get_if<protocol::ClientMessage>(&parsed);
        const auto *dispatch = message ? std::get_if<protocol::ClientDispatch>(message) : nullptr;
        if (!dispatch) {
            qCWarning(lcSync).noquote()
                << "log entry" << entry.cuid << entry.id << "is not a dispatch, skipped";
            continue;
        }
        dispatches.append({*dispatch, entry.receivedMs});
    }
    return dispatches;
}

} // namespace

UploadMerger::UploadMerger(storage::Storage &storage, ObjectCache &cache,
                           const AccessPolicy &policy, const SyncSettings &settings,
                           SessionMap &sessions, Clock clock)
    : m_storage(storage)
    , m_cache(cache)
    , m_policy(policy)
    , m_settings(settings)
    , m_sessions(sessions)
    , m_clock(std::move(clock))
{}

void UploadMerger::filterLoggedIds(const SessionState &session)
{
    const QString &cuid = session.client.cuid;
    if (session.uploadReceived < kFilterLoggedIdsAfter || m_loggedIds.isDecided(cuid))
        return;
    auto ids = m_storage.loggedIds(cuid, kMaxLoggedIdsLoaded);
    if (!ids)
        return; // looked up pass by pass, which reports the failure
    if (ids.value())
        m_loggedIds.load(cuid, *ids.value());
    else
        m_loggedIds.refuse(cuid);
}

void UploadMerger::logged(const QList<storage::DispatchLogEntry> &entries)
{
    for (const storage::DispatchLogEntry &entry : entries)
        m_loggedIds.add(entry.cuid, entry.id);
}

void UploadMerger::stage(SyncPass &pass, SessionState &session, const engine::Dispatch &dispatch,
                         bool creating, qint64 receivedMs)
{
    if (!session.uploadOpen) {
        // Committed with this dispatch: a restart finds the upload in the log.
        pass.batch.uploadsOpened.append(storage::OpenUpload{session.client.cuid, receivedMs});
        session.uploadOpen = true;
    }
    session.stage.add(dispatch, creating, m_cache.generation());
    ++session.uploadReceived;
}

void UploadMerger::seal(SessionId id, SessionState &session)
{
    if (session.stage.isEmpty())
        return;
    session.sealed.append(std::exchange(session.stage, UploadStage{}));
    if (!m_merging.contains(id))
        m_merging.append(id);
}

void UploadMerger::end(SyncPass &pass, SessionId id, SessionState &session)
{
    session.uploadEnded = true;
    seal(id, session);
    if (session.sealed.isEmpty())
        finish(pass, id, session);
}

void UploadMerger::detach(SyncPass &pass, SessionId id, SessionState &session)
{
    seal(id, session);
    if (mergeWindow(pass, id, session, std::numeric_limits<qsizetype>::max()))
        close(pass, id, session);
}

void UploadMerger::sealFull(const SyncPass &pass)
{
    for (SessionId id : std::as_const(pass.replyOrder)) {
        auto it = m_sessions.find(id);
        if (it != m_sessions.end() && it->stage.objectCount() >= m_settings.uploadStageObjects)
            seal(id, *it);
    }
}

bool UploadMerger::mergeWindow(SyncPass &pass, SessionId id, SessionState &session,
                               qsizetype budget)
{
    qsizetype stageIndex = 0;
    qsizetype offset = session.sealedMerged;
    while (budget > 0 && stageIndex < session.sealed.size() && !pass.failed) {
        const UploadStage &stage = session.sealed[stageIndex];
        const qsizetype take = std::min(budget, stage.objectCount() - offset);
        mergeStaged(pass, session, stage, stage.oids().mid(offset, take));
        budget -= take;
        offset += take;
        if (offset == stage.objectCount()) {
            ++stageIndex;
            offset = 0;
        }
    }
    if (pass.failed)
        return false;
    pass.mergeProgress.append(SyncPass::MergeProgress{id, stageIndex, offset});
    return stageIndex == session.sealed.size();
}

void UploadMerger::mergeWindows(SyncPass &pass)
{
    // The broadcast and the catch-up follow in the pass after the last
    // window: together they cost as much as a window (10,000 audience
    // checks, a catch-up window).
    for (SessionId id : QList<SessionId>(m_merging)) {
        auto it = m_sessions.find(id);
        if (it == m_sessions.end() || pass.detaching.contains(id) || pass.finishing.contains(id))
            continue;
        if (it->sealed.isEmpty()) {
            if (it->uploadEnded)
                finish(pass, id, *it);
        } else if (mergeWindow(pass, id, *it, m_settings.uploadMergeWindow) && it->uploadEnded) {
            close(pass, id, *it); // the open upload goes with the last window
        }
    }
}

void UploadMerger::mergeStaged(SyncPass &pass, SessionState &session, const UploadStage &stage,
                               const QStringList &oids)
{
    // Those the upload creates need no lookup while the cache can tell.
    QStringList created;
    QStringList unknown;
    for (const QString &oid : oids)
        (stage.creates(oid) ? created : unknown).append(oid);
    if (!m_cache.markAbsent(created, stage.creationsKnownAt()))
        unknown = oids;
    if (auto status = m_cache.prefetch(unknown); !status) {
        pass.fail(status.error());
        return;
    }
    const QString &cuid = session.client.cuid;
    const qint64 now = m_clock();
    for (const QString &oid : oids) {
        const engine::ObjectState *current = m_cache.peek(oid);
        if (current && current->exists() && stage.creates(oid) &&
            !m_policy.canSee(session.viewer, *current)) {
            // Someone else created the oid since, and the device may not see
            // it: its writes would leak into another user's object.
            qCWarning(lcSync).noquote() << "upload of" << cuid << "to" << oid
                                        << "dropped: created meanwhile by" << current->owner;
            continue;
        }
        // Its broadcast waits for uploadEnd; if storage is unreachable then,
        // the committed state must still be in memory (refuseAll).
        auto editable = m_cache.edit(oid, ObjectCache::Keep::Snapshot);
        if (!editable) {
            pass.fail(editable.error());
            return;
        }
        const engine::MergeOutcome merged =
            engine::mergeStaged(*editable.value(), *stage.find(oid));
        if (merged.changedAnything()) {
            pass.markDirty(oid);
            auto changed = session.uploadChanged.find(oid);
            if (changed == session.uploadChanged.end()) {
                session.uploadOrder.append(oid);
                ++m_pending[oid];
                changed = session.uploadChanged.insert(oid, {});
            }
            appendUnique(*changed, merged.changed);
        }
        if (!merged.lost.isEmpty())
            session.uploadLost.insert(oid);
        pass.recordConflicts(oid, merged, cuid, now);
    }
}

void UploadMerger::close(SyncPass &pass, SessionId id, SessionState &session)
{
    if (!session.uploadOpen)
        return;
    pass.uploadsClosed.append(id);
    const QString &cuid = session.client.cuid;
    // A newer session of the device (it reconnected before this one ended)
    // has an upload open too: the row stays for it.
    if (openElsewhere(cuid, id))
        return;
    // Opened and merged in the same pass: storage never needs to know.
    const auto opened =
        std::find_if(pass.batch.uploadsOpened.begin(), pass.batch.uploadsOpened.end(),
                     [&](const storage::OpenUpload &upload) { return upload.cuid == cuid; });
    if (opened != pass.batch.uploadsOpened.end())
        pass.batch.uploadsOpened.erase(opened);
    else
        pass.batch.uploadsMerged.append(cuid);
}

bool UploadMerger::openElsewhere(const QString &cuid, SessionId except) const
{
    for (auto it = m_sessions.cbegin(); it != m_sessions.cend(); ++it) {
        if (it.key() != except && it->uploadOpen && it->client.cuid == cuid)
            return true;
    }
    return false;
}

void UploadMerger::finish(SyncPass &pass, SessionId id, SessionState &session)
{
    close(pass, id, session);
    m_loggedIds.drop(session.client.cuid);
    pass.finishing.append(id);
}

void UploadMerger::committed(const SyncPass &pass)
{
    for (const SyncPass::MergeProgress &progress : std::as_const(pass.mergeProgress)) {
        auto it = m_sessions.find(progress.session);
        if (it == m_sessions.end())
            continue;
        it->sealed.remove(0, progress.stagesDone);
        it->sealedMerged = progress.offset;
        // An ended upload stays until its broadcast and catch-up go out.
        if (it->sealed.isEmpty() && !it->uploadEnded)
            m_merging.removeOne(progress.session);
    }
    for (SessionId id : std::as_const(pass.finishing))
        m_merging.removeOne(id);
    for (SessionId id : std::as_const(pass.uploadsClosed)) {
        if (auto it = m_sessions.find(id); it != m_sessions.end())
            it->uploadOpen = false;
    }
}

void UploadMerger::releasePending(SessionState &session)
{
    for (const QString &oid : std::as_const(session.uploadOrder)) {
        auto it = m_pending.find(oid);
        if (it != m_pending.end() && --*it <= 0)
            m_pending.erase(it);
    }
    session.uploadOrder.clear();
    session.uploadChanged.clear();
}

void UploadMerger::forget(SessionId id, SessionState &session)
{
    m_loggedIds.drop(session.client.cuid);
    m_merging.removeOne(id);
    // Its upload is durable in the log; it is merged from there.
    if (session.uploadOpen)
        m_replayDue = true;
    releasePending(session);
}

storage::Result<UploadMerger::LoggedUpload> UploadMerger::readLog(const storage::OpenUpload &upload)
{
    auto client = m_storage.client(upload.cuid);
    if (!client)
        return client.error();
    LoggedUpload logged;
    logged.upload = upload;
    logged.author = client.value() ? client.value()->uuid : QString();
    // An attached session of the device may hold an upload of its own in
    // the same row: what it staged is merged now as well, which changes
    // nothing when it merges it again, and the row stays for it.
    constexpr SessionId kNoSession = 0; // session ids start at 1
    logged.keepOpen = openElsewhere(upload.cuid, kNoSession);
    // Received times come from the system clock, which may have stepped
    // back during the upload; merging a dispatch twice changes nothing, so
    // reading a minute more of the log is harmless.
    constexpr qint64 kClockStepMs = 60000;
    auto entries = m_storage.loggedSince(upload.cuid, upload.sinceMs - kClockStepMs);
    if (!entries)
        return entries.error();
    logged.entries = decodeLog(entries.value());
    return logged;
}

void UploadMerger::replay(SyncPass &pass, const LoggedUpload &logged)
{
    const storage::OpenUpload &upload = logged.upload;
    QStringList oids;
    for (const LoggedUpload::Entry &entry : logged.entries)
        oids.append(entry.dispatch.oid);
    if (auto status = m_cache.prefetch(oids); !status)
        pass.fail(status.error());
    const qint64 now = m_clock();
    for (qsizetype i = 0; i < logged.entries.size() && !pass.failed; ++i) {
        const protocol::ClientDispatch &incoming = logged.entries[i].dispatch;
        auto editable = m_cache.edit(incoming.oid, keepFor(incoming.oid));
        if (!editable) {
            pass.fail(editable.error());
            break;
        }
        engine::ObjectState &state = *editable.value();
        engine::Dispatch dispatch = engineDispatch(
            incoming, upload.cuid, logged.author,
            state.exists() ? std::nullopt
                           : std::optional(m_settings.defaultAccessFor(incoming.kind)));
        // Clamped against the server's clock when it arrived, as it was then.
        dispatch.ts = engine::clampTimestamp(incoming.ts, logged.entries[i].receivedMs,
                                             m_settings.maxFutureSkewMs)
                          .ts;
        const engine::MergeOutcome merged = engine::merge(state, dispatch);
        if (merged.changedAnything()) {
            pass.markDirty(incoming.oid);
            appendUnique(pass.liveChanged[incoming.oid], merged.changed);
        }
        pass.recordConflicts(incoming.oid, merged, upload.cuid, now);
    }
    if (!logged.keepOpen)
        pass.batch.uploadsMerged.append(upload.cuid);
}

} // namespace seneschal::sync
