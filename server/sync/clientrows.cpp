#include "clientrows.h"

#include <algorithm>

namespace seneschal::sync {

ClientRows::ClientRows(const SyncSettings &settings, Clock clock)
    : m_settings(settings)
    , m_clock(std::move(clock))
{}

SessionState ClientRows::admit(const AttachCommand &command,
                               const std::optional<storage::ClientRecord> &stored, qint64 lastSeq,
                               qint64 purgedSeq) const
{
    const qint64 now = m_clock();
    SessionState session;
    session.viewer = command.viewer;
    session.providerGroups = command.providerGroups;
    session.since = command.since;
    session.address = command.address;
    session.connectedAt = command.connectedAt;
    if (stored) {
        session.client = *stored;
    } else {
        session.client.cuid = command.cuid;
        session.client.firstSeenMs = now;
    }
    const bool known = stored.has_value();
    const bool sameUser = known && stored->uuid == command.viewer.uuid;
    // An admin sees everything: a role that came or went since the last
    // login changes what the device may see wholesale.
    const bool roleChanged =
        sameUser && stored->groups.contains(m_settings.adminGroup) != command.viewer.admin;
    // A device that is new to us (first contact or expired), changed hands, is
    // ahead of us, fell behind the retention horizon, or whose user became or
    // stopped being an admin cannot be caught up incrementally: it gets a
    // reset and a full copy (PROTOCOL.md 5, 9.7).
    if (command.since > 0 && (!known || !sameUser || roleChanged || command.since > lastSeq ||
                              command.since < purgedSeq)) {
        session.reset = true;
        session.since = 0;
    }
    if (!sameUser)
        session.client.cursor = 0;
    if (sameUser && !session.reset && command.since > 0) {
        // Joining or leaving a group (in LDAP, say) changes what the device
        // may see; the spool carries the difference (PROTOCOL.md section 7).
        for (const QString &group : command.viewer.groups) {
            if (!session.client.groups.contains(group))
                session.gainedGroups.append(group);
        }
        for (const QString &group : std::as_const(session.client.groups)) {
            if (!command.viewer.groups.contains(group))
                session.lostGroups.append(group);
        }
    }
    session.previousGroups = sameUser ? session.client.groups : QStringList();
    session.client.groups = command.viewer.groups;
    session.client.groups.sort();
    session.client.uuid = command.viewer.uuid;
    return session;
}

void ClientRows::touch(SyncPass &pass, SessionState &session) const
{
    session.client.lastSeenMs = m_clock();
    if (pass.collectFeed)
        pass.devicesChanged.append(session.client);
    session.clientSavedMs = session.client.lastSeenMs;
    auto it = pass.clientIndex.constFind(session.client.cuid);
    if (it == pass.clientIndex.constEnd()) {
        pass.clientIndex.insert(session.client.cuid, pass.batch.clients.size());
        pass.batch.clients.append(session.client);
    } else {
        pass.batch.clients[*it] = session.client;
    }
}

void ClientRows::acknowledge(SyncPass &pass, SessionState &session, qint64 seq,
                             qint64 lastSeq) const
{
    session.client.cursor = std::clamp(seq, qint64(0), lastSeq);
    if (pass.collectFeed)
        pass.devicesChanged.append(session.client);
    // Devices acknowledge often; the cursor only feeds queue depths, so the
    // client row is written at most every cursorSaveIntervalMs and when the
    // device leaves, not once per ack.
    if (m_clock() - session.clientSavedMs >= m_settings.cursorSaveIntervalMs)
        touch(pass, session);
}

storage::CommitBatch ClientRows::saveAll(SessionMap &sessions, qint64 lastSeq) const
{
    storage::CommitBatch batch;
    batch.lastSeq = lastSeq;
    const qint64 now = m_clock();
    for (SessionState &session : sessions) {
        session.client.lastSeenMs = now;
        session.clientSavedMs = now;
        batch.clients.append(session.client);
    }
    return batch;
}

QList<DeviceActivity> ClientRows::activity(const SessionMap &sessions)
{
    QList<DeviceActivity> devices;
    devices.reserve(sessions.size());
    for (const SessionState &session : sessions) {
        DeviceActivity device;
        device.client = session.client;
        device.address = session.address;
        device.connectedAt = session.connectedAt;
        device.phase = session.live             ? DeviceActivity::Phase::Live
                       : session.catchUp.active ? DeviceActivity::Phase::CatchUp
                                                : DeviceActivity::Phase::Upload;
        devices.append(std::move(device));
    }
    return devices;
}

} // namespace seneschal::sync
