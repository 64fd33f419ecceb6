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

// ---------------------------------------------------------------------------------------
// item 2: no store file another process may have written is ever removed
// ---------------------------------------------------------------------------------------

/// Starts the binary on `env`'s store without waiting.
fn spawn(env: &TestEnv, args: &[&str]) -> std::process::Child {
    std::process::Command::new(crate::common::bin())
        .args(args)
        .env_clear()
        .env("APIKEY_DB", env.db())
        .env("APIKEY_ACTOR", "tester")
        .env("HOME", env.dir())
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn")
}

#[test]
fn a_failed_first_command_never_removes_what_concurrent_ones_committed() {
    for round in 0..10 {
        let env = TestEnv::new();
        let mut children: Vec<(bool, std::process::Child)> = Vec::new();
        for i in 0..6 {
            let name = format!("client-{i}");
            children.push((true, spawn(&env, &["client", "add", &name, "--no-key"])));
            if i % 2 == 0 {
                // Fails inside its transaction: the permission does not exist.
                children.push((false, spawn(&env, &["role", "add", "r", "-p", "nope:read"])));
            }
        }
        let mut succeeded = 0;
        for (should_succeed, child) in children {
            let out = child.wait_with_output().expect("wait");
            let stderr = String::from_utf8_lossy(&out.stderr);
            if should_succeed {
                assert!(out.status.success(), "round {round}: {stderr}");
                succeeded += 1;
            } else {
                assert_eq!(out.status.code(), Some(3), "round {round}: {stderr}");
            }
        }
        let listed = env.json(&["client", "list"]);
        assert_eq!(
            listed.as_array().expect("list").len(),
            succeeded,
            "round {round}: clients that were added (exit 0) are gone: {listed}"
        );
        crate::provision_helpers::assert_audit_intact(&env);
        let litter: Vec<String> = listing(env.dir())
            .into_iter()
            .filter(|n| n.starts_with('.'))
            .collect();
        assert!(litter.is_empty(), "round {round}: left behind {litter:?}");
    }
}

#[test]
fn a_failed_first_command_leaves_no_file_at_all() {
    let env = TestEnv::new();
    env.run(&["key", "create", "--client", "nope"]).code(3);
    env.run(&["role", "add", "r", "-p", "nope:read"]).code(3);
    assert!(listing(env.dir()).is_empty(), "{:?}", listing(env.dir()));
    // And a successful one leaves the store and only its own side files.
    env.run(&["client", "add", "app", "--no-key"]).code(0);
    let left: Vec<String> = listing(env.dir())
        .into_iter()
        .filter(|n| !["apikey.db", "apikey.db-wal", "apikey.db-shm"].contains(&n.as_str()))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[cfg(unix)]
#[test]
fn ctrl_c_at_the_password_prompt_of_a_first_user_add_leaves_no_store() {
    let env = TestEnv::new();
    let mut child = std::process::Command::new(crate::common::bin())
        .args(["user", "add", "ops@example.org", "--password-stdin"])
        .env_clear()
        .env("APIKEY_DB", env.db())
        .env("APIKEY_ACTOR", "tester")
        .env("HOME", env.dir())
        // The password never comes: the command waits at the prompt.
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn");
    std::thread::sleep(std::time::Duration::from_millis(700));
    let killed = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(killed.success());
    let status = child.wait().expect("wait");
    assert!(!status.success());
    assert!(listing(env.dir()).is_empty(), "{:?}", listing(env.dir()));
}
