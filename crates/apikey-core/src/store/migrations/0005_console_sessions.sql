-- apikey schema version 5: sign-in sessions of the web console (`apikey serve --admin`).
-- Append-only: never edit a migration once released; add a new numbered file instead.
-- The session id lives only in the browser's cookie; the store keeps its SHA-256.
-- A session ends at logout, after 8 hours without a request, and when its user is
-- disabled, changes password or is removed.

CREATE TABLE console_sessions (
    id_sha256    TEXT    PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE INDEX console_sessions_user ON console_sessions (user_id);
