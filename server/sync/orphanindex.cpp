#include "orphanindex.h"

namespace seneschal::sync {

storage::Status OrphanIndex::load(storage::Storage &storage)
{
    auto links = storage.waitingForParent();
    if (!links)
        return links.error();
    m_waiting.clear();
    for (const storage::ParentLink &link : links.value())
        add(link.oid, link.parent);
    return storage::Done{};
}

} // namespace seneschal::sync
