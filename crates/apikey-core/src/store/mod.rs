//! The SQLite store: opening, pragmas, schema migrations and transactions.
//!
//! Every SQL statement of the program lives in this module and its children; commands
//! call methods on [`Tx`]. The schema is documented in `docs/schema.md`.

mod access;
mod audit;
mod backup;
mod clients;
mod keys;
#[cfg(unix)]
mod ownership;
mod server;
mod sessions;
mod users;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use jiff::Timestamp;
use rusqlite::config::DbConfig;
use rusqlite::{Connection, OpenFlags, TransactionBehavior};

use crate::error::{Error, Result};

pub use audit::{AuditFilter, ChainBreak, GENESIS_HASH};
pub use backup::check_backup;
pub use keys::{KeyFilter, NewKeyRow, VerifyRow};
pub use sessions::SessionRow;

/// Embedded migrations, applied in order; the store's `PRAGMA user_version` is the number
/// applied. Append-only: a released file is never edited.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_clients_and_keys.sql"),
    include_str!("migrations/0002_access_control.sql"),
    include_str!("migrations/0003_public_ids.sql"),
    include_str!("migrations/0004_rate_limits.sql"),
    include_str!("migrations/0005_console_sessions.sql"),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// How long a command waits for another process's write lock before failing.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Whether opening may create the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Create the file (and its parent directories) if missing: commands that write.
    Create,
    /// The store must exist: commands that read and change existing entities.
    Existing,
    /// The store must exist and is opened `SQLITE_OPEN_READ_ONLY`: no migration, no switch
    /// to WAL, no write. Works on a backup, on read-only media, and for a server that
    /// runs as another user with read access only. A store at an older schema is refused
    /// (any write command upgrades it).
    ReadOnly,
}

/// Where a store is, and how to open it: a `Send + Sync` handle from which each thread
/// (a server's blocking workers) opens its own [`Store`] connection.
#[derive(Debug, Clone)]
pub struct StorePath {
    path: PathBuf,
}

impl StorePath {
    /// The store at `path` (nothing is opened yet).
    pub fn new(path: impl Into<PathBuf>) -> StorePath {
        StorePath { path: path.into() }
    }

    /// The file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Opens a new connection; see [`Store::open`].
    ///
    /// # Errors
    /// As [`Store::open`].
    pub fn open(&self, access: Access) -> Result<Store> {
        Store::open(&self.path, access)
    }
}

/// An open store.
pub struct Store {
    conn: Connection,
    actor: String,
    /// Set while a new store lives in a private temporary file, until its first commit.
    pending: Option<Pending>,
}

/// A new store not yet visible at its path: it is built (migrated, then changed by the
/// command) in a temporary file beside it that no other process knows, and its first
/// commit moves it into place. A command that fails before committing leaves nothing
/// behind, and no file another process may have written is ever removed.
struct Pending {
    temp: PathBuf,
    target: PathBuf,
}

impl Drop for Store {
    fn drop(&mut self) {
        if let Some(pending) = self.pending.take() {
            // Never committed: the private file goes, closed first.
            if let Ok(memory) = Connection::open_in_memory() {
                drop(std::mem::replace(&mut self.conn, memory));
            }
            remove_with_side_files(&pending.temp);
        }
    }
}

/// Removes `path` and its `-wal`, `-shm` and `-journal` files; for private files only.
fn remove_with_side_files(path: &Path) {
    let _ = fs::remove_file(path);
    for suffix in crate::files::SIDE_SUFFIXES {
        let _ = fs::remove_file(crate::files::with_suffix(path, suffix));
    }
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.conn.path())
            .finish()
    }
}

impl Store {
    /// Opens the store at `path`, creating it (mode 0600, parents included) when `access`
    /// is [`Access::Create`], and migrates it to [`SCHEMA_VERSION`].
    ///
    /// A store created here appears at `path` only with its first commit (it is built in
    /// a private file beside it until then): dropped without a commit, it leaves nothing.
    /// If another process created the store meanwhile, that commit fails with
    /// [`Error::StoreCreatedMeanwhile`] and changes nothing.
    ///
    /// # Errors
    /// - [`Error::Invalid`] if `path` is a directory;
    /// - [`Error::NoStore`] if it is missing and `access` is [`Access::Existing`];
    /// - [`Error::UnusableStore`] if it is not an apikey store, is from a newer version (left
    ///   untouched), or cannot be read or created;
    /// - [`Error::UnsafeStore`] (Unix) if it or its `-wal`, `-shm` or `-journal` file is
    ///   writable by group or others, or is owned by another user and `access` is not
    ///   [`Access::ReadOnly`].
    pub fn open(path: &Path, access: Access) -> Result<Store> {
        refuse_url(path)?;
        if path.is_dir() {
            return Err(Error::invalid(format!(
                "store path {} is a directory; give the path of a file, e.g. {}",
                path.display(),
                path.join("apikey.db").display()
            )));
        }
        // A device or pipe would make SQLite create a journal beside it (/dev/null-journal).
        if path.exists() && !path.is_file() {
            return Err(Error::invalid(format!(
                "store path {} is not a regular file; give the path of a file",
                path.display()
            )));
        }
        if !path.exists() {
            match access {
                Access::Existing | Access::ReadOnly => {
                    return Err(Error::NoStore {
                        path: path.to_owned(),
                        empty: false,
                    });
                }
                Access::Create => return Store::open_new(path),
            }
        }
        #[cfg(unix)]
        ownership::check(path, access)?;
        // No SQLITE_OPEN_URI: a path is always a file name, never `file:…?mode=…`.
        let flags = match access {
            Access::ReadOnly => OpenFlags::SQLITE_OPEN_READ_ONLY,
            Access::Create | Access::Existing => OpenFlags::SQLITE_OPEN_READ_WRITE,
        } | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(crate::files::sqlite_name(path), flags)
            .map_err(|e| cannot_open_as(path, &e.to_string(), access))?;
        let mut store = Store {
            conn,
            actor: "unknown".to_owned(),
            pending: None,
        };
        // Processes that open a brand-new store together race to switch it to WAL and
        // migrate it; SQLite answers some of those steps "busy" without waiting, so the
        // whole (idempotent) preparation is retried within the busy timeout.
        let started = std::time::Instant::now();
        loop {
            match store.prepare(access) {
                Ok(()) => return Ok(store),
                Err(e) if e.is_busy() && started.elapsed() < BUSY_TIMEOUT => {
                    std::thread::sleep(Duration::from_millis(20));
                }
                Err(Error::Database { source }) => {
                    return Err(cannot_open_as(path, &source.to_string(), access));
                }
                Err(other) => return Err(other),
            }
        }
    }

    /// Prepares a new store at `path` in a private temporary file beside it; see
    /// [`Store::open`].
    fn open_new(path: &Path) -> Result<Store> {
        create_parent_dirs(path)?;
        let temp = crate::files::temp_beside(path, "new");
        crate::files::create_new(&temp, 0o600).map_err(|e| Error::io(path, e))?;
        let conn = Connection::open_with_flags(
            crate::files::sqlite_name(&temp),
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        );
        let conn = match conn {
            Ok(conn) => conn,
            Err(e) => {
                remove_with_side_files(&temp);
                return Err(cannot_open(path, &e.to_string()));
            }
        };
        let mut store = Store {
            conn,
            actor: "unknown".to_owned(),
            pending: Some(Pending {
                temp,
                target: path.to_owned(),
            }),
        };
        // On failure, dropping the store removes the temporary file.
        store.prepare(Access::Create).map_err(|e| match e {
            Error::Database { source } => cannot_open(path, &source.to_string()),
            other => other,
        })?;
        Ok(store)
    }

    /// Moves a new store's private file into place after its first commit: folds the
    /// WAL into it, closes it, links it at the store's path unless something is there
    /// already, and reopens it there.
    fn publish(&mut self) -> Result<()> {
        let Some(pending) = self.pending.take() else {
            return Ok(());
        };
        let folded = self
            .conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
                r.get::<_, i64>(0)
            });
        let closed = match (folded, Connection::open_in_memory()) {
            (Ok(0), Ok(memory)) => std::mem::replace(&mut self.conn, memory)
                .close()
                .map_err(|(_, e)| Error::from(e)),
            (Err(e), _) | (_, Err(e)) => Err(e.into()),
            (Ok(_), _) => Err(Error::Internal {
                what: "cannot finish the new store",
                detail: "its write-ahead log could not be folded into it".into(),
            }),
        };
        let published = closed.and_then(|()| {
            crate::files::move_into_place(&pending.temp, &pending.target, false, "the store")
                .map_err(|e| match e {
                    Error::Conflict(_) => Error::StoreCreatedMeanwhile {
                        path: pending.target.clone(),
                    },
                    other => other,
                })
        });
        remove_with_side_files(&pending.temp);
        published?;
        let actor = std::mem::take(&mut self.actor);
        *self = Store::open(&pending.target, Access::Existing)?;
        self.actor = actor;
        Ok(())
    }

    /// Opens a private in-memory store at the current schema (tests and benchmarks).
    ///
    /// # Errors
    /// [`Error::Database`] if SQLite fails.
    pub fn open_in_memory() -> Result<Store> {
        let mut store = Store {
            conn: Connection::open_in_memory()?,
            actor: "unknown".to_owned(),
            pending: None,
        };
        store.prepare(Access::Create)?;
        Ok(store)
    }

    /// Sets who audit events name as the actor of this store's changes.
    pub fn set_actor(&mut self, actor: impl Into<String>) {
        self.actor = actor.into();
    }

    /// The file behind the store, if any.
    pub fn path(&self) -> Option<PathBuf> {
        if let Some(pending) = &self.pending {
            return Some(pending.target.clone());
        }
        self.conn
            .path()
            .filter(|p| !p.is_empty())
            .map(PathBuf::from)
    }

    /// Sets pragmas, refuses foreign or newer stores, and applies pending migrations.
    fn prepare(&mut self, access: Access) -> Result<()> {
        self.conn.busy_timeout(BUSY_TIMEOUT)?;
        // Read the version before anything that could write: a newer or foreign store is
        // refused untouched (not even switched to WAL). Version and tables are read in one
        // snapshot, so a concurrent first migration is never mistaken for a foreign file.
        let (version, tables) = self.version_and_tables()?;
        if version > SCHEMA_VERSION {
            return Err(self.unusable(format!(
                "its schema version {version} is newer than this apikey understands ({SCHEMA_VERSION}); upgrade apikey (the store was not modified)"
            )));
        }
        if version == 0 && tables > 0 {
            return Err(self.unusable(
                "it is an SQLite database but not an apikey store; choose another store path",
            ));
        }
        if version == 0 && access != Access::Create {
            return Err(Error::NoStore {
                path: self.path().unwrap_or_default(),
                empty: true,
            });
        }
        // A store's own schema (triggers, views) is never trusted to run functions with
        // side effects, and defensive mode refuses writes to the schema table.
        self.conn.pragma_update(None, "trusted_schema", "OFF")?;
        self.conn
            .set_db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)?;
        self.conn
            .set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
        if access == Access::ReadOnly {
            if version < SCHEMA_VERSION {
                return Err(self.unusable(format!(
                    "its schema version {version} is older than this apikey's ({SCHEMA_VERSION}) and it is open read-only; any write command upgrades it"
                )));
            }
            self.conn.pragma_update(None, "cache_size", -32_768)?;
            return Ok(());
        }
        // WAL lets readers run beside a writer; NORMAL sync is durable against process
        // crashes in WAL mode and only risks the last commits on power loss.
        self.conn.pragma_update(None, "journal_mode", "WAL")?;
        self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        // A 32 MiB page cache (the default is 2 MiB) keeps the indexes of a large
        // store in memory during bulk work such as `apply`; it is allocated only as used.
        self.conn.pragma_update(None, "cache_size", -32_768)?;
        // Closing the last connection would otherwise checkpoint and delete the WAL: two
        // syncs and two file deletions per short-lived process, most of a `key verify`'s
        // time. The WAL stays beside the store; checkpoints run as it grows.
        self.conn
            .set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)?;
        // Each process that opens the store re-reads the WAL written since the last
        // checkpoint: checkpointing every 100 pages (not 1000) keeps that read short.
        self.conn.pragma_update(None, "wal_autocheckpoint", 100)?;
        if version < SCHEMA_VERSION {
            self.migrate()?;
        }
        Ok(())
    }

    fn version_and_tables(&mut self) -> Result<(i64, i64)> {
        let tx = self.conn.transaction()?;
        let version: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
        let tables: i64 = tx.query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table'",
            [],
            |r| r.get(0),
        )?;
        Ok((version, tables))
    }

    fn migrate(&mut self) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Another process may have migrated while we waited for the lock.
        let version: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if version == 0 {
            let tables: i64 = tx.query_row(
                "SELECT count(*) FROM sqlite_schema WHERE type = 'table'",
                [],
                |r| r.get(0),
            )?;
            if tables > 0 {
                return Err(Error::UnusableStore {
                    path: None,
                    reason: "the store changed while opening: it is not an apikey store".into(),
                });
            }
        }
        for (index, sql) in MIGRATIONS.iter().enumerate().skip(version.max(0) as usize) {
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", index as i64 + 1)?;
        }
        tx.commit()?;
        Ok(())
    }

    fn unusable(&self, reason: impl Into<String>) -> Error {
        Error::UnusableStore {
            path: self.path(),
            reason: reason.into(),
        }
    }

    /// Lets this connection's page cache grow to `mib` MiB (it is allocated only as
    /// used). Bulk writes (`apply`, `key import`) of a million keys otherwise spill dirty
    /// pages to the WAL and read them back: a larger cache makes them about a third
    /// faster, and 128 MiB keeps such an apply well under 250 MB resident.
    ///
    /// # Errors
    /// Database failures.
    pub fn set_cache_mib(&self, mib: u32) -> Result<()> {
        self.conn
            .pragma_update(None, "cache_size", -i64::from(mib) * 1024)?;
        Ok(())
    }

    /// Folds the WAL into the store and truncates it. Call after a large transaction
    /// (apply, import, restore): a WAL left at hundreds of megabytes would be re-read
    /// by every later process when it opens the store. Best effort and infallible: the
    /// change is committed already, and a checkpoint that cannot finish now (readers
    /// still active) is finished by a later one.
    pub fn checkpoint(&self) {
        // A truncating checkpoint waits for readers; give them a second, not the full
        // busy timeout.
        let _ = self.conn.busy_timeout(Duration::from_secs(1));
        let _ = self
            .conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
        let _ = self.conn.busy_timeout(BUSY_TIMEOUT);
    }

    /// Runs `f` in a write transaction (`BEGIN IMMEDIATE`, so concurrent writers queue on
    /// the busy timeout instead of failing) and commits if it returns `Ok`.
    ///
    /// # Errors
    /// Whatever `f` returns (the transaction is rolled back), or a database error.
    pub fn write<T>(&mut self, f: impl FnOnce(&Tx<'_>) -> Result<T>) -> Result<T> {
        self.run(TransactionBehavior::Immediate, f, true)
    }

    /// Like [`Store::write`], but waits at most `wait` (not [`BUSY_TIMEOUT`]) for
    /// another process's write lock; [`Error::is_busy`] tells that it gave up.
    ///
    /// # Errors
    /// Whatever `f` returns, or a database error (busy after `wait`).
    pub fn write_within<T>(
        &mut self,
        wait: Duration,
        f: impl FnOnce(&Tx<'_>) -> Result<T>,
    ) -> Result<T> {
        self.conn.busy_timeout(wait)?;
        let result = self.run(TransactionBehavior::Immediate, f, true);
        self.conn.busy_timeout(BUSY_TIMEOUT)?;
        result
    }

    /// Runs `f` in a write transaction that is always rolled back: a dry run of changes
    /// (`apply --dry-run`, `diff`). It takes the write lock, so it waits for other
    /// writers like [`Store::write`] instead of failing when a change needs the lock.
    ///
    /// # Errors
    /// Whatever `f` returns, or a database error.
    pub fn rehearse<T>(&mut self, f: impl FnOnce(&Tx<'_>) -> Result<T>) -> Result<T> {
        self.run(TransactionBehavior::Immediate, f, false)
    }

    /// Runs `f` in a transaction that is always rolled back: one consistent snapshot
    /// for reads, and a dry run for changes (checking that they would succeed).
    ///
    /// # Errors
    /// Whatever `f` returns, or a database error.
    pub fn read<T>(&mut self, f: impl FnOnce(&Tx<'_>) -> Result<T>) -> Result<T> {
        self.run(TransactionBehavior::Deferred, f, false)
    }

    fn run<T>(
        &mut self,
        behavior: TransactionBehavior,
        f: impl FnOnce(&Tx<'_>) -> Result<T>,
        commit: bool,
    ) -> Result<T> {
        // Stable query plans (set in `prepare`): without them SQLite re-prepares a cached
        // statement whenever a new bound value might change its plan, which made every
        // verify re-parse its lookup.
        let value = {
            let tx = Tx {
                tx: self.conn.transaction_with_behavior(behavior)?,
                now: crate::time::now(),
                actor: &self.actor,
                audit_head: std::cell::RefCell::new(None),
            };
            let value = f(&tx)?;
            if commit {
                tx.tx.commit()?;
            }
            value
        };
        if commit {
            self.publish()?;
        }
        Ok(value)
    }
}

/// One transaction on the store. Entity methods live in the child modules.
pub struct Tx<'c> {
    tx: rusqlite::Transaction<'c>,
    now: Timestamp,
    actor: &'c str,
    /// The newest audit event's (seq, hash) once known, so bulk changes append without
    /// re-reading the log.
    audit_head: std::cell::RefCell<Option<(i64, String)>>,
}

impl Tx<'_> {
    /// The time this transaction treats as now (whole seconds).
    pub fn now(&self) -> Timestamp {
        self.now
    }
}

/// Decodes a `json_group_array` column of strings; NULL-free by construction.
fn json_list(text: &str) -> Vec<String> {
    serde_json::from_str(text).unwrap_or_default()
}

/// Creates the parent directories of `path` (0700) if missing.
fn create_parent_dirs(path: &Path) -> Result<()> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        let mut builder = fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder.create(parent).map_err(|e| Error::io(path, e))?;
    }
    Ok(())
}

/// Refuses a store path that looks like a URL (`postgres://…`, `sqlite://…`): only
/// SQLite files are stores, and such a "path" would silently become directories.
fn refuse_url(path: &Path) -> Result<()> {
    let text = path.to_string_lossy();
    if let Some((scheme, _)) = text.split_once("://") {
        let is_scheme = scheme
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
        if is_scheme {
            return Err(Error::invalid(format!(
                "store path {text} looks like a URL; apikey stores are SQLite files and there is no engine for '{scheme}' URLs: give the path of a file"
            )));
        }
    }
    Ok(())
}

/// [`cannot_open`], with what a read-only open of a WAL store needs.
fn cannot_open_as(path: &Path, reason: &str, access: Access) -> Error {
    if access != Access::ReadOnly {
        return cannot_open(path, reason);
    }
    Error::UnusableStore {
        path: Some(path.to_owned()),
        reason: format!(
            "{reason}; a read-only open needs the store and its -wal and -shm files present and readable (or a directory it can write them in)"
        ),
    }
}

fn cannot_open(path: &Path, reason: &str) -> Error {
    Error::UnusableStore {
        path: Some(path.to_owned()),
        reason: format!("{reason}; check that it is an apikey store you can read and write"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_reach_the_current_version() {
        let mut store = Store::open_in_memory().unwrap();
        assert_eq!(store.version_and_tables().unwrap().0, SCHEMA_VERSION);
    }
}
