#pragma once

#include "storage/storage.h"
#include "uploadstage.h"
#include "viewer.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>
#include <optional>

namespace seneschal::sync {

// The catch-up after uploadEnd goes out one window of at most
// spoolPageSize objects per pass, so that other devices' dispatches
// never wait behind a whole spool (section "Catch-up" of
// docs/protocol.md).
struct CatchUpState
{
    bool active = false;
    bool fullCopy = false;
    int windows = 0;                  // sent so far
    qint64 after = 0;                 // the windows sent so far cover seqs up to here
    qint64 startSeq = 0;              // the server's seq when the catch-up began
    QSet<QString> held;               // full copy: oids the device received in it
    QHash<QString, qint64> revokedAt; // objects revoked by an access change
    QHash<QString, qint64> grantedAt; // objects copied by an access change
    // Objects the device could see when their access first changed
    // in this catch-up (it may hold what inherited from them).
    QHash<QString, qint64> seenAt;
    // Oids sent in an earlier window: one message per oid until synced
    // (PROTOCOL.md 8). What changed after startSeq goes after synced.
    QSet<QString> sent;
    // Objects whose access the device gained in (since, startSeq], with
    // the seq of that change: they and what inherits from them travel with
    // that change, at its seq and after their parent (PROTOCOL.md 9.5), not
    // at their own seq. Read once, in the first window.
    QHash<QString, qint64> gainedAt;
    bool gainsRead = false;
    bool afterSynced = false; // the changes made during the catch-up, sent after synced
};

// What the sync service keeps of each attached session.
struct SessionState
{
    storage::ClientRecord client;
    Viewer viewer;
    QString address;        // the peer's (admin interface)
    qint64 connectedAt = 0; // ms
    bool live = false;      // synced went out
    qint64 since = 0;
    qint64 clientSavedMs = 0; // when `client` was last written
    bool reset = false;
    // The upload, acknowledged and not merged yet: what arrives goes to
    // `stage`; a stage sealed at uploadEnd (or when it grows past
    // uploadStageObjects) is merged one window per pass, oldest first.
    UploadStage stage;
    QList<UploadStage> sealed;
    qsizetype sealedMerged = 0; // oids of sealed.first() merged and committed
    qint64 uploadReceived = 0;  // dispatches staged, sealed ones included
    bool uploadOpen = false;    // storage knows it (storage::OpenUpload)
    bool uploadEnded = false;   // uploadEnd came
    // Upload changes wait for uploadEnd (or the end of the connection)
    // to be broadcast once per oid.
    QHash<QString, QStringList> uploadChanged;
    QStringList uploadOrder;
    QSet<QString> uploadLost;
    // Groups joined or left since the device's last login.
    QStringList gainedGroups;
    QStringList lostGroups;
    QStringList previousGroups; // at the device's last login
    // Those of viewer.groups from LDAP or a token's claims (the rest are
    // local groups).
    QStringList providerGroups;
    // Groups that changed while the session was not live yet: applied right
    // after synced, so that the catch-up goes out with one set of groups.
    std::optional<QStringList> pendingGroups;
    CatchUpState catchUp;
};

} // namespace seneschal::sync
