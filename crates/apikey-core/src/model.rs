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
        }
    }
}

/// The full answer of a verification.
#[derive(Debug, Clone, Serialize)]
pub struct Verdict {
    /// The result code.
    pub result: VerifyResult,
    /// True only for [`VerifyResult::Valid`].
    pub valid: bool,
    /// Why the key was refused, in words; absent when valid.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The key's id, when the key was found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key_id: Option<String>,
    /// The client's name, when the key was found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client: Option<String>,
    /// The client's roles; only on a valid answer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub roles: Option<Vec<String>>,
    /// The permissions the roles grant (wildcards expanded over defined permissions);
    /// only on a valid answer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub permissions: Option<Vec<String>>,
    /// Permissions asked for and not granted; only on `INSUFFICIENT_PERMISSIONS`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub missing_permissions: Option<Vec<String>>,
    /// The key's metadata; only on a valid answer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata: Option<BTreeMap<String, String>>,
    /// The key's expiry, when valid.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<Timestamp>,
    /// Uses left under `max_uses` after this one, when valid and capped.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remaining_uses: Option<u64>,
    /// On a valid answer: whether the use was counted. `false` when another process
    /// held the store's write lock longer than the verifier would wait (uncapped keys
    /// only; see `docs/verify.md`).
    #[serde(skip_serializing_if = "Option::is_none")]
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

/// The answer of `user verify`.
#[derive(Debug, Clone, Serialize)]
pub struct LoginVerdict {
    /// `VALID`, `INVALID_CREDENTIALS` (unknown email or wrong password, not told apart),
    /// `LOCKED` (too many failed logins lately)
    /// or `DISABLED` (right password, disabled user).
    pub result: &'static str,
    /// True only for `VALID`.
    pub valid: bool,
    /// The user's email, when valid.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// The user's display name, when valid.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The user's roles, when valid.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub roles: Option<Vec<String>>,
    /// The permissions the roles grant, when valid.
    #[serde(skip_serializing_if = "Option::is_none")]
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
