//! `apikey key ...`: issue, list, show, revoke, rotate, disable, enable, import,
//! inspect, verify.

use std::path::Path;

use jiff::Timestamp;
use serde::Serialize;
use serde_json::json;

use super::input::{read_key, read_text};
use super::{Context, SECRET_NOTICE};
use crate::cli::KeyCommand;
use crate::output::{Output, Record};
use crate::{progress, prompt};
use apikey_core::error::{Error, Result};
use apikey_core::model::{RateLimit, VerifyResult};
use apikey_core::ops::keys::{self, KeySpec, Rotation};
use apikey_core::store::{Access, KeyFilter, Store};
use apikey_core::verify::{self, VerifyRequest};
use apikey_core::{rules, secret, time, validate};

pub(super) fn run(cmd: KeyCommand, ctx: &Context) -> Result<Output> {
    match cmd {
        KeyCommand::Create { client, options } => {
            let spec = KeySpec::parse(&options.input())?;
            // A key needs an existing client, so a missing store is "not found".
            let mut store = ctx.open(Access::Existing)?;
            let issued = store.write(|tx| keys::create(tx, &tx.client(&client)?, &spec))?;
            Ok(Output::record(&issued)?
                .with_heading(format!(
                    "Created API key {} for client '{}'",
                    issued.key.id, issued.key.client
                ))
                .with_essential(issued.secret.expose().to_owned())
                .with_notice(SECRET_NOTICE)
                .delivering_secrets_of(vec![issued.key.id.clone()]))
        }
        KeyCommand::List { client, status } => {
            let mut store = ctx.open_read()?;
            // An unknown client fails before anything is printed.
            let client_id = client
                .map(|name| store.read(|tx| tx.client(&name)))
                .transpose()?
                .map(|c| c.row);
            let filter = KeyFilter {
                client_id,
                status: status.status(),
                ..KeyFilter::default()
            };
            Ok(stream_keys(store, filter))
        }
        KeyCommand::Show { id } => {
            let key = ctx.open_read()?.read(|tx| tx.key(&id))?;
            Output::record(&key)
        }
        KeyCommand::Revoke { id, reason, yes } => {
            let reason = reason
                .map(|r| validate::text("--reason", &r, validate::MAX_DESCRIPTION_LEN))
                .transpose()?;
            let mut store = ctx.open(Access::Existing)?;
            let key = store.read(|tx| tx.key(&id))?;
            keys::ensure_not_revoked(&key, "revoke")?;
            prompt::confirm(
                &format!(
                    "revoke key {} ({}) of client '{}'",
                    key.id, key.hint, key.client
                ),
                yes,
            )?;
            let key = store.write(|tx| keys::revoke(tx, &id, reason.as_deref()))?;
            Ok(Output::record(&key)?.with_heading(format!("Revoked key {}", key.id)))
        }
        KeyCommand::Rotate { id, grace } => {
            let grace = time::parse_duration("--grace", &grace, true)?;
            let mut store = ctx.open(Access::Existing)?;
            let rotated = store.write(|tx| keys::rotate(tx, &id, grace))?;
            Ok(Output::record(&RotationView(&rotated))?
                .with_heading(format!(
                    "Rotated key {} to {}; the old key stops working at {}",
                    rotated.old.id,
                    rotated.new.key.id,
                    rotated.old.expires_at.unwrap_or(Timestamp::UNIX_EPOCH)
                ))
                .with_essential(rotated.new.secret.expose().to_owned())
                .with_notice(SECRET_NOTICE)
                .delivering_secrets_of(vec![rotated.new.key.id.clone()]))
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
        KeyCommand::Update {
            id,
            rate_limit,
            no_rate_limit: _,
        } => {
            // Without --rate-limit, clap has checked that --no-rate-limit was given.
            let rate_limit = rate_limit
                .map(|text| RateLimit::parse("--rate-limit", &text))
                .transpose()?;
            let key = ctx
                .open(Access::Existing)?
                .write(|tx| keys::set_rate_limit(tx, &id, rate_limit))?;
            let heading = match key.rate_limit {
                Some(limit) => format!("Key {} is limited to {limit}", key.id),
                None => format!("Key {} has no rate limit", key.id),
            };
            Ok(Output::record(&key)?.with_heading(heading))
        }
        KeyCommand::Disable { id } => set_disabled(ctx, &id, true),
        KeyCommand::Enable { id } => set_disabled(ctx, &id, false),
        KeyCommand::Inspect { key } => inspect(&read_key(key)?),
        KeyCommand::Verify {
            permission: permissions,
            ip,
            key,
        } => verify_key(ctx, read_key(key)?, VerifyRequest { ip, permissions }),
    }
}

/// `key verify`: exit 0 for `VALID`, 5 for every refusal.
fn verify_key(ctx: &Context, key: String, request: VerifyRequest) -> Result<Output> {
    request
        .permissions
        .iter()
        .try_for_each(|p| rules::permission_name(p))?;
    // A malformed key needs no store, unless one exists that may hold it as an
    // imported key.
    let mut verdict = match verify::format_error(&key) {
        Some(reason) => match ctx.open_if_any()? {
            Some(mut store) => verify::verify(&mut store, &key, &request)?,
            None => verify::decide(&verify::Lookup::Malformed(reason), &request, time::now()),
        },
        None => verify::verify(&mut ctx.open(Access::Existing)?, &key, &request)?,
    };
    if verdict.result == VerifyResult::Forbidden && request.ip.is_none() {
        verdict.reason = verdict
            .reason
            .map(|r| format!("{r}; pass the caller's --ip"));
    }
    let mut output = Output::record(&verdict)?.with_exit_code(if verdict.valid { 0 } else { 5 });
    if verdict.usage_recorded == Some(false) {
        output = output.with_notice(
            "the key is valid; its use was not counted because another process held the store's write lock",
        );
    }
    Ok(output)
}

/// `key rotate`'s view: the new key's fields and when the old one stops.
#[derive(Debug, Serialize)]
#[serde(transparent)]
struct RotationView<'a>(&'a Rotation);

impl Record for RotationView<'_> {
    fn fields(&self) -> Vec<(&'static str, String)> {
        let mut fields = self.0.new.fields();
        fields.push(("old_key_expires_at", {
            self.0
                .old
                .expires_at
                .map_or_else(|| "-".into(), |t| t.to_string())
        }));
        fields
    }
}

fn set_disabled(ctx: &Context, id: &str, disabled: bool) -> Result<Output> {
    let key = ctx
        .open(Access::Existing)?
        .write(|tx| keys::set_disabled(tx, id, disabled))?;
    let verb = if disabled { "Disabled" } else { "Enabled" };
    Ok(Output::record(&key)?.with_heading(format!("{verb} key {}", key.id)))
}

fn report(ctx: &Context, filter: KeyFilter) -> Result<Output> {
    Ok(stream_keys(ctx.open_read()?, filter))
}

/// Keys matching `filter`, read while they are printed.
fn stream_keys(mut store: Store, filter: KeyFilter) -> Output {
    Output::stream(move |emit| store.read(|tx| tx.for_each_key(&filter, |key| emit(&key))))
}

/// `key import`: plaintext keys from another system, stored as hashes only.
fn import(ctx: &Context, client: &str, file: &Path, label: &str) -> Result<Output> {
    let label = validate::text("--label", label, validate::MAX_LABEL_LEN)?;
    let name = file.display().to_string();
    let entries = parse_import(&name, &read_text(file)?)?;
    let mut store = ctx.open(Access::Existing)?;
    store.set_cache_mib(super::apply::BULK_CACHE_MIB)?;
    let bar = progress::bar(entries.len() as u64, "importing");
    let (imported, skipped) = store.write(|tx| {
        let client = tx.client(client)?;
        let mut imported = Vec::new();
        let mut skipped = 0;
        for answer in keys::import_many(tx, &client, &entries, &label, |n| bar.inc(n))? {
            match answer {
                Some(key) => imported.push(key.id),
                None => skipped += 1,
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
        keys::check_importable(name, *line, key)?;
    }
    Ok(entries)
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
