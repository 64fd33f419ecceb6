//! `apikey key verify`: every result code, what a verification records, bad input.

use serde_json::{Value, json};

use crate::common::{TestEnv, assert_about, unix_now};

/// A store with client `c` and one key created with `args`; returns (env, id, secret).
fn env_with_key(args: &[&str]) -> (TestEnv, String, String) {
    let env = TestEnv::init();
    env.json(&["client", "add", "c", "--no-key"]);
    let (id, secret) = env.create_key("c", args);
    (env, id, secret)
}

/// Verifies `secret` (on stdin) with `extra` arguments; returns the exit code and JSON.
fn verify(env: &TestEnv, secret: &str, extra: &[&str]) -> (i32, Value) {
    let mut args = vec!["--json", "key", "verify"];
    args.extend_from_slice(extra);
    let run = env.run_stdin(&args, &format!("{secret}\n"));
    assert!(run.stderr.is_empty(), "verify wrote to stderr: {run:#?}");
    (run.code, run.json())
}

/// Asserts a denial: exit 5, `result`, `valid: false`, a reason, nothing recorded.
#[track_caller]
fn assert_denied(env: &TestEnv, secret: &str, extra: &[&str], result: &str) -> Value {
    let before = env.dump();
    let (code, out) = verify(env, secret, extra);
    assert_eq!(code, 5, "{out}");
    assert_eq!(out["result"], result, "{out}");
    assert_eq!(out["valid"], false, "{out}");
    assert!(
        out["reason"].as_str().is_some_and(|r| !r.is_empty()),
        "{out}"
    );
    assert!(
        out["metadata"].is_null(),
        "a denial returned metadata: {out}"
    );
    assert_eq!(
        before,
        env.dump(),
        "a {result} verification changed the store"
    );
    out
}

#[track_caller]
fn assert_valid(env: &TestEnv, secret: &str, extra: &[&str]) -> Value {
    let (code, out) = verify(env, secret, extra);
    assert_eq!(
        (code, &out["result"], &out["valid"]),
        (0, &json!("VALID"), &json!(true)),
        "{out}"
    );
    out
}

/// `secret` with one character of its random part changed.
fn with_typo(secret: &str) -> String {
    let at = secret.find('_').unwrap() + 5;
    let mut bytes = secret.as_bytes().to_vec();
    bytes[at] = if bytes[at] == b'a' { b'b' } else { b'a' };
    String::from_utf8(bytes).unwrap()
}

// ---- VALID ---------------------------------------------------------------------------

#[test]
fn a_new_key_verifies_and_records_its_use() {
    let env = TestEnv::init();
    let secret = env.add_client("bpjs-sync");
    let run = env.run_stdin(&["--json", "key", "verify"], &format!("{secret}\n"));
    run.code(0);
    assert_eq!(run.json()["result"], "VALID");
    let keys = env.json(&["key", "list"]);
    assert_eq!(keys[0]["use_count"], 1);
}

#[test]
fn valid_from_stdin_in_table_form() {
    let (env, id, secret) = env_with_key(&["--meta", "env=prod", "--max-uses", "3"]);
    let run = env.run_stdin(&["key", "verify"], &format!("  {secret}  \n"));
    run.code(0)
        .field_is("result", "VALID")
        .field_is("id", &id)
        .field_is("client", "c")
        .field_is("expires_at", "-")
        .field_is("remaining_uses", "2")
        .field_is("metadata", "env=prod");
    assert!(!run.stdout.contains(&secret), "verify echoed the secret");
}

#[test]
fn valid_from_the_key_flag_in_json() {
    let (env, id, secret) = env_with_key(&["--meta", "env=prod", "--meta", "team=data"]);
    let run = env.run(&["--json", "key", "verify", "--key", &secret]);
    run.code(0);
    let out = run.json();
    assert_eq!(out["result"], "VALID");
    assert_eq!(out["valid"], true);
    assert_eq!(out["id"], id.as_str());
    assert_eq!(out["client"], "c");
    assert_eq!(out["metadata"], json!({"env": "prod", "team": "data"}));
    assert!(out["reason"].is_null(), "{out}");
    assert!(!run.stdout.contains(&secret), "verify echoed the secret");
}

#[test]
fn valid_with_an_ip_inside_the_allow_list() {
    let (env, _, secret) =
        env_with_key(&["--allow-ip", "10.0.0.0/8", "--allow-ip", "2001:db8::/32"]);
    assert_valid(&env, &secret, &["--ip", "10.1.2.3"]);
    assert_valid(&env, &secret, &["--ip", "2001:db8::1"]);
    let run = env.run(&["key", "verify", "--key", &secret, "--ip", "10.255.255.255"]);
    run.code(0).field_is("result", "VALID");
}

#[test]
fn an_ipv4_mapped_ipv6_caller_counts_as_its_ipv4_address() {
    let (env, _, secret) = env_with_key(&["--allow-ip", "10.0.0.0/8"]);
    assert_valid(&env, &secret, &["--ip", "::ffff:10.1.2.3"]);
    assert_denied(&env, &secret, &["--ip", "::ffff:192.168.1.1"], "FORBIDDEN");
}

#[test]
fn an_ip_is_ignored_for_a_key_without_an_allow_list() {
    let (env, _, secret) = env_with_key(&[]);
    assert_valid(&env, &secret, &["--ip", "192.168.1.1"]);
}

#[test]
fn a_valid_verification_counts_the_use_and_sets_last_used_at() {
    let (env, id, secret) = env_with_key(&["--max-uses", "10"]);
    assert_eq!(env.key_column(&id, "last_used_at"), None);
    let out = assert_valid(&env, &secret, &[]);
    assert_eq!(out["remaining_uses"], 9);
    assert_eq!(env.key_column(&id, "use_count"), Some(1));
    assert_about(env.key_column(&id, "last_used_at").unwrap(), unix_now(), 10);
    assert_valid(&env, &secret, &[]);
    let shown = env.json(&["key", "show", &id]);
    assert_eq!(shown["use_count"], 2);
    assert!(shown["last_used_at"].is_string());
    env.run(&["key", "show", &id])
        .code(0)
        .field_is("uses", "2/10");
}

#[test]
fn a_denied_verification_records_nothing() {
    let (env, id, secret) = env_with_key(&["--allow-ip", "10.0.0.0/8"]);
    assert_denied(&env, &secret, &["--ip", "192.168.1.1"], "FORBIDDEN");
    assert_eq!(env.key_column(&id, "use_count"), Some(0));
    assert_eq!(env.key_column(&id, "last_used_at"), None);
}

// ---- MALFORMED -----------------------------------------------------------------------

#[test]
fn malformed_for_a_wrong_checksum() {
    let (env, id, secret) = env_with_key(&[]);
    let out = assert_denied(&env, &with_typo(&secret), &[], "MALFORMED");
    assert!(
        out["reason"].as_str().unwrap().contains("checksum"),
        "{out}"
    );
    assert!(out["id"].is_null(), "{out}");
    assert_eq!(env.key_column(&id, "use_count"), Some(0));
    // The table form says the same.
    let run = env.run_stdin(&["key", "verify"], &with_typo(&secret));
    run.code(5).field_is("result", "MALFORMED");
}

#[test]
fn malformed_for_other_shapes() {
    let (env, _, secret) = env_with_key(&[]);
    for bad in [
        "not-a-key",
        "ak_short",
        &secret[..secret.len() - 1],
        &format!("{secret}x"),
        &secret.replacen("ak_", "AK_", 1),
        &format!("ak_{}", "-".repeat(38)),
    ] {
        assert_denied(&env, bad, &[], "MALFORMED");
    }
}

#[test]
fn a_key_with_a_wrong_checksum_is_malformed_without_a_store() {
    let env = TestEnv::new();
    let key = format!("ak_{}", "A".repeat(38));
    let run = env.run_stdin(&["--json", "key", "verify"], &key);
    run.code(5);
    assert_eq!(run.json()["result"], "MALFORMED");
    assert!(
        !env.store_exists(),
        "verify of a malformed key created a store"
    );
}

#[test]
fn malformed_real_key_typo_without_any_store() {
    let (_, _, secret) = env_with_key(&[]);
    let env = TestEnv::new();
    let (code, out) = verify(&env, &with_typo(&secret), &[]);
    assert_eq!((code, out["result"].as_str()), (5, Some("MALFORMED")));
    assert!(!env.store_exists(), "verify created a store");
    assert_eq!(
        std::fs::read_dir(env.dir()).unwrap().count(),
        0,
        "verify left files behind"
    );
}

// ---- NOT_FOUND -----------------------------------------------------------------------

#[test]
fn not_found_for_a_well_formed_key_from_another_store() {
    let (_, _, foreign) = env_with_key(&[]);
    let (env, _, _) = env_with_key(&[]);
    let out = assert_denied(&env, &foreign, &[], "NOT_FOUND");
    assert!(out["id"].is_null(), "{out}");
    let run = env.run(&["key", "verify", "--key", &foreign]);
    run.code(5).field_is("result", "NOT_FOUND");
}

#[test]
fn a_well_formed_key_on_a_missing_store_is_an_error_that_names_the_path() {
    let (_, _, secret) = env_with_key(&[]);
    let env = TestEnv::new();
    let run = env.run_stdin(&["key", "verify"], &secret);
    run.code(3).stderr_has(&env.store_display());
    assert!(!env.store_exists(), "verify created a store");
}

// ---- REVOKED -------------------------------------------------------------------------

#[test]
fn revoked() {
    let (env, id, secret) = env_with_key(&[]);
    env.run(&["key", "revoke", &id, "--yes", "--reason", "leaked"])
        .code(0);
    let out = assert_denied(&env, &secret, &[], "REVOKED");
    assert_eq!(out["id"], id.as_str());
    assert_eq!(out["client"], "c");
}

// ---- EXPIRED -------------------------------------------------------------------------

#[test]
fn expired_once_expires_at_has_passed() {
    let (env, id, secret) = env_with_key(&["--expires-in", "1h"]);
    assert_valid(&env, &secret, &[]);
    env.set_key_expiry(&id, unix_now() - 1);
    assert_denied(&env, &secret, &[], "EXPIRED");
    assert_eq!(env.json(&["key", "show", &id])["status"], "expired");
}

#[test]
fn expired_after_rotation_without_grace() {
    let (env, id, secret) = env_with_key(&[]);
    env.json(&["key", "rotate", &id, "--grace", "0"]);
    assert_denied(&env, &secret, &[], "EXPIRED");
}

// ---- DISABLED ------------------------------------------------------------------------

#[test]
fn disabled_when_the_key_is_disabled() {
    let (env, id, secret) = env_with_key(&[]);
    env.run(&["key", "disable", &id]).code(0);
    let out = assert_denied(&env, &secret, &[], "DISABLED");
    assert!(out["reason"].as_str().unwrap().contains("key"), "{out}");
    env.run(&["key", "enable", &id]).code(0);
    assert_valid(&env, &secret, &[]);
}

#[test]
fn disabled_when_the_client_is_disabled() {
    let (env, _, secret) = env_with_key(&[]);
    env.run(&["client", "disable", "c"]).code(0);
    let out = assert_denied(&env, &secret, &[], "DISABLED");
    assert!(out["reason"].as_str().unwrap().contains("client"), "{out}");
    env.run(&["client", "enable", "c"]).code(0);
    assert_valid(&env, &secret, &[]);
}

// ---- USAGE_EXCEEDED ------------------------------------------------------------------

#[test]
fn usage_exceeded_once_max_uses_are_spent() {
    let (env, id, secret) = env_with_key(&["--max-uses", "1"]);
    let out = assert_valid(&env, &secret, &[]);
    assert_eq!(out["remaining_uses"], 0);
    assert_denied(&env, &secret, &[], "USAGE_EXCEEDED");
    assert_denied(&env, &secret, &[], "USAGE_EXCEEDED");
    assert_eq!(env.key_column(&id, "use_count"), Some(1));
}

// ---- FORBIDDEN -----------------------------------------------------------------------

#[test]
fn forbidden_for_an_ip_outside_the_allow_list() {
    let (env, _, secret) = env_with_key(&["--allow-ip", "10.0.0.0/8"]);
    let out = assert_denied(&env, &secret, &["--ip", "192.168.1.1"], "FORBIDDEN");
    assert!(
        out["reason"].as_str().unwrap().contains("192.168.1.1"),
        "{out}"
    );
    assert_denied(&env, &secret, &["--ip", "11.0.0.1"], "FORBIDDEN");
    assert_denied(&env, &secret, &["--ip", "2001:db8::1"], "FORBIDDEN");
}

#[test]
fn forbidden_without_an_ip_when_the_key_has_an_allow_list() {
    let (env, _, secret) = env_with_key(&["--allow-ip", "10.0.0.0/8"]);
    let out = assert_denied(&env, &secret, &[], "FORBIDDEN");
    assert!(out["reason"].as_str().unwrap().contains("--ip"), "{out}");
}

// ---- order of the checks -------------------------------------------------------------

#[test]
fn checks_run_in_the_documented_order() {
    // revoked > expired > disabled > usage > ip
    let (env, id, secret) = env_with_key(&["--max-uses", "1", "--allow-ip", "10.0.0.0/8"]);
    assert_valid(&env, &secret, &["--ip", "10.0.0.1"]);
    // Spent and forbidden: USAGE_EXCEEDED.
    assert_denied(&env, &secret, &["--ip", "192.168.0.1"], "USAGE_EXCEEDED");
    // And disabled: DISABLED.
    env.run(&["key", "disable", &id]).code(0);
    assert_denied(&env, &secret, &["--ip", "192.168.0.1"], "DISABLED");
    // And expired: EXPIRED.
    env.set_key_expiry(&id, unix_now() - 60);
    assert_denied(&env, &secret, &["--ip", "192.168.0.1"], "EXPIRED");
    // And revoked: REVOKED (set in the store, keeping the other states as they are).
    env.exec_sql(
        "UPDATE api_keys SET revoked_at = ?1 WHERE id = ?2",
        &[&(unix_now() - 30), &id],
    );
    assert_denied(&env, &secret, &["--ip", "192.168.0.1"], "REVOKED");
}

// ---- bad input -----------------------------------------------------------------------

#[test]
fn empty_stdin_is_refused_with_a_message() {
    let (env, _, _) = env_with_key(&[]);
    env.rejects_stdin(&["key", "verify"], "", 2, "no key on standard input");
    env.rejects_stdin(&["key", "verify"], " \n\t\n", 2, "no key on standard input");
    env.rejects_stdin(
        &["--json", "key", "verify"],
        "",
        2,
        "no key on standard input",
    );
}

#[test]
fn oversized_stdin_is_refused() {
    let (env, _, _) = env_with_key(&[]);
    env.rejects_stdin(&["key", "verify"], &"a".repeat(5000), 2, "too long");
}

#[test]
fn a_malformed_ip_is_refused() {
    let (env, _, secret) = env_with_key(&[]);
    env.rejects_stdin(&["key", "verify", "--ip", "not-an-ip"], &secret, 2, "--ip");
    env.rejects_stdin(&["key", "verify", "--ip", "10.0.0.0/8"], &secret, 2, "--ip");
}
