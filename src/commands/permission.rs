//! `apikey permission ...`: add, list, show, remove.

use serde_json::json;

use super::Context;
use crate::cli::PermissionCommand;
use crate::error::Result;
use crate::output::Output;
use crate::store::Access;
use crate::{access, prompt, validate};

pub(super) fn run(cmd: PermissionCommand, ctx: &Context) -> Result<Output> {
    match cmd {
        PermissionCommand::Add { name, description } => {
            access::permission_name(&name)?;
            let description =
                validate::text("--description", &description, validate::MAX_DESCRIPTION_LEN)?;
            let permission = ctx.open(Access::Create)?.write(|tx| {
                let permission = tx.insert_permission(&name, &description)?;
                tx.audit(
                    "permission.add",
                    &name,
                    json!({ "description": description }),
                )?;
                Ok(permission)
            })?;
            Ok(Output::record(&permission)?.with_heading(format!("Added permission '{name}'")))
        }
        PermissionCommand::List => {
            let permissions = ctx
                .open(Access::Existing)?
                .read(|tx| tx.list_permissions())?;
            Output::list(&permissions)
        }
        PermissionCommand::Show { name } => {
            let permission = ctx
                .open(Access::Existing)?
                .read(|tx| tx.permission(&name))?;
            Output::record(&permission)
        }
        PermissionCommand::Remove { name, force, yes } => {
            let mut store = ctx.open(Access::Existing)?;
            // A dry run first: unknown names and conflicts fail before the prompt.
            store.read(|tx| tx.delete_permission(&name, force))?;
            prompt::confirm(&format!("remove permission '{name}'"), yes)?;
            let revoked_from = store.write(|tx| {
                let roles = tx.delete_permission(&name, force)?;
                tx.audit(
                    "permission.remove",
                    &name,
                    json!({ "revoked_from_roles": roles }),
                )?;
                Ok(roles)
            })?;
            Ok(Output::message(
                format!("Removed permission '{name}'"),
                json!({ "removed": name, "revoked_from_roles": revoked_from }),
            ))
        }
    }
}
