//! API key operations: issue, rotate, revoke, disable, import — each with its audit
//! event. Secrets are generated here and returned once, in [`IssuedKey`].

use std::collections::BTreeMap;

use jiff::Timestamp;
use serde::Serialize;
use serde_json::json;

use super::Action;
use crate::error::{Error, Result};
use crate::model::{ApiKey, Client, IssuedKey, KeyStatus, RateLimit};
use crate::store::{NewKeyRow, Tx};
use crate::{secret, time, validate};

/// A new key's settings as given by a user (command-line flags or a provisioning
/// file's key group), before validation. Field names follow `key create`'s flags.
#[derive(Debug, Clone, Default)]
pub struct KeyInput {
    /// Free-text label.
    pub label: String,
    /// Key prefix; see [`secret::valid_prefix`].
    pub prefix: String,
    /// Expire after this long from now (`90d`); exclusive with `expires_at`.
    pub expires_in: Option<String>,
    /// Expire at this time (RFC 3339 with an offset, or `YYYY-MM-DD`).
    pub expires_at: Option<String>,
    /// Most successful verifications allowed.
    pub max_uses: Option<u64>,
    /// CIDR blocks a verifying caller must be in.
    pub allowed_ips: Vec<String>,
    /// Metadata entries as `KEY=VALUE`.
    pub metadata: Vec<String>,
    /// Rate limit as `N/DURATION` (`100/1m`), enforced by `apikey serve`.
    pub rate_limit: Option<String>,
}

/// Validated settings for a new key.
#[derive(Debug, Clone)]
pub struct KeySpec {
    label: String,
    prefix: String,
    expires_at: Option<Timestamp>,
    max_uses: Option<u64>,
    allowed_ips: Vec<String>,
    metadata: BTreeMap<String, String>,
    rate_limit: Option<RateLimit>,
}

impl KeySpec {
    /// Validates `input`, turning `expires_in` into a time from now. Error messages name
    /// the settings as `key create`'s flags (`--expires-in`).
    ///
    /// # Errors
    /// [`Error::Invalid`] naming the first bad setting.
    pub fn parse(input: &KeyInput) -> Result<KeySpec> {
        let label = validate::text("--label", &input.label, validate::MAX_LABEL_LEN)?;
        if !secret::valid_prefix(&input.prefix) {
            return Err(Error::invalid(format!(
                "invalid --prefix '{}': use 1-{} lowercase letters and digits, starting with a letter (e.g. live)",
                input.prefix.escape_debug(),
                secret::MAX_PREFIX_LEN
            )));
        }
        if input.max_uses == Some(0) || input.max_uses.is_some_and(|n| n > i64::MAX as u64) {
            return Err(Error::invalid(format!(
                "--max-uses must be between 1 and {}",
                i64::MAX
            )));
        }
        let now = time::now();
        let expires_at = match (&input.expires_in, &input.expires_at) {
            (Some(_), Some(_)) => {
                return Err(Error::invalid(
                    "give --expires-in or --expires-at, not both",
                ));
            }
            (Some(d), None) => Some(time::add_secs(
                now,
                time::parse_duration("--expires-in", d, false)?,
            )),
            (None, Some(t)) => {
                let at = time::parse_time("--expires-at", t)?;
                if at <= now {
                    return Err(Error::invalid(format!(
                        "--expires-at {at} is in the past; give a future time"
                    )));
                }
                Some(at)
            }
            (None, None) => None,
        };
        let mut allowed_ips = Vec::new();
        for cidr in &input.allowed_ips {
            let net = unmap(validate::cidr(cidr)?).to_string();
            if !allowed_ips.contains(&net) {
                allowed_ips.push(net);
            }
        }
        Ok(KeySpec {
            label,
            prefix: input.prefix.clone(),
            expires_at,
            max_uses: input.max_uses,
            allowed_ips,
            metadata: validate::metadata(&input.metadata)?,
            rate_limit: input
                .rate_limit
                .as_deref()
                .map(|text| RateLimit::parse("--rate-limit", text))
                .transpose()?,
        })
    }

    /// A default key: prefix `ak`, no label, no limits.
    pub fn unlimited(label: &str) -> KeySpec {
        KeySpec {
            label: label.to_owned(),
            prefix: secret::DEFAULT_PREFIX.to_owned(),
            expires_at: None,
            max_uses: None,
            allowed_ips: Vec::new(),
            metadata: BTreeMap::new(),
            rate_limit: None,
        }
    }
}

/// An IPv4-mapped IPv6 block (`::ffff:10.0.0.0/104`) as the IPv4 block it stands for
/// (`10.0.0.0/8`): callers are compared as IPv4, so a mapped entry could never match.
fn unmap(net: ipnet::IpNet) -> ipnet::IpNet {
    match net {
        ipnet::IpNet::V6(v6) if v6.prefix_len() >= 96 => match v6.addr().to_ipv4_mapped() {
            Some(v4) => ipnet::Ipv4Net::new(v4, v6.prefix_len() - 96)
                .map(ipnet::IpNet::V4)
                .unwrap_or(net),
            None => net,
        },
        other => other,
    }
}

/// Generates a key per `spec` and stores its hash for `client`, without an audit event
/// (the caller's event names the key: `client.add` or `key.create`).
///
/// # Errors
/// Store failures; [`Error::Io`] if the OS random source fails.
pub(crate) fn issue(
    tx: &Tx<'_>,
    client: &Client,
    spec: &KeySpec,
    rotated_from: Option<&str>,
) -> Result<IssuedKey> {
    let generated = secret::generate(&spec.prefix)?;
    let key = tx.insert_key(
        client,
        &NewKeyRow {
            id: secret::generate_id()?,
            sha256: generated.sha256,
            prefix: generated.prefix,
            hint: generated.hint,
            label: spec.label.clone(),
            expires_at: spec.expires_at,
            max_uses: spec.max_uses,
            allowed_ips: spec.allowed_ips.clone(),
            metadata: spec.metadata.clone(),
            rotated_from: rotated_from.map(str::to_owned),
            imported: false,
            rate_limit: spec.rate_limit,
        },
    )?;
    Ok(IssuedKey {
        secret: generated.secret,
        key,
    })
}

/// `key create`: issues a key for `client` and audits `key.create`.
///
/// # Errors
/// Store failures; [`Error::Io`] if the OS random source fails.
pub fn create(tx: &Tx<'_>, client: &Client, spec: &KeySpec) -> Result<IssuedKey> {
    let issued = issue(tx, client, spec, None)?;
    tx.audit(Action::KeyCreate, &issued.key.id, key_details(&issued.key))?;
    Ok(issued)
}

/// What the audit log records of a new key: its settings, never its secret or hash.
fn key_details(key: &ApiKey) -> KeyDetails<'_> {
    KeyDetails {
        client: &key.client,
        label: &key.label,
        prefix: &key.prefix,
        expires_at: key.expires_at,
        max_uses: key.max_uses,
        allowed_ips: &key.allowed_ips,
        metadata: &key.metadata,
        rate_limit: key.rate_limit,
    }
}

/// The audit details of a new key (serialized directly: bulk creation writes many).
#[derive(Debug, Serialize)]
struct KeyDetails<'a> {
    client: &'a str,
    label: &'a str,
    prefix: &'a str,
    expires_at: Option<Timestamp>,
    max_uses: Option<u64>,
    allowed_ips: &'a [String],
    metadata: &'a BTreeMap<String, String>,
    rate_limit: Option<RateLimit>,
}

/// The result of [`rotate`]: the replacement (with its secret) and the old key.
#[derive(Debug, Serialize)]
pub struct Rotation {
    /// The new key, with its secret.
    pub new: IssuedKey,
    /// The old key, now expiring at the end of the grace period.
    pub old: ApiKey,
}

/// `key rotate`: issues a replacement with the same settings (its lifetime counted from
/// now) and makes the old key expire after `grace_secs`.
///
/// # Errors
/// [`Error::NotFound`] for an unknown id; [`Error::Conflict`] for a revoked key or one
/// already rotated.
pub fn rotate(tx: &Tx<'_>, id: &str, grace_secs: i64) -> Result<Rotation> {
    let old = tx.key(id)?;
    ensure_not_revoked(&old, "rotate")?;
    // Rotating a key twice would leave two successors, the second inheriting the grace
    // period as its lifetime.
    if let Some(successor) = tx.successor_of(&old.id)? {
        return Err(Error::conflict(format!(
            "key {} was already rotated to {successor}; rotate {successor} instead",
            old.id
        )));
    }
    let now = tx.now();
    let lifetime = old
        .expires_at
        .map(|at| at.as_second() - old.created_at.as_second());
    let spec = KeySpec {
        label: old.label.clone(),
        // An imported key may have no usable prefix; its replacement gets the default.
        prefix: if secret::valid_prefix(&old.prefix) {
            old.prefix.clone()
        } else {
            secret::DEFAULT_PREFIX.to_owned()
        },
        expires_at: lifetime.map(|secs| time::add_secs(now, secs.max(1))),
        max_uses: old.max_uses,
        allowed_ips: old.allowed_ips.clone(),
        metadata: old.metadata.clone(),
        rate_limit: old.rate_limit,
    };
    let new = issue(tx, &tx.client(&old.client)?, &spec, Some(&old.id))?;
    let grace_end = time::add_secs(now, grace_secs);
    let old_end = old.expires_at.map_or(grace_end, |at| at.min(grace_end));
    let old = tx.set_key_expiry(&old.id, old_end)?;
    tx.audit(
        Action::KeyRotate,
        &old.id,
        // Shaped as `key rotate` prints it: `{"new": {"id"}, "old": {"expires_at"}}`.
        json!({
            "client": old.client,
            "new": { "id": new.key.id },
            "old": { "expires_at": old_end },
        }),
    )?;
    Ok(Rotation { new, old })
}

/// Fails with [`Error::Conflict`] if `key` is revoked: nothing more can be done to it.
///
/// # Errors
/// As above; the message names `action` and how to issue a new key.
pub fn ensure_not_revoked(key: &ApiKey, action: &str) -> Result<()> {
    if key.status == KeyStatus::Revoked {
        return Err(Error::conflict(format!(
            "cannot {action} key {}: it was revoked; issue a new key for client '{}'",
            key.id, key.client
        )));
    }
    Ok(())
}

/// `key revoke`: revokes the key for good, with an optional reason, and audits it.
///
/// # Errors
/// [`Error::NotFound`]; [`Error::Conflict`] if it is already revoked.
pub fn revoke(tx: &Tx<'_>, id: &str, reason: Option<&str>) -> Result<ApiKey> {
    ensure_not_revoked(&tx.key(id)?, "revoke")?;
    let key = tx.revoke_key(id, reason.filter(|r| !r.is_empty()))?;
    tx.audit(
        Action::KeyRevoke,
        &key.id,
        json!({ "client": key.client, "revoked_reason": key.revoked_reason }),
    )?;
    Ok(key)
}

/// `key disable` / `key enable`: reversible; audits only a real change.
///
/// # Errors
/// [`Error::NotFound`]; [`Error::Conflict`] for a revoked key.
pub fn set_disabled(tx: &Tx<'_>, id: &str, disabled: bool) -> Result<ApiKey> {
    let key = tx.key(id)?;
    ensure_not_revoked(&key, if disabled { "disable" } else { "enable" })?;
    if key.disabled == disabled {
        return Ok(key);
    }
    let key = tx.set_key_disabled(id, disabled)?;
    let action = if disabled {
        Action::KeyDisable
    } else {
        Action::KeyEnable
    };
    tx.audit(action, &key.id, json!({ "client": key.client }))?;
    Ok(key)
}

/// `key update --rate-limit` / `--no-rate-limit`: sets or clears the key's rate limit
/// and audits `key.update` (only a real change).
///
/// # Errors
/// [`Error::NotFound`]; [`Error::Conflict`] for a revoked key.
pub fn set_rate_limit(tx: &Tx<'_>, id: &str, rate_limit: Option<RateLimit>) -> Result<ApiKey> {
    let key = tx.key(id)?;
    ensure_not_revoked(&key, "update")?;
    if key.rate_limit == rate_limit {
        return Ok(key);
    }
    let key = tx.set_key_rate_limit(id, rate_limit)?;
    tx.audit(
        Action::KeyUpdate,
        &key.id,
        json!({ "client": key.client, "rate_limit": key.rate_limit }),
    )?;
    Ok(key)
}

/// Shortest key `key import` accepts: shorter ones are too weak to keep.
pub const MIN_IMPORTED_LEN: usize = 16;
/// Longest key `key import` accepts, in bytes.
pub const MAX_IMPORTED_LEN: usize = 512;

/// Checks one key to import (entry `line` of `source`).
///
/// # Errors
/// [`Error::Invalid`] for a key too short or long, or with spaces or control characters.
pub fn check_importable(source: &str, line: usize, key: &str) -> Result<()> {
    if key.chars().count() < MIN_IMPORTED_LEN || key.len() > MAX_IMPORTED_LEN {
        return Err(Error::invalid(format!(
            "{source}: entry {line}: a key must be {MIN_IMPORTED_LEN} to {MAX_IMPORTED_LEN} characters long"
        )));
    }
    if key.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(Error::invalid(format!(
            "{source}: entry {line}: a key must not contain spaces or control characters"
        )));
    }
    Ok(())
}

/// `key import`: stores an existing key's hash (never the key) for `client` and audits
/// `key.import`. Returns `None` if a key with this secret is already stored.
///
/// # Errors
/// Store failures.
pub fn import(
    tx: &Tx<'_>,
    client: &Client,
    key: &str,
    label: &str,
    line: usize,
) -> Result<Option<ApiKey>> {
    let entry = [(line, key.to_owned())];
    Ok(import_many(tx, client, &entry, label, |_| {})?
        .pop()
        .flatten())
}

/// [`import`] of many keys (line, key) at once, for `key import`: every hash is looked up
/// first, 500 at a time, while the table holds only the keys stored before (on
/// PostgreSQL each lookup would otherwise wait for the batch before it to be inserted,
/// and probe a growing index), then the new ones are inserted in batches. Returns one
/// answer per entry: the stored key, or `None` if it was stored already (or given
/// earlier in `entries`). Must run in a write transaction, which keeps others from storing the
/// same keys meanwhile.
///
/// # Errors
/// Store failures.
pub fn import_many(
    tx: &Tx<'_>,
    client: &Client,
    entries: &[(usize, String)],
    label: &str,
    mut progress: impl FnMut(u64),
) -> Result<Vec<Option<ApiKey>>> {
    let mut answers = Vec::with_capacity(entries.len());
    let mut seen = std::collections::HashSet::new();
    let hashes: Vec<String> = entries
        .iter()
        .map(|(_, key)| secret::sha256_hex(key))
        .collect();
    let stored = tx.stored_hashes(&hashes)?;
    let mut hashes = hashes.into_iter();
    for chunk in entries.chunks(500) {
        for ((line, key), sha256) in chunk.iter().zip(hashes.by_ref()) {
            if stored.contains(&sha256) || !seen.insert(sha256.clone()) {
                answers.push(None);
                continue;
            }
            let (prefix, hint) = imported_hint(key);
            let row = NewKeyRow {
                id: secret::generate_id()?,
                sha256,
                prefix,
                hint,
                label: label.to_owned(),
                imported: true,
                ..NewKeyRow::default()
            };
            let key = tx.insert_key(client, &row)?;
            tx.audit(
                Action::KeyImport,
                &key.id,
                json!({ "client": client.name, "label": label, "source_line": line }),
            )?;
            answers.push(Some(key));
        }
        progress(chunk.len() as u64);
    }
    Ok(answers)
}

/// An imported key's prefix (the part before the first `_`, when it is a valid prefix)
/// and hint: the key's first characters, never more than a quarter of it.
fn imported_hint(key: &str) -> (String, String) {
    let prefix = key
        .split_once('_')
        .map(|(p, _)| p)
        .filter(|p| secret::valid_prefix(p))
        .unwrap_or_default();
    let hint: String = key.chars().take(key.chars().count() / 4).collect();
    (prefix.to_owned(), hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipv4_mapped_allow_list_entries_become_ipv4_blocks() {
        let spec = KeySpec::parse(&KeyInput {
            prefix: "ak".into(),
            allowed_ips: vec!["::ffff:10.0.0.0/104".into(), "2001:db8::/32".into()],
            ..KeyInput::default()
        })
        .unwrap();
        assert_eq!(spec.allowed_ips, ["10.0.0.0/8", "2001:db8::/32"]);
    }
}
