//! Backups and restores: consistent copies of a live store, and checked replacement.

use std::fs;
use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use super::{Access, BUSY_TIMEOUT, SCHEMA_VERSION, Store, create_private_file};
use crate::error::{Error, Result};

impl Store {
    /// Writes a consistent copy of the store to `dest`, a new owner-only file, with
    /// SQLite's online backup API. Other processes may keep writing meanwhile: the copy
    /// is taken from one read snapshot in a single step.
    ///
    /// # Errors
    /// [`Error::Conflict`] if `dest` exists; [`Error::Internal`] if it cannot be written.
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
            Error::Internal {
                what: "cannot write the backup",
                detail: format!("{}: {e}", dest.display()),
            }
        })
    }

    /// Replaces the store's content with the backup at `src`, after checking that it is
    /// an intact apikey store this version can read; migrates it if older.
    ///
    /// # Errors
    /// [`Error::Invalid`] if `src` fails the checks (the store is left as it was);
    /// [`Error::Internal`] if the copy fails.
    pub fn restore_from(&mut self, src: &Path) -> Result<()> {
        check_backup(src)?;
        {
            let source = Connection::open_with_flags(src, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
            let backup = rusqlite::backup::Backup::new(&source, &mut self.conn)?;
            step_to_end(&backup).map_err(|e| Error::Internal {
                what: "cannot restore the backup",
                detail: format!("{}: {e}", src.display()),
            })?;
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
        return Err(Error::not_found(
            crate::error::Entity::File,
            path.display().to_string(),
        ));
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
