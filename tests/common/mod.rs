//! `TestEnv`: a temporary store and the real `apikey` binary, one per test.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;

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
        let before = self.dump();
        let run = self.run_stdin(args, stdin);
        run.code(code).stderr_has(message);
        assert!(
            !run.stderr.contains("panicked"),
            "panic on {args:?}: {}",
            run.stderr
        );
        assert_eq!(before, self.dump(), "store changed by rejected {args:?}");
        run
    }
}
