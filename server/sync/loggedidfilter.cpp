#include "loggedidfilter.h"

namespace seneschal::sync {

bool LoggedIdFilter::rulesOut(const QString &cuid, const QString &id) const
{
    const auto it = m_hashes.constFind(cuid);
    return it != m_hashes.constEnd() && !it->contains(hashOf(id));
}

void LoggedIdFilter::load(const QString &cuid, const QStringList &loggedIds)
{
    m_refused.remove(cuid);
    QSet<quint64> &hashes = m_hashes[cuid];
    hashes.clear();
    hashes.reserve(loggedIds.size());
    for (const QString &id : loggedIds)
        hashes.insert(hashOf(id));
}

void LoggedIdFilter::add(const QString &cuid, const QString &id)
{
    if (auto it = m_hashes.find(cuid); it != m_hashes.end())
        it->insert(hashOf(id));
}

void LoggedIdFilter::drop(const QString &cuid)
{
    m_hashes.remove(cuid);
    m_refused.remove(cuid);
}

void LoggedIdFilter::clear()
{
    m_hashes.clear();
    m_refused.clear();
}

} // namespace seneschal::sync
