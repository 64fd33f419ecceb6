//! The console's pages: one handler per route.

// Handlers return `Err(Response)` for early answers.
#![allow(clippy::result_large_err)]

use std::sync::Arc;
use std::time::Instant;

use apikey_core::error::Error;
use apikey_core::model::{KeyStatus, Status};
use apikey_core::ops::keys::{self, KeyInput, KeySpec};
use apikey_core::ops::{clients, sessions, users};
use apikey_core::store::{AuditFilter, KeyFilter};
use apikey_core::{secret, time, validate};
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde_json::{Value, json};

use super::auth::{self, Signed};
use super::{Flash, read, write};
use crate::api::App;

type AppState = State<Arc<App>>;

/// Clients shown per page of the client list.
const PAGE_SIZE: usize = 20;
/// Keys shown per client on the client list (the client's page shows more).
const KEYS_IN_LIST: u64 = 10;
/// Keys shown on a client's page.
const KEYS_ON_PAGE: u64 = 200;
/// Events shown on the audit page.
const AUDIT_LIMIT: u64 = 200;
/// A key unused for this long counts as stale on the dashboard: 90 days.
const STALE_SECS: i64 = 90 * 86_400;
/// A key expiring within this long counts on the dashboard: 30 days.
const EXPIRING_SECS: i64 = 30 * 86_400;

fn console(app: &App) -> &super::Console {
    // The routes are only mounted with a console.
    app.console
        .as_ref()
        .unwrap_or_else(|| unreachable!("console routes without a console"))
}

/// A form body's fields (an unreadable body has none, and fails the CSRF check).
fn form(body: &Bytes) -> Vec<(String, String)> {
    serde_urlencoded::from_bytes(body).unwrap_or_default()
}

fn query(raw: Option<&str>) -> Vec<(String, String)> {
    raw.and_then(|q| serde_urlencoded::from_str(q).ok())
        .unwrap_or_default()
}

/// A field's value, `""` when absent.
pub(super) fn field<'f>(fields: &'f [(String, String)], name: &str) -> &'f str {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map_or("", |(_, v)| v.as_str())
}

fn with_base(signed: &Signed, active: &str, mut page: Value) -> Value {
    if let (Value::Object(map), Value::Object(base)) = (&mut page, signed.base(active)) {
        map.extend(base);
    }
    page
}

fn render(app: &App, signed: &Signed, active: &str, name: &str, page: Value) -> Response {
    console(app).page(StatusCode::OK, name, &with_base(signed, active, page))
}

/// An error page of `status`.
pub(super) fn error_page(
    app: &App,
    signed: Option<&Signed>,
    status: StatusCode,
    title: &str,
    message: &str,
) -> Response {
    let page = json!({ "title": title, "message": message, "status": status.as_u16() });
    let context = match signed {
        Some(signed) => with_base(signed, "", page),
        None => page,
    };
    console(app).page(status, "error.html", &context)
}

/// The page for a failed core operation: 400, 404, 409 or 500 with its message.
pub(super) fn failure(app: &App, signed: Option<&Signed>, e: &Error) -> Response {
    let (status, title) = match e.exit_code() {
        2 => (StatusCode::BAD_REQUEST, "Invalid input"),
        3 => (StatusCode::NOT_FOUND, "Not found"),
        4 => (StatusCode::CONFLICT, "Conflict"),
        _ => {
            tracing::error!(error = %e, "console operation failed");
            (StatusCode::INTERNAL_SERVER_ERROR, "Something went wrong")
        }
    };
    error_page(app, signed, status, title, &e.to_string())
}

fn see_other(to: &str) -> Response {
    Redirect::to(to).into_response()
}

/// Unknown console paths.
pub(super) async fn not_found(State(app): AppState, headers: HeaderMap) -> Response {
    let signed = auth::signed(&app, &headers).await.ok();
    error_page(
        &app,
        signed.as_ref(),
        StatusCode::NOT_FOUND,
        "Not found",
        "There is no such page in the console.",
    )
}

// ---------------------------------------------------------------------------------
// Login and logout

/// `GET /console/login`: the form, with a fresh login token cookie.
pub(super) async fn login_form(State(app): AppState, headers: HeaderMap) -> Response {
    if auth::cookie(&headers, auth::SESSION_COOKIE).is_some()
        && let Ok(_signed) = auth::signed(&app, &headers).await
    {
        return see_other("/console");
    }
    login_page(&app, StatusCode::OK, "", "")
}

fn login_page(app: &App, status: StatusCode, email: &str, message: &str) -> Response {
    let Ok(token) = secret::generate_token() else {
        return error_page(
            app,
            None,
            StatusCode::INTERNAL_SERVER_ERROR,
            "Something went wrong",
            "The OS random source failed.",
        );
    };
    let page = json!({
        "csrf": auth::login_csrf(token.expose()),
        "email": email,
        "message": message,
    });
    let console = console(app);
    let mut response = console.page(status, "login.html", &page);
    response.headers_mut().append(
        header::SET_COOKIE,
        auth::set_cookie(
            auth::LOGIN_COOKIE,
            token.expose(),
            "/console/login",
            console.secure_cookies,
            None,
        ),
    );
    response
}

/// `POST /console/login`: the checks of `user verify`, then a new session.
pub(super) async fn login(State(app): AppState, headers: HeaderMap, body: Bytes) -> Response {
    let fields = form(&body);
    let token = auth::cookie(&headers, auth::LOGIN_COOKIE).unwrap_or_default();
    let origin_ok = auth::origin_ok(&headers);
    let token_ok =
        !token.is_empty() && auth::same(field(&fields, "csrf"), &auth::login_csrf(&token));
    if !origin_ok || !token_ok {
        tracing::debug!(origin_ok, token_ok, "console sign-in form refused");
        return login_page(
            &app,
            StatusCode::FORBIDDEN,
            "",
            "The sign-in form expired. Please sign in again.",
        );
    }
    let email = field(&fields, "email").trim().to_owned();
    let password = secret::Secret::from(field(&fields, "password").to_owned());
    if email.is_empty() || password.expose().is_empty() {
        return login_page(
            &app,
            StatusCode::BAD_REQUEST,
            &email,
            "Enter your email and password.",
        );
    }
    let given = email.clone();
    let Ok(_slot) = console(&app).logins.acquire().await else {
        return error_page(
            &app,
            None,
            StatusCode::SERVICE_UNAVAILABLE,
            "Unavailable",
            "The server is stopping.",
        );
    };
    let verdict = super::with_store(&app, "apikey-serve", move |store| {
        let verdict = users::login(store, &given, password.expose())?;
        if !verdict.valid {
            return Ok((verdict.result, None));
        }
        // Signed in: the permissions decide, then a new session (a new id every time).
        store.set_actor(verdict.email.clone().unwrap_or_default());
        store.write(|tx| {
            let user = tx.user(verdict.email.as_deref().unwrap_or_default())?;
            let permissions = tx.expand_grants(&tx.user_grants(user.row)?)?;
            if !permissions.iter().any(|p| p == auth::READ) {
                return Ok(("NO_ADMIN_READ", None));
            }
            Ok(("VALID", Some(sessions::start(tx, &user)?)))
        })
    })
    .await;
    match verdict {
        Ok(("VALID", Some(session))) => {
            // The session of an earlier sign-in in this browser ends.
            if let Some(old) = auth::cookie(&headers, auth::SESSION_COOKIE) {
                let _ = write(&app, "apikey-serve", move |tx| {
                    tx.delete_session(&secret::sha256_hex(&old))
                })
                .await;
            }
            let secure = console(&app).secure_cookies;
            let mut response = see_other("/console");
            let headers = response.headers_mut();
            headers.append(
                header::SET_COOKIE,
                auth::set_cookie(
                    auth::SESSION_COOKIE,
                    session.expose(),
                    "/console",
                    secure,
                    None,
                ),
            );
            headers.append(
                header::SET_COOKIE,
                auth::set_cookie(auth::LOGIN_COOKIE, "", "/console/login", secure, Some(0)),
            );
            response
        }
        Ok(("LOCKED", _)) => login_page(
            &app,
            StatusCode::TOO_MANY_REQUESTS,
            &email,
            "Too many failed sign-ins: this account is locked for 15 minutes.",
        ),
        Ok(("NO_ADMIN_READ", _)) => login_page(
            &app,
            StatusCode::FORBIDDEN,
            &email,
            "This account may not use the console: its roles do not grant admin:read.",
        ),
        // Unknown email, wrong password, no password, disabled: one answer.
        Ok(_) => login_page(
            &app,
            StatusCode::UNAUTHORIZED,
            &email,
            "The email or password is wrong.",
        ),
        // The reason may name the user: it goes to the log, not to the page.
        Err(e) => {
            tracing::error!(error = %e, "console sign-in failed");
            login_page(
                &app,
                StatusCode::INTERNAL_SERVER_ERROR,
                &email,
                "The server could not check the password; its log says why.",
            )
        }
    }
}

/// `POST /console/logout`: ends the session.
pub(super) async fn logout(State(app): AppState, headers: HeaderMap, body: Bytes) -> Response {
    let fields = form(&body);
    let signed = match auth::post_guard(&app, &headers, &fields, auth::Need::Session).await {
        Ok(signed) => signed,
        Err(response) => return response,
    };
    let id = signed.session_id.expose().to_owned();
    // A key asked for and not yet issued goes with the session.
    drop(console(&app).take_flash(&signed.session_hash));
    if let Err(e) = write(&app, &signed.user.email, move |tx| sessions::end(tx, &id)).await {
        return failure(&app, Some(&signed), &e);
    }
    let mut response = see_other("/console/login");
    response.headers_mut().append(
        header::SET_COOKIE,
        auth::set_cookie(
            auth::SESSION_COOKIE,
            "",
            "/console",
            console(&app).secure_cookies,
            Some(0),
        ),
    );
    response
}

// ---------------------------------------------------------------------------------
// Dashboard

/// `GET /console`: counts and the last 10 audit events.
pub(super) async fn dashboard(State(app): AppState, headers: HeaderMap) -> Response {
    let signed = match auth::signed(&app, &headers).await {
        Ok(signed) => signed,
        Err(response) => return response,
    };
    let data = read(&app, |tx| {
        let now = tx.now();
        let clients = tx.client_count()?;
        let active = tx.count_matching_keys(&KeyFilter {
            status: Some(KeyStatus::Active),
            ..KeyFilter::default()
        })?;
        let expiring = tx.count_matching_keys(&KeyFilter {
            expiring_by: Some(time::add_secs(now, EXPIRING_SECS)),
            ..KeyFilter::default()
        })?;
        let stale = tx.count_matching_keys(&KeyFilter {
            unused_since: Some(time::add_secs(now, -STALE_SECS)),
            ..KeyFilter::default()
        })?;
        let mut events = Vec::new();
        tx.for_each_audit(
            &AuditFilter {
                limit: Some(10),
                ..AuditFilter::default()
            },
            |e| {
                events.push(e);
                Ok(())
            },
        )?;
        events.reverse();
        Ok(json!({
            "counts": { "clients": clients, "active": active, "expiring": expiring, "stale": stale },
            "events": events,
        }))
    })
    .await;
    match data {
        Ok(page) => render(&app, &signed, "dashboard", "dashboard.html", page),
        Err(e) => failure(&app, Some(&signed), &e),
    }
}

// ---------------------------------------------------------------------------------
// Clients and keys

/// `GET /console/clients?q=&page=`: clients (searched, paginated) with their keys.
pub(super) async fn clients(
    State(app): AppState,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Response {
    let signed = match auth::signed(&app, &headers).await {
        Ok(signed) => signed,
        Err(response) => return response,
    };
    let params = query(raw.as_deref());
    let search = field(&params, "q").trim().to_owned();
    let page: usize = field(&params, "page")
        .parse()
        .ok()
        .filter(|p| *p >= 1)
        .unwrap_or(1);
    let q = search.clone();
    let data = read(&app, move |tx| {
        let all = tx.list_clients(Some(q.as_str()).filter(|q| !q.is_empty()))?;
        let total = all.len();
        let pages = total.div_ceil(PAGE_SIZE).max(1);
        let page = page.min(pages);
        let mut shown = Vec::new();
        for client in all.into_iter().skip((page - 1) * PAGE_SIZE).take(PAGE_SIZE) {
            let of_client = KeyFilter {
                client_id: Some(client.row),
                ..KeyFilter::default()
            };
            let keys = tx.newest_keys(&of_client, KEYS_IN_LIST)?;
            let more = tx
                .count_matching_keys(&of_client)?
                .saturating_sub(keys.len() as u64);
            shown.push(json!({ "client": client, "keys": keys, "more_keys": more }));
        }
        Ok(json!({
            "clients": shown,
            "total": total,
            "page": page,
            "pages": pages,
            "prev": (page > 1).then(|| page - 1),
            "next": (page < pages).then_some(page + 1),
        }))
    })
    .await;
    match data {
        Ok(mut page) => {
            page["q"] = json!(search);
            render(&app, &signed, "clients", "clients.html", page)
        }
        Err(e) => failure(&app, Some(&signed), &e),
    }
}

/// `GET /console/clients/{id}`: one client, its roles and keys.
pub(super) async fn client(
    State(app): AppState,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let signed = match auth::signed(&app, &headers).await {
        Ok(signed) => signed,
        Err(response) => return response,
    };
    let data = read(&app, move |tx| {
        let client = tx.client_counted(&id)?;
        let keys = tx.newest_keys(
            &KeyFilter {
                client_id: Some(client.row),
                ..KeyFilter::default()
            },
            KEYS_ON_PAGE,
        )?;
        let roles: Vec<String> = tx
            .list_roles()?
            .into_iter()
            .map(|r| r.name)
            .filter(|r| !client.roles.contains(r))
            .collect();
        Ok(json!({ "client": client, "keys": keys, "other_roles": roles, "keys_cap": KEYS_ON_PAGE }))
    })
    .await;
    match data {
        Ok(page) => render(&app, &signed, "clients", "client.html", page),
        Err(e) => failure(&app, Some(&signed), &e),
    }
}

/// `GET /console/clients/new`: the "add client" form.
pub(super) async fn new_client(State(app): AppState, headers: HeaderMap) -> Response {
    let signed = match auth::signed(&app, &headers).await {
        Ok(signed) => signed,
        Err(response) => return response,
    };
    if !signed.can_write {
        return read_only(&app, &signed);
    }
    render(&app, &signed, "clients", "client_new.html", json!({}))
}

fn read_only(app: &App, signed: &Signed) -> Response {
    error_page(
        app,
        Some(signed),
        StatusCode::FORBIDDEN,
        "Not allowed",
        "Your roles do not grant admin:write: you may look, not change.",
    )
}

/// `POST /console/clients`: `client add --no-key`.
pub(super) async fn add_client(State(app): AppState, headers: HeaderMap, body: Bytes) -> Response {
    let fields = form(&body);
    let signed = match auth::post_guard(&app, &headers, &fields, auth::Need::Write).await {
        Ok(signed) => signed,
        Err(response) => return response,
    };
    let name = field(&fields, "name").trim().to_owned();
    let description = field(&fields, "description").to_owned();
    let added = write(&app, &signed.user.email, move |tx| {
        validate::name("client name", &name)?;
        let description =
            validate::text("description", &description, validate::MAX_DESCRIPTION_LEN)?;
        let (client, _) = clients::add(tx, &name, &description, &[], Status::Active, None)?;
        Ok(client.id)
    })
    .await;
    match added {
        Ok(id) => see_other(&format!("/console/clients/{id}")),
        Err(e) => failure(&app, Some(&signed), &e),
    }
}

/// `POST /console/clients/{id}/roles`: `client grant` / `client revoke` of one role.
pub(super) async fn client_roles(
    State(app): AppState,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let fields = form(&body);
    let signed = match auth::post_guard(&app, &headers, &fields, auth::Need::Write).await {
        Ok(signed) => signed,
        Err(response) => return response,
    };
    let grant = match field(&fields, "op") {
        "grant" => true,
        "revoke" => false,
        _ => {
            return error_page(
                &app,
                Some(&signed),
                StatusCode::BAD_REQUEST,
                "Invalid input",
                "Choose to grant or to revoke a role.",
            );
        }
    };
    let role = field(&fields, "role").trim().to_owned();
    let changed = write(&app, &signed.user.email, move |tx| {
        let client = tx.client(&id)?;
        clients::change_roles(tx, &client, &[role], grant)?;
        Ok(client.id)
    })
    .await;
    match changed {
        Ok(id) => see_other(&format!("/console/clients/{id}")),
        Err(e) => failure(&app, Some(&signed), &e),
    }
}

/// `GET /console/keys/new?client=`: the original "Add API key" form.
pub(super) async fn new_key(
    State(app): AppState,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Response {
    let signed = match auth::signed(&app, &headers).await {
        Ok(signed) => signed,
        Err(response) => return response,
    };
    if !signed.can_write {
        return read_only(&app, &signed);
    }
    let params = query(raw.as_deref());
    let client = field(&params, "client").to_owned();
    match read(&app, |tx| tx.list_clients(None)).await {
        Ok(all) => {
            let names: Vec<String> = all.into_iter().map(|c| c.name).collect();
            render(
                &app,
                &signed,
                "clients",
                "key_new.html",
                json!({ "clients": names, "client": client }),
            )
        }
        Err(e) => failure(&app, Some(&signed), &e),
    }
}

/// The key spec of an "Add API key" form: the description is the key's label.
fn add_key_spec(name: &str, description: &str) -> Result<(String, KeySpec), Error> {
    if name.is_empty() {
        return Err(Error::invalid(
            "give the client: an existing client's name, or a new name",
        ));
    }
    // Every stored client's name (and public id) passes this, so it can be checked
    // before knowing whether the client exists.
    validate::name("client name", name)?;
    let description = validate::text("description", description, validate::MAX_LABEL_LEN)?;
    let spec = KeySpec::parse(&KeyInput {
        label: description.clone(),
        prefix: secret::DEFAULT_PREFIX.to_owned(),
        ..KeyInput::default()
    })?;
    Ok((description, spec))
}

/// `POST /console/keys`: checks the form (client and description) and redirects to the
/// page that issues the key and shows its secret once, [`key_created`].
pub(super) async fn add_key(State(app): AppState, headers: HeaderMap, body: Bytes) -> Response {
    let fields = form(&body);
    let signed = match auth::post_guard(&app, &headers, &fields, auth::Need::Write).await {
        Ok(signed) => signed,
        Err(response) => return response,
    };
    let name = field(&fields, "client").trim().to_owned();
    let description = field(&fields, "description").to_owned();
    if let Err(e) = add_key_spec(&name, &description) {
        return failure(&app, Some(&signed), &e);
    }
    console(&app).put_flash(
        &signed.session_hash,
        Flash {
            client: name,
            description,
            made: Instant::now(),
        },
    );
    see_other("/console/keys/created")
}

/// Issues the key an "Add API key" form asked for: a key for an existing client (`key
/// create`) or a new client with its first key (`client add`).
async fn issue_key(app: &Arc<App>, signed: &Signed, flash: Flash) -> Result<Value, Error> {
    let Flash {
        client: name,
        description,
        ..
    } = flash;
    let (client, issued) = write(app, &signed.user.email, move |tx| {
        let (description, spec) = add_key_spec(&name, &description)?;
        match tx.find_client(&name)? {
            Some(client) => Ok((client.clone(), keys::create(tx, &client, &spec)?)),
            None => {
                let (client, key) =
                    clients::add(tx, &name, &description, &[], Status::Active, Some(&spec))?;
                let key =
                    key.ok_or_else(|| Error::invalid("the client was added without a key"))?;
                Ok((client, key))
            }
        }
    })
    .await?;
    Ok(json!({
        "secret": issued.secret.expose(),
        "key_id": issued.key.id,
        "client": client.name,
        "client_id": client.id,
    }))
}

/// `GET /console/keys/created`: issues the keys this session asked for and shows their
/// secrets, this once (`Cache-Control: no-store`); a reload finds nothing waiting.
pub(super) async fn key_created(State(app): AppState, headers: HeaderMap) -> Response {
    let signed = match auth::signed(&app, &headers).await {
        Ok(signed) => signed,
        Err(response) => return response,
    };
    let waiting = console(&app).take_flash(&signed.session_hash);
    if waiting.is_empty() {
        let page = with_base(&signed, "clients", json!({ "gone": true }));
        return console(&app).page(StatusCode::GONE, "key_created.html", &page);
    }
    let mut keys = Vec::with_capacity(waiting.len());
    for flash in waiting {
        match issue_key(&app, &signed, flash).await {
            Ok(key) => keys.push(key),
            // Keys already issued in this response are shown before the error is.
            Err(e) if keys.is_empty() => return failure(&app, Some(&signed), &e),
            Err(e) => tracing::warn!(error = %e, "console: a waiting key could not be issued"),
        }
    }
    render(
        &app,
        &signed,
        "clients",
        "key_created.html",
        json!({ "keys": keys }),
    )
}

/// What can be done to a key from the console, with the words its pages use.
fn key_action(action: &str) -> Option<(&'static str, &'static str)> {
    match action {
        "revoke" => Some(("revoke", "Revoke")),
        "disable" => Some(("disable", "Disable")),
        "enable" => Some(("enable", "Enable")),
        _ => None,
    }
}

/// `GET /console/keys/{id}/{action}`: the confirmation step.
pub(super) async fn confirm_key(
    State(app): AppState,
    headers: HeaderMap,
    Path((id, action)): Path<(String, String)>,
) -> Response {
    let signed = match auth::signed(&app, &headers).await {
        Ok(signed) => signed,
        Err(response) => return response,
    };
    let Some((action, verb)) = key_action(&action) else {
        return error_page(
            &app,
            Some(&signed),
            StatusCode::NOT_FOUND,
            "Not found",
            "A key can be revoked, disabled or enabled.",
        );
    };
    if !signed.can_write {
        return read_only(&app, &signed);
    }
    match read(&app, move |tx| {
        let key = tx.key(&id)?;
        let client = tx.client(&key.client)?;
        Ok(json!({ "key": key, "client_id": client.id }))
    })
    .await
    {
        Ok(mut page) => {
            page["action"] = json!(action);
            page["verb"] = json!(verb);
            render(&app, &signed, "clients", "confirm.html", page)
        }
        Err(e) => failure(&app, Some(&signed), &e),
    }
}

/// `POST /console/keys/{id}/{action}`: `key revoke` / `key disable` / `key enable`.
pub(super) async fn change_key(
    State(app): AppState,
    headers: HeaderMap,
    Path((id, action)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    let fields = form(&body);
    let signed = match auth::post_guard(&app, &headers, &fields, auth::Need::Write).await {
        Ok(signed) => signed,
        Err(response) => return response,
    };
    let Some((action, _)) = key_action(&action) else {
        return error_page(
            &app,
            Some(&signed),
            StatusCode::NOT_FOUND,
            "Not found",
            "A key can be revoked, disabled or enabled.",
        );
    };
    let reason = field(&fields, "reason").to_owned();
    let changed = write(&app, &signed.user.email, move |tx| {
        let key = match action {
            "revoke" => {
                let reason = validate::text("reason", &reason, validate::MAX_LABEL_LEN)?;
                keys::revoke(tx, &id, Some(reason.as_str()))?
            }
            "disable" => keys::set_disabled(tx, &id, true)?,
            _ => keys::set_disabled(tx, &id, false)?,
        };
        Ok(tx.client(&key.client)?.id)
    })
    .await;
    match changed {
        Ok(client_id) => see_other(&format!("/console/clients/{client_id}")),
        Err(e) => failure(&app, Some(&signed), &e),
    }
}

// ---------------------------------------------------------------------------------
// Permissions, roles, users

/// `GET /console/permissions`.
pub(super) async fn permissions(State(app): AppState, headers: HeaderMap) -> Response {
    list(&app, &headers, "permissions", "permissions.html", |tx| {
        Ok(json!({ "permissions": tx.list_permissions()? }))
    })
    .await
}

/// `GET /console/permissions/{id}`.
pub(super) async fn permission(
    State(app): AppState,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    list(
        &app,
        &headers,
        "permissions",
        "permission.html",
        move |tx| Ok(json!({ "permission": tx.permission(&id)? })),
    )
    .await
}

/// `GET /console/roles`.
pub(super) async fn roles(State(app): AppState, headers: HeaderMap) -> Response {
    list(&app, &headers, "roles", "roles.html", |tx| {
        Ok(json!({ "roles": tx.list_roles()? }))
    })
    .await
}

/// `GET /console/roles/{id}`.
pub(super) async fn role(
    State(app): AppState,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    list(&app, &headers, "roles", "role.html", move |tx| {
        let role = tx.role(&id)?;
        let granted = tx.expand_grants(&role.permissions)?;
        Ok(json!({ "role": role, "granted": granted }))
    })
    .await
}

/// `GET /console/users`.
pub(super) async fn users(State(app): AppState, headers: HeaderMap) -> Response {
    list(&app, &headers, "users", "users.html", |tx| {
        Ok(json!({ "users": tx.list_users()? }))
    })
    .await
}

/// `GET /console/users/{id}`.
pub(super) async fn user(
    State(app): AppState,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    list(&app, &headers, "users", "user.html", move |tx| {
        let user = tx.user(&id)?;
        let permissions = tx.expand_grants(&tx.user_grants(user.row)?)?;
        let sessions = tx.count_user_sessions(user.row)?;
        Ok(json!({ "person": user, "permissions": permissions, "sessions": sessions }))
    })
    .await
}

/// A read-only page: signed in, then `f` on a read transaction, then `template`.
async fn list(
    app: &Arc<App>,
    headers: &HeaderMap,
    active: &str,
    template: &str,
    f: impl FnOnce(&apikey_core::store::Tx<'_>) -> apikey_core::Result<Value> + Send + 'static,
) -> Response {
    let signed = match auth::signed(app, headers).await {
        Ok(signed) => signed,
        Err(response) => return response,
    };
    match read(app, f).await {
        Ok(page) => render(app, &signed, active, template, page),
        Err(e) => failure(app, Some(&signed), &e),
    }
}

// ---------------------------------------------------------------------------------
// Audit

/// `GET /console/audit?actor=&action=&since=`: the log, newest first, and the chain.
pub(super) async fn audit(
    State(app): AppState,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Response {
    let signed = match auth::signed(&app, &headers).await {
        Ok(signed) => signed,
        Err(response) => return response,
    };
    let params = query(raw.as_deref());
    let actor = field(&params, "actor").trim().to_owned();
    let action = field(&params, "action").trim().to_owned();
    let since_text = field(&params, "since").trim().to_owned();
    let since = if since_text.is_empty() {
        None
    } else {
        match time::parse_since("since", &since_text) {
            Ok(at) => Some(at),
            Err(e) => return failure(&app, Some(&signed), &e),
        }
    };
    let filter = AuditFilter {
        since,
        actor: Some(actor.clone()).filter(|a| !a.is_empty()),
        action: Some(action.clone()).filter(|a| !a.is_empty()),
        target: None,
        limit: Some(AUDIT_LIMIT),
    };
    let data = read(&app, move |tx| {
        let mut events = Vec::new();
        tx.for_each_audit(&filter, |e| {
            events.push(e);
            Ok(())
        })?;
        events.reverse();
        let chain = match tx.verify_audit_chain()? {
            Ok((count, head)) => json!({ "intact": true, "events": count, "head": head }),
            Err(broken) => {
                json!({ "intact": false, "seq": broken.seq, "problem": broken.problem })
            }
        };
        Ok(json!({ "events": events, "chain": chain, "limit": AUDIT_LIMIT }))
    })
    .await;
    match data {
        Ok(mut page) => {
            page["filter"] = json!({ "actor": actor, "action": action, "since": since_text });
            render(&app, &signed, "audit", "audit.html", page)
        }
        Err(e) => failure(&app, Some(&signed), &e),
    }
}
