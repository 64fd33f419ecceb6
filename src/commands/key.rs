//! `apikey key ...`: issue, list, show, revoke, rotate, disable, enable, inspect, verify.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Read};
use std::path::Path;

use jiff::Timestamp;
use serde::Serialize;
use serde_json::json;

use super::Context;
use crate::cli::{KeyCommand, KeyOptions};
use crate::error::{Error, Result};
use crate::model::{ApiKey, Client, IssuedKey, KeyStatus};
use crate::output::{Output, Record};
use crate::store::{Access, KeyFilter, NewKeyRow, Store, Tx};
use crate::verify::{self, VerifyRequest};
use crate::{access, progress, prompt, secret, time, validate};

/// The warning printed on standard error beside every new secret.
pub(super) const SECRET_NOTICE: &str =
    "store this API key now: it is shown only once and cannot be recovered";

/// Longest key accepted on standard input, in bytes; real keys are far shorter.
const MAX_KEY_INPUT: u64 = 4096;

pub(super) fn run(cmd: KeyCommand, ctx: &Context) -> Result<Output> {
    match cmd {
        KeyCommand::Create { client, options } => {
            let spec = KeySpec::parse(&options)?;
            // A key needs an existing client, so a missing store is "not found".
            let mut store = ctx.open(Access::Existing)?;
            let issued = store.write(|tx| {
                let issued = issue(tx, &tx.client(&client)?, &spec, None)?;
                tx.audit("key.create", &issued.key.id, key_details(&issued.key))?;
                Ok(issued)
            })?;
            Ok(Output::record(&issued)?
                .with_heading(format!(
                    "Created API key {} for client '{}'",
                    issued.key.id, issued.key.client
                ))
                .with_essential(issued.secret.clone())
                .with_notice(SECRET_NOTICE))
        }
        KeyCommand::List { client, status } => {
            let mut store = ctx.open(Access::Existing)?;
            // An unknown client fails before anything is printed.
            let client_id = client
                .map(|name| store.read(|tx| tx.client(&name)))
                .transpose()?
                .map(|c| c.id);
            let filter = KeyFilter {
                client_id,
                status: status.status(),
                ..KeyFilter::default()
            };
            Ok(stream_keys(store, filter))
        }
        KeyCommand::Show { id } => {
            let key = ctx.open(Access::Existing)?.read(|tx| tx.key(&id))?;
            Output::record(&key)
        }
        KeyCommand::Revoke { id, reason, yes } => {
            let reason = reason
                .map(|r| validate::text("--reason", &r, validate::MAX_DESCRIPTION_LEN))
                .transpose()?;
            let mut store = ctx.open(Access::Existing)?;
            let key = store.read(|tx| tx.key(&id))?;
            ensure_not_revoked(&key, "revoke")?;
            prompt::confirm(
                &format!(
                    "revoke key {} ({}) of client '{}'",
                    key.id, key.hint, key.client
                ),
                yes,
            )?;
            let key = store.write(|tx| {
                ensure_not_revoked(&tx.key(&id)?, "revoke")?;
                let key = tx.revoke_key(&id, reason.as_deref().filter(|r| !r.is_empty()))?;
                tx.audit(
                    "key.revoke",
                    &key.id,
                    json!({ "client": key.client, "reason": key.revoked_reason }),
                )?;
                Ok(key)
            })?;
            Ok(Output::record(&key)?.with_heading(format!("Revoked key {}", key.id)))
        }
        KeyCommand::Rotate { id, grace } => {
            let grace = time::parse_duration("--grace", &grace, true)?;
            let mut store = ctx.open(Access::Existing)?;
            let rotated = store.write(|tx| rotate(tx, &id, grace))?;
            Ok(Output::record(&rotated)?
                .with_heading(format!(
                    "Rotated key {} to {}; the old key stops working at {}",
                    rotated.old.id,
                    rotated.new.key.id,
                    rotated.old.expires_at.unwrap_or(Timestamp::UNIX_EPOCH)
                ))
                .with_essential(rotated.new.secret.clone())
                .with_notice(SECRET_NOTICE))
        }
        KeyCommand::Import {
            client,
            file,
            label,
        } => import(ctx, &client, &file, &label),
        KeyCommand::Expiring { within } => {
            let within = time::parse_duration("--within", &within, false)?;
            report(
                ctx,
                KeyFilter {
                    expiring_by: Some(time::add_secs(time::now(), within)),
                    ..KeyFilter::default()
                },
            )
        }
        KeyCommand::Stale { unused_for } => {
            let unused_for = time::parse_duration("--unused-for", &unused_for, false)?;
            report(
                ctx,
                KeyFilter {
                    unused_since: Some(time::add_secs(time::now(), -unused_for)),
                    ..KeyFilter::default()
                },
            )
        }
        KeyCommand::Disable { id } => set_disabled(ctx, &id, true),
        KeyCommand::Enable { id } => set_disabled(ctx, &id, false),
        KeyCommand::Inspect { key } => inspect(&read_key(key)?),
        KeyCommand::Verify {
            permission: permissions,
            ip,
            key,
        } => {
            permissions
                .iter()
                .try_for_each(|p| access::permission_name(p))?;
            let key = read_key(key)?;
            // A malformed key needs no store, unless one exists that may hold it as an
            // imported key.
            let verdict = match verify::check_format(&key) {
                Some(malformed) if !ctx.db.exists() => malformed,
                _ => {
                    let mut store = ctx.open(Access::Existing)?;
                    verify::verify(&mut store, &key, &VerifyRequest { ip, permissions })?
                }
            };
            let code = if verdict.valid { 0 } else { 5 };
            Ok(Output::record(&verdict)?.with_exit_code(code))
        }
    }
}

/// Validated options for a new key.
#[derive(Debug, Clone)]
pub(crate) struct KeySpec {
    label: String,
    prefix: String,
    expires_at: Option<Timestamp>,
    max_uses: Option<u64>,
    allowed_ips: Vec<String>,
    metadata: BTreeMap<String, String>,
}

impl KeySpec {
    /// Validates `options`, turning `--expires-in` into a time from now.
    ///
    /// # Errors
    /// [`Error::Invalid`] naming the first bad option.
    pub(crate) fn parse(options: &KeyOptions) -> Result<KeySpec> {
        let label = validate::text("--label", &options.label, validate::MAX_LABEL_LEN)?;
        if !secret::valid_prefix(&options.prefix) {
            return Err(Error::invalid(format!(
                "invalid --prefix '{}': use 1-{} lowercase letters and digits, starting with a letter (e.g. live)",
                options.prefix.escape_debug(),
                secret::MAX_PREFIX_LEN
            )));
        }
        let now = time::now();
        let expires_at = match (&options.expires_in, &options.expires_at) {
            (Some(d), _) => Some(time::add_secs(
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
        for cidr in &options.allow_ip {
            let net = validate::cidr(cidr)?.to_string();
            if !allowed_ips.contains(&net) {
                allowed_ips.push(net);
            }
        }
        Ok(KeySpec {
            label,
            prefix: options.prefix.clone(),
            expires_at,
            max_uses: options.max_uses,
            allowed_ips,
            metadata: validate::metadata(&options.meta)?,
        })
    }

    /// A default key: prefix `ak`, no label, no limits.
    pub(super) fn default_for_new_client() -> KeySpec {
        KeySpec {
            label: String::new(),
            prefix: secret::DEFAULT_PREFIX.to_owned(),
            expires_at: None,
            max_uses: None,
            allowed_ips: Vec::new(),
            metadata: BTreeMap::new(),
        }
    }
}

/// Generates a key per `spec` and stores its hash for `client`.
pub(super) fn issue(
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
        },
    )?;
    Ok(IssuedKey {
        secret: generated.secret,
        key,
    })
}

/// What the audit log records of a new key: its settings, never its secret or hash.
pub(super) fn key_details(key: &ApiKey) -> KeyDetails<'_> {
    KeyDetails {
        client: &key.client,
        label: &key.label,
        prefix: &key.prefix,
        expires_at: key.expires_at,
        max_uses: key.max_uses,
        allowed_ips: &key.allowed_ips,
        metadata: &key.metadata,
    }
}

/// The audit details of a new key (serialized directly: bulk creation writes many).
#[derive(Debug, Serialize)]
pub(super) struct KeyDetails<'a> {
    client: &'a str,
    label: &'a str,
    prefix: &'a str,
    expires_at: Option<Timestamp>,
    max_uses: Option<u64>,
    allowed_ips: &'a [String],
    metadata: &'a BTreeMap<String, String>,
}

/// The result of `key rotate`: the replacement (with its secret) and the old key.
#[derive(Debug, Serialize)]
struct Rotation {
    new: IssuedKey,
    old: ApiKey,
}

impl Record for Rotation {
    fn fields(&self) -> Vec<(&'static str, String)> {
        let mut fields = self.new.fields();
        fields.push(("old_key_expires_at", {
            self.old
                .expires_at
                .map_or_else(|| "-".into(), |t| t.to_string())
        }));
        fields
    }
}

fn rotate(tx: &Tx<'_>, id: &str, grace_secs: i64) -> Result<Rotation> {
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
    // The replacement keeps the old key's lifetime, counted from now.
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
    };
    let new = issue(tx, &tx.client(&old.client)?, &spec, Some(&old.id))?;
    let grace_end = time::add_secs(now, grace_secs);
    let old_end = old.expires_at.map_or(grace_end, |at| at.min(grace_end));
    let old = tx.set_key_expiry(&old.id, old_end)?;
    tx.audit(
        "key.rotate",
        &old.id,
        json!({ "client": old.client, "new_key_id": new.key.id, "old_expires_at": old_end }),
    )?;
    Ok(Rotation { new, old })
}

fn ensure_not_revoked(key: &ApiKey, action: &str) -> Result<()> {
    if key.status == KeyStatus::Revoked {
        return Err(Error::conflict(format!(
            "cannot {action} key {}: it was revoked; issue a new one with 'apikey key create --client {}'",
            key.id, key.client
        )));
    }
    Ok(())
}

fn set_disabled(ctx: &Context, id: &str, disabled: bool) -> Result<Output> {
    let mut store = ctx.open(Access::Existing)?;
    let key = store.write(|tx| {
        let key = tx.key(id)?;
        ensure_not_revoked(&key, if disabled { "disable" } else { "enable" })?;
        if key.disabled == disabled {
            return Ok(key);
        }
        let key = tx.set_key_disabled(id, disabled)?;
        let action = if disabled {
            "key.disable"
        } else {
            "key.enable"
        };
        tx.audit(action, &key.id, json!({ "client": key.client }))?;
        Ok(key)
    })?;
    let verb = if disabled { "Disabled" } else { "Enabled" };
    Ok(Output::record(&key)?.with_heading(format!("{verb} key {}", key.id)))
}

fn report(ctx: &Context, filter: KeyFilter) -> Result<Output> {
    Ok(stream_keys(ctx.open(Access::Existing)?, filter))
}

/// Keys matching `filter`, read while they are printed.
fn stream_keys(mut store: Store, filter: KeyFilter) -> Output {
    Output::stream(move |emit| store.read(|tx| tx.for_each_key(&filter, |key| emit(&key))))
}

/// Shortest key `key import` accepts: shorter ones are too weak to keep.
const MIN_IMPORTED_LEN: usize = 16;

/// `key import`: plaintext keys from another system, stored as hashes only.
fn import(ctx: &Context, client: &str, file: &Path, label: &str) -> Result<Output> {
    let label = validate::text("--label", label, validate::MAX_LABEL_LEN)?;
    let name = file.display().to_string();
    let text = if name == "-" {
        std::io::read_to_string(std::io::stdin())
    } else {
        std::fs::read_to_string(file)
    }
    .map_err(|e| Error::invalid(format!("cannot read {name}: {e}")))?;
    let keys = parse_import(&name, &text)?;
    let mut store = ctx.open(Access::Existing)?;
    let bar = progress::bar(keys.len() as u64, "importing");
    let (imported, skipped) = store.write(|tx| {
        let client = tx.client(client)?;
        let mut imported = Vec::new();
        let mut skipped = 0;
        for (line, key) in &keys {
            bar.inc(1);
            let (prefix, hint) = imported_hint(key);
            let row = NewKeyRow {
                id: secret::generate_id()?,
                sha256: secret::sha256_hex(key),
                prefix,
                hint,
                label: label.clone(),
                imported: true,
                ..NewKeyRow::default()
            };
            match tx.insert_key(&client, &row) {
                Ok(key) => {
                    tx.audit(
                        "key.import",
                        &key.id,
                        json!({ "client": client.name, "label": label, "source_line": line }),
                    )?;
                    imported.push(key.id);
                }
                Err(Error::Conflict(_)) => skipped += 1,
                Err(e) => return Err(e),
            }
        }
        Ok((imported, skipped))
    })?;
    bar.finish_and_clear();
    store.checkpoint();
    Ok(Output::message(
        format!(
            "Imported {} keys for client '{client}' ({skipped} already stored, skipped)",
            imported.len()
        ),
        json!({ "client": client, "imported": imported.len(), "skipped": skipped, "key_ids": imported }),
    ))
}

/// (line number, key) pairs from a JSON array of strings or `{"key": ...}` objects, or
/// from lines (blank lines and `#` comments skipped).
fn parse_import(name: &str, text: &str) -> Result<Vec<(usize, String)>> {
    let entries: Vec<(usize, String)> = if text.trim_start().starts_with('[') {
        let values: Vec<serde_json::Value> = serde_json::from_str(text).map_err(|e| {
            Error::invalid(format!(
                "{name}: line {}, column {}: invalid JSON",
                e.line(),
                e.column()
            ))
        })?;
        values
            .into_iter()
            .enumerate()
            .map(|(i, v)| {
                let key = v.as_str().or_else(|| v.get("key").and_then(|k| k.as_str()));
                key.map(|k| (i + 1, k.to_owned())).ok_or_else(|| {
                    Error::invalid(format!(
                        "{name}: entry {} is neither a string nor an object with a \"key\" string",
                        i + 1
                    ))
                })
            })
            .collect::<Result<_>>()?
    } else {
        text.lines()
            .enumerate()
            .map(|(i, l)| (i + 1, l.trim().to_owned()))
            .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
            .collect()
    };
    if entries.is_empty() {
        return Err(Error::invalid(format!("{name} holds no keys")));
    }
    for (line, key) in &entries {
        if key.chars().count() < MIN_IMPORTED_LEN || key.len() > 512 {
            return Err(Error::invalid(format!(
                "{name}: entry {line}: a key must be {MIN_IMPORTED_LEN} to 512 characters long"
            )));
        }
        if key.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(Error::invalid(format!(
                "{name}: entry {line}: a key must not contain spaces or control characters"
            )));
        }
    }
    Ok(entries)
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

fn inspect(key: &str) -> Result<Output> {
    let parsed = secret::parse(key).map_err(|e| Error::invalid(format!("malformed key: {e}")))?;
    let hint = parsed.hint();
    Ok(Output::message(
        format!(
            "well-formed key, prefix '{}', hint {hint}, checksum ok",
            parsed.prefix
        ),
        json!({ "well_formed": true, "prefix": parsed.prefix, "hint": hint, "checksum": "ok" }),
    ))
}

/// The key to check: `--key`, else standard input (a hidden prompt on a terminal).
fn read_key(flag: Option<String>) -> Result<String> {
    if let Some(key) = flag {
        return Ok(key.trim().to_owned());
    }
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        return dialoguer::Password::new()
            .with_prompt("API key")
            .interact()
            .map(|k| k.trim().to_owned())
            .map_err(|e| Error::Io(std::io::Error::other(e)));
    }
    let mut buf = Vec::new();
    stdin.lock().take(MAX_KEY_INPUT + 1).read_to_end(&mut buf)?;
    if buf.len() as u64 > MAX_KEY_INPUT {
        return Err(Error::invalid(
            "standard input is too long for an API key; pipe in only the key",
        ));
    }
    let text = String::from_utf8(buf)
        .map_err(|_| Error::invalid("standard input is not UTF-8 text; pipe in only the key"))?;
    let key = text.trim();
    if key.is_empty() {
        return Err(Error::invalid(
            "no key on standard input; pipe the key in (echo \"$KEY\" | apikey key verify) or pass --key",
        ));
    }
    Ok(key.to_owned())
}
