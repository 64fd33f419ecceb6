//! `apikey serve`: the real binary on a loopback port, driven over HTTP.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::common::TestEnv;
use crate::serve_support::{Server, first_key_id, send_raw, store, verify_concurrently};

fn auth(key: &str) -> String {
    format!("Bearer {key}")
}

#[test]
fn forward_auth_allows_with_identity_and_refuses_with_401_or_403() {
    let (env, key, bare) = store();
    let server = Server::start(&env, &["--route", "GET /bpjs/* bpjs:read"]);

    // Allowed: the permission from the query; identity headers always present.
    let ok = server.get(
        "/v1/forward-auth?permission=bpjs:read",
        &[("Authorization", &auth(&key))],
    );
    assert_eq!(ok.status, 200, "{ok:?}");
    assert_eq!(ok.header("x-apikey-code"), Some("VALID"));
    assert_eq!(ok.header("x-apikey-client"), Some("bpjs-sync"));
    assert_eq!(ok.header("x-apikey-roles"), Some("reader"));
    assert_eq!(ok.header("x-apikey-key-id").map(str::len), Some(12));
    assert_eq!(ok.header("x-apikey-client-id").map(str::len), Some(12));

    // The key in X-Api-Key; the permission from the route table on nginx's headers.
    let routed = server.get(
        "/v1/forward-auth",
        &[
            ("X-Api-Key", &key),
            ("X-Original-URI", "/bpjs/peserta/1?x=1"),
            ("X-Original-Method", "GET"),
        ],
    );
    assert_eq!(routed.status, 200, "{routed:?}");
    // Traefik/Caddy headers, any method, a sub-path, a body that is never read.
    let traefik = server.request(
        "POST",
        "/v1/forward-auth/anything",
        &[
            ("X-Api-Key", &key),
            ("X-Forwarded-Uri", "/bpjs/x"),
            ("X-Forwarded-Method", "GET"),
        ],
        Some("{\"ignored\": true}"),
    );
    assert_eq!(traefik.status, 200, "{traefik:?}");

    // Refusals: 401 with WWW-Authenticate for missing, malformed, unknown keys.
    let missing = server.get("/v1/forward-auth?permission=bpjs:read", &[]);
    assert_eq!(
        (missing.status, missing.header("x-apikey-code")),
        (401, Some("MISSING"))
    );
    assert!(missing.header("www-authenticate").is_some());
    let malformed = server.get(
        "/v1/forward-auth?permission=bpjs:read",
        &[("X-Api-Key", "ak_nope")],
    );
    assert_eq!(
        (malformed.status, malformed.header("x-apikey-code")),
        (401, Some("MALFORMED"))
    );
    let mut unknown = key.clone();
    unknown.replace_range(5..6, if &key[5..6] == "A" { "B" } else { "A" });
    let unknown_answer = server.get(
        "/v1/forward-auth?permission=bpjs:read",
        &[("X-Api-Key", &unknown)],
    );
    assert_eq!(unknown_answer.status, 401, "{unknown_answer:?}");

    // 403 for every other refusal.
    let denied = server.get(
        "/v1/forward-auth?permission=bpjs:read",
        &[("X-Api-Key", &bare)],
    );
    assert_eq!(
        (denied.status, denied.header("x-apikey-code")),
        (403, Some("INSUFFICIENT_PERMISSIONS"))
    );
    assert!(denied.header("x-apikey-client").is_none());
    let no_route = server.get(
        "/v1/forward-auth",
        &[("X-Api-Key", &key), ("X-Original-URI", "/admin")],
    );
    assert_eq!(
        (no_route.status, no_route.header("x-apikey-code")),
        (403, Some("NO_ROUTE"))
    );
    let write = server.get(
        "/v1/forward-auth",
        &[("X-Api-Key", &key), ("X-Apikey-Permission", "bpjs:write")],
    );
    assert_eq!(write.status, 403);
    let id = env.json(&["key", "list", "--client", "bare"])[0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    env.run(&["key", "revoke", &id, "--yes"]).code(0);
    std::thread::sleep(Duration::from_millis(1100));
    let revoked = server.get(
        "/v1/forward-auth?permission=bpjs:read",
        &[("X-Api-Key", &bare)],
    );
    assert_eq!(
        (revoked.status, revoked.header("x-apikey-code")),
        (403, Some("REVOKED"))
    );
}

#[test]
fn a_key_revoked_by_the_cli_is_refused_within_a_second() {
    let (env, key, _) = store();
    let server = Server::start(&env, &[]);
    let check = || {
        server
            .get("/v1/forward-auth", &[("X-Api-Key", &key)])
            .status
    };
    // Warm the cache.
    for _ in 0..5 {
        assert_eq!(check(), 200);
    }
    let id = first_key_id(&env);
    env.run(&["key", "revoke", &id, "--yes"]).code(0);
    let revoked_at = Instant::now();
    loop {
        if check() == 403 {
            break;
        }
        assert!(
            revoked_at.elapsed() < Duration::from_secs(1),
            "still allowed after 1 s"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(revoked_at.elapsed() < Duration::from_secs(1));
}

/// The `apikey_cache_misses_total` figure of `/metrics`.
fn cache_misses(server: &Server) -> u64 {
    let metrics = server.get("/metrics", &[]).body;
    metrics
        .lines()
        .find_map(|l| l.strip_prefix("apikey_cache_misses_total "))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_else(|| panic!("no cache misses figure:\n{metrics}"))
}

#[test]
fn failed_logins_leave_the_key_cache_alone_and_key_changes_clear_it() {
    let (env, key, _) = store();
    let server = Server::start(&env, &[]);
    let check = || {
        server
            .get("/v1/forward-auth", &[("X-Api-Key", &key)])
            .status
    };
    assert_eq!(check(), 200);
    let misses = cache_misses(&server);
    // Failed logins write audit events (`user.login_failed`), as console sign-ins do.
    for _ in 0..3 {
        env.run_stdin(
            &["user", "verify", "nobody@example.org", "--password-stdin"],
            "wrong\n",
        )
        .code(5);
    }
    std::thread::sleep(Duration::from_millis(400));
    assert_eq!(check(), 200);
    assert_eq!(
        cache_misses(&server),
        misses,
        "a failed login emptied the cache"
    );
    // A change that can alter an answer clears it.
    env.run(&["client", "update", "bpjs-sync", "-d", "changed"])
        .code(0);
    std::thread::sleep(Duration::from_millis(400));
    assert_eq!(check(), 200);
    assert_eq!(
        cache_misses(&server),
        misses + 1,
        "a client change kept the cache"
    );
}

#[test]
fn the_verify_apis_need_apikey_verify_and_answer_as_the_cli() {
    let (env, key, bare) = store();
    env.run(&["client", "add", "gateway", "--no-key", "--role", "verifier"])
        .code(0);
    let (_, caller) = env.create_key("gateway", &[]);
    let server = Server::start(&env, &[]);
    let body =
        format!("{{\"key\": \"{key}\", \"permissions\": [\"bpjs:read\"], \"ip\": \"10.1.2.3\"}}");

    assert_eq!(server.post("/v1/keys.verify", &[], &body).status, 401);
    assert_eq!(
        server
            .post("/v1/keys.verify", &[("Authorization", &auth(&bare))], &body)
            .status,
        403
    );
    let answer = server.post(
        "/v1/keys.verify",
        &[("Authorization", &auth(&caller))],
        &body,
    );
    assert_eq!(answer.status, 200, "{answer:?}");
    let served = answer.json();
    let cli = env
        .run_stdin(
            &[
                "--json",
                "key",
                "verify",
                "-p",
                "bpjs:read",
                "--ip",
                "10.1.2.3",
            ],
            &key,
        )
        .json();
    assert_eq!(served, cli, "the server's answer differs from key verify's");
    // The second answer is made from the body kept with the cache entry.
    let again = server.post(
        "/v1/keys.verify",
        &[("Authorization", &auth(&caller))],
        &body,
    );
    assert_eq!(
        again.json(),
        cli,
        "a cached answer differs from key verify's"
    );
    // A capped key with metadata and an expiry: the same but for one more use left.
    let (_, capped) = env.create_key(
        "bpjs-sync",
        &[
            "--max-uses",
            "5",
            "--meta",
            "team=\"a\"",
            "--expires-in",
            "30d",
        ],
    );
    let capped_body = format!("{{\"key\": \"{capped}\"}}");
    let served = server
        .post(
            "/v1/keys.verify",
            &[("Authorization", &auth(&caller))],
            &capped_body,
        )
        .json();
    let mut cli = env.run_stdin(&["--json", "key", "verify"], &capped).json();
    assert_eq!(cli["remaining_uses"], 3);
    cli["remaining_uses"] = 4.into();
    assert_eq!(
        served, cli,
        "a capped key's answer differs from key verify's"
    );

    let refused = server
        .post(
            "/v1/keys.verify",
            &[("Authorization", &auth(&caller))],
            &format!("{{\"key\": \"{key}\", \"permissions\": [\"bpjs:write\"]}}"),
        )
        .json();
    assert_eq!(refused["result"], "INSUFFICIENT_PERMISSIONS");
    assert_eq!(refused["valid"], false);
    assert_eq!(refused["missing_permissions"][0], "bpjs:write");
    let cli_refused = env
        .run_stdin(&["--json", "key", "verify", "-p", "bpjs:write"], &key)
        .code(5)
        .json();
    assert_eq!(refused, cli_refused, "a refusal differs from key verify's");
    let bad = server.post(
        "/v1/keys.verify",
        &[("Authorization", &auth(&caller))],
        "{\"nokey\": 1}",
    );
    assert_eq!(bad.status, 400);
    assert_eq!(bad.json()["error"]["code"], "invalid_input");

    // Unkey's v2 shape.
    let v2 = |body: String| {
        let r = server.post(
            "/v2/keys.verifyKey",
            &[("Authorization", &auth(&caller))],
            &body,
        );
        assert_eq!(r.status, 200, "{r:?}");
        let json = r.json();
        assert!(json["meta"]["requestId"].is_string(), "{json}");
        json["data"].clone()
    };
    let valid = v2(format!(
        "{{\"key\": \"{key}\", \"permissions\": \"bpjs:read AND (users:read OR bpjs:write)\"}}"
    ));
    assert_eq!(valid["valid"], true);
    assert_eq!(valid["code"], "VALID");
    assert_eq!(valid["identity"]["externalId"], "bpjs-sync");
    assert_eq!(valid["enabled"], true);
    assert!(valid["keyId"].is_string());
    let missing = v2(format!(
        "{{\"key\": \"{key}\", \"permissions\": \"bpjs:read AND bpjs:write\"}}"
    ));
    assert_eq!(
        (missing["valid"].clone(), missing["code"].clone()),
        (false.into(), "INSUFFICIENT_PERMISSIONS".into())
    );
    let or = v2(format!(
        "{{\"key\": \"{key}\", \"permissions\": \"bpjs:write OR bpjs:read\"}}"
    ));
    assert_eq!(or["code"], "VALID");
    let unknown = v2("{\"key\": \"ak_garbage\"}".into());
    assert_eq!(unknown["code"], "NOT_FOUND");
    assert!(unknown.get("keyId").is_none());
    let (capped_id, capped) = env.create_key("bpjs-sync", &["--max-uses", "2"]);
    let first = v2(format!("{{\"key\": \"{capped}\"}}"));
    assert_eq!(
        (first["code"].clone(), first["credits"].clone()),
        ("VALID".into(), 1.into())
    );
    v2(format!("{{\"key\": \"{capped}\"}}"));
    let spent = v2(format!("{{\"key\": \"{capped}\"}}"));
    assert_eq!(
        (spent["code"].clone(), spent["credits"].clone()),
        ("USAGE_EXCEEDED".into(), 0.into())
    );
    assert_eq!(env.key_column(&capped_id, "use_count"), Some(2));
    let (expired_id, expired) = env.create_key("bpjs-sync", &[]);
    env.set_key_expiry(&expired_id, 1_000_000);
    let (disabled_id, disabled) = env.create_key("bpjs-sync", &[]);
    env.run(&["key", "disable", &disabled_id]).code(0);
    std::thread::sleep(Duration::from_millis(1100));
    assert_eq!(v2(format!("{{\"key\": \"{expired}\"}}"))["code"], "EXPIRED");
    assert_eq!(
        v2(format!("{{\"key\": \"{disabled}\"}}"))["code"],
        "DISABLED"
    );
    let bad_query = server.post(
        "/v2/keys.verifyKey",
        &[("Authorization", &auth(&caller))],
        &format!("{{\"key\": \"{key}\", \"permissions\": \"bpjs:read AND (\"}}"),
    );
    assert_eq!(bad_query.status, 400);
}

#[test]
fn open_verify_needs_no_caller_key() {
    let (env, key, _) = store();
    let server = Server::start(&env, &["--open-verify"]);
    let answer = server.post("/v1/keys.verify", &[], &format!("{{\"key\": \"{key}\"}}"));
    assert_eq!(answer.status, 200);
    assert_eq!(answer.json()["result"], "VALID");
}

#[test]
fn resources_need_their_permission_and_hold_no_secret() {
    let (env, key, bare) = store();
    env.run_stdin(
        &[
            "user",
            "add",
            "admin@example.org",
            "--role",
            "reader",
            "--password-stdin",
        ],
        "correct horse battery\n",
    )
    .code(0);
    for i in 0..5 {
        env.run(&[
            "client",
            "add",
            &format!("extra-{i}"),
            "--no-key",
            "-d",
            "searchable",
        ])
        .code(0);
    }
    let server = Server::start(&env, &[]);
    let with = [("Authorization", auth(&key))];
    let with: Vec<(&str, &str)> = with.iter().map(|(n, v)| (*n, v.as_str())).collect();

    let permissions = server.get("/v1/permissions", &with);
    assert_eq!(permissions.status, 200, "{permissions:?}");
    let names: Vec<String> = permissions.json()["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap().to_owned())
        .collect();
    assert!(names.contains(&"bpjs:read".to_owned()), "{names:?}");
    let none = server.get("/v1/permissions", &[]);
    assert_eq!(none.status, 401);
    assert!(none.header("www-authenticate").is_some());
    assert_eq!(
        server
            .get("/v1/permissions", &[("Authorization", &auth(&bare))])
            .status,
        403
    );

    // One item by name or id; 404 for neither.
    let one = server.get("/v1/permissions/bpjs:read", &with).json();
    let id = one["data"]["id"].as_str().unwrap().to_owned();
    assert_eq!(
        server.get(&format!("/v1/permissions/{id}"), &with).json()["data"]["name"],
        "bpjs:read"
    );
    assert_eq!(server.get("/v1/permissions/nope:read", &with).status, 404);
    assert_eq!(
        server.get("/v1/roles/reader", &with).json()["data"]["name"],
        "reader"
    );
    assert_eq!(
        server.get("/v1/users/admin@example.org", &with).json()["data"]["email"],
        "admin@example.org"
    );
    assert_eq!(
        server.get("/v1/clients/bpjs-sync", &with).json()["data"]["name"],
        "bpjs-sync"
    );

    // Pagination and search.
    let page = server.get("/v1/clients?limit=2", &with).json();
    assert_eq!(page["data"].as_array().unwrap().len(), 2);
    let next = page["next_cursor"].as_str().unwrap().to_owned();
    let page2 = server
        .get(&format!("/v1/clients?limit=2&cursor={next}"), &with)
        .json();
    assert_ne!(page["data"][0]["name"], page2["data"][0]["name"]);
    let all = server.get("/v1/clients?limit=1000", &with).json();
    assert_eq!(all["data"].as_array().unwrap().len(), 7);
    assert!(all["next_cursor"].is_null());
    let found = server.get("/v1/clients?search=SEARCHABLE", &with).json();
    assert_eq!(found["data"].as_array().unwrap().len(), 5);
    assert_eq!(server.get("/v1/clients?limit=0", &with).status, 400);

    // Never a secret, a key hash or a password hash.
    for path in ["/v1/clients", "/v1/users", "/v1/roles", "/v1/permissions"] {
        let body = server.get(path, &with).body;
        assert!(
            !body.contains(&key) && !body.contains("sha256") && !body.contains("argon2"),
            "{body}"
        );
        assert!(
            !body.contains("secret") && !body.contains("password_hash"),
            "{body}"
        );
    }

    // The key in the query string only with --allow-key-in-query.
    assert_eq!(
        server
            .get(&format!("/v1/permissions?api_key={key}"), &[])
            .status,
        401
    );
    drop(server);
    let server = Server::start(&env, &["--allow-key-in-query"]);
    assert_eq!(
        server
            .get(&format!("/v1/permissions?api_key={key}"), &[])
            .status,
        200
    );
}

#[test]
fn operations_endpoints_answer() {
    let (env, key, _) = store();
    let server = Server::start(&env, &["--log-format", "json"]);
    assert_eq!(server.get("/healthz", &[]).status, 200);
    assert_eq!(server.get("/readyz", &[]).json()["status"], "ok");
    let openapi = server.get("/openapi.json", &[]).json();
    assert_eq!(openapi["openapi"], "3.1.0");
    for path in [
        "/v1/forward-auth",
        "/v1/keys.verify",
        "/v2/keys.verifyKey",
        "/v1/clients",
        "/v1/clients/{id}",
        "/v1/permissions",
        "/v1/roles/{id}",
        "/v1/users",
        "/metrics",
    ] {
        assert!(
            openapi["paths"][path].is_object(),
            "{path} is not documented"
        );
    }
    let doc = server.get("/doc", &[]);
    assert_eq!(doc.status, 200);
    assert!(doc.body.contains("/v1/forward-auth") && doc.body.contains("VerdictBody"));
    assert!(
        !doc.body.contains("<script")
            && !doc.body.contains("http://")
            && !doc.body.contains("https://")
    );
    assert_eq!(
        server
            .get("/v1/forward-auth", &[("X-Api-Key", &key)])
            .status,
        200
    );
    assert_eq!(
        server
            .get(&format!("/v1/forward-auth?api_key={key}"), &[])
            .status,
        401
    );
    let metrics = server.get("/metrics", &[]).body;
    for name in [
        "apikey_http_requests_total{endpoint=\"/v1/forward-auth\",status=\"200\"} 1",
        "apikey_verify_duration_seconds_bucket",
        "apikey_cache_hits_total",
        "apikey_cache_misses_total",
        "apikey_usage_pending",
        "apikey_usage_flush_errors_total 0",
    ] {
        assert!(metrics.contains(name), "metrics lack {name}:\n{metrics}");
    }
    // Logs are JSON lines and never hold a key or its hash.
    let log = server.log();
    let hash = crate::access_support::sha256_hex(&key);
    assert!(!log.contains(&key) && !log.contains(&hash), "{log}");
    assert!(log.contains("keys"), "{log}");
    for line in log.lines() {
        serde_json::from_str::<serde_json::Value>(line)
            .unwrap_or_else(|_| panic!("not JSON: {line}"));
    }
}

#[test]
fn a_capped_key_allows_exactly_its_uses_under_400_concurrent_requests() {
    let (env, _, _) = store();
    let (id, capped) = env.create_key("bpjs-sync", &["--max-uses", "100"]);
    let server = Arc::new(Server::start(&env, &["--open-verify"]));
    assert_eq!(verify_concurrently(&[server], &capped, 400), 100);
    assert_eq!(env.key_column(&id, "use_count"), Some(100));
}

#[test]
fn uncapped_uses_are_flushed_on_sigterm() {
    let (env, key, _) = store();
    let id = first_key_id(&env);
    let mut server = Server::start(&env, &[]);
    for _ in 0..30 {
        assert_eq!(
            server
                .get("/v1/forward-auth", &[("X-Api-Key", &key)])
                .status,
            200
        );
    }
    assert_eq!(server.stop(), Some(0), "{}", server.log());
    assert_eq!(env.key_column(&id, "use_count"), Some(30));
    assert!(server.log().contains("stopped"));
}

#[test]
fn bad_input_gets_a_4xx_or_a_closed_connection_and_no_crash() {
    let (env, key, _) = store();
    let mut server = Server::start(&env, &[]);
    let addr = server.addr;
    let status = |raw: &[u8]| send_raw(addr, raw).map(|r| r.status);
    let huge = format!(
        "GET /v1/forward-auth HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\n\r\n",
        "a".repeat(100_000)
    );
    assert!(status(huge.as_bytes()).is_none_or(|s| (400..500).contains(&s)));
    let many: String = (0..300).map(|i| format!("X-H{i}: v\r\n")).collect();
    let many = format!("GET /healthz HTTP/1.1\r\nHost: x\r\n{many}\r\n");
    assert!(status(many.as_bytes()).is_none_or(|s| (400..500).contains(&s)));
    let long_key = "k".repeat(10_000);
    let long = server.get("/v1/forward-auth", &[("X-Api-Key", &long_key)]);
    assert_eq!(
        (long.status, long.header("x-apikey-code")),
        (401, Some("MALFORMED"))
    );
    let mut non_utf8 = b"GET /v1/forward-auth HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-Api-Key: \xff\xfe\xc3\x28\r\n\r\n".to_vec();
    assert_eq!(status(&non_utf8), Some(401));
    non_utf8 = b"GET /v1/forward-auth HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer \xff\xfe\r\n\r\n".to_vec();
    assert_eq!(status(&non_utf8), Some(401));
    assert!(status(b"NOT HTTP AT ALL\r\n\r\n").is_none_or(|s| (400..500).contains(&s)));
    assert!(status(b"GET / HTTP/9.9\r\n\r\n").is_none_or(|s| (400..500).contains(&s)));
    let big_body = format!(
        "POST /v1/keys.verify HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 10000000\r\n\r\n{}",
        "x".repeat(100_000)
    );
    assert!(status(big_body.as_bytes()).is_none_or(|s| (400..500).contains(&s)));
    assert_eq!(
        server
            .post("/v1/keys.verify", &[], "\u{0}\u{1}not json")
            .status,
        401
    );
    // A slow client that never finishes its headers is cut off, and others are served.
    let mut slow = std::net::TcpStream::connect(addr).unwrap();
    std::io::Write::write_all(&mut slow, b"GET /healthz HTTP/1.1\r\nHost: x\r\n").unwrap();
    assert_eq!(server.get("/healthz", &[]).status, 200);
    assert_eq!(
        server
            .get("/v1/forward-auth", &[("X-Api-Key", &key)])
            .status,
        200
    );
    assert!(server.alive(), "the server died: {}", server.log());
}

/// Forward-auth and the verify APIs are answered before the router (`Hot` in
/// crates/apikey-server/src/api.rs): they must still route, refuse other methods and
/// bound their bodies as the router's endpoints do.
#[test]
fn the_hot_endpoints_route_exactly_and_bound_their_bodies() {
    let (env, key, _) = store();
    let server = Server::start(&env, &["--open-verify"]);
    let addr = server.addr;
    let verify = format!("{{\"key\": \"{key}\"}}");
    let sub_path = server.get("/v1/forward-auth/bpjs/x", &[("X-Api-Key", &key)]);
    assert_eq!(sub_path.status, 200, "{sub_path:?}");
    for near in [
        "/v1/forward-authx",
        "/v1/keys.verify/",
        "/v2/keys.verifykey",
    ] {
        assert_eq!(server.post(near, &[], &verify).status, 404, "{near}");
    }
    for (path, valid) in [
        ("/v1/keys.verify", "/valid"),
        ("/v2/keys.verifyKey", "/data/valid"),
    ] {
        assert_eq!(
            server.post(path, &[], &verify).json().pointer(valid),
            Some(&serde_json::Value::Bool(true)),
            "{path}"
        );
        let get = server.get(path, &[]);
        assert_eq!(
            (get.status, get.header("allow")),
            (405, Some("POST")),
            "{path}"
        );
        // Over 64 KiB, declared: refused before it is read.
        let padded = format!(
            "{{\"key\": \"{key}\", \"pad\": \"{}\"}}",
            "x".repeat(70_000)
        );
        let large = server.post(path, &[], &padded);
        assert_eq!(large.status, 413, "{path}: {large:?}");
        assert_eq!(large.json()["error"]["code"], "invalid_input");
        assert!(large.body.contains("65536 bytes"), "{}", large.body);
        // Over 64 KiB in chunks of undeclared length: refused when the limit is crossed.
        let chunk = format!("{:x}\r\n{}\r\n", 10_000, "x".repeat(10_000));
        let chunked = format!(
            "POST {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n{}0\r\n\r\n",
            chunk.repeat(7)
        );
        let chunked = send_raw(addr, chunked.as_bytes()).expect("an answer");
        assert_eq!(chunked.status, 413, "{path}: {chunked:?}");
    }
    let metrics = server.get("/metrics", &[]).body;
    for line in [
        "apikey_http_requests_total{endpoint=\"/v1/forward-auth/{*rest}\",status=\"200\"} 1",
        "apikey_http_requests_total{endpoint=\"/v1/keys.verify\",status=\"413\"} 2",
        "apikey_http_requests_total{endpoint=\"/v2/keys.verifyKey\",status=\"405\"} 1",
    ] {
        assert!(metrics.contains(line), "no {line} in:\n{metrics}");
    }
}

/// An answer that would outlast `--request-timeout` (here a capped key's use, whose
/// commit waits for another process's write lock) is a refusal: forward-auth's a 403
/// `UNAVAILABLE` (a gateway turns a 408 into a 500), the verify API's a 408. The uses
/// of the refused requests are never counted, even once the lock is free, and give
/// their answers back to the key's rate-limit window.
#[test]
fn an_answer_that_outlasts_the_request_timeout_is_a_refusal_and_counts_no_use() {
    let (env, _, _) = store();
    // Two answers an hour: both are taken by the refused requests below unless they
    // are given back.
    let (id, capped) = env.create_key("bpjs-sync", &["--max-uses", "5", "--rate-limit", "2/1h"]);
    let server = Server::start(&env, &["--open-verify", "--request-timeout", "300ms"]);
    let locker = env.hold_write_lock();
    let started = Instant::now();
    let forward = server.get("/v1/forward-auth", &[("X-Api-Key", &capped)]);
    assert_eq!(
        (forward.status, forward.header("x-apikey-code")),
        (403, Some("UNAVAILABLE")),
        "{forward:?}"
    );
    let verify = server.post(
        "/v1/keys.verify",
        &[],
        &format!("{{\"key\": \"{capped}\"}}"),
    );
    assert_eq!(verify.status, 408, "{verify:?}");
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    // The writer takes the lock once it is free and finds both requests gone.
    locker.release();
    for _ in 0..2 {
        let after = server.get("/v1/forward-auth", &[("X-Api-Key", &capped)]);
        assert_eq!(after.status, 200, "{after:?}");
    }
    let limited = server.get("/v1/forward-auth", &[("X-Api-Key", &capped)]);
    assert_eq!(limited.header("x-apikey-code"), Some("RATE_LIMITED"));
    assert_eq!(env.key_column(&id, "use_count"), Some(2));
}

#[test]
fn kill_9_under_load_keeps_the_store_sound_and_capped_counts_exact() {
    let (env, key, _) = store();
    let (capped_id, capped) = env.create_key("bpjs-sync", &["--max-uses", "1000000"]);
    let mut server = Server::start(&env, &["--open-verify"]);
    let addr = server.addr;
    let allowed = Arc::new(AtomicUsize::new(0));
    let stop_at = Instant::now() + Duration::from_secs(3);
    let threads: Vec<_> = (0..8)
        .map(|i| {
            let (allowed, capped, key) = (allowed.clone(), capped.clone(), key.clone());
            std::thread::spawn(move || {
                let mut sent = 0;
                while Instant::now() < stop_at && sent < 5_000 {
                    sent += 1;
                    let which = if i % 2 == 0 { &capped } else { &key };
                    let body = format!("{{\"key\": \"{which}\"}}");
                    let raw = format!(
                        "POST /v1/keys.verify HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: {}\r\n\r\n{body}",
                        body.len()
                    );
                    match send_raw(addr, raw.as_bytes()) {
                        Some(r) if which == &capped && r.body.contains("\"valid\":true") => {
                            allowed.fetch_add(1, Ordering::Relaxed);
                        }
                        Some(_) => {}
                        None => break,
                    }
                }
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(1500));
    server.kill9();
    for t in threads {
        t.join().unwrap();
    }
    if !env.is_postgres() {
        let conn = env.sql();
        let check: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok");
    }
    let counted = env.key_column(&capped_id, "use_count").unwrap() as usize;
    let seen = allowed.load(Ordering::Relaxed);
    // Every allowed answer was committed first; at most the 4 requests in flight when
    // the process died were committed without their answer arriving.
    assert!(seen > 0, "no load reached the server");
    assert!(
        counted >= seen && counted <= seen + 4,
        "counted {counted}, allowed {seen}"
    );
    // A restart serves at once.
    let server = Server::start(&env, &[]);
    assert_eq!(
        server
            .get("/v1/forward-auth", &[("X-Api-Key", &key)])
            .status,
        200
    );
}

#[test]
fn serve_refuses_a_missing_store_and_bad_flags() {
    let env = TestEnv::new();
    env.run(&["serve", "--listen", "127.0.0.1:0"]).code(3);
    let env = TestEnv::init();
    env.run(&[
        "serve",
        "--listen",
        "127.0.0.1:0",
        "--route",
        "GET bpjs bpjs:read",
    ])
    .code(2)
    .stderr_has("--route");
    env.run(&[
        "serve",
        "--listen",
        "127.0.0.1:0",
        "--trusted-proxy",
        "nonsense",
    ])
    .code(2);
    let help = env.run(&["serve", "--help"]);
    help.code(0).stdout_has("Examples:").stdout_has("--route");
}

#[test]
fn a_rate_limited_key_allows_exactly_its_limit_under_400_concurrent_requests() {
    let (env, _, _) = store();
    let (_, limited) = env.create_key("bpjs-sync", &["--rate-limit", "50/10s"]);
    let server = Arc::new(Server::start(&env, &["--open-verify"]));
    let allowed = Arc::new(AtomicUsize::new(0));
    let limited_answers = Arc::new(AtomicUsize::new(0));
    let barrier = Arc::new(std::sync::Barrier::new(400));
    let started = Instant::now();
    let threads: Vec<_> = (0..400)
        .map(|i| {
            let (server, allowed, limited_answers, barrier, key) = (
                server.clone(),
                allowed.clone(),
                limited_answers.clone(),
                barrier.clone(),
                limited.clone(),
            );
            std::thread::spawn(move || {
                barrier.wait();
                // Half through forward auth, half through the verify API.
                let (valid, code, retry) = if i % 2 == 0 {
                    let r = server.get(
                        "/v1/forward-auth?permission=bpjs:read",
                        &[("X-Api-Key", &key)],
                    );
                    assert!(r.status == 200 || r.status == 403, "{r:?}");
                    let code = r.header("x-apikey-code").unwrap_or("").to_owned();
                    (
                        r.status == 200,
                        code,
                        r.header("retry-after").map(str::to_owned),
                    )
                } else {
                    let r = server.post("/v1/keys.verify", &[], &format!("{{\"key\": \"{key}\"}}"));
                    assert_eq!(r.status, 200, "{r:?}");
                    let body = r.json();
                    let code = body["result"].as_str().unwrap_or("").to_owned();
                    (
                        body["valid"] == true,
                        code,
                        r.header("retry-after").map(str::to_owned),
                    )
                };
                if valid {
                    assert_eq!(code, "VALID");
                    assert_eq!(retry, None);
                    allowed.fetch_add(1, Ordering::Relaxed);
                } else {
                    assert_eq!(code, "RATE_LIMITED");
                    let secs: u64 = retry.expect("Retry-After").parse().unwrap();
                    assert!((1..=10).contains(&secs), "Retry-After {secs}");
                    limited_answers.fetch_add(1, Ordering::Relaxed);
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    let took = started.elapsed();
    // All 400 fell inside one 10 s window, so exactly 50 may pass.
    assert!(took < Duration::from_secs(10), "the load took {took:?}");
    assert_eq!(allowed.load(Ordering::Relaxed), 50);
    assert_eq!(limited_answers.load(Ordering::Relaxed), 350);
    let metrics = server.get("/metrics", &[]).body;
    assert!(
        metrics.contains("apikey_rate_limited_total 350"),
        "{metrics}"
    );
}

#[test]
fn only_would_be_valid_answers_take_from_the_window_and_changes_reach_the_server() {
    let (env, _, _) = store();
    let (id, key) = env.create_key("bpjs-sync", &["--rate-limit", "2/1h"]);
    let server = Server::start(&env, &["--open-verify"]);
    let forward = |permission: &str| {
        server.get(
            &format!("/v1/forward-auth?permission={permission}"),
            &[("X-Api-Key", &key)],
        )
    };
    // Refusals for other reasons take nothing from the window.
    for _ in 0..5 {
        let r = forward("bpjs:write");
        assert_eq!(r.header("x-apikey-code"), Some("INSUFFICIENT_PERMISSIONS"));
        assert_eq!(r.header("retry-after"), None);
    }
    assert_eq!(forward("bpjs:read").status, 200);
    assert_eq!(forward("bpjs:read").status, 200);
    let r = forward("bpjs:read");
    assert_eq!(
        (r.status, r.header("x-apikey-code")),
        (403, Some("RATE_LIMITED"))
    );
    let secs: u64 = r.header("retry-after").unwrap().parse().unwrap();
    assert!((3500..=3600).contains(&secs), "Retry-After {secs}");
    // Unkey's shape.
    let v2 = server.post(
        "/v2/keys.verifyKey",
        &[],
        &format!("{{\"key\": \"{key}\"}}"),
    );
    assert_eq!(v2.status, 200);
    assert!(v2.header("retry-after").is_some());
    let data = &v2.json()["data"];
    assert_eq!(
        (data["valid"].as_bool(), data["code"].as_str()),
        (Some(false), Some("RATE_LIMITED"))
    );
    assert_eq!(data["keyId"], id.as_str());

    // Raised by the CLI: the server sees it within a second.
    env.run(&["key", "update", &id, "--rate-limit", "3/1h"])
        .code(0);
    let deadline = Instant::now() + Duration::from_secs(3);
    loop {
        if forward("bpjs:read").status == 200 {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the new limit did not reach the server"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(
        forward("bpjs:read").header("x-apikey-code"),
        Some("RATE_LIMITED")
    );
    env.run(&["key", "update", &id, "--no-rate-limit"]).code(0);
    let deadline = Instant::now() + Duration::from_secs(3);
    while forward("bpjs:read").status != 200 {
        assert!(
            Instant::now() < deadline,
            "the removed limit did not reach the server"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    for _ in 0..5 {
        assert_eq!(forward("bpjs:read").status, 200);
    }
}
