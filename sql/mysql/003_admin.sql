-- Seneschal schema 3 for MariaDB: what the admin interface (PROTOCOL.md
-- section 10) reads. DDL commits implicitly, so every statement is written
-- to be re-run safely after a stop half way: ADD COLUMN IF NOT EXISTS and
-- ADD INDEX IF NOT EXISTS (MariaDB 10.0.2+; MySQL has neither), CREATE
-- TABLE IF NOT EXISTS, INSERT IGNORE.

-- Who changed an object's access and what was asked, for the `access` topic:
-- the changer's uuid, the access afterwards (public, private, inherit) and
-- the principals granted and revoked (JSON arrays of strings). Defaults on
-- TEXT columns need MariaDB 10.2.1+.
ALTER TABLE access_changes
    ADD COLUMN IF NOT EXISTS by_uuid VARCHAR(255) NOT NULL DEFAULT '',
    ADD COLUMN IF NOT EXISTS access  VARCHAR(16)  NOT NULL DEFAULT '',
    ADD COLUMN IF NOT EXISTS granted LONGTEXT     NOT NULL DEFAULT '[]',
    ADD COLUMN IF NOT EXISTS revoked LONGTEXT     NOT NULL DEFAULT '[]';

-- Expiry drops reconciliation history older than its horizon; the history
-- query filters by time.
ALTER TABLE conflicts ADD INDEX IF NOT EXISTS conflicts_at (at_ms);

-- Conflict ids are chosen by the sync service (one above the highest ever
-- committed) so that a live `history` event carries the id the history query
-- pages by. The counter keeps ids from being reused once expiry has removed
-- the rows that held them; it starts at the highest id already written.
INSERT IGNORE INTO meta (meta_key, meta_value)
    SELECT 'last_conflict_id', COALESCE(MAX(id), 0) FROM conflicts;

-- Every admin request that changed something (the `audit` topic); args is a
-- compact JSON object of its arguments, passwords left out. Never expired.
CREATE TABLE IF NOT EXISTS audit (
    id      BIGINT       NOT NULL AUTO_INCREMENT,
    at_ms   BIGINT       NOT NULL,
    by_uuid VARCHAR(255) NOT NULL,
    type    VARCHAR(255) NOT NULL,
    args    LONGTEXT     NOT NULL,
    PRIMARY KEY (id),
    KEY audit_at (at_ms)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
