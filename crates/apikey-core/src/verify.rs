//! Key verification: the API server's question "is this key valid, and may it do X?".
//!
//! Three parts, so that a CLI call and a long-running server share every rule:
//!
//! 1. [`lookup`] reads what a decision needs ([`KeyState`]) in a read transaction —
//!    never a write lock, so a verify never waits on a writer;
//! 2. [`decide`] is pure: the state, the request and the time give a [`Verdict`];
//! 3. a [`UsageSink`] records the use of a `VALID` key ([`StoreSink`] for the CLI; the
//!    server batches). A refusal records nothing.
//!
//! Checks run in this fixed order, and the first that fails is the answer
//! (`docs/verify.md`):
//!
//! 1. format and checksum — `MALFORMED` (offline), unless the key was brought in by
//!    `key import` (found by its hash)
//! 2. a stored key with this SHA-256 — `NOT_FOUND`
//! 3. not revoked — `REVOKED`
//! 4. not past `expires_at` — `EXPIRED`
//! 5. key and client enabled — `DISABLED`
//! 6. `use_count < max_uses` — `USAGE_EXCEEDED`
//! 7. caller address in the allow-list (when the key has one) — `FORBIDDEN`
//! 8. every asked permission granted by the client's roles — `INSUFFICIENT_PERMISSIONS`

use std::net::IpAddr;
use std::time::Duration;

use ipnet::IpNet;
use jiff::Timestamp;

use crate::error::{Error, Result};
use crate::model::{ApiKey, Verdict, VerifyResult};
use crate::store::{Store, Tx};
use crate::{rules, secret};

/// What the caller asks besides the key itself.
#[derive(Debug, Clone, Default)]
pub struct VerifyRequest {
    /// The calling address; required when the key has an allow-list.
    pub ip: Option<IpAddr>,
    /// Permissions that must all be granted (validated names, no wildcards).
    pub permissions: Vec<String>,
}

/// Everything [`decide`] needs to know about a stored key, read by [`lookup`]. Holds no
/// secret and no hash, so it may be cached.
#[derive(Debug, Clone)]
pub struct KeyState {
    /// The key's record (its `status` as of the lookup; [`decide`] re-derives it).
    pub key: ApiKey,
    /// The client's row id.
    pub client_row: i64,
    /// The client's public id.
    pub client_id: String,
    /// Whether the client is disabled.
    pub client_disabled: bool,
    /// The client's roles, sorted.
    pub roles: Vec<String>,
    /// The grant patterns of those roles.
    pub grants: Vec<String>,
    /// The defined permissions the grants cover, sorted.
    pub permissions: Vec<String>,
    /// The allow-list, parsed; empty means any address.
    pub allowed: Vec<IpNet>,
}

/// What [`lookup`] found.
#[derive(Debug, Clone)]
pub enum Lookup {
    /// Not a well-formed key, and not an imported one; the reason in words.
    Malformed(String),
    /// Well-formed, and no key with this hash is stored.
    NotFound,
    /// The stored key.
    Found(Box<KeyState>),
}

/// The offline part of verification: `Some(reason)` if `key` is not well-formed.
pub fn format_error(key: &str) -> Option<String> {
    secret::parse(key).err().map(|e| e.to_string())
}

/// Reads the state of `key` (by the SHA-256 of its text) inside `tx`, a read
/// transaction. Imported keys come in other formats: a malformed key is looked up before
/// being called malformed, and only imported keys may skip the format check.
///
/// # Errors
/// Store failures; [`Error::UnusableStore`] if a stored column of the key does not parse
/// (a corrupt allow-list must never verify as "any address").
pub fn lookup(tx: &Tx<'_>, key: &str) -> Result<Lookup> {
    let malformed = format_error(key);
    let row = tx.key_by_hash(&secret::sha256_hex(key))?;
    let row = match (malformed, row) {
        (Some(reason), row) if !row.as_ref().is_some_and(|r| r.key.imported) => {
            return Ok(Lookup::Malformed(reason));
        }
        (_, Some(row)) => row,
        (_, None) => return Ok(Lookup::NotFound),
    };
    let allowed = row
        .key
        .allowed_ips
        .iter()
        .map(|net| net.parse::<IpNet>())
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|_| Error::UnusableStore {
            path: None,
            reason: format!("key {} has an allow-list that does not parse", row.key.id),
        })?;
    Ok(Lookup::Found(Box::new(KeyState {
        permissions: row.permissions,
        grants: row.client_grants,
        allowed,
        key: row.key,
        client_row: row.client_row,
        client_id: row.client_id,
        client_disabled: row.client_disabled,
        roles: row.client_roles,
    })))
}

/// Decides a verification: pure, no store. `now` is compared with the expiry at whole
/// seconds (a key expiring at `now` is expired).
pub fn decide(found: &Lookup, request: &VerifyRequest, now: Timestamp) -> Verdict {
    let mut verdict = decide_lean(found, request, now);
    if let Lookup::Found(state) = found {
        verdict.add_details(state);
    }
    verdict
}

/// [`decide`] without a valid answer's copies of the key's details: its `key_id`,
/// `client`, `roles`, `permissions` and `metadata` are `None`, so a valid answer
/// allocates nothing (the server's forward-auth answers with the code alone, once per
/// request of the gateway's). [`Verdict::add_details`] adds them. Refusals are as
/// [`decide`] gives them.
pub fn decide_lean(found: &Lookup, request: &VerifyRequest, now: Timestamp) -> Verdict {
    let state = match found {
        Lookup::Malformed(reason) => {
            return Verdict::denied(VerifyResult::Malformed, reason.clone(), None);
        }
        Lookup::NotFound => {
            return Verdict::denied(
                VerifyResult::NotFound,
                "no key with this secret is stored".into(),
                None,
            );
        }
        Lookup::Found(state) => state,
    };
    let key = &state.key;
    let refusal = if let Some(at) = key.revoked_at {
        Some((
            VerifyResult::Revoked,
            format!("the key was revoked at {at}"),
        ))
    } else if let Some(at) = key.expires_at.filter(|at| *at <= now) {
        Some((VerifyResult::Expired, format!("the key expired at {at}")))
    } else if key.disabled {
        Some((VerifyResult::Disabled, "the key is disabled".into()))
    } else if state.client_disabled {
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
        ip_refusal(state, request.ip).map(|reason| (VerifyResult::Forbidden, reason))
    };
    if let Some((result, reason)) = refusal {
        return Verdict::denied(result, reason, Some(key));
    }
    let missing: Vec<String> = request
        .permissions
        .iter()
        .filter(|p| !state.grants.iter().any(|g| rules::covers(g, p)))
        .cloned()
        .collect();
    if !missing.is_empty() {
        let mut verdict = Verdict::denied(
            VerifyResult::InsufficientPermissions,
            format!("the client's roles do not grant {}", missing.join(", ")),
            Some(key),
        );
        verdict.missing_permissions = Some(missing);
        return verdict;
    }
    Verdict {
        result: VerifyResult::Valid,
        valid: true,
        reason: None,
        key_id: None,
        client: None,
        roles: None,
        permissions: None,
        missing_permissions: None,
        expires_at: key.expires_at,
        remaining_uses: key.max_uses.map(|max| max - key.use_count - 1),
        metadata: None,
        usage_recorded: None,
    }
}

/// Why `ip` may not use the key, or `None` if it may. IPv4 callers seen through an IPv6
/// socket (`::ffff:10.1.2.3`) are compared as IPv4, and so are mapped allow-list entries.
fn ip_refusal(state: &KeyState, ip: Option<IpAddr>) -> Option<String> {
    if state.allowed.is_empty() {
        return None;
    }
    let Some(ip) = ip else {
        return Some("the key has an IP allow-list and no caller address was given".into());
    };
    let ip = ip.to_canonical();
    let allowed = state.allowed.iter().any(|net| net.contains(&ip));
    (!allowed).then(|| format!("{ip} is not in the key's allow-list"))
}

/// What became of a `VALID` answer's use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recorded {
    /// Counted (and, for a capped key, within its cap).
    Yes,
    /// Not counted in time: the answer stands, and says so.
    Deferred,
    /// A capped key's last use was taken by another verifier meanwhile: the answer
    /// becomes `USAGE_EXCEEDED`.
    CapReached,
}

/// Records the uses of `VALID` keys. A key with `max_uses` must be counted exactly
/// (one conditional `UPDATE … WHERE use_count < max_uses`), so that a cap holds across
/// processes; uncapped keys may be counted late or in batches.
pub trait UsageSink {
    /// Records one use of `state`'s key at `now`.
    ///
    /// # Errors
    /// Store failures that leave a capped key's count unknown: the caller must refuse.
    fn record(&mut self, state: &KeyState, now: Timestamp) -> Result<Recorded>;
}

/// How long an uncapped key's use may wait for another process's write lock before the
/// answer goes out without it.
/// With a process's start-up, a `key verify` then answers within 100 ms.
pub const UNCAPPED_WAIT: Duration = Duration::from_millis(50);

/// The CLI's sink: one write transaction per use, on the store itself. Uncapped uses wait
/// at most [`UNCAPPED_WAIT`] for the write lock; capped uses wait up to the busy timeout.
#[derive(Debug)]
pub struct StoreSink<'s> {
    /// The store to write to.
    pub store: &'s mut Store,
}

impl UsageSink for StoreSink<'_> {
    fn record(&mut self, state: &KeyState, now: Timestamp) -> Result<Recorded> {
        let id = &state.key.id;
        if state.key.max_uses.is_some() {
            let counted = self.store.write(|tx| tx.record_capped_use(id, now))?;
            return Ok(if counted {
                Recorded::Yes
            } else {
                Recorded::CapReached
            });
        }
        match self
            .store
            .write_within(UNCAPPED_WAIT, |tx| tx.record_uses(&[(id.as_str(), 1, now)]))
        {
            Ok(()) => Ok(Recorded::Yes),
            Err(e) if e.is_busy() => Ok(Recorded::Deferred),
            Err(e) => Err(e),
        }
    }
}

/// Completes a decision: for a `VALID` answer, records the use through `sink` and says
/// in the answer whether it was recorded; a capped key whose last use went elsewhere
/// becomes `USAGE_EXCEEDED`. Refusals pass through untouched (they record nothing).
///
/// # Errors
/// The sink's failures: the caller must refuse (fail closed).
pub fn record(
    verdict: Verdict,
    found: &Lookup,
    sink: &mut dyn UsageSink,
    now: Timestamp,
) -> Result<Verdict> {
    let Lookup::Found(state) = found else {
        return Ok(verdict);
    };
    if !verdict.valid {
        return Ok(verdict);
    }
    Ok(match sink.record(state, now)? {
        Recorded::Yes => verdict.with_usage_recorded(true),
        Recorded::Deferred => verdict.with_usage_recorded(false),
        Recorded::CapReached => Verdict::denied(
            VerifyResult::UsageExceeded,
            "the key's last use was taken by another verification".into(),
            Some(&state.key),
        ),
    })
}

/// Verifies `key` as `key verify` does: [`lookup`] in a read transaction, [`decide`],
/// then [`record`] through a [`StoreSink`] on the same store.
///
/// # Errors
/// Store failures; every refusal is a [`Verdict`].
pub fn verify(store: &mut Store, key: &str, request: &VerifyRequest) -> Result<Verdict> {
    let found = store.read(|tx| lookup(tx, key))?;
    let now = crate::time::now();
    let verdict = decide(&found, request, now);
    record(verdict, &found, &mut StoreSink { store }, now)
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
            usage_recorded: None,
        }
    }

    /// Gives a valid answer of [`decide_lean`] the key's details from `state` (the
    /// state it was decided on), as [`decide`] answers; a refusal is left as it is.
    pub fn add_details(&mut self, state: &KeyState) {
        if !self.valid {
            return;
        }
        let key = &state.key;
        self.key_id = Some(key.id.clone());
        self.client = Some(key.client.clone());
        self.roles = Some(state.roles.clone());
        self.permissions = Some(state.permissions.clone());
        self.metadata = Some(key.metadata.clone());
    }

    fn with_usage_recorded(mut self, recorded: bool) -> Verdict {
        self.usage_recorded = Some(recorded);
        self
    }
}

/// A sink that sums uncapped keys' uses in memory, to be written in one transaction by
/// [`UsageBatch::flush`] (the server flushes every 500 ms). Capped keys cannot be
/// batched: [`UsageBatch::record`] refuses them, and the caller counts each through a
/// [`StoreSink`] (one conditional `UPDATE`).
#[derive(Debug, Default)]
pub struct UsageBatch {
    pending: std::collections::HashMap<String, (u64, Timestamp)>,
}

impl UsageBatch {
    /// How many keys have uses waiting.
    pub fn len(&self) -> usize {
        self.pending.len()
    }

    /// Whether nothing waits.
    pub fn is_empty(&self) -> bool {
        self.pending.is_empty()
    }

    /// Uses waiting in all (the `pending usage` a server reports).
    pub fn pending_uses(&self) -> u64 {
        self.pending.values().map(|(n, _)| n).sum()
    }

    /// Writes every waiting use in one transaction and forgets them; on failure they stay
    /// to be tried again.
    ///
    /// # Errors
    /// Store failures.
    pub fn flush(&mut self, store: &mut Store) -> Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let uses: Vec<(&str, u64, Timestamp)> = self
            .pending
            .iter()
            .map(|(id, (n, at))| (id.as_str(), *n, *at))
            .collect();
        store.write(|tx| tx.record_uses(&uses))?;
        self.pending.clear();
        Ok(())
    }
}

impl UsageSink for UsageBatch {
    fn record(&mut self, state: &KeyState, now: Timestamp) -> Result<Recorded> {
        if state.key.max_uses.is_some() {
            return Err(Error::invalid(
                "a capped key's use must be counted exactly, not batched",
            ));
        }
        let entry = self.pending.entry(state.key.id.clone()).or_insert((0, now));
        entry.0 += 1;
        entry.1 = entry.1.max(now);
        Ok(Recorded::Yes)
    }
}
