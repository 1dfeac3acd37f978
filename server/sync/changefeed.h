#pragma once

#include "protocol/messages.h"
#include "storage/storage.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace seneschal::sync {

// What committed passes changed that the admin interface shows live
// (PROTOCOL.md section 10): devices whose row changed, conflicts recorded,
// access changes made. Collected by the sync service only while the admin
// desk asks for it, and taken by the desk after each pass, so it comes from
// the same batches storage committed and needs no second read.
struct ChangeFeed
{
    // Devices whose row changed, each once with its latest record, in the
    // order they first changed.
    QList<storage::ClientRecord> devices;
    QHash<QString, qsizetype> deviceIndex;
    QStringList devicesRemoved;  // forgotten by an admin's expire
    bool devicesExpired = false; // expiry ran: the known devices are read again
    QList<storage::ConflictRecord> conflicts;
    QList<storage::AccessChange> accessChanges;
    // Admins' shares that changed something, for the audit.
    struct AdminShare
    {
        QString by;
        protocol::Share share;
    };
    QList<AdminShare> adminShares;
    quint64 dispatches = 0; // client dispatches accepted (for dispatchesPerSec)

    void touchDevice(const storage::ClientRecord &client)
    {
        if (auto it = deviceIndex.constFind(client.cuid); it != deviceIndex.constEnd()) {
            devices[*it] = client;
        } else {
            deviceIndex.insert(client.cuid, devices.size());
            devices.append(client);
        }
    }
};

// One attached device as the sync service sees it, for the `devices` topic.
struct DeviceActivity
{
    enum class Phase { Upload, CatchUp, Live };
    storage::ClientRecord client;
    QString address;
    qint64 connectedAt = 0;
    Phase phase = Phase::Upload;
};

} // namespace seneschal::sync
