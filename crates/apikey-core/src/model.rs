//! The records commands return. They serialize to the documented JSON shapes
//! (`docs/json.md`); times are RFC 3339 strings in UTC.

use std::collections::BTreeMap;

use jiff::Timestamp;
use serde::Serialize;

/// A client: an application that calls the API.
#[derive(Debug, Clone, Serialize)]
pub struct Client {
    /// Internal row id; not part of the JSON shape.
    #[serde(skip)]
    pub row: i64,
    /// Public id: 12 characters of `[0-9a-z]`, random, stable, not secret.
    pub id: String,
    /// Unique name (case-insensitive).
    pub name: String,
    /// Free text.
    pub description: String,
    /// `active` or `disabled`.
    pub status: Status,
    /// Roles held; the client's keys act with them.
    pub roles: Vec<String>,
    /// How many keys it has; counted only where shown (lookups leave it `None`, so
    /// that issuing a key costs the same for a client with 100,000 keys as for a new one).
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub keys: Option<KeyCounts>,
    /// When the client was added.
    pub created_at: Timestamp,
    /// When the client was last changed.
    pub updated_at: Timestamp,
}

/// A client's key counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct KeyCounts {
    /// Keys whose status is `active`.
    pub active_keys: u64,
    /// Keys of any status.
    pub total_keys: u64,
}

/// Whether a client may use its keys, or a user may log in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Its keys verify; the user can log in.
    Active,
    /// Its keys answer `DISABLED`; the user cannot log in.
    Disabled,
}

/// A key's derived status. Precedence: revoked, expired, disabled, active.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum KeyStatus {
    /// Verifies (subject to its limits).
    Active,
    /// Past its expiry time.
    Expired,
    /// Revoked for good.
    Revoked,
    /// The key or its client is disabled.
    Disabled,
}

impl KeyStatus {
    /// The lowercase name, as stored and printed.
    pub fn as_str(self) -> &'static str {
        match self {
            KeyStatus::Active => "active",
            KeyStatus::Expired => "expired",
            KeyStatus::Revoked => "revoked",
            KeyStatus::Disabled => "disabled",
        }
    }
}

impl Status {
    /// The lowercase name, as printed.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Active => "active",
            Status::Disabled => "disabled",
        }
    }
}

/// An API key's stored record. Never holds the secret or its hash.
#[derive(Debug, Clone, Serialize)]
pub struct ApiKey {
    /// Public, non-secret id (12 chars of `[0-9a-z]`).
    pub id: String,
    /// The owning client's name.
    pub client: String,
    /// Free text.
    pub label: String,
    /// The key's prefix (`ak`, `live`, ...).
    pub prefix: String,
    /// The prefix and first characters of the secret, to recognise a key.
    pub hint: String,
    /// Derived status.
    pub status: KeyStatus,
    /// When the key was issued.
    pub created_at: Timestamp,
    /// When it stops verifying, if ever.
    pub expires_at: Option<Timestamp>,
    /// When it was revoked, if it was.
    pub revoked_at: Option<Timestamp>,
    /// Why it was revoked, if a reason was given.
    pub revoked_reason: Option<String>,
    /// Disabled by `key disable` (reversible, unlike revocation).
    pub disabled: bool,
    /// Successful verifications so far.
    pub use_count: u64,
    /// Most successful verifications allowed, if capped.
    pub max_uses: Option<u64>,
    /// Last successful verification.
    pub last_used_at: Option<Timestamp>,
    /// CIDR blocks a verifying caller must be in; empty means any address.
    pub allowed_ips: Vec<String>,
    /// Free-form metadata returned by a valid verify.
    pub metadata: BTreeMap<String, String>,
    /// The id of the key this one replaced by rotation.
    pub rotated_from: Option<String>,
    /// Brought in by `key import` rather than generated here.
    pub imported: bool,
    /// At most this many `VALID` answers per window, enforced by `apikey serve` (not by
    /// `key verify`); `None`: no limit.
    pub rate_limit: Option<RateLimit>,
}

/// A key's rate limit: at most `limit` `VALID` answers in any `window_secs` seconds (a
/// sliding window). Written `100/1m` on the command line and in provisioning files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RateLimit {
    /// Most answers in a window (at least 1).
    pub limit: u64,
    /// The window's length in seconds (at least 1).
    pub window_secs: u64,
}

impl RateLimit {
    /// Most answers a window may allow (the server keeps one time per allowed answer
    /// still inside its window: at most 8 bytes times this, per key).
    pub const MAX_LIMIT: u64 = 100_000;
    /// The longest window: one day.
    pub const MAX_WINDOW_SECS: u64 = 86_400;

    /// Parses `N/DURATION`, e.g. `100/1m` or `5/1s` (durations as
    /// [`crate::time::parse_duration`]). `what` names the setting in errors.
    ///
    /// # Errors
    /// [`crate::error::Error::Invalid`] naming `what`.
    pub fn parse(what: &str, text: &str) -> crate::error::Result<RateLimit> {
        let bad = |why: &str| {
            crate::error::Error::invalid(format!(
                "invalid {what} '{}': {why}; use N/DURATION, e.g. 100/1m",
                text.escape_debug()
            ))
        };
        let (count, window) = text.trim().split_once('/').ok_or_else(|| bad("no '/'"))?;
        let limit: u64 = count
            .trim()
            .parse()
            .map_err(|_| bad("N is not a whole number"))?;
        if limit == 0 || limit > Self::MAX_LIMIT {
            return Err(bad(&format!("N must be between 1 and {}", Self::MAX_LIMIT)));
        }
        let window = window.trim();
        // `100/s` reads as one second.
        let window = if window.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            window.to_owned()
        } else {
            format!("1{window}")
        };
        let secs = crate::time::parse_duration(what, &window, false)? as u64;
        if secs > Self::MAX_WINDOW_SECS {
            return Err(bad("the window is longer than one day"));
        }
        Ok(RateLimit {
            limit,
            window_secs: secs,
        })
    }
}

impl std::fmt::Display for RateLimit {
    /// `100/1m`: the window in its largest whole unit (`d`, `h`, `m`, `s`).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let secs = self.window_secs;
        let (n, unit) = [(86_400, "d"), (3_600, "h"), (60, "m")]
            .into_iter()
            .find(|(size, _)| secs.is_multiple_of(*size))
            .map_or((secs, "s"), |(size, unit)| (secs / size, unit));
        write!(f, "{}/{n}{unit}", self.limit)
    }
}

/// A key as returned by `key create`, `key rotate` and `client add`: the record plus the
/// secret, which is shown this once.
#[derive(Debug, Clone, Serialize)]
pub struct IssuedKey {
    /// The full secret key.
    pub secret: crate::secret::Secret,
    /// The stored record.
    #[serde(flatten)]
    pub key: ApiKey,
}

/// The answer of `key verify`, in the fixed check order documented in `docs/verify.md`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum VerifyResult {
    /// All checks passed.
    Valid,
    /// Format or checksum is wrong (decided offline).
    Malformed,
    /// No key with this hash.
    NotFound,
    /// The key was revoked.
    Revoked,
    /// The key is past its expiry.
    Expired,
    /// The key or its client is disabled.
    Disabled,
    /// The key's `max_uses` is spent.
    UsageExceeded,
    /// The caller's address is outside the key's allow-list.
    Forbidden,
    /// A permission asked with `--permission` is not granted to the client's roles.
    InsufficientPermissions,
    /// The key's rate limit is reached. Only `apikey serve` answers it (after every
    /// other check passed); `key verify` does not enforce rate limits.
    RateLimited,
}

impl VerifyResult {
    /// The result code as printed, e.g. `USAGE_EXCEEDED`.
    pub fn as_str(self) -> &'static str {
        match self {
            VerifyResult::Valid => "VALID",
            VerifyResult::Malformed => "MALFORMED",
            VerifyResult::NotFound => "NOT_FOUND",
            VerifyResult::Revoked => "REVOKED",
            VerifyResult::Expired => "EXPIRED",
            VerifyResult::Disabled => "DISABLED",
            VerifyResult::UsageExceeded => "USAGE_EXCEEDED",
            VerifyResult::Forbidden => "FORBIDDEN",
            VerifyResult::InsufficientPermissions => "INSUFFICIENT_PERMISSIONS",
            VerifyResult::RateLimited => "RATE_LIMITED",
        }
    }
}

/// The full answer of a verification. Every field is always present; one that does not
/// apply to this answer is `null` (`docs/json.md`).
#[derive(Debug, Clone, Serialize)]
pub struct Verdict {
    /// The result code.
    pub result: VerifyResult,
    /// True only for [`VerifyResult::Valid`].
    pub valid: bool,
    /// Why the key was refused, in words; absent when valid.
    pub reason: Option<String>,
    /// The key's id (`id`, as in the key's record), when the key was found.
    #[serde(rename = "id")]
    pub key_id: Option<String>,
    /// The client's name, when the key was found.
    pub client: Option<String>,
    /// The client's roles; only on a valid answer.
    pub roles: Option<Vec<String>>,
    /// The permissions the roles grant (wildcards expanded over defined permissions);
    /// only on a valid answer.
    pub permissions: Option<Vec<String>>,
    /// Permissions asked for and not granted; only on `INSUFFICIENT_PERMISSIONS`.
    pub missing_permissions: Option<Vec<String>>,
    /// The key's metadata; only on a valid answer.
    pub metadata: Option<BTreeMap<String, String>>,
    /// The key's expiry, when valid.
    pub expires_at: Option<Timestamp>,
    /// Uses left under `max_uses` after this one, when valid and capped.
    pub remaining_uses: Option<u64>,
    /// On a valid answer: whether the use was counted. `false` when another process
    /// held the store's write lock longer than the verifier would wait (uncapped keys
    /// only; see `docs/verify.md`).
    pub usage_recorded: Option<bool>,
}

/// A permission: `resource:action`.
#[derive(Debug, Clone, Serialize)]
pub struct Permission {
    /// Public id: 12 characters of `[0-9a-z]`, random, stable, not secret.
    pub id: String,
    /// The name, e.g. `bpjs:read`.
    pub name: String,
    /// Free text.
    pub description: String,
    /// Roles whose grants cover it (exactly or by wildcard).
    pub roles: Vec<String>,
    /// When it was added.
    pub created_at: Timestamp,
}

/// A role: a named set of grants held by clients and users.
#[derive(Debug, Clone, Serialize)]
pub struct Role {
    /// Internal row id; not part of the JSON shape.
    #[serde(skip)]
    pub row: i64,
    /// Public id: 12 characters of `[0-9a-z]`, random, stable, not secret.
    pub id: String,
    /// Unique name (case-insensitive).
    pub name: String,
    /// Free text.
    pub description: String,
    /// Grant patterns: permission names, `resource:*` or `*`.
    pub permissions: Vec<String>,
    /// Clients holding the role.
    pub clients: Vec<String>,
    /// Users (emails) holding the role.
    pub users: Vec<String>,
    /// When it was added.
    pub created_at: Timestamp,
}

/// An operator who logs in with email and password.
#[derive(Debug, Clone, Serialize)]
pub struct User {
    /// Internal row id; not part of the JSON shape.
    #[serde(skip)]
    pub row: i64,
    /// Public id: 12 characters of `[0-9a-z]`, random, stable, not secret.
    pub id: String,
    /// Unique email (compared case-insensitively).
    pub email: String,
    /// Display name.
    pub name: String,
    /// `active` or `disabled`.
    pub status: Status,
    /// Whether a password is set (a user without one cannot log in).
    pub has_password: bool,
    /// Roles held.
    pub roles: Vec<String>,
    /// When the user was added.
    pub created_at: Timestamp,
    /// When the user was last changed.
    pub updated_at: Timestamp,
    /// Last successful `user verify`.
    pub last_login_at: Option<Timestamp>,
}

/// The answer of `user verify`. Every field is always present (`null` when not valid).
#[derive(Debug, Clone, Serialize)]
pub struct LoginVerdict {
    /// `VALID`, `INVALID_CREDENTIALS` (unknown email or wrong password, not told apart),
    /// `LOCKED` (too many failed logins lately)
    /// or `DISABLED` (right password, disabled user).
    pub result: &'static str,
    /// True only for `VALID`.
    pub valid: bool,
    /// The user's email, when valid.
    pub email: Option<String>,
    /// The user's display name, when valid.
    pub name: Option<String>,
    /// The user's roles, when valid.
    pub roles: Option<Vec<String>>,
    /// The permissions the roles grant, when valid.
    pub permissions: Option<Vec<String>>,
}

/// One entry of the hash-chained audit log.
#[derive(Debug, Clone, Serialize)]
pub struct AuditEvent {
    /// Sequence number, from 1, without gaps.
    pub seq: i64,
    /// When it happened.
    pub at: Timestamp,
    /// Who did it (`--actor`, `APIKEY_ACTOR`, or the OS user).
    pub actor: String,
    /// What was done, e.g. `client.add`, `key.revoke`.
    pub action: String,
    /// What it was done to: a client or role name, a key id, an email.
    pub target: String,
    /// Further facts, never a secret or a hash of one.
    pub details: serde_json::Value,
    /// Hash of the previous event (64 zeros for the first).
    pub prev_hash: String,
    /// SHA-256 over this event's fields and `prev_hash`.
    pub hash: String,
}

#[cfg(test)]
mod tests {
    use super::RateLimit;

    #[test]
    fn rate_limits_parse_and_print_in_the_largest_whole_unit() {
        let parse = |t| RateLimit::parse("--rate-limit", t);
        for (text, limit, window_secs, shown) in [
            ("100/1m", 100, 60, "100/1m"),
            ("5/s", 5, 1, "5/1s"),
            (" 7 / 90s ", 7, 90, "7/90s"),
            ("1/24h", 1, 86_400, "1/1d"),
            ("3/120m", 3, 7_200, "3/2h"),
        ] {
            let parsed = parse(text).unwrap();
            assert_eq!(
                (parsed.limit, parsed.window_secs),
                (limit, window_secs),
                "{text}"
            );
            assert_eq!(parsed.to_string(), shown);
            assert_eq!(parse(shown).unwrap(), parsed);
        }
        for bad in [
            "",
            "100",
            "0/1m",
            "-1/1m",
            "100001/1m",
            "1/0s",
            "1/25h",
            "1/x",
            "a/1m",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }
}
