//! The store: opening one of its two engines, schema migrations and transactions.
//!
//! Every SQL statement of the program lives in this module and its children; commands
//! call methods on [`Tx`]. The entity modules (`clients`, `keys`, …) hold the statements
//! both engines run, through the seam in `sql`; `sqlite` and `postgres` hold what only one
//! engine does (opening, migrations, locking, change notification). The schema is
//! documented in `docs/schema.md`.

mod access;
mod audit;
mod backup;
mod clients;
mod copy;
mod keys;
#[cfg(unix)]
mod ownership;
mod postgres;
mod server;
mod sessions;
pub(crate) mod sql;
mod sqlite;
mod users;

use std::path::{Path, PathBuf};
use std::time::Duration;

use jiff::Timestamp;

use crate::error::{Error, Result};
use sql::{Param, Row};

pub use audit::{AuditFilter, ChainBreak, GENESIS_HASH};
pub use backup::check_backup;
pub use copy::{CopySummary, copy_store};
pub use keys::{KeyFilter, NewKeyRow, VerifyRow};
pub use sessions::SessionRow;

/// The schema version this build writes (both engines number their schemas alike).
pub const SCHEMA_VERSION: i64 = sqlite::MIGRATIONS.len() as i64;

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
/// (a server's blocking workers) opens its own [`Store`] connection. The path is an
/// SQLite file, or a `postgres://` URL (see [`Store::open`]).
#[derive(Clone)]
pub struct StorePath {
    path: PathBuf,
}

impl std::fmt::Debug for StorePath {
    /// The location as [`StorePath::display`] shows it: never a password.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("StorePath").field(&self.display()).finish()
    }
}

impl StorePath {
    /// The store at `path` (nothing is opened yet).
    pub fn new(path: impl Into<PathBuf>) -> StorePath {
        StorePath { path: path.into() }
    }

    /// The file, or the URL as given (it may hold a password: show [`StorePath::display`]).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether the store is an SQLite file (not a PostgreSQL URL).
    pub fn is_file(&self) -> bool {
        postgres::url_of(&self.path).is_none()
    }

    /// The store's location for messages and logs: the file, or the URL without its
    /// password.
    pub fn display(&self) -> String {
        display_location(&self.path)
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
    engine: Engine,
    actor: String,
}

enum Engine {
    Sqlite(sqlite::Sqlite),
    Postgres(Box<postgres::Postgres>),
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("location", &self.location())
            .finish()
    }
}

impl Store {
    /// Opens the store at `path` and migrates it to [`SCHEMA_VERSION`].
    ///
    /// `path` is an SQLite file, or a `postgres://` (or `postgresql://`) URL in libpq's
    /// form for a PostgreSQL database (14 or newer; see `docs/many-machines.md`). An SQLite
    /// store is created (mode 0600, parents included) when `access` is [`Access::Create`];
    /// a PostgreSQL one gets its schema then.
    ///
    /// A store created here appears at `path` only with its first commit (it is built in
    /// a private file beside it until then): dropped without a commit, it leaves nothing.
    /// If another process created the store meanwhile, that commit fails with
    /// [`Error::StoreCreatedMeanwhile`] and changes nothing.
    ///
    /// # Errors
    /// - [`Error::Invalid`] if `path` is a directory, a URL of another scheme, or a URL
    ///   that does not parse;
    /// - [`Error::NoStore`] if it is missing and `access` is [`Access::Existing`];
    /// - [`Error::UnusableStore`] if it is not an apikey store, is from a newer version (left
    ///   untouched), or cannot be read, created or reached;
    /// - [`Error::UnsafeStore`] (Unix) if it or its `-wal`, `-shm` or `-journal` file is
    ///   writable by group or others, or is owned by another user and `access` is not
    ///   [`Access::ReadOnly`].
    pub fn open(path: &Path, access: Access) -> Result<Store> {
        let engine = match postgres::url_of(path) {
            Some(url) => Engine::Postgres(Box::new(postgres::Postgres::open(url, access)?)),
            None => {
                refuse_url(path)?;
                Engine::Sqlite(sqlite::Sqlite::open(path, access)?)
            }
        };
        Ok(Store {
            engine,
            actor: "unknown".to_owned(),
        })
    }

    /// Opens a private in-memory SQLite store at the current schema (tests, benchmarks,
    /// dry runs).
    ///
    /// # Errors
    /// [`Error::Database`] if SQLite fails.
    pub fn open_in_memory() -> Result<Store> {
        Ok(Store {
            engine: Engine::Sqlite(sqlite::Sqlite::open_in_memory()?),
            actor: "unknown".to_owned(),
        })
    }

    /// Sets who audit events name as the actor of this store's changes.
    pub fn set_actor(&mut self, actor: impl Into<String>) {
        self.actor = actor.into();
    }

    /// The file behind an SQLite store, if any (`None` for PostgreSQL and in-memory stores).
    pub fn path(&self) -> Option<PathBuf> {
        match &self.engine {
            Engine::Sqlite(db) => db.path(),
            Engine::Postgres(_) => None,
        }
    }

    /// Where the store is, for messages: the file, or the URL without its password.
    pub fn location(&self) -> String {
        match &self.engine {
            Engine::Sqlite(db) => db
                .path()
                .map_or_else(|| ":memory:".to_owned(), |p| p.display().to_string()),
            Engine::Postgres(db) => db.location().to_owned(),
        }
    }

    /// Whether this open created the store (a new SQLite file not yet committed, or a
    /// PostgreSQL database that had no apikey schema).
    pub fn is_new(&self) -> bool {
        match &self.engine {
            Engine::Sqlite(db) => db.is_new(),
            Engine::Postgres(db) => db.is_new(),
        }
    }

    /// Lets this connection's page cache grow to `mib` MiB (SQLite; it is allocated only
    /// as used). Bulk writes (`apply`, `key import`) of a million keys otherwise spill
    /// dirty pages to the WAL and read them back: a larger cache makes them about a third
    /// faster, and 128 MiB keeps such an apply well under 250 MB resident. PostgreSQL
    /// keeps its cache in the server: nothing to do.
    ///
    /// # Errors
    /// Database failures.
    pub fn set_cache_mib(&self, mib: u32) -> Result<()> {
        match &self.engine {
            Engine::Sqlite(db) => db.set_cache_mib(mib),
            Engine::Postgres(_) => Ok(()),
        }
    }

    /// Folds SQLite's WAL into the store and truncates it. Call after a large transaction
    /// (apply, import, restore): a WAL left at hundreds of megabytes would be re-read
    /// by every later process when it opens the store. Best effort and infallible: the
    /// change is committed already, and a checkpoint that cannot finish now (readers
    /// still active) is finished by a later one. Nothing under
    /// `APIKEY_SQLITE_CHECKPOINT=external`, and nothing on PostgreSQL.
    pub fn checkpoint(&self) {
        if let Engine::Sqlite(db) = &self.engine {
            db.checkpoint();
        }
    }

    /// Runs `f` in a write transaction and commits if it returns `Ok`. Writers queue:
    /// SQLite's `BEGIN IMMEDIATE` waits up to [`BUSY_TIMEOUT`] for another process's
    /// write lock, and a PostgreSQL write takes the store's advisory lock (so that the
    /// audit chain grows one event at a time), waiting as long.
    ///
    /// # Errors
    /// Whatever `f` returns (the transaction is rolled back), or a database error.
    pub fn write<T>(&mut self, f: impl FnOnce(&Tx<'_>) -> Result<T>) -> Result<T> {
        self.run(Some(BUSY_TIMEOUT), f, true)
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
        self.run(Some(wait), f, true)
    }

    /// Runs `f` in a write transaction that is always rolled back: a dry run of changes
    /// (`apply --dry-run`, `diff`). It takes the write lock, so it waits for other
    /// writers like [`Store::write`] instead of failing when a change needs the lock.
    ///
    /// # Errors
    /// Whatever `f` returns, or a database error.
    pub fn rehearse<T>(&mut self, f: impl FnOnce(&Tx<'_>) -> Result<T>) -> Result<T> {
        self.run(Some(BUSY_TIMEOUT), f, false)
    }

    /// Runs `f` in a transaction that is always rolled back: one consistent snapshot
    /// for reads, and a dry run for changes (checking that they would succeed).
    ///
    /// # Errors
    /// Whatever `f` returns, or a database error.
    pub fn read<T>(&mut self, f: impl FnOnce(&Tx<'_>) -> Result<T>) -> Result<T> {
        self.run(None, f, false)
    }

    /// Runs `f` in a transaction: a write one (waiting up to `write` for the write lock)
    /// or a read one.
    fn run<T>(
        &mut self,
        write: Option<Duration>,
        f: impl FnOnce(&Tx<'_>) -> Result<T>,
        commit: bool,
    ) -> Result<T> {
        let now = crate::time::now();
        let actor = self.actor.as_str();
        let value = match &mut self.engine {
            Engine::Sqlite(db) => {
                let value = (|| -> Result<T> {
                    let tx = Tx::new(Conn::Sqlite(db.begin(write)?), now, actor);
                    let value = f(&tx)?;
                    tx.flush()?;
                    if commit && let Conn::Sqlite(tx) = tx.conn {
                        tx.commit()?;
                    }
                    Ok(value)
                })();
                db.end(write)?;
                value?
            }
            Engine::Postgres(db) => {
                // The scope holds the threads of the transaction's background copies.
                let (value, failed) = std::thread::scope(|scope| -> Result<_> {
                    let tx = Tx::new(Conn::Postgres(db.begin(write, scope)?), now, actor);
                    let value = f(&tx)?;
                    tx.flush()?;
                    let last_event = tx.audit_head.take();
                    let failed = match tx.conn {
                        Conn::Postgres(tx) if commit => tx.commit().err().map(|e| (e, last_event)),
                        _ => None,
                    };
                    Ok((value, failed))
                })?;
                // A commit whose answer was lost may still have taken effect.
                if let Some((error, last_event)) = failed {
                    db.commit_outcome(error, last_event)?;
                }
                if commit {
                    db.committed();
                }
                value
            }
        };
        if commit && let Engine::Sqlite(db) = &mut self.engine {
            db.publish()?;
        }
        Ok(value)
    }
}

/// One transaction on the store. Entity methods live in the child modules.
pub struct Tx<'c> {
    conn: Conn<'c>,
    now: Timestamp,
    actor: &'c str,
    /// The newest audit event's (seq, hash) once known, so bulk changes append without
    /// re-reading the log.
    audit_head: std::cell::RefCell<Option<(i64, String)>>,
    /// Rows inserted later, together (see [`Tx::insert_soon`]).
    deferred: std::cell::RefCell<Vec<Deferred>>,
}

/// A row waiting to be inserted: (table, its columns, the row).
type Deferred = (&'static str, &'static str, Row);

/// Rows bound for one table: (table, its columns, the rows).
type TableRows = (&'static str, &'static str, Vec<Row>);

/// Deferred rows are inserted once this many wait.
const DEFERRED_ROWS: usize = 1000;

enum Conn<'c> {
    Sqlite(rusqlite::Transaction<'c>),
    Postgres(postgres::PgTx<'c>),
}

impl<'c> Tx<'c> {
    fn new(conn: Conn<'c>, now: Timestamp, actor: &'c str) -> Tx<'c> {
        Tx {
            conn,
            now,
            actor,
            audit_head: std::cell::RefCell::new(None),
            deferred: std::cell::RefCell::new(Vec::new()),
        }
    }
}

impl Tx<'_> {
    /// The time this transaction treats as now (whole seconds).
    pub fn now(&self) -> Timestamp {
        self.now
    }

    /// Inserts a row into `table` now (SQLite: in-process, as fast one by one) or with
    /// the next statement, at the latest before the transaction ends (PostgreSQL: one
    /// `COPY` per batch of [`DEFERRED_ROWS`] instead of a round trip per row, run while
    /// the caller makes the next batch, which makes bulk `apply` several times faster).
    /// For rows whose insertion cannot conflict.
    fn insert_soon(&self, table: &'static str, columns: &'static str, row: Row) -> Result<()> {
        match &self.conn {
            Conn::Sqlite(_) => copy::insert_rows(self, table, columns, std::slice::from_ref(&row)),
            Conn::Postgres(pg) => {
                let full = {
                    let mut deferred = self.deferred.borrow_mut();
                    deferred.push((table, columns, row));
                    deferred.len() >= DEFERRED_ROWS
                };
                if !full {
                    return Ok(());
                }
                pg.copy_in_background(self.take_deferred())
            }
        }
    }

    /// Inserts the deferred rows now, and waits for a background copy to end: a dry
    /// run, which never commits, must still fail when its last batch would.
    fn flush(&self) -> Result<()> {
        for (table, columns, rows) in self.take_deferred() {
            copy::insert_rows(self, table, columns, &rows)?;
        }
        match &self.conn {
            Conn::Postgres(pg) => pg.settle(),
            Conn::Sqlite(_) => Ok(()),
        }
    }

    /// The deferred rows by table, the tables in the order their first rows came, each
    /// table's rows in theirs. (Deferred rows never refer to one another: keys and audit
    /// events.)
    fn take_deferred(&self) -> Vec<TableRows> {
        let mut tables: Vec<TableRows> = Vec::new();
        for (table, columns, row) in std::mem::take(&mut *self.deferred.borrow_mut()) {
            match tables.iter_mut().find(|(t, _, _)| *t == table) {
                Some((_, _, rows)) => rows.push(row),
                None => tables.push((table, columns, vec![row])),
            }
        }
        tables
    }

    /// Runs a statement; returns the number of rows it changed.
    fn exec(&self, sql: &str, params: &[&dyn Param]) -> Result<u64> {
        self.flush()?;
        match &self.conn {
            Conn::Sqlite(tx) => {
                let changed = tx
                    .prepare_cached(sql)?
                    .execute(rusqlite::params_from_iter(args(params)))?;
                Ok(changed as u64)
            }
            Conn::Postgres(tx) => tx.exec(sql, &args(params)),
        }
    }

    /// The first row of a query, if any.
    fn query_opt(&self, sql: &str, params: &[&dyn Param]) -> Result<Option<Row>> {
        if let Conn::Postgres(tx) = &self.conn {
            self.flush()?;
            return Ok(tx.query(sql, &args(params))?.into_iter().next());
        }
        let mut first = None;
        self.query_each(sql, params, |row| {
            first = Some(row);
            Ok(false)
        })?;
        Ok(first)
    }

    /// The first row of a query that always returns one (an aggregate).
    fn query_one(&self, sql: &str, params: &[&dyn Param]) -> Result<Row> {
        self.query_opt(sql, params)?.ok_or_else(|| {
            Error::from(crate::error::DbError::Decode(
                "the query returned no row".into(),
            ))
        })
    }

    /// Every row of a query.
    fn query_all(&self, sql: &str, params: &[&dyn Param]) -> Result<Vec<Row>> {
        if let Conn::Postgres(tx) = &self.conn {
            self.flush()?;
            return tx.query(sql, &args(params));
        }
        let mut rows = Vec::new();
        self.query_each(sql, params, |row| {
            rows.push(row);
            Ok(true)
        })?;
        Ok(rows)
    }

    /// Calls `f` with each row of a query in turn, until it answers `false`.
    fn query_each(
        &self,
        sql: &str,
        params: &[&dyn Param],
        mut f: impl FnMut(Row) -> Result<bool>,
    ) -> Result<()> {
        self.flush()?;
        match &self.conn {
            Conn::Sqlite(tx) => {
                let mut stmt = tx.prepare_cached(sql)?;
                let mut rows = stmt.query(rusqlite::params_from_iter(args(params)))?;
                while let Some(row) = rows.next()? {
                    if !f(Row::from_sqlite(row)?)? {
                        break;
                    }
                }
                Ok(())
            }
            Conn::Postgres(tx) => tx.query_each(sql, &args(params), f),
        }
    }
}

fn args<'a>(params: &'a [&dyn Param]) -> Vec<sql::Arg<'a>> {
    params.iter().map(|p| p.arg()).collect()
}

/// Decodes a `json_group_array` column of strings; NULL-free by construction.
fn json_list(text: &str) -> Vec<String> {
    serde_json::from_str(text).unwrap_or_default()
}

/// Refuses a store path that looks like a URL of a scheme other than PostgreSQL's
/// (`sqlite://…`, `mysql://…`): such a "path" would silently become directories.
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
                "store path {text} looks like a URL; apikey stores are SQLite files or postgres:// URLs and there is no engine for '{scheme}' URLs: give the path of a file"
            )));
        }
    }
    Ok(())
}

/// A store location for messages: a path as is, a URL without its password.
pub(crate) fn display_location(path: &Path) -> String {
    match postgres::url_of(path) {
        Some(url) => postgres::redact(url),
        None => path.display().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_reach_the_current_version() {
        let Engine::Sqlite(mut db) = Store::open_in_memory().unwrap().engine else {
            unreachable!("an in-memory store is SQLite")
        };
        assert_eq!(db.version_and_tables().unwrap().0, SCHEMA_VERSION);
    }
}
