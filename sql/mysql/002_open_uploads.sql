-- Seneschal schema 2 for MariaDB/MySQL: an upload may be acknowledged before
-- it is merged into the master copies (PROTOCOL.md 9.2 allows until
-- uploadEnd). While it is, its device has a row here: since_ms is when the
-- server received its first dispatch, so that a restart merges the upload
-- from the dispatch log.
CREATE TABLE IF NOT EXISTS open_uploads (
    cuid     VARCHAR(255) NOT NULL,
    since_ms BIGINT       NOT NULL,
    PRIMARY KEY (cuid)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
