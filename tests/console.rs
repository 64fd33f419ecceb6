//! The web console (`apikey serve --admin`) over plain HTTP: headers, cookies, CSRF,
//! authorization, sessions, the one-time secret and the audit actor. The browser
//! walk-through is in `console_browser.rs`.

use crate::common::{TestEnv, unix_now};
use crate::console_support::{
    ADMIN, Agent, OUTSIDER, PASSWORD, VIEWER, console_server, console_store, csrf, shown_secret,
    state,
};
use crate::serve_support::Server;

fn assert_security_headers(response: &crate::serve_support::Response, what: &str) {
    let csp = response.header("content-security-policy").unwrap_or("");
    assert!(csp.starts_with("default-src 'self'"), "{what}: CSP {csp:?}");
    assert_eq!(response.header("x-frame-options"), Some("DENY"), "{what}");
    assert_eq!(
        response.header("referrer-policy"),
        Some("no-referrer"),
        "{what}"
    );
    assert_eq!(
        response.header("x-content-type-options"),
        Some("nosniff"),
        "{what}"
    );
}

#[test]
fn the_console_is_off_without_admin() {
    let env = console_store();
    let server = Server::start(&env, &[]);
    let page = server.get("/console/login", &[]);
    assert_eq!(page.status, 404, "{page:?}");
    assert_eq!(page.json()["error"]["code"], "not_found");
}

#[test]
fn every_page_carries_the_security_headers_and_no_external_resource() {
    let env = console_store();
    let server = console_server(&env);
    let mut agent = Agent::new(&server);
    let login = agent.get("/console/login");
    assert_eq!(login.status, 200);
    assert_security_headers(&login, "login");
    assert_eq!(login.header("cache-control"), Some("no-store"));
    assert_eq!(agent.login(ADMIN, PASSWORD).status, 303);
    for path in [
        "/console",
        "/console/clients",
        "/console/clients?q=bpjs",
        "/console/keys/new",
        "/console/clients/new",
        "/console/permissions",
        "/console/roles",
        "/console/users",
        "/console/audit",
        "/console/nowhere",
    ] {
        let page = agent.get(path);
        assert!(
            page.status == 200 || path == "/console/nowhere",
            "{path}: {page:?}"
        );
        assert_security_headers(&page, path);
        assert_eq!(page.header("cache-control"), Some("no-store"), "{path}");
        // Nothing from elsewhere, and no inline script or style.
        for forbidden in [
            "http://", "https://", "<script>", "<style", " style=", "onclick",
        ] {
            assert!(!page.body.contains(forbidden), "{path} has {forbidden}");
        }
        // The signed-in user's name, top right, and the menu.
        assert!(page.body.contains("Ada Admin"), "{path}");
        assert!(page.body.contains("href=\"/doc\">API docs</a>"), "{path}");
    }
    let css = agent.get("/console/static/console.css");
    assert_eq!(css.header("content-type"), Some("text/css; charset=utf-8"));
    let js = agent.get("/console/static/console.js");
    assert_eq!(
        js.header("content-type"),
        Some("text/javascript; charset=utf-8")
    );
    assert!(agent.get("/console/clients/nobody").status == 404);
}

#[test]
fn session_cookies_are_http_only_strict_secure_and_new_at_each_login() {
    let env = console_store();
    // Secure by default.
    let server = Server::start(&env, &["--admin"]);
    let mut agent = Agent::new(&server);
    let answer = agent.login(ADMIN, PASSWORD);
    assert_eq!(answer.status, 303, "{answer:?}");
    assert_eq!(answer.header("location"), Some("/console"));
    let cookie = answer
        .headers
        .iter()
        .find(|(n, v)| n.eq_ignore_ascii_case("set-cookie") && v.starts_with("apikey_session="))
        .map(|(_, v)| v.clone())
        .expect("session cookie");
    for flag in ["HttpOnly", "SameSite=Strict", "Secure", "Path=/console"] {
        assert!(cookie.contains(flag), "{cookie} lacks {flag}");
    }
    let first = agent.cookies["apikey_session"].clone();
    drop(server);

    // --insecure-cookies: no Secure, and each login a new id; the old one stops working.
    let server = console_server(&env);
    let mut agent = Agent::new(&server);
    let token = csrf(&agent.get("/console/login").body);
    // Signed in already (the first session): that session ends with this login.
    agent.cookies.insert("apikey_session".into(), first.clone());
    let answer = agent.post(
        "/console/login",
        &[("csrf", &token), ("email", ADMIN), ("password", PASSWORD)],
    );
    let cookie = answer
        .headers
        .iter()
        .find(|(n, v)| n.eq_ignore_ascii_case("set-cookie") && v.starts_with("apikey_session="))
        .map(|(_, v)| v.clone())
        .expect("session cookie");
    assert!(!cookie.contains("Secure"), "{cookie}");
    let second = agent.cookies["apikey_session"].clone();
    assert_ne!(first, second);
    let mut old = Agent::new(&server);
    old.cookies.insert("apikey_session".into(), first.clone());
    assert_eq!(
        old.get("/console").header("location"),
        Some("/console/login")
    );

    // The store holds only the hash of the id.
    let hashes: Vec<String> = env
        .query_rows("SELECT id_sha256 FROM console_sessions", &[])
        .iter()
        .map(|r| r[0].text().unwrap())
        .collect();
    assert_eq!(hashes.len(), 1, "{hashes:?}");
    assert_eq!(hashes[0], apikey_core::secret::sha256_hex(&second));
    let bytes = String::from_utf8_lossy(&env.store_bytes()).into_owned();
    assert!(!bytes.contains(&second), "the session id is in the store");
    // Never in the log.
    assert!(!server.log().contains(&second));
}

#[test]
fn forms_without_the_csrf_token_or_from_another_origin_are_refused() {
    let env = console_store();
    let server = console_server(&env);
    let mut agent = Agent::new(&server);
    // The login form too.
    let refused = agent.post(
        "/console/login",
        &[("email", ADMIN), ("password", PASSWORD)],
    );
    assert_eq!(refused.status, 403, "{refused:?}");
    assert!(!agent.cookies.contains_key("apikey_session"));
    assert_eq!(agent.login(ADMIN, PASSWORD).status, 303);
    let before = state(&env);

    let no_token = agent.post(
        "/console/keys",
        &[("client", "bpjs-sync"), ("description", "x")],
    );
    assert_eq!(no_token.status, 403, "{no_token:?}");
    assert!(
        no_token.body.contains("security token"),
        "{}",
        no_token.body
    );
    let wrong = agent.post(
        "/console/keys",
        &[("csrf", "0".repeat(64).as_str()), ("client", "bpjs-sync")],
    );
    assert_eq!(wrong.status, 403);
    // The right token from another site's page.
    let token = csrf(&agent.get("/console/keys/new").body);
    agent
        .extra
        .push(("Origin".into(), "http://evil.example".into()));
    let cross = agent.post(
        "/console/keys",
        &[("csrf", &token), ("client", "bpjs-sync")],
    );
    assert_eq!(cross.status, 403, "{cross:?}");
    agent.extra.clear();
    assert_eq!(state(&env), before, "a refused form changed the store");

    // The same form with its token and this origin works.
    agent
        .extra
        .push(("Origin".into(), format!("http://{}", server.addr)));
    let ok = agent.post(
        "/console/keys",
        &[("csrf", &token), ("client", "bpjs-sync")],
    );
    assert_eq!(ok.status, 303, "{ok:?}");
}

#[test]
fn a_user_without_admin_write_sees_no_change_buttons_and_gets_403() {
    let env = console_store();
    let server = console_server(&env);
    let mut agent = Agent::new(&server);
    assert_eq!(agent.login(VIEWER, PASSWORD).status, 303);
    let clients = agent.get("/console/clients");
    assert_eq!(clients.status, 200);
    assert!(clients.body.contains("bpjs-sync"));
    for button in [">Add<", "Add client", ">Revoke<", ">Disable<"] {
        assert!(!clients.body.contains(button), "viewer sees {button}");
    }
    let id = env.json(&["client", "show", "bpjs-sync"])["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let client = agent.get(&format!("/console/clients/{id}"));
    assert!(!client.body.contains("Grant role") && !client.body.contains(">Revoke<"));
    assert_eq!(agent.get("/console/keys/new").status, 403);

    let before = state(&env);
    let key = env.json(&["key", "list", "--client", "bpjs-sync"])[0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let token = csrf(&agent.get("/console").body);
    for (path, fields) in [
        (
            "/console/keys",
            vec![("client", "bpjs-sync"), ("description", "x")],
        ),
        ("/console/clients", vec![("name", "sneaky")]),
        (
            &*format!("/console/keys/{key}/revoke"),
            vec![("reason", "x")],
        ),
        (
            &*format!("/console/clients/{id}/roles"),
            vec![("op", "revoke"), ("role", "integration")],
        ),
    ] {
        let mut all = vec![("csrf", token.as_str())];
        all.extend(fields);
        let answer = agent.post(path, &all);
        assert_eq!(answer.status, 403, "{path}: {answer:?}");
        assert!(answer.body.contains("admin:write"), "{path}");
    }
    assert_eq!(state(&env), before);

    // Without admin:read there is no console at all.
    let mut outsider = Agent::new(&server);
    let refused = outsider.login(OUTSIDER, PASSWORD);
    assert_eq!(refused.status, 403, "{refused:?}");
    assert!(refused.body.contains("admin:read"));
    assert!(!outsider.cookies.contains_key("apikey_session"));
}

#[test]
fn wrong_passwords_say_nothing_about_the_email_and_the_sixth_is_locked() {
    let env = console_store();
    let server = console_server(&env);
    let mut agent = Agent::new(&server);
    let wrong = agent.login(ADMIN, "not the password");
    assert_eq!(wrong.status, 401);
    let unknown = agent.login("nobody@example.org", "not the password");
    assert_eq!(unknown.status, 401);
    let message = |body: &str| {
        let at = body.find("id=\"login-error\">").expect("error shown");
        body[at..body[at..].find("</p>").unwrap() + at].to_owned()
    };
    assert_eq!(message(&wrong.body), message(&unknown.body));
    assert!(wrong.body.contains("The email or password is wrong."));
    for _ in 0..4 {
        assert_eq!(agent.login(ADMIN, "not the password").status, 401);
    }
    // Five failures: the sixth attempt is locked, even with the right password.
    let locked = agent.login(ADMIN, PASSWORD);
    assert_eq!(locked.status, 429, "{locked:?}");
    assert!(locked.body.contains("locked"), "{}", locked.body);
    // The same audit as `user verify`.
    let failed = env.json(&["audit", "--action", "user.login_failed"]);
    assert_eq!(failed.as_array().unwrap().len(), 7, "{failed}");
    assert!(!server.log().contains("not the password"));
}

#[test]
fn logout_and_user_disable_end_the_session() {
    let env = console_store();
    let server = console_server(&env);
    let mut agent = Agent::new(&server);
    assert_eq!(agent.login(ADMIN, PASSWORD).status, 303);
    assert_eq!(agent.get("/console").status, 200);
    let kept = agent.cookies.clone();
    let out = agent.submit("/console", "/console/logout", &[]);
    assert_eq!(out.header("location"), Some("/console/login"));
    assert!(!agent.cookies.contains_key("apikey_session"));
    // The old cookie is dead too.
    let mut replay = Agent::new(&server);
    replay.cookies = kept;
    assert_eq!(replay.get("/console").status, 303);

    assert_eq!(agent.login(ADMIN, PASSWORD).status, 303);
    assert_eq!(agent.get("/console/clients").status, 200);
    env.run(&["user", "disable", ADMIN]).code(0);
    let after = agent.get("/console/clients");
    assert_eq!(after.status, 303, "{after:?}");
    assert_eq!(after.header("location"), Some("/console/login"));
    let count: i64 = env
        .query_i64("SELECT count(*) FROM console_sessions", &[])
        .unwrap();
    assert_eq!(count, 0);
    // Disabled: the same answer as a wrong password.
    let refused = agent.login(ADMIN, PASSWORD);
    assert_eq!(refused.status, 401);
    assert!(refused.body.contains("The email or password is wrong."));
}

#[test]
fn a_new_key_is_shown_once_audited_as_the_user_and_revoked_through_a_confirmation() {
    let env = console_store();
    let server = console_server(&env);
    let mut agent = Agent::new(&server);
    assert_eq!(agent.login(ADMIN, PASSWORD).status, 303);
    // A new client with its first key, from the "Add" form.
    let added = agent.submit(
        "/console/keys/new",
        "/console/keys",
        &[("client", "sirs-rs"), ("description", "hospital <system>")],
    );
    assert_eq!(added.status, 303, "{added:?}");
    assert_eq!(added.header("location"), Some("/console/keys/created"));
    // Nothing is issued until the page that shows the secret is fetched: a tab closed
    // after the POST leaves no live key whose secret nobody saw.
    let before = env.dump();
    env.run(&["client", "show", "sirs-rs"]).code(3);
    let shown = agent.get("/console/keys/created");
    assert_eq!(shown.status, 200);
    assert_eq!(shown.header("cache-control"), Some("no-store"));
    assert_ne!(env.dump(), before, "the result page issued nothing");
    let secret = shown_secret(&shown.body).expect("secret shown");
    assert!(secret.starts_with("ak_"), "{secret}");
    let again = agent.get("/console/keys/created");
    assert_eq!(again.status, 410);
    assert!(shown_secret(&again.body).is_none());
    assert!(again.body.contains("shown only once"));
    env.run_stdin(&["key", "verify"], &secret).code(0);
    // Escaped by the template engine.
    let clients = agent.get("/console/clients?q=sirs");
    assert!(
        clients.body.contains("hospital &lt;system&gt;"),
        "{}",
        clients.body
    );
    assert!(!clients.body.contains("bpjs-sync"), "search did not filter");

    // Audited with the signed-in user as actor.
    let events = env.json(&["audit", "--action", "client.add"]);
    let last = events.as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["actor"], ADMIN, "{last}");
    assert_eq!(last["target"], "sirs-rs");

    // Revoke: a confirmation page, then the POST; `key verify` refuses it.
    let key = env.json(&["key", "list", "--client", "sirs-rs"])[0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let confirm = agent.get(&format!("/console/keys/{key}/revoke"));
    assert_eq!(confirm.status, 200);
    assert!(confirm.body.contains("Revoke key"));
    let revoked = agent.submit(
        &format!("/console/keys/{key}/revoke"),
        &format!("/console/keys/{key}/revoke"),
        &[("reason", "leaked")],
    );
    assert_eq!(revoked.status, 303, "{revoked:?}");
    let run = env.run_stdin(&["--json", "key", "verify"], &secret);
    run.code(5);
    assert_eq!(run.json()["result"], "REVOKED");
    let events = env.json(&["audit", "--action", "key.revoke"]);
    assert_eq!(events[0]["actor"], ADMIN);
    assert_eq!(events[0]["details"]["revoked_reason"], "leaked");
    // Revoking twice is a clear conflict, not a panic.
    let twice = agent.submit(
        &format!("/console/keys/{key}/revoke"),
        &format!("/console/keys/{key}/revoke"),
        &[],
    );
    assert_eq!(twice.status, 409);

    // Bad input: a clear page, nothing changed.
    let before = state(&env);
    let bad = agent.submit(
        "/console/keys/new",
        "/console/keys",
        &[("client", "no spaces allowed"), ("description", "x")],
    );
    assert_eq!(bad.status, 400, "{bad:?}");
    assert!(bad.body.contains("client name"), "{}", bad.body);
    assert_eq!(state(&env), before);

    // The secret went nowhere else.
    assert!(!server.log().contains(&secret));
    let audit = env.run(&["--json", "audit"]);
    assert!(!audit.stdout.contains(&secret));
}

#[test]
fn roles_grant_and_revoke_and_keys_disable_and_enable() {
    let env = console_store();
    let server = console_server(&env);
    let mut agent = Agent::new(&server);
    assert_eq!(agent.login(ADMIN, PASSWORD).status, 303);
    let id = env.json(&["client", "show", "reporting"])["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let page = format!("/console/clients/{id}");
    let roles = format!("{page}/roles");
    assert_eq!(
        agent
            .submit(&page, &roles, &[("op", "grant"), ("role", "integration")])
            .status,
        303
    );
    assert_eq!(
        env.json(&["client", "show", "reporting"])["roles"],
        serde_json::json!(["integration"])
    );
    assert_eq!(
        agent
            .submit(&page, &roles, &[("op", "revoke"), ("role", "integration")])
            .status,
        303
    );
    assert_eq!(
        env.json(&["client", "show", "reporting"])["roles"],
        serde_json::json!([])
    );
    assert_eq!(
        agent
            .submit(&page, &roles, &[("op", "grant"), ("role", "no-such-role")])
            .status,
        404
    );
    let (key, secret) = env.create_key("bpjs-sync", &[]);
    let disable = format!("/console/keys/{key}/disable");
    assert_eq!(agent.submit(&disable, &disable, &[]).status, 303);
    env.run_stdin(&["key", "verify"], &secret).code(5);
    let enable = format!("/console/keys/{key}/enable");
    assert_eq!(agent.submit(&enable, &enable, &[]).status, 303);
    env.run_stdin(&["key", "verify"], &secret).code(0);
    assert_eq!(
        agent.get(&format!("/console/keys/{key}/explode")).status,
        404
    );
    let events = env.json(&["audit", "--action", "key"]);
    let actors: Vec<&str> = events
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "key.disable" || e["action"] == "key.enable")
        .map(|e| e["actor"].as_str().unwrap())
        .collect();
    assert_eq!(actors, [ADMIN, ADMIN]);
    // Add a client.
    let added = agent.submit(
        "/console/clients/new",
        "/console/clients",
        &[("name", "simrs"), ("description", "Hospital")],
    );
    assert_eq!(added.status, 303);
    assert_eq!(
        env.json(&["client", "show", "simrs"])["description"],
        "Hospital"
    );
}

#[test]
fn the_audit_page_filters_and_shows_the_chain() {
    let env = console_store();
    let server = console_server(&env);
    let mut agent = Agent::new(&server);
    assert_eq!(agent.login(ADMIN, PASSWORD).status, 303);
    let all = agent.get("/console/audit");
    assert!(all.body.contains("Chain intact"), "{}", all.body);
    let filtered = agent.get("/console/audit?actor=tester&action=user&since=1h");
    assert!(filtered.body.contains("user.add"));
    assert!(!filtered.body.contains("client.add"));
    let bad = agent.get("/console/audit?since=yesterday-ish");
    assert_eq!(bad.status, 400);
    // A tampered event shows as a broken chain.
    env.exec_sql(
        "UPDATE audit_events SET actor = 'mallory' WHERE seq = 2",
        &[],
    );
    let broken = agent.get("/console/audit");
    assert!(
        broken.body.contains("Chain broken at event #2"),
        "{}",
        broken.body
    );
}

#[test]
fn pages_need_a_session() {
    let env: TestEnv = console_store();
    let server = console_server(&env);
    let mut agent = Agent::new(&server);
    for path in [
        "/console",
        "/console/clients",
        "/console/keys/new",
        "/console/keys/created",
        "/console/users",
        "/console/audit",
    ] {
        let answer = agent.get(path);
        assert_eq!(answer.status, 303, "{path}");
        assert_eq!(answer.header("location"), Some("/console/login"), "{path}");
    }
    agent
        .cookies
        .insert("apikey_session".into(), "forged-session-id".into());
    assert_eq!(agent.get("/console").status, 303);
}

#[test]
fn sessions_idle_out_after_eight_hours_and_end_with_a_new_password_or_removal() {
    let env = console_store();
    let server = console_server(&env);
    let mut agent = Agent::new(&server);
    assert_eq!(agent.login(ADMIN, PASSWORD).status, 303);
    // 7 h 59 min without a request: still signed in (and the request moves the clock).
    let ago = |secs: i64| {
        env.exec_sql(
            "UPDATE console_sessions SET last_seen_at = ?1",
            &[&(unix_now() - secs)],
        );
    };
    ago(8 * 3600 - 60);
    assert_eq!(agent.get("/console").status, 200);
    // 8 h: gone, and removed from the store.
    ago(8 * 3600 + 1);
    let answer = agent.get("/console");
    assert_eq!(answer.header("location"), Some("/console/login"));
    let count = || -> i64 {
        env.query_i64("SELECT count(*) FROM console_sessions", &[])
            .unwrap()
    };
    assert_eq!(count(), 0);

    // A new password ends the sessions; so does removing the user.
    assert_eq!(agent.login(ADMIN, PASSWORD).status, 303);
    env.run_stdin(
        &["user", "passwd", ADMIN, "--password-stdin"],
        "a different long passphrase\n",
    )
    .code(0);
    assert_eq!(agent.get("/console").status, 303);
    assert_eq!(count(), 0);
    assert_eq!(
        agent.login(ADMIN, "a different long passphrase").status,
        303
    );
    assert_eq!(count(), 1);
    env.run(&["user", "remove", ADMIN, "--yes"]).code(0);
    assert_eq!(count(), 0);
    assert_eq!(agent.get("/console").status, 303);
}

#[test]
fn the_client_list_is_paginated_on_the_server() {
    let env = console_store();
    for i in 0..25 {
        env.run(&["client", "add", &format!("app-{i:02}"), "--no-key"])
            .code(0);
    }
    let server = console_server(&env);
    let mut agent = Agent::new(&server);
    assert_eq!(agent.login(ADMIN, PASSWORD).status, 303);
    let first = agent.get("/console/clients?q=app-");
    assert!(first.body.contains("25 clients matching"), "{}", first.body);
    assert!(first.body.contains("Page 1 of 2"));
    assert!(first.body.contains("app-00") && first.body.contains("app-19"));
    assert!(!first.body.contains("app-20"));
    assert!(
        first
            .body
            .contains("href=\"/console/clients?q=app-&amp;page=2\"")
    );
    let second = agent.get("/console/clients?q=app-&page=2");
    assert!(second.body.contains("app-20") && second.body.contains("app-24"));
    assert!(!second.body.contains("app-19"));
    // Nonsense page numbers fall back to the first page.
    assert!(
        agent
            .get("/console/clients?q=app-&page=-3")
            .body
            .contains("Page 1 of 2")
    );
    assert!(
        agent
            .get("/console/clients?q=app-&page=99")
            .body
            .contains("Page 2 of 2")
    );
}

#[test]
fn the_dashboard_counts_clients_active_expiring_and_stale_keys() {
    let env = console_store();
    // bpjs-sync has one key; add one expiring in 10 days, one revoked, one stale.
    env.create_key("reporting", &["--expires-in", "10d"]);
    let (revoked, _) = env.create_key("reporting", &[]);
    env.run(&["key", "revoke", &revoked, "--yes"]).code(0);
    let (stale, _) = env.create_key("payroll", &[]);
    env.exec_sql(
        "UPDATE api_keys SET created_at = created_at - 100 * 86400 WHERE id = ?1",
        &[&stale],
    );
    let server = console_server(&env);
    let mut agent = Agent::new(&server);
    assert_eq!(agent.login(ADMIN, PASSWORD).status, 303);
    let page = agent.get("/console");
    for (count, what) in [
        (3, "clients"),
        (3, "active keys"),
        (1, "keys expiring within 30 days"),
        (1, "stale keys"),
    ] {
        assert!(
            page.body
                .contains(&format!("<strong>{count}</strong> {what}")),
            "{what}: {}",
            page.body
        );
    }
    // The last 10 events, newest first: the sign-in on top.
    let first_row = page.body.find("<td><code>").unwrap();
    assert!(page.body[first_row..].starts_with("<td><code>user.login</code>"));
    assert_eq!(page.body.matches("<tr><td>").count(), 10);
}

#[test]
fn the_start_up_log_names_the_console_and_warns_when_nobody_can_sign_in() {
    let env = console_store();
    let server = console_server(&env);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while !server.log().contains("console: http://") {
        assert!(std::time::Instant::now() < deadline, "{}", server.log());
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(
        server.log().contains("2 users may sign in"),
        "{}",
        server.log()
    );
    drop(server);

    let bare = TestEnv::init();
    let server = console_server(&bare);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while !server.log().contains("nobody can sign in") {
        assert!(std::time::Instant::now() < deadline, "{}", server.log());
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

#[test]
fn a_user_who_loses_admin_read_gets_403_and_can_still_log_out() {
    let env = console_store();
    let server = console_server(&env);
    let mut agent = Agent::new(&server);
    assert_eq!(agent.login(VIEWER, PASSWORD).status, 303);
    env.run(&["user", "revoke", VIEWER, "--role", "auditor"])
        .code(0);
    let page = agent.get("/console/clients");
    assert_eq!(page.status, 403, "{page:?}");
    assert!(page.body.contains("admin:read"));
    assert!(!page.body.contains("bpjs-sync"));
    let out = agent.submit("/console", "/console/logout", &[]);
    assert_eq!(out.status, 303, "{out:?}");
    assert_eq!(out.header("location"), Some("/console/login"));
    let count: i64 = env
        .query_i64("SELECT count(*) FROM console_sessions", &[])
        .unwrap();
    assert_eq!(count, 0);
    let events = env.json(&["audit", "--action", "user.logout"]);
    assert_eq!(events[0]["actor"], VIEWER);
}

#[test]
fn keys_added_before_the_result_page_is_seen_are_shown_together_once() {
    let env = console_store();
    let server = console_server(&env);
    let mut agent = Agent::new(&server);
    assert_eq!(agent.login(ADMIN, PASSWORD).status, 303);
    for label in ["first", "second"] {
        let added = agent.submit(
            "/console/keys/new",
            "/console/keys",
            &[("client", "reporting"), ("description", label)],
        );
        assert_eq!(added.status, 303);
    }
    let shown = agent.get("/console/keys/created");
    assert_eq!(shown.status, 200);
    let secrets: Vec<String> = shown
        .body
        .match_indices("<code id=\"secret")
        .map(|(at, _)| {
            let rest = &shown.body[at..];
            let start = rest.find('>').unwrap() + 1;
            rest[start..rest.find("</code>").unwrap()].to_owned()
        })
        .collect();
    assert_eq!(secrets.len(), 2, "{}", shown.body);
    assert_ne!(secrets[0], secrets[1]);
    for secret in &secrets {
        env.run_stdin(&["key", "verify"], secret).code(0);
    }
    assert_eq!(agent.get("/console/keys/created").status, 410);
}
