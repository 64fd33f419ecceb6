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
