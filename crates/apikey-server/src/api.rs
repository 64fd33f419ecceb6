//! The HTTP endpoints, their JSON shapes and the OpenAPI document generated from them.

// Handlers return `Err(Response)` for early answers; a response is built once per request.
#![allow(clippy::result_large_err)]

use std::borrow::Cow;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Instant;

use apikey_core::Error;
use apikey_core::model::{self, Verdict, VerifyResult};
use apikey_core::rules;
use apikey_core::verify::{KeyState, Lookup, VerifyRequest};
use axum::Router;
use axum::body::Bytes;
use axum::extract::{ConnectInfo, MatchedPath, Path, RawQuery, Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

use crate::config::ServerConfig;
use crate::engine::{Cached, Checked, Engine};
use crate::query::Query;

/// What every handler shares.
#[derive(Debug)]
pub struct App {
    /// The verification engine.
    pub engine: Arc<Engine>,
    /// The configuration.
    pub config: ServerConfig,
    /// `/openapi.json`, rendered once.
    pub openapi_json: String,
    /// `/doc`, rendered once from the same document.
    pub doc_html: String,
    /// The web console, with `--admin`.
    pub console: Option<crate::console::Console>,
}

type AppState = State<Arc<App>>;

/// Builds the router with every endpoint.
pub fn router(app: Arc<App>) -> Router {
    let console = if app.console.is_some() {
        crate::console::routes()
    } else {
        Router::new()
    };
    // Forward-auth and the verify APIs are answered before the router: see `Hot`.
    Router::new()
        .route("/v1/clients", get(list_clients))
        .route("/v1/clients/{id}", get(get_client))
        .route("/v1/permissions", get(list_permissions))
        .route("/v1/permissions/{id}", get(get_permission))
        .route("/v1/roles", get(list_roles))
        .route("/v1/roles/{id}", get(get_role))
        .route("/v1/users", get(list_users))
        .route("/v1/users/{id}", get(get_user))
        .route("/openapi.json", get(openapi_json))
        .route("/doc", get(doc))
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics))
        .merge(console)
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(app.clone(), observe))
        .with_state(app)
}

/// Counts and logs every request the router answers.
async fn observe(State(app): AppState, request: Request, next: Next) -> Response {
    let started = Instant::now();
    // The matched path is shared (an `Arc<str>`): cloning it does not allocate.
    let endpoint = request.extensions().get::<MatchedPath>().cloned();
    let endpoint = endpoint.as_ref().map_or("unmatched", |p| p.as_str());
    let method = request.method().clone();
    let response = next.run(request).await;
    record(&app, &method, endpoint, &response, started);
    response
}

/// Counts and logs one answered request: method, route pattern (never the path or
/// query, which may hold a key), status and time. No key or hash is ever logged.
fn record(app: &App, method: &Method, endpoint: &str, response: &Response, started: Instant) {
    let status = response.status().as_u16();
    app.engine.metrics.count_request(endpoint, status);
    // The access log is at debug level (`APIKEY_LOG=debug`): a line per request written
    // to standard error costs more than the verification itself.
    if !tracing::enabled!(tracing::Level::DEBUG) {
        return;
    }
    let code = response
        .headers()
        .get("x-apikey-code")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    tracing::debug!(
        method = %method,
        endpoint = %endpoint,
        status,
        code,
        micros = started.elapsed().as_micros() as u64,
        "request"
    );
}

/// The endpoints that gateways and services call once per request of their own,
/// answered by [`answer_hot`] before the router: the route is a string comparison, and
/// the router's per-request work (its layers' boxed services, the matched path, the
/// connection info in the extensions, the `HeaderMap` copy of the extractors) was
/// about a quarter of a forward-auth answer's instructions (`docs/serve.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Hot {
    /// `/v1/forward-auth` and its sub-paths, any method.
    ForwardAuth(&'static str),
    /// `POST /v1/keys.verify`.
    VerifyV1,
    /// `POST /v2/keys.verifyKey`.
    VerifyV2,
}

impl Hot {
    /// The hot endpoint `path` names, if any.
    pub(crate) fn route(path: &str) -> Option<Self> {
        Some(match path {
            "/v1/forward-auth" => Self::ForwardAuth("/v1/forward-auth"),
            "/v1/keys.verify" => Self::VerifyV1,
            "/v2/keys.verifyKey" => Self::VerifyV2,
            _ if path.starts_with("/v1/forward-auth/") => {
                Self::ForwardAuth("/v1/forward-auth/{*rest}")
            }
            _ => return None,
        })
    }

    /// The route pattern, as `/metrics` and the access log name it.
    fn endpoint(self) -> &'static str {
        match self {
            Self::ForwardAuth(pattern) => pattern,
            Self::VerifyV1 => "/v1/keys.verify",
            Self::VerifyV2 => "/v2/keys.verifyKey",
        }
    }
}

/// Answers a request to a [`Hot`] endpoint from `peer`, within `--request-timeout`
/// (a forward-auth answer that runs out of time is a 403 `UNAVAILABLE`, as gateways
/// turn a 408 into a 500; a verify API's a 408), and counts and logs it.
pub(crate) async fn answer_hot(
    app: &App,
    hot: Hot,
    peer: SocketAddr,
    request: axum::http::Request<hyper::body::Incoming>,
) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let answering = async {
        match hot {
            Hot::ForwardAuth(_) => forward_auth(app, peer, &request).await,
            _ if method != Method::POST => {
                let mut response = StatusCode::METHOD_NOT_ALLOWED.into_response();
                response
                    .headers_mut()
                    .insert(header::ALLOW, HeaderValue::from_static("POST"));
                response
            }
            Hot::VerifyV1 | Hot::VerifyV2 => {
                let (parts, body) = request.into_parts();
                match read_body(body, app.config.max_body_bytes).await {
                    Ok(body) if hot == Hot::VerifyV1 => {
                        verify_v1(app, peer, &parts.headers, &body).await
                    }
                    Ok(body) => verify_v2(app, peer, &parts.headers, &body).await,
                    Err(response) => response,
                }
            }
        }
    };
    let response = match tokio::time::timeout(app.config.request_timeout, answering).await {
        Ok(response) => response,
        Err(_) if matches!(hot, Hot::ForwardAuth(_)) => {
            tracing::error!("forward-auth refused: no answer within the request timeout");
            answer(StatusCode::FORBIDDEN, "UNAVAILABLE")
        }
        Err(_) => StatusCode::REQUEST_TIMEOUT.into_response(),
    };
    record(app, &method, hot.endpoint(), &response, started);
    response
}

/// Reads a whole request body of at most `limit` bytes: a 413 over it (at once when
/// `Content-Length` says so), a 400 if the client breaks off.
async fn read_body(body: hyper::body::Incoming, limit: usize) -> Result<Bytes, Response> {
    use http_body_util::BodyExt;
    use hyper::body::Body;
    let too_large = || {
        error(
            StatusCode::PAYLOAD_TOO_LARGE,
            "invalid_input",
            format!("the request body is larger than {limit} bytes"),
        )
    };
    // hyper gives a body of declared length that length as its lower bound.
    if body.size_hint().lower() > limit as u64 {
        return Err(too_large());
    }
    match http_body_util::Limited::new(body, limit).collect().await {
        Ok(collected) => Ok(collected.to_bytes()),
        Err(e) if e.is::<http_body_util::LengthLimitError>() => Err(too_large()),
        Err(e) => Err(error(
            StatusCode::BAD_REQUEST,
            "invalid_input",
            format!("the request body could not be read: {e}"),
        )),
    }
}

// ---------------------------------------------------------------------------------
// Shapes

/// An error answer: `{"error": {"code", "message"}}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    /// The error.
    pub error: ErrorDetail,
}

/// What went wrong.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetail {
    /// A machine-readable code: `unauthorized`, `forbidden`, `not_found`,
    /// `invalid_input`, `unavailable`, or a verify result code such as `REVOKED`.
    pub code: String,
    /// In words.
    pub message: String,
}

fn error(status: StatusCode, code: &str, message: impl Into<String>) -> Response {
    let body = ErrorBody {
        error: ErrorDetail {
            code: code.to_owned(),
            message: message.into(),
        },
    };
    let mut response = json(status, &body);
    if status == StatusCode::UNAUTHORIZED {
        response
            .headers_mut()
            .insert(header::WWW_AUTHENTICATE, www_authenticate());
    }
    response
}

fn www_authenticate() -> HeaderValue {
    HeaderValue::from_static("Bearer realm=\"apikey\"")
}

/// `POST /v1/keys.verify`'s request.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VerifyBody {
    /// The key to verify.
    pub key: String,
    /// Permissions that must all be granted (`resource:action`).
    #[serde(default)]
    #[schema(schema_with = permission_names)]
    pub permissions: Vec<String>,
    /// The caller's address, checked against the key's allow-list.
    #[serde(default)]
    #[schema(schema_with = ip_address)]
    pub ip: Option<String>,
}

/// `"permissions"`' schema: permission names, `resource:action`, each part 1–64 of
/// `[a-z0-9_.-]`.
fn permission_names() -> utoipa::openapi::schema::Schema {
    use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, Type};
    let name = ObjectBuilder::new()
        .schema_type(Type::String)
        .pattern(Some("^[a-z0-9_.-]{1,64}:[a-z0-9_.-]{1,64}$"));
    ArrayBuilder::new()
        .items(name)
        .description(Some(
            "Permissions that must all be granted (`resource:action`)",
        ))
        .into()
}

/// `"ip"`'s schema: an IPv4 or IPv6 address, or null.
fn ip_address() -> utoipa::openapi::schema::Schema {
    use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, OneOfBuilder, SchemaFormat, Type};
    let format = |f| {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .format(Some(SchemaFormat::KnownFormat(f)))
    };
    OneOfBuilder::new()
        .item(format(KnownFormat::Ipv4))
        .item(format(KnownFormat::Ipv6))
        .item(ObjectBuilder::new().schema_type(Type::Null))
        .description(Some(
            "The caller's address, checked against the key's allow-list",
        ))
        .into()
}

/// The answer of a verification: the same JSON as `apikey --json key verify`
/// (`docs/verify.md`). Every field is always present: `null` when it does not apply.
#[derive(Debug, Serialize, ToSchema)]
pub struct VerdictBody {
    /// `VALID`, `MALFORMED`, `NOT_FOUND`, `REVOKED`, `EXPIRED`, `DISABLED`,
    /// `USAGE_EXCEEDED`, `FORBIDDEN`, `INSUFFICIENT_PERMISSIONS` or `RATE_LIMITED`
    /// (with a `Retry-After` header).
    pub result: String,
    /// True only for `VALID`.
    pub valid: bool,
    /// Why the key was refused.
    pub reason: Option<String>,
    /// The key's public id, when a stored key was found.
    #[serde(rename = "id")]
    pub key_id: Option<String>,
    /// The client's name, when a stored key was found.
    pub client: Option<String>,
    /// The client's roles (valid only).
    pub roles: Option<Vec<String>>,
    /// The defined permissions the roles grant (valid only).
    pub permissions: Option<Vec<String>>,
    /// Asked permissions not granted (`INSUFFICIENT_PERMISSIONS` only).
    pub missing_permissions: Option<Vec<String>>,
    /// The key's metadata (valid only).
    pub metadata: Option<std::collections::BTreeMap<String, String>>,
    /// The key's expiry, RFC 3339 (valid only).
    pub expires_at: Option<String>,
    /// Uses left after this one (valid, capped keys only).
    pub remaining_uses: Option<u64>,
    /// Whether the use was counted (valid only).
    pub usage_recorded: Option<bool>,
}

impl From<Verdict> for VerdictBody {
    fn from(v: Verdict) -> VerdictBody {
        VerdictBody {
            result: v.result.as_str().to_owned(),
            valid: v.valid,
            reason: v.reason,
            key_id: v.key_id,
            client: v.client,
            roles: v.roles,
            permissions: v.permissions,
            missing_permissions: v.missing_permissions,
            metadata: v.metadata,
            expires_at: v.expires_at.map(|t| t.to_string()),
            remaining_uses: v.remaining_uses,
            usage_recorded: v.usage_recorded,
        }
    }
}

/// `POST /v2/keys.verifyKey`'s request, as Unkey's v2 API takes it.
#[derive(Debug, Deserialize, ToSchema)]
pub struct UnkeyVerifyRequest {
    /// The key to verify.
    pub key: String,
    /// A permission query: names joined by `AND` / `OR`, with parentheses.
    #[serde(default)]
    #[schema(min_length = 1, max_length = 4096)]
    pub permissions: Option<String>,
    /// Accepted for compatibility; not stored.
    #[serde(default)]
    pub tags: Option<Vec<String>>,
    /// How many uses this verification costs; only 1 (the default) is supported.
    #[serde(default)]
    pub credits: Option<UnkeyCredits>,
}

/// Unkey's credit spending.
#[derive(Debug, Deserialize, ToSchema)]
pub struct UnkeyCredits {
    /// Uses to spend; must be 1.
    #[schema(minimum = 1, maximum = 1)]
    pub cost: i64,
}

/// `POST /v2/keys.verifyKey`'s answer: `{"meta": {"requestId"}, "data": {…}}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct UnkeyVerifyResponse {
    /// Request metadata.
    pub meta: UnkeyMeta,
    /// The verification.
    pub data: UnkeyVerifyData,
}

/// Unkey's response metadata.
#[derive(Debug, Serialize, ToSchema)]
pub struct UnkeyMeta {
    /// A unique id of this request.
    #[serde(rename = "requestId")]
    pub request_id: String,
}

/// Unkey's verification data.
#[derive(Debug, Serialize, ToSchema)]
pub struct UnkeyVerifyData {
    /// True only for `VALID`.
    pub valid: bool,
    /// `VALID`, `NOT_FOUND`, `FORBIDDEN`, `INSUFFICIENT_PERMISSIONS`, `USAGE_EXCEEDED`,
    /// `RATE_LIMITED`, `DISABLED` or `EXPIRED`.
    pub code: String,
    /// The key's id (absent for `NOT_FOUND`).
    #[serde(rename = "keyId", skip_serializing_if = "Option::is_none")]
    pub key_id: Option<String>,
    /// The key's label.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The key's metadata.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meta: Option<std::collections::BTreeMap<String, String>>,
    /// Expiry, Unix milliseconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires: Option<i64>,
    /// Remaining uses of a capped key.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credits: Option<i64>,
    /// Whether the key is enabled.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// The permissions the key's roles grant.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub permissions: Option<Vec<String>>,
    /// The client's roles.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub roles: Option<Vec<String>>,
    /// The client the key belongs to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identity: Option<UnkeyIdentity>,
}

/// The key's owner, as Unkey's identity: the client.
#[derive(Debug, Serialize, ToSchema)]
pub struct UnkeyIdentity {
    /// The client's public id.
    pub id: String,
    /// The client's name.
    #[serde(rename = "externalId")]
    pub external_id: String,
    /// Always `{}`.
    pub meta: std::collections::BTreeMap<String, String>,
}

/// A client, without any key material.
#[derive(Debug, Serialize, ToSchema)]
pub struct ClientBody {
    /// Public id.
    pub id: String,
    /// Unique name.
    pub name: String,
    /// Free text.
    pub description: String,
    /// `active` or `disabled`.
    pub status: String,
    /// Roles held.
    pub roles: Vec<String>,
    /// When added, RFC 3339.
    pub created_at: String,
    /// When last changed, RFC 3339.
    pub updated_at: String,
}

impl From<model::Client> for ClientBody {
    fn from(c: model::Client) -> ClientBody {
        ClientBody {
            id: c.id,
            name: c.name,
            description: c.description,
            status: c.status.as_str().to_owned(),
            roles: c.roles,
            created_at: c.created_at.to_string(),
            updated_at: c.updated_at.to_string(),
        }
    }
}

/// A permission.
#[derive(Debug, Serialize, ToSchema)]
pub struct PermissionBody {
    /// Public id.
    pub id: String,
    /// `resource:action`.
    pub name: String,
    /// Free text.
    pub description: String,
    /// Roles whose grants cover it.
    pub roles: Vec<String>,
    /// When added, RFC 3339.
    pub created_at: String,
}

impl From<model::Permission> for PermissionBody {
    fn from(p: model::Permission) -> PermissionBody {
        PermissionBody {
            id: p.id,
            name: p.name,
            description: p.description,
            roles: p.roles,
            created_at: p.created_at.to_string(),
        }
    }
}

/// A role.
#[derive(Debug, Serialize, ToSchema)]
pub struct RoleBody {
    /// Public id.
    pub id: String,
    /// Unique name.
    pub name: String,
    /// Free text.
    pub description: String,
    /// Grant patterns.
    pub permissions: Vec<String>,
    /// Clients holding it.
    pub clients: Vec<String>,
    /// Users (emails) holding it.
    pub users: Vec<String>,
    /// When added, RFC 3339.
    pub created_at: String,
}

impl From<model::Role> for RoleBody {
    fn from(r: model::Role) -> RoleBody {
        RoleBody {
            id: r.id,
            name: r.name,
            description: r.description,
            permissions: r.permissions,
            clients: r.clients,
            users: r.users,
            created_at: r.created_at.to_string(),
        }
    }
}

/// An operator, without any password material.
#[derive(Debug, Serialize, ToSchema)]
pub struct UserBody {
    /// Public id.
    pub id: String,
    /// Unique email.
    pub email: String,
    /// Display name.
    pub name: String,
    /// `active` or `disabled`.
    pub status: String,
    /// Whether a password is set.
    pub has_password: bool,
    /// Roles held.
    pub roles: Vec<String>,
    /// When added, RFC 3339.
    pub created_at: String,
    /// When last changed, RFC 3339.
    pub updated_at: String,
    /// Last successful login, RFC 3339.
    pub last_login_at: Option<String>,
}

impl From<model::User> for UserBody {
    fn from(u: model::User) -> UserBody {
        UserBody {
            id: u.id,
            email: u.email,
            name: u.name,
            status: u.status.as_str().to_owned(),
            has_password: u.has_password,
            roles: u.roles,
            created_at: u.created_at.to_string(),
            updated_at: u.updated_at.to_string(),
            last_login_at: u.last_login_at.map(|t| t.to_string()),
        }
    }
}

/// A page of a list: `{"data": […], "next_cursor": …}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct Page<T> {
    /// The items of this page.
    pub data: Vec<T>,
    /// Pass as `?cursor=` for the next page; `null` on the last page.
    pub next_cursor: Option<String>,
}

/// One item: `{"data": {…}}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct One<T> {
    /// The item.
    pub data: T,
}

/// `/healthz` and `/readyz`.
#[derive(Debug, Serialize, ToSchema)]
pub struct Health {
    /// `ok`, or what is wrong.
    pub status: String,
}

// ---------------------------------------------------------------------------------
// Keys and addresses

enum KeyFrom<'a> {
    /// Borrowed from the request: a key is not copied to be checked.
    Key(Cow<'a, str>),
    Missing,
    Unreadable,
}

/// The caller's key: `Authorization: Bearer`, else the key header, else (when allowed)
/// the `api_key` query parameter.
fn caller_key<'a>(
    headers: &'a HeaderMap,
    query: &'a [QueryPair<'_>],
    config: &ServerConfig,
) -> KeyFrom<'a> {
    if let Some(value) = headers.get(header::AUTHORIZATION) {
        let Ok(text) = value.to_str() else {
            return KeyFrom::Unreadable;
        };
        let mut parts = text.trim().splitn(2, ' ');
        if parts
            .next()
            .is_some_and(|s| s.eq_ignore_ascii_case("bearer"))
        {
            let key = parts.next().unwrap_or("").trim();
            return if key.is_empty() {
                KeyFrom::Missing
            } else {
                KeyFrom::Key(Cow::Borrowed(key))
            };
        }
    }
    if let Some(value) = headers.get(config.key_header.as_str()) {
        return match value.to_str() {
            Ok(text) if !text.trim().is_empty() => KeyFrom::Key(Cow::Borrowed(text.trim())),
            Ok(_) => KeyFrom::Missing,
            Err(_) => KeyFrom::Unreadable,
        };
    }
    if config.allow_key_in_query
        && let Some((_, key)) = query.iter().find(|(k, _)| k == "api_key")
        && !key.is_empty()
    {
        return KeyFrom::Key(Cow::Borrowed(key));
    }
    KeyFrom::Missing
}

/// The caller's address: the socket's peer, or, when the peer is a trusted proxy, the
/// nearest untrusted address in `X-Forwarded-For`, else `X-Real-IP`.
fn caller_ip(peer: SocketAddr, headers: &HeaderMap, config: &ServerConfig) -> IpAddr {
    let peer_ip = peer.ip().to_canonical();
    if !config.trusts(peer_ip) {
        return peer_ip;
    }
    let forwarded: Vec<IpAddr> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|s| s.trim().parse::<IpAddr>().ok())
        .collect();
    if let Some(ip) = forwarded
        .iter()
        .rev()
        .map(|ip| ip.to_canonical())
        .find(|ip| !config.trusts(*ip))
    {
        return ip;
    }
    if let Some(ip) = headers
        .get("x-real-ip")
        .and_then(|v| v.to_str().ok())
        .and_then(|s| s.trim().parse::<IpAddr>().ok())
    {
        return ip.to_canonical();
    }
    forwarded.first().copied().unwrap_or(peer_ip)
}

/// A query parameter, percent-decoded: (name, value), borrowed from the request unless
/// decoding changed it.
type QueryPair<'q> = (Cow<'q, str>, Cow<'q, str>);

/// The query's parameters, in order (`application/x-www-form-urlencoded`, as browsers
/// send them; bytes that are not UTF-8 after decoding become U+FFFD).
fn parse_query(raw: Option<&str>) -> Vec<QueryPair<'_>> {
    raw.map(|q| form_urlencoded::parse(q.as_bytes()).collect())
        .unwrap_or_default()
}

fn is_unauthenticated(result: VerifyResult) -> bool {
    matches!(result, VerifyResult::Malformed | VerifyResult::NotFound)
}

/// Checks the caller's own key for `permission`; `Err` is the answer to send.
async fn authorize(
    app: &App,
    peer: SocketAddr,
    headers: &HeaderMap,
    query: &[QueryPair<'_>],
    permission: &str,
) -> Result<(), Response> {
    let key = match caller_key(headers, query, &app.config) {
        KeyFrom::Key(key) => key,
        KeyFrom::Missing => {
            return Err(error(
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                format!("an API key holding {permission} is needed (Authorization: Bearer KEY)"),
            ));
        }
        KeyFrom::Unreadable => {
            return Err(error(
                StatusCode::UNAUTHORIZED,
                "MALFORMED",
                "the key header is not readable text",
            ));
        }
    };
    let request = VerifyRequest {
        ip: Some(caller_ip(peer, headers, &app.config)),
        permissions: vec![permission.to_owned()],
    };
    match app.engine.verify(&key, &request, |_, v| v).await {
        Ok(checked) if checked.verdict.valid => Ok(()),
        Ok(checked) => {
            let status = if is_unauthenticated(checked.verdict.result) {
                StatusCode::UNAUTHORIZED
            } else {
                StatusCode::FORBIDDEN
            };
            let response = error(
                status,
                checked.verdict.result.as_str(),
                checked.verdict.reason.clone().unwrap_or_default(),
            );
            Err(with_retry_after(response, checked.retry_after))
        }
        Err(e) => Err(error(
            StatusCode::SERVICE_UNAVAILABLE,
            "unavailable",
            e.to_string(),
        )),
    }
}

// ---------------------------------------------------------------------------------
// Forward auth

fn header_str<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

fn answer(status: StatusCode, code: &'static str) -> Response {
    let mut response = status.into_response();
    let headers = response.headers_mut();
    // Room for every header an answer gets (these, the identity, `Retry-After`,
    // `Content-Length`) at once, rather than growing the map as they come.
    headers.reserve(10);
    headers.insert(
        HeaderName::from_static("x-apikey-code"),
        HeaderValue::from_static(code),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if status == StatusCode::UNAUTHORIZED {
        headers.insert(header::WWW_AUTHENTICATE, www_authenticate());
    }
    response
}

/// Forward authentication for gateways.
///
/// Any method and any sub-path; the body is never read. The key comes from
/// `Authorization: Bearer`, else `X-Api-Key` (or the configured header). The permission
/// comes from `?permission=`, `X-Apikey-Permission` (comma-separated) and the route
/// table matched on `X-Original-Method`/`X-Original-URI` (nginx) or
/// `X-Forwarded-Method`/`X-Forwarded-Uri` (Traefik, Caddy), else this request's own
/// method and sub-path (Envoy). With a route table, a request whose original URI
/// matches no route is refused (`NO_ROUTE`). 200 allows, with the
/// identity headers; 401 for a missing, malformed or unknown key; 403 for every other
/// refusal. `X-Apikey-Code` is on every answer.
#[utoipa::path(
    get,
    path = "/v1/forward-auth",
    tag = "forward-auth",
    params(
        ("permission" = Option<String>, Query, description = "A permission the key must hold (repeatable)"),
        ("X-Apikey-Permission" = Option<String>, Header, description = "Permissions the key must hold, comma-separated"),
        ("X-Original-URI" = Option<String>, Header, description = "The original URI (nginx), matched against --route"),
        ("X-Original-Method" = Option<String>, Header, description = "The original method (nginx)"),
        ("X-Forwarded-Uri" = Option<String>, Header, description = "The original URI (Traefik, Caddy)"),
        ("X-Forwarded-Method" = Option<String>, Header, description = "The original method (Traefik, Caddy)"),
    ),
    responses(
        (status = 200, description = "Allowed; identity in X-Apikey-Key-Id, X-Apikey-Client, X-Apikey-Client-Id, X-Apikey-Roles",
            headers(
                ("X-Apikey-Code" = String, description = "VALID"),
                ("X-Apikey-Key-Id" = String, description = "The key's public id"),
                ("X-Apikey-Client" = String, description = "The client's name"),
                ("X-Apikey-Client-Id" = String, description = "The client's public id"),
                ("X-Apikey-Roles" = String, description = "The client's roles, comma-separated"),
            )),
        (status = 401, description = "Missing, malformed or unknown key", headers(("X-Apikey-Code" = String, description = "MISSING, MALFORMED or NOT_FOUND"), ("WWW-Authenticate" = String, description = "Bearer"))),
        (status = 403, description = "Any other refusal", headers(("X-Apikey-Code" = String, description = "The refusal's code"), ("Retry-After" = u64, description = "With RATE_LIMITED: whole seconds until the key's window allows another answer"))),
    ),
    security((), ("bearer" = []), ("api_key" = []))
)]
async fn forward_auth<B>(
    app: &App,
    peer: SocketAddr,
    request: &axum::http::Request<B>,
) -> Response {
    let (method, uri, headers) = (request.method(), request.uri(), request.headers());
    let query = parse_query(uri.query());
    let mut permissions: Vec<String> = query
        .iter()
        .filter(|(k, _)| k == "permission")
        .map(|(_, v)| v.trim().to_owned())
        .collect();
    for value in headers.get_all("x-apikey-permission") {
        let Ok(text) = value.to_str() else {
            return answer(StatusCode::FORBIDDEN, "INVALID_PERMISSION");
        };
        permissions.extend(
            text.split(',')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(str::to_owned),
        );
    }
    if !app.config.routes.is_empty() {
        // nginx names the original request in X-Original-*, Traefik and Caddy in
        // X-Forwarded-*, and each passes the client's other headers on: when both are
        // present and disagree, one is the client's, and no route is chosen by it.
        let disagree = |a: &str, b: &str| matches!((header_str(headers, a), header_str(headers, b)), (Some(x), Some(y)) if x != y);
        if disagree("x-original-uri", "x-forwarded-uri")
            || disagree("x-original-method", "x-forwarded-method")
        {
            return answer(StatusCode::FORBIDDEN, "AMBIGUOUS_ROUTE");
        }
        let original_method = header_str(headers, "x-original-method")
            .or_else(|| header_str(headers, "x-forwarded-method"))
            .unwrap_or(method.as_str());
        let sub_path = uri
            .path()
            .strip_prefix("/v1/forward-auth")
            .filter(|p| !p.is_empty());
        let original_uri = header_str(headers, "x-original-uri")
            .or_else(|| header_str(headers, "x-forwarded-uri"))
            .or(sub_path);
        let path = original_uri
            .unwrap_or("/")
            .split(['?', '#'])
            .next()
            .unwrap_or("/");
        match app
            .config
            .routes
            .iter()
            .find(|r| r.matches(original_method, path))
        {
            Some(route) => permissions.push(route.permission.clone()),
            // A gateway named the original request and no route matches it: refused,
            // whatever the query or X-Apikey-Permission name, since a client can send
            // those through a gateway (Traefik passes its headers, Envoy its query),
            // and a permission of its choosing must not open a path the table closes.
            None if original_uri.is_some() || permissions.is_empty() => {
                return answer(StatusCode::FORBIDDEN, "NO_ROUTE");
            }
            None => {}
        }
    }
    if permissions
        .iter()
        .any(|p| rules::permission_name(p).is_err())
    {
        return answer(StatusCode::FORBIDDEN, "INVALID_PERMISSION");
    }
    permissions.sort();
    permissions.dedup();
    let key = match caller_key(headers, &query, &app.config) {
        KeyFrom::Key(key) => key,
        KeyFrom::Missing => return answer(StatusCode::UNAUTHORIZED, "MISSING"),
        KeyFrom::Unreadable => return answer(StatusCode::UNAUTHORIZED, "MALFORMED"),
    };
    let request = VerifyRequest {
        ip: Some(caller_ip(peer, headers, &app.config)),
        permissions,
    };
    let checked = match app.engine.verify(&key, &request, |_, v| v).await {
        Ok(checked) => checked,
        Err(e) => {
            tracing::error!(error = %e, "forward-auth refused: the store is unavailable");
            return answer(StatusCode::FORBIDDEN, "UNAVAILABLE");
        }
    };
    let verdict = &checked.verdict;
    let code = verdict.result.as_str();
    if !verdict.valid {
        let status = if is_unauthenticated(verdict.result) {
            StatusCode::UNAUTHORIZED
        } else {
            StatusCode::FORBIDDEN
        };
        return with_retry_after(answer(status, code), checked.retry_after);
    }
    let mut response = answer(StatusCode::OK, code);
    identity_headers(response.headers_mut(), &checked);
    response
}

fn identity_headers(headers: &mut HeaderMap, checked: &Checked) {
    if let Some(found) = &checked.found {
        for (name, value) in &found.identity {
            headers.insert(name.clone(), value.clone());
        }
    }
}

// ---------------------------------------------------------------------------------
// Verify APIs

fn parse_json<T: serde::de::DeserializeOwned>(body: &Bytes) -> Result<T, Response> {
    serde_json::from_slice(body).map_err(|e| {
        error(
            StatusCode::BAD_REQUEST,
            "invalid_input",
            format!("the request body is not the expected JSON: {e}"),
        )
    })
}

async fn verify_caller(app: &App, peer: SocketAddr, headers: &HeaderMap) -> Result<(), Response> {
    if app.config.open_verify {
        return Ok(());
    }
    authorize(app, peer, headers, &[], "apikey:verify").await
}

/// Verifies a key and answers as `apikey --json key verify` does.
///
/// Needs a caller key holding `apikey:verify` (`Authorization: Bearer`), unless the
/// server runs with `--open-verify`. A refusal of the verified key is still a 200 with
/// `"valid": false`.
#[utoipa::path(
    post,
    path = "/v1/keys.verify",
    tag = "verify",
    request_body = VerifyBody,
    responses(
        (status = 200, description = "The verdict (valid or not)", body = VerdictBody,
            headers(("Retry-After" = u64, description = "With RATE_LIMITED: whole seconds until the key's window allows another answer"))),
        (status = 400, description = "The body is not the expected JSON", body = ErrorBody),
        (status = 401, description = "No valid caller key", body = ErrorBody),
        (status = 403, description = "The caller key lacks apikey:verify", body = ErrorBody),
        (status = 503, description = "The store is unavailable", body = ErrorBody),
    ),
    security(("bearer" = []), ("api_key" = []))
)]
async fn verify_v1(app: &App, peer: SocketAddr, headers: &HeaderMap, body: &Bytes) -> Response {
    if let Err(response) = verify_caller(app, peer, headers).await {
        return response;
    }
    let body: VerifyBody = match parse_json(body) {
        Ok(body) => body,
        Err(response) => return response,
    };
    if let Some(e) = body
        .permissions
        .iter()
        .find_map(|p| rules::permission_name(p).err())
    {
        return error(StatusCode::BAD_REQUEST, "invalid_input", e.to_string());
    }
    let ip = match body.ip.as_deref().map(str::parse::<IpAddr>).transpose() {
        Ok(ip) => ip,
        Err(_) => {
            return error(
                StatusCode::BAD_REQUEST,
                "invalid_input",
                "\"ip\" is not an IP address",
            );
        }
    };
    let request = VerifyRequest {
        ip,
        permissions: body.permissions,
    };
    match app.engine.verify(&body.key, &request, |_, v| v).await {
        Ok(checked) => verdict_answer(checked),
        Err(e) => error(
            StatusCode::SERVICE_UNAVAILABLE,
            "unavailable",
            e.to_string(),
        ),
    }
}

/// `/v1/keys.verify`'s answer to `checked`: the JSON of its [`VerdictBody`]. A `VALID`
/// answer's body is the same for every answer from one cache entry but for its last two
/// fields, the use counts: that part is serialized on the entry's first `VALID` answer
/// and kept with it ([`crate::engine::Cached::valid_body`]), and each answer adds its
/// counts. Serializing the key's details was the largest part of a verify answer.
fn verdict_answer(mut checked: Checked) -> Response {
    let retry_after = checked.retry_after;
    let cached = match checked.found.as_deref() {
        Some(
            found @ Cached {
                lookup: Lookup::Found(state),
                ..
            },
        ) if checked.verdict.valid => {
            let head = found
                .valid_body
                .get_or_init(|| valid_head(&checked.verdict, state));
            (!head.is_empty()).then(|| with_use_counts(head, &checked.verdict))
        }
        _ => None,
    };
    let response = match cached {
        Some(body) => json_bytes(StatusCode::OK, body),
        None => {
            checked.add_details();
            json(StatusCode::OK, &VerdictBody::from(checked.verdict))
        }
    };
    with_retry_after(response, retry_after)
}

/// The last fields of a [`VerdictBody`], in order: the ones [`valid_head`] leaves out.
const USE_COUNT_FIELDS: [&str; 2] = ["remaining_uses", "usage_recorded"];

/// The JSON of the [`VerdictBody`] of `lean` (a `VALID` answer of
/// `verify::decide_lean` on `state`) up to, not including, its use counts: the text
/// before `,"remaining_uses":`. Empty if the body does not end as expected (it always
/// does: a unit test holds the two to the same shape), which makes every answer whole.
fn valid_head(lean: &Verdict, state: &KeyState) -> Vec<u8> {
    let mut verdict = lean.clone();
    verdict.add_details(state);
    verdict.remaining_uses = None;
    verdict.usage_recorded = None;
    let Ok(mut body) = serde_json::to_vec(&VerdictBody::from(verdict)) else {
        return Vec::new();
    };
    let [remaining, recorded] = USE_COUNT_FIELDS;
    let tail = format!(",\"{remaining}\":null,\"{recorded}\":null}}");
    if !body.ends_with(tail.as_bytes()) {
        return Vec::new();
    }
    body.truncate(body.len() - tail.len());
    body
}

/// `head` ([`valid_head`]) completed with `verdict`'s use counts.
fn with_use_counts(head: &[u8], verdict: &Verdict) -> Vec<u8> {
    let [remaining, recorded] = USE_COUNT_FIELDS;
    let mut body = Vec::with_capacity(head.len() + 64);
    body.extend_from_slice(head);
    let name = |body: &mut Vec<u8>, name: &str| {
        body.extend_from_slice(b",\"");
        body.extend_from_slice(name.as_bytes());
        body.extend_from_slice(b"\":");
    };
    // Serializing an `Option` of a number or a bool cannot fail.
    name(&mut body, remaining);
    let _ = serde_json::to_writer(&mut body, &verdict.remaining_uses);
    name(&mut body, recorded);
    let _ = serde_json::to_writer(&mut body, &verdict.usage_recorded);
    body.push(b'}');
    body
}

/// Unkey's code for a verdict.
fn unkey_code(result: VerifyResult) -> &'static str {
    match result {
        VerifyResult::Valid => "VALID",
        // Unkey deletes revoked keys: they are not found.
        VerifyResult::Malformed | VerifyResult::NotFound | VerifyResult::Revoked => "NOT_FOUND",
        VerifyResult::Expired => "EXPIRED",
        VerifyResult::Disabled => "DISABLED",
        VerifyResult::UsageExceeded => "USAGE_EXCEEDED",
        VerifyResult::Forbidden => "FORBIDDEN",
        VerifyResult::InsufficientPermissions => "INSUFFICIENT_PERMISSIONS",
        VerifyResult::RateLimited => "RATE_LIMITED",
    }
}

/// A JSON answer. Written into a `Vec` rather than through `axum::Json`'s `io::Write`
/// on a `BytesMut`, which took more instructions than the rest of a verify answer's
/// JSON work (`docs/serve.md`). The bodies here are plain structs, which always
/// serialize; the 500 is only a fallback.
fn json(status: StatusCode, body: &impl serde::Serialize) -> Response {
    match serde_json::to_vec(body) {
        Ok(bytes) => json_bytes(status, bytes),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// An answer of `bytes`, which are JSON.
fn json_bytes(status: StatusCode, bytes: Vec<u8>) -> Response {
    let content_type = [(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    )];
    (status, content_type, bytes).into_response()
}

/// Adds `Retry-After` (whole seconds) to a `RATE_LIMITED` answer.
fn with_retry_after(mut response: Response, retry_after: Option<u64>) -> Response {
    if let Some(secs) = retry_after {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(secs));
    }
    response
}

fn request_id() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(1);
    format!(
        "req_{:x}{:06x}",
        jiff::Timestamp::now().as_millisecond(),
        NEXT.fetch_add(1, Ordering::Relaxed) & 0xff_ffff
    )
}

/// Verifies a key in the request and response shape of Unkey's v2 API, so that code
/// written against Unkey's SDKs can use a self-hosted apikey.
///
/// `permissions` is a query such as `bpjs:read AND (users:read OR users:write)`;
/// `credits` is the key's remaining uses; `identity` is its client. Needs a caller key
/// holding `apikey:verify`, unless `--open-verify`.
#[utoipa::path(
    post,
    path = "/v2/keys.verifyKey",
    tag = "verify",
    request_body = UnkeyVerifyRequest,
    responses(
        (status = 200, description = "The verification (valid or not)", body = UnkeyVerifyResponse,
            headers(("Retry-After" = u64, description = "With RATE_LIMITED: whole seconds until the key's window allows another answer"))),
        (status = 400, description = "The body is not the expected JSON, or a bad permission query", body = ErrorBody),
        (status = 401, description = "No valid caller key", body = ErrorBody),
        (status = 403, description = "The caller key lacks apikey:verify", body = ErrorBody),
        (status = 503, description = "The store is unavailable", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
async fn verify_v2(app: &App, peer: SocketAddr, headers: &HeaderMap, body: &Bytes) -> Response {
    if let Err(response) = verify_caller(app, peer, headers).await {
        return response;
    }
    let body: UnkeyVerifyRequest = match parse_json(body) {
        Ok(body) => body,
        Err(response) => return response,
    };
    if body.credits.as_ref().is_some_and(|c| c.cost != 1) {
        return error(
            StatusCode::BAD_REQUEST,
            "invalid_input",
            "only credits.cost 1 is supported (each verification is one use)",
        );
    }
    let _ = &body.tags;
    let query = match body.permissions.as_deref().map(Query::parse).transpose() {
        Ok(query) => query,
        Err(message) => return error(StatusCode::BAD_REQUEST, "invalid_input", message),
    };
    let refine = |state: &apikey_core::verify::KeyState, verdict: Verdict| match &query {
        Some(q) if !q.holds(&state.grants) => {
            let missing = q.missing(&state.grants);
            let mut denied = Verdict::denied(
                VerifyResult::InsufficientPermissions,
                format!(
                    "the client's roles do not satisfy the query (missing {})",
                    missing.join(", ")
                ),
                Some(&state.key),
            );
            denied.missing_permissions = Some(missing);
            denied
        }
        _ => verdict,
    };
    let checked = match app
        .engine
        .verify(&body.key, &VerifyRequest::default(), refine)
        .await
    {
        Ok(checked) => checked,
        Err(e) => {
            return error(
                StatusCode::SERVICE_UNAVAILABLE,
                "unavailable",
                e.to_string(),
            );
        }
    };
    let verdict = &checked.verdict;
    let code = unkey_code(verdict.result);
    let state = checked.state().filter(|_| code != "NOT_FOUND");
    let data = UnkeyVerifyData {
        valid: verdict.valid,
        code: code.to_owned(),
        key_id: state.map(|s| s.key.id.clone()),
        name: state.map(|s| s.key.label.clone()).filter(|l| !l.is_empty()),
        meta: state.map(|s| s.key.metadata.clone()),
        expires: state
            .and_then(|s| s.key.expires_at)
            .map(|t| t.as_millisecond()),
        credits: state.and_then(|s| {
            s.key.max_uses.map(|max| {
                let used = s.key.use_count + u64::from(verdict.valid);
                max.saturating_sub(used) as i64
            })
        }),
        enabled: state.map(|s| !s.key.disabled && !s.client_disabled),
        permissions: verdict
            .valid
            .then(|| state.map(|s| s.permissions.clone()))
            .flatten(),
        roles: verdict
            .valid
            .then(|| state.map(|s| s.roles.clone()))
            .flatten(),
        identity: state.map(|s| UnkeyIdentity {
            id: s.client_id.clone(),
            external_id: s.key.client.clone(),
            meta: Default::default(),
        }),
    };
    let response = json(
        StatusCode::OK,
        &UnkeyVerifyResponse {
            meta: UnkeyMeta {
                request_id: request_id(),
            },
            data,
        },
    );
    with_retry_after(response, checked.retry_after)
}

// ---------------------------------------------------------------------------------
// Resources

/// Most items on one page.
pub const MAX_LIMIT: usize = 1000;
/// Items on a page when `limit` is not given.
pub const DEFAULT_LIMIT: usize = 100;

fn page<T>(items: Vec<T>, query: &[QueryPair<'_>]) -> Result<Page<T>, Response> {
    let get = |name: &str| {
        query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_ref())
    };
    let limit = match get("limit").map(str::parse::<usize>) {
        None => DEFAULT_LIMIT,
        Some(Ok(n)) if (1..=MAX_LIMIT).contains(&n) => n,
        Some(_) => {
            return Err(error(
                StatusCode::BAD_REQUEST,
                "invalid_input",
                format!("limit must be a whole number from 1 to {MAX_LIMIT}"),
            ));
        }
    };
    let start = match get("cursor") {
        None => 0,
        // A number too large for this machine is past every list's end.
        Some(c) if !c.is_empty() && c.bytes().all(|b| b.is_ascii_digit()) => {
            c.parse::<usize>().unwrap_or(usize::MAX)
        }
        Some(_) => {
            return Err(error(
                StatusCode::BAD_REQUEST,
                "invalid_input",
                "cursor is not one this server gave",
            ));
        }
    };
    let total = items.len();
    let data: Vec<T> = items.into_iter().skip(start).take(limit).collect();
    let end = start.saturating_add(data.len());
    Ok(Page {
        data,
        next_cursor: (end < total).then(|| end.to_string()),
    })
}

fn store_error(e: &Error) -> Response {
    match e {
        Error::NotFound { .. } => error(StatusCode::NOT_FOUND, "not_found", e.to_string()),
        _ => {
            tracing::error!(error = %e, "store read failed");
            error(
                StatusCode::SERVICE_UNAVAILABLE,
                "unavailable",
                e.to_string(),
            )
        }
    }
}

/// Reads a list after checking the caller's key for `permission`.
async fn list<T, B>(
    app: Arc<App>,
    peer: SocketAddr,
    headers: &HeaderMap,
    raw: Option<String>,
    permission: &str,
    read: impl FnOnce(&apikey_core::store::Tx<'_>, Option<&str>) -> apikey_core::Result<Vec<T>>
    + Send
    + 'static,
) -> Response
where
    T: Send + 'static,
    B: From<T> + Serialize,
{
    let query = parse_query(raw.as_deref());
    if let Err(response) = authorize(&app, peer, headers, &query, permission).await {
        return response;
    }
    let search = query
        .iter()
        .find(|(k, _)| k == "search")
        .map(|(_, v)| v.to_string());
    let items = app
        .engine
        .read(move |store| store.read(|tx| read(tx, search.as_deref())))
        .await;
    match items {
        Ok(items) => match page(items, &query) {
            Ok(p) => axum::Json(Page {
                data: p.data.into_iter().map(B::from).collect::<Vec<B>>(),
                next_cursor: p.next_cursor,
            })
            .into_response(),
            Err(response) => response,
        },
        Err(e) => store_error(&e),
    }
}

/// Reads one item after checking the caller's key for `permission`.
async fn one<T, B>(
    app: Arc<App>,
    peer: SocketAddr,
    headers: &HeaderMap,
    raw: Option<String>,
    permission: &str,
    read: impl FnOnce(&apikey_core::store::Tx<'_>) -> apikey_core::Result<T> + Send + 'static,
) -> Response
where
    T: Send + 'static,
    B: From<T> + Serialize,
{
    let query = parse_query(raw.as_deref());
    if let Err(response) = authorize(&app, peer, headers, &query, permission).await {
        return response;
    }
    match app.engine.read(move |store| store.read(read)).await {
        Ok(item) => axum::Json(One {
            data: B::from(item),
        })
        .into_response(),
        Err(e) => store_error(&e),
    }
}

/// The pagination query of every list, `?limit=&cursor=`, as the OpenAPI document
/// states it once for all lists; the handlers read it with `parse_query`.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // Only its shape is used, by the `utoipa::path` annotations.
struct PageParams {
    /// Items per page, 1–1000 (default 100)
    #[param(minimum = 1, maximum = 1000)]
    limit: Option<usize>,
    /// next_cursor of the previous page
    #[param(pattern = "^[0-9]+$")]
    cursor: Option<String>,
}

/// Lists clients (`clients:read`), by name; `search` keeps those whose name or
/// description contains it.
#[utoipa::path(get, path = "/v1/clients", tag = "resources",
    params(
        PageParams,
        ("search" = Option<String>, Query, description = "Keep clients whose name or description contains this"),
    ),
    responses(
        (status = 200, description = "A page of clients", body = Page<ClientBody>),
        (status = 400, description = "Bad limit or cursor", body = ErrorBody),
        (status = 401, description = "No valid key", body = ErrorBody),
        (status = 403, description = "The key lacks clients:read", body = ErrorBody),
    ),
    security(("bearer" = []), ("api_key" = [])))]
async fn list_clients(
    State(app): AppState,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Response {
    list::<_, ClientBody>(app, peer, &headers, raw, "clients:read", |tx, search| {
        tx.list_clients(search)
    })
    .await
}

/// One client by public id or name (`clients:read`).
#[utoipa::path(get, path = "/v1/clients/{id}", tag = "resources",
    params(("id" = String, Path, description = "Public id or name")),
    responses(
        (status = 200, description = "The client", body = One<ClientBody>),
        (status = 401, description = "No valid key", body = ErrorBody),
        (status = 403, description = "The key lacks clients:read", body = ErrorBody),
        (status = 404, description = "No such client", body = ErrorBody),
    ),
    security(("bearer" = []), ("api_key" = [])))]
async fn get_client(
    State(app): AppState,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Response {
    one::<_, ClientBody>(app, peer, &headers, raw, "clients:read", move |tx| {
        tx.client(&id)
    })
    .await
}

/// Lists permissions (`permissions:read`), by name.
#[utoipa::path(get, path = "/v1/permissions", tag = "resources",
    params(
        PageParams,
    ),
    responses(
        (status = 200, description = "A page of permissions", body = Page<PermissionBody>),
        (status = 400, description = "Bad limit or cursor", body = ErrorBody),
        (status = 401, description = "No valid key", body = ErrorBody),
        (status = 403, description = "The key lacks permissions:read", body = ErrorBody),
    ),
    security(("bearer" = []), ("api_key" = [])))]
async fn list_permissions(
    State(app): AppState,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Response {
    list::<_, PermissionBody>(app, peer, &headers, raw, "permissions:read", |tx, _| {
        tx.list_permissions()
    })
    .await
}

/// One permission by public id or name (`permissions:read`).
#[utoipa::path(get, path = "/v1/permissions/{id}", tag = "resources",
    params(("id" = String, Path, description = "Public id or name")),
    responses(
        (status = 200, description = "The permission", body = One<PermissionBody>),
        (status = 401, description = "No valid key", body = ErrorBody),
        (status = 403, description = "The key lacks permissions:read", body = ErrorBody),
        (status = 404, description = "No such permission", body = ErrorBody),
    ),
    security(("bearer" = []), ("api_key" = [])))]
async fn get_permission(
    State(app): AppState,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Response {
    one::<_, PermissionBody>(app, peer, &headers, raw, "permissions:read", move |tx| {
        tx.permission(&id)
    })
    .await
}

/// Lists roles (`roles:read`), by name.
#[utoipa::path(get, path = "/v1/roles", tag = "resources",
    params(
        PageParams,
    ),
    responses(
        (status = 200, description = "A page of roles", body = Page<RoleBody>),
        (status = 400, description = "Bad limit or cursor", body = ErrorBody),
        (status = 401, description = "No valid key", body = ErrorBody),
        (status = 403, description = "The key lacks roles:read", body = ErrorBody),
    ),
    security(("bearer" = []), ("api_key" = [])))]
async fn list_roles(
    State(app): AppState,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Response {
    list::<_, RoleBody>(app, peer, &headers, raw, "roles:read", |tx, _| {
        tx.list_roles()
    })
    .await
}

/// One role by public id or name (`roles:read`).
#[utoipa::path(get, path = "/v1/roles/{id}", tag = "resources",
    params(("id" = String, Path, description = "Public id or name")),
    responses(
        (status = 200, description = "The role", body = One<RoleBody>),
        (status = 401, description = "No valid key", body = ErrorBody),
        (status = 403, description = "The key lacks roles:read", body = ErrorBody),
        (status = 404, description = "No such role", body = ErrorBody),
    ),
    security(("bearer" = []), ("api_key" = [])))]
async fn get_role(
    State(app): AppState,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Response {
    one::<_, RoleBody>(app, peer, &headers, raw, "roles:read", move |tx| {
        tx.role(&id)
    })
    .await
}

/// Lists users (`users:read`), by email. Never a password or its hash.
#[utoipa::path(get, path = "/v1/users", tag = "resources",
    params(
        PageParams,
    ),
    responses(
        (status = 200, description = "A page of users", body = Page<UserBody>),
        (status = 400, description = "Bad limit or cursor", body = ErrorBody),
        (status = 401, description = "No valid key", body = ErrorBody),
        (status = 403, description = "The key lacks users:read", body = ErrorBody),
    ),
    security(("bearer" = []), ("api_key" = [])))]
async fn list_users(
    State(app): AppState,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Response {
    list::<_, UserBody>(app, peer, &headers, raw, "users:read", |tx, _| {
        tx.list_users()
    })
    .await
}

/// One user by public id or email (`users:read`).
#[utoipa::path(get, path = "/v1/users/{id}", tag = "resources",
    params(("id" = String, Path, description = "Public id or email")),
    responses(
        (status = 200, description = "The user", body = One<UserBody>),
        (status = 401, description = "No valid key", body = ErrorBody),
        (status = 403, description = "The key lacks users:read", body = ErrorBody),
        (status = 404, description = "No such user", body = ErrorBody),
    ),
    security(("bearer" = []), ("api_key" = [])))]
async fn get_user(
    State(app): AppState,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Response {
    one::<_, UserBody>(app, peer, &headers, raw, "users:read", move |tx| {
        tx.user(&id)
    })
    .await
}

// ---------------------------------------------------------------------------------
// Operations

/// The OpenAPI 3.1 document of this server.
#[utoipa::path(get, path = "/openapi.json", tag = "operations",
    responses((status = 200, description = "The OpenAPI document", content_type = "application/json")))]
async fn openapi_json(State(app): AppState) -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        app.openapi_json.clone(),
    )
        .into_response()
}

/// This reference, as an HTML page rendered from `/openapi.json` (no script, font or
/// CDN: it works air-gapped).
#[utoipa::path(get, path = "/doc", tag = "operations",
    responses((status = 200, description = "The HTML reference", content_type = "text/html")))]
async fn doc(State(app): AppState) -> Html<String> {
    Html(app.doc_html.clone())
}

/// Liveness: the process answers.
#[utoipa::path(get, path = "/healthz", tag = "operations",
    responses((status = 200, description = "Alive", body = Health)))]
async fn healthz() -> axum::Json<Health> {
    axum::Json(Health {
        status: "ok".into(),
    })
}

/// Readiness: the store opens read-only at the current schema.
#[utoipa::path(get, path = "/readyz", tag = "operations",
    responses(
        (status = 200, description = "Ready", body = Health),
        (status = 503, description = "The store cannot be used", body = Health),
    ))]
async fn readyz(State(app): AppState) -> Response {
    match app
        .engine
        .read(|store| store.read(|tx| tx.audit_head()))
        .await
    {
        Ok(_) => axum::Json(Health {
            status: "ok".into(),
        })
        .into_response(),
        Err(e) => (
            StatusCode::SERVICE_UNAVAILABLE,
            axum::Json(Health {
                status: e.to_string(),
            }),
        )
            .into_response(),
    }
}

/// Prometheus metrics: requests by endpoint and status, verify latency, cache hits and
/// misses, pending usage, flush errors.
#[utoipa::path(get, path = "/metrics", tag = "operations",
    responses((status = 200, description = "Prometheus text format", content_type = "text/plain")))]
async fn metrics(State(app): AppState) -> Response {
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        app.engine.metrics.render(app.engine.pending_uses()),
    )
        .into_response()
}

async fn not_found() -> Response {
    error(
        StatusCode::NOT_FOUND,
        "not_found",
        "no such endpoint; see /doc",
    )
}

/// The OpenAPI document, generated from the handlers and shapes above.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "apikey serve",
        description = "Key verification for gateways and services, and the read API over the apikey store.",
        license(name = "MIT OR Apache-2.0")
    ),
    paths(
        forward_auth, verify_v1, verify_v2,
        list_clients, get_client, list_permissions, get_permission,
        list_roles, get_role, list_users, get_user,
        openapi_json, doc, healthz, readyz, metrics
    ),
    components(schemas(
        ErrorBody, ErrorDetail, VerifyBody, VerdictBody,
        UnkeyVerifyRequest, UnkeyCredits, UnkeyVerifyResponse, UnkeyMeta, UnkeyVerifyData, UnkeyIdentity,
        ClientBody, PermissionBody, RoleBody, UserBody, Health
    )),
    modifiers(&Security)
)]
pub struct ApiDoc;

struct Security;

impl utoipa::Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{
            ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme,
        };
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
        components.add_security_scheme(
            "api_key",
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::new("X-Api-Key"))),
        );
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    /// The body made from a cached head and an answer's use counts is byte for byte the
    /// body serialized whole, for keys capped or not, with metadata that needs escaping
    /// and an expiry, and every value of `usage_recorded`.
    #[test]
    fn a_valid_answer_from_its_cached_head_is_the_whole_body() {
        use apikey_core::verify;
        let now = apikey_core::time::now();
        for variant in 0..4 {
            let mut state = crate::engine::tests::key_state(3);
            if variant & 1 == 1 {
                state.key.max_uses = Some(10);
                state.key.use_count = 4;
            }
            if variant & 2 == 2 {
                state
                    .key
                    .metadata
                    .insert("team".into(), "a \"b\"\n\u{e9}".into());
                state.key.expires_at = now.checked_add(jiff::SignedDuration::from_hours(24)).ok();
            }
            let lookup = Lookup::Found(Box::new(state));
            let Lookup::Found(state) = &lookup else {
                unreachable!()
            };
            let request = VerifyRequest::default();
            let lean = verify::decide_lean(&lookup, &request, now);
            assert!(lean.valid && lean.key_id.is_none(), "{lean:?}");
            let head = valid_head(&lean, state);
            assert!(!head.is_empty(), "variant {variant}");
            for recorded in [Some(true), Some(false), None] {
                let mut answer = lean.clone();
                answer.usage_recorded = recorded;
                let mut whole = verify::decide(&lookup, &request, now);
                whole.usage_recorded = recorded;
                let whole = serde_json::to_vec(&VerdictBody::from(whole)).unwrap();
                assert_eq!(
                    String::from_utf8(with_use_counts(&head, &answer)).unwrap(),
                    String::from_utf8(whole).unwrap(),
                    "variant {variant}, usage_recorded {recorded:?}"
                );
            }
        }
    }

    fn config(trusted: &[&str]) -> ServerConfig {
        let mut config = ServerConfig::new("127.0.0.1:0".parse().unwrap(), "x.db".into());
        config.trusted_proxies = trusted.iter().map(|c| c.parse().unwrap()).collect();
        config
    }

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, HeaderValue::from_str(value).unwrap());
        }
        map
    }

    #[test]
    fn forwarded_addresses_are_believed_only_from_trusted_proxies() {
        let peer: SocketAddr = "10.0.0.5:1234".parse().unwrap();
        let forwarded = headers(&[("x-forwarded-for", "203.0.113.9, 10.0.0.7")]);
        assert_eq!(caller_ip(peer, &forwarded, &config(&[])), peer.ip());
        let trusted = config(&["10.0.0.0/8"]);
        assert_eq!(
            caller_ip(peer, &forwarded, &trusted),
            "203.0.113.9".parse::<IpAddr>().unwrap()
        );
        let real = headers(&[("x-real-ip", "198.51.100.1")]);
        assert_eq!(
            caller_ip(peer, &real, &trusted),
            "198.51.100.1".parse::<IpAddr>().unwrap()
        );
        let mapped: SocketAddr = "[::ffff:10.0.0.5]:1".parse().unwrap();
        assert_eq!(
            caller_ip(mapped, &forwarded, &trusted),
            "203.0.113.9".parse::<IpAddr>().unwrap()
        );
    }

    #[test]
    fn keys_come_from_bearer_then_the_header_then_the_query_when_allowed() {
        let mut cfg = config(&[]);
        let both = headers(&[("authorization", "Bearer one"), ("x-api-key", "two")]);
        assert!(matches!(caller_key(&both, &[], &cfg), KeyFrom::Key(k) if k == "one"));
        let basic = headers(&[("authorization", "Basic xyz"), ("x-api-key", "two")]);
        assert!(matches!(caller_key(&basic, &[], &cfg), KeyFrom::Key(k) if k == "two"));
        let query = parse_query(Some("api_key=three"));
        assert!(matches!(
            caller_key(&HeaderMap::new(), &query, &cfg),
            KeyFrom::Missing
        ));
        cfg.allow_key_in_query = true;
        assert!(
            matches!(caller_key(&HeaderMap::new(), &query, &cfg), KeyFrom::Key(k) if k == "three")
        );
    }

    #[test]
    fn the_openapi_document_is_3_1_and_renders_as_html() {
        let doc = ApiDoc::openapi();
        let json: serde_json::Value = serde_json::from_str(&doc.to_json().unwrap()).unwrap();
        assert_eq!(json["openapi"], "3.1.0");
        let html = crate::docpage::render(&json);
        assert!(html.contains("/v2/keys.verifyKey") && !html.contains("<script"));
    }
}
