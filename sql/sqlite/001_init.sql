-- Seneschal schema 1 for SQLite. Applied in one transaction together with
-- its schema_version row, so a crash leaves either all of it or nothing.
-- TEXT compares with the BINARY collation (memcmp of UTF-8), which is the
-- bytewise order PROTOCOL.md asks for.

-- The master copy of every object; props is compact JSON
-- {"name":{"v":value,"t":ts,"c":cuid,"i":id},...}.
CREATE TABLE IF NOT EXISTS objects (
    oid         TEXT    NOT NULL PRIMARY KEY,
    kind        TEXT    NOT NULL,
    parent      TEXT    NOT NULL DEFAULT '',
    owner       TEXT    NOT NULL DEFAULT '',
    access      TEXT    NOT NULL,
    seq         INTEGER NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0,
    props       TEXT    NOT NULL,
    updated_ms  INTEGER NOT NULL,
    -- JSON array of principals ("user:<uuid>", "group:<gid>") granted access
    grants      TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS objects_seq ON objects (seq);
CREATE INDEX IF NOT EXISTS objects_parent ON objects (parent);
CREATE INDEX IF NOT EXISTS objects_deleted_updated ON objects (deleted, updated_ms);

-- Every dispatch as received; (cuid, id) makes duplicates detectable.
CREATE TABLE IF NOT EXISTS dispatch_log (
    cuid        TEXT    NOT NULL,
    id          TEXT    NOT NULL,
    oid         TEXT    NOT NULL,
    ts          INTEGER NOT NULL,
    received_ms INTEGER NOT NULL,
    raw_json    BLOB    NOT NULL,
    PRIMARY KEY (cuid, id)
);
CREATE INDEX IF NOT EXISTS dispatch_log_received ON dispatch_log (received_ms);

CREATE TABLE IF NOT EXISTS clients (
    cuid          TEXT    NOT NULL PRIMARY KEY,
    uuid          TEXT    NOT NULL,
    first_seen_ms INTEGER NOT NULL,
    last_seen_ms  INTEGER NOT NULL,
    cursor_seq    INTEGER NOT NULL DEFAULT 0,
    -- JSON array of the user's groups at the device's last login
    groups_seen   TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS clients_last_seen ON clients (last_seen_ms);
CREATE INDEX IF NOT EXISTS clients_uuid ON clients (uuid);

-- The reconciliation history (PROTOCOL.md section 6); values are JSON text.
CREATE TABLE IF NOT EXISTS conflicts (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    seq           INTEGER NOT NULL,
    oid           TEXT    NOT NULL,
    property_name TEXT    NOT NULL,
    winner_value  TEXT    NOT NULL,
    winner_ts     INTEGER NOT NULL,
    winner_cuid   TEXT    NOT NULL,
    winner_id     TEXT    NOT NULL,
    loser_value   TEXT    NOT NULL,
    loser_ts      INTEGER NOT NULL,
    loser_cuid    TEXT    NOT NULL,
    loser_id      TEXT    NOT NULL,
    uploader_cuid TEXT    NOT NULL,
    at_ms         INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS conflicts_oid ON conflicts (oid);

-- Every change of an object's access, with the audience before and after
-- (JSON), so a device that was away learns what it gained and lost.
CREATE TABLE IF NOT EXISTS access_changes (
    seq             INTEGER NOT NULL PRIMARY KEY,
    oid             TEXT    NOT NULL,
    before_audience TEXT    NOT NULL,
    after_audience  TEXT    NOT NULL,
    at_ms           INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS access_changes_at ON access_changes (at_ms);

CREATE TABLE IF NOT EXISTS users (
    uuid          TEXT    NOT NULL PRIMARY KEY,
    password_hash TEXT    NOT NULL DEFAULT '',
    disabled      INTEGER NOT NULL DEFAULT 0,
    token_version INTEGER NOT NULL DEFAULT 0,
    created_ms    INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS local_groups (
    gid TEXT NOT NULL PRIMARY KEY
);

CREATE TABLE IF NOT EXISTS group_members (
    gid  TEXT NOT NULL,
    uuid TEXT NOT NULL,
    PRIMARY KEY (gid, uuid)
);
CREATE INDEX IF NOT EXISTS group_members_uuid ON group_members (uuid);

-- Counters that must survive the rows they describe: last_seq is never
-- reused even when every object holding it has been purged.
CREATE TABLE IF NOT EXISTS meta (
    meta_key   TEXT    NOT NULL PRIMARY KEY,
    meta_value INTEGER NOT NULL
);
INSERT OR IGNORE INTO meta (meta_key, meta_value) VALUES ('last_seq', 0);
INSERT OR IGNORE INTO meta (meta_key, meta_value) VALUES ('purged_seq', 0);
