#pragma once

#include "accesspolicy.h"
#include "objectcache.h"
#include "sessionstate.h"
#include "storage/storage.h"

#include <QByteArray>
#include <QList>

namespace seneschal::sync {

// One window of a device's catch-up (section "Catch-up" of docs/protocol.md):
// the objects changed in the next spoolPageSize seqs that the device may
// see, and the copies and revokes that access changes in those seqs call
// for, in seq order, one message per oid. A full copy sends no revokes and
// no tombstones (PROTOCOL.md 9.7). It reads storage and the object cache and
// advances the session's CatchUpState; the sync service sends the frames
// and takes the device live after the last window.
class CatchUpWindow
{
public:
    struct Window
    {
        QList<QByteArray> frames;
        qint64 upTo = 0;   // the window covers seqs up to here
        bool last = false; // the device is caught up to the server's seq
    };

    CatchUpWindow(storage::Storage &storage, ObjectCache &cache, const AccessPolicy &policy,
                  int pageSize);

    // The next window of `session`'s catch-up. Until synced it covers what
    // changed up to the catch-up's startSeq, each oid once; with
    // CatchUpState::afterSynced set, what changed since, up to `lastSeq`.
    // It fails when storage does, and when expiry purged history the device
    // has not been sent yet: it must start again.
    storage::Result<Window> next(SessionState &session, qint64 lastSeq, qint64 purgedSeq);

private:
    class Plan; // what one window sends (catchupwindow.cpp)

    storage::Storage &m_storage;
    ObjectCache &m_cache;
    const AccessPolicy &m_policy;
    const int m_pageSize;
};

} // namespace seneschal::sync
