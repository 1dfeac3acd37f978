#pragma once

#include "engine/objectstate.h"
#include "storage/storage.h"

#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>
#include <unordered_map>

namespace seneschal::sync {

// The master copies in memory, loaded from storage on first use. A failed
// commit drops what the pass touched, to be read again from storage; objects
// edited with `Keep::Snapshot` are put back as they were instead (for when
// storage may be unreachable right after, and their state still matters).
class ObjectCache
{
public:
    explicit ObjectCache(storage::Storage &storage)
        : m_storage(storage)
    {}

    // The object, loaded if needed; nullptr when it does not exist. Pointers
    // stay valid until clear() or a rollback (node-based map).
    storage::Result<engine::ObjectState *> find(const QString &oid);
    // find() for reading where an unreadable object counts as absent: the
    // access checks and the catch-up, whose caller fails on storage anyway.
    const engine::ObjectState *lookup(const QString &oid)
    {
        auto found = find(oid);
        return found ? found.value() : nullptr;
    }
    enum class Keep { Nothing, Snapshot };
    // The object for writing: created empty if it does not exist. With
    // Keep::Snapshot, a copy taken on first touch in the pass is what a
    // rollback restores; copying costs a deep copy of the properties once
    // they change, so only objects that need it ask for it.
    storage::Result<engine::ObjectState *> edit(const QString &oid, Keep keep = Keep::Nothing);
    // Keeps an object read from storage in bulk, unless a newer copy is in
    // memory already; returns the copy in memory.
    const engine::ObjectState *remember(engine::ObjectState state);
    // An object already in memory (no storage access); nullptr otherwise.
    const engine::ObjectState *peek(const QString &oid) const;
    // The object's descendants that inherit its access, up to `maxDepth`
    // levels, read from storage one query per level (chunked), not one per
    // parent, and kept in memory.
    storage::Result<QList<const engine::ObjectState *>> inheritorsOf(const QString &oid,
                                                                     int maxDepth);
    // Loads those of `oids` not in memory with one query per few hundred,
    // so that a pass does not look up new objects one by one; those that do
    // not exist are remembered as absent until the pass ends.
    storage::Status prefetch(const QStringList &oids);

    // Changes whenever an object that may exist in storage leaves memory
    // (clear(), a rollback). While it stays the same, an object known to be
    // absent at that generation and not in memory now is still absent: only
    // this service creates objects, and what it creates stays in memory.
    quint64 generation() const noexcept { return m_generation; }
    // Remembers those of `oids` not in memory as absent for this pass without
    // asking storage, when all were absent at generation `knownAt` and it has
    // not changed since. False, and nothing done, otherwise: prefetch them.
    bool markAbsent(const QStringList &oids, quint64 knownAt);

    // Absent marks hold for one pass only.
    void endPass() { m_absent.clear(); }
    void beginPass()
    {
        m_touched.clear();
        m_snapshots.clear();
        m_absent.clear();
    }
    void rollbackPass();
    void clear();
    std::size_t size() const { return m_objects.size(); }

private:
    storage::Storage &m_storage;
    std::unordered_map<QString, engine::ObjectState> m_objects;
    QSet<QString> m_touched; // edited in this pass
    QHash<QString, std::optional<engine::ObjectState>> m_snapshots;
    QSet<QString> m_absent; // known not to exist in storage, this pass
    quint64 m_generation = 0;
};

} // namespace seneschal::sync
