//! The SQLite store: opening, pragmas, schema migrations and transactions.
//!
//! Every SQL statement of the program lives in this module and its children; commands
//! call methods on [`Tx`]. The schema is documented in `docs/schema.md`.

mod access;
mod audit;
mod clients;
mod keys;
mod users;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use jiff::Timestamp;
use rusqlite::config::DbConfig;
use rusqlite::{Connection, OpenFlags, TransactionBehavior};

use crate::error::{Error, Result};

pub use audit::{AuditFilter, ChainBreak, GENESIS_HASH};
pub use keys::{KeyFilter, NewKeyRow, VerifyRow};

/// Embedded migrations, applied in order; the store's `PRAGMA user_version` is the number
/// applied. Append-only: a released file is never edited.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_clients_and_keys.sql"),
    include_str!("migrations/0002_access_control.sql"),
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
    /// The store must exist: commands that only read.
    Existing,
}

/// An open store.
pub struct Store {
    conn: Connection,
    actor: String,
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
    /// # Errors
    /// - [`Error::Invalid`] if `path` is a directory;
    /// - [`Error::NotFound`] if it is missing and `access` is [`Access::Existing`];
    /// - [`Error::Store`] if it is not an apikey store, is from a newer version (left
    ///   untouched), or cannot be read or created.
    pub fn open(path: &Path, access: Access) -> Result<Store> {
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
                Access::Existing => {
                    return Err(Error::not_found(format!(
                        "no store at {}; create one with 'apikey init' (or point --db / APIKEY_DB at an existing store)",
                        path.display()
                    )));
                }
                Access::Create => create_private_file(path)?,
            }
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)
            .map_err(|e| cannot_open(path, &e.to_string()))?;
        let mut store = Store {
            conn,
            actor: "unknown".to_owned(),
        };
        // Processes that open a brand-new store together race to switch it to WAL and
        // migrate it; SQLite answers some of those steps "busy" without waiting, so the
        // whole (idempotent) preparation is retried within the busy timeout.
        let started = std::time::Instant::now();
        loop {
            match store.prepare(access) {
                Ok(()) => return Ok(store),
                Err(Error::Sqlite(e)) if is_busy(&e) && started.elapsed() < BUSY_TIMEOUT => {
                    std::thread::sleep(Duration::from_millis(20));
                }
                Err(Error::Sqlite(e)) => return Err(cannot_open(path, &e.to_string())),
                Err(other) => return Err(other),
            }
        }
    }

    /// Opens a private in-memory store at the current schema (tests and benchmarks).
    ///
    /// # Errors
    /// [`Error::Sqlite`] if SQLite fails.
    pub fn open_in_memory() -> Result<Store> {
        let mut store = Store {
            conn: Connection::open_in_memory()?,
            actor: "unknown".to_owned(),
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
            return Err(Error::Store(format!(
                "{} has schema version {version}, newer than this apikey understands ({SCHEMA_VERSION}); upgrade apikey (the store was not modified)",
                self.describe()
            )));
        }
        if version == 0 && tables > 0 {
            return Err(Error::Store(format!(
                "{} is an SQLite database but not an apikey store; choose another --db path",
                self.describe()
            )));
        }
        if version == 0 && access == Access::Existing {
            return Err(Error::not_found(format!(
                "{} is empty, not an apikey store; create one with 'apikey init'",
                self.describe()
            )));
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
        // Stable query plans: without this, SQLite re-prepares a cached statement whenever
        // a new bound value might change its plan, which made every verify re-parse its
        // lookup (most of its time).
        self.conn
            .set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
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
                return Err(Error::Store(
                    "the store changed while opening: it is not an apikey store".into(),
                ));
            }
        }
        for (index, sql) in MIGRATIONS.iter().enumerate().skip(version.max(0) as usize) {
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", index as i64 + 1)?;
        }
        tx.commit()?;
        Ok(())
    }

    fn describe(&self) -> String {
        match self.path() {
            Some(p) => format!("the store at {}", p.display()),
            None => "the in-memory store".to_owned(),
        }
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

impl Store {
    /// Deletes the store at `path` (and its WAL files) if no change was ever committed to
    /// it: every change writes an audit event, so an empty audit log means an unused
    /// store. Best effort; used to undo the creation of a store by a failed command.
    pub fn remove_if_unused(path: &Path) {
        let unused = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE)
            .and_then(|conn| {
                conn.busy_timeout(BUSY_TIMEOUT)?;
                conn.query_row("SELECT count(*) = 0 FROM audit_events", [], |r| r.get(0))
            })
            .unwrap_or(false);
        if unused {
            for suffix in ["", "-wal", "-shm"] {
                let mut file = path.as_os_str().to_owned();
                file.push(suffix);
                let _ = fs::remove_file(file);
            }
        }
    }

    /// Writes a consistent copy of the store to `dest`, a new owner-only file, with
    /// SQLite's online backup API. Other processes may keep writing meanwhile: the copy
    /// is taken from one read snapshot in a single step.
    ///
    /// # Errors
    /// [`Error::Conflict`] if `dest` exists; [`Error::Store`] if it cannot be written.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        if dest.exists() {
            return Err(Error::conflict(format!(
                "{} already exists; choose a new file name for the backup",
                dest.display()
            )));
        }
        create_private_file(dest)?;
        let copy = || -> rusqlite::Result<()> {
            let mut target = Connection::open(dest)?;
            rusqlite::backup::Backup::new(&self.conn, &mut target).and_then(|b| step_to_end(&b))?;
            // A self-contained file: no WAL, so reading it (even read-only, even from
            // read-only media) leaves no -wal or -shm files beside it.
            target.pragma_update(None, "journal_mode", "DELETE")
        };
        copy().map_err(|e| {
            let _ = fs::remove_file(dest);
            Error::Store(format!("cannot write the backup {}: {e}", dest.display()))
        })
    }

    /// Replaces the store's content with the backup at `src`, after checking that it is
    /// an intact apikey store this version can read; migrates it if older.
    ///
    /// # Errors
    /// [`Error::Invalid`] if `src` fails the checks (the store is left as it was);
    /// [`Error::Store`] if the copy fails.
    pub fn restore_from(&mut self, src: &Path) -> Result<()> {
        check_backup(src)?;
        {
            let source = Connection::open_with_flags(src, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
            let backup = rusqlite::backup::Backup::new(&source, &mut self.conn)?;
            step_to_end(&backup)
                .map_err(|e| Error::Store(format!("cannot restore {}: {e}", src.display())))?;
        }
        self.prepare(Access::Existing)
    }
}

/// Copies everything in one step (one consistent snapshot), retrying while the
/// destination is busy for up to [`BUSY_TIMEOUT`].
fn step_to_end(backup: &rusqlite::backup::Backup<'_, '_>) -> rusqlite::Result<()> {
    use rusqlite::backup::StepResult;
    let started = std::time::Instant::now();
    loop {
        match backup.step(-1)? {
            StepResult::Done => return Ok(()),
            StepResult::More => {}
            _ if started.elapsed() > BUSY_TIMEOUT => {
                return Err(rusqlite::Error::SqliteFailure(
                    rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
                    Some("the store stayed locked".into()),
                ));
            }
            _ => std::thread::sleep(Duration::from_millis(20)),
        }
    }
}

/// Checks that `path` is an intact apikey store of a version this build reads.
///
/// # Errors
/// [`Error::Invalid`] naming what is wrong; [`Error::NotFound`] if it is missing.
pub fn check_backup(path: &Path) -> Result<i64> {
    if !path.is_file() {
        return Err(Error::not_found(format!(
            "no backup file at {}",
            path.display()
        )));
    }
    let bad =
        |why: String| Error::invalid(format!("{} is not a usable backup: {why}", path.display()));
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| bad(e.to_string()))?;
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|e| bad(e.to_string()))?;
    if integrity != "ok" {
        return Err(bad(format!("the integrity check failed ({integrity})")));
    }
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(|e| bad(e.to_string()))?;
    if version == 0 {
        return Err(bad("it is not an apikey store".into()));
    }
    if version > SCHEMA_VERSION {
        return Err(bad(format!(
            "its schema version {version} is newer than this apikey understands ({SCHEMA_VERSION})"
        )));
    }
    // The version number alone could be any SQLite file's: the tables must be there too.
    let expected: &[&str] = if version >= 2 {
        &[
            "clients",
            "api_keys",
            "permissions",
            "roles",
            "users",
            "audit_events",
        ]
    } else {
        &["clients", "api_keys"]
    };
    for table in expected {
        let present: bool = conn
            .query_row(
                "SELECT count(*) > 0 FROM sqlite_schema WHERE type = 'table' AND name = ?1",
                [table],
                |r| r.get(0),
            )
            .map_err(|e| bad(e.to_string()))?;
        if !present {
            return Err(bad(format!(
                "it has no '{table}' table: it is not an apikey store"
            )));
        }
    }
    Ok(version)
}

/// Decodes a `json_group_array` column of strings; NULL-free by construction.
fn json_list(text: &str) -> Vec<String> {
    serde_json::from_str(text).unwrap_or_default()
}

/// Creates `path` as an empty owner-only (0600) file, with its parent directories (0700).
fn create_private_file(path: &Path) -> Result<()> {
    let io_error = |e: std::io::Error| {
        Error::Store(format!(
            "cannot create the store at {}: {e}",
            path.display()
        ))
    };
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        let mut builder = fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder.create(parent).map_err(io_error)?;
    }
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(_) => Ok(()),
        // Another process created it first: fine, we open theirs.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(io_error(e)),
    }
}

fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

fn cannot_open(path: &Path, reason: &str) -> Error {
    Error::Store(format!(
        "cannot open the store at {}: {reason}; check that it is an apikey store you can read and write",
        path.display()
    ))
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
