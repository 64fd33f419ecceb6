//! `apikey audit [verify]`: list the audit log or check its hash chain.

use serde_json::json;

use super::Context;
use crate::cli::{AuditArgs, AuditCommand};
use crate::output::Output;
use apikey_core::error::{Error, Result};
use apikey_core::store::AuditFilter;
use apikey_core::time;

pub(super) fn run(args: AuditArgs, ctx: &Context) -> Result<Output> {
    let mut store = ctx.open_read()?;
    if let Some(AuditCommand::Verify) = args.command {
        return match store.read(|tx| tx.verify_audit_chain())? {
            Ok((events, head)) => Ok(Output::message(
                format!("Audit log intact: {events} events, head {head}"),
                json!({ "intact": true, "events": events, "head": head }),
            )),
            Err(broken) => Err(Error::AuditChain {
                seq: broken.seq,
                problem: broken.problem,
            }),
        };
    }
    let since = args.since.as_deref().map(parse_since).transpose()?;
    let filter = AuditFilter {
        since,
        actor: args.by,
        action: args.action,
        target: args.target,
        limit: args.limit,
    };
    Ok(Output::stream(move |emit| {
        store.read(|tx| tx.for_each_audit(&filter, |event| emit(&event)))
    }))
}

/// `--since`: a duration back from now (`24h`) or a time (`2026-11-01`).
fn parse_since(text: &str) -> Result<jiff::Timestamp> {
    if let Ok(secs) = time::parse_duration("--since", text, true) {
        return Ok(time::add_secs(time::now(), -secs));
    }
    time::parse_time("--since", text).map_err(|e| {
        // A date-like text gets the time parser's own reason (no offset, out of range).
        if text.trim().as_bytes().get(4) == Some(&b'-') {
            return e;
        }
        Error::invalid(format!(
            "invalid --since '{}': give a duration back (24h, 7d) or a time (2026-11-01, RFC 3339)",
            text.escape_debug()
        ))
    })
}
