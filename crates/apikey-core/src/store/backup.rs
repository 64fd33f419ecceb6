//! Backups and restores: consistent copies of a live store, and checked replacement.

use std::fs;
use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use super::{Access, BUSY_TIMEOUT, Engine, SCHEMA_VERSION, Store};
use crate::error::{Error, Result};

impl Store {
    /// Writes a consistent copy of the store to `dest`, a new owner-only (0600) SQLite
    /// file, with SQLite's online backup API (a PostgreSQL store is copied row by row
    /// into a new SQLite store, see [`super::copy_store`]). Other processes may keep
    /// writing meanwhile: the copy is taken from one read snapshot in a single step. `dest` is a plain file
    /// name (never an SQLite URI); anything there, a dangling symbolic link included, is
    /// refused, as are the store's own files. The copy is written to a temporary file
    /// beside `dest`, synced, and linked into place.
    ///
    /// # Errors
    /// [`Error::Conflict`] if `dest` exists; [`Error::Invalid`] for a link or one of the
    /// store's files; [`Error::Internal`] if it cannot be written.
    pub fn backup_to(&mut self, dest: &Path) -> Result<()> {
        if let Some(store) = self.path() {
            crate::files::refuse_store_file(&store, dest, "the backup")?;
        }
        crate::files::check_target(dest, false, "the backup").map_err(|e| match e {
            Error::Conflict(_) => Error::conflict(format!(
                "{} already exists; choose a new file name for the backup",
                dest.display()
            )),
            other => other,
        })?;
        let temp = crate::files::temp_beside(dest, "backup");
        crate::files::create_new(&temp, 0o600).map_err(|e| Error::io(dest, e))?;
        let copy = |store: &mut Store| -> Result<()> {
            let open = || {
                Connection::open_with_flags(
                    crate::files::sqlite_name(&temp),
                    OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
                )
            };
            let target = match &store.engine {
                Engine::Sqlite(db) => {
                    let mut target = open()?;
                    rusqlite::backup::Backup::new(&db.conn, &mut target)
                        .and_then(|b| step_to_end(&b))?;
                    target
                }
                Engine::Postgres(_) => {
                    // A new store in the (empty) file, migrated as it opens; then every row.
                    let mut copy = Store::open(&temp, Access::Create)?;
                    super::copy_store(store, &mut copy, false, &mut |_, _| {})?;
                    drop(copy);
                    let target = open()?;
                    target.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
                    target
                }
            };
            // A self-contained file: no WAL, so reading it (even read-only, even from
            // read-only media) leaves no -wal or -shm files beside it.
            target.pragma_update(None, "journal_mode", "DELETE")?;
            target.close().map_err(|(_, e)| Error::from(e))
        };
        let written = copy(self)
            .map_err(|e| Error::Internal {
                what: "cannot write the backup",
                detail: format!("{}: {e}", dest.display()),
            })
            .and_then(|()| {
                fs::File::open(&temp)
                    .and_then(|f| f.sync_all())
                    .map_err(|e| Error::io(dest, e))
            });
        if let Err(e) = written {
            super::sqlite::remove_with_side_files(&temp);
            return Err(e);
        }
        crate::files::move_into_place(&temp, dest, false, "the backup")
    }

    /// Replaces the store's content with the backup at `src`, after checking that it is
    /// an intact apikey store this version can read ([`check_backup`]). The backup is
    /// first copied into a new private file beside the store (in the temporary directory
    /// for PostgreSQL), checked again there (the file read is the file checked) and
    /// migrated there; only then is the store replaced, in one transaction (of SQLite's
    /// backup API, or of a row copy into PostgreSQL), so that processes that have the
    /// store open see either the old content or the new, and a failure at any step
    /// before leaves the store as it was.
    ///
    /// # Errors
    /// [`Error::Invalid`] if `src` fails the checks (the store is left as it was);
    /// [`Error::Internal`] if the copy fails.
    pub fn restore_from(&mut self, src: &Path) -> Result<()> {
        check_backup(src)?;
        let beside = match (&self.engine, self.path()) {
            (Engine::Sqlite(_), Some(path)) => path,
            (Engine::Sqlite(_), None) => src.to_owned(),
            (Engine::Postgres(_), _) => std::env::temp_dir().join("apikey-restore.db"),
        };
        let staged = crate::files::temp_beside(&beside, "restore");
        let result = self.restore_through(src, &staged);
        super::sqlite::remove_with_side_files(&staged);
        result?;
        match &mut self.engine {
            Engine::Sqlite(db) => db.prepare(Access::Existing),
            Engine::Postgres(_) => Ok(()),
        }
    }

    fn restore_through(&mut self, src: &Path, staged: &Path) -> Result<()> {
        let failed = |e: rusqlite::Error| Error::Internal {
            what: "cannot restore the backup",
            detail: format!("{}: {e}", src.display()),
        };
        crate::files::create_new(staged, 0o600).map_err(|e| Error::io(staged, e))?;
        {
            let source = Connection::open_with_flags(
                crate::files::sqlite_name(src),
                OpenFlags::SQLITE_OPEN_READ_ONLY,
            )
            .map_err(failed)?;
            let mut copy = Connection::open_with_flags(
                crate::files::sqlite_name(staged),
                OpenFlags::SQLITE_OPEN_READ_WRITE,
            )
            .map_err(failed)?;
            rusqlite::backup::Backup::new(&source, &mut copy)
                .and_then(|b| step_to_end(&b))
                .map_err(failed)?;
        }
        check_backup(staged).map_err(|e| match e {
            Error::Invalid(why) => Error::invalid(format!(
                "{} changed while it was read: {why}",
                src.display()
            )),
            other => other,
        })?;
        let mut migrated = Store::open(staged, Access::Existing)?;
        migrated.checkpoint();
        match (&migrated.engine, &mut self.engine) {
            (Engine::Sqlite(from), Engine::Sqlite(to)) => {
                rusqlite::backup::Backup::new(&from.conn, &mut to.conn)
                    .and_then(|b| step_to_end(&b))
                    .map_err(failed)
            }
            _ => super::copy_store(&mut migrated, self, true, &mut |_, _| {}).map(drop),
        }
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

/// Checks that `path` is an intact apikey store of a version this build reads, and
/// returns that version. The whole schema must be what the migrations up to that
/// version create — the same tables with the same columns, the same indexes, and no
/// triggers or views (a backup's own schema could otherwise undo revocations or
/// suppress audit events once restored).
///
/// # Errors
/// [`Error::Invalid`] naming what is wrong; [`Error::NotFound`] if it is missing.
pub fn check_backup(path: &Path) -> Result<i64> {
    if !path.is_file() {
        return Err(Error::not_found(
            crate::error::Entity::File,
            path.display().to_string(),
        ));
    }
    let bad =
        |why: String| Error::invalid(format!("{} is not a usable backup: {why}", path.display()));
    let conn = Connection::open_with_flags(
        crate::files::sqlite_name(path),
        OpenFlags::SQLITE_OPEN_READ_ONLY,
    )
    .map_err(|e| bad(e.to_string()))?;
    conn.pragma_update(None, "trusted_schema", "OFF")
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
    if version < 0 {
        return Err(bad(format!(
            "its schema version {version} is not one apikey writes (1 to {SCHEMA_VERSION})"
        )));
    }
    if version > SCHEMA_VERSION {
        return Err(bad(format!(
            "its schema version {version} is newer than this apikey understands ({SCHEMA_VERSION})"
        )));
    }
    let found = schema_of(&conn).map_err(|e| bad(e.to_string()))?;
    for (kind, name, _) in &found {
        if kind == "trigger" || kind == "view" {
            return Err(bad(format!(
                "it has a {kind} '{name}', which apikey never creates: it was altered"
            )));
        }
    }
    let reference = reference_schema(version).map_err(|e| bad(e.to_string()))?;
    if found != reference {
        let missing = reference.iter().find(|e| !found.contains(e));
        let extra = found.iter().find(|e| !reference.contains(e));
        let why = match (missing, extra) {
            (Some((kind, name, _)), _) if !found.iter().any(|(k, n, _)| k == kind && n == name) => {
                format!("it has no {kind} '{name}'")
            }
            (Some((kind, name, _)), _) => {
                format!("its {kind} '{name}' is not the one schema version {version} has")
            }
            (None, Some((kind, name, _))) => format!("it has an unexpected {kind} '{name}'"),
            (None, None) => "its schema differs".to_owned(),
        };
        return Err(bad(format!(
            "{why}: its schema is not what apikey's schema version {version} is, so it is not an apikey store or it was altered"
        )));
    }
    Ok(version)
}

/// (type, name, SQL) of every schema entry but SQLite's statistics tables and
/// Litestream's bookkeeping tables (`_litestream_seq`, `_litestream_lock`: a store it
/// replicates has them, `docs/many-machines.md`), sorted. Triggers and views are always
/// listed, whatever their name.
fn schema_of(conn: &Connection) -> rusqlite::Result<Vec<(String, String, String)>> {
    let mut stmt = conn.prepare(
        "SELECT type, name, coalesce(sql, '') FROM sqlite_schema
         WHERE substr(name, 1, 11) <> 'sqlite_stat'
           AND NOT (type = 'table' AND substr(name, 1, 12) = '_litestream_')
         ORDER BY type, name",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    rows.collect()
}

/// The schema the migrations up to `version` create, as [`schema_of`] lists it.
fn reference_schema(version: i64) -> rusqlite::Result<Vec<(String, String, String)>> {
    let conn = Connection::open_in_memory()?;
    for sql in super::sqlite::MIGRATIONS
        .iter()
        .take(usize::try_from(version).unwrap_or(0))
    {
        conn.execute_batch(sql)?;
    }
    schema_of(&conn)
}
