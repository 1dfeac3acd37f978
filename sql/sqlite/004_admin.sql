-- Seneschal schema 4 for SQLite: what the admin interface (PROTOCOL.md
-- section 10) reads. Applied in one transaction with its schema_version row,
-- so the ALTER TABLEs (which have no IF NOT EXISTS here) never run twice.

-- Who changed an object's access and what was asked, for the `access` topic:
-- the changer's uuid, the access afterwards (public, private, inherit) and
-- the principals granted and revoked (JSON arrays of strings).
ALTER TABLE access_changes ADD COLUMN by_uuid TEXT NOT NULL DEFAULT '';
ALTER TABLE access_changes ADD COLUMN access TEXT NOT NULL DEFAULT '';
ALTER TABLE access_changes ADD COLUMN granted TEXT NOT NULL DEFAULT '[]';
ALTER TABLE access_changes ADD COLUMN revoked TEXT NOT NULL DEFAULT '[]';

-- Expiry drops reconciliation history older than its horizon; the history
-- query filters by time.
CREATE INDEX IF NOT EXISTS conflicts_at ON conflicts (at_ms);

-- Conflict ids are chosen by the sync service (one above the highest ever
-- committed) so that a live `history` event carries the id the history query
-- pages by. The counter keeps ids from being reused once expiry has removed
-- the rows that held them; it starts at the highest id already written.
INSERT OR IGNORE INTO meta (meta_key, meta_value)
    SELECT 'last_conflict_id', COALESCE(MAX(id), 0) FROM conflicts;

-- Every admin request that changed something (the `audit` topic); args is a
-- compact JSON object of its arguments, passwords left out. Never expired.
CREATE TABLE IF NOT EXISTS audit (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    at_ms   INTEGER NOT NULL,
    by_uuid TEXT    NOT NULL,
    type    TEXT    NOT NULL,
    args    TEXT    NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_at ON audit (at_ms);
