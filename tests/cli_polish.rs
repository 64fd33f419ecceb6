//! Command-line behaviour users of gh, kubectl and cargo expect (issue "CLI polish").

use crate::common::{Run, TestEnv};

#[test]
fn bare_apikey_prints_the_help_and_succeeds() {
    let env = TestEnv::new();
    let run = Run::from_output(env.cmd().output().expect("run"));
    run.code(0);
    assert!(run.stdout.contains("Usage: apikey"), "{run:?}");
    assert!(run.stdout.contains("Resources:"), "{run:?}");
    assert!(run.stderr.is_empty(), "{run:?}");
}

#[test]
fn a_subcommands_help_lists_its_own_options_before_the_global_ones() {
    let env = TestEnv::new();
    for args in [
        &["user", "add", "-h"][..],
        &["key", "create", "-h"],
        &["audit", "-h"],
    ] {
        let run = env.run(args);
        run.code(0);
        let help = &run.stdout;
        let own = help.find("\nOptions:\n").expect("an Options heading");
        let global = help
            .find("\nGlobal options:\n")
            .expect("a Global options heading");
        assert!(own < global, "{args:?}: global options come first:\n{help}");
        let (mine, globals) = help.split_at(global);
        for flag in [
            "--db <PATH>",
            "--json",
            "--format <FORMAT>",
            "--actor <NAME>",
        ] {
            assert!(
                globals.contains(flag),
                "{args:?}: {flag} not under Global options"
            );
            assert!(
                !mine.contains(flag),
                "{args:?}: {flag} among the own options"
            );
        }
    }
    let create = env.run(&["key", "create", "-h"]).stdout.clone();
    let own = &create[..create.find("\nGlobal options:\n").unwrap()];
    assert!(own.contains("--client"), "{create}");
}

#[test]
fn audit_by_filters_on_the_actor_and_global_actor_only_names_who_acts() {
    let env = TestEnv::init();
    env.run(&["--actor", "alice", "client", "add", "c1", "--no-key"])
        .code(0);
    env.run(&["client", "add", "c2", "--no-key"]).code(0);
    let by_alice = env.json(&["audit", "--by", "alice"]);
    let targets: Vec<&str> = by_alice
        .as_array()
        .expect("events")
        .iter()
        .map(|e| e["target"].as_str().expect("target"))
        .collect();
    assert_eq!(targets, ["c1"]);
    // The global --actor given to a read command filters nothing.
    let all = env.json(&["--actor", "alice", "audit"]);
    assert_eq!(all.as_array().expect("events").len(), 3, "{all}");
}

#[test]
fn counts_in_messages_agree_with_their_noun() {
    let env = TestEnv::init();
    env.add_client("solo");
    let run = env.run(&["client", "remove", "solo", "--yes"]);
    run.code(0);
    assert!(
        run.stdout.contains("and its 1 key\n") || run.stdout.trim_end().ends_with("its 1 key"),
        "{run:?}"
    );
}

#[test]
fn revoking_the_last_role_says_none_instead_of_an_empty_line() {
    let env = TestEnv::init();
    env.run(&["role", "add", "reader"]).code(0);
    env.run(&["client", "add", "c", "--no-key", "--role", "reader"])
        .code(0);
    let run = env.run(&["client", "revoke", "c", "--role", "reader"]);
    run.code(0);
    assert!(
        run.stdout.contains("Roles of client 'c': (none)"),
        "{run:?}"
    );
}

#[test]
fn diff_says_which_side_has_an_entry_with_no_other_detail() {
    let env = TestEnv::init();
    env.run_stdin(&["user", "add", "ops@example.org", "--no-password"], "")
        .code(0);
    let file = env.dir().join("empty.toml");
    std::fs::write(&file, "permissions = []\n").expect("write");
    let run = env.run(&["diff", file.to_str().expect("utf-8")]);
    run.code(0);
    assert!(
        run.stdout
            .contains("- user ops@example.org: only in the store"),
        "{run:?}"
    );
}

#[test]
fn the_actor_defaults_to_the_name_of_the_process_user() {
    let env = TestEnv::init();
    // TestEnv clears the environment: no USER, LOGNAME or USERNAME.
    let run = Run::from_output(
        env.cmd()
            .env_remove("APIKEY_ACTOR")
            .args(["client", "add", "c", "--no-key"])
            .output()
            .expect("run"),
    );
    run.code(0);
    let events = env.json(&["audit", "--target", "c"]);
    let expected = whoami::username().expect("the test's user has a name");
    assert_eq!(events[0]["actor"], expected.as_str(), "{events}");
}

#[test]
fn man_out_dir_writes_man1_so_that_manpath_finds_the_pages() {
    let env = TestEnv::new();
    let dir = env.dir().join("share-man");
    let out = env.json(&["man", "--out-dir", dir.to_str().expect("utf-8")]);
    let pages: Vec<_> = std::fs::read_dir(dir.join("man1"))
        .expect("man1")
        .filter_map(|e| e.ok())
        .collect();
    assert_eq!(out["pages"], pages.len(), "{out}");
    assert!(dir.join("man1/apikey-key-verify.1").is_file());
    // `man -w` resolves a page through MANPATH, where man-db is installed.
    let found = std::process::Command::new("man")
        .args(["-w", "apikey-key-verify"])
        .env("MANPATH", &dir)
        .output();
    match found {
        Ok(found) if found.status.success() => {
            let path = String::from_utf8_lossy(&found.stdout);
            assert!(
                path.trim_end().ends_with("man1/apikey-key-verify.1"),
                "{path}"
            );
        }
        _ => eprintln!("skipping the man -w check: man is not installed"),
    }
}

#[test]
fn quiet_lists_print_one_identifier_per_line_and_nothing_when_empty() {
    let env = TestEnv::init();
    let empty = env.run(&["-q", "user", "list"]);
    empty.code(0);
    assert_eq!(empty.stdout, "", "{empty:?}");
    env.add_client("alpha");
    env.add_client("beta");
    let clients = env.run(&["-q", "client", "list"]);
    clients.code(0);
    assert_eq!(clients.stdout, "alpha\nbeta\n", "{clients:?}");
    let keys = env.run(&["-q", "key", "list"]);
    keys.code(0);
    let ids: Vec<&str> = keys.stdout.lines().collect();
    assert_eq!(ids.len(), 2, "{keys:?}");
    assert!(ids.iter().all(|id| id.len() == 12), "{keys:?}");
    let roles = env.run(&["-q", "role", "list"]);
    roles.code(0);
    assert_eq!(roles.stdout, "", "{roles:?}");
}

/// Runs `apikey ARGS` under a pseudo-terminal of `columns` columns (util-linux's
/// `script`), returning what the terminal showed; `None` where `script` is missing.
fn on_terminal(env: &TestEnv, columns: u16, args: &str) -> Option<String> {
    let bin = crate::common::bin();
    let out = std::process::Command::new("script")
        .args(["-qec", &format!("{} {args}", bin.display()), "/dev/null"])
        .env("APIKEY_DB", env.store())
        .env("APIKEY_ACTOR", "tester")
        .env("COLUMNS", columns.to_string())
        .env("NO_COLOR", "1")
        .env("TERM", "xterm")
        .output();
    match out {
        Ok(out) if out.status.success() => {
            Some(String::from_utf8_lossy(&out.stdout).replace('\r', ""))
        }
        _ => {
            assert!(
                std::env::var_os("CI").is_none(),
                "script (util-linux) is missing"
            );
            eprintln!("skipping: util-linux's script is not available");
            None
        }
    }
}

#[test]
fn narrow_terminals_hide_columns_instead_of_wrapping_ids_and_times() {
    let env = TestEnv::init();
    env.run(&[
        "client",
        "add",
        "bpjs-sync",
        "--description",
        "BPJS data synchronisation for the province",
    ])
    .code(0);
    let (id, _) = env.create_key(
        "bpjs-sync",
        &[
            "--label",
            "production server in the capital",
            "--expires-in",
            "90d",
        ],
    );
    let Some(narrow) = on_terminal(&env, 40, "key list") else {
        return;
    };
    for line in narrow.lines() {
        assert!(
            line.chars().count() <= 40,
            "wider than 40 columns: {line:?}\n{narrow}"
        );
    }
    assert!(narrow.contains(&id), "the key id is cut: {narrow}");
    let wide = on_terminal(&env, 40, "--wide key list").expect("script ran before");
    assert!(wide.contains("EXPIRES AT"), "{wide}");
    let stamp = wide
        .lines()
        .find(|l| l.contains(&id))
        .expect("the key's row");
    assert!(
        stamp.contains("T") && stamp.contains("Z"),
        "times are whole: {stamp}"
    );
}

#[test]
fn no_headers_leaves_out_the_header_row_in_tables_and_csv() {
    let env = TestEnv::init();
    env.add_client("alpha");
    let table = env.run(&["--no-headers", "client", "list"]);
    table.code(0);
    assert!(table.stdout.starts_with("alpha"), "{table:?}");
    let csv = env.run(&["--no-headers", "--format", "csv", "client", "list"]);
    csv.code(0);
    assert!(csv.stdout.starts_with("alpha,"), "{csv:?}");
}

#[test]
fn usage_errors_keep_clap_whole_message_in_text_and_json() {
    let env = TestEnv::init();
    let run = env.run(&["key", "create"]);
    run.code(2);
    assert!(run.stderr.contains("--client <NAME>"), "{run:?}");
    assert!(run.stderr.contains("Usage: apikey key create"), "{run:?}");
    let typo = env.run(&["key", "verfy"]);
    typo.code(2);
    assert!(typo.stderr.contains("'verify'"), "{typo:?}");
    let json = env.run(&["--json", "key", "create"]);
    json.code(2);
    let body = json.stderr_json();
    assert_eq!(body["error"]["code"], "invalid_input");
    let message = body["error"]["message"].as_str().expect("message");
    assert!(
        message.contains("--client <NAME>") && message.contains("Usage:"),
        "{message}"
    );
}

#[test]
fn a_key_given_by_mistake_as_an_argument_is_not_echoed() {
    let env = TestEnv::init();
    let secret = env.add_client("c");
    for args in [
        vec!["key", "verify", secret.as_str()],
        vec!["--json", "key", "verify", secret.as_str()],
    ] {
        let run = env.run(&args);
        run.code(2);
        assert!(!run.stderr.contains(&secret), "{run:?}");
        assert!(run.stderr.contains("[redacted key]"), "{run:?}");
    }
}

#[test]
fn every_list_takes_limit_and_sort() {
    let env = TestEnv::init();
    for (name, rank) in [("charlie", "10"), ("alpha", "9"), ("bravo", "11")] {
        env.run(&["client", "add", name, "--no-key", "--description", rank])
            .code(0);
    }
    let names = |args: &[&str]| -> Vec<String> {
        env.json(args)
            .as_array()
            .expect("a list")
            .iter()
            .map(|c| c["name"].as_str().expect("name").to_owned())
            .collect()
    };
    assert_eq!(
        names(&["client", "list", "--limit", "2"]),
        ["alpha", "bravo"]
    );
    // Numbers sort as numbers: 9 < 10 < 11.
    assert_eq!(
        names(&["client", "list", "--sort", "description"]),
        ["alpha", "charlie", "bravo"]
    );
    for name in ["zeta", "eta"] {
        env.run(&["role", "add", name]).code(0);
    }
    let roles = env.run(&["-q", "role", "list", "--sort", "name"]);
    assert_eq!(roles.stdout, "eta\nzeta\n", "{roles:?}");
    env.run(&["client", "list", "--sort", "colour"])
        .code(2)
        .stderr_has("this list's fields are");
    let events = env.json(&["audit", "--limit", "2"]);
    assert_eq!(events.as_array().expect("events").len(), 2);
}
