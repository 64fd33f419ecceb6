//! The web console, served under `/console` by `apikey serve --admin`: the original
//! API manager's pages (login, dashboard, clients and keys with search, "add API key"
//! with the secret shown once, permissions, roles, users, audit), rendered on the
//! server with minijinja templates compiled into the binary, usable without
//! JavaScript, with one stylesheet and one small script served from here.
//!
//! - Sign-in goes through [`apikey_core::ops::users::login`] (the rules, lockout and
//!   audit of `user verify`); a session is a row of `console_sessions` holding the
//!   SHA-256 of its id, which only the browser's cookie carries
//!   ([`apikey_core::ops::sessions`]).
//! - A user's roles must grant `admin:read` to see the console and `admin:write` to
//!   change anything. Every change goes through the core operations the CLI uses, on a
//!   store whose audit actor is the signed-in user's email.
//! - Every form carries a CSRF token derived from the session (or, on the login page,
//!   from a pre-login cookie); a POST whose `Origin` is another site is refused.
//!   Pages are sent with `Content-Security-Policy: default-src 'self'`,
//!   `X-Frame-Options: DENY`, `Referrer-Policy: no-referrer` and
//!   `Cache-Control: no-store`.
//! - A new key's secret is kept in memory (never in the store) for the session until
//!   the result page shows it once (POST, redirect, GET); keys added before that page
//!   is seen wait with it and are shown together.

mod auth;
mod pages;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use apikey_core::error::{Error, Result};
use apikey_core::store::{Access, Store, Tx};
use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};

use crate::api::App;
use crate::server::blocking;

/// Sign-ins whose password hashes are checked at the same time.
const LOGINS_AT_ONCE: usize = 2;

/// How long an "Add API key" request waits for the page that issues and shows the key.
const FLASH_TTL: Duration = Duration::from_secs(10 * 60);

/// The console's shared state: its templates and the secrets waiting to be shown.
pub struct Console {
    templates: minijinja::Environment<'static>,
    /// Session id hash → the keys asked for and not yet issued (in order).
    flashes: Mutex<HashMap<String, Vec<Flash>>>,
    /// Whether cookies carry `Secure` (not with `--insecure-cookies`).
    secure_cookies: bool,
    /// Sign-ins checked at once: each runs Argon2 on a blocking worker, and a flood of
    /// them must not take every worker from key verification.
    logins: tokio::sync::Semaphore,
}

impl std::fmt::Debug for Console {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Console")
            .field("secure_cookies", &self.secure_cookies)
            .finish_non_exhaustive()
    }
}

/// An "Add API key" request, checked and waiting for the page that shows the result.
/// The key is issued only when that page is rendered, with its secret in the same
/// response: a request whose page is never fetched (a closed tab, a restart) leaves no
/// live key whose secret nobody saw.
struct Flash {
    client: String,
    description: String,
    made: Instant,
}

/// The templates, by name; `.html` ones are HTML-escaped by the engine.
const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("templates/base.html")),
    ("login.html", include_str!("templates/login.html")),
    ("dashboard.html", include_str!("templates/dashboard.html")),
    ("clients.html", include_str!("templates/clients.html")),
    ("client.html", include_str!("templates/client.html")),
    ("client_new.html", include_str!("templates/client_new.html")),
    ("key_new.html", include_str!("templates/key_new.html")),
    (
        "key_created.html",
        include_str!("templates/key_created.html"),
    ),
    ("confirm.html", include_str!("templates/confirm.html")),
    ("keys_table.html", include_str!("templates/keys_table.html")),
    (
        "permissions.html",
        include_str!("templates/permissions.html"),
    ),
    ("permission.html", include_str!("templates/permission.html")),
    ("roles.html", include_str!("templates/roles.html")),
    ("role.html", include_str!("templates/role.html")),
    ("users.html", include_str!("templates/users.html")),
    ("user.html", include_str!("templates/user.html")),
    ("audit.html", include_str!("templates/audit.html")),
    (
        "events_table.html",
        include_str!("templates/events_table.html"),
    ),
    ("error.html", include_str!("templates/error.html")),
];

/// The stylesheet, compiled in.
const STYLESHEET: &str = include_str!("static/console.css");
/// The copy button's script, compiled in (the console works without it).
const SCRIPT: &str = include_str!("static/console.js");

/// `2026-12-01T18:59:18Z` → `2026-12-01 18:59`; nothing → `—`.
fn when(value: minijinja::Value) -> String {
    match value.as_str() {
        Some(text) if text.len() >= 16 => text[..16].replace('T', " "),
        Some(text) if !text.is_empty() => text.to_owned(),
        _ => "—".to_owned(),
    }
}

impl Console {
    /// Compiles the templates.
    ///
    /// # Errors
    /// [`Error::Invalid`] if a template does not compile (a build defect).
    pub fn new(secure_cookies: bool) -> Result<Console> {
        let mut templates = minijinja::Environment::new();
        templates.set_undefined_behavior(minijinja::UndefinedBehavior::Chainable);
        templates.add_filter("when", when);
        for (name, source) in TEMPLATES {
            templates
                .add_template(name, source)
                .map_err(|e| Error::invalid(format!("console template {name}: {e}")))?;
        }
        Ok(Console {
            templates,
            flashes: Mutex::new(HashMap::new()),
            secure_cookies,
            logins: tokio::sync::Semaphore::new(LOGINS_AT_ONCE),
        })
    }

    /// Renders template `name` with `context` as an HTML page of `status`.
    fn page(&self, status: StatusCode, name: &str, context: &serde_json::Value) -> Response {
        let rendered = self
            .templates
            .get_template(name)
            .and_then(|t| t.render(minijinja::Value::from(minijinja::value::Serde(context))));
        match rendered {
            Ok(html) => (status, Html(html)).into_response(),
            Err(e) => {
                tracing::error!(template = name, error = %e, "console template failed");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "the console could not render this page",
                )
                    .into_response()
            }
        }
    }

    /// Keeps an "Add API key" request for the session `session_hash` until its page.
    fn put_flash(&self, session_hash: &str, flash: Flash) {
        if let Ok(mut flashes) = self.flashes.lock() {
            for waiting in flashes.values_mut() {
                waiting.retain(|f| f.made.elapsed() < FLASH_TTL);
            }
            flashes.retain(|_, waiting| !waiting.is_empty());
            flashes
                .entry(session_hash.to_owned())
                .or_default()
                .push(flash);
        }
    }

    /// Takes the requests waiting for the session, oldest first (they are then gone).
    fn take_flash(&self, session_hash: &str) -> Vec<Flash> {
        let waiting = self
            .flashes
            .lock()
            .ok()
            .and_then(|mut flashes| flashes.remove(session_hash))
            .unwrap_or_default();
        waiting
            .into_iter()
            .filter(|f| f.made.elapsed() < FLASH_TTL)
            .collect()
    }
}

/// The console's routes, all under `/console`.
pub fn routes() -> Router<Arc<App>> {
    Router::new()
        .route("/console", get(pages::dashboard))
        .route("/console/", get(pages::dashboard))
        .route("/console/login", get(pages::login_form).post(pages::login))
        .route("/console/logout", post(pages::logout))
        .route(
            "/console/clients",
            get(pages::clients).post(pages::add_client),
        )
        .route("/console/clients/new", get(pages::new_client))
        .route("/console/clients/{id}", get(pages::client))
        .route("/console/clients/{id}/roles", post(pages::client_roles))
        .route("/console/keys/new", get(pages::new_key))
        .route("/console/keys", post(pages::add_key))
        .route("/console/keys/created", get(pages::key_created))
        .route(
            "/console/keys/{id}/{action}",
            get(pages::confirm_key).post(pages::change_key),
        )
        .route("/console/permissions", get(pages::permissions))
        .route("/console/permissions/{id}", get(pages::permission))
        .route("/console/roles", get(pages::roles))
        .route("/console/roles/{id}", get(pages::role))
        .route("/console/users", get(pages::users))
        .route("/console/users/{id}", get(pages::user))
        .route("/console/audit", get(pages::audit))
        .route("/console/static/console.css", get(stylesheet))
        .route("/console/static/console.js", get(script))
        .route(
            "/console/{*rest}",
            get(pages::not_found).post(pages::not_found),
        )
        .layer(middleware::from_fn(security_headers))
}

async fn stylesheet() -> Response {
    asset("text/css; charset=utf-8", STYLESHEET)
}

async fn script() -> Response {
    asset("text/javascript; charset=utf-8", SCRIPT)
}

fn asset(content_type: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        body,
    )
        .into_response()
}

/// The headers every console answer carries.
async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        ),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers
        .entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("no-store"));
    response
}

/// Runs `f` in a write transaction on a new connection whose audit actor is `actor`.
async fn write<T: Send + 'static>(
    app: &Arc<App>,
    actor: &str,
    f: impl FnOnce(&Tx<'_>) -> Result<T> + Send + 'static,
) -> Result<T> {
    let path = app.engine.store_path().clone();
    let actor = actor.to_owned();
    blocking(move || {
        let mut store = path.open(Access::Existing)?;
        store.set_actor(actor);
        store.write(f)
    })
    .await
}

/// Runs `f` on a store connection of its own (login: the slow hash runs outside any
/// transaction) with audit actor `actor`.
async fn with_store<T: Send + 'static>(
    app: &Arc<App>,
    actor: &str,
    f: impl FnOnce(&mut Store) -> Result<T> + Send + 'static,
) -> Result<T> {
    let path = app.engine.store_path().clone();
    let actor = actor.to_owned();
    blocking(move || {
        let mut store = path.open(Access::Existing)?;
        store.set_actor(actor);
        f(&mut store)
    })
    .await
}

/// Runs `f` in a read transaction on one of the engine's read-only connections.
async fn read<T: Send + 'static>(
    app: &Arc<App>,
    f: impl FnOnce(&Tx<'_>) -> Result<T> + Send + 'static,
) -> Result<T> {
    app.engine.read(move |store| store.read(f)).await
}
