//! Writing files safely: never over the store's own files, never through a planted
//! symbolic link, never half-written (a temporary file in the same directory, synced,
//! then moved into place).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The suffixes SQLite adds to a store's name for its side files.
pub const SIDE_SUFFIXES: [&str; 3] = ["-wal", "-shm", "-journal"];

/// `path` as SQLite must be given it to read it as a plain file name: this SQLite
/// build reads names that start with `file:` as URIs (`file:x.db?mode=memory` would be
/// an in-memory database), so a relative path gets a leading `./`.
pub fn sqlite_name(path: &Path) -> PathBuf {
    if path.is_relative() {
        Path::new(".").join(path)
    } else {
        path.to_owned()
    }
}

/// `path` with `suffix` appended to its file name (`apikey.db` → `apikey.db-wal`).
pub fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// `path` with its directory resolved (symbolic links and `..` in the directory part,
/// not in the final name), for comparing two paths that may be spelt differently.
fn resolved(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?;
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    Some(fs::canonicalize(parent).ok()?.join(name))
}

/// Refuses `target` when it is the store at `store` or one of its side files (`-wal`,
/// `-shm`, `-journal`): writing there would destroy the store. `what` names the target
/// in the message (`the export file`, `the backup`).
///
/// # Errors
/// [`Error::Invalid`] naming the store file.
pub fn refuse_store_file(store: &Path, target: &Path, what: &str) -> Result<()> {
    let Some(target_at) = resolved(target) else {
        return Ok(());
    };
    let Some(store_at) = resolved(store) else {
        return Ok(());
    };
    for suffix in std::iter::once("").chain(SIDE_SUFFIXES) {
        if target_at == with_suffix(&store_at, suffix) {
            let kind = if suffix.is_empty() {
                "the store itself".to_owned()
            } else {
                format!("the store's {suffix} file")
            };
            return Err(Error::invalid(format!(
                "{what} {} is {kind}; writing there would destroy the store: choose another file",
                target.display()
            )));
        }
    }
    Ok(())
}

/// Refuses `target` if anything exists at that path, a symbolic link included (even
/// one that points nowhere), unless `overwrite` and it is a regular file.
///
/// # Errors
/// [`Error::Conflict`] for an existing target; [`Error::Invalid`] for a link or a
/// non-file that is never replaced.
pub fn check_target(target: &Path, overwrite: bool, what: &str) -> Result<()> {
    match fs::symlink_metadata(target) {
        Err(_) => Ok(()),
        Ok(meta) if meta.file_type().is_symlink() => Err(Error::invalid(format!(
            "{what} {} is a symbolic link; links are never followed or replaced: give the path of a new file",
            target.display()
        ))),
        Ok(meta) if !meta.is_file() => Err(Error::invalid(format!(
            "{what} {} exists and is not a regular file; give the path of a new file",
            target.display()
        ))),
        Ok(_) if overwrite => Ok(()),
        Ok(_) => Err(Error::conflict(format!(
            "{what} {} already exists; choose a new file name, or pass --force to replace it",
            target.display()
        ))),
    }
}

/// Creates `path` as a new file with `mode` (Unix), failing if anything exists there;
/// a symbolic link at `path` is not followed.
///
/// # Errors
/// The OS error (`AlreadyExists` when the path is taken).
pub fn create_new(path: &Path, mode: u32) -> std::io::Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, mode);
    #[cfg(not(unix))]
    let _ = mode;
    options.open(path)
}

/// A new, unused path in the same directory as `target`, for a temporary file:
/// `.NAME.tmp-PID-N`.
pub fn temp_beside(target: &Path, tag: &str) -> PathBuf {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let name = target
        .file_name()
        .map_or_else(|| "apikey".into(), |n| n.to_string_lossy().into_owned());
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let unique = format!(
        ".{name}.{tag}-{}-{nanos}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    );
    match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.join(unique),
        _ => PathBuf::from(unique),
    }
}

/// Moves the finished file `temp` to `target`: replacing what is there when
/// `overwrite`, otherwise only if nothing is (atomically, with a hard link; where the
/// file system has none, after a last check). Neither way follows a link at `target`.
/// `temp` is gone afterwards, whatever the outcome.
///
/// # Errors
/// [`Error::Conflict`] if `target` appeared meanwhile; [`Error::Io`] otherwise.
pub fn move_into_place(temp: &Path, target: &Path, overwrite: bool, what: &str) -> Result<()> {
    let result = if overwrite {
        fs::rename(temp, target)
    } else {
        match fs::hard_link(temp, target) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(e),
            // No hard links on this file system (FAT, some network mounts).
            Err(_) if fs::symlink_metadata(target).is_err() => fs::rename(temp, target),
            Err(e) => Err(e),
        }
    };
    let _ = fs::remove_file(temp);
    match result {
        Ok(()) => {
            sync_parent(target);
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(Error::conflict(format!(
            "{what} {} already exists (it appeared while writing); choose a new file name",
            target.display()
        ))),
        Err(e) => Err(Error::io(target, e)),
    }
}

/// Syncs the directory holding `path`, so that a rename into it survives a crash.
/// Best effort: not every platform can open a directory.
pub fn sync_parent(path: &Path) {
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if let Ok(dir) = fs::File::open(parent) {
        let _ = dir.sync_all();
    }
}

/// Writes `bytes` to `target` as a whole or not at all: refused over the store's own
/// files and over links; an existing file is replaced only when `overwrite`. The data
/// goes to a temporary owner-only file in the same directory, is synced, and is moved
/// into place.
///
/// # Errors
/// As [`refuse_store_file`], [`check_target`] and [`move_into_place`]; [`Error::Io`]
/// when writing fails (the target is then untouched).
pub fn write_new(
    store: &Path,
    target: &Path,
    bytes: &[u8],
    overwrite: bool,
    what: &str,
) -> Result<()> {
    refuse_store_file(store, target, what)?;
    check_target(target, overwrite, what)?;
    let temp = temp_beside(target, "tmp");
    let written = create_new(&temp, 0o600).and_then(|mut file| {
        file.write_all(bytes)?;
        file.sync_all()
    });
    if let Err(e) = written {
        let _ = fs::remove_file(&temp);
        return Err(Error::io(target, e));
    }
    move_into_place(&temp, target, overwrite, what)
}
