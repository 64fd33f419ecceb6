//! `apikey key ...` (verification has its own module, `verify.rs`).

use serde_json::{Value, json};

use crate::common::{TestEnv, assert_about, assert_plain_table, unix_now};

const DAY: i64 = 86_400;

/// A store with client `bpjs-sync` (and its first key).
fn env_with_client() -> TestEnv {
    let env = TestEnv::init();
    env.add_client("bpjs-sync");
    env
}

fn ids(list: &Value) -> Vec<String> {
    let mut ids: Vec<String> = list
        .as_array()
        .expect("array")
        .iter()
        .map(|k| k["id"].as_str().expect("id").to_owned())
        .collect();
    ids.sort();
    ids
}

fn sorted(ids: &[&String]) -> Vec<String> {
    let mut v: Vec<String> = ids.iter().map(|s| (*s).clone()).collect();
    v.sort();
    v
}

/// `key create --client bpjs-sync` followed by `extra`.
fn create_with<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["key", "create", "--client", "bpjs-sync"];
    args.extend_from_slice(extra);
    args
}

fn verify_json(env: &TestEnv, secret: &str) -> (i32, Value) {
    let run = env.run_stdin(&["--json", "key", "verify"], &format!("{secret}\n"));
    (run.code, run.json())
}

// ---- create --------------------------------------------------------------------------

#[test]
fn create_in_table_form_prints_the_record_the_secret_and_a_warning() {
    let env = env_with_client();
    let run = env.run(&["key", "create", "--client", "bpjs-sync", "--label", "prod"]);
    run.code(0)
        .stdout_has("Created API key ")
        .stdout_has("for client 'bpjs-sync'")
        .field_is("client", "bpjs-sync")
        .field_is("label", "prod")
        .field_is("status", "active")
        .field_is("expires_at", "-")
        .field_is("uses", "0")
        .field_is("allowed_ips", "any")
        .field_is("metadata", "-")
        .stderr_has("shown only once");
    let secret = run.field("secret").unwrap();
    let hint = run.field("hint").unwrap();
    assert!(
        secret.starts_with("ak_") && secret.starts_with(&hint),
        "{run:#?}"
    );
    let id = run.field("id").unwrap();
    assert_eq!(env.json(&["key", "show", &id])["label"], "prod");
}

#[test]
fn create_json_with_every_option() {
    let env = env_with_client();
    let out = env.json(&[
        "key",
        "create",
        "--client",
        "bpjs-sync",
        "--label",
        "prod",
        "--prefix",
        "live",
        "--expires-in",
        "90d",
        "--max-uses",
        "5",
        "--allow-ip",
        "10.0.0.0/8",
        "--allow-ip",
        "192.168.1.5",
        "--allow-ip",
        "2001:db8::/32",
        "--meta",
        "env=prod",
        "--meta",
        "team=data",
    ]);
    let secret = out["secret"].as_str().unwrap();
    assert!(secret.starts_with("live_"), "{secret}");
    assert_eq!(secret.len(), "live_".len() + 38);
    assert!(out["hint"].as_str().unwrap().starts_with("live_"));
    assert_eq!(out["client"], "bpjs-sync");
    assert_eq!(out["label"], "prod");
    assert_eq!(out["prefix"], "live");
    assert_eq!(out["status"], "active");
    assert_eq!(out["max_uses"], 5);
    assert_eq!(out["use_count"], 0);
    assert_eq!(out["disabled"], false);
    assert_eq!(out["revoked_at"], Value::Null);
    assert_eq!(out["last_used_at"], Value::Null);
    assert_eq!(
        out["allowed_ips"],
        json!(["10.0.0.0/8", "192.168.1.5/32", "2001:db8::/32"])
    );
    assert_eq!(out["metadata"], json!({"env": "prod", "team": "data"}));
    let id = out["id"].as_str().unwrap();
    let expires = env.key_column(id, "expires_at").expect("expires_at");
    assert_about(expires, unix_now() + 90 * DAY, 10);
    // What create printed is what is stored.
    let shown = env.json(&["key", "show", id]);
    for field in [
        "label",
        "prefix",
        "max_uses",
        "allowed_ips",
        "metadata",
        "expires_at",
    ] {
        assert_eq!(shown[field], out[field], "{field}");
    }
}

#[test]
fn create_in_table_form_shows_every_option() {
    let env = env_with_client();
    let run = env.run(&[
        "key",
        "create",
        "-c",
        "bpjs-sync",
        "--max-uses",
        "5",
        "--allow-ip",
        "10.0.0.0/8",
        "--allow-ip",
        "192.168.1.5",
        "--meta",
        "env=prod",
        "--meta",
        "team=data",
        "--expires-at",
        "2099-01-31",
    ]);
    run.code(0)
        .field_is("uses", "0/5")
        .field_is("allowed_ips", "10.0.0.0/8, 192.168.1.5/32")
        .field_is("metadata", "env=prod, team=data")
        .field_is("expires_at", "2099-01-31T00:00:00Z");
}

#[test]
fn create_with_expires_at_takes_a_date_or_rfc3339() {
    let env = env_with_client();
    let date = env.json(&[
        "key",
        "create",
        "-c",
        "bpjs-sync",
        "--expires-at",
        "2099-01-31",
    ]);
    assert_eq!(date["expires_at"], "2099-01-31T00:00:00Z");
    let zoned = env.json(&[
        "key",
        "create",
        "-c",
        "bpjs-sync",
        "--expires-at",
        "2099-01-31T12:00:00+07:00",
    ]);
    assert_eq!(zoned["expires_at"], "2099-01-31T05:00:00Z");
}

#[test]
fn create_with_expires_in_counts_from_now() {
    let env = env_with_client();
    for (text, secs) in [("12h", 12 * 3600), ("1h 30m", 5400), ("30d", 30 * DAY)] {
        let (id, _) = env.create_key("bpjs-sync", &["--expires-in", text]);
        assert_about(
            env.key_column(&id, "expires_at").unwrap(),
            unix_now() + secs,
            10,
        );
    }
}

#[test]
fn create_rejects_an_unknown_client() {
    let env = env_with_client();
    env.rejects(
        &["key", "create", "--client", "nope"],
        3,
        "no client named 'nope'",
    );
}

/// A failing command leaves the store as it was (SPEC "The store"): here, absent.
#[test]
fn create_on_a_missing_store_fails_without_creating_one() {
    let env = TestEnv::new();
    let run = env.run(&["key", "create", "--client", "nope"]);
    run.code(3);
    assert!(
        !env.store_exists(),
        "a failed key create left a new store behind: {run:#?}"
    );
}

#[test]
fn create_rejects_malformed_durations() {
    let env = env_with_client();
    let create = create_with;
    env.rejects(&create(&["--expires-in", "ten"]), 2, "--expires-in 'ten'");
    env.rejects(&create(&["--expires-in=-5d"]), 2, "--expires-in '-5d'");
    env.rejects(&create(&["--expires-in", "0s"]), 2, "--expires-in")
        .stderr_has("at least one second");
    env.rejects(&create(&["--expires-in", "1000y"]), 2, "--expires-in")
        .stderr_has("100 years");
    env.rejects(&create(&["--expires-in", ""]), 2, "--expires-in");
    // Without '=', clap takes "-5d" for a flag.
    env.rejects(&create(&["--expires-in", "-5d"]), 2, "-5");
}

#[test]
fn create_rejects_malformed_or_past_times() {
    let env = env_with_client();
    for bad in ["2027-13-01", "tomorrow", "2027-02-30", "31/01/2027", ""] {
        env.rejects(
            &["key", "create", "-c", "bpjs-sync", "--expires-at", bad],
            2,
            "--expires-at",
        );
    }
    for past in ["2020-01-01", "2000-01-01T00:00:00Z", "1970-01-01"] {
        env.rejects(
            &["key", "create", "-c", "bpjs-sync", "--expires-at", past],
            2,
            "--expires-at",
        )
        .stderr_has("past");
    }
    env.rejects(
        &[
            "key",
            "create",
            "-c",
            "bpjs-sync",
            "--expires-in",
            "1d",
            "--expires-at",
            "2099-01-01",
        ],
        2,
        "cannot be used with",
    );
}

#[test]
fn create_rejects_malformed_cidrs() {
    let env = env_with_client();
    for bad in [
        "10.0.0.0/33",
        "example.org",
        "10.0.0.0/8/8",
        "300.1.1.1",
        "",
    ] {
        env.rejects(
            &["key", "create", "-c", "bpjs-sync", "--allow-ip", bad],
            2,
            "--allow-ip",
        );
    }
    // One bad block among good ones still refuses the key.
    env.rejects(
        &[
            "key",
            "create",
            "-c",
            "bpjs-sync",
            "--allow-ip",
            "10.0.0.0/8",
            "--allow-ip",
            "10.0.0.0/33",
        ],
        2,
        "10.0.0.0/33",
    );
}

#[test]
fn create_rejects_malformed_metadata() {
    let env = env_with_client();
    let meta = |pairs: &[&str]| {
        let mut args = vec!["key", "create", "-c", "bpjs-sync"];
        for p in pairs {
            args.extend(["--meta", p]);
        }
        env.rejects(&args, 2, "--meta")
    };
    meta(&["novalue"]).stderr_has("key=value");
    meta(&["=x"]).stderr_has("empty");
    meta(&["env=a", "env=b"]).stderr_has("twice");
    meta(&["bad key=1"]);
    meta(&["k=line\nbreak"]).stderr_has("control character");
    meta(&[&format!("k={}", "v".repeat(257))]);
    let many: Vec<String> = (0..33).map(|i| format!("k{i}=v")).collect();
    let many: Vec<&str> = many.iter().map(String::as_str).collect();
    meta(&many).stderr_has("32");
}

#[test]
fn create_rejects_bad_prefixes() {
    let env = env_with_client();
    let long = "a".repeat(17);
    for bad in ["Live", "2x", long.as_str(), "a_b", "", "li-ve"] {
        env.rejects(
            &["key", "create", "-c", "bpjs-sync", "--prefix", bad],
            2,
            "--prefix",
        );
    }
    // 16 characters is the limit, and allowed.
    let (_, secret) = env.create_key("bpjs-sync", &["--prefix", &"a".repeat(16)]);
    assert!(secret.starts_with(&format!("{}_", "a".repeat(16))));
}

#[test]
fn create_rejects_max_uses_below_one() {
    let env = env_with_client();
    let create = |n| create_with(&["--max-uses", n]);
    env.rejects(&create("0"), 2, "--max-uses");
    env.rejects(
        &["key", "create", "-c", "bpjs-sync", "--max-uses=-1"],
        2,
        "--max-uses",
    );
    env.rejects(&create("-1"), 2, "-1");
    env.rejects(&create("many"), 2, "--max-uses");
    env.rejects(&create("9223372036854775808"), 2, "--max-uses");
}

#[test]
fn create_rejects_a_bad_label() {
    let env = env_with_client();
    env.rejects(
        &["key", "create", "-c", "bpjs-sync", "--label", "a\nb"],
        2,
        "--label",
    );
    env.rejects(
        &[
            "key",
            "create",
            "-c",
            "bpjs-sync",
            "--label",
            &"l".repeat(129),
        ],
        2,
        "--label",
    );
}

// ---- list ----------------------------------------------------------------------------

#[test]
fn list_table_is_plain_aligned_text() {
    let env = env_with_client();
    env.create_key("bpjs-sync", &["--label", "prod", "--max-uses", "5"]);
    let run = env.run(&["key", "list"]);
    run.code(0);
    assert_plain_table(
        &run.stdout,
        &[
            "ID",
            "CLIENT",
            "LABEL",
            "HINT",
            "STATUS",
            "CREATED AT",
            "EXPIRES AT",
            "LAST USED AT",
            "USES",
        ],
    );
    assert_eq!(run.stdout.lines().count(), 3, "{}", run.stdout);
    assert!(run.stdout.contains("0/5"), "{}", run.stdout);
    assert!(run.stdout.contains("prod"), "{}", run.stdout);
}

#[test]
fn list_json_is_an_array_of_keys_newest_first() {
    let env = env_with_client();
    let (newer, _) = env.create_key("bpjs-sync", &["--label", "second"]);
    let list = env.json(&["key", "list"]);
    let keys = list.as_array().unwrap();
    assert_eq!(keys.len(), 2);
    assert_eq!(keys[0]["id"], newer.as_str());
    for key in keys {
        assert_eq!(key["client"], "bpjs-sync");
        assert_eq!(key["status"], "active");
        assert!(key.get("secret").is_none(), "{key}");
    }
}

#[test]
fn list_csv_has_a_header_and_one_row_per_key() {
    let env = env_with_client();
    let (id, _) = env.create_key("bpjs-sync", &["--label", "a, b", "--max-uses", "3"]);
    let run = env.run(&["--format", "csv", "key", "list"]);
    run.code(0);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines[0],
        "id,client,label,hint,status,created_at,expires_at,last_used_at,uses"
    );
    assert_eq!(lines.len(), 3, "{}", run.stdout);
    assert!(
        lines[1].starts_with(&format!("{id},bpjs-sync,\"a, b\",")),
        "{}",
        run.stdout
    );
    assert!(lines[1].contains(",active,"), "{}", run.stdout);
    assert!(lines[1].ends_with(",,,0/3"), "{}", run.stdout);
}

#[test]
fn list_of_no_keys_is_empty_in_every_format() {
    let env = TestEnv::init();
    env.json(&["client", "add", "c", "--no-key"]);
    let run = env.run(&["key", "list"]);
    run.code(0).stderr_has("(none)");
    assert_eq!(run.stdout, "", "{run:?}");
    assert_eq!(env.json(&["key", "list"]), Value::Array(vec![]));
    let csv = env.run(&["--format", "csv", "key", "list"]);
    csv.code(0);
    assert_eq!(csv.stdout.lines().count(), 1, "{}", csv.stdout);
}

#[test]
fn list_filters_by_client() {
    let env = TestEnv::init();
    env.add_client("a");
    env.add_client("b");
    env.create_key("b", &[]);
    let b = env.json(&["key", "list", "--client", "b"]);
    assert_eq!(b.as_array().unwrap().len(), 2);
    assert!(b.as_array().unwrap().iter().all(|k| k["client"] == "b"));
    let a = env.run(&["key", "list", "-c", "a"]);
    a.code(0);
    assert_eq!(a.stdout.lines().count(), 2, "{}", a.stdout);
}

#[test]
fn list_filters_by_status() {
    let env = TestEnv::init();
    env.json(&["client", "add", "c", "--no-key"]);
    env.json(&["client", "add", "off", "--no-key"]);
    let (active, _) = env.create_key("c", &[]);
    let (expired, _) = env.create_key("c", &[]);
    env.set_key_expiry(&expired, unix_now() - 60);
    let (revoked, _) = env.create_key("c", &[]);
    env.run(&["key", "revoke", &revoked, "--yes"]).code(0);
    let (disabled, _) = env.create_key("c", &[]);
    env.run(&["key", "disable", &disabled]).code(0);
    let (client_off, _) = env.create_key("off", &[]);
    env.run(&["client", "disable", "off"]).code(0);

    let status = |s: &str| ids(&env.json(&["key", "list", "--status", s]));
    assert_eq!(status("active"), sorted(&[&active]));
    assert_eq!(status("expired"), sorted(&[&expired]));
    assert_eq!(status("revoked"), sorted(&[&revoked]));
    assert_eq!(status("disabled"), sorted(&[&disabled, &client_off]));
    let all = sorted(&[&active, &expired, &revoked, &disabled, &client_off]);
    assert_eq!(status("all"), all);
    assert_eq!(ids(&env.json(&["key", "list"])), all);
    // Combined with --client.
    assert_eq!(
        ids(&env.json(&["key", "list", "--client", "off", "--status", "disabled"])),
        sorted(&[&client_off])
    );
    assert_eq!(
        ids(&env.json(&["key", "list", "--client", "c", "--status", "disabled"])),
        sorted(&[&disabled])
    );
    // The table shows each status.
    let table = env.run(&["key", "list"]);
    table.code(0);
    for word in ["active", "expired", "revoked", "disabled"] {
        assert!(table.stdout.contains(word), "{word}: {}", table.stdout);
    }
}

#[test]
fn list_rejects_an_unknown_status() {
    let env = env_with_client();
    env.rejects(&["key", "list", "--status", "bogus"], 2, "--status");
}

// ---- show ----------------------------------------------------------------------------

#[test]
fn show_prints_one_key_in_table_and_json() {
    let env = env_with_client();
    let (id, _) = env.create_key(
        "bpjs-sync",
        &[
            "--label",
            "prod",
            "--meta",
            "env=prod",
            "--allow-ip",
            "10.0.0.0/8",
        ],
    );
    env.run(&["key", "show", &id])
        .code(0)
        .field_is("id", &id)
        .field_is("client", "bpjs-sync")
        .field_is("label", "prod")
        .field_is("status", "active")
        .field_is("disabled", "false")
        .field_is("uses", "0")
        .field_is("last_used_at", "-")
        .field_is("allowed_ips", "10.0.0.0/8")
        .field_is("metadata", "env=prod");
    let out = env.json(&["key", "show", &id]);
    assert_eq!(out["id"], id.as_str());
    assert_eq!(out["client"], "bpjs-sync");
    assert_eq!(out["label"], "prod");
    assert_eq!(out["metadata"], json!({"env": "prod"}));
    assert!(out.get("secret").is_none());
}

// ---- revoke --------------------------------------------------------------------------

#[test]
fn revoke_with_yes_and_reason_in_table_form() {
    let env = env_with_client();
    let (id, secret) = env.create_key("bpjs-sync", &[]);
    env.run(&["key", "revoke", &id, "--yes", "--reason", "leaked in a log"])
        .code(0)
        .stdout_has(&format!("Revoked key {id}"))
        .field_is("status", "revoked")
        .field_is("revoked_reason", "leaked in a log");
    assert!(env.key_column(&id, "revoked_at").is_some());
    assert_eq!(verify_json(&env, &secret).1["result"], "REVOKED");
}

#[test]
fn revoke_in_json() {
    let env = env_with_client();
    let (id, _) = env.create_key("bpjs-sync", &[]);
    let out = env.json(&["key", "revoke", &id, "-y", "--reason", "rotated out"]);
    assert_eq!(out["id"], id.as_str());
    assert_eq!(out["status"], "revoked");
    assert_eq!(out["revoked_reason"], "rotated out");
    assert!(out["revoked_at"].is_string());
    let (other, _) = env.create_key("bpjs-sync", &[]);
    let out = env.json(&["key", "revoke", &other, "--yes"]);
    assert_eq!(out["status"], "revoked");
    assert_eq!(out["revoked_reason"], Value::Null);
}

#[test]
fn revoke_without_yes_and_without_a_terminal_is_refused() {
    let env = env_with_client();
    let (id, _) = env.create_key("bpjs-sync", &[]);
    env.rejects(&["key", "revoke", &id], 2, "--yes");
    env.rejects(&["key", "revoke", &id, "--reason", "x"], 2, "--yes");
}

#[test]
fn revoking_a_revoked_key_is_a_conflict() {
    let env = env_with_client();
    let (id, _) = env.create_key("bpjs-sync", &[]);
    env.run(&["key", "revoke", &id, "--yes", "--reason", "first"])
        .code(0);
    env.rejects(
        &["key", "revoke", &id, "--yes", "--reason", "second"],
        4,
        "revoked",
    )
    .stderr_has(&id);
    assert_eq!(env.json(&["key", "show", &id])["revoked_reason"], "first");
}

#[test]
fn revoke_rejects_a_bad_reason() {
    let env = env_with_client();
    let (id, _) = env.create_key("bpjs-sync", &[]);
    env.rejects(
        &["key", "revoke", &id, "--yes", "--reason", "a\nb"],
        2,
        "--reason",
    );
    env.rejects(
        &["key", "revoke", &id, "--yes", "--reason", &"r".repeat(1025)],
        2,
        "--reason",
    );
}

// ---- rotate --------------------------------------------------------------------------

#[test]
fn rotate_with_grace_zero_expires_the_old_key_at_once() {
    let env = env_with_client();
    let (old, old_secret) = env.create_key(
        "bpjs-sync",
        &[
            "--label",
            "prod",
            "--prefix",
            "live",
            "--max-uses",
            "9",
            "--meta",
            "env=prod",
        ],
    );
    let out = env.json(&["key", "rotate", &old, "--grace", "0"]);
    let new = &out["new"];
    let new_secret = new["secret"].as_str().unwrap();
    assert!(new_secret.starts_with("live_"));
    assert_ne!(new["id"], old.as_str());
    assert_eq!(new["rotated_from"], old.as_str());
    assert_eq!(new["client"], "bpjs-sync");
    assert_eq!(new["label"], "prod");
    assert_eq!(new["max_uses"], 9);
    assert_eq!(new["metadata"], json!({"env": "prod"}));
    assert_eq!(new["status"], "active");
    assert_eq!(out["old"]["id"], old.as_str());
    assert_eq!(out["old"]["status"], "expired");
    assert!(out["old"].get("secret").is_none());

    let (code, verdict) = verify_json(&env, &old_secret);
    assert_eq!((code, verdict["result"].as_str()), (5, Some("EXPIRED")));
    let (code, verdict) = verify_json(&env, new_secret);
    assert_eq!((code, verdict["result"].as_str()), (0, Some("VALID")));
    assert_eq!(env.json(&["key", "show", &old])["status"], "expired");
}

#[test]
fn rotate_without_grace_expires_the_old_key_at_once() {
    let env = env_with_client();
    let (old, old_secret) = env.create_key("bpjs-sync", &[]);
    env.json(&["key", "rotate", &old]);
    assert_eq!(verify_json(&env, &old_secret).1["result"], "EXPIRED");
}

#[test]
fn rotate_with_grace_keeps_the_old_key_valid_until_it_ends() {
    let env = env_with_client();
    let (old, old_secret) = env.create_key("bpjs-sync", &[]);
    let run = env.run(&["key", "rotate", &old, "--grace", "1h"]);
    run.code(0)
        .stdout_has(&format!("Rotated key {old} to "))
        .field_is("rotated_from", &old)
        .stderr_has("shown only once");
    let new_secret = run.field("secret").unwrap();
    assert!(run.field("old_key_expires_at").is_some_and(|t| t != "-"));

    assert_about(
        env.key_column(&old, "expires_at").unwrap(),
        unix_now() + 3600,
        10,
    );
    let (code, verdict) = verify_json(&env, &old_secret);
    assert_eq!((code, verdict["result"].as_str()), (0, Some("VALID")));
    let (code, verdict) = verify_json(&env, &new_secret);
    assert_eq!((code, verdict["result"].as_str()), (0, Some("VALID")));
    assert_eq!(env.json(&["key", "show", &old])["status"], "active");
}

#[test]
fn rotating_an_already_rotated_key_is_a_conflict_naming_its_successor() {
    let env = env_with_client();
    let (old, _) = env.create_key("bpjs-sync", &["--expires-in", "30d"]);
    let new = env.json(&["key", "rotate", &old, "--grace", "1h"])["new"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    env.rejects(
        &["key", "rotate", &old],
        4,
        &format!("rotate {new} instead"),
    );
}

#[test]
fn rotate_gives_the_new_key_the_old_keys_lifetime_from_now() {
    let env = env_with_client();
    let (old, _) = env.create_key("bpjs-sync", &["--expires-in", "30d"]);
    let out = env.json(&["key", "rotate", &old, "--grace", "1h"]);
    let new = out["new"]["id"].as_str().unwrap();
    assert_about(
        env.key_column(new, "expires_at").unwrap(),
        unix_now() + 30 * DAY,
        10,
    );
    assert_about(
        env.key_column(&old, "expires_at").unwrap(),
        unix_now() + 3600,
        10,
    );
}

#[test]
fn rotate_grace_never_extends_the_old_keys_expiry() {
    let env = env_with_client();
    let (old, _) = env.create_key("bpjs-sync", &["--expires-in", "1h"]);
    let before = env.key_column(&old, "expires_at").unwrap();
    env.json(&["key", "rotate", &old, "--grace", "30d"]);
    assert_eq!(env.key_column(&old, "expires_at").unwrap(), before);
}

#[test]
fn rotating_a_revoked_key_is_a_conflict() {
    let env = env_with_client();
    let (id, _) = env.create_key("bpjs-sync", &[]);
    env.run(&["key", "revoke", &id, "--yes"]).code(0);
    env.rejects(&["key", "rotate", &id], 4, "revoked");
    env.rejects(&["key", "rotate", &id, "--grace", "1h"], 4, "revoked");
}

#[test]
fn rotate_rejects_a_malformed_grace() {
    let env = env_with_client();
    let (id, _) = env.create_key("bpjs-sync", &[]);
    env.rejects(&["key", "rotate", &id, "--grace", "ten"], 2, "--grace");
    env.rejects(&["key", "rotate", &id, "--grace=-1h"], 2, "--grace");
    env.rejects(&["key", "rotate", &id, "--grace", "1000y"], 2, "--grace");
}

// ---- disable / enable ----------------------------------------------------------------

#[test]
fn disable_and_enable_in_table_form() {
    let env = env_with_client();
    let (id, _) = env.create_key("bpjs-sync", &[]);
    env.run(&["key", "disable", &id])
        .code(0)
        .stdout_has(&format!("Disabled key {id}"))
        .field_is("status", "disabled")
        .field_is("disabled", "true");
    env.run(&["key", "disable", &id])
        .code(0)
        .field_is("status", "disabled");
    env.run(&["key", "enable", &id])
        .code(0)
        .stdout_has(&format!("Enabled key {id}"))
        .field_is("status", "active")
        .field_is("disabled", "false");
}

#[test]
fn disable_and_enable_in_json() {
    let env = env_with_client();
    let (id, secret) = env.create_key("bpjs-sync", &[]);
    let out = env.json(&["key", "disable", &id]);
    assert_eq!(
        (out["status"].as_str(), out["disabled"].as_bool()),
        (Some("disabled"), Some(true))
    );
    assert_eq!(verify_json(&env, &secret).1["result"], "DISABLED");
    let out = env.json(&["key", "enable", &id]);
    assert_eq!(
        (out["status"].as_str(), out["disabled"].as_bool()),
        (Some("active"), Some(false))
    );
    assert_eq!(verify_json(&env, &secret).1["result"], "VALID");
}

#[test]
fn disabling_or_enabling_a_revoked_key_is_a_conflict() {
    let env = env_with_client();
    let (id, _) = env.create_key("bpjs-sync", &[]);
    env.run(&["key", "revoke", &id, "--yes"]).code(0);
    env.rejects(&["key", "disable", &id], 4, "revoked");
    env.rejects(&["key", "enable", &id], 4, "revoked");
}

// ---- inspect -------------------------------------------------------------------------

#[test]
fn inspect_checks_a_key_from_the_flag_or_stdin_without_a_store() {
    let env = env_with_client();
    let (_, secret) = env.create_key("bpjs-sync", &["--prefix", "live"]);
    let offline = TestEnv::new();
    let hint = &secret[..9];
    offline
        .run(&["key", "inspect", "--key", &secret])
        .code(0)
        .stdout_has("well-formed")
        .stdout_has("prefix 'live'")
        .stdout_has(hint)
        .stdout_has("checksum ok");
    let run = offline.run_stdin(&["--json", "key", "inspect"], &format!("{secret}\n"));
    run.code(0);
    assert_eq!(
        run.json(),
        json!({"well_formed": true, "prefix": "live", "hint": hint, "checksum": "ok"})
    );
    assert!(!offline.store_exists(), "inspect created a store");
}

#[test]
fn inspect_rejects_malformed_keys() {
    let env = TestEnv::new();
    let (_, secret) = {
        let real = TestEnv::init();
        real.add_client("c");
        real.create_key("c", &[])
    };
    let mut typo = secret.clone().into_bytes();
    let last = typo.len() - 1;
    typo[last] = if typo[last] == b'a' { b'b' } else { b'a' };
    let typo = String::from_utf8(typo).unwrap();
    env.rejects(&["key", "inspect", "--key", &typo], 2, "checksum");
    env.rejects_stdin(&["key", "inspect"], "ak_short\n", 2, "malformed");
    env.rejects_stdin(&["key", "inspect"], "", 2, "no key on standard input");
    env.rejects_stdin(&["key", "inspect"], "  \n", 2, "no key on standard input");
    assert!(!env.store_exists());
}

// ---- unknown and impossible ids ------------------------------------------------------

/// Every command that looks a key up, with `ID` where the id goes.
const LOOKUPS: &[&[&str]] = &[
    &["key", "show", "ID"],
    &["key", "revoke", "ID", "--yes"],
    &["key", "revoke", "ID"],
    &["key", "rotate", "ID"],
    &["key", "rotate", "ID", "--grace", "1h"],
    &["key", "disable", "ID"],
    &["key", "enable", "ID"],
];

fn with_id<'a>(template: &[&'a str], id: &'a str) -> Vec<&'a str> {
    template
        .iter()
        .map(|a| if *a == "ID" { id } else { a })
        .collect()
}

#[test]
fn every_key_lookup_of_an_unknown_id_is_not_found() {
    let env = env_with_client();
    for template in LOOKUPS {
        env.rejects(
            &with_id(template, "zzzzzzzzzzzz"),
            3,
            "no key with id 'zzzzzzzzzzzz'",
        )
        .stderr_one_line();
        env.rejects_any(&with_id(template, ""), "", &[2, 3], "key");
    }
}

#[test]
fn every_key_lookup_with_a_control_character_in_the_id_fails_on_one_clean_line() {
    let env = env_with_client();
    for id in ["a\nb", "a\u{1b}[31mred"] {
        for template in LOOKUPS {
            let run = env.rejects_any(&with_id(template, id), "", &[2, 3], "key");
            run.stderr_one_line();
            let body = run.stderr.trim_end_matches('\n');
            assert!(
                !body.chars().any(char::is_control),
                "raw control character in stderr for {template:?}: {:?}",
                run.stderr
            );
        }
    }
}

#[test]
fn rotating_an_imported_key_without_a_prefix_issues_a_default_prefixed_key() {
    let env = env_with_client();
    let run = env.run_stdin(
        &["--json", "key", "import", "--client", "bpjs-sync", "-"],
        "legacyABCDEFGHIJKLMNOP1234\n",
    );
    run.code(0);
    let id = run.json()["key_ids"][0].as_str().unwrap().to_owned();
    let rotated = env.json(&["key", "rotate", &id]);
    assert!(
        rotated["new"]["secret"]
            .as_str()
            .unwrap()
            .starts_with("ak_")
    );
}

// ---- rate limits -----------------------------------------------------------------------

#[test]
fn create_update_and_clear_a_rate_limit() {
    let env = env_with_client();
    let out = env.json(&create_with(&["--rate-limit", "100/1m"]));
    assert_eq!(out["rate_limit"], json!({"limit": 100, "window_secs": 60}));
    let id = out["id"].as_str().unwrap();
    assert_eq!(env.key_column(id, "rate_limit"), Some(100));
    assert_eq!(env.key_column(id, "rate_window_secs"), Some(60));
    env.run(&["key", "show", id])
        .code(0)
        .field_is("rate_limit", "100/1m");

    let updated = env.json(&["key", "update", id, "--rate-limit", "5/s"]);
    assert_eq!(updated["rate_limit"], json!({"limit": 5, "window_secs": 1}));
    let event = env
        .json(&["audit"])
        .as_array()
        .unwrap()
        .last()
        .cloned()
        .unwrap();
    assert_eq!(event["action"], "key.update");
    assert_eq!(event["target"], id);
    assert_eq!(
        event["details"]["rate_limit"],
        json!({"limit": 5, "window_secs": 1})
    );

    env.run(&["key", "update", id, "--no-rate-limit"])
        .code(0)
        .stdout_has("has no rate limit")
        .field_is("rate_limit", "none");
    assert_eq!(env.json(&["key", "show", id])["rate_limit"], Value::Null);
    assert_eq!(env.key_column(id, "rate_limit"), None);
    // No change, no event.
    let events = env.json(&["audit"]).as_array().unwrap().len();
    env.json(&["key", "update", id, "--no-rate-limit"]);
    assert_eq!(env.json(&["audit"]).as_array().unwrap().len(), events);
}

#[test]
fn bad_rate_limits_are_refused() {
    let env = env_with_client();
    for bad in [
        "100",
        "0/1m",
        "x/1m",
        "100/",
        "100/forever",
        "100001/1m",
        "5/2d",
        "5/0s",
    ] {
        env.rejects(&create_with(&["--rate-limit", bad]), 2, "--rate-limit");
    }
    let id = env.json(&create_with(&[]))["id"]
        .as_str()
        .unwrap()
        .to_owned();
    env.rejects(&["key", "update", &id], 2, "--rate-limit");
    env.rejects(
        &[
            "key",
            "update",
            &id,
            "--rate-limit",
            "1/1s",
            "--no-rate-limit",
        ],
        2,
        "--no-rate-limit",
    );
    env.rejects(
        &["key", "update", "nosuchkey000", "--no-rate-limit"],
        3,
        "nosuchkey000",
    );
    env.run(&["key", "revoke", &id, "--yes"]).code(0);
    env.rejects(
        &["key", "update", &id, "--rate-limit", "1/1s"],
        4,
        "revoked",
    );
}

#[test]
fn key_verify_does_not_enforce_the_rate_limit() {
    let env = env_with_client();
    let out = env.json(&create_with(&["--rate-limit", "1/1h"]));
    let secret = out["secret"].as_str().unwrap();
    for _ in 0..3 {
        let (code, verdict) = verify_json(&env, secret);
        assert_eq!((code, verdict["result"].as_str()), (0, Some("VALID")));
    }
}

#[test]
fn rotation_keeps_the_rate_limit() {
    let env = env_with_client();
    let id = env.json(&create_with(&["--rate-limit", "7/90s"]))["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let rotated = env.json(&["key", "rotate", &id]);
    assert_eq!(
        rotated["new"]["rate_limit"],
        json!({"limit": 7, "window_secs": 90})
    );
}
