//! Helpers for the `apikey serve` tests: the real binary on a loopback port it chooses,
//! and a small HTTP/1.1 client over a plain socket (so tests can also send bad input).

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::common::{TestEnv, bin};

/// A running `apikey serve`; killed when dropped.
pub struct Server {
    pub child: Child,
    pub addr: SocketAddr,
    pub log: Arc<Mutex<String>>,
}

impl Server {
    /// Starts `apikey serve --listen 127.0.0.1:0 ARGS` on `env`'s store and waits for its
    /// start-up line.
    pub fn start(env: &TestEnv, args: &[&str]) -> Server {
        let mut child = Command::new(bin())
            .env_clear()
            .env("APIKEY_DB", env.store())
            .env("HOME", env.dir())
            .env("APIKEY_ACTOR", "tester")
            // The access log (debug level) on, so tests see what it writes.
            .env("APIKEY_LOG", "info,apikey_server=debug")
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .args(["serve", "--listen", "127.0.0.1:0"])
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn apikey serve");
        let stderr = child.stderr.take().expect("stderr");
        let log = Arc::new(Mutex::new(String::new()));
        let (tx, rx) = std::sync::mpsc::channel();
        let sink = log.clone();
        std::thread::spawn(move || {
            let mut sent = false;
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                if !sent && let Some(at) = line.find("listening on http://") {
                    let rest = &line[at + "listening on http://".len()..];
                    let addr: String = rest
                        .chars()
                        .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ':')
                        .collect();
                    let _ = tx.send(addr);
                    sent = true;
                }
                let mut log = sink.lock().unwrap();
                log.push_str(&line);
                log.push('\n');
            }
        });
        let addr = match rx.recv_timeout(Duration::from_secs(20)) {
            Ok(addr) => addr.parse().expect("address"),
            Err(_) => {
                let _ = child.kill();
                panic!("apikey serve did not start: {}", log.lock().unwrap());
            }
        };
        Server { child, addr, log }
    }

    /// The log so far.
    pub fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// Sends SIGTERM and waits (at most 20 s) for the process to end; returns its exit code.
    pub fn stop(&mut self) -> Option<i32> {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        None
    }

    /// Kills the process with SIGKILL and reaps it.
    pub fn kill9(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Whether the process is still running.
    pub fn alive(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// A GET with extra headers.
    pub fn get(&self, path: &str, headers: &[(&str, &str)]) -> Response {
        self.request("GET", path, headers, None)
    }

    /// A POST of a JSON body with extra headers.
    pub fn post(&self, path: &str, headers: &[(&str, &str)], body: &str) -> Response {
        self.request("POST", path, headers, Some(body))
    }

    /// Any request; panics if no response comes.
    pub fn request(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<&str>,
    ) -> Response {
        let mut raw =
            format!("{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
        for (name, value) in headers {
            raw.push_str(&format!("{name}: {value}\r\n"));
        }
        if let Some(body) = body {
            raw.push_str(&format!(
                "Content-Type: application/json\r\nContent-Length: {}\r\n",
                body.len()
            ));
        }
        raw.push_str("\r\n");
        if let Some(body) = body {
            raw.push_str(body);
        }
        send_raw(self.addr, raw.as_bytes())
            .unwrap_or_else(|| panic!("no response to {method} {path}; log:\n{}", self.log()))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A parsed response.
#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Response {
    /// A header's value (names compared without case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The body as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("body is not JSON ({e}): {self:?}"))
    }
}

/// Sends raw bytes on a new connection and reads the answer until the server closes
/// it (5 s at most). `None` when the connection was closed without an answer.
pub fn send_raw(addr: SocketAddr, raw: &[u8]) -> Option<Response> {
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(5)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    stream
        .set_write_timeout(Some(Duration::from_secs(5)))
        .ok()?;
    // The server may answer and close before reading everything (huge headers).
    let _ = stream.write_all(raw);
    let mut bytes = Vec::new();
    let _ = stream.read_to_end(&mut bytes);
    parse(&bytes)
}

fn parse(bytes: &[u8]) -> Option<Response> {
    let text = String::from_utf8_lossy(bytes);
    let (head, body) = text.split_once("\r\n\r\n")?;
    let mut lines = head.split("\r\n");
    let status = lines.next()?.split(' ').nth(1)?.parse().ok()?;
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    Some(Response {
        status,
        headers,
        body: body.to_owned(),
    })
}

/// Sends `requests` `POST /v1/keys.verify` of `key` at once (threads released by one
/// barrier), spread over `nodes` in turn; every answer must be 200. Returns how many
/// said `valid: true`.
pub fn verify_concurrently(nodes: &[Arc<Server>], key: &str, requests: usize) -> usize {
    let allowed = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let barrier = Arc::new(std::sync::Barrier::new(requests));
    let body = format!("{{\"key\": \"{key}\"}}");
    let threads: Vec<_> = (0..requests)
        .map(|i| {
            let (node, allowed, barrier, body) = (
                nodes[i % nodes.len()].clone(),
                allowed.clone(),
                barrier.clone(),
                body.clone(),
            );
            std::thread::spawn(move || {
                barrier.wait();
                let r = node.post("/v1/keys.verify", &[], &body);
                assert_eq!(r.status, 200, "{}", r.body);
                if r.json()["valid"] == true {
                    allowed.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    allowed.load(std::sync::atomic::Ordering::Relaxed)
}

/// A store with permissions `bpjs:read`, `permissions:read`, `clients:read`,
/// `roles:read`, `users:read`, `apikey:verify`; role `reader` (bpjs:read and every
/// `*:read`), role `verifier` (apikey:verify); clients `bpjs-sync` (reader) and `bare`
/// (no role). Returns (env, bpjs-sync's key, bare's key).
pub fn store() -> (TestEnv, String, String) {
    seeded(TestEnv::init())
}

/// [`store`]'s content in `env`'s store.
pub fn seeded(env: TestEnv) -> (TestEnv, String, String) {
    env.run(&["init"]).code(0);
    for p in [
        "bpjs:read",
        "bpjs:write",
        "permissions:read",
        "clients:read",
        "roles:read",
        "users:read",
        "apikey:verify",
    ] {
        env.run(&["permission", "add", p]).code(0);
    }
    env.run(&[
        "role",
        "add",
        "reader",
        "--permission",
        "bpjs:read",
        "--permission",
        "permissions:read",
        "--permission",
        "clients:read",
        "--permission",
        "roles:read",
        "--permission",
        "users:read",
    ])
    .code(0);
    env.run(&["role", "add", "verifier", "--permission", "apikey:verify"])
        .code(0);
    env.run(&["client", "add", "bpjs-sync", "--no-key", "--role", "reader"])
        .code(0);
    let (_, key) = env.create_key("bpjs-sync", &[]);
    let bare = env.add_client("bare");
    (env, key, bare)
}

/// The id of the first key `key list` shows for [`store`]'s `bpjs-sync`: its live
/// key, the one [`store`] returns.
pub fn first_key_id(env: &TestEnv) -> String {
    env.json(&["key", "list", "--client", "bpjs-sync"])[0]["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// The flags the gateway snippets of `docs/gateways/` run `apikey serve` with: nginx on
/// loopback as the trusted proxy, and the BPJS route table.
pub const GATEWAY_FLAGS: [&str; 6] = [
    "--trusted-proxy",
    "127.0.0.1/32",
    "--route",
    "GET /bpjs/* bpjs:read",
    "--route",
    "POST /bpjs/* bpjs:write",
];

/// A gateway snippet of `docs/gateways/` as written.
pub fn snippet(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/docs/gateways/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// A gateway snippet with its example addresses replaced by the test's: each `from` must
/// be in the file as written, so the file and the test cannot drift apart unnoticed.
pub fn snippet_with(name: &str, addresses: &[(&str, String)]) -> String {
    let mut text = snippet(name);
    for (from, to) in addresses {
        assert!(
            text.contains(from),
            "docs/gateways/{name} no longer says {from}"
        );
        text = text.replace(from, to);
    }
    text
}

/// `Authorization: Bearer KEY`.
pub fn bearer(key: &str) -> (&'static str, String) {
    ("Authorization", format!("Bearer {key}"))
}
