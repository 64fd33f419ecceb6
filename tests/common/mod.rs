//! `TestEnv`: a temporary store and the real `apikey` binary, one per test.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{SystemTime, UNIX_EPOCH};

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

/// The engine the suite runs against: `APIKEY_TEST_ENGINE=postgres` (with
/// `APIKEY_TEST_POSTGRES` naming a running cluster, see `scripts/test-postgres`) or
/// SQLite, the default.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// The engine selected by `APIKEY_TEST_ENGINE` (`sqlite`, the default, or `postgres`).
pub fn engine() -> Engine {
    match std::env::var("APIKEY_TEST_ENGINE").as_deref() {
        Ok("postgres") | Ok("postgresql") => Engine::Postgres,
        Ok("") | Ok("sqlite") | Err(_) => Engine::Sqlite,
        Ok(other) => panic!("APIKEY_TEST_ENGINE={other:?}: expected sqlite or postgres"),
    }
}

/// Whether the suite runs against PostgreSQL.
pub fn is_postgres() -> bool {
    engine() == Engine::Postgres
}

/// The cluster the PostgreSQL run uses (`APIKEY_TEST_POSTGRES`, a URL without a
/// database, such as `postgres://postgres@127.0.0.1:5433`).
pub fn test_cluster() -> String {
    std::env::var("APIKEY_TEST_POSTGRES").unwrap_or_else(|_| {
        panic!("APIKEY_TEST_ENGINE=postgres needs APIKEY_TEST_POSTGRES=postgres://USER@127.0.0.1:PORT (scripts/test-postgres sets both)")
    })
}

/// Returns early from a test that is about SQLite's files (modes, WAL, locking, disk
/// space, foreign files, ...) when the suite runs against PostgreSQL, saying why.
#[macro_export]
macro_rules! sqlite_only {
    () => {
        $crate::sqlite_only!("it is about the SQLite store file")
    };
    ($why:expr) => {
        if $crate::common::is_postgres() {
            eprintln!("skipped under PostgreSQL (SQLite only): {}", $why);
            return;
        }
    };
}

/// A parameter of [`TestEnv::exec_sql`] and friends, the same on both engines.
#[derive(Clone, Debug, PartialEq)]
pub enum SqlArg {
    Null,
    Int(i64),
    Text(String),
}

/// What may be passed as an [`SqlArg`].
pub trait IntoSqlArg {
    fn sql_arg(&self) -> SqlArg;
}

impl IntoSqlArg for i64 {
    fn sql_arg(&self) -> SqlArg {
        SqlArg::Int(*self)
    }
}
impl IntoSqlArg for i32 {
    fn sql_arg(&self) -> SqlArg {
        SqlArg::Int(i64::from(*self))
    }
}
impl IntoSqlArg for u32 {
    fn sql_arg(&self) -> SqlArg {
        SqlArg::Int(i64::from(*self))
    }
}
impl IntoSqlArg for usize {
    fn sql_arg(&self) -> SqlArg {
        SqlArg::Int(i64::try_from(*self).expect("fits"))
    }
}
impl IntoSqlArg for bool {
    fn sql_arg(&self) -> SqlArg {
        SqlArg::Int(i64::from(*self))
    }
}
impl IntoSqlArg for str {
    fn sql_arg(&self) -> SqlArg {
        SqlArg::Text(self.to_owned())
    }
}
impl IntoSqlArg for String {
    fn sql_arg(&self) -> SqlArg {
        SqlArg::Text(self.clone())
    }
}
impl<T: IntoSqlArg + ?Sized> IntoSqlArg for &T {
    fn sql_arg(&self) -> SqlArg {
        (**self).sql_arg()
    }
}
impl<T: IntoSqlArg> IntoSqlArg for Option<T> {
    fn sql_arg(&self) -> SqlArg {
        self.as_ref().map_or(SqlArg::Null, IntoSqlArg::sql_arg)
    }
}
impl IntoSqlArg for SqlArg {
    fn sql_arg(&self) -> SqlArg {
        self.clone()
    }
}

impl IntoSqlArg for Cell {
    fn sql_arg(&self) -> SqlArg {
        match self {
            Cell::Null => SqlArg::Null,
            Cell::Int(i) => SqlArg::Int(*i),
            Cell::Text(s) => SqlArg::Text(s.clone()),
            other => panic!("no parameter for {other:?}"),
        }
    }
}

/// One cell a query returned, the same on both engines.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
    Blob(Vec<u8>),
}

impl Cell {
    /// The integer (`None` for NULL); panics on another type.
    pub fn int(&self) -> Option<i64> {
        match self {
            Cell::Null => None,
            Cell::Int(i) => Some(*i),
            other => panic!("not an integer: {other:?}"),
        }
    }

    /// The text (`None` for NULL); panics on another type.
    pub fn text(&self) -> Option<String> {
        match self {
            Cell::Null => None,
            Cell::Text(s) => Some(s.clone()),
            other => panic!("not text: {other:?}"),
        }
    }
}

impl rusqlite::ToSql for SqlArg {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::{ToSqlOutput, Value};
        Ok(ToSqlOutput::Owned(match self {
            SqlArg::Null => Value::Null,
            SqlArg::Int(i) => Value::Integer(*i),
            SqlArg::Text(s) => Value::Text(s.clone()),
        }))
    }
}

impl postgres::types::ToSql for SqlArg {
    /// Encodes as the type PostgreSQL inferred for the parameter (SMALLINT flags, BIGINT
    /// times, TEXT or CITEXT names), as SQLite's dynamic typing would take it.
    fn to_sql(
        &self,
        ty: &postgres::types::Type,
        out: &mut postgres::types::private::BytesMut,
    ) -> Result<postgres::types::IsNull, Box<dyn std::error::Error + Sync + Send>> {
        use postgres::types::{IsNull, Type};
        let int = match self {
            SqlArg::Null => return Ok(IsNull::Yes),
            SqlArg::Int(i) => Some(*i),
            SqlArg::Text(s) => match *ty {
                Type::INT2 | Type::INT4 | Type::INT8 | Type::BOOL => Some(s.parse::<i64>()?),
                _ => None,
            },
        };
        match (int, self) {
            (Some(i), _) => match *ty {
                Type::INT2 => i16::try_from(i)?.to_sql(ty, out),
                Type::INT4 => i32::try_from(i)?.to_sql(ty, out),
                Type::BOOL => (i != 0).to_sql(ty, out),
                #[allow(clippy::cast_precision_loss)]
                Type::FLOAT8 => (i as f64).to_sql(ty, out),
                Type::INT8 => i.to_sql(ty, out),
                _ => i.to_string().as_str().to_sql(ty, out),
            },
            (None, SqlArg::Text(s)) => s.as_str().to_sql(ty, out),
            (None, _) => Ok(IsNull::Yes),
        }
    }

    fn accepts(_: &postgres::types::Type) -> bool {
        true
    }

    postgres::types::to_sql_checked!();
}

/// `?N` placeholders (SQLite's) as `$N` (PostgreSQL's), outside quoted text.
/// `args` as the postgres crate's parameter list.
fn pg_refs(args: &[SqlArg]) -> Vec<&(dyn postgres::types::ToSql + Sync)> {
    args.iter()
        .map(|a| a as &(dyn postgres::types::ToSql + Sync))
        .collect()
}

fn pg_placeholders(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut quoted = false;
    for c in sql.chars() {
        match c {
            '\'' => {
                quoted = !quoted;
                out.push(c);
            }
            '?' if !quoted => out.push('$'),
            c => out.push(c),
        }
    }
    out
}

fn pg_cell(row: &postgres::Row, i: usize) -> Cell {
    use postgres::types::Type;
    let ty = row.columns()[i].type_();
    let cell = match *ty {
        Type::INT2 => row
            .get::<_, Option<i16>>(i)
            .map(|v| Cell::Int(i64::from(v))),
        Type::INT4 => row
            .get::<_, Option<i32>>(i)
            .map(|v| Cell::Int(i64::from(v))),
        Type::INT8 => row.get::<_, Option<i64>>(i).map(Cell::Int),
        Type::BOOL => row
            .get::<_, Option<bool>>(i)
            .map(|v| Cell::Int(i64::from(v))),
        Type::FLOAT4 => row
            .get::<_, Option<f32>>(i)
            .map(|v| Cell::Real(f64::from(v))),
        Type::FLOAT8 => row.get::<_, Option<f64>>(i).map(Cell::Real),
        Type::BYTEA => row.get::<_, Option<Vec<u8>>>(i).map(Cell::Blob),
        _ => row.get::<_, Option<String>>(i).map(Cell::Text),
    };
    cell.unwrap_or(Cell::Null)
}

fn sqlite_cell(value: rusqlite::types::ValueRef<'_>) -> Cell {
    use rusqlite::types::ValueRef;
    match value {
        ValueRef::Null => Cell::Null,
        ValueRef::Integer(i) => Cell::Int(i),
        ValueRef::Real(r) => Cell::Real(r),
        ValueRef::Text(t) => Cell::Text(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => Cell::Blob(b.to_vec()),
    }
}

/// The advisory lock key of a PostgreSQL store's write transactions ("apikey" in ASCII).
pub const PG_WRITE_LOCK: i64 = 0x6170_696b_6579;

/// The store's write lock, held by the test (see [`TestEnv::hold_write_lock`]).
pub enum WriteLock {
    Sqlite(rusqlite::Connection),
    Postgres(postgres::Client),
}

impl WriteLock {
    /// Rolls back the holding transaction, releasing the lock.
    pub fn release(self) {
        match self {
            WriteLock::Sqlite(conn) => conn.execute_batch("ROLLBACK").expect("unlock"),
            WriteLock::Postgres(mut client) => client.batch_execute("ROLLBACK").expect("unlock"),
        }
    }
}

/// A temp directory holding the store `apikey.db` (or, under PostgreSQL, a database of
/// its own on the test cluster), and helpers to run the binary on it.
pub struct TestEnv {
    dir: TempDir,
    db: PathBuf,
    /// The PostgreSQL store's URL, when the suite runs against PostgreSQL.
    url: Option<String>,
}

impl Drop for TestEnv {
    fn drop(&mut self) {
        if let Some(url) = &self.url {
            crate::pg_support::drop_database(url);
        }
    }
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
        let url = is_postgres().then(|| crate::pg_support::create_database(&test_cluster()));
        TestEnv { dir, db, url }
    }

    /// A store in the PostgreSQL database at `url` (empty until a command writes),
    /// whatever the suite's engine; the database is dropped with the env.
    pub fn on_postgres(url: String) -> TestEnv {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("apikey.db");
        TestEnv {
            dir,
            db,
            url: Some(url),
        }
    }

    /// A fresh SQLite store directory, whatever the engine (for tests of SQLite files
    /// beside a PostgreSQL run).
    pub fn new_sqlite() -> TestEnv {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("apikey.db");
        TestEnv { dir, db, url: None }
    }

    /// Whether this store is a PostgreSQL database.
    pub fn is_postgres(&self) -> bool {
        self.url.is_some()
    }

    /// The PostgreSQL store's URL, if it is one.
    pub fn url(&self) -> Option<&str> {
        self.url.as_deref()
    }

    /// What `APIKEY_DB` / `--db` names: the database URL, else the store file.
    pub fn store(&self) -> &std::ffi::OsStr {
        match &self.url {
            Some(url) => url.as_ref(),
            None => self.db.as_os_str(),
        }
    }

    /// The store as apikey shows it in messages (the URL, else the path).
    pub fn store_display(&self) -> String {
        match &self.url {
            Some(url) => url.clone(),
            None => self.db.display().to_string(),
        }
    }

    /// Whether a store was created: the file exists, or the database has tables.
    pub fn store_exists(&self) -> bool {
        match &self.url {
            Some(_) => {
                self.query_i64(
                    "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()",
                    &[],
                ) != Some(0)
            }
            None => self.db.exists(),
        }
    }

    /// Takes the store's write lock from this process, as another writer would: SQLite's
    /// `BEGIN IMMEDIATE`, or under PostgreSQL the advisory lock apikey's write
    /// transactions take (store/postgres.rs `WRITE_LOCK`). Held until released or
    /// dropped.
    pub fn hold_write_lock(&self) -> WriteLock {
        if self.url.is_some() {
            let mut client = self.pg();
            client
                .batch_execute(&format!(
                    "BEGIN; SELECT pg_advisory_xact_lock({PG_WRITE_LOCK})"
                ))
                .expect("take the write lock");
            WriteLock::Postgres(client)
        } else {
            let conn = self.sql();
            conn.execute_batch("BEGIN IMMEDIATE").expect("lock");
            WriteLock::Sqlite(conn)
        }
    }

    /// Whether another writer could take the write lock now (without waiting).
    pub fn write_lock_is_free(&self) -> bool {
        if self.url.is_some() {
            let mut client = self.pg();
            let free: bool = client
                .query_one(
                    &format!("SELECT pg_try_advisory_lock({PG_WRITE_LOCK})"),
                    &[],
                )
                .expect("try the write lock")
                .get(0);
            free
        } else {
            let probe = self.sql();
            probe.busy_timeout(std::time::Duration::ZERO).unwrap();
            match probe.execute_batch("BEGIN IMMEDIATE") {
                Ok(()) => true,
                Err(err) => {
                    assert_eq!(
                        err.sqlite_error_code(),
                        Some(rusqlite::ErrorCode::DatabaseBusy),
                        "{err}"
                    );
                    false
                }
            }
        }
    }

    /// A new connection to the PostgreSQL store (panics for SQLite).
    pub fn pg_client(&self) -> postgres::Client {
        self.pg()
    }

    fn pg(&self) -> postgres::Client {
        let url = self.url.as_deref().expect("a PostgreSQL store");
        postgres::Client::connect(url, postgres::NoTls)
            .unwrap_or_else(|e| panic!("connect to {url}: {e}"))
    }

    /// Runs one statement (SQLite's `?N` placeholders, on either engine); returns the
    /// rows changed.
    #[track_caller]
    pub fn exec_sql(&self, sql: &str, params: &[&dyn IntoSqlArg]) -> usize {
        let args: Vec<SqlArg> = params.iter().map(|p| p.sql_arg()).collect();
        if self.url.is_some() {
            let n = self
                .pg()
                .execute(pg_placeholders(sql).as_str(), &pg_refs(&args))
                .unwrap_or_else(|e| panic!("{sql}: {e:?}"));
            usize::try_from(n).expect("fits")
        } else {
            self.sql()
                .execute(sql, rusqlite::params_from_iter(args.iter()))
                .unwrap_or_else(|e| panic!("{sql}: {e}"))
        }
    }

    /// Runs several statements (no parameters), such as a whole script.
    #[track_caller]
    pub fn exec_batch(&self, sql: &str) {
        if self.url.is_some() {
            self.pg()
                .batch_execute(sql)
                .unwrap_or_else(|e| panic!("{sql}: {e:?}"));
        } else {
            self.sql()
                .execute_batch(sql)
                .unwrap_or_else(|e| panic!("{sql}: {e}"));
        }
    }

    /// Every row of a query, on either engine.
    #[track_caller]
    pub fn query_rows(&self, sql: &str, params: &[&dyn IntoSqlArg]) -> Vec<Vec<Cell>> {
        let args: Vec<SqlArg> = params.iter().map(|p| p.sql_arg()).collect();
        if self.url.is_some() {
            let rows = self
                .pg()
                .query(pg_placeholders(sql).as_str(), &pg_refs(&args))
                .unwrap_or_else(|e| panic!("{sql}: {e:?}"));
            rows.iter()
                .map(|row| (0..row.len()).map(|i| pg_cell(row, i)).collect())
                .collect()
        } else {
            let conn = self.sql();
            let mut stmt = conn.prepare(sql).unwrap_or_else(|e| panic!("{sql}: {e}"));
            let columns = stmt.column_count();
            let mut rows = stmt
                .query(rusqlite::params_from_iter(args.iter()))
                .unwrap_or_else(|e| panic!("{sql}: {e}"));
            let mut out = Vec::new();
            while let Some(row) = rows.next().expect("row") {
                out.push(
                    (0..columns)
                        .map(|i| sqlite_cell(row.get_ref(i).expect("cell")))
                        .collect(),
                );
            }
            out
        }
    }

    /// The single row of a query; panics unless there is exactly one.
    #[track_caller]
    pub fn query_row(&self, sql: &str, params: &[&dyn IntoSqlArg]) -> Vec<Cell> {
        let mut rows = self.query_rows(sql, params);
        assert_eq!(rows.len(), 1, "{sql} returned {} rows", rows.len());
        rows.remove(0)
    }

    /// The first column of the single row of a query, as an integer (`None` for NULL).
    #[track_caller]
    pub fn query_i64(&self, sql: &str, params: &[&dyn IntoSqlArg]) -> Option<i64> {
        self.query_row(sql, params)[0].int()
    }

    /// The first column of the single row of a query, as text (`None` for NULL).
    #[track_caller]
    pub fn query_text(&self, sql: &str, params: &[&dyn IntoSqlArg]) -> Option<String> {
        self.query_row(sql, params)[0].text()
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
            .env("APIKEY_DB", self.store())
            .env("HOME", self.dir.path())
            .env("APIKEY_ACTOR", "tester")
            .env("PATH", std::env::var_os("PATH").unwrap_or_default());
        cmd
    }

    /// A read-write SQLite connection to the store, to arrange states (such as an
    /// expiry in the past) without waiting.
    /// SQLite only: see [`TestEnv::exec_sql`] and [`TestEnv::query_rows`] for both.
    #[track_caller]
    pub fn sql(&self) -> rusqlite::Connection {
        assert!(
            self.url.is_none(),
            "TestEnv::sql() opens the SQLite file; under PostgreSQL use exec_sql/query_rows, or mark the test sqlite_only!()"
        );
        rusqlite::Connection::open(&self.db).expect("open store")
    }

    /// Sets a key's `expires_at` to `secs` Unix seconds, directly in the store.
    pub fn set_key_expiry(&self, id: &str, secs: i64) {
        let n = self.exec_sql(
            "UPDATE api_keys SET expires_at = ?1 WHERE id = ?2",
            &[&secs, &id],
        );
        assert_eq!(n, 1, "no key {id}");
    }

    /// One integer column of a key's row (`expires_at`, `use_count`, ...).
    pub fn key_column(&self, id: &str, column: &str) -> Option<i64> {
        self.query_i64(
            &format!("SELECT {column} FROM api_keys WHERE id = ?1"),
            &[&id],
        )
    }

    /// The raw bytes of the store file and of its `-wal` file, if any. Under PostgreSQL,
    /// whose files are the server's, the text of every row ([`TestEnv::dump`]).
    pub fn store_bytes(&self) -> Vec<u8> {
        if self.url.is_some() {
            return self.dump().into_bytes();
        }
        let mut bytes = std::fs::read(&self.db).unwrap_or_default();
        let mut wal = self.db.clone().into_os_string();
        wal.push("-wal");
        bytes.extend(std::fs::read(wal).unwrap_or_default());
        bytes
    }

    /// An open SQLite connection that keeps the WAL from being checkpointed away as
    /// each command exits, so that what the commands wrote can be searched in its bytes
    /// too; `None` on PostgreSQL, whose files are the server's (there the store is
    /// searched as its rows).
    pub fn hold_wal_open(&self) -> Option<rusqlite::Connection> {
        if self.url.is_some() {
            return None;
        }
        let keep = self.sql();
        let _: i64 = keep
            .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
            .expect("read the store");
        Some(keep)
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
        if self.url.is_some() {
            return self.dump_postgres();
        }
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

    /// [`TestEnv::dump`] of a PostgreSQL store: every table of the current schema (the
    /// schema version is in `apikey_schema`), rows ordered by every column.
    fn dump_postgres(&self) -> String {
        let mut client = self.pg();
        let tables: Vec<String> = client
            .query(
                "SELECT tablename::text FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1",
                &[],
            )
            .expect("tables")
            .iter()
            .map(|r| r.get(0))
            .collect();
        let mut out = String::new();
        for table in tables {
            out.push_str(&format!("[{table}]\n"));
            let columns = client
                .prepare(&format!("SELECT * FROM \"{table}\""))
                .expect("select")
                .columns()
                .len();
            let order: Vec<String> = (1..=columns).map(|i| i.to_string()).collect();
            let sql = if columns == 0 {
                format!("SELECT * FROM \"{table}\"")
            } else {
                format!("SELECT * FROM \"{table}\" ORDER BY {}", order.join(", "))
            };
            for row in client.query(sql.as_str(), &[]).expect("rows") {
                let cells: Vec<String> = (0..columns)
                    .map(|i| format!("{:?}", pg_cell(&row, i)))
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
