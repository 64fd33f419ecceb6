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
    match args.command {
        Some(AuditCommand::Verify { expect }) => return verify(&mut store, expect.as_deref()),
        Some(AuditCommand::Head) => {
            let (seq, hash) = store.read(|tx| tx.audit_head())?;
            return Ok(Output::message(
                format!("{seq}:{hash}"),
                json!({ "seq": seq, "hash": hash }),
            ));
        }
        None => {}
    }
    let since = args
        .since
        .as_deref()
        .map(|t| time::parse_since("--since", t))
        .transpose()?;
    let filter = AuditFilter {
        since,
        actor: args.by,
        action: args.action,
        target: args.target,
        limit: ctx.limit,
    };
    Ok(Output::stream(move |emit| {
        store.read(|tx| tx.for_each_audit(&filter, |event| emit(&event)))
    }))
}

/// `audit verify [--expect SEQ:HASH]`: the chain is intact, and holds the anchor.
fn verify(store: &mut apikey_core::store::Store, expect: Option<&str>) -> Result<Output> {
    let anchor = expect.map(parse_anchor).transpose()?;
    let (events, head) = store
        .read(|tx| tx.verify_audit_chain())?
        .map_err(|broken| Error::AuditChain {
            seq: broken.seq,
            problem: broken.problem,
        })?;
    if let Some((seq, hash)) = &anchor {
        let found = store.read(|tx| tx.audit_event_hash(*seq))?;
        if found.as_deref() != Some(hash.as_str()) {
            return Err(Error::AuditChain {
                seq: *seq,
                problem: match found {
                    None => "the expected event is missing: the log was cut back".into(),
                    Some(_) => "its hash is not the expected one: the log was rewritten".into(),
                },
            });
        }
    }
    let text = match &anchor {
        Some((seq, _)) => {
            format!("Audit log intact: {events} events, head {head}; holds the anchor #{seq}")
        }
        None => format!("Audit log intact: {events} events, head {head}"),
    };
    Ok(Output::message(
        text,
        json!({ "intact": true, "events": events, "head": head, "anchor_checked": anchor.is_some() }),
    ))
}

/// `SEQ:HASH`, as `audit head` prints it.
fn parse_anchor(text: &str) -> Result<(i64, String)> {
    let bad = || {
        Error::invalid(format!(
            "invalid --expect '{}': give SEQ:HASH as 'apikey audit head' prints it",
            text.escape_debug()
        ))
    };
    let (seq, hash) = text.trim().split_once(':').ok_or_else(bad)?;
    let seq: i64 = seq.parse().map_err(|_| bad())?;
    if seq < 1 || hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(bad());
    }
    Ok((seq, hash.to_ascii_lowercase()))
}
