//! `kill -9` during a large `apply`: the store survives intact and holds all of the
//! apply or none of it (SPEC "The store": every command is one transaction).

use std::process::{Command, Stdio};
use std::thread::sleep;
use std::time::Instant;

use crate::common::{TestEnv, bin};
use crate::reliability_support::{SplitMix64, seed};

/// Keys in the one key group of the file: enough that an apply runs for over half a
/// second in the debug build (it issues and audits each key in one transaction).
const KEYS: i64 = 5_000;
/// Random kill moments, spread evenly over the apply's duration and a little past it.
const TRIALS: usize = 24;
/// Kill moments reach this far past the measured duration, so some land after the end.
const OVERSHOOT: f64 = 1.25;

/// How a trial ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    /// Killed before the commit: nothing of the apply is in the store.
    None,
    /// Killed after the commit (or exited first): everything is.
    All,
}

/// Starts `apply` on the store in `env`, output discarded so it never blocks on a pipe.
fn start_apply(env: &TestEnv, file: &std::path::Path) -> std::process::Child {
    Command::new(bin())
        .args(["--json", "apply"])
        .arg(file)
        .env_clear()
        .env("APIKEY_DB", env.db())
        .env("APIKEY_ACTOR", "crash-test")
        .env("HOME", env.dir())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn apply")
}

/// A fresh store holding only `init`'s event, and the provisioning file.
fn fresh(template: &[u8]) -> (TestEnv, std::path::PathBuf) {
    let env = TestEnv::new();
    std::fs::write(env.db(), template).unwrap();
    let file = env.dir().join("bulk.json");
    std::fs::write(
        &file,
        format!(
            r#"{{"clients": [{{"name": "bulk", "description": "crash test",
                "keys": [{{"label": "bulk", "count": {KEYS}}}]}}]}}"#
        ),
    )
    .unwrap();
    (env, file)
}

/// Checks the store after a trial and says which outcome it shows.
#[track_caller]
fn check_store(env: &TestEnv, trial: &str) -> Outcome {
    // SQLite recovers the WAL on open; the file must then be intact.
    let conn = env.sql();
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok", "{trial}: integrity check");
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    let keys = count("SELECT count(*) FROM api_keys");
    let clients = count("SELECT count(*) FROM clients");
    let events = count("SELECT count(*) FROM audit_events");
    drop(conn);
    let outcome = match (keys, clients, events) {
        (0, 0, 1) => Outcome::None,
        (KEYS, 1, e) if e == KEYS + 2 => Outcome::All,
        _ => panic!(
            "{trial}: partial apply: {keys} of {KEYS} keys, {clients} clients, {events} audit events"
        ),
    };
    let verify = env.run(&["audit", "verify"]);
    verify.code(0).stdout_has("intact");
    if outcome == Outcome::None {
        // The store is usable afterwards, and says so plainly.
        env.run(&["client", "show", "bulk"])
            .code(3)
            .stderr_has("no client named 'bulk'");
    }
    outcome
}

#[test]
fn apply_killed_at_random_moments_leaves_all_or_nothing() {
    let template = {
        let env = TestEnv::init();
        std::fs::read(env.db()).unwrap()
    };
    // Calibration: how long does one apply take here, now?
    let (env, file) = fresh(&template);
    let started = Instant::now();
    let status = start_apply(&env, &file).wait().unwrap();
    let duration = started.elapsed();
    assert!(status.success(), "calibration apply: {status:?}");
    assert_eq!(check_store(&env, "calibration"), Outcome::All);
    eprintln!("crash test: one apply of {KEYS} keys takes {duration:?}");

    let mut rng = SplitMix64::new(seed("apply_killed_at_random_moments_leaves_all_or_nothing"));
    let (mut none, mut all_killed, mut all_exited) = (0, 0, 0);
    for trial in 0..TRIALS {
        // Stratified: one random moment in each of TRIALS equal slices of the window.
        let slice = (trial as f64 + rng.next_f64()) / TRIALS as f64;
        let delay = duration.mul_f64(OVERSHOOT * slice);
        let (env, file) = fresh(&template);
        let mut child = start_apply(&env, &file);
        sleep(delay);
        let exited_first = child.try_wait().unwrap().is_some();
        if !exited_first {
            child.kill().unwrap(); // SIGKILL
        }
        let status = child.wait().unwrap();
        let label = format!("trial {trial} (kill after {delay:?}, {status:?})");
        match check_store(&env, &label) {
            Outcome::None => none += 1,
            Outcome::All if exited_first => all_exited += 1,
            Outcome::All => all_killed += 1,
        }
    }
    eprintln!(
        "crash test: {TRIALS} trials: {none} left nothing, {all_killed} were killed after the \
         commit and left everything, {all_exited} had finished before the kill"
    );
    assert_eq!(none + all_killed + all_exited, TRIALS);
}
