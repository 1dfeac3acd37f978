#include "objectcache.h"

namespace seneschal::sync {

storage::Result<engine::ObjectState *> ObjectCache::find(const QString &oid)
{
    if (auto it = m_objects.find(oid); it != m_objects.end())
        return it->second.exists() ? &it->second : nullptr;
    if (m_absent.contains(oid))
        return static_cast<engine::ObjectState *>(nullptr);
    auto loaded = m_storage.loadObject(oid);
    if (!loaded)
        return loaded.error();
    if (!loaded.value())
        return static_cast<engine::ObjectState *>(nullptr);
    return &m_objects.insert_or_assign(oid, *loaded.value()).first->second;
}

storage::Result<engine::ObjectState *> ObjectCache::edit(const QString &oid, Keep keep)
{
    auto found = find(oid);
    if (!found)
        return found;
    engine::ObjectState *state = found.value();
    if (!m_touched.contains(oid)) {
        m_touched.insert(oid);
        if (keep == Keep::Snapshot)
            m_snapshots.insert(oid, state ? std::optional(*state) : std::nullopt);
    }
    if (state)
        return state;
    m_absent.remove(oid);
    engine::ObjectState fresh;
    fresh.oid = oid;
    return &m_objects.insert_or_assign(oid, std::move(fresh)).first->second;
}

const engine::ObjectState *ObjectCache::remember(engine::ObjectState state)
{
    auto it = m_objects.find(state.oid);
    if (it != m_objects.end())
        return &it->second;
    const QString oid = state.oid;
    return &m_objects.emplace(oid, std::move(state)).first->second;
}

storage::Status ObjectCache::prefetch(const QStringList &oids)
{
    QStringList missing;
    QSet<QString> asked;
    for (const QString &oid : oids) {
        if (!oid.isEmpty() && !m_objects.contains(oid) && !asked.contains(oid)) {
            asked.insert(oid);
            missing.append(oid);
        }
    }
    if (missing.isEmpty())
        return storage::Done{};
    auto loaded = m_storage.loadObjects(missing);
    if (!loaded)
        return loaded.error();
    QList<engine::ObjectState> objects = std::move(loaded).value();
    for (engine::ObjectState &object : objects) {
        asked.remove(object.oid);
        remember(std::move(object));
    }
    m_absent.unite(asked);
    return storage::Done{};
}

bool ObjectCache::markAbsent(const QStringList &oids, quint64 knownAt)
{
    if (knownAt != m_generation)
        return false;
    for (const QString &oid : oids) {
        if (!m_objects.contains(oid))
            m_absent.insert(oid);
    }
    return true;
}

const engine::ObjectState *ObjectCache::peek(const QString &oid) const
{
    auto it = m_objects.find(oid);
    return it == m_objects.end() ? nullptr : &it->second;
}

void ObjectCache::rollbackPass()
{
    if (!m_touched.isEmpty())
        ++m_generation;
    for (const QString &oid : std::as_const(m_touched)) {
        auto snapshot = m_snapshots.constFind(oid);
        if (snapshot != m_snapshots.cend() && snapshot.value())
            m_objects.insert_or_assign(oid, *snapshot.value());
        else
            m_objects.erase(oid); // read again from storage when needed
    }
    m_touched.clear();
    m_snapshots.clear();
    m_absent.clear();
}

void ObjectCache::clear()
{
    ++m_generation;
    m_objects.clear();
    m_touched.clear();
    m_snapshots.clear();
    m_absent.clear();
}

storage::Result<QList<const engine::ObjectState *>> ObjectCache::inheritorsOf(const QString &oid,
                                                                              int maxDepth)
{
    QList<const engine::ObjectState *> found;
    QStringList level{oid};
    QSet<QString> seen{oid};
    // One query per level of the tree (chunked), not one per parent: a list
    // with 1,000 items is two levels, not 1,001 queries.
    for (int depth = 0; depth < maxDepth && !level.isEmpty(); ++depth) {
        auto children = m_storage.childrenOf(level);
        if (!children)
            return children.error();
        const QSet<QString> parents(level.cbegin(), level.cend());
        QStringList next;
        QList<engine::ObjectState> list = std::move(children).value();
        for (engine::ObjectState &child : list) {
            if (seen.contains(child.oid))
                continue;
            const engine::ObjectState *kept = remember(std::move(child));
            if (kept->access != engine::Access::Inherit || !parents.contains(kept->parent))
                continue;
            seen.insert(kept->oid);
            found.append(kept);
            next.append(kept->oid);
        }
        level = next;
    }
    return found;
}

} // namespace seneschal::sync
