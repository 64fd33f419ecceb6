-- apikey schema version 2: permissions, roles, users and the audit log.
-- Append-only: never edit a migration once released; add a new numbered file instead.

CREATE TABLE permissions (
    id          INTEGER PRIMARY KEY,
    -- resource:action, lowercase, e.g. bpjs:read
    name        TEXT    NOT NULL UNIQUE,
    description TEXT    NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL
);

CREATE TABLE roles (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL UNIQUE COLLATE NOCASE,
    description TEXT    NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL
);

-- What a role grants: an exact permission name, 'resource:*' or '*'.
CREATE TABLE role_grants (
    role_id INTEGER NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
    pattern TEXT    NOT NULL,
    PRIMARY KEY (role_id, pattern)
) WITHOUT ROWID;

CREATE TABLE client_roles (
    client_id INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    role_id   INTEGER NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
    PRIMARY KEY (client_id, role_id)
) WITHOUT ROWID;

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    email         TEXT    NOT NULL UNIQUE COLLATE NOCASE,
    name          TEXT    NOT NULL DEFAULT '',
    -- Argon2id PHC string; NULL until a password is set (the user cannot log in).
    password_hash TEXT,
    disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    last_login_at INTEGER
);

CREATE TABLE user_roles (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role_id INTEGER NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, role_id)
) WITHOUT ROWID;

-- Append-only, hash-chained: hash = SHA-256 of the JSON array
-- [seq, at, actor, action, target, details, prev_hash]; the first prev_hash is 64 zeros.
CREATE TABLE audit_events (
    seq       INTEGER PRIMARY KEY,
    at        INTEGER NOT NULL,
    actor     TEXT    NOT NULL,
    action    TEXT    NOT NULL,
    target    TEXT    NOT NULL,
    details   TEXT    NOT NULL DEFAULT '{}',
    prev_hash TEXT    NOT NULL,
    hash      TEXT    NOT NULL
);

CREATE INDEX audit_events_by_action ON audit_events (action);
