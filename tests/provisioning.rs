//! `apikey apply`, `diff` and `export`: declarative provisioning.

use serde_json::Value;

use crate::common::{Run, TestEnv};
use crate::provision_helpers::{
    FIXTURE_JSON, FIXTURE_TOML, arg, assert_audit_intact, audit_count, audit_events, find,
    occurrences, sorted_field, strings, verify_result, write_file,
};

/// A small file whose keys have no limits, so each new secret verifies as it is.
const SIMPLE_TOML: &str = r#"
[[clients]]
name = "app"
keys = [{ label = "a", count = 2 }, { label = "b" }]
"#;

/// `text` with `from` replaced by `to`; `from` must occur.
#[track_caller]
fn edited(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "fixture lacks {from:?}");
    text.replacen(from, to, 1)
}

/// A store (created by `init`) with [`FIXTURE_TOML`] applied.
fn fixture_env() -> TestEnv {
    let env = TestEnv::init();
    let file = write_file(&env, "fixture.toml", FIXTURE_TOML);
    env.json(&["apply", arg(&file)]);
    env
}

/// Runs `apikey --json apply FILE [extra...]`, asserting success.
#[track_caller]
fn apply(env: &TestEnv, name: &str, text: &str, extra: &[&str]) -> Value {
    let file = write_file(env, name, text);
    let mut args = vec!["apply", arg(&file)];
    args.extend_from_slice(extra);
    env.json(&args)
}

/// How many things a change stands for: key changes are reported per key group, with
/// a `count`.
fn change_count(change: &Value) -> usize {
    change["count"].as_u64().map_or(1, |n| n as usize)
}

/// (op, kind, name) of each change of an apply report, sorted; a key group's change
/// counts once per key, as `<key>`.
fn change_summary(report: &Value) -> Vec<(String, String, String)> {
    let mut summary: Vec<(String, String, String)> = report["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .flat_map(|c| {
            let kind = c["kind"].as_str().expect("kind").to_owned();
            let name = if kind == "key" {
                "<key>".to_owned()
            } else {
                c["name"].as_str().expect("name").to_owned()
            };
            let entry = (c["op"].as_str().expect("op").to_owned(), kind, name);
            std::iter::repeat_n(entry, change_count(c))
        })
        .collect();
    summary.sort();
    summary
}

fn triple(op: &str, kind: &str, name: &str) -> (String, String, String) {
    (op.to_owned(), kind.to_owned(), name.to_owned())
}

/// Checks that the store holds exactly what [`FIXTURE_TOML`] declares.
#[track_caller]
fn assert_fixture_applied(env: &TestEnv) {
    let permissions = env.json(&["permission", "list"]);
    assert_eq!(
        sorted_field(&permissions, "name"),
        ["bpjs:read", "users:write"]
    );
    assert_eq!(
        find(&permissions, "name", "bpjs:read")["description"],
        "Read BPJS data"
    );

    let roles = env.json(&["role", "list"]);
    assert_eq!(sorted_field(&roles, "name"), ["admin", "integration"]);
    let integration = find(&roles, "name", "integration");
    assert_eq!(integration["description"], "Data integrations");
    assert_eq!(strings(&integration["permissions"]), ["bpjs:read"]);
    assert_eq!(
        strings(&find(&roles, "name", "admin")["permissions"]),
        ["*"]
    );

    let clients = env.json(&["client", "list"]);
    assert_eq!(sorted_field(&clients, "name"), ["bpjs-sync", "reporting"]);
    let sync = find(&clients, "name", "bpjs-sync");
    assert_eq!(sync["description"], "BPJS data sync");
    assert_eq!(sync["status"], "active");
    assert_eq!(strings(&sync["roles"]), ["integration"]);
    let reporting = find(&clients, "name", "reporting");
    assert_eq!(reporting["status"], "disabled");
    assert_eq!(reporting["total_keys"], 0);

    let keys = env.json(&["key", "list", "--client", "bpjs-sync"]);
    let keys = keys.as_array().expect("keys");
    assert_eq!(keys.len(), 3, "{keys:#?}");
    let prod: Vec<&Value> = keys.iter().filter(|k| k["label"] == "prod").collect();
    assert_eq!(prod.len(), 2);
    for key in prod {
        assert_eq!(key["prefix"], "live");
        assert_eq!(key["status"], "active");
        assert_eq!(key["max_uses"], 1000);
        assert_eq!(key["allowed_ips"], serde_json::json!(["10.0.0.0/8"]));
        assert_eq!(key["metadata"], serde_json::json!({ "env": "prod" }));
        assert!(key["expires_at"].is_string(), "no expiry: {key}");
    }
    let ci = find(&Value::Array(keys.clone()), "label", "ci").clone();
    assert_eq!(ci["prefix"], "ak");
    assert!(ci["expires_at"].is_null());
    assert!(ci["max_uses"].is_null());

    let users = env.json(&["user", "list"]);
    assert_eq!(sorted_field(&users, "email"), ["admin@example.org"]);
    let admin = &users[0];
    assert_eq!(admin["name"], "Admin");
    assert_eq!(admin["status"], "active");
    assert_eq!(strings(&admin["roles"]), ["admin"]);
}

// ---------------------------------------------------------------------------------------
// apply: create, idempotence, update, prune
// ---------------------------------------------------------------------------------------

#[test]
fn apply_creates_everything_from_a_toml_file_on_a_missing_store() {
    let env = TestEnv::new();
    let out = apply(&env, "access.toml", FIXTURE_TOML, &[]);
    assert_eq!(out["dry_run"], false);
    assert_eq!(out["keys_created"], 3);
    assert_eq!(out["secrets"].as_array().expect("secrets").len(), 3);
    assert_fixture_applied(&env);
}

#[test]
fn apply_creates_everything_from_a_json_file() {
    let env = TestEnv::init();
    let out = apply(&env, "access.json", FIXTURE_JSON, &[]);
    assert_eq!(out["keys_created"], 3);
    assert_fixture_applied(&env);
}

#[test]
fn apply_reads_toml_from_standard_input() {
    let env = TestEnv::init();
    let run = env.run_stdin(&["--json", "apply", "-"], FIXTURE_TOML);
    run.code(0);
    assert_eq!(run.json()["keys_created"], 3);
    assert_fixture_applied(&env);
}

#[test]
fn apply_reads_json_from_standard_input() {
    let env = TestEnv::init();
    let run = env.run_stdin(&["--json", "apply", "-"], FIXTURE_JSON);
    run.code(0);
    assert_fixture_applied(&env);
}

#[test]
fn a_second_apply_reports_no_change_and_adds_no_audit_event() {
    let env = fixture_env();
    let events = audit_count(&env);
    let before = env.dump();

    let out = apply(&env, "again.toml", FIXTURE_TOML, &[]);
    assert_eq!(out["changed"], 0, "{out:#}");
    assert_eq!(out["keys_created"], 0);
    assert!(out["changes"].as_array().expect("changes").is_empty());
    assert_eq!(out["secrets"], serde_json::json!([]), "{out:#}");
    assert_eq!(audit_count(&env), events, "an idempotent apply was audited");
    assert_eq!(before, env.dump(), "an idempotent apply changed the store");

    // The same content as JSON is just as idempotent.
    let out = apply(&env, "again.json", FIXTURE_JSON, &[]);
    assert_eq!(out["changed"], 0, "{out:#}");
}

#[test]
fn apply_makes_only_the_changes_the_file_introduces() {
    let env = fixture_env();
    let prod_before = env.json(&["key", "list", "--client", "bpjs-sync"]);
    let file = edited(FIXTURE_TOML, "Read BPJS data", "Read BPJS claims");
    let file = edited(
        &file,
        "roles = [\"integration\"]",
        "roles = [\"integration\", \"admin\"]",
    );
    let file = edited(&file, "{ label = \"ci\" }", "{ label = \"ci\", count = 2 }");

    let out = apply(&env, "changed.toml", &file, &[]);
    assert_eq!(out["changed"], 3, "{out:#}");
    assert_eq!(
        change_summary(&out),
        [
            triple("create", "key", "<key>"),
            triple("update", "client", "bpjs-sync"),
            triple("update", "permission", "bpjs:read"),
        ]
    );
    assert_eq!(out["keys_created"], 1);
    assert_eq!(out["secrets"][0]["label"], "ci");

    let permissions = env.json(&["permission", "list"]);
    assert_eq!(
        find(&permissions, "name", "bpjs:read")["description"],
        "Read BPJS claims"
    );
    let clients = env.json(&["client", "list"]);
    assert_eq!(
        strings(&find(&clients, "name", "bpjs-sync")["roles"]),
        ["admin", "integration"]
    );
    let keys = env.json(&["key", "list", "--client", "bpjs-sync"]);
    assert_eq!(keys.as_array().expect("keys").len(), 4);
    // The keys that were there are untouched.
    for old in prod_before.as_array().expect("keys") {
        let now = find(&keys, "id", old["id"].as_str().expect("id"));
        assert_eq!(now, old);
    }
}

#[test]
fn prune_with_yes_removes_what_the_file_does_not_name_and_revokes_surplus_keys() {
    let env = fixture_env();
    env.json(&["permission", "add", "extra:read"]);
    env.json(&["role", "add", "extra-role", "--permission", "extra:read"]);
    let extra_secret = env.add_client("extra-client");
    env.json(&["user", "add", "extra@example.org", "--no-password"]);
    let file = edited(FIXTURE_TOML, "count = 2", "count = 1");

    let out = apply(&env, "pruned.toml", &file, &["--prune", "--yes"]);
    assert_eq!(
        change_summary(&out),
        [
            triple("remove", "client", "extra-client"),
            triple("remove", "key", "<key>"),
            triple("remove", "permission", "extra:read"),
            triple("remove", "role", "extra-role"),
            triple("remove", "user", "extra@example.org"),
        ]
    );

    assert_eq!(
        sorted_field(&env.json(&["permission", "list"]), "name"),
        ["bpjs:read", "users:write"]
    );
    assert_eq!(
        sorted_field(&env.json(&["role", "list"]), "name"),
        ["admin", "integration"]
    );
    assert_eq!(
        sorted_field(&env.json(&["client", "list"]), "name"),
        ["bpjs-sync", "reporting"]
    );
    assert_eq!(
        sorted_field(&env.json(&["user", "list"]), "email"),
        ["admin@example.org"]
    );
    let prod: Vec<Value> = env
        .json(&["key", "list", "--client", "bpjs-sync"])
        .as_array()
        .expect("keys")
        .iter()
        .filter(|k| k["label"] == "prod")
        .cloned()
        .collect();
    let mut statuses: Vec<&str> = prod
        .iter()
        .map(|k| k["status"].as_str().expect("status"))
        .collect();
    statuses.sort_unstable();
    assert_eq!(statuses, ["active", "revoked"], "{prod:#?}");
    assert_ne!(verify_result(&env, &extra_secret), "VALID");

    // Pruned to the file: applying it again changes nothing.
    let again = apply(&env, "pruned-again.toml", &file, &["--prune", "--yes"]);
    assert_eq!(again["changed"], 0, "{again:#}");
}

#[test]
fn prune_without_yes_and_without_a_terminal_is_refused_and_changes_nothing() {
    let env = fixture_env();
    env.add_client("extra-client");
    let file = write_file(&env, "access.toml", FIXTURE_TOML);
    env.rejects(&["apply", arg(&file), "--prune"], 2, "--yes");
    assert_eq!(
        sorted_field(&env.json(&["client", "list"]), "name"),
        ["bpjs-sync", "extra-client", "reporting"]
    );
}

// ---------------------------------------------------------------------------------------
// apply: --dry-run
// ---------------------------------------------------------------------------------------

#[test]
fn dry_run_prints_the_plan_and_leaves_the_store_unchanged() {
    let env = fixture_env();
    let file = edited(FIXTURE_TOML, "Read BPJS data", "Read BPJS claims");
    let file = edited(&file, "{ label = \"ci\" }", "{ label = \"ci\", count = 2 }");
    let path = write_file(&env, "changed.toml", &file);
    let before = env.dump();

    let run = env.run(&["--json", "apply", arg(&path), "--dry-run"]);
    run.code(0);
    let plan = run.json();
    assert_eq!(before, env.dump(), "a dry run changed the store");
    assert_eq!(plan["dry_run"], true);
    assert_eq!(
        change_summary(&plan),
        [
            triple("create", "key", "<key>"),
            triple("update", "permission", "bpjs:read"),
        ]
    );
    assert_eq!(
        plan["secrets"],
        serde_json::json!([]),
        "a dry run printed secrets"
    );

    // The plan is what a real apply then does.
    let applied = env.json(&["apply", arg(&path)]);
    assert_eq!(change_summary(&applied), change_summary(&plan));
}

#[test]
fn dry_run_in_human_form_lists_the_changes() {
    let env = fixture_env();
    let path = write_file(
        &env,
        "changed.toml",
        &edited(FIXTURE_TOML, "Read BPJS data", "Read BPJS claims"),
    );
    let before = env.dump();
    let run = env.run(&["apply", arg(&path), "--dry-run"]);
    run.code(0)
        .stdout_has("update")
        .stdout_has("bpjs:read")
        .stdout_has("description");
    assert_eq!(before, env.dump());
}

#[test]
fn dry_run_on_a_missing_store_plans_from_empty_and_creates_no_store() {
    let env = TestEnv::new();
    let path = write_file(&env, "access.toml", FIXTURE_TOML);
    let run = env.run(&["--json", "apply", arg(&path), "--dry-run"]);
    run.code(0);
    let plan = run.json();
    assert!(!env.store_exists(), "a dry run created the store");
    assert_eq!(plan["keys_created"], 3);
    let summary = change_summary(&plan);
    for expected in [
        triple("create", "permission", "bpjs:read"),
        triple("create", "role", "integration"),
        triple("create", "client", "bpjs-sync"),
        triple("create", "client", "reporting"),
        triple("create", "user", "admin@example.org"),
    ] {
        assert!(
            summary.contains(&expected),
            "{expected:?} not in {summary:?}"
        );
    }
}

#[test]
fn dry_run_with_prune_asks_nothing_and_changes_nothing() {
    let env = fixture_env();
    env.add_client("extra-client");
    let path = write_file(&env, "access.toml", FIXTURE_TOML);
    let before = env.dump();
    let run = env.run(&["--json", "apply", arg(&path), "--prune", "--dry-run"]);
    run.code(0);
    assert_eq!(before, env.dump());
    assert!(change_summary(&run.json()).contains(&triple("remove", "client", "extra-client")));
}

#[test]
fn dry_run_writes_no_secrets_file() {
    let env = TestEnv::init();
    let path = write_file(&env, "access.toml", SIMPLE_TOML);
    let secrets_file = env.dir().join("secrets.json");
    let before = env.dump();
    env.run(&[
        "apply",
        arg(&path),
        "--dry-run",
        "--secrets-out",
        arg(&secrets_file),
    ])
    .code(0);
    assert!(!secrets_file.exists(), "a dry run wrote a secrets file");
    assert_eq!(before, env.dump());
}

// ---------------------------------------------------------------------------------------
// apply: new secrets
// ---------------------------------------------------------------------------------------

#[test]
fn new_secrets_appear_exactly_once_in_the_json_output_and_verify() {
    let env = TestEnv::init();
    let path = write_file(&env, "access.toml", SIMPLE_TOML);
    let run = env.run(&["--json", "apply", arg(&path)]);
    run.code(0);
    let out = run.json();
    let secrets = out["secrets"].as_array().expect("secrets");
    assert_eq!(secrets.len(), 3);
    let ids = sorted_field(&env.json(&["key", "list"]), "id");
    let mut secret_ids = sorted_field(&out["secrets"], "id");
    secret_ids.sort();
    assert_eq!(ids, secret_ids);
    for entry in secrets {
        let secret = entry["secret"].as_str().expect("secret");
        assert_eq!(entry["client"], "app");
        assert_eq!(occurrences(&run.stdout, secret), 1, "{secret} not once");
        assert!(!run.stderr.contains(secret), "secret on stderr");
        assert_eq!(verify_result(&env, secret), "VALID");
    }
    assert!(run.stderr.contains("shown only once"), "{run:#?}");
}

#[test]
fn new_secrets_appear_exactly_once_in_the_human_output() {
    let env = TestEnv::init();
    let path = write_file(&env, "access.toml", SIMPLE_TOML);
    let run = env.run(&["apply", arg(&path)]);
    run.code(0).stderr_has("shown only once");
    // The secrets are printed as JSON strings after the table of changes.
    let secrets: Vec<&str> = run
        .stdout
        .split('"')
        .filter(|s| s.starts_with("ak_") && s.len() == 41)
        .collect();
    assert_eq!(secrets.len(), 3, "{run:#?}");
    for secret in secrets {
        assert_eq!(occurrences(&run.stdout, secret), 1);
        assert_eq!(verify_result(&env, secret), "VALID");
    }
}

#[cfg(unix)]
#[test]
fn secrets_out_writes_a_new_owner_only_file_and_keeps_secrets_off_stdout() {
    let env = TestEnv::init();
    let path = write_file(&env, "access.toml", SIMPLE_TOML);
    let secrets_file = env.dir().join("secrets.json");
    let run = env.run(&[
        "--json",
        "apply",
        arg(&path),
        "--secrets-out",
        arg(&secrets_file),
    ]);
    run.code(0);
    let out = run.json();
    assert_eq!(out["keys_created"], 3);
    assert_eq!(out["secrets"], serde_json::json!([]), "{out:#}");
    assert_eq!(out["secrets_file"], arg(&secrets_file));
    assert_eq!(crate::provision_helpers::mode(&secrets_file), 0o600);

    let written: Value =
        serde_json::from_str(&std::fs::read_to_string(&secrets_file).expect("read secrets"))
            .expect("secrets file is JSON");
    let written = written.as_array().expect("an array");
    assert_eq!(written.len(), 3);
    for entry in written {
        let secret = entry["secret"].as_str().expect("secret");
        assert!(!run.stdout.contains(secret), "secret on stdout");
        assert!(!run.stderr.contains(secret), "secret on stderr");
        assert_eq!(verify_result(&env, secret), "VALID");
    }
}

#[test]
fn secrets_out_to_an_existing_file_is_a_conflict_and_changes_nothing() {
    let env = TestEnv::init();
    let path = write_file(&env, "access.toml", SIMPLE_TOML);
    let existing = write_file(&env, "secrets.json", "keep me\n");
    env.rejects(
        &["apply", arg(&path), "--secrets-out", arg(&existing)],
        4,
        "already exists",
    );
    assert_eq!(
        std::fs::read_to_string(&existing).expect("read"),
        "keep me\n"
    );
}

#[test]
fn secrets_out_that_cannot_be_written_leaves_no_key_without_its_secret() {
    let env = TestEnv::init();
    let path = write_file(&env, "access.toml", SIMPLE_TOML);
    let unwritable = env.dir().join("no-such-dir").join("secrets.json");
    let before = env.dump();
    let run = env.run(&["apply", arg(&path), "--secrets-out", arg(&unwritable)]);
    // Either the secrets reach the file, or no key is created: never keys whose
    // secrets nobody will ever see.
    if run.code == 0 {
        assert!(
            unwritable.exists(),
            "apply succeeded without the secrets file"
        );
    } else {
        let keys = env.json(&["key", "list"]);
        assert!(
            keys.as_array().expect("keys").is_empty(),
            "apply failed ({}) yet kept {} new keys whose secrets nobody has",
            run.stderr.trim(),
            keys.as_array().expect("keys").len()
        );
        assert_eq!(before, env.dump());
    }
}

#[test]
fn a_key_group_label_with_surrounding_spaces_is_still_idempotent() {
    let env = TestEnv::init();
    let file = "[[clients]]\nname = \"app\"\nkeys = [{ label = \" prod \" }]\n";
    let first = apply(&env, "access.toml", file, &[]);
    assert_eq!(first["keys_created"], 1);
    let second = apply(&env, "access.toml", file, &[]);
    assert_eq!(second["changed"], 0, "{second:#}");
    assert_eq!(
        env.json(&["key", "list"]).as_array().expect("keys").len(),
        1
    );
}

// ---------------------------------------------------------------------------------------
// Bad files: exit 2, a precise message, an unchanged store
// ---------------------------------------------------------------------------------------

/// Applies `text` (as `name`) to a store holding the fixture and asserts exit 2, an
/// unchanged store, and that stderr names each of `needles`.
#[track_caller]
fn rejects_file(name: &str, text: &str, needles: &[&str]) -> Run {
    let env = fixture_env();
    let path = write_file(&env, name, text);
    let run = env.rejects(&["apply", arg(&path)], 2, needles[0]);
    for needle in &needles[1..] {
        run.stderr_has(needle);
    }
    // `--dry-run` and `diff` reject it the same way.
    env.rejects(&["apply", arg(&path), "--dry-run"], 2, needles[0]);
    env.rejects(&["diff", arg(&path)], 2, needles[0]);
    run
}

#[test]
fn a_toml_syntax_error_names_the_file_and_line() {
    let text = "[[clients]]\nname = \"a\"\n\n[[clients]\nname = \"b\"\n";
    rejects_file("broken.toml", text, &["broken.toml", "line 4,"]);
}

#[test]
fn a_json_syntax_error_names_the_file_and_line() {
    let text = "{\n  \"clients\": [\n    { \"name\": \"a\" },\n    { \"name\": \"b\", }\n  ]\n}\n";
    rejects_file("broken.json", text, &["broken.json", "line 4,"]);
}

#[test]
fn an_unknown_toml_field_is_named() {
    let text = "[[clients]]\nname = \"a\"\ncolour = \"red\"\n";
    rejects_file("access.toml", text, &["unknown field `colour`", "line 3,"]);
}

#[test]
fn an_unknown_json_field_in_a_key_group_is_named() {
    let text = r#"{ "clients": [ { "name": "a", "keys": [ { "label": "x", "colour": 1 } ] } ] }"#;
    rejects_file("access.json", text, &["unknown field `colour`"]);
}

#[test]
fn an_unknown_top_level_section_is_named() {
    rejects_file(
        "access.toml",
        "[[apps]]\nname = \"a\"\n",
        &["unknown field `apps`"],
    );
}

#[test]
fn a_client_referring_to_an_unknown_role_is_rejected() {
    let text = "[[clients]]\nname = \"a\"\nroles = [\"ghost\"]\n";
    rejects_file("access.toml", text, &["unknown role 'ghost'", "clients[a]"]);
}

#[test]
fn a_user_referring_to_an_unknown_role_is_rejected() {
    let text = "[[users]]\nemail = \"u@example.org\"\nroles = [\"ghost\"]\n";
    rejects_file(
        "access.toml",
        text,
        &["unknown role 'ghost'", "users[u@example.org]"],
    );
}

#[test]
fn a_role_referring_to_an_unknown_permission_is_rejected() {
    let text = "[[roles]]\nname = \"r\"\npermissions = [\"ghost:read\"]\n";
    rejects_file(
        "access.toml",
        text,
        &["unknown permission 'ghost:read'", "roles[r]"],
    );
}

#[test]
fn a_client_declared_twice_is_rejected() {
    let text = "[[clients]]\nname = \"dup\"\n[[clients]]\nname = \"DUP\"\n";
    rejects_file("access.toml", text, &["declared twice", "client 'dup'"]);
}

#[test]
fn a_role_declared_twice_is_rejected() {
    let text = "[[roles]]\nname = \"dup\"\n[[roles]]\nname = \"dup\"\n";
    rejects_file("access.toml", text, &["declared twice", "role 'dup'"]);
}

#[test]
fn a_permission_declared_twice_is_rejected() {
    let text = "[[permissions]]\nname = \"a:read\"\n[[permissions]]\nname = \"a:read\"\n";
    rejects_file(
        "access.toml",
        text,
        &["declared twice", "permission 'a:read'"],
    );
}

#[test]
fn a_user_declared_twice_is_rejected() {
    let text = "[[users]]\nemail = \"u@example.org\"\n[[users]]\nemail = \"U@Example.org\"\n";
    rejects_file("access.toml", text, &["declared twice", "u@example.org"]);
}

#[test]
fn a_bad_permission_name_is_rejected() {
    let text = "[[permissions]]\nname = \"nocolon\"\n";
    rejects_file("access.toml", text, &["nocolon", "permissions[0]"]);
}

#[test]
fn a_bad_client_name_is_rejected() {
    let text = "[[clients]]\nname = \"bad name!\"\n";
    rejects_file("access.toml", text, &["bad name!", "client name"]);
}

#[test]
fn an_unknown_status_is_rejected() {
    let text = "[[clients]]\nname = \"a\"\nstatus = \"paused\"\n";
    rejects_file("access.toml", text, &["paused", "line 3,"]);
}

#[test]
fn a_negative_key_count_is_rejected() {
    let text = "[[clients]]\nname = \"a\"\nkeys = [{ count = -1 }]\n";
    rejects_file("access.toml", text, &["-1", "line 3,"]);
}

#[test]
fn a_bad_expires_in_is_rejected() {
    let text = "[[clients]]\nname = \"a\"\nkeys = [{ expires_in = \"ten days\" }]\n";
    rejects_file(
        "access.toml",
        text,
        &["ten days", "expires_in", "clients[a].keys[0]"],
    );
}

#[test]
fn a_bad_cidr_is_rejected_naming_the_key_group() {
    let text = "[[clients]]\nname = \"a\"\nkeys = [{ allowed_ips = [\"10.0.0.0/33\"] }]\n";
    rejects_file("access.toml", text, &["10.0.0.0/33", "clients[a].keys[0]"]);
}

#[test]
fn a_bad_email_is_rejected() {
    let text = "[[users]]\nemail = \"not-an-email\"\n";
    rejects_file(
        "access.toml",
        text,
        &["not-an-email", "users[not-an-email]"],
    );
}

#[test]
fn a_zero_usage_cap_is_rejected() {
    let text = "[[clients]]\nname = \"a\"\nkeys = [{ max_uses = 0 }]\n";
    rejects_file("access.toml", text, &["max_uses", "clients[a].keys[0]"]);
}

#[test]
fn a_missing_file_is_rejected_naming_its_path() {
    let env = fixture_env();
    let missing = env.dir().join("nowhere.toml");
    env.rejects(&["apply", arg(&missing)], 2, arg(&missing));
    env.rejects(&["diff", arg(&missing)], 2, arg(&missing));
}

/// Valid permissions, a role and a client, then a client whose key group fails only
/// when its key is issued (a fixed expiry in the past).
const FAILS_DURING_APPLY: &str = r#"
[[permissions]]
name = "early:read"

[[roles]]
name = "early-role"
permissions = ["early:read"]

[[clients]]
name = "early-client"
roles = ["early-role"]
keys = [{ label = "ok" }]

[[clients]]
name = "late-client"
keys = [{ label = "expired", expires_at = "2020-01-01" }]
"#;

#[test]
fn a_failure_during_apply_leaves_nothing_applied() {
    let env = fixture_env();
    let path = write_file(&env, "access.toml", FAILS_DURING_APPLY);
    env.rejects(&["apply", arg(&path)], 2, "in the past");
    let permissions = sorted_field(&env.json(&["permission", "list"]), "name");
    assert!(!permissions.contains(&"early:read".to_owned()));
    let roles = sorted_field(&env.json(&["role", "list"]), "name");
    assert!(!roles.contains(&"early-role".to_owned()));
    let clients = sorted_field(&env.json(&["client", "list"]), "name");
    assert_eq!(clients, ["bpjs-sync", "reporting"]);
}

#[test]
fn a_failure_during_apply_on_a_missing_store_creates_no_store() {
    let env = TestEnv::new();
    let path = write_file(&env, "access.toml", FAILS_DURING_APPLY);
    env.run(&["apply", arg(&path)])
        .code(2)
        .stderr_has("in the past");
    assert!(
        !env.store_exists(),
        "a failed apply left a new store at {}",
        env.store_display()
    );
}

#[test]
fn invalid_key_group_settings_are_rejected_even_when_no_key_is_issued() {
    let env = TestEnv::init();
    apply(
        &env,
        "good.toml",
        "[[clients]]\nname = \"a\"\nkeys = [{ label = \"x\" }]\n",
        &[],
    );
    let bad =
        "[[clients]]\nname = \"a\"\nkeys = [{ label = \"x\", allowed_ips = [\"10.0.0.0/33\"] }]\n";
    let path = write_file(&env, "bad.toml", bad);
    env.rejects(&["apply", arg(&path)], 2, "10.0.0.0/33");
}

// ---------------------------------------------------------------------------------------
// export, apply and diff: round trips
// ---------------------------------------------------------------------------------------

/// A store built with commands: permissions, roles with wildcard grants, clients with
/// roles and labelled, limited keys with metadata, a disabled client, users with roles.
/// Returns the env and the secrets issued.
fn built_env() -> (TestEnv, Vec<String>) {
    let env = TestEnv::init();
    for args in [
        &["permission", "add", "bpjs:read", "-d", "Read BPJS data"][..],
        &["permission", "add", "bpjs:write"],
        &["permission", "add", "users:read", "-d", "List users"],
        &[
            "role",
            "add",
            "reader",
            "-d",
            "Read only",
            "-p",
            "bpjs:read",
            "-p",
            "users:read",
        ],
        &["role", "add", "bpjs-all", "-p", "bpjs:*"],
        &["role", "add", "admin", "-p", "*"],
        &[
            "client",
            "add",
            "bpjs-sync",
            "-d",
            "BPJS data sync",
            "--role",
            "reader",
            "--role",
            "bpjs-all",
            "--no-key",
        ],
        &[
            "client",
            "add",
            "legacy-app",
            "-d",
            "Old portal",
            "--no-key",
        ],
        &["client", "add", "spare", "--no-key"],
        &[
            "user",
            "add",
            "admin@example.org",
            "--name",
            "Admin",
            "--role",
            "admin",
            "--no-password",
        ],
        &[
            "user",
            "add",
            "ops@example.org",
            "--name",
            "Ops",
            "--role",
            "reader",
            "--no-password",
        ],
    ] {
        env.json(args);
    }
    let mut secrets = Vec::new();
    for _ in 0..2 {
        let (_, secret) = env.create_key(
            "bpjs-sync",
            &[
                "--label",
                "prod",
                "--prefix",
                "live",
                "--expires-in",
                "90d",
                "--max-uses",
                "500",
                "--allow-ip",
                "10.0.0.0/8",
                "--meta",
                "env=prod",
                "--meta",
                "team=data",
            ],
        );
        secrets.push(secret);
    }
    secrets.push(env.create_key("bpjs-sync", &["--label", "ci"]).1);
    secrets.push(env.create_key("legacy-app", &["--label", "old"]).1);
    env.json(&["client", "disable", "legacy-app"]);
    env.json(&["user", "disable", "ops@example.org"]);
    (env, secrets)
}

/// `apikey export FILE` into the env's directory; returns the file's path and text.
fn export_to(env: &TestEnv, name: &str) -> (std::path::PathBuf, String) {
    let path = env.dir().join(name);
    env.json(&["export", arg(&path)]);
    let text = std::fs::read_to_string(&path).expect("read export");
    (path, text)
}

/// Applies `file` onto a fresh, empty store and checks that it then matches.
fn round_trip(name: &str) {
    let (env, _) = built_env();
    let (path, exported) = export_to(&env, name);

    let fresh = TestEnv::new();
    fresh.json(&["apply", arg(&path)]);
    let run = fresh.run(&["--json", "diff", arg(&path), "--exit-code"]);
    run.code(0);
    assert_eq!(run.json()["drift"], false, "{run:#?}");
    let (_, again) = export_to(&fresh, name);
    assert_eq!(exported, again, "the re-exported store differs");

    // The fresh store's keys have the original settings.
    let prod = find(
        &fresh.json(&["key", "list", "--client", "bpjs-sync"]),
        "label",
        "prod",
    )
    .clone();
    let original = find(
        &env.json(&["key", "list", "--client", "bpjs-sync"]),
        "label",
        "prod",
    )
    .clone();
    for field in [
        "prefix",
        "expires_at",
        "max_uses",
        "allowed_ips",
        "metadata",
    ] {
        assert_eq!(prod[field], original[field], "{field}");
    }
    let clients = fresh.json(&["client", "list"]);
    assert_eq!(find(&clients, "name", "legacy-app")["status"], "disabled");
    let users = fresh.json(&["user", "list"]);
    assert_eq!(
        find(&users, "email", "ops@example.org")["status"],
        "disabled"
    );
}

#[test]
fn a_toml_export_applied_to_an_empty_store_reproduces_it() {
    round_trip("state.toml");
}

#[test]
fn a_json_export_applied_to_an_empty_store_reproduces_it() {
    round_trip("state.json");
}

#[test]
fn export_to_standard_output_is_json_that_apply_accepts() {
    let (env, _) = built_env();
    let run = env.run(&["export"]);
    run.code(0);
    let parsed: Value = serde_json::from_str(&run.stdout).expect("export is JSON");
    assert_eq!(
        sorted_field(&parsed["clients"], "name"),
        ["bpjs-sync", "legacy-app", "spare"]
    );
    let fresh = TestEnv::new();
    fresh.run_stdin(&["apply", "-"], &run.stdout).code(0);
}

#[test]
fn export_holds_no_secret_and_no_hash() {
    let (env, secrets) = built_env();
    for name in ["state.toml", "state.json"] {
        let (_, text) = export_to(&env, name);
        for secret in &secrets {
            assert!(!text.contains(secret.as_str()), "{name} holds a secret");
            let hash = apikey_core::secret::sha256_hex(secret);
            assert!(!text.contains(&hash), "{name} holds a key hash");
        }
    }
}

#[test]
fn diff_against_the_stores_own_export_shows_no_drift() {
    let (env, _) = built_env();
    for name in ["state.toml", "state.json"] {
        let (path, _) = export_to(&env, name);
        let run = env.run(&["diff", arg(&path), "--exit-code"]);
        run.code(0).stdout_has("No drift");
    }
}

#[test]
fn diff_exit_code_reports_drift_like_git_diff() {
    let (env, _) = built_env();
    let (path, _) = export_to(&env, "state.toml");
    env.json(&["client", "update", "bpjs-sync", "-d", "Changed by hand"]);
    let before = env.dump();
    env.run(&["diff", arg(&path), "--exit-code"]).code(1);
    // Without --exit-code drift is reported but is not a failure.
    let run = env.run(&["--json", "diff", arg(&path)]);
    run.code(0);
    assert_eq!(run.json()["drift"], true);
    assert_eq!(before, env.dump(), "diff changed the store");
}

#[test]
fn diff_lists_file_only_differing_and_store_only_entries() {
    let (env, _) = built_env();
    let (path, _) = export_to(&env, "state.toml");
    env.run(&["client", "remove", "spare", "--yes"]).code(0);
    env.json(&["client", "update", "bpjs-sync", "-d", "Changed by hand"]);
    env.json(&["permission", "add", "extra:read"]);

    let run = env.run(&["--json", "diff", arg(&path), "--exit-code"]);
    run.code(1);
    let out = run.json();
    assert_eq!(out["drift"], true);
    let sides: Vec<(String, String, String)> = out["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .map(|c| {
            (
                c["side"].as_str().expect("side").to_owned(),
                c["kind"].as_str().expect("kind").to_owned(),
                c["name"].as_str().expect("name").to_owned(),
            )
        })
        .collect();
    for expected in [
        triple("file_only", "client", "spare"),
        triple("differs", "client", "bpjs-sync"),
        triple("store_only", "permission", "extra:read"),
    ] {
        assert!(sides.contains(&expected), "{expected:?} not in {sides:?}");
    }

    let human = env.run(&["diff", arg(&path)]);
    human
        .code(0)
        .stdout_has("+ client spare")
        .stdout_has("~ client bpjs-sync")
        .stdout_has("- permission extra:read");
}

#[test]
fn diff_on_a_missing_store_is_not_found() {
    let env = TestEnv::new();
    let path = write_file(&env, "access.toml", FIXTURE_TOML);
    env.run(&["diff", arg(&path)])
        .code(3)
        .stderr_has(&env.store_display());
    assert!(!env.store_exists());
}

#[test]
fn an_export_of_imported_keys_applies_to_an_empty_store() {
    let env = TestEnv::init();
    env.json(&["client", "add", "legacy", "--no-key"]);
    env.run_stdin(
        &["key", "import", "--client", "legacy", "-"],
        "legacy-key-0123456789abcdef\n",
    )
    .code(0);
    let (path, _) = export_to(&env, "state.toml");
    let fresh = TestEnv::new();
    let run = fresh.run(&["apply", arg(&path)]);
    run.code(0);
    fresh.run(&["diff", arg(&path), "--exit-code"]).code(0);
}

// ---------------------------------------------------------------------------------------
// Audit: one event per change
// ---------------------------------------------------------------------------------------

/// Asserts that the events after the first `before` match the report's changes one to
/// one: same kind (the action's family) and target.
#[track_caller]
fn assert_one_event_per_change(env: &TestEnv, before: usize, report: &Value) {
    let events = audit_events(env);
    let mut new: Vec<(String, String)> = events[before..]
        .iter()
        .map(|e| {
            let action = e["action"].as_str().expect("action");
            let family = action.split('.').next().expect("family").to_owned();
            let target = if family == "key" {
                "<key>".to_owned()
            } else {
                e["target"].as_str().expect("target").to_owned()
            };
            (family, target)
        })
        .collect();
    let mut changes: Vec<(String, String)> = report["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .flat_map(|c| {
            let kind = c["kind"].as_str().expect("kind").to_owned();
            let name = if kind == "key" {
                "<key>".to_owned()
            } else {
                c["name"].as_str().expect("name").to_owned()
            };
            std::iter::repeat_n((kind, name), change_count(c))
        })
        .collect();
    new.sort();
    changes.sort();
    assert_eq!(new, changes, "audit events do not match the changes");
}

#[test]
fn every_apply_change_writes_one_audit_event_and_the_chain_stays_intact() {
    let env = TestEnv::init();

    let before = audit_count(&env);
    let created = apply(&env, "create.toml", FIXTURE_TOML, &[]);
    assert_one_event_per_change(&env, before, &created);
    assert_audit_intact(&env);

    let before = audit_count(&env);
    let file = edited(FIXTURE_TOML, "Read BPJS data", "Read BPJS claims");
    let file = edited(&file, "status = \"disabled\"", "status = \"active\"");
    let file = edited(&file, "name = \"Admin\"", "name = \"Administrator\"");
    let updated = apply(&env, "update.toml", &file, &[]);
    assert_eq!(updated["changed"], 3, "{updated:#}");
    assert_one_event_per_change(&env, before, &updated);
    assert_audit_intact(&env);

    env.json(&["permission", "add", "extra:read"]);
    env.add_client("extra-client");
    let before = audit_count(&env);
    let pruned = apply(
        &env,
        "prune.toml",
        &edited(&file, "count = 2", "count = 0"),
        &["--prune", "--yes"],
    );
    // The two surplus keys of one group are one change (with a count of 2).
    assert_eq!(pruned["changed"], 3, "{pruned:#}");
    assert_one_event_per_change(&env, before, &pruned);
    assert_audit_intact(&env);
}

#[test]
fn apply_audit_events_hold_no_secret() {
    let env = TestEnv::init();
    let out = apply(&env, "access.toml", SIMPLE_TOML, &[]);
    let log = env.run(&["--json", "audit"]).stdout;
    for entry in out["secrets"].as_array().expect("secrets") {
        let secret = entry["secret"].as_str().expect("secret");
        assert!(!log.contains(secret), "the audit log holds a secret");
    }
}

#[test]
fn a_key_group_rate_limit_reaches_new_keys_and_export() {
    let env = TestEnv::init();
    let text = r#"{"clients": [{"name": "limited", "keys": [
        {"label": "prod", "count": 2, "rate_limit": "100/1m"}]}]}"#;
    apply(
        &env,
        "limited.json",
        text,
        &["--secrets-out", arg(&env.dir().join("s.json"))],
    );
    for key in env.json(&["key", "list"]).as_array().unwrap() {
        assert_eq!(
            key["rate_limit"],
            serde_json::json!({"limit": 100, "window_secs": 60})
        );
    }
    let exported = env.json(&["export", "-"]);
    assert_eq!(exported["clients"][0]["keys"][0]["rate_limit"], "100/1m");
    // A second apply of the same file changes nothing.
    let again = apply(&env, "limited.json", text, &[]);
    assert_eq!(change_summary(&again), Vec::new());
    rejects_file(
        "bad.json",
        r#"{"clients": [{"name": "x", "keys": [{"rate_limit": "many"}]}]}"#,
        &["rate_limit"],
    );
}

#[test]
fn apply_still_reads_the_old_names_of_allowed_ips_and_metadata() {
    // Files written before the names matched a key's JSON said `allow_ips` and `meta`.
    let env = TestEnv::new();
    let old = "[[clients]]\nname = \"c\"\n\
               keys = [{ label = \"k\", allow_ips = [\"10.0.0.0/8\"], meta = { env = \"prod\" } }]\n";
    let out = apply(&env, "old.toml", old, &[]);
    assert_eq!(out["keys_created"], 1, "{out:#}");
    let key = &env.json(&["key", "list", "--client", "c"])[0];
    assert_eq!(key["allowed_ips"], serde_json::json!(["10.0.0.0/8"]));
    assert_eq!(key["metadata"], serde_json::json!({ "env": "prod" }));
    // Export writes the new names only.
    let exported = env.run(&["export"]).code(0).stdout.clone();
    assert!(exported.contains("\"allowed_ips\"") && exported.contains("\"metadata\""));
    assert!(!exported.contains("allow_ips") && !exported.contains("\"meta\""));
    // Both names at once: the error says they are one field.
    let both = "[[clients]]\nname = \"d\"\n\
                keys = [{ allow_ips = [\"10.0.0.0/8\"], allowed_ips = [\"10.0.0.0/8\"] }]\n";
    let file = write_file(&env, "both.toml", both);
    let before = env.dump();
    env.rejects(
        &["apply", arg(&file)],
        2,
        "`allow_ips` is the older name of `allowed_ips`: give only `allowed_ips`",
    );
    assert_eq!(env.dump(), before);
}

/// A bulk apply goes into the store in batches, on PostgreSQL while the next batch is
/// being made; a batch the store refuses part way through (here a planted trigger, at
/// the 1,501st key) fails the command, and nothing of it stays: no key, no audit event,
/// no secrets file.
#[test]
fn a_store_refusing_a_batch_part_way_through_a_bulk_apply_leaves_nothing_behind() {
    let env = TestEnv::init();
    if env.is_postgres() {
        env.exec_batch(
            "CREATE SEQUENCE planted_count;
             CREATE FUNCTION planted_failure() RETURNS trigger LANGUAGE plpgsql AS $$
             BEGIN
                 IF nextval('planted_count') > 1500 THEN RAISE EXCEPTION 'planted failure'; END IF;
                 RETURN NEW;
             END $$;
             CREATE TRIGGER planted_failure BEFORE INSERT ON api_keys
                 FOR EACH ROW EXECUTE FUNCTION planted_failure();",
        );
    } else {
        env.exec_batch(
            "CREATE TRIGGER planted_failure BEFORE INSERT ON api_keys
             WHEN (SELECT count(*) FROM api_keys) >= 1500
             BEGIN SELECT RAISE(ABORT, 'planted failure'); END;",
        );
    }
    let file = write_file(
        &env,
        "bulk.json",
        r#"{"clients": [{"name": "bulk", "keys": [{"label": "bulk", "count": 3000}]}]}"#,
    );
    let secrets = env.dir().join("secrets.json");
    env.rejects(
        &["apply", arg(&file), "--secrets-out", arg(&secrets)],
        1,
        "planted failure",
    );
    assert!(
        !secrets.exists(),
        "secrets written for keys that were not stored"
    );
    assert_audit_intact(&env);
}
