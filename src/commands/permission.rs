//! `apikey permission ...`: add, list, show, remove.

use serde_json::json;

use super::Context;
use crate::cli::PermissionCommand;
use crate::output::Output;
use crate::prompt;
use apikey_core::error::Result;
use apikey_core::ops::access;
use apikey_core::store::Access;
use apikey_core::{rules, validate};

pub(super) fn run(cmd: PermissionCommand, ctx: &Context) -> Result<Output> {
    match cmd {
        PermissionCommand::Add { name, description } => {
            rules::permission_name(&name)?;
            let description =
                validate::text("--description", &description, validate::MAX_DESCRIPTION_LEN)?;
            let permission = ctx
                .open(Access::Create)?
                .write(|tx| access::add_permission(tx, &name, &description))?;
            Ok(Output::record(&permission)?.with_heading(format!("Added permission '{name}'")))
        }
        PermissionCommand::List => {
            let permissions = ctx.open_read()?.read(|tx| tx.list_permissions())?;
            Output::list(&permissions)
        }
        PermissionCommand::Show { name } => {
            let permission = ctx.open_read()?.read(|tx| tx.permission(&name))?;
            Output::record(&permission)
        }
        PermissionCommand::Remove { name, force, yes } => {
            let mut store = ctx.open(Access::Existing)?;
            // A dry run first: unknown names and conflicts fail before the prompt.
            let name = store.read(|tx| {
                let name = tx.permission(&name)?.name;
                tx.delete_permission(&name, force)?;
                Ok(name)
            })?;
            prompt::confirm(&format!("remove permission '{name}'"), yes)?;
            let revoked_from = store.write(|tx| access::remove_permission(tx, &name, force))?;
            Ok(Output::message(
                format!("Removed permission '{name}'"),
                json!({ "removed": name, "revoked_from_roles": revoked_from }),
            ))
        }
    }
}
