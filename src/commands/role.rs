//! `apikey role ...`: add, list, show, remove, grant, revoke.

use serde_json::json;

use super::Context;
use crate::cli::RoleCommand;
use crate::error::{Error, Result};
use crate::output::Output;
use crate::store::Access;
use crate::{access, prompt, validate};

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
            let role = ctx.open(Access::Create)?.write(|tx| {
                let role = tx.insert_role(&name, &description)?;
                for pattern in &permission {
                    tx.grant_to_role(&role, pattern)?;
                }
                tx.audit(
                    "role.add",
                    &role.name,
                    json!({ "description": description, "permissions": permission }),
                )?;
                tx.role(&role.name)
            })?;
            Ok(Output::record(&role)?.with_heading(format!("Added role '{}'", role.name)))
        }
        RoleCommand::List => {
            let roles = ctx.open(Access::Existing)?.read(|tx| tx.list_roles())?;
            Output::list(&roles)
        }
        RoleCommand::Show { name } => {
            let role = ctx.open(Access::Existing)?.read(|tx| tx.role(&name))?;
            Output::record(&role)
        }
        RoleCommand::Remove { name, force, yes } => {
            let mut store = ctx.open(Access::Existing)?;
            let role = store.read(|tx| {
                let role = tx.role(&name)?;
                tx.delete_role(&role, force)?;
                Ok(role)
            })?;
            prompt::confirm(&format!("remove role '{}'", role.name), yes)?;
            let role = store.write(|tx| {
                let role = tx.role(&name)?;
                tx.delete_role(&role, force)?;
                tx.audit(
                    "role.remove",
                    &role.name,
                    json!({ "taken_from_clients": role.clients, "taken_from_users": role.users }),
                )?;
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
    patterns.iter().try_for_each(|p| access::grant_pattern(p))
}

/// `role grant` / `role revoke`: one audit event listing what actually changed.
fn change_grants(ctx: &Context, name: &str, patterns: &[String], grant: bool) -> Result<Output> {
    check_patterns(patterns)?;
    let (role, changed) = ctx.open(Access::Existing)?.write(|tx| {
        let role = tx.role(name)?;
        let mut changed = Vec::new();
        for pattern in patterns {
            let did = if grant {
                tx.grant_to_role(&role, pattern)?
            } else {
                tx.revoke_from_role(&role, pattern)?
            };
            if did && !changed.contains(pattern) {
                changed.push(pattern.clone());
            }
        }
        if !grant && changed.is_empty() {
            return Err(Error::not_found(format!(
                "role '{}' does not grant {}; see 'apikey role show {}'",
                role.name,
                patterns.join(", "),
                role.name
            )));
        }
        if !changed.is_empty() {
            let action = if grant { "role.grant" } else { "role.revoke" };
            tx.audit(action, &role.name, json!({ "permissions": changed }))?;
        }
        Ok((tx.role(&role.name)?, changed))
    })?;
    let heading = match (grant, changed.is_empty()) {
        (true, true) => format!("Role '{}' already grants all of these", role.name),
        (true, false) => format!("Granted {} to role '{}'", changed.join(", "), role.name),
        (false, _) => format!("Revoked {} from role '{}'", changed.join(", "), role.name),
    };
    Ok(Output::record(&role)?.with_heading(heading))
}
