#include "uploadstage.h"

#include "engine/merge.h"

namespace seneschal::sync {

const engine::ObjectState *UploadStage::find(const QString &oid) const
{
    auto it = m_states.constFind(oid);
    return it == m_states.constEnd() ? nullptr : &*it;
}

void UploadStage::add(const engine::Dispatch &dispatch, bool creating, quint64 cacheGeneration)
{
    auto it = m_states.find(dispatch.oid);
    if (it == m_states.end()) {
        it = m_states.insert(dispatch.oid, engine::ObjectState{});
        m_order.append(dispatch.oid);
        if (creating) {
            if (m_creating.isEmpty())
                m_creationsKnownAt = cacheGeneration;
            m_creating.insert(dispatch.oid);
        }
    }
    engine::merge(*it, dispatch);
}

void UploadStage::clear()
{
    m_states.clear();
    m_order.clear();
    m_creating.clear();
    m_creationsKnownAt = 0;
}

} // namespace seneschal::sync
