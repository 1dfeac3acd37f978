#pragma once

#include "changefeed.h"
#include "commands.h"
#include "syncpass.h"
#include "syncsettings.h"

#include <functional>
#include <optional>

namespace seneschal::sync {

// The client row of each attached device (PROTOCOL.md 2): what a device's
// session starts from when it attaches (its stored row, a reset, the groups
// it joined or left since), and when its row goes into a pass: on attach and
// detach, with its cursor at most every cursorSaveIntervalMs, and every
// attached device's at shutdown.
class ClientRows
{
public:
    using Clock = std::function<qint64()>;

    ClientRows(const SyncSettings &settings, Clock clock);

    // The session of a device attaching with `command`; `stored` is its row.
    SessionState admit(const AttachCommand &command,
                       const std::optional<storage::ClientRecord> &stored, qint64 lastSeq,
                       qint64 purgedSeq) const;
    // The device's row goes into the pass, seen now.
    void touch(SyncPass &pass, SessionState &session) const;
    // The device durably applied everything up to `seq`.
    void acknowledge(SyncPass &pass, SessionState &session, qint64 seq, qint64 lastSeq) const;
    // Every attached device's row, seen now: at shutdown.
    storage::CommitBatch saveAll(SessionMap &sessions, qint64 lastSeq) const;
    // The attached devices for the admin interface's `devices` topic.
    static QList<DeviceActivity> activity(const SessionMap &sessions);

private:
    const SyncSettings &m_settings;
    Clock m_clock;
};

} // namespace seneschal::sync
