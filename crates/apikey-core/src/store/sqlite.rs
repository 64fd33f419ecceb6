//! The SQLite engine (the default): one file, opened with pragmas for safety and speed,
//! created atomically, migrated in place.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::config::DbConfig;
use rusqlite::{Connection, OpenFlags, TransactionBehavior};

use super::{Access, BUSY_TIMEOUT, SCHEMA_VERSION};
use crate::error::{Error, Result};

/// Embedded migrations, applied in order; the store's `PRAGMA user_version` is the number
/// applied. Append-only: a released file is never edited.
pub(super) const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_clients_and_keys.sql"),
    include_str!("migrations/0002_access_control.sql"),
    include_str!("migrations/0003_public_ids.sql"),
    include_str!("migrations/0004_rate_limits.sql"),
    include_str!("migrations/0005_console_sessions.sql"),
];

/// Prepared statements kept per connection: every statement the program runs, so none
/// is parsed twice.
const STATEMENT_CACHE: usize = 128;

/// An open SQLite store.
pub(super) struct Sqlite {
    pub(super) conn: Connection,
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

impl Drop for Sqlite {
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
pub(super) fn remove_with_side_files(path: &Path) {
    let _ = fs::remove_file(path);
    for suffix in crate::files::SIDE_SUFFIXES {
        let _ = fs::remove_file(crate::files::with_suffix(path, suffix));
    }
}

/// Whether apikey leaves WAL checkpoints to another process: with
/// `APIKEY_SQLITE_CHECKPOINT=external` it never checkpoints itself (no automatic
/// checkpoints, no truncation after bulk writes), as Litestream needs
/// (`docs/many-machines.md`).
fn checkpoints_external() -> bool {
    std::env::var_os("APIKEY_SQLITE_CHECKPOINT").is_some_and(|v| v == "external")
}

impl Sqlite {
    /// See [`super::Store::open`].
    pub(super) fn open(path: &Path, access: Access) -> Result<Sqlite> {
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
                // A link that points nowhere: the new store would be refused at the link
                // when it is published, after all the command's work; say so now.
                Access::Create if let Ok(target) = std::fs::read_link(path) => {
                    return Err(Error::invalid(format!(
                        "store path {} is a symbolic link to {}, which does not exist; apikey never creates a store through a link: give the path of the store itself, or remove the link",
                        path.display(),
                        target.display()
                    )));
                }
                Access::Create => return Sqlite::open_new(path),
            }
        }
        #[cfg(unix)]
        super::ownership::check(path, access)?;
        // No SQLITE_OPEN_URI: a path is always a file name, never `file:…?mode=…`.
        let flags = match access {
            Access::ReadOnly => OpenFlags::SQLITE_OPEN_READ_ONLY,
            Access::Create | Access::Existing => OpenFlags::SQLITE_OPEN_READ_WRITE,
        } | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(crate::files::sqlite_name(path), flags)
            .map_err(|e| cannot_open_as(path, &e.to_string(), access))?;
        let mut store = Sqlite {
            conn,
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
    /// [`super::Store::open`].
    fn open_new(path: &Path) -> Result<Sqlite> {
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
        let mut store = Sqlite {
            conn,
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
    pub(super) fn publish(&mut self) -> Result<()> {
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
        *self = Sqlite::open(&pending.target, Access::Existing)?;
        Ok(())
    }

    /// A private in-memory store at the current schema.
    pub(super) fn open_in_memory() -> Result<Sqlite> {
        let mut store = Sqlite {
            conn: Connection::open_in_memory()?,
            pending: None,
        };
        store.prepare(Access::Create)?;
        Ok(store)
    }

    /// Whether the store is new and not yet committed.
    pub(super) fn is_new(&self) -> bool {
        self.pending.is_some()
    }

    /// The file, if any (its final path while a new store is still private).
    pub(super) fn path(&self) -> Option<PathBuf> {
        if let Some(pending) = &self.pending {
            return Some(pending.target.clone());
        }
        self.conn
            .path()
            .filter(|p| !p.is_empty())
            .map(PathBuf::from)
    }

    /// Sets pragmas, refuses foreign or newer stores, and applies pending migrations.
    pub(super) fn prepare(&mut self, access: Access) -> Result<()> {
        self.conn.busy_timeout(BUSY_TIMEOUT)?;
        self.conn
            .set_prepared_statement_cache_capacity(STATEMENT_CACHE);
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
        // Stable query plans: without them SQLite re-prepares a cached statement whenever
        // a new bound value might change its plan, which made every verify re-parse its
        // lookup.
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
        // Under Litestream, checkpoints are its job alone.
        let autocheckpoint = if checkpoints_external() { 0 } else { 100 };
        self.conn
            .pragma_update(None, "wal_autocheckpoint", autocheckpoint)?;
        if version < SCHEMA_VERSION {
            self.migrate()?;
        }
        Ok(())
    }

    pub(super) fn version_and_tables(&mut self) -> Result<(i64, i64)> {
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

    /// See [`super::Store::set_cache_mib`].
    pub(super) fn set_cache_mib(&self, mib: u32) -> Result<()> {
        self.conn
            .pragma_update(None, "cache_size", -i64::from(mib) * 1024)?;
        Ok(())
    }

    /// See [`super::Store::checkpoint`].
    pub(super) fn checkpoint(&self) {
        if checkpoints_external() {
            return;
        }
        // A truncating checkpoint waits for readers; give them a second, not the full
        // busy timeout.
        let _ = self.conn.busy_timeout(Duration::from_secs(1));
        let _ = self
            .conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
        let _ = self.conn.busy_timeout(BUSY_TIMEOUT);
    }

    /// Starts a transaction: `BEGIN IMMEDIATE` for writes (waiting up to `wait` for
    /// another process's write lock: the busy timeout stays at `wait` until
    /// [`Sqlite::end`]), a deferred one for reads.
    pub(super) fn begin(&mut self, write: Option<Duration>) -> Result<rusqlite::Transaction<'_>> {
        let behavior = match write {
            Some(wait) => {
                if wait != BUSY_TIMEOUT {
                    self.conn.busy_timeout(wait)?;
                }
                TransactionBehavior::Immediate
            }
            None => TransactionBehavior::Deferred,
        };
        Ok(self.conn.transaction_with_behavior(behavior)?)
    }

    /// After a transaction begun with a wait of its own: the usual busy timeout again.
    pub(super) fn end(&mut self, write: Option<Duration>) -> Result<()> {
        if write.is_some_and(|wait| wait != BUSY_TIMEOUT) {
            self.conn.busy_timeout(BUSY_TIMEOUT)?;
        }
        Ok(())
    }

    /// SQLite's `PRAGMA data_version` on this connection: it changes when another
    /// connection (this process's or another's) commits to the store.
    pub(super) fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "data_version", |r| r.get(0))?)
    }
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
