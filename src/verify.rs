//! Key verification: the API server's question "is this key valid?".
//!
//! Checks run in this fixed order, and the first that fails is the answer
//! (documented in `docs/verify.md`):
//!
//! 1. format and checksum — `MALFORMED` (offline, no store access), unless the key
//!    was brought in by `key import` (found by its hash)
//! 2. a stored key with this SHA-256 — `NOT_FOUND`
//! 3. not revoked — `REVOKED`
//! 4. not past `expires_at` — `EXPIRED`
//! 5. key and client enabled — `DISABLED`
//! 6. `use_count < max_uses` — `USAGE_EXCEEDED`
//! 7. caller address in the allow-list (when the key has one) — `FORBIDDEN`
//! 8. every `--permission` granted by the client's roles — `INSUFFICIENT_PERMISSIONS`
//!
//! A `VALID` answer records the use (`use_count`, `last_used_at`) in the same transaction.

use std::net::IpAddr;

use crate::access;
use crate::error::Result;
use crate::model::{ApiKey, Verdict, VerifyResult};
use crate::secret;
use crate::store::{Store, Tx};

/// What the caller asks besides the key itself.
#[derive(Debug, Clone, Default)]
pub struct VerifyRequest {
    /// The calling address; required when the key has an allow-list.
    pub ip: Option<IpAddr>,
    /// Permissions that must all be granted (validated names, no wildcards).
    pub permissions: Vec<String>,
}

/// The offline part of verification: `Some(MALFORMED verdict)` if `key` is not
/// well-formed, `None` if it may be looked up.
pub fn check_format(key: &str) -> Option<Verdict> {
    secret::parse(key)
        .err()
        .map(|e| Verdict::denied(VerifyResult::Malformed, e.to_string(), None))
}

/// Verifies `key` against the store in its own write transaction, recording the use
/// when it is valid.
///
/// # Errors
/// Only store failures; every refusal is a [`Verdict`].
pub fn verify(store: &mut Store, key: &str, request: &VerifyRequest) -> Result<Verdict> {
    store.write(|tx| verify_in(tx, key, request))
}

/// Verifies `key` inside the caller's write transaction. A server that verifies many
/// keys can run a batch in one [`Store::write`] and pay for one commit: uses are then
/// recorded when the batch commits (and lost with it if the process dies first), and
/// usage caps count the batch's own earlier uses.
///
/// # Errors
/// Only store failures; every refusal is a [`Verdict`].
pub fn verify_in(tx: &Tx<'_>, key: &str, request: &VerifyRequest) -> Result<Verdict> {
    let malformed = check_format(key);
    let sha256 = secret::sha256_hex(key);
    let row = tx.key_by_hash(&sha256)?;
    // Imported keys come in other formats: they are looked up before being called
    // malformed, and only they may skip the format check.
    let row = match (malformed, row) {
        (Some(malformed), row) if !row.as_ref().is_some_and(|r| r.key.imported) => {
            return Ok(malformed);
        }
        (_, Some(row)) => row,
        (_, None) => {
            return Ok(Verdict::denied(
                VerifyResult::NotFound,
                "no key with this secret is stored".into(),
                None,
            ));
        }
    };
    let key = row.key;
    let now = tx.now();
    let refusal = if let Some(at) = key.revoked_at {
        Some((
            VerifyResult::Revoked,
            format!("the key was revoked at {at}"),
        ))
    } else if let Some(at) = key.expires_at.filter(|at| *at <= now) {
        Some((VerifyResult::Expired, format!("the key expired at {at}")))
    } else if key.disabled {
        Some((VerifyResult::Disabled, "the key is disabled".into()))
    } else if row.client_disabled {
        Some((
            VerifyResult::Disabled,
            format!("the client '{}' is disabled", key.client),
        ))
    } else if key.max_uses.is_some_and(|max| key.use_count >= max) {
        Some((
            VerifyResult::UsageExceeded,
            format!("the key's {} uses are spent", key.use_count),
        ))
    } else {
        ip_refusal(&key, request.ip).map(|reason| (VerifyResult::Forbidden, reason))
    };
    if let Some((result, reason)) = refusal {
        return Ok(Verdict::denied(result, reason, Some(&key)));
    }
    let grants = tx.client_grants(row.client_id)?;
    let missing: Vec<String> = request
        .permissions
        .iter()
        .filter(|p| !grants.iter().any(|g| access::covers(g, p)))
        .cloned()
        .collect();
    if !missing.is_empty() {
        let mut verdict = Verdict::denied(
            VerifyResult::InsufficientPermissions,
            format!("the client's roles do not grant {}", missing.join(", ")),
            Some(&key),
        );
        verdict.missing_permissions = Some(missing);
        return Ok(verdict);
    }
    tx.record_key_use(&key.id)?;
    Ok(Verdict {
        result: VerifyResult::Valid,
        valid: true,
        reason: None,
        key_id: Some(key.id.clone()),
        client: Some(key.client.clone()),
        roles: Some(row.client_roles),
        permissions: Some(tx.expand_grants(&grants)?),
        missing_permissions: None,
        expires_at: key.expires_at,
        remaining_uses: key.max_uses.map(|max| max - key.use_count - 1),
        metadata: Some(key.metadata),
    })
}

/// Why `ip` may not use `key`, or `None` if it may.
fn ip_refusal(key: &ApiKey, ip: Option<IpAddr>) -> Option<String> {
    if key.allowed_ips.is_empty() {
        return None;
    }
    let Some(ip) = ip else {
        return Some("the key has an IP allow-list and no --ip was given".into());
    };
    // An IPv4 client seen through an IPv6 socket (::ffff:10.1.2.3) is still 10.1.2.3.
    let ip = ip.to_canonical();
    let allowed = key
        .allowed_ips
        .iter()
        .filter_map(|net| net.parse::<ipnet::IpNet>().ok())
        .any(|net| net.contains(&ip));
    (!allowed).then(|| format!("{ip} is not in the key's allow-list"))
}

impl Verdict {
    /// A refusal with its reason, naming the key and client when the key was found.
    pub fn denied(result: VerifyResult, reason: String, key: Option<&ApiKey>) -> Verdict {
        Verdict {
            result,
            valid: false,
            reason: Some(reason),
            key_id: key.map(|k| k.id.clone()),
            client: key.map(|k| k.client.clone()),
            roles: None,
            permissions: None,
            missing_permissions: None,
            metadata: None,
            expires_at: None,
            remaining_uses: None,
        }
    }
}
