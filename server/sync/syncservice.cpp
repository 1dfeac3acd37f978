#include "syncservice.h"

#include "engine/merge.h"
#include "protocol/admincodec.h"
#include "protocol/codec.h"

#include <QHash>
#include <algorithm>
#include <limits>

Q_LOGGING_CATEGORY(lcSync, "seneschal.sync")

namespace seneschal::sync {

using namespace Qt::StringLiterals;
using protocol::ErrorCode;

namespace {

void appendUnique(QStringList &list, const QStringList &more)
{
    for (const QString &name : more) {
        if (!list.contains(name))
            list.append(name);
    }
}

// Follows the parent chain of a new object; more than 16 levels is invalid
// (PROTOCOL.md 9.6). Missing parents end the chain.
template<typename Lookup> int inheritDepth(const QString &firstParent, Lookup &&lookup)
{
    int depth = 0;
    QString parent = firstParent;
    while (!parent.isEmpty()) {
        ++depth;
        if (depth > AccessPolicy::kMaxInheritDepth)
            return depth;
        const engine::ObjectState *state = lookup(parent);
        if (!state || state->access != engine::Access::Inherit)
            break;
        parent = state->parent;
    }
    return depth;
}

// The engine's view of a client dispatch. `creationAccess` is given when the
// dispatch creates the object: then its kind, parent and access count too.
engine::Dispatch engineDispatch(const protocol::ClientDispatch &incoming, const QString &cuid,
                                const QString &author, std::optional<engine::Access> creationAccess)
{
    engine::Dispatch dispatch;
    dispatch.id = incoming.id;
    dispatch.cuid = cuid;
    dispatch.author = author;
    dispatch.oid = incoming.oid;
    dispatch.op = incoming.op;
    dispatch.props = incoming.props;
    if (creationAccess) {
        dispatch.kind = incoming.kind;
        dispatch.parent = incoming.parent;
        dispatch.access = incoming.access.value_or(*creationAccess);
    }
    return dispatch;
}

// A dispatch read back from the log, with when the server received it.
struct LoggedDispatch
{
    protocol::ClientDispatch dispatch;
    qint64 receivedMs = 0;
};

// Parses logged frames again. They passed the configured limits when they
// arrived, so none are applied here.
QList<LoggedDispatch> decodeLog(const QList<storage::DispatchLogEntry> &entries)
{
    const protocol::Limits unlimited{
        std::numeric_limits<qint64>::max(), std::numeric_limits<int>::max(),
        std::numeric_limits<int>::max(), std::numeric_limits<int>::max(),
        std::numeric_limits<qint64>::max()};
    QList<LoggedDispatch> dispatches;
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
        dispatches.append(LoggedDispatch{*dispatch, entry.receivedMs});
    }
    return dispatches;
}

// What a broadcast carries: the changed properties, or everything when the
// change restored a deleted object (a device may hold no properties of it:
// full copies leave tombstones out, PROTOCOL.md 9.7).
engine::ObjectState broadcastPart(const engine::ObjectState &state, const QStringList &changed)
{
    if (changed.contains(engine::kDeletedProperty) && !state.isDeleted())
        return state;
    return engine::project(state, changed);
}

} // namespace

// What one process() call accumulates before and after its commit.
struct SyncService::Pass
{
    storage::CommitBatch batch;
    QSet<storage::DispatchRef> knownIds; // dispatches already in the log
    QSet<storage::DispatchRef> seenIds;  // dispatches received in this pass
    QStringList dirty;                   // oids changed in this pass, in order
    QSet<QString> dirtySet;
    QHash<QString, QStringList> liveChanged; // oid -> properties changed live
    QHash<QString, QSet<SessionId>> liveWriters;
    struct Replies
    {
        QStringList acked;
        QStringList clamped;
        QList<QByteArray> rejects;
        QHash<QString, QStringList> corrections; // oid -> properties that lost
        QStringList correctionOrder;
        QList<QByteArray> errors; // share refusals
    };
    QHash<SessionId, Replies> replies;
    QList<SessionId> replyOrder;
    QList<SessionId> finishing;
    QList<SessionId> detaching;
    // How far the merge of each upload got in this pass; applied once the
    // pass commits.
    struct MergeProgress
    {
        SessionId session = 0;
        qsizetype stagesDone = 0; // sealed stages merged to the end
        qsizetype offset = 0;     // oids of the next sealed stage merged
    };
    QList<MergeProgress> mergeProgress;
    QList<SessionId> uploadsClosed;        // their open upload is removed by this pass
    QHash<QString, qsizetype> clientIndex; // cuid -> index in batch.clients
    QHash<QString, Audience> sharedBefore; // oid -> audience before this pass's shares
    struct ShareRequest
    {
        QString by;
        QStringList granted;
        QStringList revoked;
    };
    QHash<QString, ShareRequest> shareRequests; // oid -> what this pass's shares asked
    QList<ChangeFeed::AdminShare> adminShares;
    QStringList sharedOrder;
    struct SharedReply
    {
        SessionId session = 0;
        QString oid;
        QString req; // from the admin interface: answered `done`
    };
    QList<SharedReply> sharedReplies;
    storage::StorageError failure;
    bool failed = false;
    QList<storage::ClientRecord> devicesChanged; // for the admin feed, once committed
    quint64 dispatches = 0;                      // accepted in this pass

    // The reconciliation history of an upload's merge (PROTOCOL.md 6); the
    // id and seq are filled in by commit().
    void recordConflicts(const QString &oid, const engine::MergeOutcome &merged,
                         const QString &uploaderCuid, qint64 atMs)
    {
        for (const engine::PropertyConflict &conflict : merged.conflicts) {
            batch.conflicts.append(storage::ConflictRecord{
                0, 0, oid, conflict.property, conflict.winner, conflict.loser, uploaderCuid, atMs});
        }
    }
    void markDirty(const QString &oid)
    {
        if (!dirtySet.contains(oid)) {
            dirtySet.insert(oid);
            dirty.append(oid);
        }
    }
    Replies &repliesFor(SessionId id)
    {
        if (!replies.contains(id))
            replyOrder.append(id);
        return replies[id];
    }
    void fail(const storage::StorageError &error)
    {
        if (!failed)
            failure = error;
        failed = true;
    }
};

SyncService::SyncService(storage::Storage &storage, SyncSettings settings, Clock clock)
    : m_storage(storage)
    , m_settings(std::move(settings))
    , m_clock(std::move(clock))
    , m_cache(storage)
    , m_policy([this](const QString &oid) { return m_cache.lookup(oid); })
    , m_catchUpWindow(storage, m_cache, m_policy, m_settings.spoolPageSize)
{}

storage::Status SyncService::start()
{
    if (auto status = reconnect(); !status)
        return status;
    Outcome nobody; // no session is attached yet
    mergeOpenUploads(nobody);
    return storage::Done{};
}

storage::Status SyncService::reconnect()
{
    m_storage.close();
    m_cache.clear();
    m_loggedIds.clear(); // a lost connection may have committed more than it said
    if (auto opened = m_storage.open(); !opened)
        return opened;
    auto last = m_storage.lastSeq();
    if (!last)
        return last.error();
    auto purged = m_storage.purgedSeq();
    if (!purged)
        return purged.error();
    auto lastConflict = m_storage.lastConflictId();
    if (!lastConflict)
        return lastConflict.error();
    m_lastConflictId = lastConflict.value();
    m_lastSeq = last.value();
    m_purgedSeq = purged.value();
    m_available = true;
    m_openUploadsDue = true;
    qCInfo(lcSync) << "storage" << m_storage.backendName() << "ready at seq" << m_lastSeq;
    return storage::Done{};
}

storage::Result<engine::ObjectState *> SyncService::editMaster(const QString &oid)
{
    // An object with an upload broadcast still to go out must keep its
    // committed state in memory if this pass fails: that broadcast may have
    // to be sent while storage is unreachable (refuseAll).
    return m_cache.edit(oid, m_uploadPending.contains(oid) ? ObjectCache::Keep::Snapshot
                                                           : ObjectCache::Keep::Nothing);
}

Outcome SyncService::process(const QList<Command> &commands)
{
    Outcome outcome;
    if (!m_available) {
        if (auto status = reconnect(); !status) {
            const QString message = u"storage unavailable: "_s + status.error().message;
            refuseAll(commands, message, outcome);
            // A catch-up cannot go on either; its device reconnects later.
            for (SessionId id : std::exchange(m_catchingUp, {})) {
                if (auto it = m_sessions.find(id); it != m_sessions.end())
                    it->catchUp = {};
                outcome.refusals.append(Refusal{id, ErrorCode::Unavailable, message});
            }
            // Nor can the merge of an upload: it is in the log, and merged
            // from there once storage is back (mergeOpenUploads).
            for (SessionId id : std::exchange(m_mergingUploads, {})) {
                if (auto it = m_sessions.find(id); it != m_sessions.end()) {
                    broadcastUploadChanges(id, *it, outcome); // the windows committed
                    forgetSession(it);
                }
                outcome.refusals.append(Refusal{id, ErrorCode::Unavailable, message});
            }
            return outcome;
        }
    }
    if (m_openUploadsDue) {
        mergeOpenUploads(outcome);
        if (!m_available) {
            refuseAll(commands, u"storage unavailable, nothing was acknowledged"_s, outcome);
            return outcome;
        }
    }

    Pass pass;
    m_cache.beginPass();

    // One query for the dispatches that may have been sent before, and one
    // for the objects written that are not in memory yet.
    QList<storage::DispatchRef> dispatches;
    QStringList oids;
    for (const Command &command : commands) {
        if (const auto *submit = std::get_if<SubmitCommand>(&command)) {
            const auto it = m_sessions.constFind(submit->session);
            if (it != m_sessions.constEnd()) {
                if (submit->upload)
                    filterLoggedIds(*it);
                if (!m_loggedIds.rulesOut(it->client.cuid, submit->dispatch.id))
                    dispatches.append({it->client.cuid, submit->dispatch.id});
            }
            // An object the upload creates was absent when it was staged and
            // still is, unless it is in memory now (ObjectCache::generation).
            if (it != m_sessions.constEnd() && submit->upload &&
                it->stage.knownAbsent(submit->dispatch.oid, m_cache.generation()))
                continue;
            oids.append(submit->dispatch.oid);
            oids.append(submit->dispatch.parent);
        } else if (const auto *share = std::get_if<ShareCommand>(&command)) {
            oids.append(share->share.oid);
        }
    }
    if (auto status = m_cache.prefetch(oids); !status)
        pass.fail(status.error());
    if (!dispatches.isEmpty() && !pass.failed) {
        if (auto known = m_storage.knownDispatches(dispatches))
            pass.knownIds = std::move(known).value();
        else
            pass.fail(known.error());
    }

    for (const Command &command : commands) {
        if (pass.failed)
            break;
        std::visit(
            [&](const auto &c) {
                using T = std::decay_t<decltype(c)>;
                if constexpr (std::is_same_v<T, AttachCommand>) {
                    attach(pass, c);
                } else if constexpr (std::is_same_v<T, SubmitCommand>) {
                    submit(pass, c);
                } else if constexpr (std::is_same_v<T, UploadEndCommand>) {
                    if (auto it = m_sessions.find(c.session); it != m_sessions.end()) {
                        // Merged in windows from this pass on; the broadcast
                        // and the catch-up follow the last window.
                        it->uploadEnded = true;
                        sealStage(c.session, *it);
                        if (it->sealed.isEmpty())
                            finishUpload(pass, c.session, *it);
                    }
                } else if constexpr (std::is_same_v<T, CursorCommand>) {
                    cursor(pass, c);
                } else if constexpr (std::is_same_v<T, ShareCommand>) {
                    share(pass, c);
                } else if constexpr (std::is_same_v<T, DetachCommand>) {
                    if (auto it = m_sessions.find(c.session); it != m_sessions.end()) {
                        // The whole upload now: the session ends with this pass.
                        sealStage(c.session, *it);
                        if (mergeWindow(pass, c.session, *it,
                                        std::numeric_limits<qsizetype>::max()))
                            closeUpload(pass, c.session, *it);
                        touchClient(pass, *it);
                        pass.detaching.append(c.session);
                    }
                }
            },
            command);
    }
    // An upload holding more objects than it may is merged part way.
    for (SessionId id : std::as_const(pass.replyOrder)) {
        auto it = m_sessions.find(id);
        if (it != m_sessions.end() && it->stage.objectCount() >= m_settings.uploadStageObjects)
            sealStage(id, *it);
    }
    // One window of each upload being merged, so that other devices'
    // dispatches never wait behind a whole upload. The broadcast and the
    // catch-up follow in the pass after the last window: together they cost
    // as much as a window (10,000 audience checks, a catch-up window).
    for (SessionId id : QList<SessionId>(m_mergingUploads)) {
        auto it = m_sessions.find(id);
        if (it == m_sessions.end() || pass.detaching.contains(id) || pass.finishing.contains(id))
            continue;
        if (it->sealed.isEmpty()) {
            if (it->uploadEnded)
                finishUpload(pass, id, *it);
        } else if (mergeWindow(pass, id, *it, m_settings.uploadMergeWindow) && it->uploadEnded) {
            closeUpload(pass, id, *it); // the open upload goes with the last window
        }
    }

    if (pass.failed || !commit(pass, outcome)) {
        m_cache.rollbackPass();
        if (pass.failure.connectionLost) {
            m_available = false;
            m_storage.close();
        }
        qCWarning(lcSync) << "nothing acknowledged, storage failed:" << pass.failure.message;
        refuseAll(commands, u"storage unavailable, nothing was acknowledged"_s, outcome);
        return outcome;
    }
    for (const Pass::MergeProgress &progress : std::as_const(pass.mergeProgress)) {
        auto it = m_sessions.find(progress.session);
        if (it == m_sessions.end())
            continue;
        it->sealed.remove(0, progress.stagesDone);
        it->sealedMerged = progress.offset;
        // An ended upload stays until its broadcast and catch-up go out.
        if (it->sealed.isEmpty() && !it->uploadEnded)
            m_mergingUploads.removeOne(progress.session);
    }
    for (SessionId id : std::as_const(pass.finishing))
        m_mergingUploads.removeOne(id);
    for (SessionId id : std::as_const(pass.uploadsClosed)) {
        if (auto it = m_sessions.find(id); it != m_sessions.end())
            it->uploadOpen = false;
    }
    emitResponses(pass, outcome);
    m_cache.endPass();
    return outcome;
}

void SyncService::attach(Pass &pass, const AttachCommand &command)
{
    auto existing = m_storage.client(command.cuid);
    if (!existing) {
        pass.fail(existing.error());
        return;
    }
    const qint64 now = m_clock();
    SessionState session;
    session.viewer = command.viewer;
    session.since = command.since;
    session.address = command.address;
    session.connectedAt = command.connectedAt;
    if (existing.value()) {
        session.client = *existing.value();
    } else {
        session.client.cuid = command.cuid;
        session.client.firstSeenMs = now;
    }
    const bool known = existing.value().has_value();
    const bool sameUser = known && existing.value()->uuid == command.viewer.uuid;
    // A device that is new to us (first contact or expired), changed hands, is
    // ahead of us, or fell behind the retention horizon cannot be caught up
    // incrementally: it gets a reset and a full copy (PROTOCOL.md 5, 9.7).
    if (command.since > 0 &&
        (!known || !sameUser || command.since > m_lastSeq || command.since < m_purgedSeq)) {
        session.reset = true;
        session.since = 0;
    }
    if (!sameUser)
        session.client.cursor = 0;
    if (sameUser && !session.reset && command.since > 0) {
        // Joining or leaving a group (in LDAP, say) changes what the device
        // may see; the spool carries the difference (PROTOCOL.md section 7).
        for (const QString &group : command.viewer.groups) {
            if (!session.client.groups.contains(group))
                session.gainedGroups.append(group);
        }
        for (const QString &group : std::as_const(session.client.groups)) {
            if (!command.viewer.groups.contains(group))
                session.lostGroups.append(group);
        }
    }
    session.previousGroups = sameUser ? session.client.groups : QStringList();
    session.client.groups = command.viewer.groups;
    session.client.groups.sort();
    session.client.uuid = command.viewer.uuid;
    if (auto previous = m_sessions.find(command.session); previous != m_sessions.end())
        forgetSession(previous);
    auto &stored = *m_sessions.insert(command.session, session);
    m_viewers.add(stored.viewer);
    touchClient(pass, stored);
    qCDebug(lcSync) << "attached" << command.cuid << "user" << command.viewer.uuid << "since"
                    << command.since << (session.reset ? "(reset)" : "");
}

QHash<SessionId, SessionState>::iterator
SyncService::forgetSession(QHash<SessionId, SessionState>::iterator it)
{
    if (m_feedEnabled)
        m_feed.touchDevice(it->client);
    m_viewers.remove(it->viewer);
    m_loggedIds.drop(it->client.cuid);
    m_catchingUp.removeOne(it.key());
    m_mergingUploads.removeOne(it.key());
    // Its upload is durable in the log; it is merged from there.
    if (it->uploadOpen)
        m_openUploadsDue = true;
    releaseUploadPending(*it);
    return m_sessions.erase(it);
}

void SyncService::releaseUploadPending(SessionState &session)
{
    for (const QString &oid : std::as_const(session.uploadOrder)) {
        auto it = m_uploadPending.find(oid);
        if (it != m_uploadPending.end() && --*it <= 0)
            m_uploadPending.erase(it);
    }
    session.uploadOrder.clear();
    session.uploadChanged.clear();
}

bool SyncService::reachesOthers(const Audience &audience, const QSet<SessionId> &except) const
{
    QList<const Viewer *> exceptViewers;
    for (SessionId id : except) {
        if (auto it = m_sessions.constFind(id); it != m_sessions.constEnd())
            exceptViewers.append(&it->viewer);
    }
    return m_viewers.admitsAnyoneBut(audience, exceptViewers);
}

void SyncService::touchClient(Pass &pass, SessionState &session)
{
    session.client.lastSeenMs = m_clock();
    if (m_feedEnabled)
        pass.devicesChanged.append(session.client);
    session.clientSavedMs = session.client.lastSeenMs;
    auto it = pass.clientIndex.constFind(session.client.cuid);
    if (it == pass.clientIndex.constEnd()) {
        pass.clientIndex.insert(session.client.cuid, pass.batch.clients.size());
        pass.batch.clients.append(session.client);
    } else {
        pass.batch.clients[*it] = session.client;
    }
}

void SyncService::cursor(Pass &pass, const CursorCommand &command)
{
    auto it = m_sessions.find(command.session);
    if (it == m_sessions.end())
        return;
    it->client.cursor = std::clamp(command.seq, qint64(0), m_lastSeq);
    if (m_feedEnabled)
        pass.devicesChanged.append(it->client);
    // Devices acknowledge often; the cursor only feeds queue depths, so the
    // client row is written at most every cursorSaveIntervalMs and when the
    // device leaves, not once per ack.
    if (m_clock() - it->clientSavedMs >= m_settings.cursorSaveIntervalMs)
        touchClient(pass, *it);
}

void SyncService::submit(Pass &pass, const SubmitCommand &command)
{
    auto sessionIt = m_sessions.find(command.session);
    if (sessionIt == m_sessions.end())
        return;
    SessionState &session = *sessionIt;
    const protocol::ClientDispatch &incoming = command.dispatch;
    auto &replies = pass.repliesFor(command.session);
    const storage::DispatchRef key{session.client.cuid, incoming.id};

    // A repeated id is acknowledged again and changes nothing (PROTOCOL.md 4).
    if (pass.knownIds.contains(key) || pass.seenIds.contains(key)) {
        replies.acked.append(incoming.id);
        return;
    }
    auto reject = [&](ErrorCode code, const QString &message) {
        replies.rejects.append(protocol::encodeReject(incoming.id, code, message));
    };

    // What this upload wrote to the oid and has not merged yet.
    const engine::ObjectState *staged = command.upload ? session.stage.find(incoming.oid) : nullptr;
    const engine::ObjectState *current = nullptr;
    if (staged && session.stage.knownAbsent(incoming.oid, m_cache.generation())) {
        // Absent when staged; only a live dispatch since can have created it.
        current = m_cache.peek(incoming.oid);
        if (current && !current->exists())
            current = nullptr;
    } else {
        auto found = m_cache.find(incoming.oid);
        if (!found) {
            pass.fail(found.error());
            return;
        }
        current = found.value();
    }
    const bool creating = !current && !staged;
    engine::Dispatch dispatch = engineDispatch(
        incoming, session.client.cuid, session.viewer.uuid,
        creating ? std::optional(m_settings.defaultAccessFor(incoming.kind)) : std::nullopt);
    if (current) {
        if (!m_policy.canSee(session.viewer, *current)) {
            reject(ErrorCode::Forbidden, u"no access to oid "_s + incoming.oid);
            return;
        }
    } else if (creating) {
        if (dispatch.access == engine::Access::Inherit && dispatch.parent.isEmpty()) {
            reject(ErrorCode::Invalid, u"access inherit needs a parent"_s);
            return;
        }
        // The chain may run through objects this upload created.
        auto known = [&](const QString &oid) {
            const engine::ObjectState *state = m_cache.lookup(oid);
            return state || !command.upload ? state : session.stage.find(oid);
        };
        if (dispatch.parent == dispatch.oid ||
            inheritDepth(dispatch.parent, known) > AccessPolicy::kMaxInheritDepth) {
            reject(ErrorCode::Invalid, u"parent chain deeper than 16"_s);
            return;
        }
        if (!dispatch.parent.isEmpty() && !pass.failed) {
            // A write under a parent the user cannot see would leak into it.
            if (const engine::ObjectState *parent = m_cache.lookup(dispatch.parent);
                parent && !m_policy.canSee(session.viewer, *parent)) {
                reject(ErrorCode::Forbidden, u"no access to parent "_s + dispatch.parent);
                return;
            }
        }
    }

    const auto clamped = engine::clampTimestamp(incoming.ts, m_clock(), m_settings.maxFutureSkewMs);
    dispatch.ts = clamped.ts;

    pass.seenIds.insert(key);
    ++pass.dispatches;
    pass.batch.log.append(storage::DispatchLogEntry{session.client.cuid, incoming.id, incoming.oid,
                                                    incoming.ts, command.receivedMs, command.raw});
    replies.acked.append(incoming.id);
    if (clamped.clamped)
        replies.clamped.append(incoming.id);
    if (command.upload) {
        stage(pass, session, dispatch, creating, command.receivedMs);
        return;
    }

    auto editable = editMaster(incoming.oid);
    if (!editable) {
        pass.fail(editable.error());
        return;
    }
    const engine::MergeOutcome merged = engine::merge(*editable.value(), dispatch);
    if (merged.changedAnything()) {
        pass.markDirty(incoming.oid);
        appendUnique(pass.liveChanged[incoming.oid], merged.changed);
        pass.liveWriters[incoming.oid].insert(command.session);
    }
    if (!merged.lost.isEmpty()) {
        if (!replies.corrections.contains(incoming.oid))
            replies.correctionOrder.append(incoming.oid);
        appendUnique(replies.corrections[incoming.oid], merged.lost);
    }
}

void SyncService::stage(Pass &pass, SessionState &session, const engine::Dispatch &dispatch,
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

void SyncService::filterLoggedIds(const SessionState &session)
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

void SyncService::sealStage(SessionId id, SessionState &session)
{
    if (session.stage.isEmpty())
        return;
    session.sealed.append(std::exchange(session.stage, UploadStage{}));
    if (!m_mergingUploads.contains(id))
        m_mergingUploads.append(id);
}

bool SyncService::mergeWindow(Pass &pass, SessionId id, SessionState &session, qsizetype budget)
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
    pass.mergeProgress.append(Pass::MergeProgress{id, stageIndex, offset});
    return stageIndex == session.sealed.size();
}

void SyncService::mergeStaged(Pass &pass, SessionState &session, const UploadStage &stage,
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
                ++m_uploadPending[oid];
                changed = session.uploadChanged.insert(oid, {});
            }
            appendUnique(*changed, merged.changed);
        }
        if (!merged.lost.isEmpty())
            session.uploadLost.insert(oid);
        pass.recordConflicts(oid, merged, cuid, now);
    }
}

void SyncService::closeUpload(Pass &pass, SessionId id, SessionState &session)
{
    if (!session.uploadOpen)
        return;
    pass.uploadsClosed.append(id);
    const QString &cuid = session.client.cuid;
    // A newer session of the device (it reconnected before this one ended)
    // has an upload open too: the row stays for it.
    if (uploadOpenElsewhere(cuid, id))
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

bool SyncService::uploadOpenElsewhere(const QString &cuid, SessionId except) const
{
    for (auto it = m_sessions.cbegin(); it != m_sessions.cend(); ++it) {
        if (it.key() != except && it->uploadOpen && it->client.cuid == cuid)
            return true;
    }
    return false;
}

void SyncService::finishUpload(Pass &pass, SessionId id, SessionState &session)
{
    closeUpload(pass, id, session);
    m_loggedIds.drop(session.client.cuid);
    pass.finishing.append(id);
}

void SyncService::share(Pass &pass, const ShareCommand &command)
{
    const Viewer *viewer = command.admin ? &*command.admin : nullptr;
    if (!viewer) {
        auto sessionIt = m_sessions.constFind(command.session);
        if (sessionIt == m_sessions.constEnd())
            return;
        viewer = &sessionIt->viewer;
    }
    const protocol::Share &share = command.share;
    auto &replies = pass.repliesFor(command.session);
    auto refuse = [&](ErrorCode code, const QString &message) {
        replies.errors.append(command.req.isEmpty()
                                  ? protocol::encodeError(code, message, share.oid)
                                  : protocol::admin::encodeAdminError(command.req, code, message));
    };
    auto found = m_cache.find(share.oid);
    if (!found) {
        pass.fail(found.error());
        return;
    }
    const engine::ObjectState *current = found.value();
    // An unknown oid and someone else's object look the same to the caller.
    if (!current || (!viewer->admin && current->owner != viewer->uuid)) {
        refuse(ErrorCode::Forbidden,
               u"only the owner of %1 or an admin may share it"_s.arg(share.oid));
        return;
    }
    if (share.access == engine::Access::Inherit && current->parent.isEmpty()) {
        refuse(ErrorCode::Invalid, u"access inherit needs a parent; %1 has none"_s.arg(share.oid));
        return;
    }
    QStringList grants = current->grants;
    for (const QString &principal : share.grant) {
        if (!grants.contains(principal))
            grants.append(principal);
    }
    for (const QString &principal : share.revoke)
        grants.removeAll(principal);
    grants.sort();
    const engine::Access access = share.access.value_or(current->access);
    pass.sharedReplies.append({command.session, share.oid, command.req});
    if (grants == current->grants && access == current->access)
        return; // nothing changes; `shared` still answers with the current seq
    if (!pass.sharedBefore.contains(share.oid)) {
        pass.sharedBefore.insert(share.oid, m_policy.audienceOf(*current));
        pass.sharedOrder.append(share.oid);
    }
    if (command.admin)
        pass.adminShares.append({viewer->uuid, share});
    Pass::ShareRequest &asked = pass.shareRequests[share.oid];
    asked.by = viewer->uuid;
    appendUnique(asked.granted, share.grant);
    appendUnique(asked.revoked, share.revoke);
    engine::ObjectState *state = editMaster(share.oid).value();
    state->grants = grants;
    state->access = access;
    pass.markDirty(share.oid);
    qCInfo(lcSync).noquote() << viewer->uuid << "shared" << share.oid << "access"
                             << engine::accessName(access) << "grants" << grants.join(u',');
}

bool SyncService::commit(Pass &pass, Outcome &outcome)
{
    Q_UNUSED(outcome);
    const qint64 previousSeq = m_lastSeq;
    qint64 seq = m_lastSeq;
    // One new seq per changed oid in this pass.
    for (const QString &oid : std::as_const(pass.dirty)) {
        engine::ObjectState *state = m_cache.edit(oid).value();
        state->seq = ++seq;
        pass.batch.objects.append(*state);
    }
    qint64 conflictId = m_lastConflictId;
    for (storage::ConflictRecord &conflict : pass.batch.conflicts) {
        conflict.id = ++conflictId;
        if (const engine::ObjectState *state = m_cache.peek(conflict.oid))
            conflict.seq = state->seq;
    }
    const qint64 now = m_clock();
    for (const QString &oid : std::as_const(pass.sharedOrder)) {
        const engine::ObjectState *state = m_cache.peek(oid);
        const Audience after = m_policy.audienceOf(*state);
        const Pass::ShareRequest &asked = pass.shareRequests[oid];
        pass.batch.accessChanges.append(storage::AccessChange{
            state->seq, oid, pass.sharedBefore[oid].toJson(), after.toJson(), now, asked.by,
            engine::accessName(state->access), asked.granted, asked.revoked});
    }
    pass.batch.lastSeq = seq;
    if (pass.batch.isEmpty()) {
        if (m_feedEnabled) {
            for (const storage::ClientRecord &client : std::as_const(pass.devicesChanged))
                m_feed.touchDevice(client);
        }
        return true;
    }
    m_lastSeq = seq;
    if (auto status = m_storage.commit(pass.batch); !status) {
        m_lastSeq = previousSeq;
        pass.fail(status.error());
        return false;
    }
    m_lastConflictId = conflictId;
    for (const storage::DispatchLogEntry &entry : std::as_const(pass.batch.log))
        m_loggedIds.add(entry.cuid, entry.id);
    m_feed.dispatches += pass.dispatches;
    if (m_feedEnabled) {
        for (const storage::ClientRecord &client : std::as_const(pass.devicesChanged))
            m_feed.touchDevice(client);
        m_feed.conflicts += pass.batch.conflicts;
        m_feed.accessChanges += pass.batch.accessChanges;
    }
    m_feed.adminShares += pass.adminShares; // audited whether or not a console watches
    return true;
}

void SyncService::emitResponses(Pass &pass, Outcome &outcome)
{
    // Acks first: the ack of a live dispatch precedes any correction for it
    // (PROTOCOL.md 9.12).
    for (SessionId id : std::as_const(pass.replyOrder)) {
        const Pass::Replies &replies = pass.replies[id];
        if (!replies.acked.isEmpty()) {
            outcome.send(id, protocol::encodeAck(
                                 protocol::ServerAck{replies.acked, m_lastSeq, replies.clamped}));
        }
        for (const QByteArray &reject : replies.rejects)
            outcome.send(id, reject);
        for (const QByteArray &error : replies.errors)
            outcome.send(id, error);
    }
    // Access first: a device that gained access gets the full copy before any
    // later dispatch of the object (PROTOCOL.md section 7).
    emitAccessShifts(pass, outcome);
    broadcastLiveChanges(pass, outcome);
    for (SessionId id : std::as_const(pass.replyOrder)) {
        const Pass::Replies &replies = pass.replies[id];
        const auto session = m_sessions.constFind(id);
        for (const QString &oid : replies.correctionOrder) {
            const engine::ObjectState *state = m_cache.peek(oid);
            if (!state)
                continue;
            // A device still catching up gets the object in a later window;
            // a correction now would carry a seq ahead of that window.
            if (session != m_sessions.constEnd() && session->catchUp.active &&
                state->seq > session->catchUp.after)
                continue;
            outcome.send(
                id, protocol::encodeDispatch(engine::project(*state, replies.corrections[oid])));
        }
    }
    emitSessionEnds(pass, outcome);
}

void SyncService::broadcastLiveChanges(Pass &pass, Outcome &outcome)
{
    for (auto it = pass.liveChanged.cbegin(); it != pass.liveChanged.cend(); ++it) {
        const engine::ObjectState *state = m_cache.peek(it.key());
        if (!state)
            continue;
        const QSet<SessionId> &writers = pass.liveWriters[it.key()];
        // Sole writers already hold these values; several writers each need
        // the others' part.
        QSet<SessionId> skip = writers.size() == 1 ? writers : QSet<SessionId>{};
        Audience audience = m_policy.audienceOf(*state);
        if (!reachesOthers(audience, skip))
            continue;
        outcome.broadcast(Broadcast{protocol::encodeDispatch(broadcastPart(*state, it.value())),
                                    std::move(audience), std::move(skip)});
    }
}

void SyncService::emitSessionEnds(Pass &pass, Outcome &outcome)
{
    for (SessionId id : std::as_const(pass.finishing)) {
        auto it = m_sessions.find(id);
        if (it == m_sessions.end())
            continue;
        broadcastUploadChanges(id, *it, outcome);
        if (!it->catchUp.active)
            beginCatchUp(id, *it, outcome);
    }
    // One more window for each session still catching up from an earlier
    // pass (those that began in this one sent their first already).
    const QList<SessionId> catchingUp = m_catchingUp;
    for (SessionId id : catchingUp) {
        auto it = m_sessions.find(id);
        if (it != m_sessions.end() && !pass.finishing.contains(id) && !pass.detaching.contains(id))
            continueCatchUp(id, *it, outcome);
    }
    for (SessionId id : std::as_const(pass.detaching)) {
        auto it = m_sessions.find(id);
        if (it == m_sessions.end())
            continue;
        broadcastUploadChanges(id, *it, outcome);
        forgetSession(it);
    }
}

void SyncService::mergeOpenUploads(Outcome &outcome)
{
    m_openUploadsDue = false;
    auto open = m_storage.openUploads();
    storage::Status status = open ? storage::Status(storage::Done{}) : open.error();
    if (open) {
        for (const storage::OpenUpload &upload : open.value()) {
            // An attached session of the device may hold an upload of its
            // own in the same row: what it staged is merged now as well,
            // which changes nothing when it merges it again, and the row
            // stays for it.
            constexpr SessionId kNoSession = 0; // session ids start at 1
            status =
                mergeLoggedUpload(upload, uploadOpenElsewhere(upload.cuid, kNoSession), outcome);
            if (!status)
                break;
        }
    }
    if (status)
        return;
    qCWarning(lcSync) << "open uploads not merged yet, retried before the next pass:"
                      << status.error().message;
    m_openUploadsDue = true;
    if (status.error().connectionLost) {
        m_available = false;
        m_storage.close();
    }
}

storage::Status SyncService::mergeLoggedUpload(const storage::OpenUpload &upload, bool keepOpen,
                                               Outcome &outcome)
{
    auto client = m_storage.client(upload.cuid);
    if (!client)
        return client.error();
    const QString author = client.value() ? client.value()->uuid : QString();
    // Received times come from the system clock, which may have stepped
    // back during the upload; merging a dispatch twice changes nothing, so
    // reading a minute more of the log is harmless.
    constexpr qint64 kClockStepMs = 60000;
    auto logged = m_storage.loggedSince(upload.cuid, upload.sinceMs - kClockStepMs);
    if (!logged)
        return logged.error();
    const QList<LoggedDispatch> dispatches = decodeLog(logged.value());
    QStringList oids;
    for (const LoggedDispatch &entry : dispatches)
        oids.append(entry.dispatch.oid);

    Pass pass;
    m_cache.beginPass();
    if (auto status = m_cache.prefetch(oids); !status)
        pass.fail(status.error());
    const qint64 now = m_clock();
    for (qsizetype i = 0; i < dispatches.size() && !pass.failed; ++i) {
        const protocol::ClientDispatch &incoming = dispatches[i].dispatch;
        auto editable = editMaster(incoming.oid);
        if (!editable) {
            pass.fail(editable.error());
            break;
        }
        engine::ObjectState &state = *editable.value();
        engine::Dispatch dispatch = engineDispatch(
            incoming, upload.cuid, author,
            state.exists() ? std::nullopt
                           : std::optional(m_settings.defaultAccessFor(incoming.kind)));
        // Clamped against the server's clock when it arrived, as it was then.
        dispatch.ts = engine::clampTimestamp(incoming.ts, dispatches[i].receivedMs,
                                             m_settings.maxFutureSkewMs)
                          .ts;
        const engine::MergeOutcome merged = engine::merge(state, dispatch);
        if (merged.changedAnything()) {
            pass.markDirty(incoming.oid);
            appendUnique(pass.liveChanged[incoming.oid], merged.changed);
        }
        pass.recordConflicts(incoming.oid, merged, upload.cuid, now);
    }
    if (!keepOpen)
        pass.batch.uploadsMerged.append(upload.cuid);
    if (pass.failed || !commit(pass, outcome)) {
        m_cache.rollbackPass();
        return pass.failure;
    }
    broadcastLiveChanges(pass, outcome);
    m_cache.endPass();
    qCInfo(lcSync).noquote() << "merged the open upload of" << upload.cuid
                             << "from the log:" << dispatches.size() << "dispatches,"
                             << pass.dirty.size() << "objects changed";
    return storage::Done{};
}

void SyncService::emitAccessShifts(Pass &pass, Outcome &outcome)
{
    for (const Pass::SharedReply &reply : std::as_const(pass.sharedReplies)) {
        const engine::ObjectState *state = m_cache.peek(reply.oid);
        outcome.send(reply.session,
                     reply.req.isEmpty()
                         ? protocol::encodeShared(reply.oid, state ? state->seq : m_lastSeq)
                         : protocol::admin::encodeDone(reply.req));
    }
    for (const QString &oid : std::as_const(pass.sharedOrder)) {
        const engine::ObjectState *state = m_cache.peek(oid);
        if (!state)
            continue;
        AccessShift shift;
        shift.before = pass.sharedBefore[oid];
        shift.after = m_policy.audienceOf(*state);
        if (shift.before == shift.after)
            continue;
        // Only attached sessions can receive the shift now; the others learn
        // it from the access history when they come back.
        QList<SessionId> gaining;
        QList<SessionId> losing;
        for (auto it = m_sessions.cbegin(); it != m_sessions.cend(); ++it) {
            const bool before = shift.before.admits(it->viewer);
            const bool after = shift.after.admits(it->viewer);
            if (before != after)
                (after ? gaining : losing).append(it.key());
        }
        if (gaining.isEmpty() && losing.isEmpty())
            continue;
        auto inheritors = m_cache.inheritorsOf(oid, AccessPolicy::kMaxInheritDepth);
        if (!inheritors) {
            // The change is committed but its pieces cannot be read: the
            // sessions it concerns reconnect and get them from their spool.
            qCWarning(lcSync) << "access change of" << oid
                              << "not delivered live:" << inheritors.error().message;
            for (SessionId id : gaining + losing) {
                outcome.refuseNow(Refusal{id, ErrorCode::Unavailable,
                                          u"storage unavailable during an access change"_s});
            }
            if (inheritors.error().connectionLost) {
                m_available = false;
                m_storage.close();
            }
            continue;
        }
        QList<const engine::ObjectState *> affected{state};
        affected += inheritors.value();
        // Copies and revokes carry the seq of the access change (PROTOCOL.md
        // 9.5). Tombstones are copied too: a later restore sends only what
        // changed, which must meet the properties it restores. Only the
        // frames someone will receive are encoded.
        for (const engine::ObjectState *object : std::as_const(affected)) {
            AccessShift::Piece piece;
            piece.audience = m_policy.audienceOf(*object);
            if (!gaining.isEmpty()) {
                engine::ObjectState copy = *object;
                copy.seq = state->seq;
                piece.copy = protocol::encodeDispatch(copy);
            }
            if (!losing.isEmpty())
                piece.revoke = protocol::encodeRevoke(state->seq, object->oid);
            shift.pieces.append(std::move(piece));
        }
        outcome.shiftAccess(std::move(shift));
    }
}

void SyncService::broadcastUploadChanges(SessionId id, SessionState &session, Outcome &outcome)
{
    for (const QString &oid : std::as_const(session.uploadOrder)) {
        const engine::ObjectState *state = m_cache.lookup(oid);
        if (!state)
            continue;
        Audience audience = m_policy.audienceOf(*state);
        if (!reachesOthers(audience, {id}))
            continue;
        outcome.broadcast(
            Broadcast{protocol::encodeDispatch(broadcastPart(*state, session.uploadChanged[oid])),
                      std::move(audience), QSet<SessionId>{id}});
    }
    releaseUploadPending(session);
}

void SyncService::beginCatchUp(SessionId id, SessionState &session, Outcome &outcome)
{
    auto &catchUp = session.catchUp;
    catchUp = {};
    catchUp.active = true;
    catchUp.fullCopy = session.reset || session.since == 0;
    catchUp.after = session.since;
    catchUp.startSeq = m_lastSeq;
    outcome.send(id, protocol::encodeRehydrateEnd(m_lastSeq));
    if (session.reset)
        outcome.send(id, protocol::encodeReset(m_lastSeq));
    m_catchingUp.append(id);
    if (m_feedEnabled)
        m_feed.touchDevice(session.client);
    continueCatchUp(id, session, outcome);
}

void SyncService::continueCatchUp(SessionId id, SessionState &session, Outcome &outcome)
{
    auto status = spoolWindow(id, session, outcome);
    if (status && session.catchUp.active)
        return;
    session.catchUp = {};
    m_catchingUp.removeOne(id);
    if (!status) {
        outcome.refusals.append(Refusal{id, ErrorCode::Unavailable,
                                        u"catch-up interrupted: "_s + status.error().message});
        if (status.error().connectionLost) {
            m_available = false;
            m_storage.close();
        }
    }
}

storage::Status SyncService::spoolWindow(SessionId id, SessionState &session, Outcome &outcome)
{
    auto next = m_catchUpWindow.next(session, m_lastSeq, m_purgedSeq);
    if (!next)
        return next.error();
    CatchUpWindow::Window window = std::move(next).value();
    for (QByteArray &frame : window.frames)
        outcome.send(id, std::move(frame));
    if (!window.last)
        return storage::Done{};
    outcome.send(id, protocol::encodeSynced(window.upTo));
    outcome.goLive(id);
    session.live = true;
    if (m_feedEnabled)
        m_feed.touchDevice(session.client);
    session.since = window.upTo;
    session.reset = false;
    // What changed while the windows went out (after startSeq) follows
    // synced, as live messages would: before synced each oid came once
    // (PROTOCOL.md 8). The broadcasts of those changes went out before the
    // device was live, so they are read here.
    session.catchUp.afterSynced = true;
    session.catchUp.sent.clear();
    while (window.upTo < m_lastSeq) {
        auto more = m_catchUpWindow.next(session, m_lastSeq, m_purgedSeq);
        if (!more)
            return more.error();
        CatchUpWindow::Window after = std::move(more).value();
        for (QByteArray &frame : after.frames)
            outcome.send(id, std::move(frame));
        window.upTo = after.upTo;
        session.since = window.upTo;
        if (after.last)
            break;
    }
    session.catchUp.active = false;
    return storage::Done{};
}

void SyncService::refuseAll(const QList<Command> &commands, const QString &message,
                            Outcome &outcome)
{
    QSet<SessionId> refused;
    for (const Command &command : commands) {
        const SessionId id = std::visit([](const auto &c) { return c.session; }, command);
        if (std::holds_alternative<DetachCommand>(command)) {
            if (auto it = m_sessions.find(id); it != m_sessions.end())
                forgetSession(it);
            continue;
        }
        if (std::holds_alternative<CursorCommand>(command) || refused.contains(id))
            continue;
        refused.insert(id);
        // What this session uploaded in earlier passes is committed: its
        // peers, refused ones included, still get the broadcast.
        if (auto it = m_sessions.find(id); it != m_sessions.end())
            broadcastUploadChanges(id, *it, outcome);
        outcome.refusals.append(Refusal{id, ErrorCode::Unavailable, message});
    }
    for (SessionId id : std::as_const(refused)) {
        if (auto it = m_sessions.find(id); it != m_sessions.end())
            forgetSession(it);
    }
}

storage::Status SyncService::saveClients()
{
    if (!m_available || m_sessions.isEmpty())
        return storage::Done{};
    storage::CommitBatch batch;
    batch.lastSeq = m_lastSeq;
    const qint64 now = m_clock();
    for (SessionState &session : m_sessions) {
        session.client.lastSeenMs = now;
        session.clientSavedMs = now;
        batch.clients.append(session.client);
    }
    return m_storage.commit(batch);
}

Outcome SyncService::refuseDisabledUsers()
{
    Outcome outcome;
    if (!m_available || m_sessions.isEmpty())
        return outcome;
    // One query for the server, not one per connected user: with thousands
    // of users a query each would hold the passes back every few seconds.
    auto disabledList = m_storage.disabledUsers();
    if (!disabledList)
        return outcome; // storage trouble is handled by the next pass
    const QStringList &uuids = disabledList.value();
    if (uuids.isEmpty())
        return outcome;
    const QSet<QString> disabled(uuids.cbegin(), uuids.cend());
    for (auto it = m_sessions.begin(); it != m_sessions.end();) {
        const QString &uuid = it->viewer.uuid;
        if (disabled.contains(uuid)) {
            qCInfo(lcSync).noquote() << "closing session of disabled user" << uuid;
            outcome.refusals.append(
                Refusal{it.key(), ErrorCode::AuthFailed, u"the user was disabled"_s});
            broadcastUploadChanges(it.key(), *it, outcome);
            it = forgetSession(it);
        } else {
            ++it;
        }
    }
    if (m_openUploadsDue)
        mergeOpenUploads(outcome);
    return outcome;
}

storage::Result<storage::ExpiryReport> SyncService::expire()
{
    if (!m_available) {
        if (auto status = reconnect(); !status)
            return status.error();
    }
    auto report = m_storage.expire(m_settings.expireHorizonMs(m_clock()));
    if (!report) {
        if (report.error().connectionLost)
            m_available = false;
        return report;
    }
    m_purgedSeq = std::max(m_purgedSeq, report.value().purgedSeq);
    if (m_feedEnabled)
        m_feed.devicesExpired = true;
    if (report.value().tombstonesRemoved > 0)
        m_cache.clear(); // purged tombstones must not linger in memory
    return report;
}

void SyncService::setFeedEnabled(bool enabled)
{
    m_feedEnabled = enabled;
    if (!enabled) {
        ChangeFeed kept;
        kept.dispatches = m_feed.dispatches;
        kept.adminShares = m_feed.adminShares;
        m_feed = std::move(kept);
    }
}

QList<DeviceActivity> SyncService::attachedDevices() const
{
    QList<DeviceActivity> devices;
    devices.reserve(m_sessions.size());
    for (const SessionState &session : m_sessions) {
        DeviceActivity device;
        device.client = session.client;
        device.address = session.address;
        device.connectedAt = session.connectedAt;
        device.phase = session.live             ? DeviceActivity::Phase::Live
                       : session.catchUp.active ? DeviceActivity::Phase::CatchUp
                                                : DeviceActivity::Phase::Upload;
        devices.append(std::move(device));
    }
    return devices;
}

bool SyncService::disconnectDevice(const QString &cuid, int closeCode, const QString &reason,
                                   Outcome &outcome)
{
    bool found = false;
    for (auto it = m_sessions.cbegin(); it != m_sessions.cend(); ++it) {
        if (it->client.cuid == cuid) {
            outcome.close(it.key(), closeCode, reason);
            found = true;
        }
    }
    return found;
}

storage::Result<bool> SyncService::expireDevice(const QString &cuid, int closeCode,
                                                Outcome &outcome)
{
    if (!m_available)
        return storage::StorageError{u"storage unavailable"_s, true};
    auto known = m_storage.client(cuid);
    if (!known)
        return known.error();
    const bool attached = disconnectDevice(cuid, closeCode, u"expired by an admin"_s, outcome);
    if (!known.value() && !attached)
        return false;
    // Forgotten here, not when its connection ends: that would write its
    // row again.
    for (auto it = m_sessions.begin(); it != m_sessions.end();) {
        if (it->client.cuid == cuid) {
            broadcastUploadChanges(it.key(), *it, outcome);
            it = forgetSession(it);
        } else {
            ++it;
        }
    }
    if (auto status = m_storage.forgetClient(cuid); !status)
        return status.error();
    if (m_feedEnabled) {
        m_feed.devicesRemoved.append(cuid);
        if (auto index = m_feed.deviceIndex.constFind(cuid); index != m_feed.deviceIndex.cend()) {
            m_feed.devices.removeAt(*index);
            m_feed.deviceIndex.clear();
            for (qsizetype i = 0; i < m_feed.devices.size(); ++i)
                m_feed.deviceIndex.insert(m_feed.devices[i].cuid, i);
        }
    }
    qCInfo(lcSync).noquote() << "device" << cuid << "expired by an admin";
    return true;
}

SessionState SyncService::dryRunSession(const storage::ClientRecord &client,
                                        const Viewer &viewer) const
{
    SessionState session;
    session.client = client;
    session.viewer = viewer;
    session.previousGroups = client.groups;
    session.since = client.cursor;
    // As attach() decides for a device that logs in again as the same user.
    if (session.since > m_lastSeq || session.since < m_purgedSeq) {
        session.reset = true;
        session.since = 0;
    }
    auto &catchUp = session.catchUp;
    catchUp.active = true;
    catchUp.fullCopy = session.reset || session.since == 0;
    catchUp.after = session.since;
    catchUp.startSeq = m_lastSeq;
    return session;
}

storage::Result<CatchUpWindow::Window> SyncService::dryRunWindow(SessionState &session)
{
    if (!m_available)
        return storage::StorageError{u"storage unavailable"_s, true};
    return m_catchUpWindow.next(session, m_lastSeq, m_purgedSeq);
}

storage::Result<std::optional<engine::ObjectState>> SyncService::object(const QString &oid)
{
    if (!m_available)
        return storage::StorageError{u"storage unavailable"_s, true};
    auto found = m_cache.find(oid);
    if (!found)
        return found.error();
    if (!found.value() || !found.value()->exists())
        return std::optional<engine::ObjectState>();
    return std::optional<engine::ObjectState>(*found.value());
}

} // namespace seneschal::sync
