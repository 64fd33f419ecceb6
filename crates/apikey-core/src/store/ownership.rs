//! Refusing a store someone else could have written, as ssh's `StrictModes` does.
//!
//! Whoever can write a store can plant a key that verifies. So an existing store file,
//! and each of its `-wal`, `-shm` and `-journal` files that exists, must not be writable
//! by group or others (refused for every open), and must be owned by the process's own
//! user to be opened read-write. A read-only open ([`Access::ReadOnly`]) accepts a file
//! owned by another user: that is how a store is shared with an API server running as
//! another user (the owner keeps it 0640 with the server's group; the server reads).

use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::sync::OnceLock;

use super::Access;
use crate::error::{Error, Result};

/// Checks the store at `path` (which exists) and its side files before opening it.
pub(super) fn check(path: &Path, access: Access) -> Result<()> {
    let me = process_uid().map_err(|e| Error::io(path, e))?;
    for suffix in std::iter::once("").chain(crate::files::SIDE_SUFFIXES) {
        let file = crate::files::with_suffix(path, suffix);
        let meta = match fs::metadata(&file) {
            Ok(meta) => meta,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !suffix.is_empty() => {
                continue;
            }
            Err(e) => return Err(Error::io(&file, e)),
        };
        let mode = meta.mode() & 0o7777;
        let owner = meta.uid();
        let refuse = |reason: String| Error::UnsafeStore {
            path: path.to_owned(),
            reason,
        };
        if mode & 0o022 != 0 {
            let who = match (mode & 0o020 != 0, mode & 0o002 != 0) {
                (true, true) => "group and others",
                (true, false) => "its group",
                _ => "others",
            };
            return Err(refuse(format!(
                "{} is writable by {who} (mode {mode:04o}, owner uid {owner}), so someone else could have planted keys in it; check its contents, then run `chmod go-w {}` (0600 for the owner alone, or 0640 to share it read-only with a group)",
                file.display(),
                file.display()
            )));
        }
        if owner != me && access != Access::ReadOnly {
            return Err(refuse(format!(
                "{} is owned by uid {owner}, not by this process's uid {me} (mode {mode:04o}); only its owner opens it read-write. Run as that user; or, if you trust its contents, take it over (`chown` it and its -wal and -shm files to yourself, then `chmod 600` them); another user may only read it (read-only commands, a server opening it read-only; see the README's Security notes).",
                file.display()
            )));
        }
    }
    Ok(())
}

/// The process's effective uid, without `unsafe`: from `/proc/self/status`, else the
/// owner of a file it just created.
fn process_uid() -> std::io::Result<u32> {
    static UID: OnceLock<u32> = OnceLock::new();
    if let Some(uid) = UID.get() {
        return Ok(*uid);
    }
    let uid = match uid_from_proc() {
        Some(uid) => uid,
        None => uid_from_new_file()?,
    };
    Ok(*UID.get_or_init(|| uid))
}

/// The effective uid (the second field of the `Uid:` line) of `/proc/self/status`.
fn uid_from_proc() -> Option<u32> {
    let status = fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find_map(|l| l.strip_prefix("Uid:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// The owner of a file created now in the temporary directory.
fn uid_from_new_file() -> std::io::Result<u32> {
    let probe = crate::files::temp_beside(&std::env::temp_dir().join("apikey-uid"), "uid");
    let created = crate::files::create_new(&probe, 0o600);
    let uid = created.and_then(|file| file.metadata()).map(|m| m.uid());
    let _ = fs::remove_file(&probe);
    uid
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_ways_of_finding_the_uid_agree() {
        let from_file = uid_from_new_file().expect("probe");
        if let Some(from_proc) = uid_from_proc() {
            assert_eq!(from_proc, from_file);
        }
    }
}
