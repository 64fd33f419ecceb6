//! `apikey audit [verify]`: one event per change, filters, the hash chain, and no secrets.

use serde_json::{Value, json};

use crate::access_support::{AccessEnv, NEW_PASSWORD, PASSWORD, sha256_hex};
use crate::common::{Run, TestEnv};

const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";
const ADMIN: &str = "admin@example.org";

/// The `seq` of each event in a JSON array.
fn seqs(events: &Value) -> Vec<i64> {
    events
        .as_array()
        .expect("a JSON array")
        .iter()
        .map(|e| e["seq"].as_i64().expect("seq"))
        .collect()
}

// ---------------------------------------------------------------------------------------
// One event per change
// ---------------------------------------------------------------------------------------

/// Runs `args` (with `stdin`), asserts success and that it appended exactly one event,
/// at the next sequence number, by `actor`, leaving the others as they were. Returns the
/// run and the new event (read from the store directly: one process per step keeps this
/// fast).
#[track_caller]
fn run_with_one_event(env: &TestEnv, args: &[&str], stdin: &str, actor: &str) -> (Run, EventRow) {
    let before = if env.store_exists() {
        event_rows(env)
    } else {
        Vec::new()
    };
    let run = env.run_stdin(args, stdin);
    run.code(0);
    let after = event_rows(env);
    assert_eq!(
        after.len(),
        before.len() + 1,
        "{args:?} should add exactly one audit event; added: {:#?}",
        &after[before.len().min(after.len())..]
    );
    assert_eq!(
        after[..before.len()],
        before[..],
        "{args:?} changed old events"
    );
    let event = after.last().expect("an event").clone();
    assert_eq!(event.seq, before.len() as i64 + 1, "{args:?}: {event:?}");
    assert_eq!(event.actor, actor, "{args:?}: {event:?}");
    (run, event)
}

/// Like [`run_with_one_event`], also checking the event's `action` and `target`.
#[track_caller]
fn expect_one_event(
    env: &TestEnv,
    args: &[&str],
    stdin: &str,
    action: &str,
    target: &str,
    actor: &str,
) -> Run {
    let (run, event) = run_with_one_event(env, args, stdin, actor);
    assert_eq!(event.action, action, "{args:?}: {event:?}");
    assert_eq!(event.target, target, "{args:?}: {event:?}");
    run
}

#[test]
fn every_change_appends_exactly_one_event_naming_action_target_and_actor() {
    let env = TestEnv::new();
    let db = env.store_display();
    let t = "tester";
    let one = |args: &[&str], action: &str, target: &str| {
        expect_one_event(&env, args, "", action, target, t)
    };

    one(&["init"], "store.init", &db);

    // Permissions and roles.
    one(
        &["permission", "add", "bpjs:read"],
        "permission.add",
        "bpjs:read",
    );
    one(
        &["permission", "add", "users:read"],
        "permission.add",
        "users:read",
    );
    one(
        &["role", "add", "reader", "-p", "bpjs:read"],
        "role.add",
        "reader",
    );
    one(
        &["role", "grant", "reader", "users:read"],
        "role.grant",
        "reader",
    );
    one(
        &["role", "revoke", "reader", "users:read"],
        "role.revoke",
        "reader",
    );

    // Clients.
    let out = one(
        &["--json", "client", "add", "bpjs-sync"],
        "client.add",
        "bpjs-sync",
    )
    .json();
    let first_key = out["key"]["id"].as_str().expect("key id").to_owned();
    one(
        &["client", "update", "bpjs-sync", "-d", "BPJS sync"],
        "client.update",
        "bpjs-sync",
    );
    one(
        &["client", "grant", "bpjs-sync", "--role", "reader"],
        "client.grant",
        "bpjs-sync",
    );
    one(
        &["client", "revoke", "bpjs-sync", "--role", "reader"],
        "client.revoke",
        "bpjs-sync",
    );
    one(
        &["client", "disable", "bpjs-sync"],
        "client.disable",
        "bpjs-sync",
    );
    one(
        &["client", "enable", "bpjs-sync"],
        "client.enable",
        "bpjs-sync",
    );

    // Keys.
    let (run, event) = run_with_one_event(
        &env,
        &["--json", "key", "create", "--client", "bpjs-sync"],
        "",
        t,
    );
    let key = run.json()["id"].as_str().expect("key id").to_owned();
    assert_eq!(event.action, "key.create", "{event:?}");
    assert_eq!(event.target, key, "{event:?}");
    assert_ne!(key, first_key);
    one(&["key", "disable", &key], "key.disable", &key);
    one(&["key", "enable", &key], "key.enable", &key);
    one(
        &["key", "update", &key, "--rate-limit", "5/1s"],
        "key.update",
        &key,
    );
    one(&["key", "rotate", &key], "key.rotate", &key);
    one(
        &["key", "revoke", &first_key, "--reason", "test", "--yes"],
        "key.revoke",
        &first_key,
    );

    // Users.
    expect_one_event(
        &env,
        &["user", "add", ADMIN, "--password-stdin", "-r", "reader"],
        &format!("{PASSWORD}\n"),
        "user.add",
        ADMIN,
        t,
    );
    one(&["user", "disable", ADMIN], "user.disable", ADMIN);
    one(&["user", "enable", ADMIN], "user.enable", ADMIN);
    expect_one_event(
        &env,
        &["user", "passwd", ADMIN, "--password-stdin"],
        &format!("{NEW_PASSWORD}\n"),
        "user.passwd",
        ADMIN,
        t,
    );
    one(
        &["user", "revoke", ADMIN, "--role", "reader"],
        "user.revoke",
        ADMIN,
    );
    one(
        &["user", "grant", ADMIN, "--role", "reader"],
        "user.grant",
        ADMIN,
    );
    one(&["user", "remove", ADMIN, "--yes"], "user.remove", ADMIN);

    // Removals, forced ones included.
    one(
        &["permission", "remove", "users:read", "--yes"],
        "permission.remove",
        "users:read",
    );
    one(
        &["client", "grant", "bpjs-sync", "--role", "reader"],
        "client.grant",
        "bpjs-sync",
    );
    one(
        &["permission", "remove", "bpjs:read", "--force", "--yes"],
        "permission.remove",
        "bpjs:read",
    );
    one(
        &["role", "remove", "reader", "--force", "--yes"],
        "role.remove",
        "reader",
    );
    one(
        &["client", "remove", "bpjs-sync", "--yes"],
        "client.remove",
        "bpjs-sync",
    );

    // The listing shows what was stored, and the chain holds.
    let rows = event_rows(&env);
    let listed = env.audit_events();
    assert_eq!(listed.len(), rows.len());
    for (row, event) in rows.iter().zip(&listed) {
        assert_eq!(event["seq"], row.seq);
        assert_eq!(event["actor"], row.actor.as_str());
        assert_eq!(event["action"], row.action.as_str());
        assert_eq!(event["target"], row.target.as_str());
        assert_eq!(event["hash"], row.hash.as_str());
    }
    let verified = env.json(&["audit", "verify"]);
    assert_eq!(verified["intact"], true);
    assert_eq!(verified["events"], json!(rows.len()));
}

#[test]
fn the_actor_flag_overrides_apikey_actor() {
    let env = TestEnv::init();
    let alice = |args: &[&str], action: &str, target: &str| {
        let mut all = vec!["--actor", "alice"];
        all.extend_from_slice(args);
        expect_one_event(&env, &all, "", action, target, "alice")
    };
    alice(
        &["permission", "add", "bpjs:read"],
        "permission.add",
        "bpjs:read",
    );
    alice(&["role", "add", "reader"], "role.add", "reader");
    alice(
        &["role", "grant", "reader", "bpjs:read"],
        "role.grant",
        "reader",
    );
    alice(
        &["client", "add", "bpjs-sync", "--no-key"],
        "client.add",
        "bpjs-sync",
    );
    expect_one_event(
        &env,
        &["--actor", "bob", "user", "add", ADMIN, "--password-stdin"],
        &format!("{PASSWORD}\n"),
        "user.add",
        ADMIN,
        "bob",
    );
    // The flag may also follow the subcommand.
    expect_one_event(
        &env,
        &["user", "disable", ADMIN, "--actor", "carol"],
        "",
        "user.disable",
        ADMIN,
        "carol",
    );
}

#[test]
fn init_of_an_existing_store_adds_no_event() {
    let env = TestEnv::init();
    let before = env.audit_events();
    assert_eq!(before.len(), 1);
    assert_eq!(before[0]["action"], "store.init");
    env.run(&["init"]).code(0).stdout_has("already exists");
    assert_eq!(before, env.audit_events());
}

#[test]
fn reads_and_verifications_add_no_event() {
    let env = TestEnv::init();
    env.add_permissions(&["bpjs:read", "users:read"]);
    env.add_role("reader", &["bpjs:read"]);
    let secret = env.add_client("bpjs-sync");
    env.run(&["client", "grant", "bpjs-sync", "--role", "reader"])
        .code(0);
    let key = env.json(&["key", "list"])[0]["id"]
        .as_str()
        .expect("key id")
        .to_owned();
    env.add_user(ADMIN, &["reader"]);

    let before = env.audit_events();
    let reads: &[&[&str]] = &[
        &["init"],
        &["permission", "list"],
        &["permission", "show", "bpjs:read"],
        &["role", "list"],
        &["role", "show", "reader"],
        &["client", "list"],
        &["client", "show", "bpjs-sync"],
        &["key", "list"],
        &["key", "show", &key],
        &["key", "inspect", "--key", &secret],
        &["user", "list"],
        &["user", "show", ADMIN],
        &["audit"],
        &["audit", "--action", "client"],
        &["audit", "verify"],
    ];
    for args in reads {
        env.run(args).code(0);
        let mut json = vec!["--json"];
        json.extend_from_slice(args);
        env.run(&json).code(0);
    }
    for list in ["permission", "role", "client", "key", "user"] {
        env.run(&["--format", "csv", list, "list"]).code(0);
    }
    env.run(&["--format", "csv", "audit"]).code(0);

    // Verifications, allowed and denied, record uses and logins but are not changes;
    // only failed logins are audited (as `user.login_failed`, issue 10 item 16).
    env.verify_key(&secret, &["bpjs:read"]).code(0);
    env.verify_key(&secret, &["users:read"]).code(5);
    env.verify_user(ADMIN, PASSWORD).code(0);
    assert_eq!(before, env.audit_events(), "a read added an audit event");
    env.verify_user(ADMIN, NEW_PASSWORD).code(5);
    env.verify_user("nobody@example.org", PASSWORD).code(5);
    let after = env.audit_events();
    let added: Vec<&str> = after[before.len()..]
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(added, ["user.login_failed", "user.login_failed"]);
}

#[test]
fn no_op_changes_add_no_event() {
    let env = TestEnv::init();
    env.add_permissions(&["bpjs:read"]);
    env.add_role("reader", &["bpjs:read"]);
    env.run(&["client", "add", "bpjs-sync", "--no-key", "--role", "reader"])
        .code(0);
    env.run(&["user", "add", ADMIN, "--no-password", "--role", "reader"])
        .code(0);
    let before = env.dump();
    for args in [
        &["role", "grant", "reader", "bpjs:read"][..],
        &["client", "grant", "bpjs-sync", "--role", "reader"],
        &["client", "enable", "bpjs-sync"],
        &["user", "grant", ADMIN, "--role", "reader"],
        &["user", "enable", ADMIN],
    ] {
        env.run(args).code(0);
    }
    assert_eq!(before, env.dump(), "a no-op changed the store");
}

// ---------------------------------------------------------------------------------------
// Listing and filters
// ---------------------------------------------------------------------------------------

/// Six events: 1 store.init, 2 permission.add bpjs:read, 3 client.add c1 (by alice),
/// 4 client.add c2, 5 client.disable c1, 6 role.add reader.
fn six_events() -> TestEnv {
    let env = TestEnv::init();
    env.run(&["permission", "add", "bpjs:read"]).code(0);
    env.run(&["--actor", "alice", "client", "add", "c1", "--no-key"])
        .code(0);
    env.run(&["client", "add", "c2", "--no-key"]).code(0);
    env.run(&["client", "disable", "c1"]).code(0);
    env.run(&["role", "add", "reader"]).code(0);
    env
}

#[test]
fn audit_lists_events_in_text_json_and_csv() {
    let env = six_events();

    let text = env.run(&["audit"]);
    text.code(0)
        .stdout_has("SEQ")
        .stdout_has("ACTION")
        .stdout_has("permission.add")
        .stdout_has("client.disable")
        .stdout_has("alice");

    let events = env.json(&["audit"]);
    assert_eq!(seqs(&events), [1, 2, 3, 4, 5, 6]);
    let e = &events[2];
    assert_eq!(e["action"], "client.add");
    assert_eq!(e["target"], "c1");
    assert_eq!(e["actor"], "alice");
    assert!(e["at"].is_string(), "{e}");
    assert!(e["details"].is_object(), "details is not an object: {e}");
    assert_eq!(e["prev_hash"], events[1]["hash"]);
    assert_eq!(events[0]["prev_hash"], GENESIS);

    let csv = env.run(&["--format", "csv", "audit"]);
    csv.code(0);
    let lines: Vec<&str> = csv.stdout.lines().collect();
    assert_eq!(lines[0], "seq,at,actor,action,target,details");
    assert_eq!(lines.len(), 7, "{}", csv.stdout);
    assert!(lines[3].starts_with("3,"), "{}", csv.stdout);
    assert!(lines[3].contains(",alice,client.add,c1,"), "{}", csv.stdout);
}

#[test]
fn audit_since_a_duration_or_time() {
    let env = six_events();
    assert_eq!(
        seqs(&env.json(&["audit", "--since", "1h"])),
        [1, 2, 3, 4, 5, 6]
    );
    assert_eq!(
        seqs(&env.json(&["audit", "--since", "2000-01-01"])),
        [1, 2, 3, 4, 5, 6]
    );
    assert_eq!(
        seqs(&env.json(&["audit", "--since", "2999-01-01T00:00:00Z"])),
        Vec::<i64>::new()
    );
}

#[test]
fn audit_filters_by_actor() {
    let env = six_events();
    assert_eq!(
        seqs(&env.json(&["audit", "--by", "tester"])),
        [1, 2, 4, 5, 6]
    );
    assert_eq!(seqs(&env.json(&["audit", "--by", "alice"])), [3]);
    assert_eq!(
        seqs(&env.json(&["audit", "--by", "nobody"])),
        Vec::<i64>::new()
    );
}

#[test]
fn audit_filters_by_action_family_or_exact_action() {
    let env = six_events();
    assert_eq!(seqs(&env.json(&["audit", "--action", "client"])), [3, 4, 5]);
    assert_eq!(
        seqs(&env.json(&["audit", "--action", "client."])),
        [3, 4, 5]
    );
    assert_eq!(
        seqs(&env.json(&["audit", "--action", "client.add"])),
        [3, 4]
    );
    assert_eq!(
        seqs(&env.json(&["audit", "--action", "client.disable"])),
        [5]
    );
    // A prefix of a family name is not that family.
    assert_eq!(
        seqs(&env.json(&["audit", "--action", "clien"])),
        Vec::<i64>::new()
    );
}

#[test]
fn audit_filters_by_target() {
    let env = six_events();
    assert_eq!(seqs(&env.json(&["audit", "--target", "c1"])), [3, 5]);
    assert_eq!(seqs(&env.json(&["audit", "--target", "bpjs:read"])), [2]);
}

#[test]
fn audit_limit_keeps_the_most_recent_events_in_order() {
    let env = six_events();
    assert_eq!(seqs(&env.json(&["audit", "--limit", "2"])), [5, 6]);
    assert_eq!(
        seqs(&env.json(&["audit", "--action", "client", "--limit", "2"])),
        [4, 5]
    );
    assert_eq!(
        seqs(&env.json(&["audit", "--by", "tester", "--action", "client"])),
        [4, 5]
    );
}

#[test]
fn audit_rejects_a_bad_since() {
    let env = six_events();
    env.rejects(&["audit", "--since", "garbage"], 2, "--since");
    env.rejects(&["audit", "--since", "garbage"], 2, "garbage");
}

#[test]
fn audit_on_a_missing_store_is_not_found_and_creates_nothing() {
    let env = TestEnv::new();
    env.run(&["audit"]).code(3);
    env.run(&["audit", "verify"]).code(3);
    assert!(!env.store_exists());
}

// ---------------------------------------------------------------------------------------
// The hash chain
// ---------------------------------------------------------------------------------------

/// One stored row of `audit_events`.
#[derive(Debug, Clone, PartialEq)]
struct EventRow {
    seq: i64,
    at: i64,
    actor: String,
    action: String,
    target: String,
    details: String,
    prev_hash: String,
    hash: String,
}

fn event_rows(env: &TestEnv) -> Vec<EventRow> {
    env.query_rows(
        "SELECT seq, at, actor, action, target, details, prev_hash, hash
         FROM audit_events ORDER BY seq",
        &[],
    )
    .iter()
    .map(|r| {
        let text = |i: usize| r[i].text().expect("text");
        EventRow {
            seq: r[0].int().expect("seq"),
            at: r[1].int().expect("at"),
            actor: text(2),
            action: text(3),
            target: text(4),
            details: text(5),
            prev_hash: text(6),
            hash: text(7),
        }
    })
    .collect()
}

/// The documented hash: SHA-256 hex of `[seq, at, actor, action, target, details,
/// prev_hash]` as compact JSON, `details` being the stored JSON text.
fn expected_hash(e: &EventRow) -> String {
    let canonical = json!([
        e.seq,
        e.at,
        e.actor,
        e.action,
        e.target,
        e.details,
        e.prev_hash
    ])
    .to_string();
    sha256_hex(&canonical)
}

#[test]
fn each_stored_hash_is_the_documented_sha256_and_links_to_the_one_before() {
    let env = six_events();
    let rows = event_rows(&env);
    assert_eq!(rows.len(), 6);
    assert_eq!(rows[0].prev_hash, GENESIS);

    // One event by hand, spelled out.
    let e = &rows[2];
    let by_hand = format!(
        "[3,{},\"alice\",\"client.add\",\"c1\",{},\"{}\"]",
        e.at,
        serde_json::to_string(&e.details).expect("json string"),
        e.prev_hash
    );
    assert_eq!(sha256_hex(&by_hand), e.hash);

    let mut prev = GENESIS.to_owned();
    for row in &rows {
        assert_eq!(row.prev_hash, prev, "event #{} does not link", row.seq);
        assert_eq!(row.hash, expected_hash(row), "event #{}", row.seq);
        assert_eq!(row.hash.len(), 64);
        prev = row.hash.clone();
    }

    let listed = env.json(&["audit"]);
    for (row, event) in rows.iter().zip(listed.as_array().expect("array")) {
        assert_eq!(event["hash"], row.hash.as_str());
        assert_eq!(event["prev_hash"], row.prev_hash.as_str());
    }
}

#[test]
fn audit_verify_passes_on_an_intact_log() {
    let env = six_events();
    let head = event_rows(&env).last().expect("event").hash.clone();

    env.run(&["audit", "verify"])
        .code(0)
        .stdout_has("6 events")
        .stdout_has(&head);
    let out = env.json(&["audit", "verify"]);
    assert_eq!(
        out,
        json!({ "intact": true, "events": 6, "head": head, "anchor_checked": false })
    );
}

/// Runs `audit verify` expecting exit 1 naming `#seq`, with no panic.
#[track_caller]
fn verify_fails_at(env: &TestEnv, seq: i64) -> Run {
    let run = env.run(&["audit", "verify"]);
    run.code(1).stderr_has(&format!("#{seq}"));
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    let json = env.run(&["--json", "audit", "verify"]);
    json.code(1);
    assert!(json.stderr.contains(&format!("#{seq}")), "{}", json.stderr);
    run
}

#[test]
fn audit_verify_detects_edited_details() {
    let env = six_events();
    env.exec_sql(
        "UPDATE audit_events SET details = '{\"description\":\"forged\"}' WHERE seq = 3",
        &[],
    );
    let run = verify_fails_at(&env, 3);
    run.stderr_has("altered");
}

#[test]
fn audit_verify_detects_each_edited_field() {
    let env = six_events();
    for (column, forged) in [
        ("at", "0"),
        ("actor", "'mallory'"),
        ("action", "'client.remove'"),
        ("target", "'c9'"),
        ("details", "'{}'"),
        ("prev_hash", "'00'"),
        ("hash", "'00'"),
    ] {
        let saved = env
            .query_row(
                &format!("SELECT {column} FROM audit_events WHERE seq = 4"),
                &[],
            )
            .remove(0);
        env.exec_sql(
            &format!("UPDATE audit_events SET {column} = {forged} WHERE seq = 4"),
            &[],
        );
        verify_fails_at(&env, 4);

        env.exec_sql(
            &format!("UPDATE audit_events SET {column} = ?1 WHERE seq = 4"),
            &[&saved],
        );
        env.run(&["audit", "verify"]).code(0);
    }
}

#[test]
fn audit_verify_detects_a_deleted_event() {
    let env = six_events();
    env.exec_sql("DELETE FROM audit_events WHERE seq = 3", &[]);
    verify_fails_at(&env, 3);
}

#[test]
fn audit_verify_detects_deleting_the_first_event() {
    let env = six_events();
    env.exec_sql("DELETE FROM audit_events WHERE seq = 1", &[]);
    verify_fails_at(&env, 1);
}

#[test]
fn audit_verify_detects_reordered_events() {
    let env = six_events();
    let rows = event_rows(&env);
    for (at_seq, from) in [(3_i64, &rows[3]), (4, &rows[2])] {
        env.exec_sql(
            "UPDATE audit_events SET at = ?2, actor = ?3, action = ?4, target = ?5,
                 details = ?6, prev_hash = ?7, hash = ?8 WHERE seq = ?1",
            &[
                &at_seq,
                &from.at,
                &from.actor,
                &from.action,
                &from.target,
                &from.details,
                &from.prev_hash,
                &from.hash,
            ],
        );
    }
    let swapped = event_rows(&env);
    assert_eq!(swapped[2].action, rows[3].action, "the swap did not happen");
    verify_fails_at(&env, 3);
}

#[test]
fn audit_verify_detects_renumbered_events() {
    let env = six_events();
    env.exec_sql("UPDATE audit_events SET seq = seq + 10 WHERE seq >= 5", &[]);
    verify_fails_at(&env, 5);
}

#[test]
fn new_events_after_tampering_do_not_repair_the_chain() {
    let env = six_events();
    env.exec_sql("UPDATE audit_events SET target = 'c9' WHERE seq = 2", &[]);
    env.run(&["role", "add", "writer"]).code(0);
    verify_fails_at(&env, 2);
}

// ---------------------------------------------------------------------------------------
// Secrets
// ---------------------------------------------------------------------------------------

/// What must never be shown or logged after [`secret_scenario`].
struct Secrets {
    /// Full API key secrets.
    keys: Vec<String>,
    /// Key ids, to show every key.
    key_ids: Vec<String>,
    /// Plain passwords.
    passwords: Vec<String>,
    /// Argon2 PHC strings, as stored at some point.
    password_hashes: Vec<String>,
}

impl Secrets {
    /// Everything that must not appear in output or the audit log, with a label.
    fn forbidden(&self) -> Vec<(String, String)> {
        let mut all = Vec::new();
        for key in &self.keys {
            all.push((format!("key secret {key}"), key.clone()));
            // Keys are accepted with surrounding whitespace, and nothing else carries
            // their random part: it must not appear either.
            let random = key.split_once('_').expect("prefix_random").1;
            all.push((format!("random part of {key}"), random.to_owned()));
        }
        for password in &self.passwords {
            all.push((format!("password {password}"), password.clone()));
        }
        for hash in &self.password_hashes {
            all.push((format!("password hash {hash}"), hash.clone()));
            // The digest alone (last PHC field) and the salt must not leak either.
            for field in hash.rsplit('$').take(2) {
                all.push((format!("part of password hash {hash}"), field.to_owned()));
            }
        }
        all
    }
}

fn password_hash(env: &TestEnv, email: &str) -> String {
    env.query_text(
        "SELECT password_hash FROM users WHERE email = ?1",
        &[&email],
    )
    .expect("password_hash")
}

/// Clients, keys created and rotated, users with passwords set and changed, logins.
fn secret_scenario(env: &TestEnv) -> Secrets {
    env.add_permissions(&["bpjs:read"]);
    env.add_role("reader", &["bpjs:read"]);
    let mut keys = vec![env.add_client("bpjs-sync")];
    let (id, secret) = env.create_key("bpjs-sync", &["--label", "prod", "--meta", "env=prod"]);
    keys.push(secret);
    let live = env.create_key("bpjs-sync", &["--prefix", "live", "--max-uses", "5"]);
    keys.push(live.1.clone());
    let rotated = env.json(&["key", "rotate", &id, "--grace", "1h"]);
    keys.push(
        rotated["new"]["secret"]
            .as_str()
            .expect("secret")
            .to_owned(),
    );
    env.run(&["key", "revoke", &live.0, "--yes"]).code(0);
    env.run(&["client", "grant", "bpjs-sync", "--role", "reader"])
        .code(0);
    for key in &keys[..2] {
        env.verify_key(key, &["bpjs:read"]);
    }

    env.add_user(ADMIN, &["reader"]);
    let first_hash = password_hash(env, ADMIN);
    env.run_stdin(
        &["user", "passwd", ADMIN, "--password-stdin"],
        &format!("{NEW_PASSWORD}\n"),
    )
    .code(0);
    let second_hash = password_hash(env, ADMIN);
    env.verify_user(ADMIN, NEW_PASSWORD).code(0);
    env.verify_user(ADMIN, PASSWORD).code(5);
    for hash in [&first_hash, &second_hash] {
        assert!(
            hash.starts_with("$argon2id$"),
            "not an Argon2id PHC string: {hash}"
        );
    }
    assert_ne!(first_hash, second_hash);

    let key_ids = env
        .json(&["key", "list"])
        .as_array()
        .expect("array")
        .iter()
        .map(|k| k["id"].as_str().expect("id").to_owned())
        .collect();
    Secrets {
        keys,
        key_ids,
        passwords: vec![PASSWORD.to_owned(), NEW_PASSWORD.to_owned()],
        password_hashes: vec![first_hash, second_hash],
    }
}

#[track_caller]
fn assert_no_secret(secrets: &Secrets, place: &str, text: &str) {
    for (what, value) in secrets.forbidden() {
        assert!(!text.contains(&value), "{place} shows the {what}:\n{text}");
    }
}

#[test]
fn no_secret_password_or_hash_appears_in_audit_list_or_show_output() {
    let env = TestEnv::init();
    let secrets = secret_scenario(&env);

    let mut commands: Vec<Vec<String>> = [
        &["audit"][..],
        &["audit", "verify"],
        &["client", "list"],
        &["client", "show", "bpjs-sync"],
        &["key", "list"],
        &["permission", "list"],
        &["permission", "show", "bpjs:read"],
        &["role", "list"],
        &["role", "show", "reader"],
        &["user", "list"],
        &["user", "show", ADMIN],
    ]
    .iter()
    .map(|args| args.iter().map(|s| s.to_string()).collect())
    .collect();
    for id in &secrets.key_ids {
        commands.push(vec!["key".into(), "show".into(), id.clone()]);
    }
    assert_eq!(secrets.key_ids.len(), 4);

    for args in &commands {
        for format in [&[][..], &["--json"], &["--format", "csv"]] {
            let mut all: Vec<&str> = format.to_vec();
            all.extend(args.iter().map(String::as_str));
            let run = env.run(&all);
            run.code(0);
            let place = format!("apikey {}", all.join(" "));
            assert_no_secret(&secrets, &place, &run.stdout);
            assert_no_secret(&secrets, &place, &run.stderr);
        }
    }
}

#[test]
fn no_secret_password_or_hash_is_stored_in_the_audit_table() {
    let env = TestEnv::init();
    let secrets = secret_scenario(&env);

    let rows = event_rows(&env);
    assert!(rows.len() > 10, "the scenario logged too little: {rows:#?}");
    let table = env
        .store_text()
        .lines()
        .filter(|line| line.starts_with("audit_events|"))
        .collect::<Vec<_>>()
        .join("\n");
    assert_eq!(table.lines().count(), rows.len());
    assert_no_secret(&secrets, "the audit_events table", &table);
    // Nor a hash of a key secret.
    for key in &secrets.keys {
        assert!(
            !table.contains(&sha256_hex(key)),
            "the audit_events table holds the SHA-256 of {key}"
        );
    }
    // And the store as a whole keeps no key or password in plain text.
    let dump = env.store_text();
    assert!(
        dump.contains("bpjs-sync"),
        "store_text reads nothing: {dump}"
    );
    for key in &secrets.keys {
        assert!(
            !dump.contains(key.as_str()),
            "the store holds the key {key}"
        );
    }
    for password in &secrets.passwords {
        assert!(
            !dump.contains(password.as_str()),
            "the store holds the password {password}"
        );
    }
}
