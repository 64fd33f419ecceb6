//! Real gateways in front of `apikey serve`: nginx `auth_request` with the snippets in
//! `docs/gateways/nginx.conf` and `nginx-two-nodes.conf`, and Caddy with its
//! `Caddyfile`, as written but for their ports. Skipped with a message when the gateway
//! (or, for two nodes, PostgreSQL) is not installed, unless CI=true (then it fails:
//! `.ci/run` installs them).

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::TestEnv;
use crate::pg_support::require_pg;
use crate::serve_support::{
    GATEWAY_FLAGS, Response, Server, first_key_id, seeded, send_raw, snippet_with, store,
};

fn have(tool: &str) -> bool {
    let found = Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !found {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "{tool} is not installed, and CI=true: .ci/run should have installed it"
        );
        eprintln!("skipping: {tool} is not installed (apt-get install {tool})");
    }
    found
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A tiny upstream standing for the BPJS service: answers every request with 200 and a
/// body naming the identity headers it received and whether it saw a key.
fn upstream() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(10_000) {
            let Ok(mut stream) = stream else { continue };
            let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut client = String::new();
            let mut saw_key = false;
            let mut line = String::new();
            loop {
                line.clear();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                let lower = line.to_ascii_lowercase();
                if let Some(v) = lower.strip_prefix("x-apikey-client:") {
                    client = v.trim().to_owned();
                }
                if lower.starts_with("authorization:")
                    && lower.trim().len() > "authorization:".len()
                    || lower.starts_with("x-api-key:") && lower.trim().len() > "x-api-key:".len()
                {
                    saw_key = true;
                }
            }
            let body = format!("bpjs data for client={client} saw_key={saw_key}");
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    port
}

struct Gateway(Child);

/// nginx serving `site` (a file of `docs/gateways/` with the test's ports) inside a
/// minimal `http { }` of its own, in a directory of `env`'s; returns once `listen`
/// answers.
fn start_nginx(env: &TestEnv, site: &str, listen: u16) -> Gateway {
    let dir = env.dir().join("nginx");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("site.conf"), site).unwrap();
    let d = dir.display();
    std::fs::write(
        dir.join("nginx.conf"),
        format!(
            "daemon off;\nmaster_process off;\nworker_processes 1;\npid {d}/nginx.pid;\nerror_log {d}/error.log warn;\n\
             events {{ worker_connections 256; }}\n\
             http {{\n access_log off;\n client_body_temp_path {d}/body;\n proxy_temp_path {d}/proxy;\n\
             fastcgi_temp_path {d}/fastcgi;\n uwsgi_temp_path {d}/uwsgi;\n scgi_temp_path {d}/scgi;\n\
             include {d}/site.conf;\n}}\n"
        ),
    )
    .unwrap();
    let mut nginx = Command::new("nginx");
    nginx.args(["-p", &d.to_string(), "-c", &format!("{d}/nginx.conf")]);
    Gateway::start(nginx, listen, &dir)
}

impl Gateway {
    /// Starts `command`, its standard error in `dir/stderr.log`, and returns once
    /// `listen` answers; fails the test after 10 s, showing that log.
    fn start(mut command: Command, listen: u16, dir: &Path) -> Gateway {
        let log = dir.join("stderr.log");
        let gateway = Gateway(
            command
                .stdout(Stdio::null())
                .stderr(std::fs::File::create(&log).unwrap())
                .spawn()
                .expect("start the gateway"),
        );
        let deadline = Instant::now() + Duration::from_secs(10);
        while get(listen, "/", &[]).is_none() {
            assert!(
                Instant::now() < deadline,
                "{command:?} did not start: {:?}",
                std::fs::read_to_string(&log)
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        gateway
    }
}

impl Drop for Gateway {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn get(port: u16, path: &str, headers: &[(&str, &str)]) -> Option<Response> {
    let mut raw = format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
    for (n, v) in headers {
        raw.push_str(&format!("{n}: {v}\r\n"));
    }
    raw.push_str("\r\n");
    send_raw(format!("127.0.0.1:{port}").parse().unwrap(), raw.as_bytes())
}

#[test]
fn nginx_auth_request_guards_a_bpjs_upstream() {
    if !have("nginx") {
        return;
    }
    let (env, key, bare) = store();
    let server = Server::start(&env, &GATEWAY_FLAGS);
    let upstream = upstream();
    let listen = free_port();
    let site = snippet_with(
        "nginx.conf",
        &[
            ("127.0.0.1:8080", server.addr.to_string()),
            ("127.0.0.1:9000", format!("127.0.0.1:{upstream}")),
            ("127.0.0.1:8000", format!("127.0.0.1:{listen}")),
        ],
    );
    let nginx = start_nginx(&env, &site, listen);

    // Allowed: the upstream sees apikey's identity (not the client's own header), and no key.
    let bearer = format!("Bearer {key}");
    let ok = get(
        listen,
        "/bpjs/peserta/1",
        &[("Authorization", &bearer), ("X-Apikey-Client", "forged")],
    )
    .unwrap();
    assert_eq!(ok.status, 200, "{ok:?}");
    assert_eq!(ok.body, "bpjs data for client=bpjs-sync saw_key=false");
    // 401 without a key (with WWW-Authenticate), 403 with the wrong permission.
    let none = get(listen, "/bpjs/peserta/1", &[("X-Apikey-Client", "forged")]).unwrap();
    assert_eq!(none.status, 401, "{none:?}");
    let wrong = get(listen, "/bpjs/peserta/1", &[("X-Api-Key", &bare)]).unwrap();
    assert_eq!(wrong.status, 403, "{wrong:?}");
    // The original method reached apikey: a POST needs bpjs:write; its body is not sent.
    let post = format!(
        "POST /bpjs/peserta HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nAuthorization: {bearer}\r\nContent-Length: 5\r\n\r\nhello"
    );
    let posted = send_raw(
        format!("127.0.0.1:{listen}").parse().unwrap(),
        post.as_bytes(),
    )
    .unwrap();
    assert_eq!(posted.status, 403, "{posted:?}");

    // A key revoked with the CLI is refused through nginx within 1 s.
    let id = first_key_id(&env);
    env.run(&["key", "revoke", &id, "--yes"]).code(0);
    let revoked = Instant::now();
    loop {
        let r = get(listen, "/bpjs/peserta/1", &[("Authorization", &bearer)]).unwrap();
        if r.status == 403 {
            break;
        }
        assert!(
            revoked.elapsed() < Duration::from_secs(1),
            "still allowed through nginx after 1 s"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    // The auth hop saw the original URI (routes matched on it), and the caller's address
    // through the trusted proxy: the server log names only routes, never a key.
    assert!(!server.log().contains(&key));
    drop(nginx);
}

/// How many forward-auth requests `node` has allowed, from its `/metrics`.
fn allowed_by(node: &Server) -> u64 {
    let metrics = node.get("/metrics", &[]).body;
    metrics
        .lines()
        .find_map(|line| {
            line.strip_prefix(
                "apikey_http_requests_total{endpoint=\"/v1/forward-auth\",status=\"200\"} ",
            )
        })
        .map_or(0, |n| n.parse().unwrap())
}

/// `docs/gateways/nginx-two-nodes.conf` (docs/many-machines.md): nginx spreads the auth
/// requests over two nodes on one PostgreSQL store; once one is killed, the other answers
/// them all; a key revoked through the CLI is refused through nginx within 1 s.
#[test]
fn nginx_spreads_auth_over_two_nodes_and_outlives_one() {
    if !have("nginx") {
        return;
    }
    let Some(cluster) = require_pg() else { return };
    let (env, key, _) = seeded(TestEnv::on_postgres(cluster.create_database()));
    let mut first = Server::start(&env, &GATEWAY_FLAGS);
    let second = Server::start(&env, &GATEWAY_FLAGS);
    let upstream = upstream();
    let listen = free_port();
    let site = snippet_with(
        "nginx-two-nodes.conf",
        &[
            ("127.0.0.1:8081", first.addr.to_string()),
            ("127.0.0.1:8082", second.addr.to_string()),
            ("127.0.0.1:9000", format!("127.0.0.1:{upstream}")),
            ("127.0.0.1:8000", format!("127.0.0.1:{listen}")),
        ],
    );
    let nginx = start_nginx(&env, &site, listen);
    let bearer = format!("Bearer {key}");
    let through = || get(listen, "/bpjs/peserta/1", &[("Authorization", &bearer)]).unwrap();

    for _ in 0..20 {
        let ok = through();
        assert_eq!(ok.status, 200, "{ok:?}");
        assert_eq!(ok.body, "bpjs data for client=bpjs-sync saw_key=false");
    }
    let (by_first, by_second) = (allowed_by(&first), allowed_by(&second));
    assert_eq!(by_first + by_second, 20);
    assert!(
        by_first > 0 && by_second > 0,
        "nginx sent every auth request to one node: {by_first} and {by_second}"
    );

    // One node gone: nginx moves to the other, and no request is refused for it.
    first.kill9();
    for _ in 0..20 {
        let ok = through();
        assert_eq!(ok.status, 200, "after one node died: {ok:?}");
    }
    assert_eq!(allowed_by(&second), by_second + 20);

    let id = first_key_id(&env);
    env.run(&["key", "revoke", &id, "--yes"]).code(0);
    let revoked = Instant::now();
    while through().status != 403 {
        assert!(
            revoked.elapsed() < Duration::from_secs(1),
            "still allowed through nginx after 1 s"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    drop(nginx);
}

#[test]
fn caddy_forward_auth_guards_a_bpjs_upstream() {
    if !have("caddy") {
        return;
    }
    let (env, key, bare) = store();
    let server = Server::start(&env, &["--route", "GET /bpjs/* bpjs:read"]);
    let upstream = upstream();
    let listen = free_port();
    let file = snippet_with(
        "Caddyfile",
        &[
            ("127.0.0.1:8080", server.addr.to_string()),
            ("127.0.0.1:9000", format!("127.0.0.1:{upstream}")),
            ("http://:8000", format!("http://:{listen}")),
        ],
    );
    let dir = env.dir().join("caddy");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("Caddyfile"), file).unwrap();
    let mut caddy = Command::new("caddy");
    caddy
        .args(["run", "--adapter", "caddyfile", "--config"])
        .arg(dir.join("Caddyfile"))
        .env("HOME", &dir)
        .env("XDG_DATA_HOME", &dir)
        .env("XDG_CONFIG_HOME", &dir);
    let caddy = Gateway::start(caddy, listen, &dir);
    let bearer = format!("Bearer {key}");
    let ok = get(
        listen,
        "/bpjs/peserta/1",
        &[("Authorization", &bearer), ("X-Apikey-Client", "forged")],
    )
    .unwrap();
    assert_eq!(ok.status, 200, "{ok:?}");
    assert_eq!(
        ok.body, "bpjs data for client=bpjs-sync saw_key=false",
        "{ok:?}"
    );
    let none = get(listen, "/bpjs/peserta/1", &[]).unwrap();
    assert_eq!(none.status, 401, "{none:?}");
    let wrong = get(listen, "/bpjs/peserta/1", &[("X-Api-Key", &bare)]).unwrap();
    assert_eq!(wrong.status, 403, "{wrong:?}");
    let other = get(listen, "/admin", &[("Authorization", &bearer)]).unwrap();
    assert_eq!(other.status, 403, "{other:?}");
    drop(caddy);
}
