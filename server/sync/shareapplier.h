#pragma once

#include "accesspolicy.h"
#include "objectcache.h"
#include "syncpass.h"

namespace seneschal::sync {

// Applies `share` commands (PROTOCOL.md 4, 7): checks that the owner or an
// admin asks, changes the object's grants and access, and keeps in the pass
// who could see the object before, so that the commit writes the access
// history and the outcome planner sends the copies and revokes.
class ShareApplier
{
public:
    ShareApplier(ObjectCache &cache, const AccessPolicy &policy);

    // `viewer` asks (the session's, or the console's admin); `keep` is how
    // the object's write is kept for a rollback (UploadMerger::keepFor).
    void apply(SyncPass &pass, const ShareCommand &command, const Viewer &viewer,
               ObjectCache::Keep keep);
    // The parent `waiting` named was created in this pass: until now the
    // object was its owner's (and its own grants'); from now on it has its
    // parent's audience. Recorded like a share by the parent's creator, so
    // that it takes a seq after the parent's and the outcome planner and the
    // catch-up deliver it (copies, or a revoke for an owner the parent
    // shuts out).
    void applyParentArrival(SyncPass &pass, const QString &waiting, const QString &creator,
                            ObjectCache::Keep keep);
    // Once the pass's seqs are given: one access-history record per object
    // whose access the pass changed.
    void recordAccessChanges(SyncPass &pass, qint64 nowMs) const;

private:
    ObjectCache &m_cache;
    const AccessPolicy &m_policy;
};

} // namespace seneschal::sync
