#pragma once

#include "protocol/messages.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <optional>

namespace seneschal::client {

// The stamp of one property as the wire carries it: [ts, cuid].
using ReplicaStamp = QPair<qint64, QString>;

// One object as this device sees it. `_deleted` is not a member of `props`:
// it is `deleted`, and its stamp is in `stamps` once the object was ever
// deleted or restored.
struct ReplicaObject
{
    QString kind;
    QString parent;
    bool deleted = false;
    qint64 seq = 0; // the seq of the latest server dispatch applied; 0: local only
    QJsonObject props;
    QHash<QString, ReplicaStamp> stamps;

    friend bool operator==(const ReplicaObject &, const ReplicaObject &) = default;
};

// What applying one server dispatch found.
struct AppliedDispatch
{
    bool ok = false; // false: the message was not a readable dispatch
    QString oid;
    qint64 seq = 0;
    qint64 largestTs = 0; // the largest ts among its stamps, for the hybrid clock
};

// The device's copy of every object it can see, in two layers: what the
// server confirmed (its dispatches and this device's acknowledged writes)
// and, on top, this device's own writes that are still in flight. The view
// merges them per property by stamp, so an optimistic write shows at once,
// a rejected one disappears again and a server correction wins as soon as
// its stamp is at least as great.
class Replica
{
public:
    // Orders stamps by ts, then cuid bytewise (PROTOCOL.md section 6; the
    // wire carries no dispatch id).
    static int compareStamps(const ReplicaStamp &a, const ReplicaStamp &b) noexcept;

    // ---- the server's messages
    // Merges a server `dispatch` per property: the server's stamp replaces
    // the confirmed one when it is greater or equal.
    AppliedDispatch applyServerDispatch(const QJsonObject &message);
    // `revoke`: the object is gone from this device (pending writes to it
    // stay until the server answers them).
    void revoke(const QString &oid);
    // `reset`: drops everything the server confirmed; pending writes stay.
    void reset();

    // ---- this device's writes
    // Shows a local dispatch at once, stamped [ts, cuid].
    void applyLocal(const protocol::ClientDispatch &dispatch, const QString &cuid);
    // The server acknowledged it: it joins the confirmed layer. `clampedTs`
    // is the server's estimated clock when the ack said its ts was clamped.
    void confirmLocal(const QString &id, std::optional<qint64> clampedTs = std::nullopt);
    // The server rejected it: it disappears from the view.
    void dropLocal(const QString &id);
    bool isPending(const QString &id) const { return m_pendingOid.contains(id); }
    qsizetype pendingCount() const noexcept { return m_pendingOid.size(); }

    // Everything, pending writes included.
    void clear();

    // ---- the view
    const QHash<QString, ReplicaObject> &objects() const noexcept { return m_view; }
    // The objects that are not deleted.
    QHash<QString, ReplicaObject> visibleObjects() const;
    bool contains(const QString &oid) const { return m_view.contains(oid); }
    std::optional<ReplicaObject> object(const QString &oid) const;
    qsizetype size() const noexcept { return m_view.size(); }

private:
    struct Pending
    {
        QString id;
        ReplicaStamp stamp;
        protocol::ClientDispatch dispatch;
    };

    void rebuild(const QString &oid);
    QString takePendingOid(const QString &id);

    QHash<QString, ReplicaObject> m_confirmed;
    QHash<QString, QList<Pending>> m_pending;  // by oid, in dispatch order
    QMultiHash<QString, QString> m_pendingOid; // dispatch id -> oid (an id may be reused)
    QHash<QString, ReplicaObject> m_view;
};

} // namespace seneschal::client
