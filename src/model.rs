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
    pub id: i64,
    /// Unique name (case-insensitive).
    pub name: String,
    /// Free text.
    pub description: String,
    /// `active` or `disabled`.
    pub status: ClientStatus,
    /// Number of keys whose status is `active`.
    pub active_keys: u64,
    /// Number of keys of any status.
    pub total_keys: u64,
    /// When the client was added.
    pub created_at: Timestamp,
    /// When the client was last changed.
    pub updated_at: Timestamp,
}

/// Whether a client may use its keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ClientStatus {
    /// Its keys can verify.
    Active,
    /// Its keys answer `DISABLED`.
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

impl ClientStatus {
    /// The lowercase name, as printed.
    pub fn as_str(self) -> &'static str {
        match self {
            ClientStatus::Active => "active",
            ClientStatus::Disabled => "disabled",
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
    pub secret: String,
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
    /// The key's metadata; only on a valid answer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata: Option<BTreeMap<String, String>>,
    /// The key's expiry, when valid.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<Timestamp>,
    /// Uses left under `max_uses` after this one, when valid and capped.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remaining_uses: Option<u64>,
}
