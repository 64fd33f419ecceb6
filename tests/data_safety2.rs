//! Issue 10, "Data safety and security", second half: times, bounded input, allow-list
//! CIDRs, control characters, corrupt columns, logins, the audit anchor, secrets in
//! argv, scan limits and store ownership. Each test here failed on the build before its
//! fix (the corrupt-column test pins behaviour that already held).

use crate::common::TestEnv;
use crate::provision_helpers::{arg, write_file};

// ---------------------------------------------------------------------------------------
// item 6: times are never silently changed
// ---------------------------------------------------------------------------------------

#[test]
fn expires_at_refuses_times_without_an_offset_or_with_an_impossible_one() {
    let env = TestEnv::init();
    env.add_client("bpjs-sync");
    for (text, why) in [
        ("2099-01-01T15:30:00", "has no offset"),
        ("2099-01-01T15:30:00+25:00", "beyond ±23:59"),
        ("2099-01-01T15:30:00+0700", "has no offset"),
        ("9999-12-31T23:59:59Z", "outside the supported range"),
    ] {
        env.rejects(
            &[
                "key",
                "create",
                "--client",
                "bpjs-sync",
                "--expires-at",
                text,
            ],
            2,
            why,
        )
        .stderr_has("RFC 3339 with an offset")
        .stderr_has("2027-01-31");
    }
    env.rejects(
        &["audit", "--since", "2099-01-01T15:30:00"],
        2,
        "has no offset",
    );
}

#[test]
fn expires_at_accepts_offsets_z_and_plain_dates_exactly() {
    let env = TestEnv::init();
    env.add_client("bpjs-sync");
    for (text, expected) in [
        ("2099-01-01T15:30:00Z", "2099-01-01T15:30:00Z"),
        ("2099-01-01T15:30:00+07:00", "2099-01-01T08:30:00Z"),
        ("2099-01-01", "2099-01-01T00:00:00Z"),
    ] {
        let (id, _secret) = env.create_key("bpjs-sync", &["--expires-at", text]);
        let at = env.key_column(&id, "expires_at").expect("expiry");
        let parsed: jiff::Timestamp = expected.parse().unwrap();
        assert_eq!(at, parsed.as_second(), "{text}");
    }
}

// ---------------------------------------------------------------------------------------
// item 5: bounded input
// ---------------------------------------------------------------------------------------

#[test]
fn prune_with_an_empty_declaration_needs_allow_empty() {
    let env = TestEnv::init();
    env.add_client("bpjs-sync");
    for (name, text) in [
        ("empty.toml", ""),
        ("blank.toml", "\n# nothing yet\n"),
        ("empty.json", "{}"),
        ("lists.json", r#"{"clients": [], "users": []}"#),
    ] {
        let file = write_file(&env, name, text);
        for extra in [&[][..], &["--dry-run"][..]] {
            let mut args = vec!["apply", arg(&file), "--prune", "--yes"];
            args.extend_from_slice(extra);
            env.rejects(&args, 2, "declares nothing")
                .stderr_has("--allow-empty");
        }
        // Without --prune an empty file changes nothing and is fine.
        env.run(&["apply", arg(&file)]).code(0);
    }
    assert_eq!(env.json(&["client", "list"]).as_array().unwrap().len(), 1);
    let file = write_file(&env, "empty.json", "{}");
    env.run(&["apply", arg(&file), "--prune", "--allow-empty", "--yes"])
        .code(0);
    assert_eq!(env.json(&["client", "list"]).as_array().unwrap().len(), 0);
    // --allow-empty means nothing without --prune.
    env.rejects(&["apply", arg(&file), "--allow-empty"], 2, "--prune");
}

#[test]
fn key_group_counts_are_bounded() {
    let env = TestEnv::init();
    let one_group = write_file(
        &env,
        "huge.toml",
        "[[clients]]\nname = \"c\"\nkeys = [{ label = \"x\", count = 4294967295 }]\n",
    );
    env.rejects(&["apply", arg(&one_group)], 2, "clients[c].keys[0]")
        .stderr_has("at most 1000000");
    env.rejects(&["diff", arg(&one_group)], 2, "at most 1000000");
    let groups: String = (0..3)
        .map(|i| format!("{{ label = \"g{i}\", count = 400000 }}, "))
        .collect();
    let in_all = write_file(
        &env,
        "in-all.toml",
        &format!("[[clients]]\nname = \"c\"\nkeys = [{groups}]\n"),
    );
    env.rejects(
        &["apply", arg(&in_all), "--dry-run"],
        2,
        "more than 1000000 keys in all",
    );
}

// ---------------------------------------------------------------------------------------
// item 13: allow-list blocks with host bits
// ---------------------------------------------------------------------------------------

#[test]
fn allow_ip_blocks_with_host_bits_are_refused_naming_the_block() {
    let env = TestEnv::init();
    env.add_client("bpjs-sync");
    let create = |ip: &str| -> Vec<String> {
        ["key", "create", "--client", "bpjs-sync", "--allow-ip", ip]
            .map(str::to_owned)
            .to_vec()
    };
    for (ip, block) in [
        ("10.0.0.1/8", "10.0.0.0/8"),
        ("192.168.1.77/24", "192.168.1.0/24"),
        ("2001:db8::1/32", "2001:db8::/32"),
    ] {
        let args = create(ip);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        env.rejects(&args, 2, "host bits").stderr_has(block);
    }
    let file = write_file(
        &env,
        "hosts.toml",
        "[[clients]]\nname = \"c\"\nkeys = [{ allowed_ips = [\"10.0.0.1/8\"] }]\n",
    );
    env.rejects(&["apply", arg(&file)], 2, "10.0.0.0/8");
    // Canonical blocks, single addresses and IPv4-mapped entries still work; a mapped
    // entry is stored as the IPv4 block it stands for.
    let (id, _secret) = env.create_key(
        "bpjs-sync",
        &[
            "--allow-ip",
            "10.0.0.0/8",
            "--allow-ip",
            "192.168.1.5",
            "--allow-ip",
            "::ffff:172.16.0.0/108",
        ],
    );
    let shown = env.json(&["key", "show", &id]);
    assert_eq!(
        shown["allowed_ips"],
        serde_json::json!(["10.0.0.0/8", "192.168.1.5/32", "172.16.0.0/12"])
    );
}

// ---------------------------------------------------------------------------------------
// item 14: control characters never reach the terminal
// ---------------------------------------------------------------------------------------

const HOSTILE: &str = "evil\u{1b}[2J\u{1b}]0;owned\u{7}\nline\u{202e}txt";

/// Asserts `text` holds no raw control character (newlines between lines aside) and no
/// bidirectional override, and that the hostile text shows escaped.
#[track_caller]
fn escaped(text: &str) {
    assert!(
        !text
            .chars()
            .any(|c| (c.is_control() && c != '\n') || c == '\u{202e}'),
        "raw control characters in output: {text:?}"
    );
    assert!(
        text.contains(r"evil\u{1b}[2J\u{1b}]0;owned\u{7}\nline\u{202e}txt"),
        "hostile text not shown escaped: {text:?}"
    );
}

#[test]
fn stored_control_characters_are_escaped_in_every_table_and_record() {
    let env = TestEnv::init();
    env.add_client("bpjs-sync");
    let (id, _secret) = env.create_key("bpjs-sync", &["--label", "prod"]);
    env.run(&["key", "revoke", &id, "--reason", "rotated", "--yes"])
        .code(0);
    // Text that validation would refuse, planted directly (an old or hostile store).
    env.exec_sql("UPDATE clients SET description = ?1", &[&HOSTILE]);
    env.exec_sql(
        "UPDATE api_keys SET label = ?1, revoked_reason = ?1",
        &[&HOSTILE],
    );
    for args in [
        &["client", "show", "bpjs-sync"][..],
        &["client", "list"],
        &["--format", "csv", "client", "list"],
        &["key", "show", &id],
        &["key", "list"],
        &["--format", "csv", "key", "list"],
        &["--format", "csv", "key", "show", &id],
    ] {
        let run = env.run(args);
        run.code(0);
        escaped(&run.stdout);
    }
    // JSON keeps the data exact, escaped the JSON way.
    let run = env.run(&["--json", "key", "show", &id]);
    run.code(0);
    assert!(!run.stdout.contains('\u{1b}'), "{:?}", run.stdout);
    assert_eq!(run.json()["revoked_reason"], HOSTILE);
}

#[test]
fn control_characters_are_refused_in_stored_free_text() {
    let env = TestEnv::init();
    env.add_client("bpjs-sync");
    let (id, _secret) = env.create_key("bpjs-sync", &[]);
    let bad = "a\u{1b}[31mb";
    for args in [
        vec!["key", "revoke", &id, "--reason", bad, "--yes"],
        vec!["key", "create", "--client", "bpjs-sync", "--label", bad],
        vec!["client", "update", "bpjs-sync", "--description", bad],
        vec!["client", "add", bad],
        vec!["permission", "add", "x:read", "--description", bad],
        vec!["role", "add", "r", "--description", bad],
        vec!["--actor", bad, "client", "add", "other"],
    ] {
        env.rejects(&args, 2, "").stderr_has("\\u{1b}");
    }
}

#[test]
fn scan_escapes_file_names_and_revokes_with_an_escaped_reason() {
    let env = TestEnv::init();
    let secret = env.add_client("bpjs-sync");
    let dir = env.dir().join("tree");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join(HOSTILE), format!("TOKEN={secret}\n")).unwrap();
    let run = env.run(&["scan", dir.to_str().unwrap()]);
    run.code(5);
    escaped(&run.stdout);
    let run = env.run(&["scan", dir.to_str().unwrap(), "--revoke", "--yes"]);
    run.code(5);
    escaped(&run.stdout);
    let keys = env.json(&["key", "list"]);
    let reason = keys[0]["revoked_reason"].as_str().unwrap().to_owned();
    assert!(
        reason.starts_with("leaked: found by apikey scan in"),
        "{reason}"
    );
    escaped(&reason);
}

// ---------------------------------------------------------------------------------------
// item 12: corrupt columns fail closed
// ---------------------------------------------------------------------------------------

#[test]
fn a_key_whose_stored_json_columns_do_not_parse_never_verifies() {
    for (column, value) in [
        ("allowed_ips", "[10.0"),
        ("allowed_ips", "{\"10.0.0.0/8\": true}"),
        ("allowed_ips", "null"),
        ("allowed_ips", ""),
        ("metadata", "{env"),
        ("metadata", "[\"env\"]"),
    ] {
        let env = TestEnv::init();
        env.add_client("bpjs-sync");
        let (id, secret) = env.create_key("bpjs-sync", &["--allow-ip", "10.0.0.0/8"]);
        let n = env.exec_sql(
            &format!("UPDATE api_keys SET {column} = ?1 WHERE id = ?2"),
            &[&value, &id],
        );
        assert_eq!(n, 1);
        for json in [false, true] {
            let mut args = vec!["key", "verify", "--ip", "192.0.2.1"];
            if json {
                args.insert(0, "--json");
            }
            let run = env.run_stdin(&args, &format!("{secret}\n"));
            assert_eq!(run.code, 1, "{column}={value:?}: {run:#?}");
            assert!(!run.stdout.contains("VALID"), "{run:#?}");
            assert!(
                run.stderr.contains(&id) && run.stderr.contains(column),
                "the error names neither the key nor the column: {run:#?}"
            );
            assert!(!run.stderr.contains(&secret), "{run:#?}");
        }
    }
}

// ---------------------------------------------------------------------------------------
// item 16: logins
// ---------------------------------------------------------------------------------------

mod logins {
    use crate::access_support::{AccessEnv, PASSWORD};
    use crate::common::TestEnv;

    const EMAIL: &str = "ops@example.org";
    const WRONG: &str = "not the right password";

    fn with_user() -> TestEnv {
        let env = TestEnv::init();
        env.add_user(EMAIL, &[]);
        env
    }

    /// The `user.login_failed` events, as (target, reason).
    fn failures(env: &TestEnv) -> Vec<(String, String)> {
        env.audit_events()
            .iter()
            .filter(|e| e["action"] == "user.login_failed")
            .map(|e| {
                (
                    e["target"].as_str().unwrap().to_owned(),
                    e["details"]["reason"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    }

    #[test]
    fn failed_logins_are_audited_without_the_password() {
        let env = with_user();
        env.verify_user(EMAIL, WRONG).code(5);
        env.verify_user("nobody@example.org", WRONG).code(5);
        let run = env.verify_user(EMAIL, PASSWORD);
        run.code(0);
        assert_eq!(
            failures(&env),
            [
                (EMAIL.to_owned(), "wrong_password".to_owned()),
                ("nobody@example.org".to_owned(), "unknown_email".to_owned())
            ]
        );
        let dump = env.dump();
        assert!(!dump.contains(WRONG), "the password reached the store");
        env.run(&["audit", "verify"]).code(0);
    }

    #[test]
    fn five_failures_lock_the_email_for_fifteen_minutes() {
        let env = with_user();
        for _ in 0..5 {
            let run = env.verify_user(EMAIL, WRONG);
            run.code(5);
            assert_eq!(run.json()["result"], "INVALID_CREDENTIALS");
        }
        // Now even the right password is refused, as LOCKED, and that is audited too.
        let run = env.verify_user(EMAIL, PASSWORD);
        run.code(5);
        assert_eq!(run.json()["result"], "LOCKED", "{run:#?}");
        assert_eq!(run.json()["valid"], false);
        assert_eq!(failures(&env).last().unwrap().1, "locked");
        // Unknown emails lock the same way (the answers do not tell them apart).
        for _ in 0..5 {
            env.verify_user("ghost@example.org", WRONG).code(5);
        }
        assert_eq!(
            env.verify_user("ghost@example.org", WRONG).json()["result"],
            "LOCKED"
        );
        // Another email is not affected.
        let other = "dev@example.org";
        env.add_user(other, &[]);
        env.verify_user(other, PASSWORD).code(0);
        // Sixteen minutes later (the events moved back in time): unlocked.
        env.exec_sql(
            "UPDATE audit_events SET at = at - 16 * 60 WHERE action = 'user.login_failed'",
            &[],
        );
        let run = env.verify_user(EMAIL, PASSWORD);
        run.code(0);
        assert_eq!(run.json()["result"], "VALID");
    }

    #[test]
    fn failures_spread_over_more_than_the_window_do_not_lock() {
        let env = with_user();
        for _ in 0..4 {
            env.verify_user(EMAIL, WRONG).code(5);
        }
        // The four are 20 minutes old: one more failure makes five, but not in 15 minutes.
        env.exec_sql(
            "UPDATE audit_events SET at = at - 20 * 60 WHERE action = 'user.login_failed'",
            &[],
        );
        env.verify_user(EMAIL, WRONG).code(5);
        env.verify_user(EMAIL, PASSWORD).code(0);
    }

    #[test]
    fn a_stored_hash_outside_the_parameter_policy_is_not_run() {
        let env = with_user();
        let planted = "$argon2id$v=19$m=19456,t=4294967295,p=1$YXBpa2V5LWR1bW15LXNhbHQ$\
                       AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        env.exec_sql("UPDATE users SET password_hash = ?1", &[&planted]);
        let started = std::time::Instant::now();
        let run = env.verify_user(EMAIL, PASSWORD);
        assert!(started.elapsed().as_secs() < 20, "the planted hash ran");
        run.code(1);
        run.stderr_has("outside the policy")
            .stderr_has("t=4294967295")
            .stderr_has("user passwd");
    }

    #[test]
    fn a_successful_login_rehashes_a_hash_made_with_older_parameters() {
        let env = with_user();
        // PASSWORD hashed with m=8192, t=1 (weaker than today's defaults).
        let weak = "$argon2id$v=19$m=8192,t=1,p=1$ErR2Vc4GVzJ7lfPprQyz7A$\
                    rWjwnf67LTMI3QPocYVMSWFjyQ9BvumXp/8ZijW2Y1o";
        env.exec_sql("UPDATE users SET password_hash = ?1", &[&weak]);
        env.verify_user(EMAIL, PASSWORD).code(0);
        let stored: String = env
            .query_text("SELECT password_hash FROM users", &[])
            .unwrap();
        assert_ne!(stored, weak);
        assert!(stored.contains("m=19456,t=2,p=1"), "{stored}");
        env.verify_user(EMAIL, PASSWORD).code(0);
        env.verify_user(EMAIL, WRONG).code(5);
    }
}
