//! `TestEnv`: a temporary store and the real `apikey` binary, one per test.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{SystemTime, UNIX_EPOCH};

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

/// A temp directory holding the store `apikey.db`, and helpers to run the binary on it.
pub struct TestEnv {
    dir: TempDir,
    db: PathBuf,
}

/// What one run of the binary produced.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// The result of a command run through [`TestEnv::cmd`].
    pub fn from_output(output: Output) -> Run {
        Run::from(output)
    }

    fn from(output: Output) -> Run {
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// Parses stdout as JSON.
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {self:?}"))
    }

    /// Asserts the exit code, showing the whole run on failure.
    #[track_caller]
    pub fn code(&self, expected: i32) -> &Run {
        assert_eq!(self.code, expected, "unexpected exit code: {self:#?}");
        self
    }

    /// Asserts stderr contains `text`.
    #[track_caller]
    pub fn stderr_has(&self, text: &str) -> &Run {
        assert!(
            self.stderr.contains(text),
            "stderr lacks {text:?}: {self:#?}"
        );
        self
    }

    /// Asserts stderr is exactly one line (a trailing newline allowed).
    #[track_caller]
    pub fn stderr_one_line(&self) -> &Run {
        let body = self.stderr.strip_suffix('\n').unwrap_or(&self.stderr);
        assert!(
            !body.is_empty() && !body.contains('\n'),
            "stderr is not one line: {self:#?}"
        );
        self
    }

    /// Parses stderr as JSON (the `--json` error object).
    pub fn stderr_json(&self) -> Value {
        serde_json::from_str(self.stderr.trim())
            .unwrap_or_else(|e| panic!("stderr is not JSON ({e}): {self:#?}"))
    }

    /// The value of a `field  value` line of a record printed as text, if present.
    pub fn field(&self, name: &str) -> Option<String> {
        self.stdout.lines().find_map(|line| {
            let rest = line.strip_prefix(name)?;
            rest.starts_with("  ").then(|| rest.trim().to_owned())
        })
    }

    /// Like [`Run::field`], but the field must be present.
    #[track_caller]
    pub fn field_is(&self, name: &str, expected: &str) -> &Run {
        assert_eq!(
            self.field(name).as_deref(),
            Some(expected),
            "field {name:?}: {self:#?}"
        );
        self
    }

    /// Asserts stdout contains `text`.
    #[track_caller]
    pub fn stdout_has(&self, text: &str) -> &Run {
        assert!(
            self.stdout.contains(text),
            "stdout lacks {text:?}: {self:#?}"
        );
        self
    }
}

/// The `apikey` binary built for these tests.
pub fn bin() -> PathBuf {
    assert_cmd::cargo::cargo_bin("apikey")
}

/// The current time in whole Unix seconds.
pub fn unix_now() -> i64 {
    let since = SystemTime::now().duration_since(UNIX_EPOCH).expect("clock");
    i64::try_from(since.as_secs()).expect("time fits")
}

/// Asserts `actual` is within `slack` seconds of `expected`.
#[track_caller]
pub fn assert_about(actual: i64, expected: i64, slack: i64) {
    assert!(
        (actual - expected).abs() <= slack,
        "{actual} is not within {slack}s of {expected} (off by {})",
        actual - expected
    );
}

/// Asserts `text` is a plain (borderless, colourless) table whose header row holds
/// `headers` and whose every row starts a cell at each header's column.
#[track_caller]
pub fn assert_plain_table(text: &str, headers: &[&str]) {
    assert!(
        !text.contains('\u{1b}') && !text.contains('│') && !text.contains('─'),
        "table has colour or borders:\n{text}"
    );
    let lines: Vec<&str> = text.lines().collect();
    let header_at = lines
        .iter()
        .position(|l| headers.iter().all(|h| l.contains(h)))
        .unwrap_or_else(|| panic!("no header row with {headers:?}:\n{text}"));
    let header = lines[header_at];
    let rows: Vec<&str> = lines[header_at + 1..]
        .iter()
        .take_while(|l| !l.trim().is_empty())
        .copied()
        .collect();
    assert!(!rows.is_empty(), "table has no rows:\n{text}");
    for h in headers {
        let col = header.find(h).expect("header");
        assert!(
            col == 0 || header[..col].ends_with("  "),
            "header {h:?} not separated:\n{text}"
        );
        for row in &rows {
            let bytes = row.as_bytes();
            assert!(
                bytes.len() > col && bytes[col] != b' ' && (col == 0 || bytes[col - 1] == b' '),
                "row not aligned under {h:?}:\n{text}"
            );
        }
    }
}

impl TestEnv {
    /// A fresh directory with no store in it yet.
    pub fn new() -> TestEnv {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("apikey.db");
        TestEnv { dir, db }
    }

    /// A fresh store with the schema created.
    pub fn init() -> TestEnv {
        let env = TestEnv::new();
        env.run(&["init"]).code(0);
        env
    }

    /// The store file.
    pub fn db(&self) -> &Path {
        &self.db
    }

    /// The temp directory.
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// The binary, pointed at this store, with a clean environment.
    pub fn cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("apikey").expect("binary");
        cmd.env_clear()
            .env("APIKEY_DB", &self.db)
            .env("HOME", self.dir.path())
            .env("APIKEY_ACTOR", "tester")
            .env("PATH", std::env::var_os("PATH").unwrap_or_default());
        cmd
    }

    /// A read-write SQLite connection to the store, to arrange states (such as an
    /// expiry in the past) without waiting.
    pub fn sql(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(&self.db).expect("open store")
    }

    /// Sets a key's `expires_at` to `secs` Unix seconds, directly in the store.
    pub fn set_key_expiry(&self, id: &str, secs: i64) {
        let n = self
            .sql()
            .execute(
                "UPDATE api_keys SET expires_at = ?1 WHERE id = ?2",
                rusqlite::params![secs, id],
            )
            .expect("update");
        assert_eq!(n, 1, "no key {id}");
    }

    /// One integer column of a key's row (`expires_at`, `use_count`, ...).
    pub fn key_column(&self, id: &str, column: &str) -> Option<i64> {
        self.sql()
            .query_row(
                &format!("SELECT {column} FROM api_keys WHERE id = ?1"),
                [id],
                |r| r.get(0),
            )
            .expect("key row")
    }

    /// The raw bytes of the store file and of its `-wal` file, if any.
    pub fn store_bytes(&self) -> Vec<u8> {
        let mut bytes = std::fs::read(&self.db).unwrap_or_default();
        let mut wal = self.db.clone().into_os_string();
        wal.push("-wal");
        bytes.extend(std::fs::read(wal).unwrap_or_default());
        bytes
    }

    /// Runs with `args` and empty stdin.
    pub fn run(&self, args: &[&str]) -> Run {
        Run::from(self.cmd().args(args).write_stdin("").output().expect("run"))
    }

    /// Runs with `args` and `stdin`.
    pub fn run_stdin(&self, args: &[&str], stdin: &str) -> Run {
        Run::from(
            self.cmd()
                .args(args)
                .write_stdin(stdin.to_owned())
                .output()
                .expect("run"),
        )
    }

    /// Runs with `--json` prepended, asserts success and returns the parsed output.
    #[track_caller]
    pub fn json(&self, args: &[&str]) -> Value {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        let run = self.run(&all);
        run.code(0);
        run.json()
    }

    /// Adds a client (with its first key) and returns that key's secret.
    pub fn add_client(&self, name: &str) -> String {
        let out = self.json(&["client", "add", name]);
        out["key"]["secret"].as_str().expect("secret").to_owned()
    }

    /// Creates a key for `client` with extra `args`; returns (id, secret).
    pub fn create_key(&self, client: &str, args: &[&str]) -> (String, String) {
        let mut all = vec!["key", "create", "--client", client];
        all.extend_from_slice(args);
        let out = self.json(&all);
        (
            out["id"].as_str().expect("id").to_owned(),
            out["secret"].as_str().expect("secret").to_owned(),
        )
    }

    /// Every table's rows and the schema version, as text: equal dumps mean an
    /// unchanged store. Empty if there is no store.
    pub fn dump(&self) -> String {
        if !self.db.exists() {
            return String::new();
        }
        let conn = rusqlite::Connection::open_with_flags(
            &self.db,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
        )
        .expect("open store");
        let mut out = String::new();
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .expect("user_version");
        out.push_str(&format!("user_version={version}\n"));
        let tables: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
            .expect("prepare")
            .query_map([], |r| r.get(0))
            .expect("query")
            .collect::<Result<_, _>>()
            .expect("tables");
        for table in tables {
            out.push_str(&format!("[{table}]\n"));
            let columns = conn
                .prepare(&format!("SELECT * FROM \"{table}\""))
                .expect("select")
                .column_count();
            // Order by every column: some tables are WITHOUT ROWID.
            let order: Vec<String> = (1..=columns).map(|i| i.to_string()).collect();
            let mut stmt = conn
                .prepare(&format!(
                    "SELECT * FROM \"{table}\" ORDER BY {}",
                    order.join(", ")
                ))
                .expect("select");
            let mut rows = stmt.query([]).expect("rows");
            while let Some(row) = rows.next().expect("row") {
                let cells: Vec<String> = (0..columns)
                    .map(|i| format!("{:?}", row.get_ref(i).expect("cell")))
                    .collect();
                out.push_str(&cells.join("|"));
                out.push('\n');
            }
        }
        out
    }

    /// Runs `args`, asserting exit `code`, that stderr names `message`, and that the
    /// store is unchanged. Returns the run for further checks.
    #[track_caller]
    pub fn rejects(&self, args: &[&str], code: i32, message: &str) -> Run {
        self.rejects_stdin(args, "", code, message)
    }

    /// Like [`TestEnv::rejects`], with `stdin`.
    #[track_caller]
    pub fn rejects_stdin(&self, args: &[&str], stdin: &str, code: i32, message: &str) -> Run {
        self.rejects_any(args, stdin, &[code], message)
    }

    /// Like [`TestEnv::rejects_stdin`], accepting any of `codes` (for inputs where more
    /// than one documented code is a fair answer).
    #[track_caller]
    pub fn rejects_any(&self, args: &[&str], stdin: &str, codes: &[i32], message: &str) -> Run {
        let before = self.dump();
        let run = self.run_stdin(args, stdin);
        assert!(
            codes.contains(&run.code),
            "exit code not in {codes:?}: {run:#?}"
        );
        run.stderr_has(message);
        assert!(
            run.stdout.is_empty(),
            "rejected {args:?} printed on stdout: {run:#?}"
        );
        assert!(
            !run.stderr.contains("panicked"),
            "panic on {args:?}: {}",
            run.stderr
        );
        assert_eq!(before, self.dump(), "store changed by rejected {args:?}");
        run
    }
}

/// A tmpfs of `kib` KiB on a new directory, unmounted on drop; `None` (with a message)
/// where mounting is not allowed, unless in CI, where it must work.
pub struct Disk(pub PathBuf);

impl Disk {
    pub fn mount(env: &TestEnv, kib: u32) -> Option<Disk> {
        let dir = env.dir().join(format!("disk-{kib}k"));
        std::fs::create_dir(&dir).expect("mount point");
        let mounted = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={kib}k"), "tmpfs"])
            .arg(&dir)
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if mounted {
            return Some(Disk(dir));
        }
        assert!(
            std::env::var_os("CI").is_none(),
            "cannot mount a tmpfs in CI"
        );
        eprintln!("skipped: cannot mount a tmpfs here (needs root)");
        None
    }
}

impl Drop for Disk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
    }
}
