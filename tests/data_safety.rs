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
    sqlite_only!("it is about the store file and its -wal/-shm/-journal side files");
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
        .env("APIKEY_DB", env.store())
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
        .env("APIKEY_DB", env.store())
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

// ---------------------------------------------------------------------------------------
// item 3: a key whose secret was not delivered is not left live
// ---------------------------------------------------------------------------------------

/// Runs the binary in bash with `redirect` applied to its standard output (`>/dev/full`,
/// `>&-`, or a pipe whose reader is gone); returns (exit code, stderr).
fn run_redirected(env: &TestEnv, args: &[&str], redirect: &str) -> (i32, String) {
    if redirect == "closed pipe" {
        // A pipe whose reading end is closed before the command starts: every write
        // fails (EPIPE), with no race against a reader closing it later.
        let (reader, writer) = std::io::pipe().expect("pipe");
        drop(reader);
        let out = std::process::Command::new(crate::common::bin())
            .args(args)
            .env_clear()
            .env("APIKEY_DB", env.store())
            .env("APIKEY_ACTOR", "tester")
            .env("HOME", env.dir())
            .stdin(std::process::Stdio::null())
            .stdout(writer)
            .stderr(std::process::Stdio::piped())
            .output()
            .expect("run");
        return (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        );
    }
    let quoted: Vec<String> = args
        .iter()
        .map(|a| format!("'{}'", a.replace('\'', r"'\''")))
        .collect();
    let script = format!(r#""$APIKEY_BIN" {} {redirect}"#, quoted.join(" "));
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(&script)
        .env_clear()
        .env("APIKEY_BIN", crate::common::bin())
        .env("APIKEY_DB", env.store())
        .env("APIKEY_ACTOR", "tester")
        .env("HOME", env.dir())
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .stdin(std::process::Stdio::null())
        .output()
        .expect("bash");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Every key of the store as (id, status, revoked reason).
fn keys(env: &TestEnv) -> Vec<(String, String, String)> {
    env.query_rows(
        "SELECT id, revoked_at IS NOT NULL, coalesce(revoked_reason, '') FROM api_keys ORDER BY id",
        &[],
    )
    .iter()
    .map(|r| {
        let revoked = r[1].int() == Some(1);
        (
            r[0].text().unwrap(),
            if revoked { "revoked" } else { "live" }.to_owned(),
            r[2].text().unwrap(),
        )
    })
    .collect()
}

/// The keys not revoked.
fn live_keys(env: &TestEnv) -> Vec<String> {
    keys(env)
        .into_iter()
        .filter(|(_, status, _)| status == "live")
        .map(|(id, _, _)| id)
        .collect()
}

const REDIRECTS: [&str; 3] = [">/dev/full", ">&-", "closed pipe"];

#[cfg(target_os = "linux")]
#[test]
fn a_key_whose_secret_cannot_be_printed_is_revoked_and_the_command_fails() {
    for redirect in REDIRECTS {
        for json in [false, true] {
            let env = TestEnv::init();
            env.run(&["client", "add", "app", "--no-key"]).code(0);
            let mut args = vec!["key", "create", "--client", "app"];
            if json {
                args.insert(0, "--json");
            }
            let (code, stderr) = run_redirected(&env, &args, redirect);
            assert_eq!(code, 1, "{redirect}: {stderr}");
            assert!(stderr.contains("revoked"), "{redirect}: {stderr}");
            assert!(!stderr.contains("ak_"), "a secret reached stderr: {stderr}");
            let all = keys(&env);
            assert_eq!(all.len(), 1, "{redirect}: {all:?}");
            assert_eq!(all[0].1, "revoked", "{redirect}: {all:?}");
            assert!(all[0].2.contains("not be delivered"), "{all:?}");
            assert!(
                stderr.contains(&all[0].0),
                "the message names the key: {stderr}"
            );
        }
    }
}

#[cfg(target_os = "linux")]
#[test]
fn client_add_and_rotate_revoke_a_key_whose_secret_is_lost() {
    for redirect in REDIRECTS {
        let env = TestEnv::init();
        let (code, stderr) = run_redirected(&env, &["client", "add", "app"], redirect);
        assert_eq!(code, 1, "{redirect}: {stderr}");
        assert!(live_keys(&env).is_empty(), "{redirect}: {:?}", keys(&env));

        let (id, _) = env.create_key("app", &[]);
        let (code, stderr) = run_redirected(&env, &["key", "rotate", &id], redirect);
        assert_eq!(code, 1, "{redirect}: {stderr}");
        // Only the old key is live (within its grace period); the new one is revoked.
        assert_eq!(
            live_keys(&env),
            vec![id.clone()],
            "{redirect}: {:?}",
            keys(&env)
        );
        crate::provision_helpers::assert_audit_intact(&env);
    }
}

#[cfg(target_os = "linux")]
#[test]
fn apply_revokes_every_key_whose_secret_it_could_not_print() {
    let env = TestEnv::init();
    let file = write_file(
        &env,
        "keys.toml",
        "[[clients]]\nname = \"app\"\nkeys = [{ label = \"prod\", count = 3 }]\n",
    );
    let (code, stderr) = run_redirected(&env, &["apply", arg(&file)], ">/dev/full");
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("3 new keys"), "{stderr}");
    assert_eq!(keys(&env).len(), 3);
    assert!(live_keys(&env).is_empty(), "{:?}", keys(&env));
}

#[test]
fn output_redirected_to_dev_null_by_choice_keeps_the_key() {
    // `> /dev/null` is the user's explicit choice (scripts that count keys do it).
    let env = TestEnv::init();
    env.run(&["client", "add", "app", "--no-key"]).code(0);
    let (code, stderr) = run_redirected(&env, &["key", "create", "--client", "app"], ">/dev/null");
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(live_keys(&env).len(), 1);
}

#[test]
fn quiet_apply_without_secrets_out_is_refused() {
    let env = TestEnv::init();
    let file = write_file(
        &env,
        "keys.toml",
        "[[clients]]\nname = \"app\"\nkeys = [{ label = \"prod\" }]\n",
    );
    env.rejects(&["--quiet", "apply", arg(&file)], 2, "--secrets-out");
    // With a destination for the secrets it runs, and prints nothing.
    let out = env.dir().join("secrets.json");
    let run = env.run(&["--quiet", "apply", arg(&file), "--secrets-out", arg(&out)]);
    run.code(0);
    assert!(run.stdout.is_empty(), "{run:?}");
    assert!(std::fs::read_to_string(&out).unwrap().contains("ak_"));
    // A file without keys needs no destination.
    let no_keys = write_file(&env, "perms.toml", "[[permissions]]\nname = \"a:read\"\n");
    env.run(&["--quiet", "apply", arg(&no_keys)]).code(0);
}

#[cfg(target_os = "linux")]
#[test]
fn apply_whose_secrets_fill_the_disk_commits_nothing() {
    let env = TestEnv::init();
    let Some(disk) = crate::common::Disk::mount(&env, 64) else {
        return;
    };
    let file = write_file(
        &env,
        "keys.toml",
        "[[clients]]\nname = \"app\"\nkeys = [{ label = \"bulk\", count = 3000 }]\n",
    );
    let before = env.dump();
    let secrets = disk.0.join("secrets.json");
    let run = env.run(&["apply", arg(&file), "--secrets-out", arg(&secrets)]);
    run.code(1).stderr_has("nothing was applied");
    assert!(!run.stderr.contains("ak_"), "{}", run.stderr);
    assert_eq!(
        before,
        env.dump(),
        "keys were committed without their secrets"
    );
    assert!(!secrets.exists());
    assert!(keys(&env).is_empty());
}

// ---------------------------------------------------------------------------------------
// items 4 and 8: restore checks a backup completely before touching the store
// ---------------------------------------------------------------------------------------

/// A store with a client and a key, and a good backup of it altered by `forge`.
fn forged_backup(forge: &str) -> (TestEnv, PathBuf) {
    let env = populated();
    let backup = env.dir().join("forged.db");
    env.run(&["backup", arg(&backup)]).code(0);
    rusqlite::Connection::open(&backup)
        .unwrap()
        .execute_batch(forge)
        .unwrap_or_else(|e| panic!("forging {forge}: {e}"));
    (env, backup)
}

#[test]
fn restore_refuses_forged_backups_and_the_store_stays_usable() {
    let forgeries: &[(&str, &str)] = &[
        ("PRAGMA user_version = -1;", "schema version -1"),
        // Lower than its tables: migrations would run again over them.
        (
            "PRAGMA user_version = 1;",
            "not the one schema version 1 has",
        ),
        (
            "CREATE TRIGGER unrevoke AFTER UPDATE ON api_keys BEGIN \
             UPDATE api_keys SET revoked_at = NULL WHERE id = new.id; END;",
            "trigger 'unrevoke'",
        ),
        (
            "CREATE TRIGGER quiet BEFORE INSERT ON audit_events BEGIN SELECT RAISE(IGNORE); END;",
            "trigger 'quiet'",
        ),
        (
            "CREATE VIEW everything AS SELECT * FROM api_keys;",
            "view 'everything'",
        ),
        (
            "ALTER TABLE clients ADD COLUMN owner TEXT;",
            "table 'clients'",
        ),
        ("CREATE TABLE extra (x);", "unexpected table 'extra'"),
        // Litestream's tables pass, but not a trigger hidden under their prefix.
        (
            "CREATE TABLE _litestream_seq (id INTEGER PRIMARY KEY, seq INTEGER);
             CREATE TRIGGER _litestream_x AFTER UPDATE ON api_keys BEGIN SELECT 1; END;",
            "trigger '_litestream_x'",
        ),
    ];
    for (forge, why) in forgeries {
        let (env, backup) = forged_backup(forge);
        env.rejects(&["restore", arg(&backup), "--yes"], 2, why)
            .stderr_has("not a usable backup");
        env.run(&["client", "list"]).code(0).stdout_has("bpjs-sync");
        let left: Vec<String> = listing(env.dir())
            .into_iter()
            .filter(|n| n.starts_with('.'))
            .collect();
        assert!(left.is_empty(), "{forge}: left {left:?}");
    }
}

#[test]
fn restore_accepts_a_backup_of_a_store_litestream_replicates() {
    // Litestream keeps two tables of its own in the store it replicates
    // (docs/many-machines.md); a backup of such a store restores.
    let (env, backup) = forged_backup(
        "CREATE TABLE _litestream_seq (id INTEGER PRIMARY KEY, seq INTEGER);
         CREATE TABLE _litestream_lock (id INTEGER);",
    );
    env.run(&["restore", arg(&backup), "--yes"]).code(0);
    env.run(&["client", "list"]).code(0).stdout_has("bpjs-sync");
    env.run(&["audit", "verify"]).code(0);
}

#[test]
fn restore_refuses_a_backup_missing_an_index() {
    let (env, backup) = forged_backup("");
    let index: String = rusqlite::Connection::open(&backup)
        .unwrap()
        .query_row(
            "SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    rusqlite::Connection::open(&backup)
        .unwrap()
        .execute_batch(&format!("DROP INDEX \"{index}\";"))
        .unwrap();
    env.rejects(
        &["restore", arg(&backup), "--yes"],
        2,
        &format!("no index '{index}'"),
    );
}

#[test]
fn a_good_restore_after_refused_forgeries_still_works_and_leaves_no_temp_file() {
    let (env, forged) = forged_backup("PRAGMA user_version = -1;");
    let good = env.dir().join("good.db");
    env.run(&["backup", arg(&good)]).code(0);
    env.run(&["client", "add", "later", "--no-key"]).code(0);
    env.run(&["restore", arg(&forged), "--yes"]).code(2);
    env.run(&["restore", arg(&good), "--yes"]).code(0);
    let names = env.json(&["client", "list"]);
    assert_eq!(names.as_array().unwrap().len(), 1, "{names}");
    crate::provision_helpers::assert_audit_intact(&env);
    assert!(
        listing(env.dir()).iter().all(|n| !n.starts_with('.')),
        "{:?}",
        listing(env.dir())
    );
}

// ---------------------------------------------------------------------------------------
// items 9 and 10: paths are plain files, never followed links, never SQLite URIs
// ---------------------------------------------------------------------------------------

/// Runs the binary with `args` in `env`'s directory.
fn run_in_dir(env: &TestEnv, args: &[&str]) -> crate::common::Run {
    let out = env
        .cmd()
        .current_dir(env.dir())
        .args(args)
        .write_stdin("")
        .output()
        .expect("run");
    crate::common::Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A store path that is a link to nothing: commands that would create the store say so
/// (exit 2, before any work) and create nothing, neither at the link's target nor beside
/// it; commands that need a store find none (exit 3).
#[cfg(unix)]
#[test]
fn a_new_store_is_never_created_through_a_dangling_link() {
    let env = TestEnv::new_sqlite();
    let target = env.dir().join("elsewhere.db");
    let link = env.dir().join("apikey.db");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let source = TestEnv::new_sqlite();
    source.add_client("bpjs-sync");
    for args in [
        vec!["init"],
        vec!["client", "add", "bpjs-sync"],
        vec![
            "store",
            "copy",
            "--from",
            arg(source.db()),
            "--to",
            arg(&link),
        ],
    ] {
        env.rejects(&args, 2, "is a symbolic link to")
            .stderr_has("elsewhere.db")
            .stderr_has("remove the link");
    }
    env.rejects(&["client", "list"], 3, "no store");
    let mut left: Vec<_> = std::fs::read_dir(env.dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    left.sort();
    assert_eq!(left, ["apikey.db"], "files beside the link");
    assert!(!target.exists());
}

#[cfg(unix)]
#[test]
fn backup_refuses_planted_links_and_the_stores_own_files() {
    let env = populated();
    let planted = env.dir().join("planted-target");
    let dangling = env.dir().join("dangling.db");
    std::os::unix::fs::symlink(&planted, &dangling).unwrap();
    let victim = write_file(&env, "victim.txt", "keep me");
    let link = env.dir().join("link.db");
    std::os::unix::fs::symlink(&victim, &link).unwrap();
    env.rejects(&["backup", arg(&dangling)], 2, "symbolic link");
    env.rejects(&["backup", arg(&link)], 2, "symbolic link");
    assert!(!planted.exists(), "backup wrote through a dangling link");
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
    // The store's own files (SQLite only: a PostgreSQL store has none here).
    if !env.is_postgres() {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let target = suffixed(env.db(), suffix);
            let codes: &[i32] = if target.exists() { &[2, 4] } else { &[2] };
            env.rejects_any(&["backup", arg(&target)], "", codes, "");
            assert!(!suffixed(env.db(), "-journal").exists());
        }
        env.rejects(
            &["backup", arg(&suffixed(env.db(), "-journal"))],
            2,
            "would destroy the store",
        );
    }
    env.run(&["client", "list"]).code(0).stdout_has("bpjs-sync");
}

#[test]
fn backup_paths_are_file_names_never_sqlite_uris() {
    let env = populated();
    for name in ["file:x.db?mode=memory", "file:y.db"] {
        run_in_dir(&env, &["backup", name]).code(0);
        let written = env.dir().join(name);
        assert!(
            written.is_file(),
            "no file named {name}: {:?}",
            listing(env.dir())
        );
        assert_eq!(crate::provision_helpers::mode(&written), 0o600);
        // And read back as that file too.
        run_in_dir(&env, &["--db", name, "client", "list"])
            .code(0)
            .stdout_has("bpjs-sync");
    }
    assert!(!env.dir().join("x.db").exists() && !env.dir().join("y.db").exists());
}

#[test]
fn a_db_that_looks_like_a_url_is_refused() {
    let env = TestEnv::new();
    for url in ["sqlite:///tmp/x.db", "mysql+tls://h/d"] {
        let run = run_in_dir(&env, &["--db", url, "init"]);
        run.code(2).stderr_has("looks like a URL").stderr_one_line();
        run_in_dir(&env, &["--db", url, "client", "add", "x"]).code(2);
    }
    assert!(listing(env.dir()).is_empty(), "{:?}", listing(env.dir()));
}

#[test]
fn an_unreachable_postgres_store_fails_clearly_without_showing_its_password() {
    let env = TestEnv::new();
    // Port 1 on loopback: nothing listens there, and the connection is refused at once.
    let url = "postgres://apikey:hunter2@127.0.0.1:1/apikey";
    let run = run_in_dir(&env, &["--db", url, "client", "add", "x"]);
    run.code(1)
        .stderr_has("postgres://apikey@127.0.0.1:1/apikey")
        .stderr_has("cannot connect")
        .stderr_one_line();
    assert!(!run.stderr.contains("hunter2"), "{}", run.stderr);
    let bad = run_in_dir(&env, &["--db", "postgres://h/db?sslmode=sometimes", "init"]);
    bad.code(2).stderr_has("does not parse").stderr_one_line();
    assert!(listing(env.dir()).is_empty(), "{:?}", listing(env.dir()));
}

#[cfg(unix)]
#[test]
fn man_out_dir_never_follows_links_or_overwrites_without_force() {
    let env = TestEnv::new();
    let out = env.dir().join("man");
    let dir = out.join("man1");
    std::fs::create_dir_all(&dir).unwrap();
    let victim = write_file(&env, "victim.txt", "keep me");
    std::os::unix::fs::symlink(&victim, dir.join("apikey.1")).unwrap();
    for force in [false, true] {
        let mut args = vec!["man", "--out-dir", arg(&out)];
        if force {
            args.push("--force");
        }
        env.run(&args).code(2).stderr_has("symbolic link");
    }
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
    std::fs::remove_file(dir.join("apikey.1")).unwrap();

    env.run(&["man", "--out-dir", arg(&out)]).code(0);
    std::fs::write(dir.join("apikey.1"), "edited").unwrap();
    env.run(&["man", "--out-dir", arg(&out)])
        .code(4)
        .stderr_has("already exists");
    assert_eq!(
        std::fs::read_to_string(dir.join("apikey.1")).unwrap(),
        "edited"
    );
    env.run(&["man", "--out-dir", arg(&out), "--force"]).code(0);
    assert!(
        std::fs::read_to_string(dir.join("apikey.1"))
            .unwrap()
            .contains(".TH")
    );
    assert!(
        listing(&dir).iter().all(|n| !n.starts_with('.')),
        "{:?}",
        listing(&dir)
    );
}
