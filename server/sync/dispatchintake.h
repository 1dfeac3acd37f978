#pragma once

#include "accesspolicy.h"
#include "objectcache.h"
#include "syncpass.h"
#include "syncsettings.h"
#include "uploadmerger.h"

#include <functional>

namespace seneschal::sync {

// Takes in one client dispatch (PROTOCOL.md 4, 9): acknowledges a repeated id
// again, rejects what the device may not write, clamps the ts, logs it for
// the commit, and merges it into the master copy live or stages it with the
// device's upload. What it changed and what the sender is owed go into the
// pass.
class DispatchIntake
{
public:
    using Clock = std::function<qint64()>;

    DispatchIntake(storage::Storage &storage, ObjectCache &cache, const AccessPolicy &policy,
                   const SyncSettings &settings, UploadMerger &uploads, Clock clock);

    // Before the pass takes its commands: one query for the dispatches that
    // may have been sent before, and one for the objects they and the shares
    // write that are not in memory yet.
    void prefetch(SyncPass &pass, const QList<Command> &commands, const SessionMap &sessions);
    void submit(SyncPass &pass, const SubmitCommand &command, SessionState &session);

private:
    storage::Storage &m_storage;
    ObjectCache &m_cache;
    const AccessPolicy &m_policy;
    const SyncSettings &m_settings;
    UploadMerger &m_uploads;
    Clock m_clock;
};

} // namespace seneschal::sync
