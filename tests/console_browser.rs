//! The console in a real browser: headless Chromium through chromedriver (WebDriver),
//! driven by fantoccini. It walks the original workflow — log in, search a client, add
//! a key and read its secret once, revoke it, log out; a read-only user sees no change
//! control and is refused a post — checks that every page has a
//! label on every field and works with the keyboard alone, and writes a screenshot of
//! each page to `target/console-screenshots/`. It also adds a key with JavaScript
//! turned off. Skipped with a message when chromium or chromedriver is missing,
//! unless CI=true (then it fails: `.ci/run` installs them).

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

use crate::common::TestEnv;
use crate::console_support::{ADMIN, OUTSIDER, PASSWORD, VIEWER, console_server, console_store};
use crate::serve_support::{Server, send_raw};

fn which(tool: &str) -> Option<PathBuf> {
    let out = Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .output()
        .ok()?;
    let path = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    (out.status.success() && !path.is_empty()).then(|| PathBuf::from(path))
}

/// chromium and chromedriver, or `None` (and a message) when either is missing.
fn browser_tools() -> Option<(PathBuf, PathBuf)> {
    let found = (which("chromium"), which("chromedriver"));
    match found {
        (Some(chromium), Some(driver)) => Some((chromium, driver)),
        _ => {
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "chromium or chromedriver is not installed, and CI=true: .ci/run should have installed them"
            );
            eprintln!("skipping the browser tests: apt-get install chromium chromium-driver");
            None
        }
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A chromedriver in a process group of its own; the group (chromedriver and the
/// browsers it started) is killed when dropped, also when a test fails.
struct Driver {
    child: Child,
    port: u16,
}

impl Driver {
    fn start(path: &Path) -> Driver {
        use std::os::unix::process::CommandExt;
        let port = free_port();
        let child = Command::new(path)
            .arg(format!("--port={port}"))
            .arg("--allowed-ips=127.0.0.1")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .expect("spawn chromedriver");
        let driver = Driver { child, port };
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let raw = "GET /status HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
            let addr = format!("127.0.0.1:{port}").parse().unwrap();
            if let Some(r) = send_raw(addr, raw.as_bytes())
                && r.status == 200
                && r.body.contains("\"ready\":true")
            {
                return driver;
            }
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        // The whole group: chromedriver and the browser processes it started.
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", self.child.id())])
            .status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A browser session in a fresh profile directory (removed when the test ends).
async fn browser(driver: &Driver, chromium: &Path, profile: &Path, javascript: bool) -> Client {
    let mut args = vec![
        "--headless".to_owned(),
        "--no-sandbox".to_owned(),
        "--disable-gpu".to_owned(),
        "--disable-quic".to_owned(),
        "--no-first-run".to_owned(),
        "--disable-background-networking".to_owned(),
        "--disable-component-update".to_owned(),
        "--disable-sync".to_owned(),
        "--disable-dev-shm-usage".to_owned(),
        format!("--user-data-dir={}", profile.display()),
        "--window-size=1024,700".to_owned(),
    ];
    if !javascript {
        args.push("--blink-settings=scriptEnabled=false".to_owned());
    }
    let mut options = json!({ "binary": chromium, "args": args });
    if !javascript {
        options["prefs"] = json!({ "profile.managed_default_content_settings.javascript": 2 });
    }
    let mut caps = serde_json::Map::new();
    caps.insert("browserName".into(), json!("chrome"));
    caps.insert("goog:chromeOptions".into(), options);
    let mut builder = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new());
    builder.capabilities(caps);
    builder
        .connect(&driver.url())
        .await
        .expect("a WebDriver session")
}

/// Where the screenshots go: `target/console-screenshots/`.
fn screenshot_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    let dir = target.join("console-screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

async fn shoot(client: &Client, name: &str) {
    // No focus ring left over from the keyboard check.
    let _ = client
        .execute(
            "if (document.activeElement) document.activeElement.blur(); window.scrollTo(0, 0);",
            vec![],
        )
        .await;
    let png = client.screenshot().await.expect("screenshot");
    assert!(png.starts_with(b"\x89PNG"), "{name}: not a PNG");
    std::fs::write(screenshot_dir().join(format!("{name}.png")), png).unwrap();
}

async fn press(client: &Client, key: Key) {
    let c = char::from(key);
    let actions = KeyActions::new("keyboard".into())
        .then(KeyAction::Down { value: c })
        .then(KeyAction::Up { value: c });
    client.perform_actions(actions).await.expect("key press");
}

async fn type_text(client: &Client, text: &str) {
    let mut actions = KeyActions::new("keyboard".into());
    for c in text.chars() {
        actions = actions
            .then(KeyAction::Down { value: c })
            .then(KeyAction::Up { value: c });
    }
    client.perform_actions(actions).await.expect("typing");
}

async fn path(client: &Client) -> String {
    client.current_url().await.unwrap().path().to_owned()
}

/// Waits (without script: it may be turned off) until the browser is at `expected`.
async fn wait_for_path(client: &Client, expected: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while path(client).await != expected {
        assert!(Instant::now() < deadline, "never reached {expected}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

async fn text_of(client: &Client, css: &str) -> String {
    client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
        .text()
        .await
        .unwrap()
}

async fn body(client: &Client) -> String {
    text_of(client, "body").await
}

/// Every field (not hidden) has a `<label>` of its own.
async fn assert_labelled(client: &Client, page: &str) {
    let unlabelled = client
        .execute(
            "return Array.from(document.querySelectorAll('input:not([type=hidden]), select, textarea'))
               .filter(el => !(el.labels && el.labels.length > 0 && el.labels[0].textContent.trim()))
               .map(el => el.outerHTML);",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(unlabelled, json!([]), "{page}: fields without a label");
}

/// Tab, from the top, reaches every visible link, button and field of the page.
async fn assert_keyboard_reachable(client: &Client, page: &str) {
    let count = client
        .execute(
            "const all = Array.from(document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea'))
               .filter(el => !el.hidden && el.getClientRects().length > 0);
             all.forEach((el, i) => el.setAttribute('data-kb', String(i)));
             if (document.activeElement) document.activeElement.blur();
             window.scrollTo(0, 0);
             return all.length;",
            vec![],
        )
        .await
        .unwrap()
        .as_u64()
        .unwrap();
    let mut reached = std::collections::BTreeSet::new();
    for _ in 0..count + 3 {
        press(client, Key::Tab).await;
        let at = client
            .execute(
                "const el = document.activeElement; return el ? el.getAttribute('data-kb') : null;",
                vec![],
            )
            .await
            .unwrap();
        if let Value::String(i) = at {
            reached.insert(i.parse::<u64>().unwrap());
        }
    }
    let missing: Vec<u64> = (0..count).filter(|i| !reached.contains(i)).collect();
    assert!(
        missing.is_empty(),
        "{page}: Tab never reaches elements {missing:?} of {count}"
    );
}

/// Both checks, then the screenshot.
async fn check_page(client: &Client, name: &str) {
    assert_labelled(client, name).await;
    assert_keyboard_reachable(client, name).await;
    shoot(client, name).await;
}

/// Tabs until the focused element's text is `label`, then presses Enter.
async fn tab_to_and_enter(client: &Client, label: &str) {
    client
        .execute(
            "if (document.activeElement) document.activeElement.blur(); window.scrollTo(0,0);",
            vec![],
        )
        .await
        .unwrap();
    for _ in 0..200 {
        press(client, Key::Tab).await;
        let text = client
            .execute(
                "const el = document.activeElement; return el ? (el.textContent || el.value || '').trim() : '';",
                vec![],
            )
            .await
            .unwrap();
        if text == json!(label) {
            mark(client).await;
            press(client, Key::Enter).await;
            wait_for_load(client).await;
            return;
        }
    }
    panic!("Tab never reached '{label}'");
}

/// Fills the login form with the keyboard (the email field has the focus) and sends it.
async fn keyboard_login(client: &Client, base: &str, email: &str, password: &str) {
    client.goto(&format!("{base}/console/login")).await.unwrap();
    type_text(client, email).await;
    press(client, Key::Tab).await;
    type_text(client, password).await;
    mark(client).await;
    press(client, Key::Enter).await;
    wait_for_load(client).await;
}

/// Marks the current document, so that [`wait_for_load`] can tell the next one.
async fn mark(client: &Client) {
    client
        .execute("window.__apikeyOld = true;", vec![])
        .await
        .unwrap();
}

/// Waits until a new document (not the one [`mark`]ed) has loaded.
async fn wait_for_load(client: &Client) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        let state = client
            .execute(
                "return window.__apikeyOld === undefined && document.readyState === 'complete';",
                vec![],
            )
            .await
            .unwrap_or(Value::Null);
        if state == json!(true) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("no new page within 10 s");
}

async fn walk(env: &TestEnv, server: &Server, driver: &Driver, chromium: &Path) {
    let base = format!("http://{}", server.addr);
    let profile = tempfile::tempdir().unwrap();
    let client = browser(driver, chromium, profile.path(), true).await;
    client.set_window_size(1024, 700).await.unwrap();

    // Login page; a wrong password shows an error; the sixth failure is locked.
    client.goto(&format!("{base}/console/login")).await.unwrap();
    check_page(&client, "login").await;
    for attempt in 1..=5 {
        keyboard_login(&client, &base, OUTSIDER, "wrong password").await;
        assert_eq!(
            text_of(&client, "#login-error").await,
            "The email or password is wrong.",
            "attempt {attempt}"
        );
        if attempt == 1 {
            shoot(&client, "login-error").await;
        }
    }
    keyboard_login(&client, &base, OUTSIDER, PASSWORD).await;
    assert!(
        text_of(&client, "#login-error").await.contains("locked"),
        "the sixth attempt is not locked"
    );

    // Log in with the keyboard alone.
    keyboard_login(&client, &base, ADMIN, PASSWORD).await;
    assert_eq!(path(&client).await, "/console");
    assert_eq!(text_of(&client, ".top .name").await, "Ada Admin");
    let menu = text_of(&client, "nav.menu").await;
    for item in [
        "Clients & keys",
        "Permissions",
        "Roles",
        "Users",
        "Audit",
        "API docs",
    ] {
        assert!(menu.contains(item), "menu lacks {item}: {menu}");
    }
    assert!(body(&client).await.contains("user.login"));
    check_page(&client, "dashboard").await;

    // Clients & keys from the menu, by keyboard; search a client by name.
    tab_to_and_enter(&client, "Clients & keys").await;
    assert_eq!(path(&client).await, "/console/clients");
    let search = client.find(Locator::Css("#q")).await.unwrap();
    search.send_keys("bpjs").await.unwrap();
    mark(&client).await;
    press(&client, Key::Enter).await;
    wait_for_load(&client).await;
    let listed = body(&client).await;
    assert!(listed.contains("bpjs-sync"), "{listed}");
    assert!(
        !listed.contains("reporting"),
        "search did not filter: {listed}"
    );
    check_page(&client, "clients").await;

    // Add: client + description; the secret once, with a copy button.
    tab_to_and_enter(&client, "Add").await;
    assert_eq!(path(&client).await, "/console/keys/new");
    check_page(&client, "add-key").await;
    client
        .find(Locator::Css("#client"))
        .await
        .unwrap()
        .send_keys("bpjs-sync")
        .await
        .unwrap();
    client
        .find(Locator::Css("#description"))
        .await
        .unwrap()
        .send_keys("from the console")
        .await
        .unwrap();
    mark(&client).await;
    press(&client, Key::Enter).await;
    wait_for_load(&client).await;
    assert_eq!(path(&client).await, "/console/keys/created");
    let secret = text_of(&client, "#secret").await;
    assert!(secret.starts_with("ak_"), "{secret}");
    let copy = client.find(Locator::Css("button.copy")).await.unwrap();
    assert!(
        copy.is_displayed().await.unwrap(),
        "the copy button is hidden with JS on"
    );
    assert_labelled(&client, "key-created").await;
    assert_keyboard_reachable(&client, "key-created").await;
    copy.click().await.unwrap();
    let deadline = Instant::now() + Duration::from_secs(5);
    while text_of(&client, "#copy-status").await != "Copied" {
        assert!(Instant::now() < deadline, "the copy button did nothing");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // No secret in a screenshot: the picture shows a placeholder of the same shape.
    client
        .execute(
            "const s = document.getElementById('secret'); s.textContent = 'ak_' + 'x'.repeat(s.textContent.length - 3);",
            vec![],
        )
        .await
        .unwrap();
    shoot(&client, "key-created").await;
    env.run_stdin(&["key", "verify"], &secret).code(0);
    // A reload: gone.
    client.refresh().await.unwrap();
    let gone = body(&client).await;
    assert!(!gone.contains(&secret), "the secret was shown twice");
    assert!(
        client.find(Locator::Css("#secret-gone")).await.is_ok(),
        "{gone}"
    );
    shoot(&client, "key-gone").await;

    // Revoke it through the confirmation step; `apikey key verify` refuses it.
    let key_id = env
        .json(&["key", "list", "--client", "bpjs-sync"])
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["label"] == "from the console")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let client_id = env.json(&["client", "show", "bpjs-sync"])["id"]
        .as_str()
        .unwrap()
        .to_owned();
    client
        .goto(&format!("{base}/console/clients/{client_id}"))
        .await
        .unwrap();
    check_page(&client, "client").await;
    mark(&client).await;
    client
        .find(Locator::Css(&format!(
            "a[href='/console/keys/{key_id}/revoke']"
        )))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_load(&client).await;
    check_page(&client, "confirm-revoke").await;
    client
        .find(Locator::Css("#reason"))
        .await
        .unwrap()
        .send_keys("shown in a demo")
        .await
        .unwrap();
    mark(&client).await;
    client
        .find(Locator::Css("button[type=submit].danger"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_load(&client).await;
    assert_eq!(path(&client).await, format!("/console/clients/{client_id}"));
    let run = env.run_stdin(&["--json", "key", "verify"], &secret);
    run.code(5);
    assert_eq!(run.json()["result"], "REVOKED");

    // The other pages.
    for (page, name) in [
        ("/console/permissions", "permissions"),
        ("/console/roles", "roles"),
        ("/console/users", "users"),
        ("/console/audit?action=key", "audit"),
    ] {
        client.goto(&format!("{base}{page}")).await.unwrap();
        check_page(&client, name).await;
    }
    assert!(body(&client).await.contains("Chain intact"));
    assert!(body(&client).await.contains("key.revoke"));
    // API docs, from the menu.
    client.goto(&format!("{base}/console")).await.unwrap();
    tab_to_and_enter(&client, "API docs").await;
    assert_eq!(path(&client).await, "/doc");
    shoot(&client, "api-docs").await;

    // Log out: the pages are closed.
    client.goto(&format!("{base}/console")).await.unwrap();
    tab_to_and_enter(&client, "Log out").await;
    assert_eq!(path(&client).await, "/console/login");
    for page in ["/console", "/console/clients", "/console/audit"] {
        client.goto(&format!("{base}{page}")).await.unwrap();
        assert_eq!(path(&client).await, "/console/login", "{page} is open");
    }

    // A user without admin:write: no change buttons, and a post anyway is refused.
    keyboard_login(&client, &base, VIEWER, PASSWORD).await;
    assert_eq!(path(&client).await, "/console");
    assert_eq!(text_of(&client, ".top .name").await, "Vic Viewer");
    client
        .goto(&format!("{base}/console/clients/{client_id}"))
        .await
        .unwrap();
    let controls = client
        .execute(
            "return Array.from(document.querySelectorAll('main a.button, main button, main select'))
               .map(b => b.textContent.trim());",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(controls, json!([]), "a read-only user sees change controls");
    assert_keyboard_reachable(&client, "client (read-only)").await;
    let status = client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             const csrf = document.querySelector('input[name=csrf]').value;
             fetch('/console/keys', { method: 'POST',
                 headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
                 body: new URLSearchParams({ csrf: csrf, client: 'bpjs-sync', description: 'sneaky' }) })
               .then(r => done(r.status), () => done(0));",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        status,
        json!(403),
        "a read-only user's post was not refused"
    );
    assert!(
        !env.json(&["key", "list", "--client", "bpjs-sync"])
            .to_string()
            .contains("sneaky")
    );
    client.close().await.unwrap();

    // JavaScript turned off: everything but the copy button works.
    let profile = tempfile::tempdir().unwrap();
    let client = browser(driver, chromium, profile.path(), false).await;
    client.goto(&format!("{base}/console/login")).await.unwrap();
    client
        .find(Locator::Css("#email"))
        .await
        .unwrap()
        .send_keys(ADMIN)
        .await
        .unwrap();
    client
        .find(Locator::Css("#password"))
        .await
        .unwrap()
        .send_keys(PASSWORD)
        .await
        .unwrap();
    client
        .find(Locator::Css("form button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_path(&client, "/console").await;
    client
        .goto(&format!("{base}/console/keys/new?client=reporting"))
        .await
        .unwrap();
    client
        .find(Locator::Css("main form button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_path(&client, "/console/keys/created").await;
    let secret = text_of(&client, "#secret").await;
    assert!(secret.starts_with("ak_"));
    let copy = client.find(Locator::Css("button.copy")).await.unwrap();
    assert!(
        !copy.is_displayed().await.unwrap(),
        "a dead copy button with JS off"
    );
    assert!(
        client.execute("return 1;", vec![]).await.is_err()
            || copy.attr("hidden").await.unwrap().is_some(),
        "script ran"
    );
    env.run_stdin(&["key", "verify"], &secret).code(0);
    client.close().await.unwrap();
}

#[test]
fn the_original_workflow_in_headless_chromium() {
    let Some((chromium, chromedriver)) = browser_tools() else {
        return;
    };
    let started = Instant::now();
    let env = console_store();
    for name in ["bpjs-kesehatan", "simpeg", "e-office"] {
        env.run(&["client", "add", name, "--no-key"]).code(0);
    }
    let server = console_server(&env);
    let driver = Driver::start(&chromedriver);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let guard = LogOnFailure(&server);
    runtime.block_on(walk(&env, &server, &driver, &chromium));
    std::mem::forget(guard);
    eprintln!(
        "the console's browser walk-through took {:.1} s",
        started.elapsed().as_secs_f64()
    );
}

/// Prints the server's log when the walk-through fails.
struct LogOnFailure<'s>(&'s Server);

impl Drop for LogOnFailure<'_> {
    fn drop(&mut self) {
        eprintln!("apikey serve's log:\n{}", self.0.log());
    }
}
