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
