//! Many `apikey serve` nodes on one PostgreSQL store (`docs/many-machines.md`), against a
//! real server from Debian's `postgresql` package that each test starts on a loopback
//! port of its own and stops. They run whichever engine the rest of the suite uses.

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use crate::common::TestEnv;
use crate::pg_support::require_pg;
use crate::serve_support::{Server, seeded, verify_concurrently};

/// Polls `check` every 20 ms until it holds or `limit` passes; returns the time it took.
fn within(limit: Duration, mut check: impl FnMut() -> bool) -> Option<Duration> {
    let started = Instant::now();
    while started.elapsed() < limit {
        if check() {
            return Some(started.elapsed());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    None
}

#[test]
fn two_nodes_share_one_store_exactly() {
    let Some(cluster) = require_pg() else { return };
    let (env, key, _) = seeded(TestEnv::on_postgres(cluster.create_database()));
    let (capped_id, capped) = env.create_key("bpjs-sync", &["--max-uses", "100"]);
    let nodes = [
        Arc::new(Server::start(&env, &["--open-verify"])),
        Arc::new(Server::start(&env, &["--open-verify"])),
    ];

    // 400 concurrent verifications of a key capped at 100 uses, split across the nodes.
    assert_eq!(verify_concurrently(&nodes, &capped, 400), 100);
    assert_eq!(env.key_column(&capped_id, "use_count"), Some(100));

    // Both nodes have the other key cached; a revocation through the CLI reaches both.
    let forward = |node: &Server| node.get("/v1/forward-auth", &[("X-Api-Key", &key)]).status;
    assert!(nodes.iter().all(|n| forward(n) == 200));
    let id = env
        .json(&["key", "list", "--client", "bpjs-sync"])
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["max_uses"].is_null())
        .map(|k| k["id"].as_str().unwrap().to_owned())
        .unwrap();
    env.run(&["key", "revoke", &id, "--yes"]).code(0);
    for node in &nodes {
        let took = within(Duration::from_secs(3), || {
            forward(node) == 401 || forward(node) == 403
        });
        let took =
            took.unwrap_or_else(|| panic!("a node still allows a revoked key: {}", node.log()));
        assert!(
            took <= Duration::from_millis(1_200),
            "revocation took {took:?}"
        );
    }

    // kill -9 of one node leaves the other serving, from the store.
    let [first, second] = nodes;
    let mut first = Arc::try_unwrap(first).ok().expect("no other holder");
    first.kill9();
    let (_, fresh) = env.create_key("bpjs-sync", &[]);
    let answer = second.post("/v1/keys.verify", &[], &format!("{{\"key\": \"{fresh}\"}}"));
    assert_eq!(answer.json()["valid"], true, "{}", second.log());
}

#[test]
fn a_node_fails_closed_while_the_database_is_away_and_recovers_by_itself() {
    let Some(cluster) = require_pg() else { return };
    let (env, key, _) = seeded(TestEnv::on_postgres(cluster.create_database()));
    let server = Server::start(&env, &["--open-verify"]);
    let verify = || server.post("/v1/keys.verify", &[], &format!("{{\"key\": \"{key}\"}}"));
    let forward = || server.get("/v1/forward-auth", &[("X-Api-Key", &key)]);
    assert_eq!(verify().status, 200);
    assert_eq!(forward().status, 200);

    cluster.stop();
    // Within a poll interval the cache is dropped: every answer needs the store, and
    // none is an allow. The verify API says 503; forward-auth answers 403 UNAVAILABLE
    // (nginx turns any other status into a 500, docs/serve.md).
    let closed = within(Duration::from_secs(3), || verify().status == 503);
    assert!(
        closed.is_some(),
        "still answering from the cache: {}",
        server.log()
    );
    for _ in 0..20 {
        let v = verify();
        assert_eq!(v.status, 503);
        let f = forward();
        assert_eq!(
            (f.status, f.header("x-apikey-code")),
            (403, Some("UNAVAILABLE"))
        );
    }
    assert_eq!(server.get("/readyz", &[]).status, 503);

    cluster.start_again();
    let back = within(Duration::from_secs(10), || verify().status == 200);
    assert!(back.is_some(), "did not recover: {}", server.log());
    assert_eq!(verify().json()["valid"], true);
    assert_eq!(forward().status, 200);
    assert_eq!(server.get("/readyz", &[]).status, 200);
}

#[test]
fn a_store_copied_to_postgres_and_back_is_the_same_store() {
    let Some(cluster) = require_pg() else { return };
    let (sqlite, key, _) = seeded(TestEnv::new_sqlite());
    sqlite
        .run(&[
            "user",
            "add",
            "ops@example.org",
            "--no-password",
            "--role",
            "reader",
        ])
        .code(0);
    sqlite.create_key("bpjs-sync", &["--max-uses", "5", "--rate-limit", "10/1m"]);
    let url = cluster.create_database();
    let db = sqlite.db().display().to_string();
    let to_pg = sqlite.json(&["store", "copy", "--from", &db, "--to", &url]);
    let postgres = TestEnv::on_postgres(url.clone());
    let back = sqlite.dir().join("back.db").display().to_string();
    let to_sqlite = sqlite.json(&["store", "copy", "--from", &url, "--to", &back]);
    assert_eq!(to_pg["rows"], to_sqlite["rows"]);
    assert_eq!(to_pg["audit"], to_sqlite["audit"]);

    let export = |args: &[&str]| {
        let mut all = args.to_vec();
        all.push("export");
        let run = sqlite.run(&all);
        run.code(0);
        run.stdout
    };
    let original = export(&[]);
    assert_eq!(export(&["--db", &url]), original);
    assert_eq!(export(&["--db", &back]), original);
    for store in [&db, &url, &back] {
        sqlite.run(&["--db", store, "audit", "verify"]).code(0);
        // The key verifies in every copy: hashes and grants came along.
        sqlite
            .run_stdin(
                &["--db", store, "key", "verify", "--permission", "bpjs:read"],
                &key,
            )
            .code(0);
    }
    // The copy goes on growing: ids continue past the copied ones.
    postgres.run(&["client", "add", "after-copy"]).code(0);
    postgres.run(&["audit", "verify"]).code(0);
    // A second copy into a store that is no longer empty is refused, leaving it as it was.
    let before = postgres.dump();
    sqlite
        .run(&["store", "copy", "--from", &db, "--to", &url])
        .code(4)
        .stderr_has("not empty");
    assert_eq!(postgres.dump(), before);
}

/// A loopback proxy to the cluster that cuts the first connection on which the client
/// sends `COMMIT`: after passing it on (the server commits; its answer never arrives) or
/// instead (the server rolls back). Every other connection and message passes through.
struct CommitCutter {
    port: u16,
    cut: Arc<std::sync::atomic::AtomicBool>,
    stop: Arc<std::sync::atomic::AtomicBool>,
    accept: Option<std::thread::JoinHandle<()>>,
}

impl CommitCutter {
    /// The simple-query message the `postgres` crate commits with.
    const COMMIT: &[u8] = b"Q\0\0\0\x0bCOMMIT\0";

    fn start(server_port: u16, pass_commit_on: bool) -> CommitCutter {
        use std::io::{Read, Write};
        use std::net::{Shutdown, TcpListener, TcpStream};
        use std::sync::atomic::AtomicBool;
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let cut = Arc::new(AtomicBool::new(false));
        let stop = Arc::new(AtomicBool::new(false));
        let (cut_flag, stop_flag) = (cut.clone(), stop.clone());
        let accept = std::thread::spawn(move || {
            for client in listener.incoming() {
                if stop_flag.load(Ordering::SeqCst) {
                    return;
                }
                let Ok(mut client) = client else { continue };
                let mut server = TcpStream::connect(("127.0.0.1", server_port)).unwrap();
                // This connection's answers stop once it is the one being cut.
                let silenced = Arc::new(AtomicBool::new(false));
                let (mut from_server, mut to_client) =
                    (server.try_clone().unwrap(), client.try_clone().unwrap());
                let quiet = silenced.clone();
                std::thread::spawn(move || {
                    let mut buf = [0u8; 16384];
                    while let Ok(n @ 1..) = from_server.read(&mut buf) {
                        if quiet.load(Ordering::SeqCst) || to_client.write_all(&buf[..n]).is_err() {
                            break;
                        }
                    }
                    let _ = to_client.shutdown(Shutdown::Both);
                });
                let cut = cut_flag.clone();
                std::thread::spawn(move || {
                    let mut buf = [0u8; 16384];
                    while let Ok(n @ 1..) = client.read(&mut buf) {
                        let chunk = &buf[..n];
                        let commit = chunk.windows(Self::COMMIT.len()).any(|w| w == Self::COMMIT);
                        if commit && !cut.swap(true, Ordering::SeqCst) {
                            silenced.store(true, Ordering::SeqCst);
                            if pass_commit_on {
                                server.write_all(chunk).unwrap();
                                // Time for the server to commit before it loses us.
                                std::thread::sleep(Duration::from_millis(300));
                            }
                            break;
                        }
                        if server.write_all(chunk).is_err() {
                            break;
                        }
                    }
                    let _ = server.shutdown(Shutdown::Both);
                    let _ = client.shutdown(Shutdown::Both);
                });
            }
        });
        CommitCutter {
            port,
            cut,
            stop,
            accept: Some(accept),
        }
    }
}

impl Drop for CommitCutter {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = std::net::TcpStream::connect(("127.0.0.1", self.port));
        if let Some(accept) = self.accept.take() {
            let _ = accept.join();
        }
    }
}

/// A `COMMIT` whose answer is lost with the connection may have taken effect: the
/// command learns which from the audit log, so a new key that was saved is delivered
/// (never live with its secret dropped), and one that was not is reported as not made.
#[test]
fn a_commit_whose_answer_is_lost_is_settled_from_the_audit_log() {
    let Some(cluster) = require_pg() else { return };
    let url = cluster.create_database();
    let env = TestEnv::on_postgres(url.clone());
    env.add_client("bpjs-sync");
    let through = |proxy: &CommitCutter| {
        url.replace(
            &format!("127.0.0.1:{}/", cluster.port()),
            &format!("127.0.0.1:{}/", proxy.port),
        )
    };
    // `key create` through a proxy that cuts its COMMIT, after or before passing it on.
    let create_cut = |pass_commit_on: bool| {
        let proxy = CommitCutter::start(cluster.port(), pass_commit_on);
        let out = env
            .cmd()
            .env("APIKEY_DB", through(&proxy))
            .args(["--json", "key", "create", "--client", "bpjs-sync"])
            .output()
            .unwrap();
        assert!(proxy.cut.load(Ordering::SeqCst), "no COMMIT was cut");
        out
    };

    // Committed, answer lost: the key is delivered, and it verifies.
    let out = create_cut(true);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let made: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let secret = made["secret"].as_str().unwrap();
    env.run_stdin(&["key", "verify"], secret).code(0);

    // Cut before the server saw COMMIT: an error that says nothing was changed, and
    // nothing was.
    let before = env.dump();
    let out = create_cut(false);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("nothing was changed"), "{stderr}");
    assert!(
        out.stdout.is_empty(),
        "a secret was printed: {:?}",
        out.stdout
    );
    assert_eq!(env.dump(), before);
    env.run(&["audit", "verify"]).code(0);
}

/// Runs openssl (Debian's, which postgresql depends on) with `args` in `dir`.
fn openssl(dir: &std::path::Path, args: &[&str]) {
    crate::pg_support::succeeds(
        std::process::Command::new("openssl")
            .args(args)
            .current_dir(dir),
        &format!("openssl {args:?}"),
    );
}

/// TLS to PostgreSQL checks the server's certificate and its name: against the CAs of
/// `sslrootcert` (libpq's parameter), else the platform's roots; `verify-full` is
/// accepted; and a database whose server refuses plain connections works only over it.
#[test]
fn tls_checks_the_servers_certificate_and_name() {
    let Some(cluster) = require_pg() else { return };
    let url = cluster.create_database();
    let name = url.rsplit('/').next().unwrap().to_owned();
    let dir = cluster.dir().to_path_buf();
    // A CA, and a server certificate it signed for the name "localhost" alone.
    let new_key = |subject: &str, key: &str, out: &str, extra: &[&str]| {
        let mut args = vec![
            "req",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
        ];
        args.extend(["-nodes", "-subj", subject, "-keyout", key, "-out", out]);
        args.extend(extra);
        openssl(&dir, &args);
    };
    new_key(
        "/CN=apikey test CA",
        "ca.key",
        "ca.crt",
        &["-x509", "-days", "2"],
    );
    new_key("/CN=localhost", "server.key", "server.csr", &[]);
    std::fs::write(
        dir.join("server.ext"),
        "subjectAltName=DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n",
    )
    .unwrap();
    openssl(
        &dir,
        &[
            "x509",
            "-req",
            "-in",
            "server.csr",
            "-CA",
            "ca.crt",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-extfile",
            "server.ext",
            "-out",
            "server.crt",
            "-days",
            "2",
        ],
    );
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(
            dir.join("server.key"),
            std::fs::Permissions::from_mode(0o600),
        )
        .unwrap();
    }
    let _ = std::process::Command::new("chown")
        .args(["postgres:postgres", "server.key", "server.crt"])
        .current_dir(&dir)
        .status();
    // TLS on; plain TCP connections to the store's database refused.
    let hba = cluster.dir().join("data/pg_hba.conf");
    let rules = std::fs::read_to_string(&hba).unwrap();
    std::fs::write(
        &hba,
        format!("hostnossl {name} all 127.0.0.1/32 reject\n{rules}"),
    )
    .unwrap();
    let mut admin = postgres::Client::connect(&cluster.url("postgres"), postgres::NoTls).unwrap();
    for setting in [
        "ssl = on".to_owned(),
        format!("ssl_cert_file = '{}'", dir.join("server.crt").display()),
        format!("ssl_key_file = '{}'", dir.join("server.key").display()),
    ] {
        admin
            .batch_execute(&format!("ALTER SYSTEM SET {setting}"))
            .unwrap();
    }
    admin.batch_execute("SELECT pg_reload_conf()").unwrap();
    let ssl_on = within(Duration::from_secs(10), || {
        postgres::Client::connect(&cluster.url("postgres"), postgres::NoTls)
            .and_then(|mut c| c.query_one("SHOW ssl", &[]))
            .is_ok_and(|row| row.get::<_, String>(0) == "on")
    });
    assert!(ssl_on.is_some(), "the server did not turn TLS on");

    let env = TestEnv::on_postgres(url.clone());
    let port = cluster.port();
    let ca = dir.join("ca.crt").display().to_string();
    let store =
        |host: &str, query: &str| format!("postgres://postgres@{host}:{port}/{name}{query}");
    let run = |store: &str, args: &[&str]| {
        let out = env
            .cmd()
            .env("APIKEY_DB", store)
            .args(args)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };

    // Verified: the CA is trusted and the name matches.
    let good = store(
        "localhost",
        &format!("?sslmode=verify-full&sslrootcert={ca}"),
    );
    assert_eq!(
        run(&good, &["init"]).0,
        Some(0),
        "{}",
        run(&good, &["init"]).1
    );
    assert_eq!(
        run(&good, &["client", "add", "bpjs-sync", "--no-key"]).0,
        Some(0)
    );
    let (code, _) = run(&good, &["client", "show", "bpjs-sync"]);
    assert_eq!(code, Some(0));
    // The same CA, another name: refused.
    let (code, stderr) = run(
        &store("127.0.0.1", &format!("?sslmode=require&sslrootcert={ca}")),
        &["client", "list"],
    );
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("certificate"), "{stderr}");
    // The platform's roots do not hold the test CA: refused.
    let (code, stderr) = run(&store("localhost", "?sslmode=require"), &["client", "list"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("certificate"), "{stderr}");
    // Without TLS the server refuses this database (so the runs above used TLS).
    let (code, stderr) = run(&store("localhost", ""), &["client", "list"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("no encryption"), "{stderr}");
    // A CA file that holds no certificate.
    let junk = dir.join("junk.pem");
    std::fs::write(&junk, "not a certificate\n").unwrap();
    let (code, stderr) = run(
        &store(
            "localhost",
            &format!("?sslmode=verify-full&sslrootcert={}", junk.display()),
        ),
        &["client", "list"],
    );
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("cannot read the CA certificates"),
        "{stderr}"
    );
    // sslrootcert without TLS is a mistake, said so.
    let (code, stderr) = run(
        &store("localhost", &format!("?sslrootcert={ca}")),
        &["client", "list"],
    );
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("sslmode=require"), "{stderr}");
}
