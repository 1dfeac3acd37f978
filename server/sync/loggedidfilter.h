#pragma once

#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>

namespace seneschal::sync {

// Which dispatch ids a device has in the dispatch log, held for devices in
// the middle of a large upload: a dispatch the filter rules out is new
// without asking the log (PROTOCOL.md 4: a repeated id is acknowledged again
// and changes nothing). It keeps 64-bit hashes, not the ids, so that an
// upload of 100,000 dispatches costs about 2 MB: a dispatch whose hash it
// knows may still be new and is looked up in the log as before.
//
// It only ever answers for what it was told: load() with every id the log
// holds for the device, then add() with every id committed for it since.
class LoggedIdFilter
{
public:
    // Whether load() or refuse() has been called for `cuid` since its drop().
    bool isDecided(const QString &cuid) const
    {
        return m_hashes.contains(cuid) || m_refused.contains(cuid);
    }
    // True when `id` is certainly not in the log for `cuid`.
    bool rulesOut(const QString &cuid, const QString &id) const;

    void load(const QString &cuid, const QStringList &loggedIds);
    // The device has more ids in the log than it is worth holding.
    void refuse(const QString &cuid) { m_refused.insert(cuid); }
    // After a commit: `id` is in the log now (ignored unless loaded).
    void add(const QString &cuid, const QString &id);
    void drop(const QString &cuid);
    void clear();

private:
    static quint64 hashOf(const QString &id) { return qHash(id, size_t(0x5e9e5c4a1)); }

    QHash<QString, QSet<quint64>> m_hashes;
    QSet<QString> m_refused;
};

} // namespace seneschal::sync
