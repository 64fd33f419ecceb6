//! Concurrent invocations queue on the store's lock; none fails with "database is locked".

use std::collections::HashSet;
use std::process::{Child, Command, Output, Stdio};

use crate::common::{TestEnv, bin};

/// Starts `script` in bash with `$APIKEY_BIN` and `APIKEY_DB` set, without waiting.
fn spawn_bash(env: &TestEnv, script: &str) -> Child {
    Command::new("bash")
        .arg("-c")
        .arg(script)
        .env("APIKEY_BIN", bin())
        .env("APIKEY_DB", env.store())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn wait_all(children: Vec<Child>) -> Vec<Output> {
    children
        .into_iter()
        .map(|c| c.wait_with_output().unwrap())
        .collect()
}

#[test]
fn six_processes_creating_twenty_keys_each_all_succeed() {
    let env = TestEnv::init();
    env.add_client("shared");
    let script = r#"set -e
        for i in $(seq 20); do
            "$APIKEY_BIN" --json key create --client shared --label "worker $i" >/dev/null
        done"#;
    let children: Vec<Child> = (0..6).map(|_| spawn_bash(&env, script)).collect();
    for out in wait_all(children) {
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "a worker failed: {stderr}");
        for line in stderr.lines() {
            assert!(
                line.contains("shown only once"),
                "unexpected stderr: {line}"
            );
        }
    }
    let keys = env.json(&["key", "list"]);
    let keys = keys.as_array().unwrap();
    assert_eq!(keys.len(), 6 * 20 + 1);
    let ids: HashSet<&str> = keys.iter().map(|k| k["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), keys.len(), "duplicate key ids");
    assert_eq!(env.json(&["client", "show", "shared"])["total_keys"], 121);
}

#[test]
fn concurrent_verifications_never_exceed_max_uses() {
    let env = TestEnv::init();
    env.json(&["client", "add", "c", "--no-key"]);
    let (id, secret) = env.create_key("c", &["--max-uses", "3"]);
    let script = format!(r#"printf '%s\n' '{secret}' | "$APIKEY_BIN" --json key verify"#);
    let children: Vec<Child> = (0..8).map(|_| spawn_bash(&env, &script)).collect();
    let outputs = wait_all(children);
    let mut valid = 0;
    for out in &outputs {
        let verdict: serde_json::Value =
            serde_json::from_slice(&out.stdout).unwrap_or_else(|_| panic!("not JSON: {out:?}"));
        match out.status.code() {
            Some(0) => {
                assert_eq!(verdict["result"], "VALID");
                valid += 1;
            }
            Some(5) => assert_eq!(verdict["result"], "USAGE_EXCEEDED"),
            other => panic!("exit {other:?}: {out:?}"),
        }
    }
    assert_eq!(valid, 3);
    assert_eq!(env.key_column(&id, "use_count"), Some(3));
}

/// SPEC "The store": concurrent invocations queue, they do not fail. The first
/// commands on a machine may well start together (e.g. provisioning in parallel).
/// The race is narrow, so the test runs several rounds to catch it reliably.
#[test]
fn concurrent_first_writes_on_a_missing_store_all_succeed() {
    for round in 0..25 {
        let env = TestEnv::new();
        let children: Vec<Child> = (0..8)
            .map(|i| {
                spawn_bash(
                    &env,
                    &format!(r#""$APIKEY_BIN" client add client-{i} --no-key"#),
                )
            })
            .collect();
        for out in wait_all(children) {
            assert!(
                out.status.success(),
                "round {round}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        assert_eq!(env.json(&["client", "list"]).as_array().unwrap().len(), 8);
    }
}
