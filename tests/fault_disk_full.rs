//! The disk fills at many points during `apply`, `key import`, `backup` and `restore`:
//! a small tmpfs of growing sizes holds the file being written. Each run either succeeds
//! whole or fails leaving the store as it was, `integrity_check` ok, and no live key
//! whose secret was not delivered.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::common::{Disk, Run, TestEnv};

/// Sizes at which the disk fills: from before the store is written to after.
const SIZES_KIB: [u32; 9] = [64, 160, 256, 512, 1024, 2048, 3072, 4096, 8192];

fn run_on(env: &TestEnv, db: &Path, args: &[&str], stdin: &str) -> Run {
    Run::from_output(
        env.cmd()
            .env("APIKEY_DB", db)
            .args(args)
            .write_stdin(stdin.to_owned())
            .output()
            .expect("run"),
    )
}

/// (integrity_check, number of keys, number of live keys) of the store at `db`.
fn state(db: &Path) -> (String, i64, i64) {
    let conn =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("open the store");
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity_check");
    let keys: i64 = conn
        .query_row("SELECT count(*) FROM api_keys", [], |r| r.get(0))
        .expect("count");
    let live: i64 = conn
        .query_row(
            "SELECT count(*) FROM api_keys WHERE revoked_at IS NULL",
            [],
            |r| r.get(0),
        )
        .expect("live");
    (integrity, keys, live)
}

fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A new store on `disk`, with a client `app`; `None` when the disk is too small even
/// for that (the failed first command must then leave no store).
/// `n` keys in a format of another system, one per line, for `key import`.
fn legacy_keys(n: usize) -> String {
    (0..n)
        .map(|i| format!("legacy-key-{i:08}-abcdefgh\n"))
        .collect()
}

/// A store whose client `app` holds `n` imported keys.
fn store_with_imported_keys(n: usize) -> TestEnv {
    let env = TestEnv::init();
    env.add_client("app");
    env.run_stdin(&["key", "import", "--client", "app", "-"], &legacy_keys(n))
        .code(0);
    env
}

fn store_on(env: &TestEnv, disk: &Disk) -> Option<PathBuf> {
    let db = disk.0.join("apikey.db");
    let run = run_on(env, &db, &["client", "add", "app", "--no-key"], "");
    if run.code == 0 {
        return Some(db);
    }
    assert!(!db.exists(), "a failed first command left a store: {run:?}");
    None
}

#[cfg(target_os = "linux")]
#[test]
fn apply_with_a_filling_disk_is_all_or_nothing_and_never_loses_a_secret() {
    sqlite_only!("it puts the SQLite store file on a filling disk");
    let env = TestEnv::init();
    let file = env.dir().join("keys.toml");
    std::fs::write(
        &file,
        "[[clients]]\nname = \"app\"\nkeys = [{ label = \"bulk\", count = 1500 }]\n",
    )
    .expect("write");
    let mut outcomes = Vec::new();
    for kib in SIZES_KIB {
        let Some(disk) = Disk::mount(&env, kib) else {
            return;
        };
        let Some(db) = store_on(&env, &disk) else {
            outcomes.push((kib, "no store"));
            continue;
        };
        let secrets = disk.0.join("secrets.json");
        let run = run_on(
            &env,
            &db,
            &[
                "apply",
                file.to_str().expect("utf-8"),
                "--secrets-out",
                secrets.to_str().expect("utf-8"),
            ],
            "",
        );
        let (integrity, keys, _) = state(&db);
        assert_eq!(integrity, "ok", "{kib} KiB: {run:?}");
        if run.code == 0 {
            assert_eq!(keys, 1500, "{kib} KiB");
            let delivered: Vec<serde_json::Value> =
                serde_json::from_str(&std::fs::read_to_string(&secrets).expect("secrets"))
                    .expect("secrets JSON");
            assert_eq!(delivered.len(), 1500, "{kib} KiB");
            let conn = rusqlite::Connection::open(&db).expect("open");
            for entry in &delivered {
                let secret = entry["secret"].as_str().expect("secret");
                let found: i64 = conn
                    .query_row(
                        "SELECT count(*) FROM api_keys WHERE secret_sha256 = ?1",
                        [sha256_hex(secret)],
                        |r| r.get(0),
                    )
                    .expect("lookup");
                assert_eq!(found, 1, "{kib} KiB: a delivered secret has no key");
            }
            outcomes.push((kib, "applied"));
        } else {
            assert_ne!(run.code, 0);
            assert_eq!(
                keys, 0,
                "{kib} KiB: keys were committed by a failed apply: {run:?}"
            );
            assert!(
                !secrets.exists(),
                "{kib} KiB: the secrets of a failed apply stayed"
            );
            outcomes.push((kib, "refused"));
        }
    }
    // The sizes cover both outcomes: the test exercised a full disk and a fitting one.
    assert!(
        outcomes.iter().any(|(_, o)| *o == "refused"),
        "{outcomes:?}"
    );
    assert!(
        outcomes.iter().any(|(_, o)| *o == "applied"),
        "{outcomes:?}"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn key_import_with_a_filling_disk_is_all_or_nothing() {
    sqlite_only!("it puts the SQLite store file on a filling disk");
    let env = TestEnv::init();
    let keys = legacy_keys(3000);
    let mut outcomes = Vec::new();
    for kib in SIZES_KIB {
        let Some(disk) = Disk::mount(&env, kib) else {
            return;
        };
        let Some(db) = store_on(&env, &disk) else {
            continue;
        };
        let run = run_on(&env, &db, &["key", "import", "--client", "app", "-"], &keys);
        let (integrity, count, _) = state(&db);
        assert_eq!(integrity, "ok", "{kib} KiB: {run:?}");
        let expected = if run.code == 0 { 3000 } else { 0 };
        assert_eq!(count, expected, "{kib} KiB: {run:?}");
        outcomes.push(run.code == 0);
    }
    assert!(
        outcomes.contains(&true) && outcomes.contains(&false),
        "{outcomes:?}"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn backup_to_a_filling_disk_writes_a_whole_backup_or_none() {
    let env = store_with_imported_keys(2000);
    let store_keys = || {
        if env.is_postgres() {
            env.query_i64("SELECT count(*) FROM api_keys", &[]).unwrap()
        } else {
            state(env.db()).1
        }
    };
    let total = store_keys();
    let mut outcomes = Vec::new();
    for kib in SIZES_KIB {
        let Some(disk) = Disk::mount(&env, kib) else {
            return;
        };
        let out = disk.0.join("backup.db");
        let run = env.run(&["backup", out.to_str().expect("utf-8")]);
        if run.code == 0 {
            let (integrity, count, _) = state(&out);
            assert_eq!((integrity.as_str(), count), ("ok", total), "{kib} KiB");
        } else {
            let left: Vec<_> = std::fs::read_dir(&disk.0).expect("list").collect();
            assert!(
                left.is_empty(),
                "{kib} KiB: a failed backup left files: {left:?}"
            );
        }
        assert_eq!(store_keys(), total, "the store itself changed");
        outcomes.push(run.code == 0);
    }
    assert!(
        outcomes.contains(&true) && outcomes.contains(&false),
        "{outcomes:?}"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn restore_onto_a_filling_disk_keeps_the_old_store_or_the_new_whole() {
    sqlite_only!("it puts the SQLite store file on a filling disk");
    let env = store_with_imported_keys(2000);
    let backup = env.dir().join("big.db");
    env.run(&["backup", backup.to_str().expect("utf-8")])
        .code(0);
    let (_, backed_up, _) = state(&backup);
    let mut outcomes = Vec::new();
    for kib in SIZES_KIB {
        let Some(disk) = Disk::mount(&env, kib) else {
            return;
        };
        let Some(db) = store_on(&env, &disk) else {
            continue;
        };
        let before = state(&db).1;
        let run = run_on(
            &env,
            &db,
            &["restore", backup.to_str().expect("utf-8"), "--yes"],
            "",
        );
        let (integrity, count, _) = state(&db);
        assert_eq!(integrity, "ok", "{kib} KiB: {run:?}");
        let expected = if run.code == 0 { backed_up } else { before };
        assert_eq!(count, expected, "{kib} KiB: {run:?}");
        outcomes.push(run.code == 0);
    }
    assert!(outcomes.contains(&false), "{outcomes:?}");
}
