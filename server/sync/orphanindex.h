#pragma once

#include "storage/storage.h"

#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>

namespace seneschal::sync {

// The `inherit` objects whose parent does not exist yet, by the parent they
// wait for (PROTOCOL.md 9.6). Until the parent is created such an object is
// its owner's (and admins'); the pass that creates the parent turns that
// into an access change of each waiting object (docs/protocol.md, "Access").
// Read from storage when it (re)connects and kept up to date by the passes
// that commit; a lookup per created object costs a hash probe.
class OrphanIndex
{
public:
    storage::Status load(storage::Storage &storage);

    // The objects waiting for `parent`, in no particular order.
    QStringList waitingFor(const QString &parent) const
    {
        const auto it = m_waiting.constFind(parent);
        return it == m_waiting.cend() ? QStringList() : QStringList(it->cbegin(), it->cend());
    }
    void add(const QString &oid, const QString &parent) { m_waiting[parent].insert(oid); }
    // `parent` exists now: nothing waits for it any more.
    void arrived(const QString &parent) { m_waiting.remove(parent); }

private:
    QHash<QString, QSet<QString>> m_waiting; // parent -> objects
};

} // namespace seneschal::sync
