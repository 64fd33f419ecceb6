//! A corpus of hostile inputs across every command. Each row gives the arguments (and
//! maybe standard input or environment), the documented exit code it must get and a
//! substring of the message. For every row:
//!
//! - the process exits with that code (never 101, a panic, or a signal) within 30 s;
//! - nothing says `panicked`;
//! - a failure (1-4) prints one line on stderr naming the problem, nothing on stdout;
//!   clap's own usage errors print their first line and a usage hint, so for them the
//!   one-line rule is checked on the `--json` run, which every row also gets;
//! - the store file (and `-wal`, if any) is byte-identical afterwards, and no file
//!   appeared or disappeared beside it.
//!
//! One argument cannot exceed 128 KiB on Linux (`MAX_ARG_STRLEN`), so "huge" arguments
//! are 100,000 bytes each, and 1 MiB reaches the program as ten of them in one command
//! line, on standard input, or in a file.

use std::ffi::OsString;
use std::io::{Read, Write};
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::common::{TestEnv, bin};
use crate::reliability_support::{StoreBytes, listing, settle, with_suffix};

/// One hostile input and what it must get.
#[derive(Debug, Clone)]
struct Case {
    args: Vec<OsString>,
    env: Vec<(&'static str, OsString)>,
    stdin: Vec<u8>,
    code: i32,
    message: String,
    lacks: Option<String>,
    /// Standard output must be exactly the message (trimmed), e.g. `[]`.
    exact: bool,
    /// The run may change the store: a refused login appends `user.login_failed`.
    audited: bool,
}

fn case(args: &[&str], code: i32, message: &str) -> Case {
    Case::os(args.iter().map(OsString::from).collect(), code, message)
}

impl Case {
    fn os(args: Vec<OsString>, code: i32, message: &str) -> Case {
        Case {
            args,
            env: Vec::new(),
            stdin: Vec::new(),
            code,
            message: message.to_owned(),
            audited: false,
            lacks: None,
            exact: false,
        }
    }

    /// A refused login: it appends a `user.login_failed` audit event (and nothing else
    /// that these tests could tell from it).
    fn audited(mut self) -> Case {
        self.audited = true;
        self
    }

    fn stdin(mut self, bytes: impl Into<Vec<u8>>) -> Case {
        self.stdin = bytes.into();
        self
    }

    fn env(mut self, name: &'static str, value: impl Into<OsString>) -> Case {
        self.env.push((name, value.into()));
        self
    }

    /// Standard output must not contain `text` (for reads that must match nothing).
    fn lacks(mut self, text: &str) -> Case {
        self.lacks = Some(text.to_owned());
        self
    }

    /// Standard output must be exactly the message, not merely contain it.
    fn exact(mut self) -> Case {
        self.exact = true;
        self
    }

    /// The command line, shortened for messages.
    fn label(&self) -> String {
        let mut parts: Vec<String> = self
            .args
            .iter()
            .map(|a| {
                let text = format!("{:?}", a);
                if text.len() > 60 {
                    format!("{}...({} bytes)", &text[..40], a.len())
                } else {
                    text
                }
            })
            .collect();
        for (name, value) in &self.env {
            parts.insert(0, format!("{name}={value:?}"));
        }
        if !self.stdin.is_empty() {
            parts.push(format!("<stdin {} bytes>", self.stdin.len()));
        }
        parts.join(" ")
    }
}

/// What one run produced.
#[derive(Debug)]
struct Outcome {
    code: Option<i32>,
    stdout: String,
    stderr: String,
    hung: bool,
}

/// Runs the binary with a clean environment on `db`, feeding `stdin` from a thread and
/// killing it if it runs for more than 30 s.
fn execute(db: &std::ffi::OsStr, home: &Path, args: &[OsString], case: &Case) -> Outcome {
    let mut cmd = Command::new(bin());
    cmd.args(args)
        .env_clear()
        .env("APIKEY_DB", db)
        .env("HOME", home)
        .env("APIKEY_ACTOR", "tester")
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (name, value) in &case.env {
        cmd.env(name, value);
    }
    let mut child = cmd.spawn().expect("spawn apikey");
    let mut stdin = child.stdin.take().expect("stdin");
    let input = case.stdin.clone();
    // The program may stop reading early (a key is short): a broken pipe is fine.
    let feeder = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let mut out = child.stdout.take().expect("stdout");
    let mut err = child.stderr.take().expect("stderr");
    let out_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = out.read_to_end(&mut buf);
        buf
    });
    let err_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = err.read_to_end(&mut buf);
        buf
    });
    let started = Instant::now();
    let mut hung = false;
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if started.elapsed() > Duration::from_secs(30) {
            hung = true;
            let _ = child.kill();
            break child.wait().expect("wait");
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    let _ = feeder.join();
    Outcome {
        code: status.code(),
        stdout: String::from_utf8_lossy(&out_reader.join().expect("stdout")).into_owned(),
        stderr: String::from_utf8_lossy(&err_reader.join().expect("stderr")).into_owned(),
        hung,
    }
}

/// The exit code each JSON error code stands for.
fn exit_code_of(error_code: &str) -> Option<i32> {
    match error_code {
        "failure" | "cancelled" => Some(1),
        "invalid_input" => Some(2),
        "not_found" => Some(3),
        "conflict" => Some(4),
        _ => None,
    }
}

/// Checks one run against the case; returns the problems found.
fn problems(case: &Case, json_run: bool, out: &Outcome) -> Vec<String> {
    let mut found = Vec::new();
    let mut fail = |what: String| found.push(what);
    if out.hung {
        fail("did not finish within 30 s (killed)".into());
    }
    match out.code {
        None => fail("ended by a signal".into()),
        Some(code) if code != case.code => fail(format!("exit {code}, expected {}", case.code)),
        Some(_) => {}
    }
    if out.stderr.contains("panicked") || out.stderr.contains("RUST_BACKTRACE") {
        fail("panicked".into());
    }
    let stderr = out.stderr.strip_suffix('\n').unwrap_or(&out.stderr);
    match (case.code, json_run) {
        (1..=4, false) => {
            if !out.stdout.is_empty() {
                fail("a failure printed on stdout".into());
            }
            if let Some(rest) = stderr.strip_prefix("apikey: error: ") {
                if rest.contains('\n') {
                    fail("the error is not one line".into());
                }
            } else if stderr.starts_with("error: ") {
                // clap's usage error: its first line names the problem.
                let first = stderr.lines().next().unwrap_or_default();
                if !first.contains(&case.message) {
                    fail(format!("the first line does not name {:?}", case.message));
                }
            } else {
                fail("stderr is not an 'apikey: error:' line".into());
            }
            if !stderr.contains(&case.message) {
                fail(format!("stderr lacks {:?}", case.message));
            }
        }
        (1..=4, true) => {
            if !out.stdout.is_empty() {
                fail("a failure printed on stdout".into());
            }
            if stderr.is_empty() || stderr.contains('\n') {
                fail("the JSON error is not one line".into());
            }
            match serde_json::from_str::<Value>(stderr) {
                Ok(body) => {
                    let code = body["error"]["code"].as_str().unwrap_or_default();
                    let message = body["error"]["message"].as_str().unwrap_or_default();
                    if exit_code_of(code) != out.code {
                        fail(format!("error code {code:?} does not match the exit code"));
                    }
                    if !message.contains(&case.message) {
                        fail(format!("the JSON message lacks {:?}", case.message));
                    }
                }
                Err(_) => fail("stderr is not a JSON error object".into()),
            }
        }
        (0 | 5, _) => {
            if case.code == 5 && !stderr.is_empty() {
                fail("a verify answer printed on stderr".into());
            }
            if json_run {
                if serde_json::from_str::<Value>(&out.stdout).is_err() {
                    fail("stdout is not JSON".into());
                }
            } else if case.exact && out.stdout.trim() != case.message {
                fail(format!("stdout is not exactly {:?}", case.message));
            } else if !out.stdout.contains(&case.message) {
                fail(format!("stdout lacks {:?}", case.message));
            }
            if let Some(lacks) = &case.lacks
                && out.stdout.contains(lacks.as_str())
            {
                fail(format!("stdout shows {lacks:?}"));
            }
        }
        _ => fail(format!("{} is not a documented exit code", case.code)),
    }
    found
}

/// A store with a permission, a role, two clients (one with a key) and a user; no WAL
/// left pending (every process that wrote it has exited).
struct Fixture {
    env: TestEnv,
    key_id: String,
    secret: String,
    /// A directory for input files, beside the store.
    files: PathBuf,
}

impl Fixture {
    fn new() -> Fixture {
        let env = TestEnv::init();
        env.run(&["permission", "add", "bpjs:read", "-d", "Read"])
            .code(0);
        env.run(&["role", "add", "integration", "-p", "bpjs:read"])
            .code(0);
        let alpha = env.json(&["client", "add", "alpha", "-d", "first client"]);
        env.run(&["client", "add", "beta_2", "--no-key"]).code(0);
        env.run_stdin(
            &["user", "add", "admin@example.org", "--password-stdin"],
            "correct horse battery\n",
        )
        .code(0);
        let files = env.dir().join("files");
        std::fs::create_dir(&files).unwrap();
        Fixture {
            key_id: alpha["key"]["id"].as_str().unwrap().to_owned(),
            secret: alpha["key"]["secret"].as_str().unwrap().to_owned(),
            env,
            files,
        }
    }

    /// Writes an input file and returns its path as a string.
    fn file(&self, name: &str, content: impl AsRef<[u8]>) -> String {
        let path = self.files.join(name);
        std::fs::write(&path, content).unwrap();
        path.to_str().unwrap().to_owned()
    }

    /// Runs every case, plain and with `--json`, and fails listing every problem.
    #[track_caller]
    fn check(&self, cases: &[Case]) {
        let db = self.env.db();
        let pg = self.env.is_postgres();
        if !pg {
            settle(db);
            assert!(
                !with_suffix(db, "-wal").exists(),
                "the fixture left a WAL pending"
            );
        }
        let original = StoreBytes::of(db);
        // Under PostgreSQL there is no file: the rows must stay as they were, and what an
        // audited refusal appends is taken away again.
        let original_rows = pg.then(|| self.env.dump());
        let last_event = if pg {
            self.env
                .query_i64("SELECT coalesce(max(seq), 0) FROM audit_events", &[])
                .unwrap()
        } else {
            0
        };
        let dirs = [self.env.dir().to_owned(), self.files.clone()];
        let files_before: Vec<Vec<String>> = dirs.iter().map(|d| listing(d)).collect();
        let mut report = Vec::new();
        let mut usage_errors = 0;
        for case in cases {
            let mut runs = vec![(false, case.args.clone())];
            let has_format = case.args.iter().any(|a| {
                a.as_bytes().starts_with(b"--json") || a.as_bytes().starts_with(b"--format")
            });
            if !has_format {
                let mut json = vec![OsString::from("--json")];
                json.extend(case.args.iter().cloned());
                runs.push((true, json));
            }
            for (json_run, args) in runs {
                let out = execute(self.env.store(), self.env.dir(), &args, case);
                if !json_run && out.stderr.starts_with("error: ") {
                    usage_errors += 1;
                }
                let mut found = problems(case, json_run, &out);
                if let Some(original_rows) = &original_rows
                    && self.env.dump() != *original_rows
                {
                    if !case.audited {
                        found.push("the database's rows changed".to_owned());
                    }
                    self.env
                        .exec_sql("DELETE FROM audit_events WHERE seq > ?1", &[&last_event]);
                    if self.env.dump() != *original_rows {
                        found.push("the database changed beyond its audit events".to_owned());
                    }
                }
                let after = StoreBytes::of(db);
                if let Some(change) = original.difference(&after) {
                    if !case.audited {
                        found.push(change);
                    }
                    // Put the fixture back so later rows start from it.
                    std::fs::write(db, original.db.as_ref().unwrap()).unwrap();
                    let _ = std::fs::remove_file(with_suffix(db, "-wal"));
                    let _ = std::fs::remove_file(with_suffix(db, "-shm"));
                }
                let files_after: Vec<Vec<String>> = dirs.iter().map(|d| listing(d)).collect();
                if files_after != files_before {
                    found.push(format!(
                        "files changed: {files_before:?} -> {files_after:?}"
                    ));
                }
                if !found.is_empty() {
                    let stderr: String = out.stderr.chars().take(300).collect();
                    let stdout: String = out.stdout.chars().take(200).collect();
                    report.push(format!(
                        "{}{}\n    problems: {}\n    exit {:?}; stderr: {stderr:?}; stdout: {stdout:?}",
                        if json_run { "[--json] " } else { "" },
                        case.label(),
                        found.join("; "),
                        out.code,
                    ));
                }
            }
        }
        eprintln!(
            "{} hostile inputs checked ({usage_errors} were clap usage errors), {} problems",
            cases.len(),
            report.len()
        );
        assert!(
            report.is_empty(),
            "{} runs of {} hostile inputs went wrong:\n{}",
            report.len(),
            cases.len(),
            report.join("\n")
        );
    }
}

/// `n` bytes of `a`.
fn long(n: usize) -> String {
    "a".repeat(n)
}

/// An OsString from raw bytes (possibly not UTF-8).
fn raw(bytes: &[u8]) -> OsString {
    OsString::from_vec(bytes.to_vec())
}

fn os(text: &str) -> OsString {
    OsString::from(text)
}

/// Pseudo-random bytes (deterministic), mostly not UTF-8.
fn noise(n: usize) -> Vec<u8> {
    let mut rng = crate::reliability_support::SplitMix64::new(0xA11CE);
    let mut out = Vec::with_capacity(n + 8);
    while out.len() < n {
        out.extend_from_slice(&rng.next_u64().to_le_bytes());
    }
    out.truncate(n);
    // Make sure it is not valid UTF-8 whatever the generator produced.
    out[0] = 0xff;
    out
}

#[test]
fn hostile_names_and_free_text_are_refused_cleanly() {
    let f = Fixture::new();
    let id = f.key_id.as_str();
    let big = long(100_000);
    let name65 = long(65);
    let actor129 = long(129);
    let big_email = format!("{}@example.org", long(100_000));
    let cases = vec![
        case(&["client", "add", ""], 2, "client name is empty"),
        case(&["client", "add", "   "], 2, "client name is empty"),
        case(&["client", "show", ""], 3, "no client named ''"),
        case(&["client", "add", "../../etc/passwd"], 2, "not allowed"),
        case(
            &["client", "show", "../../etc/passwd"],
            3,
            "no client named",
        ),
        case(&["client", "add", "--", "-x"], 2, "not allowed"),
        case(&["client", "add", "--", "--yes"], 2, "not allowed"),
        case(&["client", "add", "a b"], 2, "not allowed"),
        case(&["client", "add", "é"], 2, "not allowed"),
        case(&["client", "add", &name65], 2, "65 characters long"),
        case(&["client", "add", &big], 2, "100000 characters long"),
        case(
            &["client", "add", "x", "-d", &big],
            2,
            "100000 characters long",
        ),
        case(
            &["client", "add", "x", "-d", "a\nb"],
            2,
            "control character",
        ),
        case(
            &["client", "add", "x", "-d", "\u{1b}[31mred"],
            2,
            "control character",
        ),
        case(
            &["client", "add", "x", "-d", "tab\there"],
            2,
            "control character",
        ),
        case(
            &["client", "add", "x", "-d", "del\u{7f}"],
            2,
            "control character",
        ),
        case(
            &["client", "add", "x", "-d", "nel\u{85}"],
            2,
            "control character",
        ),
        case(&["client", "add", "alpha"], 4, "already exists"),
        case(&["client", "add", "ALPHA"], 4, "already exists"),
        case(
            &["client", "update", "alpha", "--rename", ""],
            2,
            "--rename is empty",
        ),
        case(
            &["client", "update", "alpha", "--rename", "beta_2"],
            4,
            "exists",
        ),
        case(
            &["client", "update", "alpha", "-d", "a\rb"],
            2,
            "control character",
        ),
        case(
            &["client", "update", "nosuch", "-d", "x"],
            3,
            "no client named 'nosuch'",
        ),
        case(&["client", "remove", "alpha"], 2, "pass --yes"),
        case(
            &["client", "remove", "nosuch", "--yes"],
            3,
            "no client named",
        ),
        case(
            &["client", "grant", "alpha", "--role", ""],
            3,
            "unknown role ''",
        ),
        case(
            &["client", "disable", "\u{7}bell"],
            3,
            "no client named '\\u{7}bell'",
        ),
        case(&["client", "list", "--search", &big], 0, "").lacks("(none)"),
        case(
            &["key", "create", "--client", "alpha", "--label", &big],
            2,
            "100000 characters",
        ),
        case(
            &["key", "create", "--client", "alpha", "--label", "a\nb"],
            2,
            "control character",
        ),
        case(&["key", "create", "--client", ""], 3, "no client named ''"),
        case(
            &["key", "revoke", id, "--reason", "x\ny", "--yes"],
            2,
            "control character",
        ),
        case(
            &["key", "revoke", id, "--reason", &big, "--yes"],
            2,
            "characters long",
        ),
        case(&["key", "revoke", id], 2, "pass --yes"),
        case(&["key", "show", ""], 3, "no key with id ''"),
        case(&["key", "show", &big], 3, "no key with id"),
        case(&["key", "revoke", "", "--yes"], 3, "no key with id ''"),
        case(&["key", "rotate", "../../etc/passwd"], 3, "no key with id"),
        case(&["permission", "add", ""], 2, "invalid permission ''"),
        case(&["permission", "add", "BPJS:READ"], 2, "invalid permission"),
        case(&["permission", "add", "a:b:c"], 2, "invalid permission"),
        case(&["permission", "add", "*"], 2, "wildcard"),
        case(&["permission", "add", "bpjs:read"], 4, "already exists"),
        case(
            &["permission", "add", "x:y", "-d", &big],
            2,
            "characters long",
        ),
        case(
            &["permission", "remove", "bpjs:read", "--yes"],
            4,
            "granted to role",
        ),
        case(&["role", "add", ""], 2, "role name is empty"),
        case(&["role", "add", "integration"], 4, "already exists"),
        case(
            &["role", "add", "r", "-p", "nosuch:perm"],
            3,
            "unknown permission",
        ),
        case(&["role", "grant", "integration", "a:*b"], 2, "wildcard"),
        case(&["role", "grant", "nosuch", "bpjs:read"], 3, "unknown role"),
        case(
            &["role", "revoke", "integration", "nosuch:x"],
            3,
            "does not grant",
        ),
        case(&["user", "add", "", "--no-password"], 2, "invalid email"),
        case(
            &["user", "add", "not-an-email", "--no-password"],
            2,
            "invalid email",
        ),
        case(
            &["user", "add", "a b@example.org", "--no-password"],
            2,
            "invalid email",
        ),
        case(
            &["user", "add", &big_email, "--no-password"],
            2,
            "invalid email",
        ),
        case(
            &["user", "add", "admin@example.org", "--no-password"],
            4,
            "already exists",
        ),
        case(
            &["user", "add", "ADMIN@EXAMPLE.ORG", "--no-password"],
            4,
            "already exists",
        ),
        case(&["user", "add", "x@example.org"], 2, "no terminal"),
        case(
            &[
                "user",
                "add",
                "x@example.org",
                "--name",
                "a\nb",
                "--no-password",
            ],
            2,
            "control character",
        ),
        case(&["user", "remove", "admin@example.org"], 2, "pass --yes"),
        case(
            &["user", "grant", "admin@example.org", "--role", "nosuch"],
            3,
            "unknown role",
        ),
        case(
            &["--actor", "", "client", "add", "x", "--no-key"],
            2,
            "is empty",
        ),
        case(
            &["--actor", "a\nb", "client", "add", "x", "--no-key"],
            2,
            "control character",
        ),
        case(
            &["--actor", &actor129, "client", "add", "x", "--no-key"],
            2,
            "129 characters",
        ),
        case(&["client", "add", "x", "--no-key"], 2, "control character")
            .env("APIKEY_ACTOR", "a\tb"),
    ];
    f.check(&cases);
}

#[test]
fn hostile_numbers_durations_and_times_are_refused_cleanly() {
    let f = Fixture::new();
    let id = f.key_id.as_str();
    let create = |extra: &[&str]| -> Vec<String> {
        let mut args: Vec<String> = ["key", "create", "--client", "alpha"]
            .iter()
            .map(|s| (*s).to_owned())
            .collect();
        args.extend(extra.iter().map(|s| (*s).to_owned()));
        args
    };
    let c = |extra: &[&str], code: i32, message: &str| -> Case {
        let args = create(extra);
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        case(&refs, code, message)
    };
    let many_meta: Vec<String> = (0..33).map(|i| format!("k{i}=v")).collect();
    let mut meta_args = vec![];
    for m in &many_meta {
        meta_args.push("--meta");
        meta_args.push(m.as_str());
    }
    let huge_meta: Vec<String> = (0..10).map(|i| format!("k{i}={}", long(100_000))).collect();
    let mut huge_meta_args = vec![];
    for m in &huge_meta {
        huge_meta_args.push("--meta");
        huge_meta_args.push(m.as_str());
    }
    let cases = vec![
        c(&["--max-uses", "-1"], 2, "unexpected argument '-1'"),
        c(&["--max-uses=-1"], 2, "-1"),
        c(&["--max-uses", "99999999999999999999"], 2, "too large"),
        c(&["--max-uses", "0"], 2, "0 is not in 1.."),
        c(&["--max-uses", "9223372036854775808"], 2, "is not in 1.."),
        c(&["--max-uses", ""], 2, "empty string"),
        c(&["--max-uses", "1.5"], 2, "invalid digit"),
        c(&["--max-uses", "0x10"], 2, "invalid digit"),
        c(
            &["--expires-in", "99999999999999999999d"],
            2,
            "invalid --expires-in",
        ),
        c(
            &["--expires-in", "18446744073709551615s"],
            2,
            "longer than 100 years",
        ),
        c(&["--expires-in", "1000y"], 2, "longer than 100 years"),
        c(&["--expires-in", "0s"], 2, "at least one second"),
        c(&["--expires-in", ""], 2, "invalid --expires-in"),
        c(&["--expires-in=-5d"], 2, "invalid --expires-in"),
        c(&["--expires-in", "5 parsecs"], 2, "invalid --expires-in"),
        c(&["--expires-at", "0001-01-01"], 2, "in the past"),
        // RFC 3339 years have four digits: no sign, no expanded years.
        c(
            &["--expires-at=-000001-01-01"],
            2,
            "RFC 3339 with an offset",
        ),
        c(&["--expires-at", "1970-01-01"], 2, "in the past"),
        c(&["--expires-at", "9999-12-31T23:59:59Z"], 2, "--expires-at"),
        c(&["--expires-at", "99999-01-01"], 2, "--expires-at"),
        c(&["--expires-at", ""], 2, "invalid --expires-at"),
        c(&["--expires-at", "2027-02-30"], 2, "invalid --expires-at"),
        c(
            &["--expires-at", "2027-01-01T25:00:00Z"],
            2,
            "invalid --expires-at",
        ),
        c(
            &["--expires-in", "1d", "--expires-at", "2030-01-01"],
            2,
            "cannot be used with",
        ),
        c(&["--allow-ip", "10.0.0.0/33"], 2, "invalid --allow-ip"),
        c(&["--allow-ip", "999.1.1.1/8"], 2, "invalid --allow-ip"),
        c(&["--allow-ip", "::/129"], 2, "invalid --allow-ip"),
        c(&["--allow-ip", ""], 2, "invalid --allow-ip"),
        c(&meta_args, 2, "the limit is 32"),
        c(&huge_meta_args, 2, "--meta value is 100000 characters"),
        c(&["--prefix", ""], 2, "invalid --prefix"),
        c(&["--prefix", "Live"], 2, "invalid --prefix"),
        c(&["--prefix", &long(17)], 2, "invalid --prefix"),
        case(
            &["key", "rotate", id, "--grace", "-1h"],
            2,
            "unexpected argument",
        ),
        case(
            &["key", "rotate", id, "--grace", "99999999999999999999d"],
            2,
            "invalid --grace",
        ),
        case(
            &["key", "rotate", id, "--grace", "1000y"],
            2,
            "longer than 100 years",
        ),
        case(
            &["key", "expiring", "--within", "99999999999999999999d"],
            2,
            "invalid --within",
        ),
        case(&["key", "expiring", "--within", ""], 2, "invalid --within"),
        case(
            &["key", "expiring", "--within", "-1d"],
            2,
            "unexpected argument",
        ),
        case(
            &["key", "stale", "--unused-for", "0s"],
            2,
            "at least one second",
        ),
        case(
            &["key", "stale", "--unused-for", "1000y"],
            2,
            "longer than 100 years",
        ),
        case(
            &["key", "list", "--status", "bogus"],
            2,
            "invalid value 'bogus'",
        ),
        case(&["audit", "--limit", "-5"], 2, "unexpected argument"),
        case(
            &["audit", "--limit", "99999999999999999999"],
            2,
            "too large",
        ),
        case(&["audit", "--limit", ""], 2, "empty string"),
        case(
            &["audit", "--since", "99999999999999999999d"],
            2,
            "invalid --since",
        ),
        case(&["audit", "--since", ""], 2, "invalid --since"),
        case(
            &["audit", "--since", "9999-12-31T23:59:59Z"],
            2,
            "invalid --since",
        ),
        case(&["audit", "--since", "1900-01-01"], 0, "store.init"),
        case(&["audit", "--since", "0001-01-01"], 0, "store.init"),
        case(
            &["audit", "--limit", "18446744073709551615"],
            0,
            "store.init",
        ),
        case(&["--json", "audit", "--limit", "0"], 0, "[]").exact(),
        case(
            &["key", "verify", "--key", "x", "--ip", "999.0.0.1"],
            2,
            "invalid value",
        ),
        case(
            &["key", "verify", "--key", "x", "--ip", ""],
            2,
            "invalid value",
        ),
    ];
    f.check(&cases);
}

/// SQL and `LIKE` metacharacters are data: they match only themselves, and never
/// change or break the store.
#[test]
fn sql_metacharacters_are_data_not_sql() {
    let f = Fixture::new();
    let drop_clients = "'; DROP TABLE clients; --";
    let percent38 = format!("ak_{}", "%".repeat(38));
    let cases = vec![
        case(&["--json", "client", "list", "--search", "%"], 0, "[]").exact(),
        case(&["--json", "client", "list", "--search", "_"], 0, "beta_2").lacks("alpha"),
        case(
            &["--json", "client", "list", "--search", drop_clients],
            0,
            "[]",
        )
        .exact(),
        case(&["--json", "client", "list", "--search", "\""], 0, "[]").exact(),
        case(&["client", "show", drop_clients], 3, "no client named"),
        case(
            &["client", "show", "alpha' OR '1'='1"],
            3,
            "no client named",
        ),
        case(&["client", "show", "%"], 3, "no client named '%'"),
        case(&["client", "show", "_lpha"], 3, "no client named '_lpha'"),
        case(&["client", "add", drop_clients], 2, "not allowed"),
        case(
            &["client", "grant", "alpha", "--role", "' OR '1'='1"],
            3,
            "unknown role",
        ),
        case(&["key", "show", "%"], 3, "no key with id '%'"),
        case(&["key", "show", "____________"], 3, "no key with id"),
        case(&["key", "list", "--client", "%"], 3, "no client named '%'"),
        case(&["permission", "show", "%"], 3, "unknown permission '%'"),
        case(&["permission", "show", "bpjs:%"], 3, "unknown permission"),
        case(
            &["permission", "show", "bpjs:rea_"],
            3,
            "unknown permission",
        ),
        case(&["role", "show", "%"], 3, "unknown role '%'"),
        case(&["role", "show", "_ntegration"], 3, "unknown role"),
        case(
            &["role", "grant", "integration", "'; DROP TABLE roles; --"],
            2,
            "invalid",
        ),
        case(&["user", "show", "%"], 3, "no user"),
        case(&["user", "show", "%@example.org"], 3, "no user"),
        case(&["user", "show", "_dmin@example.org"], 3, "no user"),
        case(&["--json", "audit", "--action", "%"], 0, "[]").exact(),
        case(&["--json", "audit", "--action", "_lient"], 0, "[]").exact(),
        case(&["--json", "audit", "--action", "client"], 0, "client.add").lacks("store.init"),
        case(&["--json", "audit", "--target", "%"], 0, "[]").exact(),
        case(
            &[
                "--json",
                "audit",
                "--target",
                "'; DROP TABLE audit_events; --",
            ],
            0,
            "[]",
        )
        .exact(),
        case(&["--json", "audit", "--by", "%"], 0, "[]").exact(),
        case(
            &["key", "verify", "--key", "'; DROP TABLE api_keys; --"],
            5,
            "MALFORMED",
        ),
        case(&["key", "verify", "--key", &percent38], 5, "MALFORMED"),
        case(
            &["user", "verify", "%", "--password-stdin"],
            5,
            "INVALID_CREDENTIALS",
        )
        .audited()
        .stdin("correct horse battery\n"),
        case(
            &["user", "verify", "' OR 1=1 --", "--password-stdin"],
            5,
            "INVALID_CREDENTIALS",
        )
        .audited()
        .stdin("correct horse battery\n"),
        case(&["scan", "%"], 3, "no file or directory"),
    ];
    f.check(&cases);
}

/// Text that is accepted is stored literally: a description that looks like SQL is just
/// a description, and the tables are all still there.
#[test]
fn sql_metacharacters_in_accepted_text_are_stored_literally() {
    let env = TestEnv::init();
    let nasty = "'; DROP TABLE clients; -- 100% _done_ \"quoted\" \\ back";
    env.json(&["client", "add", "victim", "-d", nasty, "--no-key"]);
    env.json(&["permission", "add", "x:y", "-d", nasty]);
    let (id, _) = env.create_key(
        "victim",
        &["--label", nasty, "--meta", &format!("k={nasty}")],
    );
    assert_eq!(
        env.json(&["client", "show", "victim"])["description"],
        nasty
    );
    assert_eq!(
        env.json(&["permission", "show", "x:y"])["description"],
        nasty
    );
    let key = env.json(&["key", "show", &id]);
    assert_eq!(key["label"], nasty);
    assert_eq!(key["metadata"]["k"], nasty);
    env.run(&["key", "revoke", &id, "--reason", nasty, "--yes"])
        .code(0);
    assert_eq!(env.json(&["key", "show", &id])["revoked_reason"], nasty);
    // The search for '%' finds the one description that holds it, not everything.
    env.json(&["client", "add", "bystander", "--no-key"]);
    let found = env.json(&["client", "list", "--search", "100%"]);
    assert_eq!(found.as_array().unwrap().len(), 1, "{found}");
    let found = env.json(&["client", "list", "--search", "%"]);
    assert_eq!(found.as_array().unwrap().len(), 1, "{found}");
    let tables: i64 = env
        .query_i64(
            if env.is_postgres() {
                "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()"
            } else {
                "SELECT count(*) FROM sqlite_schema WHERE type = 'table'"
            },
            &[],
        )
        .unwrap();
    assert!(tables >= 8, "tables went missing: {tables}");
    env.json(&["audit", "verify"]);
}

/// Arguments that are not UTF-8 are usage errors (exit 2) with a clear message, in
/// every position; paths may be any bytes, as on Unix.
#[test]
fn invalid_utf8_arguments_are_refused_cleanly() {
    let f = Fixture::new();
    let bad_path = |name: &[u8]| -> OsString {
        let mut bytes = f.files.as_os_str().as_bytes().to_vec();
        bytes.push(b'/');
        bytes.extend_from_slice(name);
        OsString::from_vec(bytes)
    };
    let utf8 = "UTF-8";
    let cases = vec![
        Case::os(vec![os("client"), os("add"), raw(b"\xff\xfe")], 2, utf8),
        Case::os(vec![os("client"), os("show"), raw(b"ab\xc3")], 2, utf8),
        Case::os(
            vec![os("client"), os("add"), raw(b"ok\xc0\xafname")],
            2,
            utf8,
        ),
        Case::os(
            vec![os("client"), os("list"), os("--search"), raw(b"\xff")],
            2,
            utf8,
        ),
        Case::os(
            vec![os("client"), os("add"), os("x"), os("-d"), raw(b"caf\xe9")],
            2,
            utf8,
        ),
        Case::os(
            vec![
                os("--actor"),
                raw(b"\xff"),
                os("client"),
                os("add"),
                os("x"),
            ],
            2,
            utf8,
        ),
        Case::os(
            vec![os("key"), os("verify"), os("--key"), raw(b"ak_\xff")],
            2,
            utf8,
        ),
        Case::os(
            vec![os("key"), os("inspect"), os("--key"), raw(b"\xed\xa0\x80")],
            2,
            utf8,
        ),
        Case::os(
            vec![
                os("key"),
                os("create"),
                os("--client"),
                os("alpha"),
                os("--label"),
                raw(b"\xff"),
            ],
            2,
            utf8,
        ),
        Case::os(vec![os("key"), os("show"), raw(b"\x80\x80")], 2, utf8),
        Case::os(
            vec![os("permission"), os("add"), raw(b"\xff:read")],
            2,
            utf8,
        ),
        Case::os(
            vec![
                os("role"),
                os("grant"),
                os("integration"),
                raw(b"bpjs:\xff"),
            ],
            2,
            utf8,
        ),
        Case::os(
            vec![
                os("user"),
                os("add"),
                raw(b"\xff@example.org"),
                os("--no-password"),
            ],
            2,
            utf8,
        ),
        Case::os(vec![os("audit"), os("--since"), raw(b"\xff")], 2, utf8),
        Case::os(vec![os("audit"), os("--action"), raw(b"key\xff")], 2, utf8),
        // Where a subcommand or a fixed value is expected, clap names that instead.
        Case::os(vec![raw(b"\xff")], 2, "unrecognized subcommand"),
        Case::os(
            vec![os("client"), raw(b"l\xffst")],
            2,
            "unrecognized subcommand",
        ),
        Case::os(
            vec![os("--format"), raw(b"\xff"), os("client"), os("list")],
            2,
            "invalid value",
        ),
        // Paths are bytes on Unix: these are fine as paths, and simply absent.
        Case::os(
            vec![os("--db"), bad_path(b"\xff.db"), os("client"), os("list")],
            3,
            "no store at",
        ),
        Case::os(vec![os("apply"), bad_path(b"\xff.json")], 2, "cannot read"),
        Case::os(vec![os("diff"), bad_path(b"\xff.json")], 2, "cannot read"),
        Case::os(
            vec![
                os("key"),
                os("import"),
                os("--client"),
                os("alpha"),
                bad_path(b"\xff"),
            ],
            2,
            "cannot read",
        ),
        Case::os(
            vec![os("scan"), bad_path(b"\xff")],
            3,
            "no file or directory",
        ),
        // The actor from the environment: not silently replaced by the OS user.
        case(&["client", "add", "x", "--no-key"], 2, "APIKEY_ACTOR")
            .env("APIKEY_ACTOR", raw(b"\xff")),
    ];
    f.check(&cases);
}

#[test]
fn malformed_apply_files_are_refused_cleanly() {
    let f = Fixture::new();
    let files: Vec<(&str, Vec<u8>)> = vec![
        (
            "count-many.toml",
            b"[[clients]]\nname = \"c\"\nkeys = [{ label = \"x\", count = \"many\" }]\n".to_vec(),
        ),
        ("roles-string.toml", b"[[clients]]\nname = \"c\"\nroles = \"x\"\n".to_vec()),
        ("count-negative.json", br#"{"clients": [{"name": "c", "keys": [{"count": -1}]}]}"#.to_vec()),
        (
            "count-huge.json",
            br#"{"clients": [{"name": "c", "keys": [{"count": 99999999999999999999}]}]}"#.to_vec(),
        ),
        (
            "count-u32-overflow.json",
            br#"{"clients": [{"name": "c", "keys": [{"count": 4294967296}]}]}"#.to_vec(),
        ),
        ("count-float.json", br#"{"clients": [{"name": "c", "keys": [{"count": 1.5}]}]}"#.to_vec()),
        ("clients-object.json", br#"{"clients": {"name": "c"}}"#.to_vec()),
        (
            "nested-garbage.json",
            br#"{"clients": [[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]}"#.to_vec(),
        ),
        ("null.json", b"null".to_vec()),
        ("number.json", b"42".to_vec()),
        ("string.json", br#""permissions""#.to_vec()),
        (
            "description-number.json",
            br#"{"permissions": [{"name": "x:y", "description": 5}]}"#.to_vec(),
        ),
        ("bad-email.json", br#"{"users": [{"email": "nope"}]}"#.to_vec()),
        ("bad-status.json", br#"{"clients": [{"name": "c", "status": "frozen"}]}"#.to_vec()),
        (
            "max-uses-zero.json",
            br#"{"clients": [{"name": "c", "keys": [{"max_uses": 0}]}]}"#.to_vec(),
        ),
        (
            "max-uses-over-i64.json",
            br#"{"clients": [{"name": "c", "keys": [{"max_uses": 9223372036854775808}]}]}"#.to_vec(),
        ),
        (
            "max-uses-negative.json",
            br#"{"clients": [{"name": "c", "keys": [{"max_uses": -1}]}]}"#.to_vec(),
        ),
        (
            "expires-in-huge.json",
            br#"{"clients": [{"name": "c", "keys": [{"expires_in": "99999999999999999999d"}]}]}"#
                .to_vec(),
        ),
        (
            "expires-in-zero.json",
            br#"{"clients": [{"name": "c", "keys": [{"expires_in": "0s"}]}]}"#.to_vec(),
        ),
        (
            "expires-at-past.json",
            br#"{"clients": [{"name": "c", "keys": [{"expires_at": "0001-01-01"}]}]}"#.to_vec(),
        ),
        (
            "expires-at-far.json",
            br#"{"clients": [{"name": "c", "keys": [{"expires_at": "9999-12-31T23:59:59Z"}]}]}"#
                .to_vec(),
        ),
        (
            "expires-both.json",
            br#"{"clients": [{"name": "c", "keys": [{"expires_in": "1d", "expires_at": "2030-01-01"}]}]}"#
                .to_vec(),
        ),
        ("bad-prefix.json", br#"{"clients": [{"name": "c", "keys": [{"prefix": "BAD"}]}]}"#.to_vec()),
        (
            "bad-cidr.json",
            br#"{"clients": [{"name": "c", "keys": [{"allowed_ips": ["x"]}]}]}"#.to_vec(),
        ),
        (
            "meta-number.json",
            br#"{"clients": [{"name": "c", "keys": [{"metadata": {"k": 5}}]}]}"#.to_vec(),
        ),
        (
            "meta-bad-key.json",
            br#"{"clients": [{"name": "c", "keys": [{"metadata": {"a b": "v"}}]}]}"#.to_vec(),
        ),
        (
            "label-control.json",
            br#"{"clients": [{"name": "c", "keys": [{"label": "a\nb"}]}]}"#.to_vec(),
        ),
        (
            "description-control.json",
            br#"{"clients": [{"name": "c", "description": "a\u0000b"}]}"#.to_vec(),
        ),
        (
            "unknown-permission.json",
            br#"{"roles": [{"name": "r", "permissions": ["nosuch:x"]}]}"#.to_vec(),
        ),
        ("unknown-role.json", br#"{"clients": [{"name": "c", "roles": ["nosuch"]}]}"#.to_vec()),
        ("duplicate-client.json", br#"{"clients": [{"name": "c"}, {"name": "C"}]}"#.to_vec()),
        (
            "duplicate-field.json",
            br#"{"clients": [{"name": "c"}], "clients": [{"name": "d"}]}"#.to_vec(),
        ),
        (
            "duplicate-label.json",
            br#"{"clients": [{"name": "c", "keys": [{"label": "a"}, {"label": "a"}]}]}"#.to_vec(),
        ),
        ("unknown-field.json", br#"{"clients": [{"name": "c", "colour": "red"}]}"#.to_vec()),
        ("client-name-sql.json", br#"{"clients": [{"name": "'; DROP TABLE clients; --"}]}"#.to_vec()),
        (
            "client-name-path.json",
            br#"{"clients": [{"name": "../../etc/passwd"}]}"#.to_vec(),
        ),
        ("lone-surrogate.json", br#"{"clients": [{"name": "\ud800"}]}"#.to_vec()),
        ("unclosed.toml", b"[[clients]\nname=".to_vec()),
        ("empty.json", Vec::new()),
        ("truncated.json", br#"{"clients": [{"name": "c", "ke"#.to_vec()),
        ("not-utf8.json", b"\xff\xfe{}".to_vec()),
        ("nul-in-toml.toml", b"[[clients]]\nname = \"a\x00b\"\n".to_vec()),
    ];
    let expected: Vec<(i32, &str)> = vec![
        (2, "invalid type: string \"many\", expected u32"),
        (2, "expected a sequence"),
        (2, "expected u32"),
        (2, "expected u32"),
        (2, "expected u32"),
        (2, "expected u32"),
        (2, "expected a sequence"),
        (2, "invalid type"),
        (2, "must be an object"),
        (2, "must be an object"),
        (2, "must be an object"),
        (2, "expected a string"),
        (2, "invalid email 'nope'"),
        (2, "unknown variant `frozen`"),
        (2, "max_uses must be between 1 and"),
        (2, "max_uses must be between 1 and"),
        (2, "expected u64"),
        (2, "invalid expires_in"),
        (2, "at least one second"),
        (2, "in the past"),
        (2, "9999-12-31T23:59:59Z"),
        (2, "not both"),
        (2, "'BAD'"),
        (2, "'x'"),
        (2, "expected a string"),
        (2, "'a b'"),
        (2, "control character"),
        (2, "control character"),
        (2, "unknown permission 'nosuch:x'"),
        (2, "unknown role 'nosuch'"),
        (2, "declared twice"),
        (2, "duplicate field `clients`"),
        (2, "used by two key groups"),
        (2, "unknown field `colour`"),
        (2, "not allowed"),
        (2, "not allowed"),
        (2, "surrogate"),
        (2, "line 1"),
        (2, "must be an object"),
        (2, "EOF while parsing"),
        (2, "not UTF-8 text"),
        (2, "line 2"),
    ];
    assert_eq!(files.len(), expected.len());
    let mut cases = Vec::new();
    for ((name, content), (code, message)) in files.iter().zip(&expected) {
        let path = f.file(name, content);
        cases.push(case(&["apply", &path], *code, message));
        // The dry run and diff read the file the same way.
        if name.ends_with(".toml") || name.starts_with("count-") {
            cases.push(case(&["apply", &path, "--dry-run"], *code, message));
            cases.push(case(&["diff", &path], *code, message));
        }
    }
    // 10 MB files: one valid JSON with a 10 MiB description, one of random bytes.
    let ten_mb = 10 * 1024 * 1024;
    let huge_description = f.file(
        "huge-description.json",
        format!(
            r#"{{"permissions": [{{"name": "p:x", "description": "{}"}}]}}"#,
            long(ten_mb)
        ),
    );
    cases.push(case(&["apply", &huge_description], 2, "the limit is 1024"));
    let noise_file = f.file("noise.json", noise(ten_mb));
    cases.push(case(&["apply", &noise_file], 2, "not UTF-8 text"));
    let deep = f.file(
        "deep.json",
        format!(
            r#"{{"clients": [{{"name": "c", "keys": [{{"metadata": {{"k": {}{}}}}}]}}]}}"#,
            "[".repeat(100_000),
            "]".repeat(100_000)
        ),
    );
    cases.push(case(&["apply", &deep], 2, "line 1"));
    let deep_toml = f.file(
        "deep.toml",
        format!("x = {}{}\n", "[".repeat(100_000), "]".repeat(100_000)),
    );
    cases.push(case(&["apply", &deep_toml], 2, "recurse"));
    // Standard input, a directory, a missing file, the wrong syntax.
    let json_file = f.file("ok.json", br#"{"clients": [{"name": "c"}]}"#);
    cases.extend([
        case(&["apply", "-"], 2, "EOF").stdin("{\"clients\": ["),
        case(&["apply", "-"], 2, "not UTF-8 text").stdin(noise(1 << 20)),
        case(&["diff", "-"], 2, "line 1").stdin("{"),
        case(&["apply", f.files.to_str().unwrap()], 2, "Is a directory"),
        case(&["apply", "/nonexistent/dir/file.json"], 2, "No such file"),
        case(&["apply", &json_file, "--file-format", "toml"], 2, "line 1"),
        case(
            &["apply", &json_file, "--file-format", "yaml"],
            2,
            "invalid value 'yaml'",
        ),
        case(
            &["apply", &json_file, "--secrets-out", &json_file],
            4,
            "already exists",
        ),
        case(&["diff", "/nonexistent/dir/file.json"], 2, "No such file"),
    ]);
    f.check(&cases);
}

#[test]
fn hostile_standard_input_is_refused_cleanly() {
    let f = Fixture::new();
    let mib = 1 << 20;
    let cases = vec![
        case(&["key", "verify"], 2, "no key on standard input"),
        case(&["key", "verify"], 2, "no key on standard input").stdin("\n"),
        case(&["key", "verify"], 2, "no key on standard input").stdin("   \n\t\n"),
        case(&["key", "verify"], 2, "too long").stdin(long(mib)),
        case(&["key", "verify"], 2, "standard input").stdin(noise(mib)),
        case(&["key", "verify"], 2, "not UTF-8").stdin(&b"\xff\xfe\n"[..]),
        case(&["key", "verify"], 5, "MALFORMED").stdin("ak_x\nak_y\n"),
        case(&["key", "verify"], 5, "MALFORMED").stdin("\u{0}\u{0}\u{0}x"),
        case(&["key", "verify"], 5, "MALFORMED").stdin(format!("{}\u{7}", f.secret)),
        case(&["key", "inspect"], 2, "too long").stdin(long(mib)),
        case(&["key", "inspect"], 2, "not UTF-8").stdin(&b"\xff\xfe"[..]),
        case(
            &["key", "import", "--client", "alpha", "-"],
            2,
            "holds no keys",
        ),
        case(
            &["key", "import", "--client", "alpha", "-"],
            2,
            "16 to 512 characters",
        )
        .stdin(long(mib)),
        case(&["key", "import", "--client", "alpha", "-"], 2, "UTF-8").stdin(noise(mib)),
        case(&["key", "import", "--client", "alpha", "-"], 2, "entry 1").stdin("[1,2,3]"),
        case(&["key", "import", "--client", "alpha", "-"], 2, "entry 1").stdin("[\"ak_bad\"]"),
        case(&["key", "import", "--client", "alpha", "-"], 2, "entry 1").stdin("[{\"key\": 5}]"),
        case(
            &["key", "import", "--client", "nosuch", "-"],
            3,
            "no client named",
        )
        .stdin(format!("{}\n", f.secret)),
        case(
            &["user", "add", "x@example.org", "--password-stdin"],
            2,
            "no password",
        ),
        case(
            &["user", "add", "x@example.org", "--password-stdin"],
            2,
            "too short",
        )
        .stdin("short\n"),
        case(
            &["user", "add", "x@example.org", "--password-stdin"],
            2,
            "too long",
        )
        .stdin(long(mib)),
        case(
            &["user", "add", "x@example.org", "--password-stdin"],
            2,
            "not UTF-8",
        )
        .stdin(&b"\xff\xfe\xfd\xfc\xfb\xfa\xf9\xf8\xf7\xf6\xf5\xf4\n"[..]),
        case(
            &["user", "passwd", "admin@example.org", "--password-stdin"],
            2,
            "no password",
        )
        .stdin("\n"),
        case(
            &["user", "passwd", "nosuch@example.org", "--password-stdin"],
            3,
            "no user",
        )
        .stdin("a perfectly fine password\n"),
        case(
            &["user", "verify", "admin@example.org", "--password-stdin"],
            5,
            "INVALID_CREDENTIALS",
        )
        .audited()
        .stdin("wrong password entirely\n"),
        case(&["user", "verify", "admin@example.org"], 2, "no terminal"),
        case(&["apply", "-"], 2, "line 1").stdin(long(mib)),
    ];
    f.check(&cases);
}

/// `--db` pointing at things that are not stores: refused with a clear message, and the
/// thing pointed at is left as it was. (A path with a NUL byte cannot be passed at all.)
#[test]
fn hostile_store_paths_are_refused_cleanly() {
    let f = Fixture::new();
    let dir = f.files.to_str().unwrap().to_owned();
    // A copy of /etc/passwd: tests may run as root, so the real one is never pointed at.
    let text_file = f.file(
        "passwd-copy",
        std::fs::read("/etc/passwd").unwrap_or_default(),
    );
    let empty_file = f.file("empty.db", b"");
    let link = f.files.join("link-to-dir.db");
    std::os::unix::fs::symlink(&f.files, &link).unwrap();
    let link = link.to_str().unwrap().to_owned();
    let missing = format!("{dir}/missing/sub/store.db");
    let watched: Vec<PathBuf> = vec![text_file.clone().into(), empty_file.clone().into()];
    let before: Vec<Vec<u8>> = watched.iter().map(|p| std::fs::read(p).unwrap()).collect();
    let with_db = |db: &str, rest: &[&str], code: i32, message: &str| -> Case {
        let mut args = vec!["--db", db];
        args.extend_from_slice(rest);
        case(&args, code, message)
    };
    let cases = vec![
        with_db("/dev/null", &["client", "list"], 2, "not a regular file"),
        with_db("/dev/null", &["audit", "verify"], 2, "not a regular file"),
        with_db("/dev/zero", &["client", "list"], 2, "not a regular file"),
        with_db(&dir, &["client", "list"], 2, "is a directory"),
        with_db(&dir, &["init"], 2, "is a directory"),
        with_db(&dir, &["client", "add", "x"], 2, "is a directory"),
        with_db(&link, &["client", "add", "x"], 2, "is a directory"),
        with_db(&text_file, &["client", "list"], 1, "not a database"),
        with_db(&text_file, &["client", "add", "x"], 1, "not a database"),
        with_db(&text_file, &["init"], 1, "not a database"),
        with_db(&text_file, &["audit", "verify"], 1, "not a database"),
        with_db(&empty_file, &["client", "list"], 3, "not an apikey store"),
        with_db(
            &empty_file,
            &["key", "verify", "--key", &f.secret],
            3,
            "not an apikey store",
        ),
        with_db(&missing, &["client", "list"], 3, "no store at"),
        with_db(
            &missing,
            &["key", "create", "--client", "x"],
            3,
            "no store at",
        ),
        with_db(&missing, &["client", "add", "bad name"], 2, "not allowed"),
        case(&["--db", "", "client", "list"], 2, "a value is required"),
        case(&["client", "list"], 2, "a value is required").env("APIKEY_DB", ""),
    ];
    f.check(&cases);
    for (path, bytes) in watched.iter().zip(&before) {
        assert_eq!(
            &std::fs::read(path).unwrap(),
            bytes,
            "{} changed",
            path.display()
        );
        assert!(
            !with_suffix(path, "-journal").exists(),
            "{}-journal left behind",
            path.display()
        );
        assert!(
            !with_suffix(path, "-wal").exists(),
            "{}-wal left behind",
            path.display()
        );
    }
    assert!(
        !Path::new(&missing).parent().unwrap().exists(),
        "a refused command created directories"
    );
}

/// A write command given a character device as its store must refuse it without
/// leaving files beside the device (SQLite would create `/dev/null-journal`).
#[test]
fn a_device_as_the_store_is_refused_without_leaving_a_journal_behind() {
    let journal = Path::new("/dev/null-journal");
    if journal.exists() {
        eprintln!(
            "skipped: {} exists already, so a new one could not be told apart",
            journal.display()
        );
        return;
    }
    let env = TestEnv::new();
    let mut problems = Vec::new();
    for args in [
        &["--db", "/dev/null", "init"][..],
        &["--db", "/dev/null", "client", "add", "x"],
    ] {
        let run = env.run(args);
        if ![1, 2].contains(&run.code) || run.stderr.contains("panicked") {
            problems.push(format!("{args:?}: {run:?}"));
        }
        if journal.exists() {
            problems.push(format!(
                "{args:?} left {} behind: {run:?}",
                journal.display()
            ));
            let _ = std::fs::remove_file(journal);
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
