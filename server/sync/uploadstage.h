#pragma once

#include "engine/dispatch.h"
#include "engine/objectstate.h"

#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>

namespace seneschal::sync {

// What one device uploaded and was acknowledged for, not merged into the
// master copies yet (PROTOCOL.md 9.2 allows until uploadEnd): its dispatches
// reduced per oid with the engine's merge, in the order each oid first came.
// Merging them once at the end writes each object once, not once per pass.
class UploadStage
{
public:
    bool isEmpty() const noexcept { return m_order.isEmpty(); }
    qsizetype objectCount() const noexcept { return m_order.size(); }
    const QStringList &oids() const noexcept { return m_order; }

    // The device's writes to `oid` so far; nullptr when there are none.
    const engine::ObjectState *find(const QString &oid) const;
    // Whether the first staged write of `oid` found no master copy, so that
    // the upload creates it.
    bool creates(const QString &oid) const { return m_creating.contains(oid); }
    // The ObjectCache generation at the first write staged as creating: while
    // the cache stays at it, what creates() names is absent unless in memory.
    quint64 creationsKnownAt() const noexcept { return m_creationsKnownAt; }
    // Whether storage certainly lacks `oid` unless the cache, at generation
    // `cacheGeneration` now, holds it.
    bool knownAbsent(const QString &oid, quint64 cacheGeneration) const
    {
        return cacheGeneration == m_creationsKnownAt && creates(oid);
    }

    // `dispatch` carries its creation fields when no master copy existed at
    // `cacheGeneration`.
    void add(const engine::Dispatch &dispatch, bool creating, quint64 cacheGeneration);
    void clear();

private:
    QHash<QString, engine::ObjectState> m_states;
    QStringList m_order;
    QSet<QString> m_creating;
    quint64 m_creationsKnownAt = 0;
};

} // namespace seneschal::sync
