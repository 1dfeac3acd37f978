#pragma once

#include "engine/objectstate.h"

#include <QByteArray>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>
#include <functional>
#include <optional>
#include <variant>

namespace seneschal::storage {

// Why a storage call failed. `connectionLost` tells the service to answer
// `unavailable` and to reconnect, rather than to treat the data as bad.
struct StorageError
{
    QString message;
    bool connectionLost = false;
};

// A value or the error that prevented it.
template<typename T> class Result
{
public:
    Result(T value)
        : m_data(std::move(value))
    {}
    Result(StorageError error)
        : m_data(std::move(error))
    {}
    bool ok() const noexcept { return m_data.index() == 0; }
    explicit operator bool() const noexcept { return ok(); }
    const T &value() const & { return std::get<0>(m_data); }
    T &&value() && { return std::get<0>(std::move(m_data)); }
    const StorageError &error() const { return std::get<1>(m_data); }

private:
    std::variant<T, StorageError> m_data;
};

struct Done
{
};
using Status = Result<Done>;

// One device: the user it belongs to and how far it has applied the change
// sequence (its cursor, from the client's `ack`).
struct ClientRecord
{
    QString cuid;
    QString uuid;
    qint64 firstSeenMs = 0;
    qint64 lastSeenMs = 0;
    qint64 cursor = 0;
    QStringList groups; // the user's groups at its last login (to notice changes)
};

// An upload acknowledged but not merged into the master copies yet
// (PROTOCOL.md 9.2 allows until uploadEnd): the device, and when the server
// received the first of its dispatches. Written in the same transaction as
// that dispatch and removed in the one that merges the upload, so that a
// restart finds in the log what it still has to merge.
struct OpenUpload
{
    QString cuid;
    qint64 sinceMs = 0;
    friend bool operator==(const OpenUpload &, const OpenUpload &) = default;
};

// One received dispatch, kept as it arrived (the dispatch log).
struct DispatchLogEntry
{
    QString cuid;
    QString id;
    QString oid;
    qint64 ts = 0; // as sent by the client (before any clamp)
    qint64 receivedMs = 0;
    QByteArray json; // the message as received
};

// One property conflict resolved during a rehydrate (PROTOCOL.md section 6).
struct ConflictRecord
{
    // Chosen by the sync service (the one writer of conflicts): one above
    // Storage::lastConflictId(), so that a committed conflict can be shown
    // live with the key the history query pages by. 0: the database numbers
    // it (for writers that do not show conflicts live).
    qint64 id = 0;
    qint64 seq = 0; // the seq the merge produced for the object
    QString oid;
    QString property;
    engine::Property winner;
    engine::Property loser;
    QString uploaderCuid;
    qint64 atMs = 0;
};

// One change of an object's access (share, or made public/private). The
// audiences before and after are opaque to storage (JSON written by the sync
// service); devices that were away learn from them what they gained or lost.
struct AccessChange
{
    qint64 seq = 0;
    QString oid;
    QByteArray before;
    QByteArray after;
    qint64 atMs = 0;
    // What was asked, for the admin interface's `access` topic: who changed
    // it (a uuid), the access it has afterwards (public, private, inherit)
    // and the principals granted and revoked.
    QString by;
    QString access;
    QStringList granted;
    QStringList revoked;
};

// An admin request that changed something (PROTOCOL.md section 10, `audit`).
struct AuditRecord
{
    qint64 id = 0; // assigned by storage (appendAudit)
    qint64 atMs = 0;
    QString by;      // the admin's uuid
    QString type;    // the request's type: disconnect, expire, share, user, group
    QByteArray args; // a compact JSON object of its arguments, passwords left out
};

// Which reconciliation history rows to read, newest first.
struct ConflictFilter
{
    QString oid;                  // empty: any
    QString cuid;                 // empty: any; else the winner's, the loser's or the uploader's
    std::optional<qint64> fromMs; // at_ms >= fromMs
    std::optional<qint64> toMs;   // at_ms <= toMs
    qint64 beforeId = 0;          // 0: from the newest; else ids below it
    int limit = 100;
};

// Which objects to list, by oid ascending.
struct ObjectFilter
{
    QString owner;    // empty: any
    QString kind;     // empty: any
    QString prefix;   // of the oid; empty: any
    QString afterOid; // empty: from the first
    int limit = 100;
};

// A dispatch as the log knows it: the device that sent it and its id.
struct DispatchRef
{
    QString cuid;
    QString id;
    friend bool operator==(const DispatchRef &, const DispatchRef &) = default;
    friend size_t qHash(const DispatchRef &ref, size_t seed = 0)
    {
        return qHashMulti(seed, ref.cuid, ref.id);
    }
};

// Where an object stands in the log: enough to page through changes without
// reading the properties of objects already in memory.
struct ObjectKey
{
    QString oid;
    qint64 seq = 0;
};

// An `inherit` object and the parent it names, which does not exist (yet).
struct ParentLink
{
    QString oid;
    QString parent;
};

// Everything one batch makes durable, in one transaction.
struct CommitBatch
{
    QList<DispatchLogEntry> log;
    QList<engine::ObjectState> objects; // full master copies to upsert
    QList<ConflictRecord> conflicts;
    QList<ClientRecord> clients; // to upsert
    QList<AccessChange> accessChanges;
    QList<OpenUpload> uploadsOpened;
    QStringList uploadsMerged; // cuids whose open upload this batch merges
    qint64 lastSeq = 0;        // the change sequence after this batch

    bool isEmpty() const
    {
        return log.isEmpty() && objects.isEmpty() && conflicts.isEmpty() && clients.isEmpty() &&
               accessChanges.isEmpty() && uploadsOpened.isEmpty() && uploadsMerged.isEmpty();
    }
};

struct UserRecord
{
    QString uuid;
    QString passwordHash; // scheme-prefixed, parameters included; empty: no local password
    bool disabled = false;
    int tokenVersion = 0; // bumped by password change or disable; old tokens stop working
    qint64 createdMs = 0;
};

struct ExpiryReport
{
    int clientsRemoved = 0;
    int logEntriesRemoved = 0;
    int tombstonesRemoved = 0;
    int conflictsRemoved = 0;
    qint64 purgedSeq = 0; // highest seq of any tombstone removed so far (the retention horizon)
};

// The one storage interface of the server. Every SQL statement lives in the
// backends behind it. An instance is used from one thread only (QtSql
// connections are per thread); open a second instance for another thread.
class Storage
{
public:
    virtual ~Storage() = default;

    virtual QString backendName() const = 0;
    // Connects (again, after a loss) and applies pending migrations.
    virtual Status open() = 0;
    virtual void close() = 0;
    virtual bool isOpen() const = 0;
    virtual Result<int> schemaVersion() = 0;

    // ---- sync data ----
    virtual Status commit(const CommitBatch &batch) = 0;
    virtual Result<qint64> lastSeq() = 0;
    virtual Result<std::optional<engine::ObjectState>> loadObject(const QString &oid) = 0;
    // The objects among `oids` that exist (tombstones included), in no
    // particular order; unknown oids are ignored. Pass each oid once: a
    // repeat in another chunk of the list comes back twice.
    virtual Result<QList<engine::ObjectState>> loadObjects(const QStringList &oids) = 0;
    // Up to `limit` objects with seq > `afterSeq`, in seq order; page by
    // passing the last seq seen.
    virtual Result<QList<engine::ObjectState>> objectsAfter(qint64 afterSeq, int limit) = 0;
    // The same page as objectsAfter, oid and seq only.
    virtual Result<QList<ObjectKey>> objectKeysAfter(qint64 afterSeq, int limit) = 0;
    virtual Result<qint64> countObjectsAfter(qint64 afterSeq) = 0;
    // The subset of `dispatches` already in the dispatch log, whichever
    // devices sent them: one query per pass, not one per device.
    virtual Result<QSet<DispatchRef>> knownDispatches(const QList<DispatchRef> &dispatches) = 0;
    // Uploads acknowledged and not merged yet (after a restart or an outage).
    virtual Result<QList<OpenUpload>> openUploads() = 0;
    // The device's logged dispatches received at or after `receivedFromMs`,
    // in the order received: what an open upload still has to merge.
    virtual Result<QList<DispatchLogEntry>> loggedSince(const QString &cuid,
                                                        qint64 receivedFromMs) = 0;
    // The ids of the device's logged dispatches, in no particular order;
    // nullopt when there are more than `limit`.
    virtual Result<std::optional<QStringList>> loggedIds(const QString &cuid, int limit) = 0;
    virtual Result<QList<ConflictRecord>> recentConflicts(int limit) = 0;
    // The reconciliation history rows `filter` selects, newest (highest id)
    // first, at most filter.limit; filters apply before the limit.
    virtual Result<QList<ConflictRecord>> conflictsPage(const ConflictFilter &filter) = 0;
    // The highest conflict id ever committed (0 when none).
    virtual Result<qint64> lastConflictId() = 0;
    // Objects (tombstones included) that `filter` selects, by oid, at most
    // filter.limit.
    virtual Result<QList<engine::ObjectState>> objectsPage(const ObjectFilter &filter) = 0;
    // The latest `limit` access changes, newest first.
    virtual Result<QList<AccessChange>> recentAccessChanges(int limit) = 0;

    // ---- the admin audit ----
    // Writes `record` (its id is ignored) and returns the id it got.
    virtual Result<qint64> appendAudit(const AuditRecord &record) = 0;
    // The latest `limit` audit records, newest first.
    virtual Result<QList<AuditRecord>> recentAudit(int limit) = 0;
    // Objects whose parent is one of `parents` (one level), in seq order per
    // chunk of parents.
    virtual Result<QList<engine::ObjectState>> childrenOf(const QStringList &parents) = 0;
    // Objects whose grants include `principal`.
    virtual Result<QList<engine::ObjectState>> objectsGrantedTo(const QString &principal) = 0;
    // The `inherit` objects whose parent does not exist (PROTOCOL.md 9.6).
    virtual Result<QList<ParentLink>> waitingForParent() = 0;
    // Access changes with seq > `afterSeq`, in seq order.
    virtual Result<QList<AccessChange>> accessChangesAfter(qint64 afterSeq) = 0;

    // ---- devices ----
    virtual Result<std::optional<ClientRecord>> client(const QString &cuid) = 0;
    virtual Result<QList<ClientRecord>> clients() = 0;
    virtual Status upsertClient(const ClientRecord &client) = 0;
    // Forgets one device (its association and cursor), as expiry does; its
    // logged dispatch ids stay while the log keeps them. An unknown cuid is
    // no error.
    virtual Status forgetClient(const QString &cuid) = 0;
    // Drops devices unseen since `horizonMs`, dispatch log entries received
    // before it, tombstones (deleted objects) last changed before it, access
    // changes made before it and reconciliation history recorded before it;
    // purgedSeq rises past what was dropped.
    virtual Result<ExpiryReport> expire(qint64 horizonMs) = 0;
    virtual Result<qint64> purgedSeq() = 0;

    // ---- local users and groups ----
    virtual Result<std::optional<UserRecord>> user(const QString &uuid) = 0;
    virtual Result<QList<UserRecord>> users() = 0;
    // The uuids of the disabled users, in one query however many users are
    // connected (the server checks its sessions against them every few
    // seconds).
    virtual Result<QStringList> disabledUsers() = 0;
    // A number that changes whenever a local group gains or loses a member
    // (or is removed), in this process or another (`seneschal-server
    // group`): the server polls it to apply group changes to connected
    // sessions. 0 before the first change.
    virtual Result<qint64> groupsVersion() = 0;
    // Every local group membership: uuid -> its groups, sorted.
    virtual Result<QHash<QString, QStringList>> memberships() = 0;
    virtual Status createUser(const UserRecord &user) = 0; // fails if it exists
    virtual Status setPasswordHash(const QString &uuid,
                                   const QString &hash) = 0;            // bumps tokenVersion
    virtual Status setDisabled(const QString &uuid, bool disabled) = 0; // bumps tokenVersion
    virtual Status createGroup(const QString &gid) = 0;
    virtual Status removeGroup(const QString &gid) = 0;
    virtual Status addGroupMember(const QString &gid, const QString &uuid) = 0;
    virtual Status removeGroupMember(const QString &gid, const QString &uuid) = 0;
    virtual Result<QStringList> groups() = 0;
    virtual Result<QStringList> groupMembers(const QString &gid) = 0;
    virtual Result<QStringList> groupsOf(const QString &uuid) = 0;
};

} // namespace seneschal::storage
