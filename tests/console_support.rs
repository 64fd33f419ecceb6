//! Helpers for the web console tests: a store with an operator, a read-only operator
//! and a user without console rights; a cookie-keeping form client over
//! `serve_support`'s raw HTTP.

#![allow(dead_code)]

use std::collections::BTreeMap;

use crate::common::TestEnv;
use crate::serve_support::{Response, Server, send_raw};

pub const ADMIN: &str = "admin@example.org";
pub const VIEWER: &str = "viewer@example.org";
pub const OUTSIDER: &str = "outsider@example.org";
pub const PASSWORD: &str = "correct horse battery staple";

/// A store as the README sets it up for the console: `admin:read` and `admin:write`,
/// role `admin` (`admin:*`) held by ADMIN ("Ada Admin"), role `auditor` (`admin:read`)
/// held by VIEWER, OUTSIDER with no role; clients `bpjs-sync` (with a key), `reporting`
/// and `payroll`.
pub fn console_store() -> TestEnv {
    let env = TestEnv::init();
    env.run(&[
        "permission",
        "add",
        "admin:read",
        "--description",
        "See the console",
    ])
    .code(0);
    env.run(&[
        "permission",
        "add",
        "admin:write",
        "--description",
        "Change things in the console",
    ])
    .code(0);
    env.run(&["permission", "add", "bpjs:read"]).code(0);
    env.run(&["role", "add", "admin", "--permission", "admin:*"])
        .code(0);
    env.run(&["role", "add", "auditor", "--permission", "admin:read"])
        .code(0);
    env.run(&["role", "add", "integration", "--permission", "bpjs:read"])
        .code(0);
    for (email, name, role) in [
        (ADMIN, "Ada Admin", Some("admin")),
        (VIEWER, "Vic Viewer", Some("auditor")),
        (OUTSIDER, "Oscar Outsider", None),
    ] {
        let mut args = vec!["user", "add", email, "--name", name, "--password-stdin"];
        if let Some(role) = role {
            args.extend(["--role", role]);
        }
        env.run_stdin(&args, &format!("{PASSWORD}\n")).code(0);
    }
    env.run(&[
        "client",
        "add",
        "bpjs-sync",
        "--description",
        "BPJS data sync",
        "--role",
        "integration",
    ])
    .code(0);
    env.run(&[
        "client",
        "add",
        "reporting",
        "--description",
        "Monthly reports",
        "--no-key",
    ])
    .code(0);
    env.run(&["client", "add", "payroll", "--no-key"]).code(0);
    env
}

/// `apikey serve --admin --insecure-cookies` on the store.
pub fn console_server(env: &TestEnv) -> Server {
    Server::start(env, &["--admin", "--insecure-cookies"])
}

/// A browser stand-in: keeps cookies, sends forms.
pub struct Agent<'s> {
    pub server: &'s Server,
    pub cookies: BTreeMap<String, String>,
    /// Extra headers on every request (Origin, ...).
    pub extra: Vec<(String, String)>,
}

impl<'s> Agent<'s> {
    pub fn new(server: &'s Server) -> Agent<'s> {
        Agent {
            server,
            cookies: BTreeMap::new(),
            extra: Vec::new(),
        }
    }

    fn send(&mut self, method: &str, path: &str, body: Option<&str>) -> Response {
        let mut raw = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n",
            self.server.addr
        );
        if !self.cookies.is_empty() {
            let jar: Vec<String> = self
                .cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            raw.push_str(&format!("Cookie: {}\r\n", jar.join("; ")));
        }
        for (name, value) in &self.extra {
            raw.push_str(&format!("{name}: {value}\r\n"));
        }
        if let Some(body) = body {
            raw.push_str(&format!(
                "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n",
                body.len()
            ));
        }
        raw.push_str("\r\n");
        if let Some(body) = body {
            raw.push_str(body);
        }
        let response = send_raw(self.server.addr, raw.as_bytes())
            .unwrap_or_else(|| panic!("no response to {method} {path}"));
        for (name, value) in &response.headers {
            if !name.eq_ignore_ascii_case("set-cookie") {
                continue;
            }
            let pair = value.split(';').next().unwrap_or("");
            if let Some((k, v)) = pair.split_once('=') {
                if v.is_empty() || value.contains("Max-Age=0") {
                    self.cookies.remove(k);
                } else {
                    self.cookies.insert(k.to_owned(), v.to_owned());
                }
            }
        }
        response
    }

    pub fn get(&mut self, path: &str) -> Response {
        self.send("GET", path, None)
    }

    /// Posts `fields` form-encoded.
    pub fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> Response {
        let body = serde_urlencoded_pairs(fields);
        self.send("POST", path, Some(&body))
    }

    /// Posts `fields` plus the CSRF token of the form on page `form_page`.
    pub fn submit(&mut self, form_page: &str, path: &str, fields: &[(&str, &str)]) -> Response {
        let page = self.get(form_page);
        let token = csrf(&page.body);
        let mut all = vec![("csrf", token.as_str())];
        all.extend_from_slice(fields);
        self.post(path, &all)
    }

    /// Signs in through the login form; returns the answer to the POST.
    pub fn login(&mut self, email: &str, password: &str) -> Response {
        self.submit(
            "/console/login",
            "/console/login",
            &[("email", email), ("password", password)],
        )
    }
}

/// `a=1&b=2`, percent-encoded.
pub fn serde_urlencoded_pairs(fields: &[(&str, &str)]) -> String {
    fields
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The first CSRF token in a page.
pub fn csrf(html: &str) -> String {
    let at = html
        .find("name=\"csrf\" value=\"")
        .unwrap_or_else(|| panic!("no CSRF field in:\n{html}"));
    let rest = &html[at + "name=\"csrf\" value=\"".len()..];
    rest[..rest.find('"').unwrap()].to_owned()
}

/// The secret shown on the "new API key" page.
pub fn shown_secret(html: &str) -> Option<String> {
    let at = html.find("<code id=\"secret\">")?;
    let rest = &html[at + "<code id=\"secret\">".len()..];
    Some(rest[..rest.find('<')?].to_owned())
}

/// What the console may change, as text: keys, clients with roles, audit length. Equal
/// before and after means a refused request changed nothing.
pub fn state(env: &TestEnv) -> String {
    let keys = env.json(&["key", "list"]);
    let clients = env.json(&["client", "list"]);
    let audit = env.json(&["audit"]);
    format!(
        "keys={keys}\nclients={clients}\naudit={}",
        audit.as_array().map_or(0, Vec::len)
    )
}
