#include "deviceboard.h"

#include "adminrows.h"

namespace seneschal::admin {

namespace {

// The attached session of each cuid; the newest when two overlap.
QHash<QString, sync::DeviceActivity> byCuid(const QList<sync::DeviceActivity> &attached)
{
    QHash<QString, sync::DeviceActivity> index;
    index.reserve(attached.size());
    for (const sync::DeviceActivity &device : attached) {
        auto it = index.find(device.client.cuid);
        if (it == index.end() || it->connectedAt <= device.connectedAt)
            index.insert(device.client.cuid, device);
    }
    return index;
}

} // namespace

void DeviceBoard::load(const QList<storage::ClientRecord> &clients)
{
    m_clients.clear();
    m_shownLag.clear();
    m_dirty.clear();
    m_clients.reserve(clients.size());
    for (const storage::ClientRecord &client : clients)
        m_clients.insert(client.cuid, client);
    m_loaded = true;
}

void DeviceBoard::unload()
{
    m_clients.clear();
    m_shownLag.clear();
    m_dirty.clear();
    m_loaded = false;
}

const storage::ClientRecord *DeviceBoard::find(const QString &cuid) const
{
    auto it = m_clients.constFind(cuid);
    return it == m_clients.constEnd() ? nullptr : &*it;
}

QJsonArray DeviceBoard::snapshot(const QList<sync::DeviceActivity> &attached, qint64 highestSeq)
{
    const auto online = byCuid(attached);
    // Attached devices are newer than their stored rows.
    for (const sync::DeviceActivity &device : online)
        m_clients.insert(device.client.cuid, device.client);
    QJsonArray all;
    for (auto it = m_clients.cbegin(); it != m_clients.cend(); ++it) {
        const auto activity = online.constFind(it.key());
        all.append(rows::device(
            *it, activity == online.constEnd() ? std::nullopt : std::optional(*activity),
            highestSeq));
        m_shownLag.insert(it.key(), std::max<qint64>(0, highestSeq - it->cursor));
    }
    m_dirty.clear();
    return all;
}

void DeviceBoard::remove(const QString &cuid)
{
    m_clients.remove(cuid);
    m_shownLag.remove(cuid);
    m_dirty.remove(cuid);
}

void DeviceBoard::update(const storage::ClientRecord &client)
{
    m_clients.insert(client.cuid, client);
    m_dirty.insert(client.cuid);
}

QList<QJsonObject> DeviceBoard::flush(const QList<sync::DeviceActivity> &attached,
                                      qint64 highestSeq, bool withLags)
{
    QList<QJsonObject> changed;
    if (m_dirty.isEmpty() && !withLags)
        return changed;
    const auto online = byCuid(attached);
    auto emitRow = [&](const storage::ClientRecord &client) {
        const auto activity = online.constFind(client.cuid);
        changed.append(rows::device(
            client, activity == online.constEnd() ? std::nullopt : std::optional(*activity),
            highestSeq));
        m_shownLag.insert(client.cuid, std::max<qint64>(0, highestSeq - client.cursor));
    };
    for (const QString &cuid : std::as_const(m_dirty)) {
        auto it = m_clients.constFind(cuid);
        if (it == m_clients.constEnd())
            continue;
        // An attached device's cursor in memory is newer than the feed's.
        if (auto activity = online.constFind(cuid); activity != online.constEnd())
            m_clients.insert(cuid, activity->client);
        emitRow(m_clients.value(cuid));
    }
    if (withLags) {
        for (auto it = m_clients.cbegin(); it != m_clients.cend(); ++it) {
            if (m_dirty.contains(it.key()))
                continue;
            storage::ClientRecord client = *it;
            if (auto activity = online.constFind(it.key()); activity != online.constEnd())
                client.cursor = activity->client.cursor;
            const qint64 lag = std::max<qint64>(0, highestSeq - client.cursor);
            if (m_shownLag.value(it.key(), -1) != lag)
                emitRow(client);
        }
    }
    m_dirty.clear();
    return changed;
}

} // namespace seneschal::admin
