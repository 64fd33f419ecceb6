//! The server's configuration, built by `apikey serve` from its flags.

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

use apikey_core::error::{Error, Result};
use apikey_core::rules;
use apikey_core::store::StorePath;
use ipnet::IpNet;

/// How log lines are written (to standard error).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LogFormat {
    /// One human-readable line per event.
    #[default]
    Text,
    /// One JSON object per line.
    Json,
}

/// Everything `apikey serve` needs.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// Where to listen; port 0 picks a free port (the start-up line names it).
    pub listen: SocketAddr,
    /// The store: an SQLite file or a PostgreSQL URL (its `Debug` hides a password).
    pub store: StorePath,
    /// The header a key may come in when there is no `Authorization: Bearer` (lowercase).
    pub key_header: String,
    /// Forward-auth routes: the permission a gateway's original request needs.
    pub routes: Vec<Route>,
    /// Peers whose `X-Forwarded-For` / `X-Real-IP` are believed.
    pub trusted_proxies: Vec<IpNet>,
    /// The verify APIs answer without a caller key holding `apikey:verify`.
    pub open_verify: bool,
    /// Keys may come as the `api_key` query parameter.
    pub allow_key_in_query: bool,
    /// Log line format.
    pub log_format: LogFormat,
    /// Read-only connections (and blocking workers) for lookups.
    pub readers: usize,
    /// Most open connections; more are closed at once.
    pub max_connections: usize,
    /// Most bytes of cached key states (each entry's allocations, estimated); a key
    /// not in the cache is read from the store.
    pub cache_bytes: u64,
    /// Longest time to answer one request, and to receive its headers.
    pub request_timeout: Duration,
    /// Largest request body (the verify APIs' JSON).
    pub max_body_bytes: usize,
    /// Largest request head (request line and headers).
    pub max_header_bytes: usize,
    /// Serve the web console under `/console` (`--admin`).
    pub admin: bool,
    /// The console's session cookie goes without `Secure`, for plain-HTTP use on
    /// loopback (`--insecure-cookies`).
    pub insecure_cookies: bool,
}

impl ServerConfig {
    /// The defaults for a store at `store`, listening on `listen`.
    pub fn new(listen: SocketAddr, store: PathBuf) -> ServerConfig {
        ServerConfig {
            listen,
            store: StorePath::new(store),
            key_header: "x-api-key".into(),
            routes: Vec::new(),
            trusted_proxies: Vec::new(),
            open_verify: false,
            allow_key_in_query: false,
            log_format: LogFormat::Text,
            readers: 4,
            max_connections: 4096,
            cache_bytes: 32 * 1024 * 1024,
            request_timeout: Duration::from_secs(10),
            max_body_bytes: 64 * 1024,
            max_header_bytes: 32 * 1024,
            admin: false,
            insecure_cookies: false,
        }
    }

    /// Whether `peer` is a trusted proxy.
    pub fn trusts(&self, peer: IpAddr) -> bool {
        let peer = peer.to_canonical();
        self.trusted_proxies.iter().any(|net| net.contains(&peer))
    }
}

/// One `--route 'METHOD PATTERN PERMISSION'`: a request whose method matches (`*` for
/// any) and whose path matches `PATTERN` (exact, or a prefix ending in `*`) needs
/// `PERMISSION`. The first matching route wins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    /// Upper-case method, or `*`.
    pub method: String,
    /// The path pattern.
    pub pattern: String,
    /// The permission needed.
    pub permission: String,
}

impl Route {
    /// Parses `GET /bpjs/* bpjs:read`.
    ///
    /// # Errors
    /// [`Error::Invalid`] naming the fault.
    pub fn parse(text: &str) -> Result<Route> {
        let parts: Vec<&str> = text.split_whitespace().collect();
        let [method, pattern, permission] = parts[..] else {
            return Err(Error::invalid(format!(
                "--route '{text}': expected 'METHOD PATH PERMISSION', e.g. 'GET /bpjs/* bpjs:read'"
            )));
        };
        let method = method.to_ascii_uppercase();
        if method != "*" && !method.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(Error::invalid(format!(
                "--route '{text}': the method must be a word such as GET, or *"
            )));
        }
        if !pattern.starts_with('/') {
            return Err(Error::invalid(format!(
                "--route '{text}': the path must start with /"
            )));
        }
        if pattern.trim_end_matches('*').contains('*') {
            return Err(Error::invalid(format!(
                "--route '{text}': '*' may only end the path"
            )));
        }
        rules::permission_name(permission)
            .map_err(|e| Error::invalid(format!("--route '{text}': {e}")))?;
        Ok(Route {
            method,
            pattern: pattern.to_owned(),
            permission: permission.to_owned(),
        })
    }

    /// Whether a request of `method` to `path` (no query) matches.
    pub fn matches(&self, method: &str, path: &str) -> bool {
        let method_ok = self.method == "*" || self.method.eq_ignore_ascii_case(method);
        let path_ok = match self.pattern.strip_suffix('*') {
            Some(prefix) => path.starts_with(prefix),
            None => path == self.pattern,
        };
        method_ok && path_ok
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn routes_parse_and_match() {
        let route = Route::parse("get /bpjs/* bpjs:read").unwrap();
        assert!(route.matches("GET", "/bpjs/peserta/1"));
        assert!(!route.matches("POST", "/bpjs/peserta/1"));
        assert!(!route.matches("GET", "/other"));
        let exact = Route::parse("* /users users:read").unwrap();
        assert!(exact.matches("DELETE", "/users"));
        assert!(!exact.matches("GET", "/users/1"));
        assert!(Route::parse("GET /a").is_err());
        assert!(Route::parse("GET a x:y").is_err());
        assert!(Route::parse("GET /a*b x:y").is_err());
        assert!(Route::parse("GET /a bad").is_err());
    }
}
