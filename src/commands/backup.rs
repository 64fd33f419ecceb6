//! `apikey backup`, `apikey restore` and `apikey store copy`.

use std::path::Path;

use serde_json::json;

use super::Context;
use crate::output::Output;
use crate::prompt;
use apikey_core::error::Result;
use apikey_core::store::{self, Access, Store};

pub(super) fn backup(ctx: &Context, file: &Path) -> Result<Output> {
    let mut store = ctx.open(Access::Existing)?;
    store.backup_to(file)?;
    Ok(Output::message(
        format!("Backed up {} to {}", ctx.store_name(), file.display()),
        json!({ "store": ctx.store_name(), "backup": file.display().to_string() }),
    ))
}

pub(super) fn restore(ctx: &Context, file: &Path, yes: bool) -> Result<Output> {
    // Check the backup before asking, and before touching the store.
    store::check_backup(file)?;
    prompt::confirm(
        &format!(
            "replace the store at {} with the backup {}",
            ctx.store_name(),
            file.display()
        ),
        yes,
    )?;
    let mut store = ctx.open(Access::Create)?;
    store.restore_from(file)?;
    store.checkpoint();
    store.write(|tx| {
        tx.audit(
            apikey_core::ops::Action::StoreRestore,
            &ctx.store_name(),
            json!({ "from": file.display().to_string() }),
        )
    })?;
    Ok(Output::message(
        format!("Restored {} from {}", ctx.store_name(), file.display()),
        json!({ "store": ctx.store_name(), "restored_from": file.display().to_string() }),
    ))
}

pub(super) fn copy(from: &Path, to: &Path) -> Result<Output> {
    let (from_name, to_name) = (
        store::StorePath::new(from).display(),
        store::StorePath::new(to).display(),
    );
    if from == to {
        return Err(apikey_core::Error::invalid(format!(
            "--from and --to are the same store ({from_name}); give a new store as --to"
        )));
    }
    let mut source = Store::open(from, Access::Existing)?;
    // An SQLite target must be a new file; a PostgreSQL one an empty database (checked
    // inside the copy's transaction).
    if store::StorePath::new(to).is_file() && to.exists() {
        return Err(apikey_core::Error::conflict(format!(
            "{to_name} already exists; copy into a new file (or an empty PostgreSQL database)"
        )));
    }
    let mut target = Store::open(to, Access::Create)?;
    // The bar appears once the total is known (and only for a large copy on a terminal).
    let mut bar: Option<indicatif::ProgressBar> = None;
    let summary = store::copy_store(&mut source, &mut target, false, &mut |done, total| {
        bar.get_or_insert_with(|| crate::progress::bar(total, "copying"))
            .set_position(done);
    })?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    target.checkpoint();
    let events = target.read(|tx| tx.verify_audit_chain())?;
    let (count, head) = events.map_err(|b| apikey_core::Error::AuditChain {
        seq: b.seq,
        problem: b.problem,
    })?;
    let tables: serde_json::Map<String, serde_json::Value> = summary
        .iter()
        .map(|(table, rows)| ((*table).to_owned(), json!(rows)))
        .collect();
    let rows: u64 = summary.iter().map(|(_, rows)| rows).sum();
    Ok(Output::message(
        format!(
            "Copied {from_name} to {to_name}: {rows} rows; audit log intact ({count} events, head {head})"
        ),
        json!({
            "from": from_name,
            "to": to_name,
            "rows": tables,
            "audit": { "events": count, "head": head },
        }),
    ))
}
