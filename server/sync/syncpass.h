#pragma once

#include "audience.h"
#include "changefeed.h"
#include "commands.h"
#include "engine/dispatch.h"
#include "engine/merge.h"
#include "sessionstate.h"
#include "storage/storage.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>
#include <optional>

namespace seneschal::sync {

// The attached sessions, owned by the sync service; the roles it calls read
// them (and the upload merger moves their upload along).
using SessionMap = QHash<SessionId, SessionState>;

// What one pass of the sync service accumulates: the steps that take the
// commands (dispatch intake, upload merger, share applier) write into it, the
// service commits its batch in one transaction, and the outcome planner reads
// it to decide who receives what. Nothing here outlives the pass.
struct SyncPass
{
    // ---- what the commit writes ----
    storage::CommitBatch batch;
    QStringList dirty; // oids changed in this pass, in order
    QSet<QString> dirtySet;
    QHash<QString, qsizetype> clientIndex;       // cuid -> index in batch.clients
    QList<storage::ClientRecord> devicesChanged; // for the admin feed, once committed
    quint64 dispatches = 0;                      // accepted in this pass
    bool collectFeed = false;                    // an admin console watches: fill devicesChanged
    storage::StorageError failure;
    bool failed = false;

    // ---- dispatches ----
    QSet<storage::DispatchRef> knownIds;     // dispatches already in the log
    QSet<storage::DispatchRef> seenIds;      // dispatches received in this pass
    QHash<QString, QStringList> liveChanged; // oid -> properties changed live
    QHash<QString, QSet<SessionId>> liveWriters;
    struct Replies
    {
        QStringList acked;
        QStringList clamped;
        QList<QByteArray> rejects;
        QHash<QString, QStringList> corrections; // oid -> properties that lost
        QStringList correctionOrder;
        QList<QByteArray> errors; // share refusals
    };
    QHash<SessionId, Replies> replies;
    QList<SessionId> replyOrder;

    // ---- uploads and session ends ----
    QList<SessionId> finishing; // uploads merged: broadcast and catch-up follow
    QList<SessionId> detaching;
    // How far the merge of each upload got in this pass; applied once the
    // pass commits.
    struct MergeProgress
    {
        SessionId session = 0;
        qsizetype stagesDone = 0; // sealed stages merged to the end
        qsizetype offset = 0;     // oids of the next sealed stage merged
    };
    QList<MergeProgress> mergeProgress;
    QList<SessionId> uploadsClosed; // their open upload is removed by this pass

    // ---- shares ----
    QHash<QString, Audience> sharedBefore; // oid -> audience before this pass's shares
    struct ShareRequest
    {
        QString by;
        QStringList granted;
        QStringList revoked;
    };
    QHash<QString, ShareRequest> shareRequests; // oid -> what this pass's shares asked
    QList<ChangeFeed::AdminShare> adminShares;
    QStringList sharedOrder;
    // Objects whose parent was created in this pass (they waited for it,
    // PROTOCOL.md 9.6): access changes of their own, delivered after the
    // parent. sharedBefore and shareRequests hold them too.
    QStringList arrivalOrder;
    struct SharedReply
    {
        SessionId session = 0;
        QString oid;
        QString req; // from the admin interface: answered `done`
    };
    QList<SharedReply> sharedReplies;

    // The reconciliation history of an upload's merge (PROTOCOL.md 6); the
    // id and seq are filled in by the commit.
    void recordConflicts(const QString &oid, const engine::MergeOutcome &merged,
                         const QString &uploaderCuid, qint64 atMs)
    {
        for (const engine::PropertyConflict &conflict : merged.conflicts) {
            batch.conflicts.append(storage::ConflictRecord{
                0, 0, oid, conflict.property, conflict.winner, conflict.loser, uploaderCuid, atMs});
        }
    }
    void markDirty(const QString &oid)
    {
        if (!dirtySet.contains(oid)) {
            dirtySet.insert(oid);
            dirty.append(oid);
        }
    }
    Replies &repliesFor(SessionId id)
    {
        if (!replies.contains(id))
            replyOrder.append(id);
        return replies[id];
    }
    void fail(const storage::StorageError &error)
    {
        if (!failed)
            failure = error;
        failed = true;
    }
};

// The engine's view of a client dispatch. `creationAccess` is given when the
// dispatch creates the object: then its kind, parent and access count too.
inline engine::Dispatch engineDispatch(const protocol::ClientDispatch &incoming,
                                       const QString &cuid, const QString &author,
                                       std::optional<engine::Access> creationAccess)
{
    engine::Dispatch dispatch;
    dispatch.id = incoming.id;
    dispatch.cuid = cuid;
    dispatch.author = author;
    dispatch.oid = incoming.oid;
    dispatch.op = incoming.op;
    dispatch.props = incoming.props;
    if (creationAccess) {
        dispatch.kind = incoming.kind;
        dispatch.parent = incoming.parent;
        dispatch.access = incoming.access.value_or(*creationAccess);
    }
    return dispatch;
}

// Appends the names of `more` that `list` lacks.
inline void appendUnique(QStringList &list, const QStringList &more)
{
    for (const QString &name : more) {
        if (!list.contains(name))
            list.append(name);
    }
}

} // namespace seneschal::sync
