-- Seneschal schema 3 for SQLite: an upload may be acknowledged before it is
-- merged into the master copies (PROTOCOL.md 9.2 allows until uploadEnd).
-- While it is, its device has a row here: since_ms is when the server
-- received its first dispatch, so that a restart merges the upload from the
-- dispatch log.
CREATE TABLE IF NOT EXISTS open_uploads (
    cuid     TEXT    NOT NULL PRIMARY KEY,
    since_ms INTEGER NOT NULL
);
