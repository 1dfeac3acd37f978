#include "dispatchintake.h"

#include "engine/merge.h"
#include "protocol/codec.h"

namespace seneschal::sync {

using namespace Qt::StringLiterals;
using protocol::ErrorCode;

namespace {

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

} // namespace

DispatchIntake::DispatchIntake(storage::Storage &storage, ObjectCache &cache,
                               const AccessPolicy &policy, const SyncSettings &settings,
                               UploadMerger &uploads, Clock clock)
    : m_storage(storage)
    , m_cache(cache)
    , m_policy(policy)
    , m_settings(settings)
    , m_uploads(uploads)
    , m_clock(std::move(clock))
{}

void DispatchIntake::prefetch(SyncPass &pass, const QList<Command> &commands,
                              const SessionMap &sessions)
{
    QList<storage::DispatchRef> dispatches;
    QStringList oids;
    for (const Command &command : commands) {
        if (const auto *submit = std::get_if<SubmitCommand>(&command)) {
            const auto it = sessions.constFind(submit->session);
            if (it != sessions.constEnd()) {
                if (submit->upload)
                    m_uploads.filterLoggedIds(*it);
                if (!m_uploads.rulesOut(it->client.cuid, submit->dispatch.id))
                    dispatches.append({it->client.cuid, submit->dispatch.id});
            }
            // An object the upload creates was absent when it was staged and
            // still is, unless it is in memory now (ObjectCache::generation).
            if (it != sessions.constEnd() && submit->upload &&
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
}

void DispatchIntake::submit(SyncPass &pass, const SubmitCommand &command, SessionState &session)
{
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
        m_uploads.stage(pass, session, dispatch, creating, command.receivedMs);
        return;
    }

    auto editable = m_cache.edit(incoming.oid, m_uploads.keepFor(incoming.oid));
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

} // namespace seneschal::sync
