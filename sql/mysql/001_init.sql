-- Seneschal schema 1 for MariaDB/MySQL (InnoDB, utf8mb4).
-- DDL commits implicitly here, so this file cannot be rolled back: every
-- statement is written to be re-run safely (IF NOT EXISTS, INSERT IGNORE)
-- in case a previous attempt stopped half way. Indexes are declared inside
-- CREATE TABLE because MySQL has no CREATE INDEX IF NOT EXISTS.
-- utf8mb4_bin compares by code point, which is the bytewise order
-- PROTOCOL.md asks for oid, cuid and dispatch ids.

-- The master copy of every object; props is compact JSON
-- {"name":{"v":value,"t":ts,"c":cuid,"i":id},...}.
CREATE TABLE IF NOT EXISTS objects (
    oid         VARCHAR(255) NOT NULL,
    kind        VARCHAR(255) NOT NULL,
    parent      VARCHAR(255) NOT NULL DEFAULT '',
    owner       VARCHAR(255) NOT NULL DEFAULT '',
    access      VARCHAR(16)  NOT NULL,
    seq         BIGINT       NOT NULL,
    deleted     TINYINT      NOT NULL DEFAULT 0,
    props       LONGTEXT     NOT NULL,
    updated_ms  BIGINT       NOT NULL,
    -- JSON array of principals ("user:<uuid>", "group:<gid>") granted access
    grants      LONGTEXT     NOT NULL,
    PRIMARY KEY (oid),
    KEY objects_seq (seq),
    KEY objects_parent (parent),
    KEY objects_deleted_updated (deleted, updated_ms)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Every dispatch as received; (cuid, id) makes duplicates detectable.
CREATE TABLE IF NOT EXISTS dispatch_log (
    cuid        VARCHAR(255) NOT NULL,
    id          VARCHAR(255) NOT NULL,
    oid         VARCHAR(255) NOT NULL,
    ts          BIGINT       NOT NULL,
    received_ms BIGINT       NOT NULL,
    raw_json    LONGBLOB     NOT NULL,
    PRIMARY KEY (cuid, id),
    KEY dispatch_log_received (received_ms)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS clients (
    cuid          VARCHAR(255) NOT NULL,
    uuid          VARCHAR(255) NOT NULL,
    first_seen_ms BIGINT       NOT NULL,
    last_seen_ms  BIGINT       NOT NULL,
    cursor_seq    BIGINT       NOT NULL DEFAULT 0,
    -- JSON array of the user's groups at the device's last login
    groups_seen   TEXT         NOT NULL,
    PRIMARY KEY (cuid),
    KEY clients_last_seen (last_seen_ms),
    KEY clients_uuid (uuid)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The reconciliation history (PROTOCOL.md section 6); values are JSON text.
CREATE TABLE IF NOT EXISTS conflicts (
    id            BIGINT       NOT NULL AUTO_INCREMENT,
    seq           BIGINT       NOT NULL,
    oid           VARCHAR(255) NOT NULL,
    property_name VARCHAR(255) NOT NULL,
    winner_value  LONGTEXT     NOT NULL,
    winner_ts     BIGINT       NOT NULL,
    winner_cuid   VARCHAR(255) NOT NULL,
    winner_id     VARCHAR(255) NOT NULL,
    loser_value   LONGTEXT     NOT NULL,
    loser_ts      BIGINT       NOT NULL,
    loser_cuid    VARCHAR(255) NOT NULL,
    loser_id      VARCHAR(255) NOT NULL,
    uploader_cuid VARCHAR(255) NOT NULL,
    at_ms         BIGINT       NOT NULL,
    PRIMARY KEY (id),
    KEY conflicts_oid (oid)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Every change of an object's access, with the audience before and after
-- (JSON), so a device that was away learns what it gained and lost.
CREATE TABLE IF NOT EXISTS access_changes (
    seq             BIGINT       NOT NULL,
    oid             VARCHAR(255) NOT NULL,
    before_audience LONGTEXT     NOT NULL,
    after_audience  LONGTEXT     NOT NULL,
    at_ms           BIGINT       NOT NULL,
    PRIMARY KEY (seq),
    KEY access_changes_at (at_ms)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS users (
    uuid          VARCHAR(255)  NOT NULL,
    password_hash VARCHAR(1024) NOT NULL DEFAULT '',
    disabled      TINYINT       NOT NULL DEFAULT 0,
    token_version INT           NOT NULL DEFAULT 0,
    created_ms    BIGINT        NOT NULL,
    PRIMARY KEY (uuid)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS local_groups (
    gid VARCHAR(255) NOT NULL,
    PRIMARY KEY (gid)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS group_members (
    gid  VARCHAR(255) NOT NULL,
    uuid VARCHAR(255) NOT NULL,
    PRIMARY KEY (gid, uuid),
    KEY group_members_uuid (uuid)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Counters that must survive the rows they describe: last_seq is never
-- reused even when every object holding it has been purged.
CREATE TABLE IF NOT EXISTS meta (
    meta_key   VARCHAR(64) NOT NULL,
    meta_value BIGINT      NOT NULL,
    PRIMARY KEY (meta_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
INSERT IGNORE INTO meta (meta_key, meta_value) VALUES ('last_seq', 0), ('purged_seq', 0);
