//! `kill -9` during a large `apply`: the store survives intact and holds all of the
//! apply or none of it (SPEC "The store": every command is one transaction).

use std::process::{Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

use crate::common::{TestEnv, bin};
use crate::reliability_support::{SplitMix64, seed, settle};

/// Keys in the one key group of the file: enough that an apply runs for over half a
/// second in the debug build (it issues and audits each key in one transaction).
const KEYS: i64 = 5_000;
/// Random kill moments, spread evenly over the apply's work (its CPU time) and a little
/// past it.
const TRIALS: usize = 24;
/// Kill moments reach this far past the measured duration, so some land after the end.
const OVERSHOOT: f64 = 1.4;

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
        .env("APIKEY_DB", env.store())
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
    sqlite_only!("each trial copies a template SQLite store file and checks its WAL recovery");
    let template = {
        let env = TestEnv::init();
        settle(env.db());
        std::fs::read(env.db()).unwrap()
    };
    // Calibration: how much work is one apply? Measured in the child's CPU time, which,
    // unlike wall time, does not stretch when other tests load the machine. The first
    // run is slower (cold caches): take the smaller of two.
    let mut calibrations = Vec::new();
    for _ in 0..2 {
        let (env, file) = fresh(&template);
        let started = Instant::now();
        let mut child = start_apply(&env, &file);
        let ticks = loop {
            match progress(child.id()) {
                Some(Progress::Exited(ticks)) => break Some(ticks),
                Some(Progress::Running(_)) => sleep(Duration::from_millis(2)),
                None => break None, // no /proc: fall back to wall time
            }
        };
        let status = child.wait().unwrap();
        assert!(status.success(), "calibration apply: {status:?}");
        assert_eq!(check_store(&env, "calibration"), Outcome::All);
        calibrations.push((ticks, started.elapsed()));
    }
    let (total, wall) = calibrations.iter().min().copied().unwrap();
    eprintln!("crash test: one apply of {KEYS} keys takes {wall:?} ({total:?} CPU ticks)");

    let mut rng = SplitMix64::new(seed("apply_killed_at_random_moments_leaves_all_or_nothing"));
    let (mut none, mut all_killed, mut all_exited) = (0, 0, 0);
    for trial in 0..TRIALS {
        // Stratified: one random moment in each of TRIALS equal slices of the window.
        let slice = OVERSHOOT * (trial as f64 + rng.next_f64()) / TRIALS as f64;
        let (env, file) = fresh(&template);
        let mut child = start_apply(&env, &file);
        let exited_first = match total {
            Some(total) => {
                let target = (slice * total as f64) as u64;
                loop {
                    match progress(child.id()) {
                        Some(Progress::Exited(_)) => break true,
                        Some(Progress::Running(ticks)) if ticks >= target => break false,
                        Some(Progress::Running(_)) => sleep(Duration::from_millis(2)),
                        None => break child.try_wait().unwrap().is_some(),
                    }
                }
            }
            None => {
                sleep(wall.mul_f64(slice));
                child.try_wait().unwrap().is_some()
            }
        };
        if !exited_first {
            child.kill().unwrap(); // SIGKILL
        }
        let status = child.wait().unwrap();
        let label = format!(
            "trial {trial} (kill at {:.0}% of an apply, {status:?})",
            slice * 100.0
        );
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

/// How far a child process has got, from `/proc/PID/stat`.
#[derive(Debug, Clone, Copy)]
enum Progress {
    /// Still running, with this much CPU time (user + system, in clock ticks).
    Running(u64),
    /// Exited (a zombie not yet waited for), having used this much CPU time.
    Exited(u64),
}

/// The CPU time a child has used so far and whether it has exited; `None` without
/// `/proc` (or once the child has been waited for).
fn progress(pid: u32) -> Option<Progress> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // "pid (comm) state ppid ...": fields counted after the command name.
    let fields: Vec<&str> = stat[stat.rfind(')')? + 1..].split_whitespace().collect();
    let ticks = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(if *fields.first()? == "Z" {
        Progress::Exited(ticks)
    } else {
        Progress::Running(ticks)
    })
}
