//! Sessions, cookies, CSRF tokens, the Origin check and the `admin:*` permissions.

use std::sync::Arc;

use apikey_core::model::User;
use apikey_core::ops::sessions;
use apikey_core::secret::{self, Secret};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde_json::json;

use crate::api::App;

/// The session cookie: the session id, which the store knows only as a hash.
pub(super) const SESSION_COOKIE: &str = "apikey_session";
/// The login page's cookie: a random token the login form's CSRF field is derived from.
pub(super) const LOGIN_COOKIE: &str = "apikey_login";
/// The permission that opens the console.
pub(super) const READ: &str = "admin:read";
/// The permission that allows changes in the console.
pub(super) const WRITE: &str = "admin:write";

/// A signed-in user with `admin:read`.
pub(super) struct Signed {
    /// The user.
    pub user: User,
    /// Whether their roles grant `admin:write`.
    pub can_write: bool,
    /// The CSRF token of their session's forms.
    pub csrf: String,
    /// The SHA-256 of the session id (the key of the session's flash).
    pub session_hash: String,
    /// The session id.
    pub session_id: Secret,
}

impl std::fmt::Debug for Signed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Signed")
            .field("user", &self.user.email)
            .field("can_write", &self.can_write)
            .finish_non_exhaustive()
    }
}

impl Signed {
    /// What every page's layout needs: the user (top right), the menu, the CSRF token.
    pub fn base(&self, active: &str) -> serde_json::Value {
        json!({
            "user": { "name": self.user.name, "email": self.user.email },
            "can_write": self.can_write,
            "csrf": self.csrf,
            "active": active,
        })
    }
}

/// The value of cookie `name` in the request, if any.
pub(super) fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, v)| v.trim().to_owned())
        .filter(|v| !v.is_empty() && v.len() <= 256)
}

/// A `Set-Cookie` value: `HttpOnly`, `SameSite=Strict`, `Secure` unless `insecure`;
/// `max_age` 0 deletes it, `None` makes a browser-session cookie.
pub(super) fn set_cookie(
    name: &str,
    value: &str,
    path: &str,
    secure: bool,
    max_age: Option<u64>,
) -> HeaderValue {
    let mut text = format!("{name}={value}; Path={path}; HttpOnly; SameSite=Strict");
    if secure {
        text.push_str("; Secure");
    }
    if let Some(age) = max_age {
        text.push_str(&format!("; Max-Age={age}"));
    }
    HeaderValue::from_str(&text).unwrap_or(HeaderValue::from_static("invalid=1"))
}

/// The CSRF token of a session's forms: derived from the session id, so it is never
/// stored and cannot be made without the cookie.
pub(super) fn session_csrf(session_id: &str) -> String {
    secret::sha256_hex(&format!("apikey-console-csrf:{session_id}"))
}

/// The login form's CSRF token, derived from the login cookie.
pub(super) fn login_csrf(token: &str) -> String {
    secret::sha256_hex(&format!("apikey-console-login:{token}"))
}

/// Compares two tokens in time independent of where they differ.
pub(super) fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// Whether a state-changing request may come from where it says it does: its `Origin`
/// (when sent) names this host, and `Sec-Fetch-Site` (when sent) is not another site.
/// Under `Referrer-Policy: no-referrer` browsers send `Origin: null` with forms; then
/// `Sec-Fetch-Site` and the CSRF token decide.
pub(super) fn origin_ok(headers: &HeaderMap) -> bool {
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    if let Some(origin) = headers.get(header::ORIGIN) {
        let Ok(origin) = origin.to_str() else {
            return false;
        };
        if origin == "null" {
            return matches!(
                headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()),
                None | Some("same-origin" | "none")
            );
        }
        let authority = origin
            .strip_prefix("http://")
            .or_else(|| origin.strip_prefix("https://"));
        match (authority, host) {
            (Some(authority), Some(host)) if authority.eq_ignore_ascii_case(host) => {}
            _ => return false,
        }
    }
    !matches!(
        headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()),
        Some("cross-site" | "same-site")
    )
}

/// What a request needs of its session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Need {
    /// Any signed-in user (logout).
    Session,
    /// `admin:read` (every page).
    Read,
    /// `admin:read` and `admin:write` (every change).
    Write,
}

/// The signed-in user of the request's session, with `admin:read`; else the answer:
/// a redirect to the login page, or 403 for a user whose roles lack `admin:read`.
pub(super) async fn signed(app: &Arc<App>, headers: &HeaderMap) -> Result<Signed, Response> {
    session(app, headers, Need::Read).await
}

/// The signed-in user of the request's session, with what `need` asks for; else the
/// answer: a redirect to the login page, or 403.
async fn session(app: &Arc<App>, headers: &HeaderMap, need: Need) -> Result<Signed, Response> {
    let Some(id) = cookie(headers, SESSION_COOKIE) else {
        return Err(Redirect::to("/console/login").into_response());
    };
    let session_id = Secret::from(id.clone());
    let found = super::write(app, "apikey-serve", move |tx| {
        let Some(user) = sessions::resume(tx, &id)? else {
            return Ok(None);
        };
        let permissions = tx.expand_grants(&tx.user_grants(user.row)?)?;
        Ok(Some((user, permissions)))
    })
    .await;
    let (user, permissions) = match found {
        Ok(Some(found)) => found,
        Ok(None) => return Err(Redirect::to("/console/login").into_response()),
        Err(e) => return Err(super::pages::failure(app, None, &e)),
    };
    let csrf = session_csrf(session_id.expose());
    let signed = Signed {
        can_write: permissions.iter().any(|p| p == WRITE),
        session_hash: secret::sha256_hex(session_id.expose()),
        csrf,
        session_id,
        user,
    };
    if need != Need::Session && !permissions.iter().any(|p| p == READ) {
        return Err(super::pages::error_page(
            app,
            Some(&signed),
            StatusCode::FORBIDDEN,
            "Not allowed",
            "Your roles do not grant admin:read, which the console needs. Ask an administrator to grant you a role that does.",
        ));
    }
    Ok(signed)
}

/// A form post's checks: the Origin check, a session with what `need` asks for, and the
/// session's CSRF token in field `csrf`.
pub(super) async fn post_guard(
    app: &Arc<App>,
    headers: &HeaderMap,
    form: &[(String, String)],
    need: Need,
) -> Result<Signed, Response> {
    if !origin_ok(headers) {
        return Err(super::pages::error_page(
            app,
            None,
            StatusCode::FORBIDDEN,
            "Refused",
            "This form was posted from another site.",
        ));
    }
    let signed = session(app, headers, need).await?;
    let given = super::pages::field(form, "csrf");
    if !same(given, &signed.csrf) {
        return Err(super::pages::error_page(
            app,
            Some(&signed),
            StatusCode::FORBIDDEN,
            "Refused",
            "The form's security token is missing or wrong. Go back, reload the page and try again.",
        ));
    }
    if need == Need::Write && !signed.can_write {
        return Err(super::pages::error_page(
            app,
            Some(&signed),
            StatusCode::FORBIDDEN,
            "Not allowed",
            "Your roles do not grant admin:write: you may look, not change.",
        ));
    }
    Ok(signed)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (n, v) in pairs {
            map.append(*n, HeaderValue::from_static(v));
        }
        map
    }

    #[test]
    fn origin_must_be_this_host() {
        assert!(origin_ok(&headers(&[("host", "127.0.0.1:8080")])));
        assert!(origin_ok(&headers(&[
            ("host", "127.0.0.1:8080"),
            ("origin", "http://127.0.0.1:8080")
        ])));
        assert!(!origin_ok(&headers(&[
            ("host", "127.0.0.1:8080"),
            ("origin", "http://evil.example")
        ])));
        // `Referrer-Policy: no-referrer` makes browsers send `Origin: null`.
        assert!(origin_ok(&headers(&[
            ("host", "127.0.0.1:8080"),
            ("origin", "null"),
            ("sec-fetch-site", "same-origin")
        ])));
        assert!(!origin_ok(&headers(&[
            ("host", "127.0.0.1:8080"),
            ("origin", "null"),
            ("sec-fetch-site", "cross-site")
        ])));
        assert!(!origin_ok(&headers(&[
            ("host", "127.0.0.1:8080"),
            ("sec-fetch-site", "cross-site")
        ])));
    }

    #[test]
    fn cookies_parse_and_carry_their_flags() {
        let h = headers(&[("cookie", "a=1; apikey_session=abc; b=2")]);
        assert_eq!(cookie(&h, SESSION_COOKIE).as_deref(), Some("abc"));
        assert_eq!(cookie(&h, "missing"), None);
        let set = set_cookie(SESSION_COOKIE, "abc", "/console", true, None);
        let text = set.to_str().unwrap();
        assert!(text.contains("HttpOnly") && text.contains("SameSite=Strict"));
        assert!(text.contains("; Secure"));
        let plain = set_cookie(SESSION_COOKIE, "abc", "/console", false, Some(0));
        assert!(!plain.to_str().unwrap().contains("Secure"));
    }

    #[test]
    fn csrf_tokens_depend_on_the_session_and_compare_exactly() {
        let a = session_csrf("one");
        assert_eq!(a, session_csrf("one"));
        assert_ne!(a, session_csrf("two"));
        assert_ne!(a, login_csrf("one"));
        assert!(same(&a, &session_csrf("one")));
        assert!(!same(&a, ""));
        assert!(!same(&a, &session_csrf("two")));
    }
}
