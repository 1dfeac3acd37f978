#pragma once

#include "accesspolicy.h"
#include "objectcache.h"
#include "storage/storage.h"

#include <QByteArray>
#include <QList>
#include <QStringList>

namespace seneschal::sync {

// What a connected device receives when its user joins or leaves groups
// (PROTOCOL.md 7): for every object granted to one of those groups, and
// every object inheriting from it, a full copy when the user may see it now
// and could not before, a revoke when it could and may not now; parents
// before what inherits from them. Copies and revokes carry `seq` (the
// server's seq when the change was applied). Reads storage and the cache,
// changes nothing.
class GroupShift
{
public:
    GroupShift(storage::Storage &storage, ObjectCache &cache, const AccessPolicy &policy);

    storage::Result<QList<QByteArray>> frames(const Viewer &before, const Viewer &after,
                                              const QStringList &changedGroups, qint64 seq);

    // The groups in one list and not in the other.
    static QStringList changed(const QStringList &before, const QStringList &after);

private:
    storage::Storage &m_storage;
    ObjectCache &m_cache;
    const AccessPolicy &m_policy;
};

} // namespace seneschal::sync
