//! `apikey role ...`: add, list, show, remove, grant, revoke.

use serde_json::json;

use super::Context;
use crate::cli::RoleCommand;
use crate::output::Output;
use crate::prompt;
use apikey_core::error::Result;
use apikey_core::ops::access;
use apikey_core::store::Access;
use apikey_core::{rules, validate};

pub(super) fn run(cmd: RoleCommand, ctx: &Context) -> Result<Output> {
    match cmd {
        RoleCommand::Add {
            name,
            description,
            permission,
        } => {
            validate::name("role name", &name)?;
            let description =
                validate::text("--description", &description, validate::MAX_DESCRIPTION_LEN)?;
            check_patterns(&permission)?;
            let role = ctx
                .open(Access::Create)?
                .write(|tx| access::add_role(tx, &name, &description, &permission))?;
            Ok(Output::record(&role)?.with_heading(format!("Added role '{}'", role.name)))
        }
        RoleCommand::List => {
            let roles = ctx.open_read()?.read(|tx| tx.list_roles())?;
            Output::list(&roles)
        }
        RoleCommand::Show { name } => {
            let role = ctx.open_read()?.read(|tx| tx.role(&name))?;
            Output::record(&role)
        }
        RoleCommand::Remove { name, force, yes } => {
            let mut store = ctx.open(Access::Existing)?;
            // A dry run first: unknown names and conflicts fail before the prompt.
            let role = store.read(|tx| {
                let role = tx.role(&name)?;
                tx.delete_role(&role, force)?;
                Ok(role)
            })?;
            prompt::confirm(&format!("remove role '{}'", role.name), yes)?;
            let role = store.write(|tx| {
                let role = tx.role(&name)?;
                access::remove_role(tx, &role, force)?;
                Ok(role)
            })?;
            Ok(Output::message(
                format!("Removed role '{}'", role.name),
                json!({ "removed": role.name, "taken_from_clients": role.clients, "taken_from_users": role.users }),
            ))
        }
        RoleCommand::Grant { role, permissions } => change_grants(ctx, &role, &permissions, true),
        RoleCommand::Revoke { role, permissions } => change_grants(ctx, &role, &permissions, false),
    }
}

fn check_patterns(patterns: &[String]) -> Result<()> {
    patterns.iter().try_for_each(|p| rules::grant_pattern(p))
}

/// `role grant` / `role revoke`: one audit event listing what actually changed.
fn change_grants(ctx: &Context, name: &str, patterns: &[String], grant: bool) -> Result<Output> {
    check_patterns(patterns)?;
    let (role, changed) = ctx.open(Access::Existing)?.write(|tx| {
        let role = tx.role(name)?;
        let changed = access::change_grants(tx, &role, patterns, grant)?;
        Ok((tx.role(&role.name)?, changed))
    })?;
    let heading = match (grant, changed.is_empty()) {
        (true, true) => format!("Role '{}' already grants all of these", role.name),
        (true, false) => format!("Granted {} to role '{}'", changed.join(", "), role.name),
        (false, _) => format!("Revoked {} from role '{}'", changed.join(", "), role.name),
    };
    Ok(Output::record(&role)?.with_heading(heading))
}
