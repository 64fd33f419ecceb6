//! Gateways that cannot be installed here, replayed: the request Traefik ForwardAuth and
//! Envoy `ext_authz` (HTTP service) send to `/v1/forward-auth`, built from the snippets
//! in `docs/gateways/` as written. And `--trusted-proxy`: whose `X-Forwarded-For` decides
//! the caller's address, checked end to end against a key's `--allow-ip`.

use crate::serve_support::{GATEWAY_FLAGS, Response, Server, snippet, store};

/// The value of the first `key: value` line (quotes removed).
fn setting(text: &str, key: &str) -> String {
    text.lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .find_map(|l| l.trim().strip_prefix(&format!("{key}:")))
        .unwrap_or_else(|| panic!("no {key} in the snippet"))
        .trim()
        .trim_matches('"')
        .to_owned()
}

/// The items of the YAML list under the first `key:` line.
fn list(text: &str, key: &str) -> Vec<String> {
    text.lines()
        .skip_while(|l| l.trim() != format!("{key}:"))
        .skip(1)
        .take_while(|l| l.trim_start().starts_with("- ") || l.trim_start().starts_with('#'))
        .filter_map(|l| l.trim().strip_prefix("- "))
        .map(|s| s.trim().to_owned())
        .collect()
}

fn server_for(env: &crate::common::TestEnv, snippet: &str) -> Server {
    // The snippet names the flags apikey runs with; run with the same routes.
    assert!(snippet.contains("--route 'GET /bpjs/* bpjs:read'"));
    assert!(snippet.contains("--route 'POST /bpjs/* bpjs:write'"));
    Server::start(env, &GATEWAY_FLAGS)
}

/// What Traefik sends for a client's `method uri` carrying `headers`: a GET to the
/// middleware's address, every client header, and the original request in
/// X-Forwarded-*.
fn traefik(
    server: &Server,
    address: &str,
    method: &str,
    uri: &str,
    headers: &[(&str, &str)],
) -> Response {
    let path = address
        .strip_prefix("http://127.0.0.1:8080")
        .expect("the snippet's address is apikey's");
    let mut all: Vec<(&str, &str)> = headers.to_vec();
    all.extend([
        ("X-Forwarded-Method", method),
        ("X-Forwarded-Proto", "https"),
        ("X-Forwarded-Host", "bpjs.example.go.id"),
        ("X-Forwarded-Uri", uri),
        ("X-Forwarded-For", "203.0.113.9"),
        ("X-Forwarded-Port", "443"),
        ("X-Forwarded-Server", "traefik"),
        ("X-Real-Ip", "203.0.113.9"),
    ]);
    server.get(path, &all)
}

#[test]
fn traefik_forward_auth_requests_as_its_snippet_sends_them() {
    let text = snippet("traefik.yml");
    let address = setting(&text, "address");
    let copied = list(&text, "authResponseHeaders");
    assert_eq!(copied.len(), 4, "{copied:?}");
    let (env, key, bare) = store();
    let server = server_for(&env, &text);
    let bearer = format!("Bearer {key}");

    // Allowed: every header Traefik copies to the upstream is in the answer, and it is
    // apikey's identity, not the client's forged one.
    let ok = traefik(
        &server,
        &address,
        "GET",
        "/bpjs/peserta/1?page=2",
        &[
            ("Authorization", &bearer),
            ("X-Apikey-Client", "forged"),
            ("Accept", "application/json"),
        ],
    );
    assert_eq!(ok.status, 200, "{ok:?}");
    for name in &copied {
        assert!(ok.header(name).is_some(), "{name} missing: {ok:?}");
    }
    assert_eq!(ok.header("X-Apikey-Client"), Some("bpjs-sync"));
    // The original method decides the route: a POST needs bpjs:write.
    let post = traefik(
        &server,
        &address,
        "POST",
        "/bpjs/peserta",
        &[("Authorization", &bearer)],
    );
    assert_eq!(
        (post.status, post.header("x-apikey-code")),
        (403, Some("INSUFFICIENT_PERMISSIONS"))
    );
    // 401 (Traefik returns it to the client, with WWW-Authenticate) and 403.
    let none = traefik(&server, &address, "GET", "/bpjs/peserta/1", &[]);
    assert_eq!(none.status, 401, "{none:?}");
    assert!(none.header("www-authenticate").is_some());
    let wrong = traefik(
        &server,
        &address,
        "GET",
        "/bpjs/peserta/1",
        &[("X-Api-Key", &bare)],
    );
    assert_eq!(wrong.status, 403, "{wrong:?}");
    // Traefik passes the client's headers on: a client naming a permission it holds
    // does not open a path the route table leaves closed ...
    let chosen = traefik(
        &server,
        &address,
        "GET",
        "/admin/users",
        &[
            ("Authorization", &bearer),
            ("X-Apikey-Permission", "bpjs:read"),
        ],
    );
    assert_eq!(
        (chosen.status, chosen.header("x-apikey-code")),
        (403, Some("NO_ROUTE"))
    );
    // ... nor does an nginx-style header naming another URI or method.
    let uri = traefik(
        &server,
        &address,
        "GET",
        "/admin/users",
        &[
            ("Authorization", &bearer),
            ("X-Original-URI", "/bpjs/peserta/1"),
        ],
    );
    let method = traefik(
        &server,
        &address,
        "POST",
        "/bpjs/peserta",
        &[("Authorization", &bearer), ("X-Original-Method", "GET")],
    );
    for lie in [uri, method] {
        assert_eq!(
            (lie.status, lie.header("x-apikey-code")),
            (403, Some("AMBIGUOUS_ROUTE")),
            "{lie:?}"
        );
    }
}

/// What Envoy sends for a client's `method path_and_query`: the same method to
/// path_prefix + path and query, Host and Content-Length, and only the allowed headers
/// of the client's (a body is never sent).
fn envoy(
    server: &Server,
    prefix: &str,
    allowed: &[String],
    method: &str,
    path_and_query: &str,
    client_headers: &[(&str, &str)],
) -> Response {
    let mut headers: Vec<(&str, &str)> = client_headers
        .iter()
        .filter(|(n, _)| allowed.iter().any(|a| a.eq_ignore_ascii_case(n)))
        .copied()
        .collect();
    headers.extend([
        ("Content-Length", "0"),
        ("x-envoy-expected-rq-timeout-ms", "500"),
        ("x-request-id", "5b8a1c52-7f1d-4c2e-9d1a-0c3c2a9e7f10"),
    ]);
    server.request(method, &format!("{prefix}{path_and_query}"), &headers, None)
}

#[test]
fn envoy_ext_authz_requests_as_its_snippet_sends_them() {
    let text = snippet("envoy.yaml");
    let prefix = setting(&text, "path_prefix");
    assert_eq!(prefix, "/v1/forward-auth");
    let allowed: Vec<String> = list(&text, "patterns")
        .iter()
        .filter_map(|p| p.strip_prefix("exact:").map(|s| s.trim().to_owned()))
        .collect();
    assert_eq!(allowed, ["authorization", "x-api-key"]);
    let upstream_prefix = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("- prefix:"))
        .unwrap()
        .trim()
        .to_owned();
    let (env, key, bare) = store();
    let server = server_for(&env, &text);
    let bearer = format!("Bearer {key}");
    let client = |auth: &'static str, value: &str| {
        vec![
            (auth, value.to_owned()),
            ("X-Apikey-Client", "forged".to_owned()),
            ("X-Original-URI", "/bpjs/forged".to_owned()),
            ("Cookie", "session=1".to_owned()),
        ]
    };
    let send = |method: &str, path: &str, headers: &[(&'static str, String)]| {
        let h: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (*n, v.as_str())).collect();
        envoy(&server, &prefix, &allowed, method, path, &h)
    };

    // Allowed: the route matched on the original method and path; the identity headers
    // Envoy sets on the upstream request are there, and only a 200 allows.
    let ok = send(
        "GET",
        "/bpjs/peserta/1?page=2",
        &client("authorization", &bearer),
    );
    assert_eq!(ok.status, 200, "{ok:?}");
    let identity: Vec<&str> = ok
        .headers
        .iter()
        .map(|(n, _)| n.as_str())
        .filter(|n| n.to_ascii_lowercase().starts_with(&upstream_prefix))
        .collect();
    assert_eq!(identity.len(), 5, "{identity:?}");
    assert_eq!(ok.header("x-apikey-client"), Some("bpjs-sync"));
    // The key in x-api-key works the same.
    let header_key = send("GET", "/bpjs/peserta/1", &client("x-api-key", &key));
    assert_eq!(header_key.status, 200, "{header_key:?}");
    // The original method: a POST (its body stays with Envoy) needs bpjs:write.
    let post = send("POST", "/bpjs/peserta", &client("authorization", &bearer));
    assert_eq!(
        (post.status, post.header("x-apikey-code")),
        (403, Some("INSUFFICIENT_PERMISSIONS"))
    );
    let none = send("GET", "/bpjs/peserta/1", &[]);
    assert_eq!(none.status, 401, "{none:?}");
    let wrong = send("GET", "/bpjs/peserta/1", &client("x-api-key", &bare));
    assert_eq!(wrong.status, 403, "{wrong:?}");
    // Envoy appends the client's query: a permission named there does not open a path
    // outside the route table, nor the root path.
    for path in ["/admin?permission=bpjs:read", "/?permission=bpjs:read"] {
        let chosen = send("GET", path, &client("authorization", &bearer));
        assert_eq!(
            (chosen.status, chosen.header("x-apikey-code")),
            (403, Some("NO_ROUTE")),
            "{path}"
        );
    }
}

#[test]
fn trusted_proxies_decide_the_address_and_others_are_ignored() {
    let (env, _, _) = store();
    env.run(&["client", "add", "branch", "--no-key", "--role", "reader"])
        .code(0);
    let (_, fenced) = env.create_key("branch", &["--allow-ip", "203.0.113.0/24"]);
    let (_, local) = env.create_key("branch", &["--allow-ip", "127.0.0.1/32"]);
    let forward = |server: &Server, key: &str, headers: &[(&str, &str)]| {
        let mut all = vec![("X-Api-Key", key)];
        all.extend_from_slice(headers);
        let r = server.get("/v1/forward-auth?permission=bpjs:read", &all);
        (r.status, r.header("x-apikey-code").unwrap_or("").to_owned())
    };
    let allowed = (200, "VALID".to_owned());
    let forbidden = (403, "FORBIDDEN".to_owned());

    // The peer (127.0.0.1) is a trusted proxy, and so is 10.0.0.0/8 behind it.
    let trusting = Server::start(
        &env,
        &[
            "--trusted-proxy",
            "127.0.0.1/32",
            "--trusted-proxy",
            "10.0.0.0/8",
        ],
    );
    let xff = |v: &'static str| [("X-Forwarded-For", v)];
    assert_eq!(forward(&trusting, &fenced, &xff("203.0.113.9")), allowed);
    assert_eq!(forward(&trusting, &fenced, &xff("198.51.100.7")), forbidden);
    // Rightmost untrusted: trusted hops on the right are skipped ...
    assert_eq!(
        forward(&trusting, &fenced, &xff("203.0.113.9, 10.1.2.3, 10.0.0.1")),
        allowed
    );
    // ... and an address the client wrote on the left is never believed.
    assert_eq!(
        forward(&trusting, &fenced, &xff("203.0.113.9, 198.51.100.7")),
        forbidden
    );
    assert_eq!(
        forward(&trusting, &fenced, &xff("198.51.100.7, 203.0.113.9")),
        allowed
    );
    // Two headers are one list; garbage entries are skipped.
    assert_eq!(
        forward(
            &trusting,
            &fenced,
            &[
                ("X-Forwarded-For", "198.51.100.7"),
                ("X-Forwarded-For", "203.0.113.9, not-an-address")
            ]
        ),
        allowed
    );
    // X-Real-IP when there is no X-Forwarded-For, and the socket when neither.
    assert_eq!(
        forward(&trusting, &fenced, &[("X-Real-IP", "203.0.113.50")]),
        allowed
    );
    assert_eq!(forward(&trusting, &fenced, &[]), forbidden);
    assert_eq!(forward(&trusting, &local, &[]), allowed);
    // The caller's own key on the resource API is judged by the same address.
    let bearer = format!("Bearer {fenced}");
    let list = trusting.get(
        "/v1/permissions",
        &[
            ("Authorization", &bearer),
            ("X-Forwarded-For", "203.0.113.9"),
        ],
    );
    assert_eq!(list.status, 200, "{list:?}");
    let list = trusting.get("/v1/permissions", &[("Authorization", &bearer)]);
    assert_eq!(list.status, 403, "{list:?}");
    drop(trusting);

    // A peer that is not trusted: the headers are ignored, the socket's address is used.
    let untrusting = Server::start(&env, &["--trusted-proxy", "10.0.0.0/8"]);
    assert_eq!(
        forward(&untrusting, &fenced, &xff("203.0.113.9")),
        forbidden
    );
    assert_eq!(
        forward(&untrusting, &fenced, &[("X-Real-IP", "203.0.113.9")]),
        forbidden
    );
    assert_eq!(forward(&untrusting, &local, &xff("198.51.100.7")), allowed);
    let none = Server::start(&env, &[]);
    assert_eq!(forward(&none, &fenced, &xff("203.0.113.9")), forbidden);
    assert_eq!(forward(&none, &local, &xff("198.51.100.7")), allowed);
}
