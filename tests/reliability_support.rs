//! Helpers shared by the reliability suites (`reliability_*.rs`, `properties.rs`).

#![allow(dead_code)]

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

use crate::common::{TestEnv, bin};

/// Starts `script` in bash with `$APIKEY_BIN`, `APIKEY_DB` and `APIKEY_ACTOR` set, stdin
/// closed and stdout/stderr captured, without waiting. One bash loop per worker keeps
/// the test from spawning every command from Rust.
pub fn spawn_bash(env: &TestEnv, script: &str) -> Child {
    Command::new("bash")
        .arg("-c")
        .arg(script)
        .env("APIKEY_BIN", bin())
        .env("APIKEY_DB", env.store())
        .env("APIKEY_ACTOR", "worker")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn bash")
}

/// Waits for every child and returns their outputs, in order.
pub fn wait_all(children: Vec<Child>) -> Vec<Output> {
    children
        .into_iter()
        .map(|c| c.wait_with_output().expect("wait"))
        .collect()
}

/// `path` with `suffix` appended (`store.db` + `-wal`).
/// Folds the store's WAL into the main file and removes it: apikey leaves the WAL in
/// place between runs (no checkpoint on close), and closing this last connection does
/// the checkpoint. Byte comparisons of the store then see one settled file.
pub fn settle(db: &Path) {
    let conn = rusqlite::Connection::open(db).expect("open store to settle it");
    // Reading joins the WAL; closing as the last connection then checkpoints it away.
    conn.query_row("SELECT count(*) FROM sqlite_schema", [], |_| Ok(()))
        .expect("read store to settle it");
}

pub fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name: OsString = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// The bytes of a store file and of its `-wal` file (if any), kept apart so that a
/// difference says which one changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreBytes {
    pub db: Option<Vec<u8>>,
    pub wal: Option<Vec<u8>>,
}

impl StoreBytes {
    /// Reads `path` and `path-wal`; a missing file is `None`, and so is an empty WAL
    /// (opening a WAL store creates one; it holds nothing).
    pub fn of(path: &Path) -> StoreBytes {
        StoreBytes {
            db: std::fs::read(path).ok(),
            wal: std::fs::read(with_suffix(path, "-wal"))
                .ok()
                .filter(|wal| !wal.is_empty()),
        }
    }

    /// A short description of how `self` differs from `other`, or `None` if equal.
    pub fn difference(&self, other: &StoreBytes) -> Option<String> {
        let describe = |what: &str, a: &Option<Vec<u8>>, b: &Option<Vec<u8>>| match (a, b) {
            (None, None) => None,
            (Some(_), None) => Some(format!("{what} disappeared")),
            (None, Some(b)) => Some(format!("{what} appeared ({} bytes)", b.len())),
            (Some(a), Some(b)) if a == b => None,
            (Some(a), Some(b)) => {
                let first = a.iter().zip(b.iter()).position(|(x, y)| x != y);
                Some(format!(
                    "{what} changed ({} -> {} bytes, first difference at {first:?})",
                    a.len(),
                    b.len()
                ))
            }
        };
        let parts: Vec<String> = [
            describe("the store file", &self.db, &other.db),
            describe("the -wal file", &self.wal, &other.wal),
        ]
        .into_iter()
        .flatten()
        .collect();
        (!parts.is_empty()).then(|| parts.join("; "))
    }
}

/// The names in `dir`, sorted.
pub fn listing(dir: &Path) -> Vec<String> {
    // A WAL store's -wal and -shm companions come and go with normal use; the WAL's
    // content is compared by StoreBytes.
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|name| !name.ends_with(".db-wal") && !name.ends_with(".db-shm"))
        .collect();
    names.sort();
    names
}

/// A small deterministic PRNG (SplitMix64): reproducible "random" choices from a seed.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator seeded with `seed`.
    pub fn new(seed: u64) -> SplitMix64 {
        SplitMix64(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform float in [0, 1).
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// The seed for randomised reliability tests: `APIKEY_TEST_SEED` if set (to replay a
/// failure), else the current time. Printed so that a failing run can be replayed.
pub fn seed(test: &str) -> u64 {
    let seed = std::env::var("APIKEY_TEST_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos() as u64)
        });
    eprintln!("{test}: seed {seed} (replay with APIKEY_TEST_SEED={seed})");
    seed
}

/// Counts the non-overlapping occurrences of `needle` in `haystack`.
pub fn occurrences(haystack: &[u8], needle: &[u8]) -> usize {
    if needle.is_empty() || haystack.len() < needle.len() {
        return 0;
    }
    let mut count = 0;
    let mut i = 0;
    while i + needle.len() <= haystack.len() {
        if &haystack[i..i + needle.len()] == needle {
            count += 1;
            i += needle.len();
        } else {
            i += 1;
        }
    }
    count
}
