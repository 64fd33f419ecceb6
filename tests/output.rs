//! Output across commands: the JSON error object, format flags, closed pipes.

use std::process::Command;

use serde_json::Value;

use crate::common::{Run, TestEnv, bin};

/// Asserts a `--json` failure: exit `code`, nothing on stdout, and exactly one line on
/// stderr holding `{"error": {"code": CODE, "message": "..."}}` whose message has `text`.
#[track_caller]
fn assert_json_error(run: &Run, code: i32, error_code: &str, text: &str) {
    run.code(code).stderr_one_line();
    assert!(run.stdout.is_empty(), "{run:#?}");
    let body = run.stderr_json();
    let object = body.as_object().expect("an object");
    assert_eq!(object.len(), 1, "{body}");
    let error = body["error"].as_object().expect("error object");
    assert_eq!(error.len(), 2, "{body}");
    assert_eq!(error["code"], error_code, "{body}");
    let message = error["message"].as_str().expect("message string");
    assert!(message.contains(text), "{message:?} lacks {text:?}");
}

#[test]
fn json_errors_for_invalid_input() {
    let env = TestEnv::init();
    let run = env.rejects(&["--json", "client", "add", "   "], 2, "invalid_input");
    assert_json_error(&run, 2, "invalid_input", "client name");
    let run = env.run(&["--json", "client", "update", "x"]);
    assert_json_error(&run, 2, "invalid_input", "nothing to update");
}

#[test]
fn json_errors_for_not_found() {
    let env = TestEnv::init();
    let run = env.run(&["--json", "client", "show", "nope"]);
    assert_json_error(&run, 3, "not_found", "nope");
    let run = env.run(&["--json", "key", "show", "zzzzzzzzzzzz"]);
    assert_json_error(&run, 3, "not_found", "zzzzzzzzzzzz");
    let missing = TestEnv::new();
    let run = missing.run(&["--json", "key", "list"]);
    assert_json_error(&run, 3, "not_found", &missing.store_display());
}

#[test]
fn json_errors_for_conflicts() {
    let env = TestEnv::init();
    env.add_client("c");
    let run = env.run(&["--json", "client", "add", "C"]);
    assert_json_error(&run, 4, "conflict", "already exists");
    let (id, _) = env.create_key("c", &[]);
    env.run(&["key", "revoke", &id, "--yes"]).code(0);
    let run = env.run(&["--json", "key", "rotate", &id]);
    assert_json_error(&run, 4, "conflict", "revoked");
}

#[test]
fn json_errors_for_failures() {
    sqlite_only!("it plants a store file that is not an SQLite database");
    let env = TestEnv::new();
    std::fs::write(
        env.db(),
        b"this is not an SQLite database, not even close....",
    )
    .unwrap();
    let run = env.run(&["--json", "client", "list"]);
    assert_json_error(&run, 1, "failure", "not a database");
}

#[test]
fn json_errors_for_a_missing_yes() {
    let env = TestEnv::init();
    env.add_client("c");
    let run = env.run(&["--json", "client", "remove", "c"]);
    assert_json_error(&run, 2, "invalid_input", "--yes");
}

/// SPEC "Output": with `--json`, an error is a JSON object on stderr. Scripts cannot
/// tell a usage error caught by argument parsing from any other invalid input, so
/// those must follow the same shape.
#[test]
fn json_errors_for_values_refused_by_argument_parsing() {
    let env = TestEnv::init();
    env.add_client("c");
    let run = env.rejects(
        &[
            "--json",
            "key",
            "create",
            "--client",
            "c",
            "--max-uses",
            "0",
        ],
        2,
        "max-uses",
    );
    assert_json_error(&run, 2, "invalid_input", "--max-uses");
}

#[test]
fn json_and_format_together_are_refused() {
    let env = TestEnv::init();
    for format in ["table", "json", "csv"] {
        env.rejects(
            &["--json", "--format", format, "client", "list"],
            2,
            "--format",
        );
    }
    env.rejects(&["client", "list", "--format", "yaml"], 2, "yaml");
}

#[test]
fn stray_arguments_are_usage_errors() {
    let env = TestEnv::init();
    env.add_client("c");
    for args in [
        &["init", "extra"][..],
        &["client", "list", "extra"],
        &["client", "show", "c", "extra"],
        &["key", "list", "extra"],
        &["key", "verify", "extra"],
        &["client", "frobnicate"],
        &["key", "create"],
    ] {
        env.rejects(args, 2, "error");
    }
}

#[test]
fn format_table_is_the_default() {
    let env = TestEnv::init();
    env.add_client("c");
    for args in [
        &["client", "list"][..],
        &["key", "list"],
        &["client", "show", "c"],
    ] {
        let default = env.run(args);
        let mut explicit = vec!["--format", "table"];
        explicit.extend_from_slice(args);
        let explicit = env.run(&explicit);
        default.code(0);
        explicit.code(0);
        assert_eq!(default.stdout, explicit.stdout);
    }
}

#[test]
fn plain_output_has_no_escape_sequences() {
    let env = TestEnv::init();
    env.add_client("c");
    for args in [
        &["client", "list"][..],
        &["key", "list"],
        &["client", "show", "c"],
    ] {
        let run = env.run(args);
        run.code(0);
        assert!(!run.stdout.contains('\u{1b}'), "{args:?}: {}", run.stdout);
        assert!(!run.stderr.contains('\u{1b}'), "{args:?}: {}", run.stderr);
    }
}

// ---- closed pipes --------------------------------------------------------------------

/// Inserts `n` keys for one client straight into the store (quicker than `n` runs).
fn env_with_many_keys(n: usize) -> TestEnv {
    let env = TestEnv::init();
    env.json(&["client", "add", "bulk", "--no-key"]);
    if env.is_postgres() {
        // The same rows as below, in one statement.
        env.exec_sql(
            "INSERT INTO api_keys (id, client_id, secret_sha256, prefix, hint, label, created_at)
             SELECT 'bulk' || lpad(i::text, 8, '0'), c.id, lpad(to_hex(i), 64, '0'), 'ak',
                    'ak_' || lpad((i % 10000)::text, 4, '0'), 'bulk row', 1700000000 + i
             FROM clients c, generate_series(0, ?1 - 1) AS i WHERE c.name = 'bulk'",
            &[&n],
        );
        return env;
    }
    let mut conn = env.sql();
    let tx = conn.transaction().unwrap();
    {
        let client_id: i64 = tx
            .query_row("SELECT id FROM clients WHERE name = 'bulk'", [], |r| {
                r.get(0)
            })
            .unwrap();
        let mut insert = tx
            .prepare(
                "INSERT INTO api_keys (id, client_id, secret_sha256, prefix, hint, label, created_at)
                 VALUES (?1, ?2, ?3, 'ak', ?4, 'bulk row', ?5)",
            )
            .unwrap();
        for i in 0..n {
            insert
                .execute(rusqlite::params![
                    format!("bulk{i:08}"),
                    client_id,
                    format!("{i:064x}"),
                    format!("ak_{:04}", i % 10_000),
                    1_700_000_000 + i as i64,
                ])
                .unwrap();
        }
    }
    tx.commit().unwrap();
    env
}

/// Runs `apikey ARGS | head -1` in bash and returns (apikey's exit code, stdout, stderr).
fn piped_to_head(env: &TestEnv, args: &str) -> (i32, String, String) {
    let out = Command::new("bash")
        .arg("-c")
        .arg(format!(
            "\"$APIKEY_BIN\" {args} | head -1; exit ${{PIPESTATUS[0]}}"
        ))
        .env("APIKEY_BIN", bin())
        .env("APIKEY_DB", env.store())
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn key_list_into_a_closed_pipe_exits_quietly() {
    let env = env_with_many_keys(3000);
    let (code, stdout, stderr) = piped_to_head(&env, "key list");
    assert_eq!((code, stderr.as_str()), (0, ""), "stdout: {stdout}");
    assert!(stdout.starts_with("ID "), "{stdout}");
}

#[test]
fn key_list_json_into_a_closed_pipe_exits_quietly() {
    let env = env_with_many_keys(3000);
    let (code, stdout, stderr) = piped_to_head(&env, "--json key list");
    assert_eq!((code, stderr.as_str()), (0, ""), "stdout: {stdout}");
    assert_eq!(stdout.trim(), "[");
}

#[test]
fn key_list_csv_into_a_closed_pipe_exits_quietly() {
    let env = env_with_many_keys(3000);
    let (code, stdout, stderr) = piped_to_head(&env, "--format csv key list");
    assert_eq!((code, stderr.as_str()), (0, ""), "stdout: {stdout}");
    assert!(stdout.starts_with("id,client,"), "{stdout}");
}

#[test]
fn many_keys_list_completely() {
    let env = env_with_many_keys(3000);
    let list: Value = env.json(&["key", "list", "--client", "bulk"]);
    assert_eq!(list.as_array().unwrap().len(), 3000);
}
