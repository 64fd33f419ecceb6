//! Issue 10, "Data safety and security": nothing lost, nothing overwritten, nothing
//! trusted that should not be. Each test here failed on the build before its fix.

use std::path::{Path, PathBuf};

use crate::common::TestEnv;
use crate::provision_helpers::{arg, write_file};

/// The names of the files in `dir`, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// `path` with `suffix` appended to its name.
fn suffixed(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// A store with a client and a key, so that losing it would show.
fn populated() -> TestEnv {
    let env = TestEnv::init();
    env.add_client("bpjs-sync");
    env
}

// ---------------------------------------------------------------------------------------
// item 1: export never overwrites what it should not
// ---------------------------------------------------------------------------------------

#[test]
fn export_refuses_an_existing_file_unless_forced() {
    let env = populated();
    let existing = write_file(&env, "state.json", "precious");
    env.rejects(&["export", arg(&existing)], 4, "already exists")
        .stderr_has("--force");
    assert_eq!(std::fs::read_to_string(&existing).unwrap(), "precious");

    env.run(&["export", arg(&existing), "--force"]).code(0);
    let text = std::fs::read_to_string(&existing).unwrap();
    assert!(text.contains("bpjs-sync"), "{text}");
    // Written through a temporary file that does not stay behind.
    assert_eq!(
        listing(env.dir())
            .iter()
            .filter(|n| n.starts_with('.'))
            .count(),
        0
    );
}

#[test]
fn export_never_writes_over_the_store_or_its_side_files() {
    let env = populated();
    let dir_name = env
        .dir()
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    // The store spelt another way: through `..` in the directory.
    let roundabout = env.dir().join("..").join(&dir_name).join("apikey.db");
    let wal = suffixed(env.db(), "-wal");
    let wal_before = std::fs::read(&wal).ok();
    for target in [
        env.db().to_path_buf(),
        roundabout,
        wal.clone(),
        suffixed(env.db(), "-shm"),
        suffixed(env.db(), "-journal"),
    ] {
        for force in [false, true] {
            let mut args = vec!["export", arg(&target)];
            if force {
                args.push("--force");
            }
            env.rejects(&args, 2, "would destroy the store")
                .stderr_one_line();
        }
    }
    assert_eq!(std::fs::read(&wal).ok(), wal_before, "the WAL was written");
    assert!(!suffixed(env.db(), "-journal").exists());
    env.run(&["key", "list"]).code(0).stdout_has("bpjs-sync");
}

#[cfg(unix)]
#[test]
fn export_never_follows_a_planted_symlink() {
    let env = populated();
    // A dangling link: the file it names must not be created.
    let planted = env.dir().join("planted-target");
    let dangling = env.dir().join("dangling.json");
    std::os::unix::fs::symlink(&planted, &dangling).unwrap();
    // A link to a file the user owns: it must not be overwritten.
    let victim = write_file(&env, "victim.txt", "keep me");
    let link = env.dir().join("link.json");
    std::os::unix::fs::symlink(&victim, &link).unwrap();
    // A link to the store itself.
    let to_store = env.dir().join("store-link.json");
    std::os::unix::fs::symlink(env.db(), &to_store).unwrap();
    for target in [&dangling, &link, &to_store] {
        for force in [false, true] {
            let mut args = vec!["export", arg(target)];
            if force {
                args.push("--force");
            }
            env.rejects(&args, 2, "symbolic link");
        }
    }
    assert!(!planted.exists(), "export wrote through a dangling link");
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
    env.run(&["key", "list"]).code(0).stdout_has("bpjs-sync");
}
