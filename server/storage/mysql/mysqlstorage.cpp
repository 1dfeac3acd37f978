#include "mysqlstorage.h"

#include <QSqlError>

using namespace Qt::StringLiterals;

namespace seneschal::storage {

namespace {

SqlStatements mysqlStatements()
{
    SqlStatements s;
    s.begin = u"START TRANSACTION"_s;
    s.commit = u"COMMIT"_s;
    s.rollback = u"ROLLBACK"_s;

    s.createSchemaVersion =
        u"CREATE TABLE IF NOT EXISTS schema_version (version INT NOT NULL PRIMARY KEY, "
        "applied_ms BIGINT NOT NULL) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin"_s;
    s.selectSchemaVersion = u"SELECT COALESCE(MAX(version), 0) FROM schema_version"_s;
    // Two connections may finish the same migration at once (DDL is not
    // transactional here); the second must not fail.
    s.insertSchemaVersion = u"INSERT INTO schema_version (version, applied_ms) VALUES (?, ?) "
                            "ON DUPLICATE KEY UPDATE version = version"_s;

    // VALUES(col) rather than MySQL 8's row alias: MariaDB has no row alias.
    s.upsertObjects = {
        u"INSERT INTO objects (oid, kind, parent, owner, access, seq, deleted, props, updated_ms, "
        "grants) VALUES "_s,
        u"(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
        // kind, parent and owner are fixed at creation (PROTOCOL.md 9.6), as in
        // the SQLite statement.
        u" ON DUPLICATE KEY UPDATE access = VALUES(access), seq = VALUES(seq), "
        "deleted = VALUES(deleted), props = VALUES(props), updated_ms = VALUES(updated_ms), "
        "grants = VALUES(grants)"_s};
    // Not INSERT IGNORE: that would also turn a too-long id into a silently
    // truncated one; only the duplicate key is meant to be ignored.
    s.insertLog = {u"INSERT INTO dispatch_log (cuid, id, oid, ts, received_ms, raw_json) VALUES "_s,
                   u"(?, ?, ?, ?, ?, ?)"_s, u" ON DUPLICATE KEY UPDATE cuid = cuid"_s};
    // The same batch committed again (after a connection lost during COMMIT)
    // must not fail on the ids it wrote the first time, nor write them twice.
    s.insertConflicts = {
        u"INSERT INTO conflicts (id, seq, oid, property_name, winner_value, winner_ts, "
        "winner_cuid, winner_id, loser_value, loser_ts, loser_cuid, loser_id, uploader_cuid, "
        "at_ms) VALUES "_s,
        u"(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s, u" ON DUPLICATE KEY UPDATE id = id"_s};
    s.upsertClients = {
        u"INSERT INTO clients (cuid, uuid, first_seen_ms, last_seen_ms, cursor_seq, groups_seen) "
        "VALUES "_s,
        u"(?, ?, ?, ?, ?, ?)"_s,
        u" ON DUPLICATE KEY UPDATE uuid = VALUES(uuid), last_seen_ms = VALUES(last_seen_ms), "
        "cursor_seq = VALUES(cursor_seq), groups_seen = VALUES(groups_seen)"_s};
    s.insertAccessChanges = {u"INSERT INTO access_changes (seq, oid, before_audience, "
                             "after_audience, at_ms, by_uuid, access, granted, revoked) VALUES "_s,
                             u"(?, ?, ?, ?, ?, ?, ?, ?, ?)"_s, QString()};
    s.insertOpenUpload = u"INSERT INTO open_uploads (cuid, since_ms) VALUES (?, ?) "
                         "ON DUPLICATE KEY UPDATE since_ms = LEAST(since_ms, VALUES(since_ms))"_s;
    s.deleteOpenUpload = u"DELETE FROM open_uploads WHERE cuid = ?"_s;
    s.selectOpenUploads = u"SELECT cuid, since_ms FROM open_uploads ORDER BY cuid"_s;
    s.raiseLastSeq =
        u"UPDATE meta SET meta_value = GREATEST(meta_value, ?) WHERE meta_key = 'last_seq'"_s;
    s.selectLastSeq = u"SELECT GREATEST(meta_value, COALESCE((SELECT MAX(seq) FROM objects), 0)) "
                      "FROM meta WHERE meta_key = 'last_seq'"_s;
    s.raiseLastConflictId = u"UPDATE meta SET meta_value = GREATEST(meta_value, ?) "
                            "WHERE meta_key = 'last_conflict_id'"_s;
    s.selectLastConflictId =
        u"SELECT GREATEST(meta_value, COALESCE((SELECT MAX(id) FROM conflicts), 0)) "
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
                        "WHERE LOCATE(?, grants) > 0 ORDER BY seq"_s;
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
    s.selectKnownDispatches = {u"SELECT cuid, id FROM dispatch_log WHERE (cuid, id) IN ("_s,
                               u"(?, ?)"_s, u")"_s};
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
        u"UPDATE meta SET meta_value = GREATEST(meta_value, ?) WHERE meta_key = 'purged_seq'"_s;
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
    s.insertGroupMember = u"INSERT INTO group_members (gid, uuid) VALUES (?, ?) "
                          "ON DUPLICATE KEY UPDATE gid = gid"_s;
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
                          "ON DUPLICATE KEY UPDATE meta_value = meta_value + 1"_s;
    return s;
}

} // namespace

MysqlStorage::MysqlStorage(const DatabaseConfig &config, const QString &connectionName, Clock clock)
    : SqlStorage(config, connectionName, std::move(clock), mysqlStatements())
{}

QString MysqlStorage::backendName() const
{
    return u"mysql"_s;
}

QString MysqlStorage::driverName() const
{
    return u"QMYSQL"_s;
}

void MysqlStorage::configure(QSqlDatabase &db) const
{
    db.setHostName(config().host);
    db.setPort(config().port);
    db.setDatabaseName(config().name);
    db.setUserName(config().user);
    db.setPassword(config().password);
    // No MYSQL_OPT_RECONNECT: a silent reconnect in the middle of a
    // transaction would commit its second half alone. The service reopens
    // after connectionLost instead. The timeouts make a stopped or hung
    // server fail a call instead of blocking the sync thread.
    const QString connect = QString::number(qMax(1, config().connectTimeoutS));
    const QString io = QString::number(qMax(1, config().ioTimeoutS));
    db.setConnectOptions(u"MYSQL_OPT_CONNECT_TIMEOUT="_s + connect + u";MYSQL_OPT_READ_TIMEOUT="_s +
                         io + u";MYSQL_OPT_WRITE_TIMEOUT="_s + io);
}

SqlStorage::Failure MysqlStorage::setUpSession()
{
    // Strict mode whatever the server's default: a too-long id must fail the
    // statement, never be truncated into another object's id.
    return executeDirect(u"SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_DATE,"
                         "NO_ENGINE_SUBSTITUTION,ERROR_FOR_DIVISION_BY_ZERO'"_s);
}

QString MysqlStorage::migrationDirectory() const
{
    return u":/seneschal/sql/mysql"_s;
}

bool MysqlStorage::transactionalDdl() const
{
    return false;
}

bool MysqlStorage::isConnectionLost(const QSqlError &error) const
{
    if (error.type() == QSqlError::ConnectionError)
        return true;
    switch (error.nativeErrorCode().toInt()) {
    case 1053: // ER_SERVER_SHUTDOWN: shutdown in progress
    case 1927: // ER_CONNECTION_KILLED (MariaDB)
    case 2002: // CR_CONNECTION_ERROR: cannot connect through the socket
    case 2003: // CR_CONN_HOST_ERROR: cannot connect to the host
    case 2006: // CR_SERVER_GONE_ERROR: server has gone away
    case 2013: // CR_SERVER_LOST: lost connection during a query
    case 2055: // CR_SERVER_LOST_EXTENDED
    case 4031: // ER_CLIENT_INTERACTION_TIMEOUT (MySQL 8)
        return true;
    default:
        return false;
    }
}

} // namespace seneschal::storage
