-- apikey schema version 3: public ids for clients, permissions, roles and users.
-- Append-only: never edit a migration once released; add a new numbered file instead.
-- A public id is 12 characters of [0-9a-z], random, stable, not secret, like a key's id.
-- Rows that exist when this runs get 12 lowercase hex characters (a subset).

ALTER TABLE clients ADD COLUMN public_id TEXT;
UPDATE clients SET public_id = lower(hex(randomblob(6)));
CREATE UNIQUE INDEX clients_by_public_id ON clients (public_id);

ALTER TABLE permissions ADD COLUMN public_id TEXT;
UPDATE permissions SET public_id = lower(hex(randomblob(6)));
CREATE UNIQUE INDEX permissions_by_public_id ON permissions (public_id);

ALTER TABLE roles ADD COLUMN public_id TEXT;
UPDATE roles SET public_id = lower(hex(randomblob(6)));
CREATE UNIQUE INDEX roles_by_public_id ON roles (public_id);

ALTER TABLE users ADD COLUMN public_id TEXT;
UPDATE users SET public_id = lower(hex(randomblob(6)));
CREATE UNIQUE INDEX users_by_public_id ON users (public_id);
