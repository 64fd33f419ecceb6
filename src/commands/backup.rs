//! `apikey backup` and `apikey restore`.

use std::path::Path;

use serde_json::json;

use super::Context;
use crate::output::Output;
use crate::prompt;
use apikey_core::error::Result;
use apikey_core::store::{self, Access};

pub(super) fn backup(ctx: &Context, file: &Path) -> Result<Output> {
    let mut store = ctx.open(Access::Existing)?;
    store.backup_to(file)?;
    Ok(Output::message(
        format!("Backed up {} to {}", ctx.db.display(), file.display()),
        json!({ "store": ctx.db.display().to_string(), "backup": file.display().to_string() }),
    ))
}

pub(super) fn restore(ctx: &Context, file: &Path, yes: bool) -> Result<Output> {
    // Check the backup before asking, and before touching the store.
    store::check_backup(file)?;
    prompt::confirm(
        &format!(
            "replace the store at {} with the backup {}",
            ctx.db.display(),
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
            &ctx.db.display().to_string(),
            json!({ "from": file.display().to_string() }),
        )
    })?;
    Ok(Output::message(
        format!("Restored {} from {}", ctx.db.display(), file.display()),
        json!({ "store": ctx.db.display().to_string(), "restored_from": file.display().to_string() }),
    ))
}
