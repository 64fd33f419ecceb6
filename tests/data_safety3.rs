//! Issue 10, "Data safety and security": `scan` limits (item 17) and stores planted by
//! someone else (item 11). Each test here failed on the build before its fix.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::common::TestEnv;
use crate::provision_helpers::arg;

// ---------------------------------------------------------------------------------------
// item 17: scan limits
// ---------------------------------------------------------------------------------------

/// A store with one live key, and an empty project directory beside it.
fn project() -> (TestEnv, String, PathBuf) {
    let env = TestEnv::init();
    let (_id, secret) = env.create_key_for_new_client();
    let project = env.dir().join("project");
    std::fs::create_dir_all(&project).expect("mkdir");
    (env, secret, project)
}

impl TestEnv {
    fn create_key_for_new_client(&self) -> (String, String) {
        self.add_client("app");
        self.create_key("app", &[])
    }
}

fn unknown_key() -> String {
    apikey_core::secret::generate("ak")
        .expect("generate")
        .secret
        .expose()
        .to_owned()
}

fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo");
    assert!(status.success());
}

fn reasons(out: &Value) -> Vec<(String, String)> {
    out["not_scanned"]
        .as_array()
        .expect("not_scanned")
        .iter()
        .map(|n| {
            (
                n["file"].as_str().expect("file").to_owned(),
                n["reason"].as_str().expect("reason").to_owned(),
            )
        })
        .collect()
}

#[test]
fn scan_skips_special_files_reports_them_and_exits_1() {
    let (env, _secret, project) = project();
    std::fs::write(project.join("clean.txt"), "nothing here\n").expect("write");
    let fifo = project.join("pipe");
    mkfifo(&fifo);
    // Before the fix a fifo blocked the scan forever; it is skipped without opening it.
    let run = env.run(&["--json", "scan", arg(&project)]);
    run.code(1)
        .stderr_has("1 file could not be scanned (1 skipped, 0 unreadable)")
        .stderr_has("pipe (special)");
    let out = run.json();
    assert_eq!(out["files_scanned"], 1, "{out:#}");
    assert_eq!(out["files_skipped"], 1, "{out:#}");
    assert_eq!(out["files_unreadable"], 0, "{out:#}");
    assert_eq!(
        reasons(&out),
        vec![(arg(&fifo).to_owned(), "special".into())]
    );

    // A device given directly, and pseudo files, are skipped too.
    let run = env.run(&["--json", "scan", "/dev/null", "/proc/self/environ", "/sys"]);
    run.code(1).stderr_has("3 files could not be scanned");
    let out = run.json();
    assert_eq!(out["files_scanned"], 0, "{out:#}");
    assert_eq!(
        reasons(&out),
        vec![
            ("/dev/null".into(), "special".into()),
            ("/proc/self/environ".into(), "pseudo".into()),
            ("/sys".into(), "pseudo".into()),
        ]
    );
}

#[test]
fn scan_counts_files_over_the_size_limit_as_skipped() {
    let (env, secret, project) = project();
    let big = project.join("big.bin");
    let file = std::fs::File::create(&big).expect("create");
    file.set_len(64 * 1024 * 1024 + 1).expect("sparse file");
    std::fs::write(project.join("exact.txt"), "x\n").expect("write");
    let run = env.run(&["--json", "scan", arg(&project)]);
    run.code(1).stderr_has("big.bin (too_large)");
    let out = run.json();
    assert_eq!(out["files_scanned"], 1, "{out:#}");
    assert_eq!(out["files_skipped"], 1, "{out:#}");
    assert_eq!(
        reasons(&out),
        vec![(arg(&big).to_owned(), "too_large".into())]
    );

    // A live key found wins over files not scanned: exit 5, the counts still there.
    std::fs::write(project.join(".env"), format!("KEY={secret}\n")).expect("write");
    let run = env.run(&["--json", "scan", arg(&project)]);
    run.code(5).stderr_has("1 file could not be scanned");
    assert_eq!(run.json()["files_skipped"], 1);
    assert_eq!(run.json()["live_keys"], 1);
}

#[test]
fn scan_honours_ignore_files_only_inside_git_repositories() {
    let (env, secret, project) = project();
    std::fs::write(project.join(".gitignore"), "hidden.env\n").expect("write");
    std::fs::write(project.join(".ignore"), "also.env\n").expect("write");
    std::fs::write(project.join("hidden.env"), format!("{secret}\n")).expect("write");
    std::fs::write(project.join("also.env"), format!("{secret}\n")).expect("write");
    // Outside a git repository one ignore line hid a leak (exit 0) before the fix.
    let run = env.run(&["--json", "scan", arg(&project)]);
    run.code(5);
    let out = run.json();
    assert_eq!(out["files_scanned"], 4, "{out:#}");
    assert_eq!(out["keys_found"], 2, "{out:#}");
    // Asked to, it honours them anywhere.
    let out = env.run(&["--json", "scan", arg(&project), "--respect-ignore"]);
    out.code(0);
    assert_eq!(out.json()["files_scanned"], 2, "{:#}", out.json());
    // Inside a git repository (`.git` beside them) both apply.
    std::fs::create_dir_all(project.join(".git")).expect("mkdir");
    let out = env.run(&["--json", "scan", arg(&project)]);
    out.code(0);
    assert_eq!(out.json()["files_scanned"], 2, "{:#}", out.json());
    assert_eq!(out.json()["keys_found"], 0);
}

#[test]
fn scan_keeps_a_bounded_list_of_findings_and_still_finds_a_live_key_past_it() {
    let (env, secret, project) = project();
    let mut text = String::new();
    for _ in 0..10_050 {
        text.push_str(&unknown_key());
        text.push('\n');
    }
    text.push_str(&secret);
    text.push('\n');
    std::fs::write(project.join("dump.txt"), text).expect("write");
    let run = env.run(&["--json", "scan", arg(&project)]);
    run.code(5).stderr_has("51 more findings");
    let out = run.json();
    assert_eq!(out["keys_found"], 10_051, "counts cover every finding");
    assert_eq!(out["findings"].as_array().expect("findings").len(), 10_000);
    assert_eq!(out["findings_omitted"], 51);
    assert_eq!(out["live_keys"], 1, "the live key past the list is counted");
    let revoked = env.run(&["--json", "scan", arg(&project), "--revoke", "--yes"]);
    revoked.code(5);
    assert_eq!(
        revoked.json()["revoked_now"].as_array().map(Vec::len),
        Some(1)
    );
    let reason = revoked.stdout.clone();
    assert!(!reason.contains(&secret));
    env.run(&["scan", arg(&project)]).code(0);
}

// ---------------------------------------------------------------------------------------
// item 11: a store planted by someone else
// ---------------------------------------------------------------------------------------

mod ownership {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    use std::path::{Path, PathBuf};

    use crate::common::{Run, TestEnv, bin};

    const NOBODY: u32 = 65534;
    const NOGROUP: u32 = 65534;

    fn side(env: &TestEnv, suffix: &str) -> PathBuf {
        let mut name = env.db().as_os_str().to_owned();
        name.push(suffix);
        PathBuf::from(name)
    }

    fn chmod(path: &Path, mode: u32) {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
    }

    /// The store and its side files that exist.
    fn store_files(env: &TestEnv) -> Vec<PathBuf> {
        ["", "-wal", "-shm"]
            .iter()
            .map(|s| side(env, s))
            .filter(|p| p.exists())
            .collect()
    }

    /// Whether this process is root (it can chown, and run the binary as `nobody`).
    fn is_root() -> bool {
        std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
    }

    /// How to run a command as `nobody`: `setpriv`, else `runuser`; `None` (after saying
    /// so) when neither works outside CI. Under CI the test must run.
    fn as_nobody() -> Option<Vec<&'static str>> {
        let candidates: [Vec<&'static str>; 2] = [
            vec![
                "setpriv",
                "--reuid=nobody",
                "--regid=nogroup",
                "--clear-groups",
            ],
            vec!["runuser", "-u", "nobody", "--"],
        ];
        for prefix in candidates {
            let works = is_root()
                && std::process::Command::new(prefix[0])
                    .args(&prefix[1..])
                    .arg("true")
                    .status()
                    .is_ok_and(|s| s.success());
            if works {
                return Some(prefix);
            }
        }
        assert!(
            std::env::var_os("CI").is_none(),
            "under CI the store-ownership tests must run: they need root and setpriv or runuser"
        );
        eprintln!("skipped: running as another user needs root and setpriv or runuser");
        None
    }

    /// Runs the binary on `env`'s store as `nobody`.
    fn run_as(prefix: &[&str], env: &TestEnv, args: &[&str], stdin: &str) -> Run {
        let mut cmd = assert_cmd::Command::new(prefix[0]);
        cmd.args(&prefix[1..])
            .arg(bin())
            .args(args)
            .env_clear()
            .env("APIKEY_DB", env.store())
            .env("HOME", env.dir())
            .env("APIKEY_ACTOR", "server")
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .write_stdin(stdin.to_owned());
        Run::from_output(cmd.output().expect("run as nobody"))
    }

    #[test]
    fn a_store_or_side_file_writable_by_group_or_others_is_refused() {
        sqlite_only!("it is about the mode and owner of the store file");
        let env = TestEnv::init();
        let (_id, secret) = {
            env.add_client("app");
            env.create_key("app", &[])
        };
        let db = env.db().to_owned();
        for (mode, who) in [
            (0o660, "its group"),
            (0o602, "others"),
            (0o666, "group and others"),
        ] {
            chmod(&db, mode);
            let shown = format!("writable by {who} (mode {mode:04o}");
            for args in [
                &["key", "list"][..],
                &["client", "add", "other"],
                &["key", "verify"],
            ] {
                env.rejects_stdin(args, &secret, 1, &shown)
                    .stderr_has("chmod go-w")
                    .stderr_has(db.to_str().unwrap());
            }
        }
        chmod(&db, 0o600);
        for suffix in ["-wal", "-shm"] {
            let file = side(&env, suffix);
            assert!(file.exists(), "{suffix} is kept beside the store");
            chmod(&file, 0o620);
            env.rejects(
                &["key", "list"],
                1,
                &format!("{} is writable by its group", file.display()),
            );
            chmod(&file, 0o600);
        }
        env.run_stdin(&["key", "verify"], &secret).code(0);
        // The sharing mode is accepted for the owner: group-readable, not group-writable.
        for file in store_files(&env) {
            chmod(&file, 0o640);
        }
        env.run_stdin(&["key", "verify"], &secret).code(0);
    }

    #[test]
    fn a_store_owned_by_another_user_is_never_opened_read_write() {
        sqlite_only!("it is about the mode and owner of the store file");
        if !is_root() {
            assert!(
                std::env::var_os("CI").is_none(),
                "under CI this test needs root"
            );
            eprintln!("skipped: giving a store to another user needs root");
            return;
        }
        let env = TestEnv::init();
        env.add_client("app");
        // Its owner plants a key (here: root makes it, then gives the store away).
        let (planted_id, planted) = env.create_key("app", &[]);
        for file in store_files(&env) {
            std::os::unix::fs::chown(&file, Some(NOBODY), Some(NOGROUP)).expect("chown");
        }
        let owned = format!("is owned by uid {NOBODY}, not by this process's uid 0");
        // Before the fix the planted key verified VALID.
        env.rejects_stdin(&["key", "verify"], &planted, 1, &owned)
            .stderr_has("read-only");
        env.rejects(&["client", "add", "mine"], 1, &owned);
        env.rejects(&["key", "revoke", &planted_id, "--yes"], 1, &owned);
        // Reading it is allowed: it is not writable by group or others.
        let list = env.json(&["key", "list"]);
        assert_eq!(list.as_array().map(Vec::len), Some(2), "{list:#}");
    }

    #[test]
    fn a_store_is_shared_read_only_with_a_server_running_as_another_user() {
        sqlite_only!("it is about the mode and owner of the store file");
        let Some(nobody) = as_nobody() else {
            return;
        };
        let env = TestEnv::init();
        env.add_client("app");
        let (key_id, secret) = env.create_key("app", &[]);
        // The documented sharing mode: the owner keeps the store, its -wal and -shm 0640
        // with the server's group, in a directory the server can enter but not write.
        chmod(env.dir(), 0o755);
        let files = store_files(&env);
        assert_eq!(
            files.len(),
            3,
            "the -wal and -shm stay beside the store: {files:?}"
        );
        for file in &files {
            std::os::unix::fs::chown(file, None, Some(NOGROUP)).expect("chgrp");
            chmod(file, 0o640);
        }
        let list = run_as(&nobody, &env, &["--json", "key", "list"], "");
        list.code(0).stdout_has(&key_id);
        let show = run_as(&nobody, &env, &["--json", "client", "show", "app"], "");
        show.code(0);
        // Read-write opens stay the owner's.
        run_as(&nobody, &env, &["client", "add", "server-made"], "")
            .code(1)
            .stderr_has("is owned by uid 0, not by this process's uid 65534");
        run_as(&nobody, &env, &["key", "verify"], &secret)
            .code(1)
            .stderr_has("only its owner opens it read-write");
        // The owner keeps writing; the reader sees each commit (through the WAL).
        let (new_id, _) = env.create_key("app", &["--label", "later"]);
        for file in store_files(&env) {
            let meta = std::fs::metadata(&file).expect("stat");
            assert_eq!(meta.mode() & 0o777, 0o640, "{}", file.display());
        }
        run_as(&nobody, &env, &["key", "list"], "")
            .code(0)
            .stdout_has(&new_id);
        // Without its -shm (removed while no one had the store open) a reader that cannot
        // write the directory cannot open a WAL store, and says what it needs.
        std::fs::remove_file(side(&env, "-shm")).expect("rm -shm");
        run_as(&nobody, &env, &["key", "list"], "")
            .code(1)
            .stderr_has("a read-only open needs the store and its -wal and -shm files");
        // The owner's next open recreates it, with the store's mode and group (SQLite
        // gives a root owner's side files the store's owner and group; see the README for
        // other owners).
        env.run(&["key", "list"]).code(0);
        run_as(&nobody, &env, &["key", "list"], "").code(0);
        // A store kept 0600 is simply not readable by the server.
        for file in store_files(&env) {
            chmod(&file, 0o600);
        }
        run_as(&nobody, &env, &["key", "list"], "").code(1);
    }

    #[test]
    fn scan_reports_files_it_cannot_read_and_exits_1() {
        let Some(nobody) = as_nobody() else {
            return;
        };
        let env = TestEnv::init();
        env.add_client("app");
        chmod(env.dir(), 0o755);
        for file in store_files(&env) {
            chmod(&file, 0o644);
        }
        let project = env.dir().join("project");
        let closed = project.join("closed");
        std::fs::create_dir_all(&closed).expect("mkdir");
        std::fs::write(project.join("open.txt"), "x\n").expect("write");
        std::fs::write(project.join("private.env"), "x\n").expect("write");
        std::fs::write(closed.join("inside.env"), "x\n").expect("write");
        chmod(&project, 0o755);
        chmod(&project.join("open.txt"), 0o644);
        chmod(&project.join("private.env"), 0o600);
        chmod(&closed, 0o700);
        // Before the fix both counted as scanned and the scan exited 0.
        let run = run_as(
            &nobody,
            &env,
            &["--json", "scan", project.to_str().unwrap()],
            "",
        );
        run.code(1)
            .stderr_has("2 files could not be scanned (0 skipped, 2 unreadable)");
        let out = run.json();
        assert_eq!(out["files_scanned"], 1, "{out:#}");
        assert_eq!(out["files_unreadable"], 2, "{out:#}");
        let listed: Vec<&str> = out["not_scanned"]
            .as_array()
            .expect("not_scanned")
            .iter()
            .map(|n| n["file"].as_str().expect("file"))
            .collect();
        assert!(listed.iter().any(|f| f.ends_with("private.env")), "{out:#}");
        assert!(listed.iter().any(|f| f.ends_with("closed")), "{out:#}");
        assert!(
            out["not_scanned"][0]["error"]
                .as_str()
                .is_some_and(|e| e.contains("denied")),
            "{out:#}"
        );
    }
}
