//! `apikey client ...`

use serde_json::Value;

use crate::common::{TestEnv, assert_plain_table};

/// Names `client add` and `client update --rename` must refuse, with why.
const BAD_NAMES: &[(&str, &str)] = &[
    ("", "empty"),
    ("   ", "empty"),
    ("a\nb", "not allowed"),
    ("a\tb", "not allowed"),
    ("a\u{7}b", "not allowed"),
    (".leading-dot", "not allowed"),
    ("has space", "not allowed"),
];

fn too_long_name() -> String {
    "x".repeat(65)
}

fn names(list: &Value) -> Vec<String> {
    list.as_array()
        .expect("array")
        .iter()
        .map(|c| c["name"].as_str().expect("name").to_owned())
        .collect()
}

// ---- add -----------------------------------------------------------------------------

#[test]
fn add_prints_the_first_key_once_and_lists_it() {
    let env = TestEnv::new();
    let out = env.json(&[
        "client",
        "add",
        "bpjs-sync",
        "--description",
        "BPJS data sync",
    ]);
    assert_eq!(out["client"]["name"], "bpjs-sync");
    assert_eq!(out["client"]["active_keys"], 1);
    let secret = out["key"]["secret"].as_str().unwrap();
    assert!(secret.starts_with("ak_"));

    let list = env.json(&["client", "list"]);
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert!(!list.to_string().contains(secret), "list shows a secret");
}

#[test]
fn add_in_table_form_prints_the_client_its_key_and_a_warning() {
    let env = TestEnv::init();
    let run = env.run(&["client", "add", "bpjs-sync", "-d", "BPJS data sync"]);
    run.code(0)
        .stdout_has("Added client 'bpjs-sync'")
        .field_is("name", "bpjs-sync")
        .field_is("description", "BPJS data sync")
        .field_is("status", "active")
        .field_is("keys", "1 active, 1 in all")
        .stderr_has("shown only once");
    let secret = run.field("secret").unwrap();
    assert!(secret.starts_with("ak_"), "{secret}");
    let key_id = run.field("key").unwrap();
    assert_eq!(env.json(&["key", "show", &key_id])["client"], "bpjs-sync");
}

#[test]
fn add_json_has_the_client_and_the_issued_key() {
    let env = TestEnv::init();
    let out = env.json(&["client", "add", "reporting", "--description", "Reports"]);
    let client = &out["client"];
    assert_eq!(client["name"], "reporting");
    assert_eq!(client["description"], "Reports");
    assert_eq!(client["status"], "active");
    assert_eq!(client["total_keys"], 1);
    assert!(client["created_at"].as_str().unwrap().ends_with('Z'));
    let key = &out["key"];
    assert_eq!(key["client"], "reporting");
    assert_eq!(key["prefix"], "ak");
    assert_eq!(key["status"], "active");
    assert!(key["id"].as_str().is_some_and(|id| !id.is_empty()));
    assert!(key["secret"].as_str().unwrap().starts_with("ak_"));
}

#[test]
fn add_with_no_key_issues_none_and_prints_no_secret() {
    let env = TestEnv::init();
    let out = env.json(&["client", "add", "reporting", "--no-key"]);
    assert_eq!(out["key"], Value::Null);
    assert_eq!(out["client"]["total_keys"], 0);

    let run = env.run(&["client", "add", "other", "--no-key"]);
    run.code(0).field_is("keys", "0 active, 0 in all");
    assert_eq!(run.field("secret"), None);
    assert!(!run.stderr.contains("shown only once"), "{run:#?}");
    assert_eq!(env.json(&["key", "list"]), Value::Array(vec![]));
}

#[test]
fn add_accepts_a_name_of_exactly_64_characters() {
    let env = TestEnv::init();
    let name = "n".repeat(64);
    env.json(&["client", "add", &name, "--no-key"]);
    assert_eq!(env.json(&["client", "show", &name])["name"], name.as_str());
}

#[test]
fn add_creates_the_store_when_it_is_missing() {
    let env = TestEnv::new();
    env.run(&["client", "add", "first"]).code(0);
    if env.is_postgres() {
        assert!(env.store_exists());
    } else {
        assert!(env.db().is_file());
    }
    assert_eq!(names(&env.json(&["client", "list"])), ["first"]);
}

#[test]
fn add_rejects_bad_names_without_changing_the_store() {
    let env = TestEnv::init();
    for (name, why) in BAD_NAMES {
        env.rejects(&["client", "add", name], 2, why)
            .stderr_has("client name");
    }
    env.rejects(&["client", "add", &too_long_name()], 2, "65 characters")
        .stderr_has("client name");
    assert_eq!(env.json(&["client", "list"]), Value::Array(vec![]));
}

#[test]
fn add_rejects_bad_names_before_creating_a_store() {
    let env = TestEnv::new();
    env.rejects(&["client", "add", "   "], 2, "client name");
    assert!(!env.store_exists(), "a rejected add created a store");
}

#[test]
fn add_rejects_a_duplicate_name_without_changing_the_store() {
    let env = TestEnv::init();
    env.add_client("bpjs-sync");
    env.rejects(&["client", "add", "BPJS-Sync"], 4, "already exists");
    env.rejects(&["client", "add", "bpjs-sync", "--no-key"], 4, "bpjs-sync");
}

#[test]
fn add_rejects_a_bad_description() {
    let env = TestEnv::init();
    for bad in ["line\nbreak", "tab\there", "bell\u{7}"] {
        env.rejects(&["client", "add", "x", "-d", bad], 2, "--description")
            .stderr_has("control character");
    }
    let long = "d".repeat(1025);
    env.rejects(&["client", "add", "x", "-d", &long], 2, "--description")
        .stderr_has("1024");
}

// ---- list ----------------------------------------------------------------------------

fn env_with_three_clients() -> TestEnv {
    let env = TestEnv::init();
    env.json(&["client", "add", "zeta", "-d", "Last, alphabetically"]);
    env.json(&["client", "add", "bpjs-sync", "-d", "BPJS data sync"]);
    env.json(&["client", "add", "alpha", "--no-key"]);
    env
}

#[test]
fn list_table_is_plain_aligned_text_sorted_by_name() {
    let env = env_with_three_clients();
    let run = env.run(&["client", "list"]);
    run.code(0);
    assert_plain_table(
        &run.stdout,
        &[
            "NAME",
            "DESCRIPTION",
            "STATUS",
            "ACTIVE KEYS",
            "TOTAL KEYS",
            "CREATED AT",
        ],
    );
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 4, "{}", run.stdout);
    assert!(lines[1].starts_with("alpha "), "{}", run.stdout);
    assert!(lines[2].starts_with("bpjs-sync "), "{}", run.stdout);
    assert!(lines[3].starts_with("zeta "), "{}", run.stdout);
    assert!(lines[2].contains("BPJS data sync"));
    // An empty description is shown as "-".
    assert!(lines[1].contains(" - "), "{}", run.stdout);
}

#[test]
fn list_json_is_an_array_of_clients_sorted_by_name() {
    let env = env_with_three_clients();
    let list = env.json(&["client", "list"]);
    assert_eq!(names(&list), ["alpha", "bpjs-sync", "zeta"]);
    let bpjs = &list[1];
    assert_eq!(bpjs["description"], "BPJS data sync");
    assert_eq!(bpjs["status"], "active");
    assert_eq!(bpjs["active_keys"], 1);
    assert_eq!(bpjs["total_keys"], 1);
    assert_eq!(list[0]["total_keys"], 0);
    // The same as --format json.
    let run = env.run(&["--format", "json", "client", "list"]);
    run.code(0);
    assert_eq!(run.json(), list);
}

#[test]
fn list_csv_has_a_header_and_one_quoted_row_per_client() {
    let env = env_with_three_clients();
    let run = env.run(&["--format", "csv", "client", "list"]);
    run.code(0);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines[0],
        "name,description,status,roles,active_keys,total_keys,created_at"
    );
    assert_eq!(lines.len(), 4, "{}", run.stdout);
    assert!(
        lines[1].starts_with("alpha,,active,,0,0,"),
        "{}",
        run.stdout
    );
    assert!(
        lines[2].starts_with("bpjs-sync,BPJS data sync,active,,1,1,"),
        "{}",
        run.stdout
    );
    // A comma inside a value is quoted.
    assert!(
        lines[3].starts_with("zeta,\"Last, alphabetically\",active,,1,1,"),
        "{}",
        run.stdout
    );
}

#[test]
fn list_of_no_clients_is_empty_in_every_format() {
    let env = TestEnv::init();
    // "(none)" is for people: on standard error when standard output is not a terminal.
    let run = env.run(&["client", "list"]);
    run.code(0).stderr_has("(none)");
    assert_eq!(run.stdout, "", "{run:?}");
    assert_eq!(env.json(&["client", "list"]), Value::Array(vec![]));
    let csv = env.run(&["--format", "csv", "client", "list"]);
    csv.code(0);
    assert_eq!(
        csv.stdout.trim(),
        "name,description,status,roles,active_keys,total_keys,created_at"
    );
}

#[test]
fn list_search_matches_name_and_description_case_insensitively() {
    let env = env_with_three_clients();
    let search = |text: &str| names(&env.json(&["client", "list", "--search", text]));
    assert_eq!(search("BPJS"), ["bpjs-sync"]);
    assert_eq!(search("bpjs"), ["bpjs-sync"]);
    assert_eq!(search("DATA SYNC"), ["bpjs-sync"]);
    assert_eq!(search("alphabetically"), ["zeta"]);
    assert_eq!(search("ALPHA"), ["alpha", "zeta"]);
    assert!(search("nothing-like-this").is_empty());
    assert_eq!(search(""), ["alpha", "bpjs-sync", "zeta"]);
    // The short flag and the table form.
    let run = env.run(&["client", "list", "-s", "Sync"]);
    run.code(0).stdout_has("bpjs-sync");
    assert!(!run.stdout.contains("zeta"), "{}", run.stdout);
}

#[test]
fn list_search_treats_percent_and_underscore_literally() {
    let env = TestEnv::init();
    env.json(&[
        "client",
        "add",
        "plain",
        "-d",
        "nothing special",
        "--no-key",
    ]);
    env.json(&["client", "add", "under_score", "--no-key"]);
    env.json(&["client", "add", "percent", "-d", "100% uptime", "--no-key"]);
    env.json(&["client", "add", "backslash", "-d", "a\\b", "--no-key"]);
    let search = |text: &str| names(&env.json(&["client", "list", "--search", text]));
    assert_eq!(search("%"), ["percent"]);
    assert_eq!(search("_"), ["under_score"]);
    assert_eq!(search("0%"), ["percent"]);
    assert_eq!(search("r_s"), ["under_score"]);
    assert_eq!(search("\\"), ["backslash"]);
    assert!(search("p%t").is_empty(), "% matched as a wildcard");
    assert!(search("pl_in").is_empty(), "_ matched as a wildcard");
}

/// The search is documented as case-insensitive; descriptions are free text, so this
/// must hold beyond ASCII too. Searching a description for its own exact text must match.
#[test]
fn list_search_is_case_insensitive_beyond_ascii() {
    let env = TestEnv::init();
    env.json(&["client", "add", "sync", "-d", "Données Éclair", "--no-key"]);
    let search = |text: &str| names(&env.json(&["client", "list", "--search", text]));
    assert_eq!(search("Éclair"), ["sync"], "exact text did not match");
    assert_eq!(search("éclair"), ["sync"]);
    assert_eq!(search("DONNÉES"), ["sync"]);
}

/// Clients are listed in SQLite's NOCASE order (ASCII letters folded, then bytes) on
/// both engines, whatever the PostgreSQL database's locale: the test clusters use ICU's
/// en-US, which would otherwise put `_` before `-` and both before digits.
#[test]
fn list_orders_names_by_their_bytes_ignoring_ascii_case() {
    let env = TestEnv::init();
    for name in ["b", "a_b", "A.b", "a-b", "a0"] {
        env.json(&["client", "add", name, "--no-key"]);
    }
    assert_eq!(
        names(&env.json(&["client", "list"])),
        ["a-b", "A.b", "a0", "a_b", "b"]
    );
}

// ---- show ----------------------------------------------------------------------------

#[test]
fn show_table_prints_the_client_and_its_keys() {
    let env = TestEnv::init();
    env.json(&["client", "add", "bpjs-sync", "-d", "BPJS data sync"]);
    let (id, _) = env.create_key("bpjs-sync", &["--label", "prod"]);
    env.json(&["client", "add", "other"]);
    let run = env.run(&["client", "show", "bpjs-sync"]);
    run.code(0)
        .field_is("name", "bpjs-sync")
        .field_is("description", "BPJS data sync")
        .field_is("status", "active")
        .field_is("keys", "2 active, 2 in all")
        .stdout_has("Keys:");
    let keys_table = run.stdout.split("Keys:").nth(1).unwrap();
    assert_plain_table(keys_table, &["ID", "CLIENT", "LABEL", "HINT", "STATUS"]);
    assert_eq!(keys_table.matches("bpjs-sync").count(), 2, "{keys_table}");
    assert!(keys_table.contains(&id));
    assert!(!keys_table.contains("other"), "{keys_table}");
}

#[test]
fn show_json_has_the_client_fields_and_its_keys() {
    let env = TestEnv::init();
    env.json(&["client", "add", "bpjs-sync", "-d", "BPJS data sync"]);
    let (id, _) = env.create_key("bpjs-sync", &["--label", "prod"]);
    env.json(&["client", "add", "other"]);
    let out = env.json(&["client", "show", "bpjs-sync"]);
    assert_eq!(out["name"], "bpjs-sync");
    assert_eq!(out["description"], "BPJS data sync");
    assert_eq!(out["status"], "active");
    assert_eq!(out["active_keys"], 2);
    assert_eq!(out["total_keys"], 2);
    let keys = out["keys"].as_array().unwrap();
    assert_eq!(keys.len(), 2);
    assert!(keys.iter().all(|k| k["client"] == "bpjs-sync"));
    assert!(
        keys.iter()
            .any(|k| k["id"] == id.as_str() && k["label"] == "prod")
    );
}

#[test]
fn show_of_a_client_without_keys_says_none() {
    let env = TestEnv::init();
    env.json(&["client", "add", "lonely", "--no-key"]);
    env.run(&["client", "show", "lonely"])
        .code(0)
        .stdout_has("(none)");
    assert_eq!(
        env.json(&["client", "show", "lonely"])["keys"],
        Value::Array(vec![])
    );
}

#[test]
fn names_are_matched_case_insensitively() {
    let env = TestEnv::init();
    env.add_client("bpjs-sync");
    assert_eq!(
        env.json(&["client", "show", "BPJS-SYNC"])["name"],
        "bpjs-sync"
    );
    env.create_key("Bpjs-Sync", &[]);
    assert_eq!(
        env.json(&["key", "list", "--client", "BPJS-sync"])
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

// ---- update --------------------------------------------------------------------------

#[test]
fn update_description_in_table_and_json() {
    let env = TestEnv::init();
    env.json(&["client", "add", "bpjs-sync", "-d", "old"]);
    env.run(&[
        "client",
        "update",
        "bpjs-sync",
        "--description",
        "BPJS claims sync",
    ])
    .code(0)
    .stdout_has("Updated client 'bpjs-sync'")
    .field_is("description", "BPJS claims sync");
    let out = env.json(&["client", "update", "bpjs-sync", "-d", "again"]);
    assert_eq!(out["name"], "bpjs-sync");
    assert_eq!(out["description"], "again");
    assert_eq!(
        env.json(&["client", "show", "bpjs-sync"])["description"],
        "again"
    );
}

#[test]
fn update_rename_moves_the_keys_with_the_client() {
    let env = TestEnv::init();
    let secret = env.add_client("bpjs-sync");
    env.run(&["client", "update", "bpjs-sync", "--rename", "bpjs-claims"])
        .code(0)
        .stdout_has("Updated client 'bpjs-claims'")
        .field_is("name", "bpjs-claims");
    env.run(&["client", "show", "bpjs-sync"]).code(3);
    let out = env.json(&["client", "show", "bpjs-claims"]);
    assert_eq!(out["total_keys"], 1);
    assert_eq!(out["keys"][0]["client"], "bpjs-claims");
    let verdict = env.run(&["--json", "key", "verify", "--key", &secret]);
    verdict.code(0);
    assert_eq!(verdict.json()["client"], "bpjs-claims");
}

#[test]
fn update_rename_and_description_together_in_json() {
    let env = TestEnv::init();
    env.json(&["client", "add", "a", "--no-key"]);
    let out = env.json(&[
        "client",
        "update",
        "a",
        "--rename",
        "b",
        "--description",
        "B",
    ]);
    assert_eq!(out["name"], "b");
    assert_eq!(out["description"], "B");
    assert_eq!(names(&env.json(&["client", "list"])), ["b"]);
}

#[test]
fn update_rename_may_change_only_the_case() {
    let env = TestEnv::init();
    env.json(&["client", "add", "bpjs", "--no-key"]);
    assert_eq!(
        env.json(&["client", "update", "bpjs", "--rename", "BPJS"])["name"],
        "BPJS"
    );
}

#[test]
fn update_with_nothing_to_update_is_refused() {
    let env = TestEnv::init();
    env.add_client("bpjs-sync");
    env.rejects(&["client", "update", "bpjs-sync"], 2, "nothing to update")
        .stderr_has("--description");
}

#[test]
fn update_rejects_bad_values() {
    let env = TestEnv::init();
    env.add_client("bpjs-sync");
    env.add_client("taken");
    for (name, why) in BAD_NAMES {
        env.rejects(&["client", "update", "bpjs-sync", "--rename", name], 2, why)
            .stderr_has("--rename");
    }
    env.rejects(
        &[
            "client",
            "update",
            "bpjs-sync",
            "--rename",
            &too_long_name(),
        ],
        2,
        "--rename",
    );
    env.rejects(
        &["client", "update", "bpjs-sync", "--rename", "TAKEN"],
        4,
        "exists",
    );
    env.rejects(
        &["client", "update", "bpjs-sync", "-d", "a\nb"],
        2,
        "--description",
    );
    env.rejects(
        &["client", "update", "bpjs-sync", "-d", &"d".repeat(1025)],
        2,
        "--description",
    );
}

// ---- disable / enable ----------------------------------------------------------------

#[test]
fn disable_and_enable_in_table_form() {
    let env = TestEnv::init();
    env.add_client("bpjs-sync");
    env.run(&["client", "disable", "bpjs-sync"])
        .code(0)
        .stdout_has("Disabled client 'bpjs-sync'")
        .field_is("status", "disabled")
        .field_is("keys", "0 active, 1 in all");
    // Disabling twice is harmless.
    env.run(&["client", "disable", "bpjs-sync"])
        .code(0)
        .field_is("status", "disabled");
    env.run(&["client", "enable", "bpjs-sync"])
        .code(0)
        .stdout_has("Enabled client 'bpjs-sync'")
        .field_is("status", "active")
        .field_is("keys", "1 active, 1 in all");
}

#[test]
fn disable_and_enable_in_json_change_the_keys_status() {
    let env = TestEnv::init();
    env.add_client("bpjs-sync");
    let out = env.json(&["client", "disable", "bpjs-sync"]);
    assert_eq!(out["status"], "disabled");
    assert_eq!(out["active_keys"], 0);
    assert_eq!(env.json(&["key", "list"])[0]["status"], "disabled");
    let out = env.json(&["client", "enable", "bpjs-sync"]);
    assert_eq!(out["status"], "active");
    assert_eq!(out["active_keys"], 1);
    assert_eq!(env.json(&["key", "list"])[0]["status"], "active");
}

// ---- remove --------------------------------------------------------------------------

fn api_key_count(env: &TestEnv) -> i64 {
    env.query_i64("SELECT count(*) FROM api_keys", &[]).unwrap()
}

#[test]
fn remove_yes_removes_the_client_and_its_keys() {
    let env = TestEnv::init();
    let secret = env.add_client("doomed");
    env.create_key("doomed", &[]);
    env.add_client("kept");
    assert_eq!(api_key_count(&env), 3);
    env.run(&["client", "remove", "doomed", "--yes"])
        .code(0)
        .stdout_has("Removed client 'doomed' and its 2 keys");
    assert_eq!(api_key_count(&env), 1, "the client's keys were not removed");
    assert_eq!(names(&env.json(&["client", "list"])), ["kept"]);
    env.run(&["client", "show", "doomed"]).code(3);
    let verdict = env.run(&["--json", "key", "verify", "--key", &secret]);
    verdict.code(5);
    assert_eq!(verdict.json()["result"], "NOT_FOUND");
}

#[test]
fn remove_in_json_reports_what_it_removed() {
    let env = TestEnv::init();
    env.add_client("doomed");
    env.create_key("doomed", &[]);
    let out = env.json(&["client", "rm", "doomed", "-y"]);
    assert_eq!(out["removed"], "doomed");
    assert_eq!(out["keys_removed"], 2);
    assert_eq!(api_key_count(&env), 0);
    assert_eq!(env.json(&["key", "list"]), Value::Array(vec![]));
}

#[test]
fn remove_without_yes_and_without_a_terminal_is_refused() {
    let env = TestEnv::init();
    env.add_client("bpjs-sync");
    env.rejects(&["client", "remove", "bpjs-sync"], 2, "--yes");
    env.rejects(&["--json", "client", "remove", "bpjs-sync"], 2, "--yes");
}

// ---- unknown and impossible names ----------------------------------------------------

/// Every command that looks a client up, with `NAME` where the name goes.
const LOOKUPS: &[&[&str]] = &[
    &["client", "show", "NAME"],
    &["client", "update", "NAME", "-d", "x"],
    &["client", "update", "NAME", "--rename", "fresh"],
    &["client", "disable", "NAME"],
    &["client", "enable", "NAME"],
    &["client", "remove", "NAME", "--yes"],
    &["client", "remove", "NAME"],
    &["key", "create", "--client", "NAME"],
    &["key", "list", "--client", "NAME"],
];

fn with_name<'a>(template: &[&'a str], name: &'a str) -> Vec<&'a str> {
    template
        .iter()
        .map(|a| if *a == "NAME" { name } else { a })
        .collect()
}

#[test]
fn every_client_lookup_of_an_unknown_name_is_not_found() {
    let env = TestEnv::init();
    env.add_client("bpjs-sync");
    for template in LOOKUPS {
        env.rejects(&with_name(template, "nope"), 3, "no client named 'nope'")
            .stderr_one_line();
    }
}

#[test]
fn every_client_lookup_of_an_impossible_name_fails_cleanly() {
    let env = TestEnv::init();
    env.add_client("bpjs-sync");
    let long = too_long_name();
    for name in ["", "   ", long.as_str()] {
        for template in LOOKUPS {
            env.rejects_any(&with_name(template, name), "", &[2, 3], "client")
                .stderr_one_line();
        }
    }
}

/// An error is one clean line (SPEC "Output"): a name with control characters must not
/// be echoed raw, or a newline splits the message and an escape sequence reaches the
/// terminal.
#[test]
fn every_client_lookup_of_a_name_with_control_characters_fails_on_one_clean_line() {
    let env = TestEnv::init();
    env.add_client("bpjs-sync");
    for name in ["a\nb", "a\tb", "a\u{7}b", "a\u{1b}[31mred"] {
        for template in LOOKUPS {
            let run = env
                .rejects_any(&with_name(template, name), "", &[2, 3], "client")
                .stderr_one_line()
                .stderr
                .clone();
            let body = run.strip_suffix('\n').unwrap_or(&run);
            assert!(
                !body.chars().any(char::is_control),
                "raw control character in stderr for {template:?} / {name:?}: {run:?}"
            );
        }
    }
}
