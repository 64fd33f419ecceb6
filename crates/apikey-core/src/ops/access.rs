//! Permission and role operations: add, describe, grant, revoke, remove.

use serde_json::json;

use super::Action;
use crate::error::{Error, Result};
use crate::model::{Permission, Role};
use crate::store::Tx;

/// `permission add`; audits `permission.add`.
///
/// # Errors
/// [`Error::AlreadyExists`].
pub fn add_permission(tx: &Tx<'_>, name: &str, description: &str) -> Result<Permission> {
    let permission = tx.insert_permission(name, description)?;
    tx.audit(
        Action::PermissionAdd,
        name,
        json!({ "description": description }),
    )?;
    Ok(permission)
}

/// Sets a permission's description; audits `permission.update`.
///
/// # Errors
/// Store failures.
pub fn describe_permission(tx: &Tx<'_>, name: &str, description: &str) -> Result<()> {
    tx.update_permission_description(name, description)?;
    tx.audit(
        Action::PermissionUpdate,
        name,
        json!({ "description": description }),
    )
}

/// `permission remove`: with `force`, also revokes it from the roles that grant it
/// exactly. Returns those roles.
///
/// # Errors
/// [`Error::NotFound`]; [`Error::Conflict`] if a role grants it and `force` is false.
pub fn remove_permission(tx: &Tx<'_>, name: &str, force: bool) -> Result<Vec<String>> {
    let name = tx.permission(name)?.name;
    let roles = tx.delete_permission(&name, force)?;
    tx.audit(
        Action::PermissionRemove,
        &name,
        json!({ "revoked_from_roles": roles }),
    )?;
    Ok(roles)
}

/// `role add`: a role granting `patterns`; audits `role.add`.
///
/// # Errors
/// [`Error::AlreadyExists`]; [`Error::NotFound`] for an exact permission not defined.
pub fn add_role(tx: &Tx<'_>, name: &str, description: &str, patterns: &[String]) -> Result<Role> {
    let role = tx.insert_role(name, description)?;
    for pattern in patterns {
        tx.grant_to_role(&role, pattern)?;
    }
    tx.audit(
        Action::RoleAdd,
        &role.name,
        json!({ "description": description, "permissions": patterns }),
    )?;
    tx.role(&role.name)
}

/// Sets a role's description; audits `role.update`.
///
/// # Errors
/// Store failures.
pub fn describe_role(tx: &Tx<'_>, role: &Role, description: &str) -> Result<()> {
    tx.update_role_description(role, description)?;
    tx.audit(
        Action::RoleUpdate,
        &role.name,
        json!({ "description": description }),
    )
}

/// `role grant` / `role revoke`: one audit event listing the patterns that changed
/// (none if nothing did). Returns them.
///
/// # Errors
/// [`Error::NotFound`] for an undefined exact permission, or when revoking patterns
/// the role does not grant.
pub fn change_grants(
    tx: &Tx<'_>,
    role: &Role,
    patterns: &[String],
    grant: bool,
) -> Result<Vec<String>> {
    let mut changed = Vec::new();
    for pattern in patterns {
        let did = if grant {
            tx.grant_to_role(role, pattern)?
        } else {
            tx.revoke_from_role(role, pattern)?
        };
        if did && !changed.contains(pattern) {
            changed.push(pattern.clone());
        }
    }
    if !grant && changed.is_empty() && !patterns.is_empty() {
        return Err(Error::NotGranted {
            role: role.name.clone(),
            patterns: patterns.to_vec(),
        });
    }
    if !changed.is_empty() {
        let action = if grant {
            Action::RoleGrant
        } else {
            Action::RoleRevoke
        };
        tx.audit(action, &role.name, json!({ "permissions": changed }))?;
    }
    Ok(changed)
}

/// `role remove`: with `force`, also takes it from the clients and users holding it.
///
/// # Errors
/// [`Error::Conflict`] if it is held and `force` is false.
pub fn remove_role(tx: &Tx<'_>, role: &Role, force: bool) -> Result<()> {
    tx.delete_role(role, force)?;
    tx.audit(
        Action::RoleRemove,
        &role.name,
        json!({ "taken_from_clients": role.clients, "taken_from_users": role.users }),
    )
}
