#include "syncservice.h"

#include <algorithm>

Q_LOGGING_CATEGORY(lcSync, "seneschal.sync")

namespace seneschal::sync {

using namespace Qt::StringLiterals;
using protocol::ErrorCode;

SyncService::SyncService(storage::Storage &storage, SyncSettings settings, Clock clock)
    : m_storage(storage)
    , m_settings(std::move(settings))
    , m_clock(std::move(clock))
    , m_cache(storage)
    , m_policy([this](const QString &oid) { return m_cache.lookup(oid); })
    , m_uploads(storage, m_cache, m_policy, m_settings, m_sessions, m_clock)
    , m_clients(m_settings, m_clock)
    , m_intake(storage, m_cache, m_policy, m_settings, m_uploads, m_clock)
    , m_shares(m_cache, m_policy)
    , m_planner(storage, m_cache, m_policy, m_sessions, m_viewers)
    , m_spooler(storage, m_cache, m_policy, m_settings.spoolPageSize)
    , m_groupShift(storage, m_cache, m_policy)
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
    m_uploads.clearLoggedIds(); // a lost connection may have committed more than it said
    if (auto opened = m_storage.open(); !opened)
        return opened;
    auto last = m_storage.lastSeq();
    if (!last)
        return last.error();
    auto purged = m_storage.purgedSeq();
    if (!purged)
        return purged.error();
    if (auto orphans = m_orphans.load(m_storage); !orphans)
        return orphans;
    auto lastConflict = m_storage.lastConflictId();
    if (!lastConflict)
        return lastConflict.error();
    m_lastConflictId = lastConflict.value();
    m_lastSeq = last.value();
    m_purgedSeq = purged.value();
    m_available = true;
    m_uploads.setReplayDue(true);
    qCInfo(lcSync) << "storage" << m_storage.backendName() << "ready at seq" << m_lastSeq;
    return storage::Done{};
}

void SyncService::connectionLost()
{
    m_available = false;
    m_storage.close();
}

Outcome SyncService::process(const QList<Command> &commands)
{
    Outcome outcome;
    if (!m_available) {
        if (auto status = reconnect(); !status) {
            const QString message = u"storage unavailable: "_s + status.error().message;
            refuseAll(commands, message, outcome);
            // A catch-up cannot go on either; its device reconnects later.
            for (SessionId id : m_spooler.takeAll()) {
                if (auto it = m_sessions.find(id); it != m_sessions.end())
                    it->catchUp = {};
                outcome.refusals.append(Refusal{id, ErrorCode::Unavailable, message});
            }
            // Nor can the merge of an upload: it is in the log, and merged
            // from there once storage is back (mergeOpenUploads).
            for (SessionId id : m_uploads.takeMerging()) {
                if (auto it = m_sessions.find(id); it != m_sessions.end()) {
                    broadcastUpload(id, *it, outcome); // the windows committed
                    forgetSession(it);
                }
                outcome.refusals.append(Refusal{id, ErrorCode::Unavailable, message});
            }
            return outcome;
        }
    }
    if (m_uploads.replayDue()) {
        mergeOpenUploads(outcome);
        if (!m_available) {
            refuseAll(commands, u"storage unavailable, nothing was acknowledged"_s, outcome);
            return outcome;
        }
    }

    SyncPass pass;
    pass.collectFeed = m_feedEnabled;
    m_cache.beginPass();
    m_intake.prefetch(pass, commands, m_sessions);
    for (const Command &command : commands) {
        if (pass.failed)
            break;
        std::visit(
            [&](const auto &c) {
                using T = std::decay_t<decltype(c)>;
                if constexpr (std::is_same_v<T, AttachCommand>) {
                    attach(pass, c);
                } else if constexpr (std::is_same_v<T, SubmitCommand>) {
                    if (auto it = m_sessions.find(c.session); it != m_sessions.end())
                        m_intake.submit(pass, c, *it);
                } else if constexpr (std::is_same_v<T, UploadEndCommand>) {
                    if (auto it = m_sessions.find(c.session); it != m_sessions.end())
                        m_uploads.end(pass, c.session, *it);
                } else if constexpr (std::is_same_v<T, CursorCommand>) {
                    if (auto it = m_sessions.find(c.session); it != m_sessions.end())
                        m_clients.acknowledge(pass, *it, c.seq, m_lastSeq);
                } else if constexpr (std::is_same_v<T, ShareCommand>) {
                    share(pass, c);
                } else if constexpr (std::is_same_v<T, DetachCommand>) {
                    if (auto it = m_sessions.find(c.session); it != m_sessions.end()) {
                        m_uploads.detach(pass, c.session, *it);
                        m_clients.touch(pass, *it);
                        pass.detaching.append(c.session);
                    }
                }
            },
            command);
    }
    // An upload holding more objects than it may is merged part way.
    m_uploads.sealFull(pass);
    m_uploads.mergeWindows(pass);

    if (pass.failed || !commit(pass)) {
        m_cache.rollbackPass();
        if (pass.failure.connectionLost)
            connectionLost();
        qCWarning(lcSync) << "nothing acknowledged, storage failed:" << pass.failure.message;
        refuseAll(commands, u"storage unavailable, nothing was acknowledged"_s, outcome);
        return outcome;
    }
    m_uploads.committed(pass);
    if (!m_planner.respond(pass, m_lastSeq, outcome))
        m_available = false; // the planner closed storage
    emitSessionEnds(pass, outcome);
    m_cache.endPass();
    return outcome;
}

void SyncService::attach(SyncPass &pass, const AttachCommand &command)
{
    auto stored = m_storage.client(command.cuid);
    if (!stored) {
        pass.fail(stored.error());
        return;
    }
    SessionState session = m_clients.admit(command, stored.value(), m_lastSeq, m_purgedSeq);
    if (auto previous = m_sessions.find(command.session); previous != m_sessions.end())
        forgetSession(previous);
    auto &attached = *m_sessions.insert(command.session, std::move(session));
    m_viewers.add(attached.viewer);
    m_clients.touch(pass, attached);
    qCDebug(lcSync) << "attached" << command.cuid << "user" << command.viewer.uuid << "since"
                    << command.since << (attached.reset ? "(reset)" : "");
}

SessionMap::iterator SyncService::forgetSession(SessionMap::iterator it)
{
    if (m_feedEnabled)
        m_feed.touchDevice(it->client);
    m_viewers.remove(it->viewer);
    m_spooler.drop(it.key());
    m_uploads.forget(it.key(), *it);
    return m_sessions.erase(it);
}

void SyncService::share(SyncPass &pass, const ShareCommand &command)
{
    const Viewer *viewer = command.admin ? &*command.admin : nullptr;
    if (!viewer) {
        auto sessionIt = m_sessions.constFind(command.session);
        if (sessionIt == m_sessions.constEnd())
            return;
        viewer = &sessionIt->viewer;
    }
    m_shares.apply(pass, command, *viewer, m_uploads.keepFor(command.share.oid));
}

QStringList SyncService::welcomeArrivals(SyncPass &pass)
{
    QStringList created;
    const QStringList changed = pass.dirty; // arrivals are appended to it
    for (const QString &oid : changed) {
        const engine::ObjectState *state = m_cache.peek(oid);
        if (!state || state->seq != 0 || !state->exists())
            continue; // seq 0: never committed, so created in this pass
        created.append(oid);
        for (const QString &waiting : m_orphans.waitingFor(oid))
            m_shares.applyParentArrival(pass, waiting, state->owner, m_uploads.keepFor(waiting));
    }
    return created;
}

void SyncService::indexOrphans(const QStringList &created)
{
    for (const QString &oid : created) {
        m_orphans.arrived(oid);
        const engine::ObjectState *state = m_cache.peek(oid);
        if (!state || state->access != engine::Access::Inherit || state->parent.isEmpty())
            continue;
        const engine::ObjectState *parent = m_cache.lookup(state->parent);
        if (!parent || !parent->exists())
            m_orphans.add(oid, state->parent);
    }
}

bool SyncService::commit(SyncPass &pass)
{
    const QStringList created = welcomeArrivals(pass);
    if (pass.failed)
        return false;
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
    m_shares.recordAccessChanges(pass, m_clock());
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
    indexOrphans(created);
    m_uploads.logged(pass.batch.log);
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

void SyncService::emitSessionEnds(SyncPass &pass, Outcome &outcome)
{
    for (SessionId id : std::as_const(pass.finishing)) {
        auto it = m_sessions.find(id);
        if (it == m_sessions.end())
            continue;
        broadcastUpload(id, *it, outcome);
        if (!it->catchUp.active)
            beginCatchUp(id, *it, outcome);
    }
    // One more window for each session still catching up from an earlier
    // pass (those that began in this one sent their first already).
    const QList<SessionId> catchingUp = m_spooler.sessions();
    for (SessionId id : catchingUp) {
        auto it = m_sessions.find(id);
        if (it != m_sessions.end() && !pass.finishing.contains(id) && !pass.detaching.contains(id))
            continueCatchUp(id, *it, outcome);
    }
    for (SessionId id : std::as_const(pass.detaching)) {
        auto it = m_sessions.find(id);
        if (it == m_sessions.end())
            continue;
        broadcastUpload(id, *it, outcome);
        forgetSession(it);
    }
}

void SyncService::broadcastUpload(SessionId id, SessionState &session, Outcome &outcome)
{
    m_planner.broadcastUploadChanges(id, session, outcome);
    m_uploads.releasePending(session);
}

void SyncService::beginCatchUp(SessionId id, SessionState &session, Outcome &outcome)
{
    if (m_feedEnabled)
        m_feed.touchDevice(session.client); // its phase changes
    if (auto status = m_spooler.begin(id, session, m_lastSeq, m_purgedSeq, outcome); !status)
        catchUpFailed(id, status.error(), outcome);
    else
        applyPendingGroups(id, session, outcome);
}

void SyncService::continueCatchUp(SessionId id, SessionState &session, Outcome &outcome)
{
    const bool wasLive = session.live;
    auto status = m_spooler.next(id, session, m_lastSeq, m_purgedSeq, outcome);
    if (m_feedEnabled && session.live && !wasLive)
        m_feed.touchDevice(session.client);
    if (!status)
        catchUpFailed(id, status.error(), outcome);
    else
        applyPendingGroups(id, session, outcome);
}

void SyncService::refreshGroups(Outcome &outcome)
{
    if (!m_available)
        return;
    auto version = m_storage.groupsVersion();
    if (!version || version.value() == m_groupsVersion)
        return; // storage trouble is handled by the next pass
    if (m_sessions.isEmpty()) {
        m_groupsVersion = version.value();
        return;
    }
    auto memberships = m_storage.memberships();
    if (!memberships)
        return;
    m_groupsVersion = version.value();
    const QHash<QString, QStringList> &local = memberships.value();
    for (auto it = m_sessions.begin(); it != m_sessions.end(); ++it)
        regroup(it.key(), *it, it->providerGroups + local.value(it->viewer.uuid), outcome);
}

void SyncService::setProviderGroups(const QString &uuid, const QStringList &groups,
                                    Outcome &outcome)
{
    if (!m_available)
        return;
    std::optional<QStringList> local;
    for (auto it = m_sessions.begin(); it != m_sessions.end(); ++it) {
        if (it->viewer.uuid != uuid)
            continue;
        if (!local) {
            auto read = m_storage.groupsOf(uuid);
            if (!read)
                return; // tried again at the next refresh
            local = read.value();
        }
        it->providerGroups = groups;
        regroup(it.key(), *it, groups + *local, outcome);
    }
}

void SyncService::regroup(SessionId id, SessionState &session, QStringList groups, Outcome &outcome)
{
    groups.removeDuplicates();
    groups.sort();
    if (groups == session.pendingGroups.value_or(session.viewer.groups))
        return;
    if (!session.live) {
        session.pendingGroups = groups;
        return;
    }
    applyGroups(id, session, groups, outcome);
}

void SyncService::applyPendingGroups(SessionId id, SessionState &session, Outcome &outcome)
{
    if (!session.live || !session.pendingGroups)
        return;
    const QStringList groups = *std::exchange(session.pendingGroups, std::nullopt);
    if (groups != session.viewer.groups)
        applyGroups(id, session, groups, outcome);
}

void SyncService::applyGroups(SessionId id, SessionState &session, const QStringList &groups,
                              Outcome &outcome)
{
    Viewer after = session.viewer;
    after.groups = groups;
    after.admin = groups.contains(m_settings.adminGroup);
    if (after.admin != session.viewer.admin) {
        // Everything is in play: the device starts again from a full copy.
        qCInfo(lcSync).noquote() << "closing" << session.client.cuid << "of" << after.uuid
                                 << "for a full copy: admin role"
                                 << (after.admin ? "gained" : "lost");
        outcome.close(id, protocol::admin::CloseCode::Disconnected,
                      u"the user's admin role changed; reconnect for a full copy"_s);
        return;
    }
    auto frames = m_groupShift.frames(
        session.viewer, after, GroupShift::changed(session.viewer.groups, groups), m_lastSeq);
    if (!frames) {
        // Its next login compares its groups again and sends the difference.
        outcome.refuseNow(
            Refusal{id, ErrorCode::Unavailable, u"storage unavailable during a group change"_s});
        if (frames.error().connectionLost)
            connectionLost();
        return;
    }
    qCInfo(lcSync).noquote() << session.client.cuid << "of" << after.uuid << "now in groups"
                             << groups.join(u',') << "-" << frames.value().size()
                             << "copies and revokes";
    m_viewers.remove(session.viewer);
    session.viewer = after;
    m_viewers.add(session.viewer);
    session.client.groups = groups; // what the device holds from now on
    outcome.regroup(id, after);
    for (const QByteArray &frame : frames.value())
        outcome.send(id, frame);
}

void SyncService::catchUpFailed(SessionId id, const storage::StorageError &error, Outcome &outcome)
{
    outcome.refusals.append(
        Refusal{id, ErrorCode::Unavailable, u"catch-up interrupted: "_s + error.message});
    if (error.connectionLost)
        connectionLost();
}

void SyncService::mergeOpenUploads(Outcome &outcome)
{
    m_uploads.setReplayDue(false);
    auto open = m_storage.openUploads();
    storage::Status status = open ? storage::Status(storage::Done{}) : open.error();
    if (open) {
        for (const storage::OpenUpload &upload : open.value()) {
            status = mergeLoggedUpload(upload, outcome);
            if (!status)
                break;
        }
    }
    if (status)
        return;
    qCWarning(lcSync) << "open uploads not merged yet, retried before the next pass:"
                      << status.error().message;
    m_uploads.setReplayDue(true);
    if (status.error().connectionLost)
        connectionLost();
}

storage::Status SyncService::mergeLoggedUpload(const storage::OpenUpload &upload, Outcome &outcome)
{
    auto logged = m_uploads.readLog(upload);
    if (!logged)
        return logged.error();
    SyncPass pass;
    m_cache.beginPass();
    m_uploads.replay(pass, logged.value());
    if (pass.failed || !commit(pass)) {
        m_cache.rollbackPass();
        return pass.failure;
    }
    m_planner.broadcastLiveChanges(pass, outcome);
    if (!m_planner.shiftArrivals(pass, outcome))
        m_available = false; // the planner closed storage
    m_cache.endPass();
    qCInfo(lcSync).noquote() << "merged the open upload of" << upload.cuid
                             << "from the log:" << logged.value().entries.size() << "dispatches,"
                             << pass.dirty.size() << "objects changed";
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
            broadcastUpload(id, *it, outcome);
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
    return m_storage.commit(m_clients.saveAll(m_sessions, m_lastSeq));
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
            broadcastUpload(it.key(), *it, outcome);
            it = forgetSession(it);
        } else {
            ++it;
        }
    }
    if (m_uploads.replayDue())
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
    if (report.value().tombstonesRemoved > 0) {
        m_cache.clear(); // purged tombstones must not linger in memory
        // What inherited from a purged tombstone waits for its parent again.
        if (auto orphans = m_orphans.load(m_storage); !orphans)
            m_available = false;
    }
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
    return ClientRows::activity(m_sessions);
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
            broadcastUpload(it.key(), *it, outcome);
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
    return CatchUpSpooler::dryRunSession(client, viewer, m_lastSeq, m_purgedSeq);
}

storage::Result<CatchUpWindow::Window> SyncService::dryRunWindow(SessionState &session)
{
    if (!m_available)
        return storage::StorageError{u"storage unavailable"_s, true};
    return m_spooler.dryRunWindow(session, m_lastSeq, m_purgedSeq);
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
