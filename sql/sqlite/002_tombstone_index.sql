-- Seneschal schema 2 for SQLite: the index that expiry uses to find old
-- tombstones holds tombstones only. Every write of a live object changes
-- updated_ms; with the full (deleted, updated_ms) index each write also
-- rewrote an index entry that nothing reads.
DROP INDEX IF EXISTS objects_deleted_updated;
CREATE INDEX IF NOT EXISTS objects_tombstones ON objects (updated_ms) WHERE deleted = 1;
