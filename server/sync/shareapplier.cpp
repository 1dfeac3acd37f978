#include "shareapplier.h"

#include "protocol/admincodec.h"
#include "protocol/codec.h"
#include "synclogging.h"

namespace seneschal::sync {

using namespace Qt::StringLiterals;
using protocol::ErrorCode;

ShareApplier::ShareApplier(ObjectCache &cache, const AccessPolicy &policy)
    : m_cache(cache)
    , m_policy(policy)
{}

void ShareApplier::apply(SyncPass &pass, const ShareCommand &command, const Viewer &viewer,
                         ObjectCache::Keep keep)
{
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
    if (!current || (!viewer.admin && current->owner != viewer.uuid)) {
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
        pass.adminShares.append({viewer.uuid, share});
    SyncPass::ShareRequest &asked = pass.shareRequests[share.oid];
    asked.by = viewer.uuid;
    appendUnique(asked.granted, share.grant);
    appendUnique(asked.revoked, share.revoke);
    engine::ObjectState *state = m_cache.edit(share.oid, keep).value();
    state->grants = grants;
    state->access = access;
    pass.markDirty(share.oid);
    qCInfo(lcSync).noquote() << viewer.uuid << "shared" << share.oid << "access"
                             << engine::accessName(access) << "grants" << grants.join(u',');
}

void ShareApplier::applyParentArrival(SyncPass &pass, const QString &waiting,
                                      const QString &creator, ObjectCache::Keep keep)
{
    auto editable = m_cache.edit(waiting, keep);
    if (!editable) {
        pass.fail(editable.error());
        return;
    }
    engine::ObjectState *state = editable.value();
    if (!state->exists() || state->access != engine::Access::Inherit)
        return;
    if (!pass.sharedBefore.contains(waiting))
        pass.sharedBefore.insert(waiting, AccessPolicy::orphanAudienceOf(*state));
    if (!pass.sharedOrder.contains(waiting) && !pass.arrivalOrder.contains(waiting))
        pass.arrivalOrder.append(waiting);
    SyncPass::ShareRequest &asked = pass.shareRequests[waiting];
    if (asked.by.isEmpty())
        asked.by = creator;
    pass.markDirty(waiting);
    qCInfo(lcSync).noquote() << waiting << "inherits from" << state->parent << "now that it exists";
}

void ShareApplier::recordAccessChanges(SyncPass &pass, qint64 nowMs) const
{
    for (const QString &oid : pass.sharedOrder + pass.arrivalOrder) {
        const engine::ObjectState *state = m_cache.peek(oid);
        const Audience after = m_policy.audienceOf(*state);
        const SyncPass::ShareRequest &asked = pass.shareRequests[oid];
        pass.batch.accessChanges.append(storage::AccessChange{
            state->seq, oid, pass.sharedBefore[oid].toJson(), after.toJson(), nowMs, asked.by,
            engine::accessName(state->access), asked.granted, asked.revoked});
    }
}

} // namespace seneschal::sync
