//! `apikey permission ...`, `apikey role ...`, client roles and `key verify --permission`.

use serde_json::json;

use crate::access_support::{AccessEnv, names, strings};
use crate::common::TestEnv;

// ---------------------------------------------------------------------------------------
// Permissions
// ---------------------------------------------------------------------------------------

#[test]
fn permission_add_prints_the_new_permission_as_text_and_json() {
    let env = TestEnv::init();
    env.run(&["permission", "add", "bpjs:read", "-d", "Read BPJS data"])
        .code(0)
        .stdout_has("Added permission 'bpjs:read'")
        .stdout_has("Read BPJS data");

    let out = env.json(&[
        "permission",
        "add",
        "users:read",
        "--description",
        "Read users",
    ]);
    assert_eq!(out["name"], "users:read");
    assert_eq!(out["description"], "Read users");
    assert_eq!(out["roles"], json!([]));
    assert!(out["created_at"].is_string());
}

#[test]
fn permission_list_shows_every_permission_in_text_json_and_csv() {
    let env = TestEnv::init();
    env.add_permissions(&["users:read", "bpjs:read"]);

    let text = env.run(&["permission", "list"]);
    text.code(0)
        .stdout_has("NAME")
        .stdout_has("bpjs:read")
        .stdout_has("users:read");

    let list = env.json(&["permission", "list"]);
    assert_eq!(names(&list, "name"), ["bpjs:read", "users:read"]);

    let csv = env.run(&["--format", "csv", "permission", "list"]);
    csv.code(0);
    let lines: Vec<&str> = csv.stdout.lines().collect();
    assert_eq!(lines[0], "name,description,roles,created_at");
    assert_eq!(lines.len(), 3, "{}", csv.stdout);
    assert!(lines[1].starts_with("bpjs:read,"), "{}", csv.stdout);
    assert!(lines[2].starts_with("users:read,"), "{}", csv.stdout);
}

#[test]
fn permission_show_names_the_roles_that_cover_it_exactly_or_by_wildcard() {
    let env = TestEnv::init();
    env.run(&["permission", "add", "bpjs:read", "-d", "Read BPJS data"])
        .code(0);
    env.add_permissions(&["users:read"]);
    env.add_role("reader", &["bpjs:read"]);
    env.add_role("bpjs-all", &["bpjs:*"]);
    env.add_role("admin", &["*", "bpjs:read"]);

    let out = env.json(&["permission", "show", "bpjs:read"]);
    assert_eq!(out["name"], "bpjs:read");
    assert_eq!(out["description"], "Read BPJS data");
    assert_eq!(strings(&out["roles"]), ["admin", "bpjs-all", "reader"]);

    let users = env.json(&["permission", "show", "users:read"]);
    assert_eq!(strings(&users["roles"]), ["admin"]);

    env.run(&["permission", "show", "bpjs:read"])
        .code(0)
        .stdout_has("bpjs:read")
        .stdout_has("Read BPJS data")
        .stdout_has("admin, bpjs-all, reader");
}

#[test]
fn permission_remove_with_yes_removes_it() {
    let env = TestEnv::init();
    env.add_permissions(&["bpjs:read", "bpjs:write", "users:read"]);

    env.run(&["permission", "remove", "bpjs:write", "--yes"])
        .code(0)
        .stdout_has("Removed permission 'bpjs:write'");
    let out = env.json(&["permission", "remove", "users:read", "--yes"]);
    assert_eq!(out["removed"], "users:read");
    assert_eq!(out["revoked_from_roles"], json!([]));

    assert_eq!(
        names(&env.json(&["permission", "list"]), "name"),
        ["bpjs:read"]
    );
    env.rejects(&["permission", "show", "users:read"], 3, "users:read");
}

#[test]
fn permission_add_rejects_invalid_names() {
    let env = TestEnv::init();
    for bad in ["bpjs", "BPJS:read", "bpjs:", ":read", "a b:c"] {
        env.rejects(
            &["permission", "add", bad],
            2,
            &format!("invalid permission '{bad}'"),
        );
    }
}

#[test]
fn permission_add_rejects_a_part_longer_than_64_characters() {
    let env = TestEnv::init();
    let long = format!("{}:read", "x".repeat(65));
    env.rejects(&["permission", "add", &long], 2, "invalid permission");
    let ok = format!("{}:read", "x".repeat(64));
    env.run(&["permission", "add", &ok]).code(0);
}

#[test]
fn a_store_is_not_left_behind_by_a_rejected_first_command() {
    // Every command is one transaction: one that fails on a path without a store must
    // not leave a new (empty) store there.
    let env = TestEnv::new();
    for args in [
        &["permission", "add", "BPJS"][..],
        &["role", "add", "reader", "-p", "bpjs:read"],
        &["client", "add", "bpjs-sync", "--role", "reader"],
        &[
            "user",
            "add",
            "ops@example.org",
            "--no-password",
            "--role",
            "reader",
        ],
    ] {
        let run = env.run(args);
        assert!(matches!(run.code, 2 | 3), "{run:#?}");
        assert!(
            !env.store_exists(),
            "the rejected {args:?} created a store at {}",
            env.store_display()
        );
    }
}

#[test]
fn permission_add_rejects_a_wildcard_name() {
    let env = TestEnv::init();
    env.rejects(&["permission", "add", "bpjs:*"], 2, "wildcard");
    env.rejects(&["permission", "add", "*"], 2, "wildcard");
}

#[test]
fn permission_add_rejects_a_duplicate() {
    let env = TestEnv::init();
    env.add_permissions(&["bpjs:read"]);
    env.rejects(&["permission", "add", "bpjs:read"], 4, "already exists");
}

#[test]
fn permission_show_and_remove_of_an_unknown_permission_fail_with_not_found() {
    let env = TestEnv::init();
    env.add_permissions(&["bpjs:read"]);
    env.rejects(
        &["permission", "show", "bpjs:raed"],
        3,
        "did you mean 'bpjs:read'",
    );
    env.rejects(
        &["permission", "remove", "users:read", "--yes"],
        3,
        "unknown permission 'users:read'",
    );
}

#[test]
fn permission_remove_refuses_a_permission_a_role_grants_unless_forced() {
    let env = TestEnv::init();
    env.add_permissions(&["bpjs:read", "users:read"]);
    env.add_role("reader", &["bpjs:read", "users:read"]);

    env.rejects(&["permission", "remove", "bpjs:read", "--yes"], 4, "reader");
    env.rejects(
        &["permission", "remove", "bpjs:read", "--yes"],
        4,
        "--force",
    );

    let out = env.json(&["permission", "remove", "bpjs:read", "--force", "--yes"]);
    assert_eq!(out["removed"], "bpjs:read");
    assert_eq!(strings(&out["revoked_from_roles"]), ["reader"]);

    let role = env.json(&["role", "show", "reader"]);
    assert_eq!(strings(&role["permissions"]), ["users:read"]);
    assert_eq!(
        names(&env.json(&["permission", "list"]), "name"),
        ["users:read"]
    );
}

#[test]
fn permission_remove_without_yes_and_no_terminal_fails_mentioning_yes() {
    let env = TestEnv::init();
    env.add_permissions(&["bpjs:read"]);
    env.rejects(&["permission", "remove", "bpjs:read"], 2, "--yes");
}

// ---------------------------------------------------------------------------------------
// Roles
// ---------------------------------------------------------------------------------------

#[test]
fn role_add_with_repeated_permissions_prints_the_role_as_text_and_json() {
    let env = TestEnv::init();
    env.add_permissions(&["bpjs:read", "users:read"]);

    env.run(&[
        "role",
        "add",
        "integration",
        "-d",
        "Data integrations",
        "-p",
        "bpjs:read",
        "-p",
        "users:read",
    ])
    .code(0)
    .stdout_has("Added role 'integration'")
    .stdout_has("Data integrations")
    .stdout_has("bpjs:read, users:read");

    let out = env.json(&[
        "role",
        "add",
        "auditor",
        "--permission",
        "bpjs:*",
        "--permission",
        "users:read",
    ]);
    assert_eq!(out["name"], "auditor");
    assert_eq!(strings(&out["permissions"]), ["bpjs:*", "users:read"]);
    assert_eq!(out["clients"], json!([]));
    assert_eq!(out["users"], json!([]));
}

#[test]
fn role_list_shows_every_role_in_text_json_and_csv() {
    let env = TestEnv::init();
    env.add_permissions(&["bpjs:read"]);
    env.add_role("reader", &["bpjs:read"]);
    env.add_role("admin", &["*"]);

    env.run(&["role", "list"])
        .code(0)
        .stdout_has("NAME")
        .stdout_has("PERMISSIONS")
        .stdout_has("reader")
        .stdout_has("admin");

    let list = env.json(&["role", "list"]);
    assert_eq!(names(&list, "name"), ["admin", "reader"]);
    assert_eq!(strings(&list[0]["permissions"]), ["*"]);
    assert_eq!(strings(&list[1]["permissions"]), ["bpjs:read"]);

    let csv = env.run(&["--format", "csv", "role", "list"]);
    csv.code(0);
    let lines: Vec<&str> = csv.stdout.lines().collect();
    assert_eq!(
        lines[0],
        "name,description,permissions,clients,users,created_at"
    );
    assert_eq!(lines.len(), 3, "{}", csv.stdout);
    assert!(lines[1].starts_with("admin,"), "{}", csv.stdout);
    assert!(lines[2].starts_with("reader,"), "{}", csv.stdout);
}

#[test]
fn role_show_lists_its_permissions_clients_and_users() {
    let env = TestEnv::init();
    env.add_permissions(&["bpjs:read", "users:read"]);
    env.add_role("integration", &["bpjs:read", "users:*"]);
    env.run(&[
        "client",
        "add",
        "bpjs-sync",
        "--no-key",
        "--role",
        "integration",
    ])
    .code(0);
    env.run(&[
        "user",
        "add",
        "ops@example.org",
        "--no-password",
        "--role",
        "integration",
    ])
    .code(0);

    let out = env.json(&["role", "show", "integration"]);
    assert_eq!(out["name"], "integration");
    assert_eq!(strings(&out["permissions"]), ["bpjs:read", "users:*"]);
    assert_eq!(strings(&out["clients"]), ["bpjs-sync"]);
    assert_eq!(strings(&out["users"]), ["ops@example.org"]);

    let text = env.run(&["role", "show", "integration"]);
    text.code(0)
        .stdout_has("bpjs:read, users:*")
        .stdout_has("bpjs-sync")
        .stdout_has("ops@example.org");
}

#[test]
fn role_grant_and_revoke_change_its_permissions() {
    let env = TestEnv::init();
    env.add_permissions(&["bpjs:read", "bpjs:write", "users:read"]);
    env.add_role("integration", &[]);

    env.run(&["role", "grant", "integration", "bpjs:read", "bpjs:write"])
        .code(0)
        .stdout_has("Granted bpjs:read, bpjs:write to role 'integration'");
    let out = env.json(&["role", "grant", "integration", "users:*"]);
    assert_eq!(
        strings(&out["permissions"]),
        ["bpjs:read", "bpjs:write", "users:*"]
    );

    env.run(&["role", "revoke", "integration", "bpjs:write"])
        .code(0)
        .stdout_has("Revoked bpjs:write from role 'integration'");
    let out = env.json(&["role", "revoke", "integration", "users:*"]);
    assert_eq!(strings(&out["permissions"]), ["bpjs:read"]);
}

#[test]
fn role_grant_of_a_permission_it_already_has_changes_nothing() {
    let env = TestEnv::init();
    env.add_permissions(&["bpjs:read"]);
    env.add_role("reader", &["bpjs:read"]);
    let before = env.dump();
    env.run(&["role", "grant", "reader", "bpjs:read"])
        .code(0)
        .stdout_has("already grants");
    assert_eq!(before, env.dump(), "a no-op grant changed the store");
}

#[test]
fn role_revoke_of_a_permission_it_does_not_grant_fails() {
    let env = TestEnv::init();
    env.add_permissions(&["bpjs:read", "users:read"]);
    env.add_role("reader", &["bpjs:read"]);
    env.rejects(
        &["role", "revoke", "reader", "users:read"],
        3,
        "does not grant users:read",
    );
}

#[test]
fn role_remove_with_yes_removes_an_unused_role() {
    let env = TestEnv::init();
    env.add_role("unused", &[]);
    env.add_role("old", &[]);
    env.run(&["role", "remove", "unused", "--yes"])
        .code(0)
        .stdout_has("Removed role 'unused'");
    let out = env.json(&["role", "remove", "old", "--yes"]);
    assert_eq!(out["removed"], "old");
    assert_eq!(env.json(&["role", "list"]), json!([]));
}

#[test]
fn role_remove_refuses_a_role_held_by_a_client_or_user_unless_forced() {
    let env = TestEnv::init();
    env.add_role("integration", &["*"]);
    env.run(&[
        "client",
        "add",
        "bpjs-sync",
        "--no-key",
        "--role",
        "integration",
    ])
    .code(0);
    env.run(&[
        "user",
        "add",
        "ops@example.org",
        "--no-password",
        "--role",
        "integration",
    ])
    .code(0);

    let run = env.rejects(&["role", "remove", "integration", "--yes"], 4, "--force");
    run.stderr_has("bpjs-sync").stderr_has("ops@example.org");

    let out = env.json(&["role", "remove", "integration", "--force", "--yes"]);
    assert_eq!(out["removed"], "integration");
    assert_eq!(strings(&out["taken_from_clients"]), ["bpjs-sync"]);
    assert_eq!(strings(&out["taken_from_users"]), ["ops@example.org"]);

    assert_eq!(
        env.json(&["client", "show", "bpjs-sync"])["roles"],
        json!([])
    );
    assert_eq!(
        env.json(&["user", "show", "ops@example.org"])["roles"],
        json!([])
    );
}

#[test]
fn role_remove_refuses_a_role_held_only_by_a_client() {
    let env = TestEnv::init();
    env.add_role("integration", &[]);
    env.run(&[
        "client",
        "add",
        "bpjs-sync",
        "--no-key",
        "--role",
        "integration",
    ])
    .code(0);
    env.rejects(
        &["role", "remove", "integration", "--yes"],
        4,
        "client bpjs-sync",
    );
}

#[test]
fn role_remove_without_yes_and_no_terminal_fails_mentioning_yes() {
    let env = TestEnv::init();
    env.add_role("unused", &[]);
    env.rejects(&["role", "remove", "unused"], 2, "--yes");
}

#[test]
fn role_add_rejects_a_duplicate_name_in_any_case() {
    let env = TestEnv::init();
    env.add_role("integration", &[]);
    env.rejects(&["role", "add", "integration"], 4, "already exists");
    env.rejects(&["role", "add", "Integration"], 4, "already exists");
}

#[test]
fn role_add_rejects_an_invalid_name() {
    let env = TestEnv::init();
    env.rejects(&["role", "add", "bad role"], 2, "role name");
}

#[test]
fn unknown_role_is_not_found_in_every_role_command() {
    let env = TestEnv::init();
    env.add_permissions(&["bpjs:read"]);
    env.add_role("reader", &["bpjs:read"]);
    for args in [
        &["role", "show", "nope"][..],
        &["role", "grant", "nope", "bpjs:read"],
        &["role", "revoke", "nope", "bpjs:read"],
        &["role", "remove", "nope", "--yes"],
        &["role", "remove", "nope"],
    ] {
        env.rejects(args, 3, "unknown role 'nope'");
    }
}

#[test]
fn unknown_role_is_not_found_when_given_to_a_client_or_user() {
    let env = TestEnv::init();
    env.add_role("reader", &[]);
    env.run(&["client", "add", "bpjs-sync", "--no-key"]).code(0);
    env.run(&["user", "add", "ops@example.org", "--no-password"])
        .code(0);
    for args in [
        &["client", "add", "other", "--role", "nope"][..],
        &[
            "client", "add", "other", "--role", "reader", "--role", "nope",
        ],
        &["client", "grant", "bpjs-sync", "--role", "nope"],
        &[
            "client",
            "grant",
            "bpjs-sync",
            "--role",
            "reader",
            "--role",
            "nope",
        ],
        &["client", "revoke", "bpjs-sync", "--role", "nope"],
        &[
            "user",
            "add",
            "new@example.org",
            "--no-password",
            "--role",
            "nope",
        ],
        &["user", "grant", "ops@example.org", "--role", "nope"],
        &["user", "revoke", "ops@example.org", "--role", "nope"],
    ] {
        env.rejects(args, 3, "unknown role 'nope'");
    }
}

#[test]
fn an_unknown_role_suggests_the_closest_name() {
    let env = TestEnv::init();
    env.add_role("integration", &[]);
    env.rejects(
        &["role", "show", "integraton"],
        3,
        "did you mean 'integration'",
    );
}

#[test]
fn role_grant_of_an_unknown_permission_suggests_the_closest_name() {
    let env = TestEnv::init();
    env.add_permissions(&["bpjs:read", "users:read"]);
    env.add_role("reader", &[]);
    env.rejects(
        &["role", "grant", "reader", "bpjs:raed"],
        3,
        "did you mean 'bpjs:read'",
    );
    // One unknown name among known ones: nothing is granted.
    env.rejects(
        &["role", "grant", "reader", "users:read", "bpjs:raed"],
        3,
        "unknown permission 'bpjs:raed'",
    );
}

#[test]
fn role_add_with_an_unknown_permission_adds_nothing() {
    let env = TestEnv::init();
    env.add_permissions(&["bpjs:read"]);
    env.rejects(
        &["role", "add", "reader", "-p", "bpjs:raed"],
        3,
        "did you mean 'bpjs:read'",
    );
}

#[test]
fn invalid_permission_names_are_rejected_in_grants() {
    let env = TestEnv::init();
    env.add_role("reader", &[]);
    for bad in ["bpjs", "BPJS:read", "bpjs:", ":read", "a b:c"] {
        env.rejects(&["role", "grant", "reader", bad], 2, &format!("'{bad}'"));
        env.rejects(&["role", "add", "other", "-p", bad], 2, &format!("'{bad}'"));
    }
}

#[test]
fn bad_grant_patterns_are_rejected() {
    let env = TestEnv::init();
    env.add_permissions(&["bpjs:read"]);
    env.add_role("reader", &[]);
    for bad in ["bp*:read", "bpjs:re*", "*:read", "bpjs*", "**"] {
        env.rejects(&["role", "grant", "reader", bad], 2, "invalid grant");
        env.rejects(&["role", "add", "other", "-p", bad], 2, "invalid grant");
        env.rejects(&["role", "revoke", "reader", bad], 2, "invalid grant");
    }
}

// ---------------------------------------------------------------------------------------
// Client roles
// ---------------------------------------------------------------------------------------

#[test]
fn client_add_with_roles_gives_the_client_those_roles() {
    let env = TestEnv::init();
    env.add_role("reader", &[]);
    env.add_role("writer", &[]);

    env.run(&["client", "add", "bpjs-sync", "--no-key", "--role", "reader"])
        .code(0)
        .stdout_has("reader");
    let out = env.json(&[
        "client",
        "add",
        "reporting",
        "--no-key",
        "-r",
        "reader",
        "-r",
        "writer",
    ]);
    assert_eq!(strings(&out["client"]["roles"]), ["reader", "writer"]);

    let list = env.json(&["client", "list"]);
    assert_eq!(strings(&list[0]["roles"]), ["reader"]);
    assert_eq!(strings(&list[1]["roles"]), ["reader", "writer"]);
    let role = env.json(&["role", "show", "reader"]);
    assert_eq!(strings(&role["clients"]), ["bpjs-sync", "reporting"]);
}

#[test]
fn client_grant_and_revoke_change_its_roles() {
    let env = TestEnv::init();
    env.add_role("reader", &[]);
    env.add_role("writer", &[]);
    env.run(&["client", "add", "bpjs-sync", "--no-key"]).code(0);

    env.run(&["client", "grant", "bpjs-sync", "--role", "reader"])
        .code(0)
        .stdout_has("Roles of client 'bpjs-sync': reader");
    let out = env.json(&["client", "grant", "bpjs-sync", "--role", "writer"]);
    assert_eq!(strings(&out["roles"]), ["reader", "writer"]);

    env.run(&["client", "revoke", "bpjs-sync", "--role", "reader"])
        .code(0)
        .stdout_has("Roles of client 'bpjs-sync': writer");
    let out = env.json(&["client", "revoke", "bpjs-sync", "--role", "writer"]);
    assert_eq!(out["roles"], json!([]));
    assert_eq!(
        env.json(&["client", "show", "bpjs-sync"])["roles"],
        json!([])
    );
}

#[test]
fn client_grant_to_an_unknown_client_is_not_found() {
    let env = TestEnv::init();
    env.add_role("reader", &[]);
    env.rejects(&["client", "grant", "nope", "--role", "reader"], 3, "nope");
    env.rejects(&["client", "revoke", "nope", "--role", "reader"], 3, "nope");
}

// ---------------------------------------------------------------------------------------
// key verify --permission
// ---------------------------------------------------------------------------------------

/// A store with `bpjs:read`, `bpjs:write`, `users:read` defined and client `bpjs-sync`
/// (holding `roles`) with one key, whose secret is returned.
fn client_with_roles(env: &TestEnv, roles: &[(&str, &[&str])]) -> String {
    env.add_permissions(&["bpjs:read", "bpjs:write", "users:read"]);
    let secret = env.add_client("bpjs-sync");
    for (role, patterns) in roles {
        env.add_role(role, patterns);
        env.run(&["client", "grant", "bpjs-sync", "--role", role])
            .code(0);
    }
    secret
}

#[test]
fn key_verify_with_a_granted_permission_is_valid_and_lists_roles_and_permissions() {
    let env = TestEnv::init();
    let secret = client_with_roles(&env, &[("reader", &["bpjs:read"])]);

    let run = env.verify_key(&secret, &["bpjs:read"]);
    run.code(0);
    let out = run.json();
    assert_eq!(out["result"], "VALID");
    assert_eq!(out["valid"], true);
    assert_eq!(out["client"], "bpjs-sync");
    assert_eq!(strings(&out["roles"]), ["reader"]);
    assert_eq!(strings(&out["permissions"]), ["bpjs:read"]);
    assert!(out["missing_permissions"].is_null(), "{out}");

    env.run_stdin(
        &["key", "verify", "--permission", "bpjs:read"],
        &format!("{secret}\n"),
    )
    .code(0)
    .stdout_has("VALID")
    .stdout_has("reader")
    .stdout_has("bpjs:read");
}

#[test]
fn key_verify_with_a_missing_permission_is_insufficient_permissions() {
    let env = TestEnv::init();
    let secret = client_with_roles(&env, &[("reader", &["bpjs:read"])]);

    let before = env.dump();
    let run = env.verify_key(&secret, &["users:read"]);
    run.code(5);
    let out = run.json();
    assert_eq!(out["result"], "INSUFFICIENT_PERMISSIONS");
    assert_eq!(out["valid"], false);
    assert_eq!(strings(&out["missing_permissions"]), ["users:read"]);
    assert_eq!(before, env.dump(), "a refused verify recorded a use");

    env.run_stdin(
        &["key", "verify", "--permission", "users:read"],
        &format!("{secret}\n"),
    )
    .code(5)
    .stdout_has("INSUFFICIENT_PERMISSIONS")
    .stdout_has("users:read");
}

#[test]
fn key_verify_requires_every_permission_asked() {
    let env = TestEnv::init();
    let secret = client_with_roles(&env, &[("reader", &["bpjs:read"])]);

    let run = env.verify_key(&secret, &["bpjs:read", "users:read", "bpjs:write"]);
    run.code(5);
    let out = run.json();
    assert_eq!(out["result"], "INSUFFICIENT_PERMISSIONS");
    assert_eq!(
        strings(&out["missing_permissions"]),
        ["users:read", "bpjs:write"]
    );

    env.run(&["role", "grant", "reader", "users:read", "bpjs:write"])
        .code(0);
    let run = env.verify_key(&secret, &["bpjs:read", "users:read", "bpjs:write"]);
    run.code(0);
    assert_eq!(run.json()["result"], "VALID");
}

#[test]
fn key_verify_permissions_from_several_roles_combine() {
    let env = TestEnv::init();
    let secret = client_with_roles(
        &env,
        &[("reader", &["bpjs:read"]), ("users", &["users:read"])],
    );
    let run = env.verify_key(&secret, &["bpjs:read", "users:read"]);
    run.code(0);
    let out = run.json();
    assert_eq!(strings(&out["roles"]), ["reader", "users"]);
    assert_eq!(strings(&out["permissions"]), ["bpjs:read", "users:read"]);
}

#[test]
fn a_resource_wildcard_covers_that_resource_only() {
    let env = TestEnv::init();
    env.add_permissions(&["bpjsx:read"]);
    let secret = client_with_roles(&env, &[("bpjs-all", &["bpjs:*"])]);

    let run = env.verify_key(&secret, &["bpjs:read", "bpjs:write"]);
    run.code(0);
    // Wildcards are expanded over the defined permissions.
    assert_eq!(
        strings(&run.json()["permissions"]),
        ["bpjs:read", "bpjs:write"]
    );

    let run = env.verify_key(&secret, &["bpjsx:read"]);
    run.code(5);
    assert_eq!(run.json()["result"], "INSUFFICIENT_PERMISSIONS");
    assert_eq!(strings(&run.json()["missing_permissions"]), ["bpjsx:read"]);

    let run = env.verify_key(&secret, &["users:read"]);
    run.code(5);
    assert_eq!(strings(&run.json()["missing_permissions"]), ["users:read"]);
}

#[test]
fn the_star_grant_covers_every_permission() {
    let env = TestEnv::init();
    let secret = client_with_roles(&env, &[("admin", &["*"])]);

    let run = env.verify_key(
        &secret,
        &["bpjs:read", "bpjs:write", "users:read", "anything:else"],
    );
    run.code(0);
    let out = run.json();
    assert_eq!(out["result"], "VALID");
    assert_eq!(
        strings(&out["permissions"]),
        ["bpjs:read", "bpjs:write", "users:read"]
    );
}

#[test]
fn a_client_without_roles_is_refused_any_permission() {
    let env = TestEnv::init();
    let secret = client_with_roles(&env, &[]);

    let run = env.verify_key(&secret, &["bpjs:read"]);
    run.code(5);
    assert_eq!(run.json()["result"], "INSUFFICIENT_PERMISSIONS");

    // Without --permission the key itself is still valid, with no permissions.
    let run = env.verify_key(&secret, &[]);
    run.code(0);
    assert_eq!(run.json()["roles"], json!([]));
    assert_eq!(run.json()["permissions"], json!([]));
}

#[test]
fn a_role_with_no_grants_gives_no_permission() {
    let env = TestEnv::init();
    let secret = client_with_roles(&env, &[("empty", &[])]);
    let run = env.verify_key(&secret, &["bpjs:read"]);
    run.code(5);
    assert_eq!(run.json()["result"], "INSUFFICIENT_PERMISSIONS");
}

#[test]
fn taking_a_role_from_the_client_takes_effect_at_once() {
    let env = TestEnv::init();
    let secret = client_with_roles(&env, &[("reader", &["bpjs:read"])]);
    env.verify_key(&secret, &["bpjs:read"]).code(0);

    env.run(&["client", "revoke", "bpjs-sync", "--role", "reader"])
        .code(0);
    let run = env.verify_key(&secret, &["bpjs:read"]);
    run.code(5);
    assert_eq!(run.json()["result"], "INSUFFICIENT_PERMISSIONS");
}

#[test]
fn revoking_a_permission_from_the_role_takes_effect_at_once() {
    let env = TestEnv::init();
    let secret = client_with_roles(&env, &[("reader", &["bpjs:read", "users:read"])]);
    env.verify_key(&secret, &["bpjs:read"]).code(0);

    env.run(&["role", "revoke", "reader", "bpjs:read"]).code(0);
    env.verify_key(&secret, &["bpjs:read"]).code(5);
    env.verify_key(&secret, &["users:read"]).code(0);
}

#[test]
fn removing_a_held_role_with_force_takes_its_permissions_from_the_client() {
    let env = TestEnv::init();
    let secret = client_with_roles(&env, &[("reader", &["bpjs:read"])]);
    env.run(&["role", "remove", "reader", "--force", "--yes"])
        .code(0);
    let run = env.verify_key(&secret, &["bpjs:read"]);
    run.code(5);
    assert_eq!(run.json()["result"], "INSUFFICIENT_PERMISSIONS");
}

#[test]
fn removing_a_granted_permission_with_force_takes_it_from_the_client() {
    let env = TestEnv::init();
    let secret = client_with_roles(&env, &[("reader", &["bpjs:read"])]);
    env.run(&["permission", "remove", "bpjs:read", "--force", "--yes"])
        .code(0);
    env.verify_key(&secret, &["bpjs:read"]).code(5);
}

#[test]
fn key_verify_rejects_an_invalid_permission_name_without_recording_a_use() {
    let env = TestEnv::init();
    let secret = client_with_roles(&env, &[("admin", &["*"])]);
    for bad in ["BPJS", "bpjs", "bpjs:*", "*"] {
        env.rejects_stdin(
            &["key", "verify", "--permission", bad],
            &format!("{secret}\n"),
            2,
            &format!("'{bad}'"),
        );
    }
}
