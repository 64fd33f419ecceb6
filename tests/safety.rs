//! Data safety: `backup`, `restore`, `key import`, `scan`, and the `key expiring` /
//! `key stale` reports.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::common::{Run, TestEnv};
use crate::provision_helpers::{
    DAY, arg, assert_audit_intact, audit_events, find, now_secs, sorted_field, store_files_contain,
    verify_result, write_file,
};

/// Runs the binary on another store file (`--db PATH`), e.g. a backup.
fn run_on(env: &TestEnv, db: &Path, args: &[&str]) -> Run {
    let output = env
        .cmd()
        .arg("--db")
        .arg(db)
        .args(args)
        .write_stdin("")
        .output()
        .expect("run");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Polls `done` every 10 ms for at most 10 s (a safety net, not a timing assertion).
fn wait_until(done: impl Fn() -> bool) {
    let give_up = Instant::now() + Duration::from_secs(10);
    while !done() && Instant::now() < give_up {
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// `PRAGMA integrity_check` of an SQLite file, opened read-only.
fn integrity_check(path: &Path) -> String {
    let conn =
        rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("open backup");
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity_check")
}

/// Bytes that look random (xorshift), so that no test depends on a random crate.
fn noise(len: usize) -> Vec<u8> {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state.to_le_bytes()[0]
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// backup
// ---------------------------------------------------------------------------------------

#[test]
fn a_backup_taken_while_another_process_writes_is_intact_and_consistent() {
    let env = TestEnv::init();
    env.json(&["client", "add", "busy", "--no-key"]);
    let backup = env.dir().join("backup.db");
    let created = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);

    std::thread::scope(|scope| {
        let writer = scope.spawn(|| {
            // Bounded in case the main thread fails before it says stop.
            let give_up = Instant::now() + Duration::from_secs(2);
            while !stop.load(Ordering::SeqCst) && Instant::now() < give_up {
                env.run(&["key", "create", "--client", "busy"]).code(0);
                created.fetch_add(1, Ordering::SeqCst);
            }
        });
        wait_until(|| created.load(Ordering::SeqCst) >= 3);
        env.run(&["backup", arg(&backup)]).code(0);
        let at_backup = created.load(Ordering::SeqCst);
        wait_until(|| created.load(Ordering::SeqCst) >= at_backup + 3);
        stop.store(true, Ordering::SeqCst);
        writer.join().expect("the writer failed");
    });

    assert_eq!(integrity_check(&backup), "ok");
    let verified = run_on(&env, &backup, &["--json", "audit", "verify"]);
    verified.code(0);
    assert_eq!(verified.json()["intact"], true);

    // One snapshot: every key in the backup has its audit event, and no event lacks
    // its key.
    let keys = run_on(&env, &backup, &["--json", "key", "list"]);
    keys.code(0);
    let key_ids = sorted_field(&keys.json(), "id");
    let events = run_on(
        &env,
        &backup,
        &["--json", "audit", "--action", "key.create"],
    );
    events.code(0);
    assert_eq!(key_ids, sorted_field(&events.json(), "target"));
    assert!(key_ids.len() >= 3, "the backup missed earlier writes");
    let live_keys = env.json(&["key", "list"]).as_array().expect("keys").len();
    assert!(
        live_keys > key_ids.len(),
        "writes after the backup are missing from the store"
    );
}

#[test]
fn backup_to_an_existing_file_is_a_conflict_and_leaves_the_file_alone() {
    let env = TestEnv::init();
    env.add_client("app");
    let existing = write_file(&env, "backup.db", "precious");
    env.rejects(&["backup", arg(&existing)], 4, "already exists");
    assert_eq!(
        std::fs::read_to_string(&existing).expect("read"),
        "precious"
    );
}

#[cfg(unix)]
#[test]
fn a_backup_file_is_owner_only() {
    let env = TestEnv::init();
    env.add_client("app");
    let backup = env.dir().join("backup.db");
    env.run(&["backup", arg(&backup)]).code(0);
    assert_eq!(crate::provision_helpers::mode(&backup), 0o600);
}

#[test]
fn backup_of_a_missing_store_is_not_found_and_writes_nothing() {
    let env = TestEnv::new();
    let backup = env.dir().join("backup.db");
    env.run(&["backup", arg(&backup)])
        .code(3)
        .stderr_has(&env.store_display());
    assert!(!backup.exists());
    assert!(!env.store_exists());
}

// ---------------------------------------------------------------------------------------
// restore
// ---------------------------------------------------------------------------------------

/// A store with two clients, backed up to `backup.db`; returns it and the second
/// client's secret.
fn backed_up_env() -> (TestEnv, PathBuf, String) {
    let env = TestEnv::init();
    env.add_client("keeper");
    let secret = env.add_client("short-lived");
    let backup = env.dir().join("backup.db");
    env.run(&["backup", arg(&backup)]).code(0);
    (env, backup, secret)
}

#[test]
fn restore_brings_back_the_backed_up_state_with_an_intact_audit_chain() {
    let (env, backup, secret) = backed_up_env();
    env.run(&["client", "remove", "short-lived", "--yes"])
        .code(0);
    assert_eq!(verify_result(&env, &secret), "NOT_FOUND");

    env.run(&["restore", arg(&backup), "--yes"]).code(0);
    assert_eq!(
        sorted_field(&env.json(&["client", "list"]), "name"),
        ["keeper", "short-lived"]
    );
    assert_eq!(verify_result(&env, &secret), "VALID");
    assert_audit_intact(&env);
    let events = audit_events(&env);
    assert_eq!(
        events.last().expect("an event")["action"],
        "store.restore",
        "the restore is not audited"
    );
}

#[test]
fn restore_refuses_random_bytes_and_leaves_the_store_unchanged() {
    let (env, _, _) = backed_up_env();
    let junk = env.dir().join("junk.db");
    std::fs::write(&junk, noise(8192)).expect("write junk");
    env.rejects(&["restore", arg(&junk), "--yes"], 2, "not a usable backup")
        .stderr_has(arg(&junk));
}

#[test]
fn restore_refuses_a_store_from_a_newer_version_and_leaves_the_store_unchanged() {
    let (env, backup, _) = backed_up_env();
    rusqlite::Connection::open(&backup)
        .expect("open backup")
        .pragma_update(None, "user_version", 99)
        .expect("set user_version");
    env.rejects(&["restore", arg(&backup), "--yes"], 2, "schema version 99")
        .stderr_has("newer");
}

#[test]
fn restore_refuses_an_sqlite_file_that_is_not_an_apikey_store() {
    let (env, _, _) = backed_up_env();
    let foreign = env.dir().join("foreign.db");
    {
        let conn = rusqlite::Connection::open(&foreign).expect("create foreign db");
        conn.execute_batch("CREATE TABLE notes (body TEXT); PRAGMA user_version = 2;")
            .expect("build foreign db");
    }
    env.rejects(
        &["restore", arg(&foreign), "--yes"],
        2,
        "not a usable backup",
    );
    env.json(&["client", "list"]);
}

#[test]
fn restore_without_yes_and_without_a_terminal_is_refused() {
    let (env, backup, _) = backed_up_env();
    env.run(&["client", "remove", "short-lived", "--yes"])
        .code(0);
    env.rejects(&["restore", arg(&backup)], 2, "--yes");
}

#[test]
fn restore_of_a_missing_file_is_not_found() {
    let (env, _, _) = backed_up_env();
    let missing = env.dir().join("missing.db");
    env.rejects(&["restore", arg(&missing), "--yes"], 3, arg(&missing));
}

// ---------------------------------------------------------------------------------------
// key import
// ---------------------------------------------------------------------------------------

const TEXT_KEYS: [&str; 3] = [
    "legacy-key-0123456789abcdef",
    "sk_live_ABCDEFGHIJKLMNOP",
    "old.system.key.000000000000001",
];

/// A store with the client `legacy`.
fn legacy_env() -> TestEnv {
    let env = TestEnv::init();
    env.json(&["client", "add", "legacy", "--no-key"]);
    env
}

fn text_keys_file(env: &TestEnv) -> PathBuf {
    let text = format!(
        "# keys from the old portal\n\n{}\n   {}   \n# another comment\n\n{}\n",
        TEXT_KEYS[0], TEXT_KEYS[1], TEXT_KEYS[2]
    );
    write_file(env, "keys.txt", &text)
}

#[test]
fn import_of_a_text_file_skips_blanks_and_comments_and_each_key_verifies() {
    let env = legacy_env();
    let file = text_keys_file(&env);
    let out = env.json(&["key", "import", "--client", "legacy", arg(&file)]);
    assert_eq!(out["imported"], 3, "{out:#}");
    assert_eq!(out["skipped"], 0);
    for key in TEXT_KEYS {
        let run = env.run(&["--json", "key", "verify", "--key", key]);
        run.code(0);
        let verdict = run.json();
        assert_eq!(verdict["result"], "VALID", "{key}");
        assert_eq!(verdict["client"], "legacy");
    }
    let keys = env.json(&["key", "list", "--client", "legacy"]);
    assert_eq!(keys.as_array().expect("keys").len(), 3);
}

#[test]
fn import_of_a_json_array_of_strings_and_objects_verifies() {
    let env = legacy_env();
    let file = write_file(
        &env,
        "keys.json",
        r#"["json-key-aaaaaaaaaaaaaaaa", {"key": "json-key-bbbbbbbbbbbbbbbb"}]"#,
    );
    let out = env.json(&[
        "key",
        "import",
        "--client",
        "legacy",
        arg(&file),
        "--label",
        "migrated",
    ]);
    assert_eq!(out["imported"], 2, "{out:#}");
    for key in ["json-key-aaaaaaaaaaaaaaaa", "json-key-bbbbbbbbbbbbbbbb"] {
        assert_eq!(verify_result(&env, key), "VALID", "{key}");
    }
    let keys = env.json(&["key", "list", "--client", "legacy"]);
    for key in keys.as_array().expect("keys") {
        assert_eq!(key["label"], "migrated");
        assert_eq!(key["imported"], true);
    }
}

#[test]
fn an_altered_imported_key_does_not_verify() {
    let env = legacy_env();
    let file = text_keys_file(&env);
    env.json(&["key", "import", "--client", "legacy", arg(&file)]);
    for altered in [
        "legacy-key-0123456789abcdeF",
        "legacy-key-0123456789abcde",
        "xlegacy-key-0123456789abcdef",
    ] {
        assert_ne!(verify_result(&env, altered), "VALID", "{altered}");
    }
}

#[test]
fn importing_the_same_keys_again_skips_them() {
    let env = legacy_env();
    let file = text_keys_file(&env);
    env.json(&["key", "import", "--client", "legacy", arg(&file)]);
    let again = env.json(&["key", "import", "--client", "legacy", arg(&file)]);
    assert_eq!(again["imported"], 0, "{again:#}");
    assert_eq!(again["skipped"], 3);
    let keys = env.json(&["key", "list"]);
    assert_eq!(keys.as_array().expect("keys").len(), 3);
}

#[test]
fn import_rejects_a_short_key_naming_its_line() {
    let env = legacy_env();
    let file = write_file(
        &env,
        "keys.txt",
        "legacy-key-0123456789abcdef\n# comment\ntooshort\n",
    );
    env.rejects(
        &["key", "import", "--client", "legacy", arg(&file)],
        2,
        "entry 3",
    )
    .stderr_has("16");
}

#[test]
fn import_rejects_a_key_with_spaces_naming_its_entry() {
    let env = legacy_env();
    let file = write_file(
        &env,
        "keys.json",
        r#"["legacy-key-0123456789abcdef", {"key": "has a space in it 0123456"}]"#,
    );
    env.rejects(
        &["key", "import", "--client", "legacy", arg(&file)],
        2,
        "entry 2",
    )
    .stderr_has("spaces");
}

#[test]
fn import_from_standard_input_rejects_a_short_key() {
    let env = legacy_env();
    env.rejects_stdin(
        &["key", "import", "--client", "legacy", "-"],
        "short\n",
        2,
        "entry 1",
    );
}

#[test]
fn import_for_an_unknown_client_is_not_found() {
    let env = legacy_env();
    let file = text_keys_file(&env);
    env.rejects(
        &["key", "import", "--client", "ghost", arg(&file)],
        3,
        "ghost",
    );
}

#[test]
fn imported_keys_are_stored_as_hashes_only() {
    let env = legacy_env();
    let file = text_keys_file(&env);
    env.json(&["key", "import", "--client", "legacy", arg(&file)]);
    for key in TEXT_KEYS {
        assert!(
            !store_files_contain(&env, key),
            "the store file holds {key} in plain text"
        );
    }
    let listed = env.run(&["--json", "key", "list"]).stdout;
    let log = env.run(&["--json", "audit"]).stdout;
    for key in TEXT_KEYS {
        assert!(!listed.contains(key), "key list shows {key}");
        assert!(!log.contains(key), "the audit log holds {key}");
    }
}

// ---------------------------------------------------------------------------------------
// scan
// ---------------------------------------------------------------------------------------

/// A project directory with keys planted in it, and what was planted.
struct Planted {
    env: TestEnv,
    project: PathBuf,
    live_id: String,
    live: String,
    revoked_id: String,
    revoked: String,
    ignored_id: String,
    ignored: String,
    unknown: String,
    look_alike: String,
}

impl Planted {
    fn secrets(&self) -> [&str; 5] {
        [
            &self.live,
            &self.revoked,
            &self.ignored,
            &self.unknown,
            &self.look_alike,
        ]
    }
}

/// The same key with its last character changed: the checksum no longer matches.
fn with_bad_checksum(secret: &str) -> String {
    let (head, last) = secret.split_at(secret.len() - 1);
    let replacement = if last == "A" { "B" } else { "A" };
    let altered = format!("{head}{replacement}");
    assert!(apikey_core::secret::parse(&altered).is_err());
    altered
}

fn planted() -> Planted {
    let env = TestEnv::init();
    let added = env.json(&["client", "add", "app"]);
    let live_id = added["key"]["id"].as_str().expect("id").to_owned();
    let live = added["key"]["secret"].as_str().expect("secret").to_owned();
    let (revoked_id, revoked) = env.create_key("app", &["--label", "old"]);
    env.run(&["key", "revoke", &revoked_id, "--yes"]).code(0);
    let (ignored_id, ignored) = env.create_key("app", &["--label", "local"]);
    let unknown = apikey_core::secret::generate("ak")
        .expect("generate")
        .secret
        .expose()
        .to_owned();
    let look_alike = with_bad_checksum(&live);

    let project = env.dir().join("project");
    let nested = project.join("src").join("nested");
    std::fs::create_dir_all(&nested).expect("mkdir");
    std::fs::create_dir_all(project.join("notes")).expect("mkdir");
    let put = |path: PathBuf, text: String| std::fs::write(path, text).expect("write");
    put(project.join(".env"), format!("API_KEY={live}\n"));
    put(
        nested.join("client.rs"),
        format!("// config\nfn main() {{\n    let key = \"{live}\";\n}}\n"),
    );
    put(
        project.join("notes").join("old.txt"),
        format!("rotated out: {revoked}\n"),
    );
    put(project.join("typo.txt"), format!("x = {look_alike}\n"));
    put(project.join("unknown.cfg"), format!("token={unknown}\n"));
    // A git repository (its `.git` is enough): its .gitignore applies.
    std::fs::create_dir_all(project.join(".git")).expect("mkdir");
    put(project.join(".gitignore"), "secrets.local\n".to_owned());
    put(project.join("secrets.local"), format!("{ignored}\n"));
    Planted {
        env,
        project,
        live_id,
        live,
        revoked_id,
        revoked,
        ignored_id,
        ignored,
        unknown,
        look_alike,
    }
}

/// The finding whose file ends with `suffix`.
#[track_caller]
fn finding<'a>(findings: &'a Value, suffix: &str) -> &'a Value {
    findings
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| {
            f["file"]
                .as_str()
                .is_some_and(|file| file.ends_with(suffix))
        })
        .unwrap_or_else(|| panic!("no finding in {suffix}: {findings:#}"))
}

#[test]
fn scan_reports_live_revoked_and_unknown_keys_and_exits_5() {
    let p = planted();
    let before = p.env.dump();
    let run = p.env.run(&["--json", "scan", arg(&p.project)]);
    run.code(5);
    assert_eq!(
        before,
        p.env.dump(),
        "a scan without --revoke changed the store"
    );
    let out = run.json();
    assert_eq!(out["live_keys"], 1);
    assert_eq!(out["look_alikes_ignored"], 1);
    assert_eq!(out["files_scanned"], 6, "{out:#}");
    let findings = &out["findings"];
    assert_eq!(findings.as_array().expect("findings").len(), 4, "{out:#}");

    let env_file = finding(findings, ".env");
    assert_eq!(env_file["line"], 1);
    assert_eq!(env_file["status"], "active");
    assert_eq!(env_file["live"], true);
    assert_eq!(env_file["id"], p.live_id.as_str());
    assert_eq!(env_file["client"], "app");
    assert_eq!(env_file["hint"], &p.live[..7]);

    let nested = finding(findings, "client.rs");
    assert_eq!(nested["line"], 3);
    assert_eq!(nested["id"], p.live_id.as_str());
    assert_eq!(nested["live"], true);

    let old = finding(findings, "old.txt");
    assert_eq!(old["status"], "revoked");
    assert_eq!(old["live"], false);
    assert_eq!(old["id"], p.revoked_id.as_str());

    let unknown = finding(findings, "unknown.cfg");
    assert_eq!(unknown["status"], "unknown");
    assert_eq!(unknown["live"], false);
    assert!(unknown["id"].is_null());
    assert!(unknown["client"].is_null());

    // The git-ignored file is not scanned, so its live key is not reported.
    assert!(!run.stdout.contains(&p.ignored_id));
    assert!(!run.stdout.contains("secrets.local"));
}

#[test]
fn scan_output_never_contains_a_full_secret() {
    let p = planted();
    for args in [
        &["--json", "scan", arg(&p.project)][..],
        &["scan", arg(&p.project)],
        &["--format", "csv", "scan", arg(&p.project)],
    ] {
        let run = p.env.run(args);
        run.code(5);
        for secret in p.secrets() {
            assert!(!run.stdout.contains(secret), "{args:?} printed a secret");
            assert!(!run.stderr.contains(secret), "{args:?} printed a secret");
        }
    }
}

#[test]
fn scan_without_a_live_key_exits_0() {
    let p = planted();
    let run = p.env.run(&[
        "--json",
        "scan",
        arg(&p.project.join("notes")),
        arg(&p.project.join("unknown.cfg")),
        arg(&p.project.join("typo.txt")),
    ]);
    run.code(0);
    let out = run.json();
    assert_eq!(out["live_keys"], 0);
    assert_eq!(out["findings"].as_array().expect("findings").len(), 2);
    assert_eq!(out["look_alikes_ignored"], 1);
}

#[test]
fn scan_revoke_yes_revokes_the_live_key_and_audits_it() {
    let p = planted();
    let run = p
        .env
        .run(&["--json", "scan", arg(&p.project), "--revoke", "--yes"]);
    // The key leaked: the scan still fails CI after revoking it.
    run.code(5);
    let out = run.json();
    assert_eq!(out["revoked_now"], serde_json::json!([p.live_id]));
    assert_eq!(verify_result(&p.env, &p.live), "REVOKED");
    // The key in the git-ignored file was not found, so it still works.
    assert_eq!(verify_result(&p.env, &p.ignored), "VALID");

    let events = Value::Array(audit_events(&p.env));
    let revocation = find(&events, "target", &p.live_id);
    assert_eq!(revocation["action"], "key.revoke");
    assert!(
        revocation["details"]["revoked_reason"]
            .as_str()
            .is_some_and(|r| r.contains("scan")),
        "{revocation:#}"
    );
    assert_audit_intact(&p.env);

    // A second scan finds nothing live.
    p.env.run(&["scan", arg(&p.project)]).code(0);
}

#[test]
fn scan_revoke_without_yes_and_without_a_terminal_is_refused() {
    let p = planted();
    p.env
        .rejects(&["scan", arg(&p.project), "--revoke"], 2, "--yes");
    assert_eq!(verify_result(&p.env, &p.live), "VALID");
}

#[test]
fn scan_of_a_missing_path_is_not_found() {
    let p = planted();
    let missing = p.project.join("nowhere");
    p.env.rejects(&["scan", arg(&missing)], 3, arg(&missing));
}

// ---------------------------------------------------------------------------------------
// key expiring / key stale
// ---------------------------------------------------------------------------------------

/// Sets a key's times (Unix seconds) directly in the store.
fn set_times(
    env: &TestEnv,
    id: &str,
    created: i64,
    expires: Option<i64>,
    last_used: Option<i64>,
    revoked: Option<i64>,
) {
    let changed = env.exec_sql(
        "UPDATE api_keys SET created_at = ?2, expires_at = ?3, last_used_at = ?4,
             revoked_at = ?5 WHERE id = ?1",
        &[&id, &created, &expires, &last_used, &revoked],
    );
    assert_eq!(changed, 1, "no key {id}");
}

/// Creates a key labelled `label` for client `app` and returns its id.
fn key(env: &TestEnv, label: &str) -> String {
    env.create_key("app", &["--label", label]).0
}

/// The sorted ids a report lists.
fn listed(env: &TestEnv, args: &[&str]) -> Vec<String> {
    sorted_field(&env.json(args), "id")
}

fn sorted(mut ids: Vec<String>) -> Vec<String> {
    ids.sort();
    ids
}

#[test]
fn key_expiring_lists_the_live_keys_that_expire_within_the_window() {
    let env = TestEnv::init();
    env.json(&["client", "add", "app", "--no-key"]);
    let now = now_secs();
    let soon = key(&env, "soon");
    let later = key(&env, "later");
    let never = key(&env, "never");
    let expired = key(&env, "expired");
    let soon_revoked = key(&env, "soon-revoked");
    let soon_disabled = key(&env, "soon-disabled");
    set_times(&env, &soon, now - DAY, Some(now + 7 * DAY), None, None);
    set_times(&env, &later, now - DAY, Some(now + 30 * DAY), None, None);
    set_times(&env, &never, now - DAY, None, None, None);
    set_times(&env, &expired, now - 9 * DAY, Some(now - DAY), None, None);
    set_times(
        &env,
        &soon_revoked,
        now - DAY,
        Some(now + 3 * DAY),
        None,
        Some(now - 3600),
    );
    set_times(
        &env,
        &soon_disabled,
        now - DAY,
        Some(now + 3 * DAY),
        None,
        None,
    );
    env.json(&["key", "disable", &soon_disabled]);

    assert_eq!(
        listed(&env, &["key", "expiring", "--within", "14d"]),
        std::slice::from_ref(&soon)
    );
    assert_eq!(
        listed(&env, &["key", "expiring", "--within", "60d"]),
        sorted(vec![soon, later])
    );
    assert!(listed(&env, &["key", "expiring", "--within", "1d"]).is_empty());
}

#[test]
fn key_stale_lists_the_live_keys_unused_for_the_duration() {
    let env = TestEnv::init();
    env.json(&["client", "add", "app", "--no-key"]);
    let now = now_secs();
    let never_used = key(&env, "never-used");
    let used_long_ago = key(&env, "used-long-ago");
    let used_recently = key(&env, "used-recently");
    let new = key(&env, "new");
    let old_revoked = key(&env, "old-revoked");
    let old_expired = key(&env, "old-expired");
    set_times(&env, &never_used, now - 200 * DAY, None, None, None);
    set_times(
        &env,
        &used_long_ago,
        now - 200 * DAY,
        None,
        Some(now - 100 * DAY),
        None,
    );
    set_times(
        &env,
        &used_recently,
        now - 200 * DAY,
        None,
        Some(now - 10 * DAY),
        None,
    );
    set_times(&env, &new, now - 10 * DAY, None, None, None);
    set_times(
        &env,
        &old_revoked,
        now - 200 * DAY,
        None,
        None,
        Some(now - DAY),
    );
    set_times(
        &env,
        &old_expired,
        now - 200 * DAY,
        Some(now - DAY),
        None,
        None,
    );

    assert_eq!(
        listed(&env, &["key", "stale", "--unused-for", "90d"]),
        sorted(vec![never_used.clone(), used_long_ago])
    );
    assert_eq!(
        listed(&env, &["key", "stale", "--unused-for", "150d"]),
        [never_used]
    );
}

#[test]
fn reports_reject_bad_durations() {
    let env = TestEnv::init();
    env.add_client("app");
    for (args, flag) in [
        (&["key", "expiring", "--within", "soon"][..], "--within"),
        (&["key", "expiring", "--within", "0d"], "--within"),
        (&["key", "expiring", "--within=-5d"], "--within"),
        (
            &["key", "stale", "--unused-for", "ninety days"],
            "--unused-for",
        ),
        (&["key", "stale", "--unused-for", "0s"], "--unused-for"),
        (&["key", "stale", "--unused-for", "1000y"], "--unused-for"),
    ] {
        env.rejects(args, 2, flag);
    }
}

#[test]
fn reports_on_a_missing_store_are_not_found() {
    let env = TestEnv::new();
    env.run(&["key", "expiring", "--within", "14d"])
        .code(3)
        .stderr_has(&env.store_display());
    env.run(&["key", "stale", "--unused-for", "90d"]).code(3);
    assert!(!env.store_exists());
}
