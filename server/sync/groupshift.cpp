#include "groupshift.h"

#include "protocol/codec.h"

#include <QSet>

namespace seneschal::sync {

using namespace Qt::StringLiterals;

GroupShift::GroupShift(storage::Storage &storage, ObjectCache &cache, const AccessPolicy &policy)
    : m_storage(storage)
    , m_cache(cache)
    , m_policy(policy)
{}

QStringList GroupShift::changed(const QStringList &before, const QStringList &after)
{
    QStringList groups;
    for (const QString &group : before) {
        if (!after.contains(group))
            groups.append(group);
    }
    for (const QString &group : after) {
        if (!before.contains(group))
            groups.append(group);
    }
    return groups;
}

storage::Result<QList<QByteArray>> GroupShift::frames(const Viewer &before, const Viewer &after,
                                                      const QStringList &changedGroups, qint64 seq)
{
    QList<QByteArray> frames;
    QSet<QString> visited;
    auto consider = [&](const engine::ObjectState &object) {
        if (visited.contains(object.oid))
            return;
        visited.insert(object.oid);
        const bool could = m_policy.canSee(before, object);
        const bool can = m_policy.canSee(after, object);
        if (can && !could) {
            engine::ObjectState copy = object;
            copy.seq = seq;
            frames.append(protocol::encodeDispatch(copy));
        } else if (could && !can) {
            frames.append(protocol::encodeRevoke(seq, object.oid));
        }
    };
    for (const QString &group : changedGroups) {
        auto granted = m_storage.objectsGrantedTo(u"group:"_s + group);
        if (!granted)
            return granted.error();
        QList<engine::ObjectState> objects = std::move(granted).value();
        for (engine::ObjectState &state : objects) {
            const engine::ObjectState *kept = m_cache.remember(std::move(state));
            if (visited.contains(kept->oid))
                continue;
            auto inheritors = m_cache.inheritorsOf(kept->oid, AccessPolicy::kMaxInheritDepth);
            if (!inheritors)
                return inheritors.error();
            consider(*kept);
            for (const engine::ObjectState *child : inheritors.value())
                consider(*child);
        }
    }
    return frames;
}

} // namespace seneschal::sync
