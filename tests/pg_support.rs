//! `PgCluster`: a throwaway PostgreSQL cluster in a temp directory, on a free loopback
//! port, for the tests of the PostgreSQL engine and for running the suite under it
//! (`scripts/test-postgres`).

#![allow(dead_code)]

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use tempfile::TempDir;

/// Where Debian puts the server's binaries (initdb, pg_ctl, postgres).
const PG_BIN: &str = "/usr/lib/postgresql/15/bin";

/// The directory holding initdb and pg_ctl: `APIKEY_TEST_PG_BIN`, else Debian's.
pub fn pg_bin() -> PathBuf {
    std::env::var_os("APIKEY_TEST_PG_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(PG_BIN))
}

/// Whether the PostgreSQL server binaries are installed.
pub fn pg_available() -> bool {
    let bin = pg_bin();
    ["initdb", "pg_ctl", "postgres"]
        .iter()
        .all(|b| bin.join(b).is_file())
}

/// A cluster to test with, or `None` (after saying so) where PostgreSQL is not
/// installed. In CI (`CI=true`) a missing PostgreSQL is a failure, never a skip.
pub fn require_pg() -> Option<PgCluster> {
    if !pg_available() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "PostgreSQL is not installed ({} lacks initdb, pg_ctl or postgres) and CI=true",
            pg_bin().display()
        );
        eprintln!("skipped: PostgreSQL not installed");
        return None;
    }
    Some(PgCluster::start())
}

/// Runs `command` to its end; panics with `what` and its standard error if it fails.
pub fn succeeds(command: &mut Command, what: &str) {
    let out = command
        .output()
        .unwrap_or_else(|e| panic!("cannot run {what}: {e}"));
    assert!(
        out.status.success(),
        "{what} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A loopback TCP port nothing listens on now.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free loopback port")
        .port()
}

fn is_root() -> bool {
    // The owner of /proc/self is the process's effective uid.
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

/// A running cluster: superuser `postgres`, trust authentication, loopback only.
pub struct PgCluster {
    dir: TempDir,
    port: u16,
}

impl PgCluster {
    /// initdb in a new temp directory, then starts the server on a free loopback port
    /// and waits until it accepts connections.
    pub fn start() -> PgCluster {
        let dir = tempfile::Builder::new()
            .prefix("apikey-pg-")
            .tempdir()
            .expect("temp dir");
        if is_root() {
            // initdb and postgres refuse root: the cluster belongs to `postgres`.
            let status = Command::new("chown")
                .args(["-R", "postgres:postgres"])
                .arg(dir.path())
                .status()
                .expect("chown");
            assert!(status.success(), "chown of the cluster dir failed");
        }
        let cluster = PgCluster {
            dir,
            port: free_port(),
        };
        let data = cluster.data();
        succeeds(
            cluster
                .pg_command("initdb")
                .args([
                    "--auth=trust",
                    "--username=postgres",
                    "--no-sync",
                    "-E",
                    "UTF8",
                ])
                // A locale whose order is not the bytes' (as most production databases'),
                // so that tests see the schema's COLLATE "C" at work.
                .args([
                    "--locale=C.UTF-8",
                    "--locale-provider=icu",
                    "--icu-locale=en-US",
                ])
                .arg("-D")
                .arg(&data)
                .stdout(Stdio::null()),
            "initdb",
        );
        cluster.start_again();
        cluster
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// The cluster's directory (data, socket and log).
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// The loopback port the server listens on.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// A command running `bin` from the server's binaries, as `postgres` when root.
    fn pg_command(&self, bin: &str) -> Command {
        let path = pg_bin().join(bin);
        let mut cmd = if is_root() {
            let mut cmd = Command::new("runuser");
            cmd.args(["-u", "postgres", "--"]).arg(path);
            cmd
        } else {
            Command::new(path)
        };
        cmd.current_dir(self.dir.path()).stdin(Stdio::null());
        cmd
    }

    /// The URL of database `db` on this cluster.
    pub fn url(&self, db: &str) -> String {
        format!("postgres://postgres@127.0.0.1:{}/{db}", self.port)
    }

    /// The URL of the cluster without a database (what `APIKEY_TEST_POSTGRES` holds).
    pub fn base_url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}", self.port)
    }

    /// Creates a new, empty database with a unique name; returns its URL.
    pub fn create_database(&self) -> String {
        create_database(&self.base_url())
    }

    /// Stops the server (`pg_ctl stop -m fast`), keeping its data.
    pub fn stop(&self) {
        succeeds(
            self.pg_command("pg_ctl")
                .args(["stop", "-w", "-m", "fast", "-D"])
                .arg(self.data()),
            "pg_ctl stop",
        );
    }

    /// Starts the server (again) on the same port and waits until it is ready.
    pub fn start_again(&self) {
        let options = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300",
            self.port,
            self.dir.path().display()
        );
        let out = self
            .pg_command("pg_ctl")
            .args(["start", "-w", "-t", "60", "-D"])
            .arg(self.data())
            .arg("-l")
            .arg(self.dir.path().join("server.log"))
            .arg("-o")
            .arg(options)
            .stdout(Stdio::null())
            .output()
            .expect("run pg_ctl start");
        if !out.status.success() {
            let log =
                std::fs::read_to_string(self.dir.path().join("server.log")).unwrap_or_default();
            panic!(
                "pg_ctl start failed: {}\n{log}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        wait_ready(&self.url("postgres"));
    }
}

impl Drop for PgCluster {
    fn drop(&mut self) {
        let _ = self
            .pg_command("pg_ctl")
            .args(["stop", "-w", "-m", "immediate", "-D"])
            .arg(self.data())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        // The TempDir removes the directory.
    }
}

/// Waits (up to 30 s) until the server at `url` answers a query.
fn wait_ready(url: &str) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let answer = postgres::Client::connect(url, postgres::NoTls)
            .and_then(|mut client| client.simple_query("SELECT 1").map(drop));
        match answer {
            Ok(()) => return,
            Err(_) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => panic!("PostgreSQL at {url} does not answer: {e}"),
        }
    }
}

/// Creates a new, empty database with a unique name on the cluster at `base` (a URL
/// without a database); returns its URL.
pub fn create_database(base: &str) -> String {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or_default();
    let name = format!(
        "apikey_test_{}_{}_{nanos}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    );
    let base = base.trim_end_matches('/');
    let mut admin = postgres::Client::connect(&format!("{base}/postgres"), postgres::NoTls)
        .unwrap_or_else(|e| panic!("cannot connect to the test cluster at {base}: {e}"));
    admin
        .batch_execute(&format!("CREATE DATABASE {name} TEMPLATE template0"))
        .unwrap_or_else(|e| panic!("CREATE DATABASE {name}: {e}"));
    format!("{base}/{name}")
}

/// Drops the database at `url` (best effort: what still uses it is disconnected).
pub fn drop_database(url: &str) {
    let Some((base, name)) = url.rsplit_once('/') else {
        return;
    };
    if let Ok(mut admin) = postgres::Client::connect(&format!("{base}/postgres"), postgres::NoTls) {
        let _ = admin.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
    }
}

#[test]
fn a_cluster_starts_serves_stops_and_starts_again() {
    let Some(pg) = require_pg() else { return };
    let url = pg.create_database();
    let mut client = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    client.batch_execute("CREATE TABLE t (x int)").unwrap();
    drop(client);
    pg.stop();
    assert!(postgres::Client::connect(&url, postgres::NoTls).is_err());
    pg.start_again();
    let mut client = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    let n: i64 = client
        .query_one("SELECT count(*) FROM t", &[])
        .unwrap()
        .get(0);
    assert_eq!(n, 0);
    assert!(pg.url("x").starts_with("postgres://postgres@127.0.0.1:"));
}
