//! `apikey user ...`: operators, their passwords, roles and logins.

use serde_json::json;

use crate::access_support::{AccessEnv, NEW_PASSWORD, PASSWORD, names, strings};
use crate::common::TestEnv;

const ADMIN: &str = "admin@example.org";

fn stdin_line(password: &str) -> String {
    format!("{password}\n")
}

// ---------------------------------------------------------------------------------------
// Happy paths
// ---------------------------------------------------------------------------------------

#[test]
fn user_add_with_a_password_name_and_role_prints_the_user() {
    let env = TestEnv::init();
    env.add_role("admin", &["*"]);

    env.run_stdin(
        &[
            "user",
            "add",
            ADMIN,
            "--name",
            "Site Admin",
            "--role",
            "admin",
            "--password-stdin",
        ],
        &stdin_line(PASSWORD),
    )
    .code(0)
    .stdout_has(&format!("Added user {ADMIN}"))
    .stdout_has("Site Admin")
    .stdout_has("admin");

    let run = env.run_stdin(
        &[
            "--json",
            "user",
            "add",
            "ops@example.org",
            "-n",
            "Ops",
            "--password-stdin",
        ],
        &stdin_line(PASSWORD),
    );
    run.code(0);
    let out = run.json();
    assert_eq!(out["email"], "ops@example.org");
    assert_eq!(out["name"], "Ops");
    assert_eq!(out["status"], "active");
    assert_eq!(out["has_password"], true);
    assert_eq!(out["roles"], json!([]));
    assert_eq!(out["last_login_at"], json!(null));
}

#[test]
fn user_add_with_no_password_cannot_log_in_until_passwd() {
    let env = TestEnv::init();
    let out = env.json(&["user", "add", ADMIN, "--no-password"]);
    assert_eq!(out["has_password"], false);

    let run = env.verify_user(ADMIN, PASSWORD);
    run.code(5);
    assert_eq!(run.json()["result"], "INVALID_CREDENTIALS");

    env.run_stdin(
        &["user", "passwd", ADMIN, "--password-stdin"],
        &stdin_line(PASSWORD),
    )
    .code(0);
    assert_eq!(env.json(&["user", "show", ADMIN])["has_password"], true);
    env.verify_user(ADMIN, PASSWORD).code(0);
}

#[test]
fn user_list_shows_every_user_in_text_json_and_csv() {
    let env = TestEnv::init();
    env.add_role("admin", &[]);
    env.run(&["user", "add", "ops@example.org", "--no-password"])
        .code(0);
    env.run(&[
        "user",
        "add",
        ADMIN,
        "--no-password",
        "-n",
        "Admin",
        "-r",
        "admin",
    ])
    .code(0);

    env.run(&["user", "list"])
        .code(0)
        .stdout_has("EMAIL")
        .stdout_has(ADMIN)
        .stdout_has("ops@example.org");

    let list = env.json(&["user", "list"]);
    assert_eq!(names(&list, "email"), [ADMIN, "ops@example.org"]);
    assert_eq!(strings(&list[0]["roles"]), ["admin"]);

    let csv = env.run(&["--format", "csv", "user", "list"]);
    csv.code(0);
    let lines: Vec<&str> = csv.stdout.lines().collect();
    assert_eq!(
        lines[0],
        "email,name,status,roles,has_password,created_at,last_login_at"
    );
    assert_eq!(lines.len(), 3, "{}", csv.stdout);
    assert!(
        lines[1].starts_with("admin@example.org,Admin,active,admin,false,"),
        "{}",
        csv.stdout
    );
}

#[test]
fn user_show_prints_one_user() {
    let env = TestEnv::init();
    env.add_role("admin", &[]);
    env.run(&[
        "user",
        "add",
        ADMIN,
        "--no-password",
        "-n",
        "Admin",
        "-r",
        "admin",
    ])
    .code(0);
    env.run(&["user", "show", ADMIN])
        .code(0)
        .stdout_has(ADMIN)
        .stdout_has("Admin")
        .stdout_has("active");
    let out = env.json(&["user", "show", ADMIN]);
    assert_eq!(out["email"], ADMIN);
    assert_eq!(strings(&out["roles"]), ["admin"]);
}

#[test]
fn emails_are_unique_and_found_case_insensitively() {
    let env = TestEnv::init();
    env.run(&["user", "add", ADMIN, "--no-password"]).code(0);
    env.rejects(
        &["user", "add", "ADMIN@example.org", "--no-password"],
        4,
        "already exists",
    );
    let out = env.json(&["user", "show", "Admin@Example.ORG"]);
    assert_eq!(out["email"], ADMIN);
}

#[test]
fn user_disable_and_enable_change_its_status() {
    let env = TestEnv::init();
    env.run(&["user", "add", ADMIN, "--no-password"]).code(0);

    env.run(&["user", "disable", ADMIN])
        .code(0)
        .stdout_has(&format!("Disabled user {ADMIN}"));
    assert_eq!(env.json(&["user", "show", ADMIN])["status"], "disabled");
    assert_eq!(env.json(&["user", "enable", ADMIN])["status"], "active");
    assert_eq!(env.json(&["user", "disable", ADMIN])["status"], "disabled");
    env.run(&["user", "enable", ADMIN])
        .code(0)
        .stdout_has(&format!("Enabled user {ADMIN}"));
}

#[test]
fn user_passwd_replaces_the_password() {
    let env = TestEnv::init();
    env.add_user(ADMIN, &[]);
    env.run_stdin(
        &["user", "passwd", ADMIN, "--password-stdin"],
        &stdin_line(NEW_PASSWORD),
    )
    .code(0)
    .stdout_has(&format!("Set the password of {ADMIN}"));

    let run = env.verify_user(ADMIN, PASSWORD);
    run.code(5);
    assert_eq!(run.json()["result"], "INVALID_CREDENTIALS");
    env.verify_user(ADMIN, NEW_PASSWORD).code(0);

    let run = env.run_stdin(
        &["--json", "user", "passwd", ADMIN, "--password-stdin"],
        &stdin_line(PASSWORD),
    );
    run.code(0);
    assert_eq!(run.json()["email"], ADMIN);
    assert_eq!(run.json()["has_password"], true);
}

#[test]
fn password_stdin_reads_only_the_first_line() {
    let env = TestEnv::init();
    env.run_stdin(
        &["user", "add", ADMIN, "--password-stdin"],
        &format!("{PASSWORD}\r\nsecond line is ignored\n"),
    )
    .code(0);
    env.verify_user(ADMIN, PASSWORD).code(0);
    // Without a trailing newline too.
    env.run_stdin(
        &["--json", "user", "verify", ADMIN, "--password-stdin"],
        PASSWORD,
    )
    .code(0);
}

#[test]
fn user_remove_with_yes_removes_the_user_and_its_roles() {
    let env = TestEnv::init();
    env.add_role("admin", &[]);
    env.run(&["user", "add", ADMIN, "--no-password", "-r", "admin"])
        .code(0);
    env.run(&["user", "add", "ops@example.org", "--no-password"])
        .code(0);

    env.run(&["user", "remove", ADMIN, "--yes"])
        .code(0)
        .stdout_has(&format!("Removed user {ADMIN}"));
    let out = env.json(&["user", "remove", "ops@example.org", "--yes"]);
    assert_eq!(out["removed"], "ops@example.org");

    assert_eq!(env.json(&["user", "list"]), json!([]));
    assert_eq!(env.json(&["role", "show", "admin"])["users"], json!([]));
    env.rejects(&["user", "show", ADMIN], 3, ADMIN);
}

#[test]
fn user_grant_and_revoke_change_its_roles() {
    let env = TestEnv::init();
    env.add_role("admin", &[]);
    env.add_role("auditor", &[]);
    env.run(&["user", "add", ADMIN, "--no-password"]).code(0);

    env.run(&["user", "grant", ADMIN, "--role", "admin"])
        .code(0)
        .stdout_has(&format!("Roles of {ADMIN}: admin"));
    let out = env.json(&["user", "grant", ADMIN, "-r", "auditor"]);
    assert_eq!(strings(&out["roles"]), ["admin", "auditor"]);
    assert_eq!(
        strings(&env.json(&["role", "show", "auditor"])["users"]),
        [ADMIN]
    );

    env.run(&["user", "revoke", ADMIN, "--role", "admin"])
        .code(0)
        .stdout_has(&format!("Roles of {ADMIN}: auditor"));
    let out = env.json(&["user", "revoke", ADMIN, "-r", "auditor"]);
    assert_eq!(out["roles"], json!([]));
}

#[test]
fn user_verify_accepts_the_right_password_with_roles_and_expanded_permissions() {
    let env = TestEnv::init();
    env.add_permissions(&["bpjs:read", "bpjs:write", "users:read"]);
    env.add_role("bpjs-all", &["bpjs:*"]);
    env.add_role("reader", &["users:read"]);
    env.run_stdin(
        &[
            "user",
            "add",
            ADMIN,
            "-n",
            "Admin",
            "-r",
            "bpjs-all",
            "-r",
            "reader",
            "--password-stdin",
        ],
        &stdin_line(PASSWORD),
    )
    .code(0);
    assert_eq!(
        env.json(&["user", "show", ADMIN])["last_login_at"],
        json!(null)
    );

    let run = env.verify_user(ADMIN, PASSWORD);
    run.code(0);
    let out = run.json();
    assert_eq!(out["result"], "VALID");
    assert_eq!(out["valid"], true);
    assert_eq!(out["email"], ADMIN);
    assert_eq!(out["name"], "Admin");
    assert_eq!(strings(&out["roles"]), ["bpjs-all", "reader"]);
    assert_eq!(
        strings(&out["permissions"]),
        ["bpjs:read", "bpjs:write", "users:read"]
    );

    let shown = env.json(&["user", "show", ADMIN]);
    assert!(
        shown["last_login_at"].is_string(),
        "last_login_at not recorded: {shown}"
    );
}

#[test]
fn user_verify_reflects_role_changes_at_once() {
    let env = TestEnv::init();
    env.add_permissions(&["bpjs:read", "users:read"]);
    env.add_role("reader", &["bpjs:read"]);
    env.add_user(ADMIN, &["reader"]);
    assert_eq!(
        strings(&env.verify_user(ADMIN, PASSWORD).json()["permissions"]),
        ["bpjs:read"]
    );

    env.run(&["role", "grant", "reader", "users:*"]).code(0);
    assert_eq!(
        strings(&env.verify_user(ADMIN, PASSWORD).json()["permissions"]),
        ["bpjs:read", "users:read"]
    );

    env.run(&["user", "revoke", ADMIN, "--role", "reader"])
        .code(0);
    let run = env.verify_user(ADMIN, PASSWORD);
    run.code(0);
    assert_eq!(run.json()["roles"], json!([]));
    assert_eq!(run.json()["permissions"], json!([]));
}

#[test]
fn user_verify_prints_the_result_as_text() {
    let env = TestEnv::init();
    env.add_permissions(&["bpjs:read"]);
    env.add_role("reader", &["bpjs:read"]);
    env.add_user(ADMIN, &["reader"]);
    env.run_stdin(
        &["user", "verify", ADMIN, "--password-stdin"],
        &stdin_line(PASSWORD),
    )
    .code(0)
    .stdout_has("VALID")
    .stdout_has("reader")
    .stdout_has("bpjs:read");
    env.run_stdin(
        &["user", "verify", ADMIN, "--password-stdin"],
        &stdin_line(NEW_PASSWORD),
    )
    .code(5)
    .stdout_has("INVALID_CREDENTIALS");
}

#[test]
fn user_verify_works_with_the_email_in_another_case() {
    let env = TestEnv::init();
    env.add_user(ADMIN, &[]);
    let run = env.verify_user("Admin@Example.org", PASSWORD);
    run.code(0);
    assert_eq!(run.json()["email"], ADMIN);
}

// ---------------------------------------------------------------------------------------
// Refusals and bad input
// ---------------------------------------------------------------------------------------

#[test]
fn a_wrong_password_and_an_unknown_email_get_the_same_answer() {
    let env = TestEnv::init();
    env.add_user(ADMIN, &[]);

    let wrong = env.verify_user(ADMIN, NEW_PASSWORD);
    wrong.code(5);
    let unknown = env.verify_user("nobody@example.org", PASSWORD);
    unknown.code(5);
    // Both are audited alike (`user.login_failed`), and change nothing else.
    let users: i64 = env
        .query_i64(
            "SELECT count(*) FROM users WHERE last_login_at IS NOT NULL",
            &[],
        )
        .unwrap();
    assert_eq!(users, 0, "a refused login was recorded as a login");

    assert_eq!(wrong.json()["result"], "INVALID_CREDENTIALS");
    assert_eq!(wrong.json()["valid"], false);
    assert_eq!(
        wrong.json(),
        unknown.json(),
        "the answers tell a wrong password from an unknown email"
    );
    assert!(!wrong.stdout.contains(NEW_PASSWORD));
    assert!(!wrong.stderr.contains(NEW_PASSWORD));
}

#[test]
fn a_disabled_user_with_the_right_password_is_refused_as_disabled() {
    let env = TestEnv::init();
    env.add_user(ADMIN, &[]);
    env.run(&["user", "disable", ADMIN]).code(0);

    let before = env.dump();
    let run = env.verify_user(ADMIN, PASSWORD);
    run.code(5);
    assert_eq!(run.json()["result"], "DISABLED");
    assert_eq!(run.json()["valid"], false);
    assert_eq!(before, env.dump(), "a refused login recorded a login");

    // A wrong password does not reveal that the account is disabled.
    let run = env.verify_user(ADMIN, NEW_PASSWORD);
    run.code(5);
    assert_eq!(run.json()["result"], "INVALID_CREDENTIALS");

    env.run(&["user", "enable", ADMIN]).code(0);
    env.verify_user(ADMIN, PASSWORD).code(0);
}

#[test]
fn unknown_user_is_not_found_in_every_user_command() {
    let env = TestEnv::init();
    env.add_role("admin", &[]);
    env.add_user(ADMIN, &[]);
    let nobody = "nobody@example.org";
    for args in [
        &["user", "show", nobody][..],
        &["user", "disable", nobody],
        &["user", "enable", nobody],
        &["user", "remove", nobody, "--yes"],
        &["user", "remove", nobody],
        &["user", "grant", nobody, "--role", "admin"],
        &["user", "revoke", nobody, "--role", "admin"],
    ] {
        env.rejects(args, 3, nobody);
    }
    env.rejects_stdin(
        &["user", "passwd", nobody, "--password-stdin"],
        &stdin_line(NEW_PASSWORD),
        3,
        nobody,
    );
}

#[test]
fn user_add_rejects_invalid_emails() {
    let env = TestEnv::init();
    for bad in ["not-an-email", "a@", "@b.org", "a b@c.org", ""] {
        env.rejects(
            &["user", "add", bad, "--no-password"],
            2,
            &format!("invalid email '{bad}'"),
        );
    }
}

#[test]
fn user_add_rejects_a_duplicate_email() {
    let env = TestEnv::init();
    env.add_user(ADMIN, &[]);
    env.rejects_stdin(
        &["user", "add", ADMIN, "--password-stdin"],
        &stdin_line(NEW_PASSWORD),
        4,
        "already exists",
    );
    env.rejects_stdin(
        &["user", "add", "ADMIN@example.org", "--password-stdin"],
        &stdin_line(NEW_PASSWORD),
        4,
        "already exists",
    );
}

#[test]
fn a_short_password_is_rejected_without_echoing_it() {
    let env = TestEnv::init();
    env.add_user(ADMIN, &[]);
    let short = "hunter2hunt"; // 11 characters
    let run = env.rejects_stdin(
        &["user", "add", "ops@example.org", "--password-stdin"],
        &stdin_line(short),
        2,
        "at least 12",
    );
    assert!(!run.stderr.contains(short), "{}", run.stderr);
    assert!(!run.stdout.contains(short), "{}", run.stdout);

    let run = env.rejects_stdin(
        &["user", "passwd", ADMIN, "--password-stdin"],
        &stdin_line(short),
        2,
        "too short",
    );
    assert!(!run.stderr.contains(short), "{}", run.stderr);

    let run = env.rejects_stdin(
        &["--json", "user", "passwd", ADMIN, "--password-stdin"],
        &stdin_line(short),
        2,
        "too short",
    );
    assert!(!run.stderr.contains(short), "{}", run.stderr);
}

#[test]
fn a_password_of_exactly_twelve_characters_is_accepted() {
    let env = TestEnv::init();
    env.run_stdin(
        &["user", "add", ADMIN, "--password-stdin"],
        &stdin_line("twelve-chars"),
    )
    .code(0);
    env.verify_user(ADMIN, "twelve-chars").code(0);
}

#[test]
fn password_stdin_with_empty_input_is_rejected() {
    let env = TestEnv::init();
    env.add_user(ADMIN, &[]);
    for stdin in ["", "\n"] {
        env.rejects_stdin(
            &["user", "add", "ops@example.org", "--password-stdin"],
            stdin,
            2,
            "--password-stdin",
        );
        env.rejects_stdin(
            &["user", "passwd", ADMIN, "--password-stdin"],
            stdin,
            2,
            "--password-stdin",
        );
        env.rejects_stdin(
            &["user", "verify", ADMIN, "--password-stdin"],
            stdin,
            2,
            "--password-stdin",
        );
    }
}

#[test]
fn a_password_without_a_terminal_or_password_stdin_is_refused() {
    let env = TestEnv::init();
    env.add_user(ADMIN, &[]);
    env.rejects(&["user", "add", "ops@example.org"], 2, "--password-stdin");
    env.rejects(&["user", "passwd", ADMIN], 2, "--password-stdin");
    env.rejects(&["user", "verify", ADMIN], 2, "--password-stdin");
}

#[test]
fn password_stdin_and_no_password_conflict() {
    let env = TestEnv::init();
    env.rejects_stdin(
        &["user", "add", ADMIN, "--password-stdin", "--no-password"],
        &stdin_line(PASSWORD),
        2,
        "--no-password",
    );
}

#[test]
fn user_remove_without_yes_and_no_terminal_fails_mentioning_yes() {
    let env = TestEnv::init();
    env.add_user(ADMIN, &[]);
    env.rejects(&["user", "remove", ADMIN], 2, "--yes");
}
