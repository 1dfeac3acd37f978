#include "sqlitestorage.h"

#include "storage/storagelog.h"
#include "walcheckpointer.h"

#include <QSqlError>

using namespace Qt::StringLiterals;

namespace seneschal::storage {

namespace {

constexpr int kCheckpointIntervalMs = 50;

SqlStatements sqliteStatements()
{
    SqlStatements s;
    // IMMEDIATE takes the write lock up front (waiting up to the busy
    // timeout). A deferred transaction that reads first and writes later
    // fails at once with SQLITE_BUSY when the other connection committed in
    // between, and the busy timeout cannot help it.
    s.begin = u"BEGIN IMMEDIATE"_s;
    s.commit = u"COMMIT"_s;
    s.rollback = u"ROLLBACK"_s;

    s.createSchemaVersion = u"CREATE TABLE IF NOT EXISTS schema_version ("
                            "version INTEGER NOT NULL PRIMARY KEY, applied_ms INTEGER NOT NULL)"_s;
    s.selectSchemaVersion = u"SELECT COALESCE(MAX(version), 0) FROM schema_version"_s;
    s.insertSchemaVersion = u"INSERT INTO schema_version (version, applied_ms) VALUES (?, ?) "
                            "ON CONFLICT (version) DO NOTHING"_s;

    s.upsertObjects = {
        u"INSERT INTO objects (oid, kind, parent, owner, access, seq, deleted, props, updated_ms, "
        "grants) VALUES "_s,
        u"(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
        // kind, parent and owner are fixed at creation (PROTOCOL.md 9.6): left
        // out of the update so the parent index is not rewritten per write.
        u" ON CONFLICT (oid) DO UPDATE SET access = excluded.access, seq = excluded.seq, "
        "deleted = excluded.deleted, props = excluded.props, updated_ms = excluded.updated_ms, "
        "grants = excluded.grants"_s};
    s.insertLog = {u"INSERT INTO dispatch_log (cuid, id, oid, ts, received_ms, raw_json) VALUES "_s,
                   u"(?, ?, ?, ?, ?, ?)"_s, u" ON CONFLICT (cuid, id) DO NOTHING"_s};
    // The same batch committed again (after a connection lost during COMMIT)
    // must not fail on the ids it wrote the first time, nor write them twice.
    s.insertConflicts = {
        u"INSERT INTO conflicts (id, seq, oid, property_name, winner_value, winner_ts, "
        "winner_cuid, winner_id, loser_value, loser_ts, loser_cuid, loser_id, uploader_cuid, "
        "at_ms) VALUES "_s,
        u"(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s, u" ON CONFLICT (id) DO NOTHING"_s};
    s.upsertClients = {
        u"INSERT INTO clients (cuid, uuid, first_seen_ms, last_seen_ms, cursor_seq, groups_seen) "
        "VALUES "_s,
        u"(?, ?, ?, ?, ?, ?)"_s,
        u" ON CONFLICT (cuid) DO UPDATE SET uuid = excluded.uuid, "
        "last_seen_ms = excluded.last_seen_ms, cursor_seq = excluded.cursor_seq, "
        "groups_seen = excluded.groups_seen"_s};
    s.insertAccessChanges = {u"INSERT INTO access_changes (seq, oid, before_audience, "
                             "after_audience, at_ms, by_uuid, access, granted, revoked) VALUES "_s,
                             u"(?, ?, ?, ?, ?, ?, ?, ?, ?)"_s, QString()};
    s.insertOpenUpload =
        u"INSERT INTO open_uploads (cuid, since_ms) VALUES (?, ?) "
        "ON CONFLICT (cuid) DO UPDATE SET since_ms = MIN(since_ms, excluded.since_ms)"_s;
    s.deleteOpenUpload = u"DELETE FROM open_uploads WHERE cuid = ?"_s;
    s.selectOpenUploads = u"SELECT cuid, since_ms FROM open_uploads ORDER BY cuid"_s;
    s.raiseLastSeq =
        u"UPDATE meta SET meta_value = MAX(meta_value, ?) WHERE meta_key = 'last_seq'"_s;
    s.selectLastSeq = u"SELECT MAX(meta_value, COALESCE((SELECT MAX(seq) FROM objects), 0)) "
                      "FROM meta WHERE meta_key = 'last_seq'"_s;
    s.raiseLastConflictId = u"UPDATE meta SET meta_value = MAX(meta_value, ?) "
                            "WHERE meta_key = 'last_conflict_id'"_s;
    s.selectLastConflictId =
        u"SELECT MAX(meta_value, COALESCE((SELECT MAX(id) FROM conflicts), 0)) "
        "FROM meta WHERE meta_key = 'last_conflict_id'"_s;

    s.selectObject =
        u"SELECT oid, kind, parent, owner, access, seq, props, grants FROM objects WHERE oid = ?"_s;
    s.selectObjectsIn = {
        u"SELECT oid, kind, parent, owner, access, seq, props, grants FROM objects "
        "WHERE oid IN ("_s,
        u"?"_s, u")"_s};
    s.selectObjectsAfter =
        u"SELECT oid, kind, parent, owner, access, seq, props, grants FROM objects "
        "WHERE seq > ? ORDER BY seq, oid LIMIT ?"_s;
    s.selectObjectKeysAfter =
        u"SELECT oid, seq FROM objects WHERE seq > ? ORDER BY seq, oid LIMIT ?"_s;
    s.selectChildren = {u"SELECT oid, kind, parent, owner, access, seq, props, grants FROM objects "
                        "WHERE parent IN ("_s,
                        u"?"_s, u") ORDER BY seq"_s};
    s.selectGrantedTo = u"SELECT oid, kind, parent, owner, access, seq, props, grants FROM objects "
                        "WHERE instr(grants, ?) > 0 ORDER BY seq"_s;
    s.selectAccessChangesAfter =
        u"SELECT seq, oid, before_audience, after_audience, at_ms, by_uuid, access, granted, "
        "revoked FROM access_changes WHERE seq > ? ORDER BY seq"_s;
    s.selectRecentAccessChanges =
        u"SELECT seq, oid, before_audience, after_audience, at_ms, by_uuid, access, granted, "
        "revoked FROM access_changes ORDER BY seq DESC LIMIT ?"_s;
    s.insertAudit = u"INSERT INTO audit (at_ms, by_uuid, type, args) VALUES (?, ?, ?, ?)"_s;
    s.selectRecentAudit =
        u"SELECT id, at_ms, by_uuid, type, args FROM audit ORDER BY id DESC LIMIT ?"_s;
    s.countObjectsAfter = u"SELECT COUNT(*) FROM objects WHERE seq > ?"_s;
    // A join rather than `(cuid, id) IN (...)`, which SQLite 3.40 answers
    // with a scan of the whole log instead of one index search per pair.
    s.selectKnownDispatches = {u"SELECT d.cuid, d.id FROM (VALUES "_s, u"(?, ?)"_s,
                               u") AS k CROSS JOIN dispatch_log AS d "
                               "ON d.cuid = k.column1 AND d.id = k.column2"_s};
    s.selectLoggedSince = u"SELECT cuid, id, oid, ts, received_ms, raw_json FROM dispatch_log "
                          "WHERE cuid = ? AND received_ms >= ? ORDER BY received_ms, id"_s;
    s.selectLoggedIds = u"SELECT id FROM dispatch_log WHERE cuid = ? LIMIT ?"_s;
    s.selectRecentConflicts =
        u"SELECT id, seq, oid, property_name, winner_value, winner_ts, winner_cuid, winner_id, "
        "loser_value, loser_ts, loser_cuid, loser_id, uploader_cuid, at_ms "
        "FROM conflicts ORDER BY id DESC LIMIT ?"_s;
    s.selectConflictsPage = {
        u"SELECT id, seq, oid, property_name, winner_value, winner_ts, winner_cuid, winner_id, "
        "loser_value, loser_ts, loser_cuid, loser_id, uploader_cuid, at_ms FROM conflicts"_s,
        {u"oid = ?"_s, u"(winner_cuid = ? OR loser_cuid = ? OR uploader_cuid = ?)"_s,
         u"at_ms >= ?"_s, u"at_ms <= ?"_s, u"id < ?"_s},
        u" ORDER BY id DESC LIMIT ?"_s};
    // The prefix as a range of the primary key rather than LIKE, whose
    // wildcards would need escaping and whose index use depends on the
    // collation.
    s.selectObjectsPage = {
        u"SELECT oid, kind, parent, owner, access, seq, props, grants FROM objects"_s,
        {u"owner = ?"_s, u"kind = ?"_s, u"oid >= ?"_s, u"oid < ?"_s, u"oid > ?"_s},
        u" ORDER BY oid LIMIT ?"_s};

    s.selectClient = u"SELECT cuid, uuid, first_seen_ms, last_seen_ms, cursor_seq, groups_seen "
                     "FROM clients "
                     "WHERE cuid = ?"_s;
    s.selectClients = u"SELECT cuid, uuid, first_seen_ms, last_seen_ms, cursor_seq, groups_seen "
                      "FROM clients "
                      "ORDER BY cuid"_s;
    s.deleteClient = u"DELETE FROM clients WHERE cuid = ?"_s;

    s.selectExpiredTombstoneMaxSeq =
        u"SELECT COALESCE(MAX(seq), 0) FROM objects WHERE deleted = 1 AND updated_ms < ?"_s;
    s.deleteExpiredTombstones =
        u"DELETE FROM objects WHERE deleted = 1 AND updated_ms < ? AND seq <= ?"_s;
    s.deleteExpiredClients = u"DELETE FROM clients WHERE last_seen_ms < ?"_s;
    s.deleteExpiredLog = u"DELETE FROM dispatch_log WHERE received_ms < ?"_s;
    s.selectExpiredAccessChangeMaxSeq =
        u"SELECT COALESCE(MAX(seq), 0) FROM access_changes WHERE at_ms < ?"_s;
    s.deleteExpiredAccessChanges = u"DELETE FROM access_changes WHERE at_ms < ?"_s;
    s.deleteExpiredConflicts = u"DELETE FROM conflicts WHERE at_ms < ?"_s;
    s.raisePurgedSeq =
        u"UPDATE meta SET meta_value = MAX(meta_value, ?) WHERE meta_key = 'purged_seq'"_s;
    s.selectPurgedSeq = u"SELECT meta_value FROM meta WHERE meta_key = 'purged_seq'"_s;

    s.selectUser = u"SELECT uuid, password_hash, disabled, token_version, created_ms FROM users "
                   "WHERE uuid = ?"_s;
    s.selectUsers = u"SELECT uuid, password_hash, disabled, token_version, created_ms FROM users "
                    "ORDER BY uuid"_s;
    s.selectDisabledUsers = u"SELECT uuid FROM users WHERE disabled <> 0"_s;
    s.insertUser = u"INSERT INTO users (uuid, password_hash, disabled, token_version, created_ms) "
                   "VALUES (?, ?, ?, ?, ?)"_s;
    s.updatePasswordHash = u"UPDATE users SET password_hash = ?, token_version = token_version + 1 "
                           "WHERE uuid = ?"_s;
    s.updateDisabled = u"UPDATE users SET disabled = ?, token_version = token_version + 1 "
                       "WHERE uuid = ?"_s;

    s.selectGroup = u"SELECT gid FROM local_groups WHERE gid = ?"_s;
    s.insertGroup = u"INSERT INTO local_groups (gid) VALUES (?)"_s;
    s.deleteGroup = u"DELETE FROM local_groups WHERE gid = ?"_s;
    s.deleteMembersOfGroup = u"DELETE FROM group_members WHERE gid = ?"_s;
    s.insertGroupMember =
        u"INSERT INTO group_members (gid, uuid) VALUES (?, ?) ON CONFLICT (gid, uuid) DO NOTHING"_s;
    s.deleteGroupMember = u"DELETE FROM group_members WHERE gid = ? AND uuid = ?"_s;
    s.selectGroups = u"SELECT gid FROM local_groups ORDER BY gid"_s;
    s.selectGroupMembers = u"SELECT uuid FROM group_members WHERE gid = ? ORDER BY uuid"_s;
    s.selectGroupsOf = u"SELECT gid FROM group_members WHERE uuid = ? ORDER BY gid"_s;
    s.selectMemberships = u"SELECT uuid, gid FROM group_members ORDER BY uuid, gid"_s;
    s.selectGroupsVersion = u"SELECT meta_value FROM meta WHERE meta_key = 'groups_version'"_s;
    s.selectWaitingForParent =
        u"SELECT c.oid, c.parent FROM objects c LEFT JOIN objects p ON p.oid = c.parent "
        "WHERE c.access = 'inherit' AND c.parent <> '' AND p.oid IS NULL"_s;
    s.bumpGroupsVersion = u"INSERT INTO meta (meta_key, meta_value) VALUES ('groups_version', 1) "
                          "ON CONFLICT (meta_key) DO UPDATE SET meta_value = meta_value + 1"_s;
    return s;
}

} // namespace

SqliteStorage::SqliteStorage(const DatabaseConfig &config, const QString &connectionName,
                             Clock clock)
    : SqlStorage(config, connectionName, std::move(clock), sqliteStatements())
{}

SqliteStorage::~SqliteStorage() = default;

void SqliteStorage::close()
{
    m_checkpointer.reset();
    SqlStorage::close();
}

QString SqliteStorage::backendName() const
{
    return u"sqlite"_s;
}

QString SqliteStorage::driverName() const
{
    return u"QSQLITE"_s;
}

void SqliteStorage::configure(QSqlDatabase &db) const
{
    db.setDatabaseName(config().path);
    db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT="_s + QString::number(config().busyTimeoutMs));
}

SqlStorage::Failure SqliteStorage::setUpSession()
{
    QVariant mode;
    if (Failure failure = executeDirect(u"PRAGMA journal_mode = WAL"_s, &mode))
        return failure;
    // An in-memory database answers "memory"; anything else means readers
    // and the writer would block each other.
    if (mode.toString().compare(u"wal"_s, Qt::CaseInsensitive) != 0)
        qCWarning(lcStorage).noquote() << "sqlite: journal mode is" << mode.toString()
                                       << "instead of wal for" << config().path;
    // FULL: the server acknowledges a dispatch after commit() returns, so the
    // commit must survive a power loss, which NORMAL does not promise in WAL.
    if (Failure failure = executeDirect(u"PRAGMA synchronous = FULL"_s))
        return failure;
    m_checkpointer.reset();
    if (config().backgroundCheckpoints &&
        mode.toString().compare(u"wal"_s, Qt::CaseInsensitive) == 0) {
        m_checkpointer = std::make_unique<WalCheckpointer>(config().path, kCheckpointIntervalMs);
        // This connection still checkpoints if the log grows far beyond
        // SQLite's default of 1,000 pages: the background one fell behind.
        if (!m_checkpointer->isRunning())
            m_checkpointer.reset();
        else if (Failure failure = executeDirect(u"PRAGMA wal_autocheckpoint = 16000"_s))
            return failure;
    }
    return std::nullopt;
}

QString SqliteStorage::migrationDirectory() const
{
    return u":/seneschal/sql/sqlite"_s;
}

bool SqliteStorage::transactionalDdl() const
{
    return true;
}

bool SqliteStorage::isConnectionLost(const QSqlError &) const
{
    // A file has no server to lose; a closed connection is caught by the
    // caller before this is asked.
    return false;
}

} // namespace seneschal::storage
