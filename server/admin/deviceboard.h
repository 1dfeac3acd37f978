#pragma once

#include "storage/storage.h"
#include "sync/changefeed.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QSet>

namespace seneschal::admin {

// The `devices` topic while a console watches it: every known device with
// the lag last shown for it. Changes are marked dirty and flushed as one row
// per device however often it changed in between (coalescing per row), and
// lags are compared with what was shown so that a quiet device costs
// nothing.
class DeviceBoard
{
public:
    bool isLoaded() const { return m_loaded; }
    void load(const QList<storage::ClientRecord> &clients);
    void unload();
    qsizetype size() const { return m_clients.size(); }

    // Every row, for a snapshot; what was shown is remembered.
    QJsonArray snapshot(const QList<sync::DeviceActivity> &attached, qint64 highestSeq);
    void update(const storage::ClientRecord &client);
    void remove(const QString &cuid);
    bool contains(const QString &cuid) const { return m_clients.contains(cuid); }
    const storage::ClientRecord *find(const QString &cuid) const;

    // Rows of the devices marked dirty, and of those whose lag moved since
    // shown when `withLags` (highestSeq changed).
    QList<QJsonObject> flush(const QList<sync::DeviceActivity> &attached, qint64 highestSeq,
                             bool withLags);
    bool hasDirty() const { return !m_dirty.isEmpty(); }

private:
    bool m_loaded = false;
    QHash<QString, storage::ClientRecord> m_clients;
    QHash<QString, qint64> m_shownLag;
    QSet<QString> m_dirty;
};

} // namespace seneschal::admin
