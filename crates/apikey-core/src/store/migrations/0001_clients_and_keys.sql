-- apikey schema version 1: clients and their API keys.
-- Append-only: never edit a migration once released; add a new numbered file instead.
-- Times are whole Unix seconds, UTC.

CREATE TABLE clients (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL UNIQUE COLLATE NOCASE,
    description TEXT    NOT NULL DEFAULT '',
    disabled    INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);

CREATE TABLE api_keys (
    id             TEXT    PRIMARY KEY,
    client_id      INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    -- Lowercase hex SHA-256 of the whole key; the key itself is never stored.
    secret_sha256  TEXT    NOT NULL UNIQUE,
    prefix         TEXT    NOT NULL,
    hint           TEXT    NOT NULL,
    label          TEXT    NOT NULL DEFAULT '',
    created_at     INTEGER NOT NULL,
    expires_at     INTEGER,
    revoked_at     INTEGER,
    revoked_reason TEXT,
    disabled       INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    max_uses       INTEGER CHECK (max_uses IS NULL OR max_uses > 0),
    use_count      INTEGER NOT NULL DEFAULT 0,
    last_used_at   INTEGER,
    -- JSON array of CIDR strings; empty means any address.
    allowed_ips    TEXT    NOT NULL DEFAULT '[]',
    -- JSON object of string values, returned by a valid verify.
    metadata       TEXT    NOT NULL DEFAULT '{}',
    rotated_from   TEXT,
    imported       INTEGER NOT NULL DEFAULT 0 CHECK (imported IN (0, 1))
);

CREATE INDEX api_keys_by_client ON api_keys (client_id);
