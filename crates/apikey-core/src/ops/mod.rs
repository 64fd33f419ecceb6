//! The domain operations: each change to the store with its audit event, written once
//! and called by the CLI, `apply` and the server alike. Every function runs inside the
//! caller's transaction ([`crate::store::Tx`]), so a command composes several and still
//! commits all or nothing.

pub mod access;
pub mod clients;
pub mod keys;
pub mod sessions;
pub mod users;

use serde_json::json;

use crate::error::Result;
use crate::model::Role;
use crate::store::Tx;

/// Every audit action, as written to the log's `action` column (`docs/schema.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)] // Each variant is its `as_str` name.
pub enum Action {
    StoreInit,
    StoreRestore,
    ClientAdd,
    ClientUpdate,
    ClientDisable,
    ClientEnable,
    ClientRemove,
    ClientGrant,
    ClientRevoke,
    KeyCreate,
    KeyImport,
    KeyRevoke,
    KeyRotate,
    KeyDisable,
    KeyEnable,
    KeyUpdate,
    PermissionAdd,
    PermissionUpdate,
    PermissionRemove,
    RoleAdd,
    RoleUpdate,
    RoleRemove,
    RoleGrant,
    RoleRevoke,
    UserAdd,
    UserUpdate,
    UserDisable,
    UserEnable,
    UserPasswd,
    UserRemove,
    UserGrant,
    UserRevoke,
    UserLoginFailed,
    UserLogin,
    UserLogout,
}

impl Action {
    /// The stored name: `family.verb`, e.g. `key.revoke`.
    pub fn as_str(self) -> &'static str {
        use Action::*;
        match self {
            StoreInit => "store.init",
            StoreRestore => "store.restore",
            ClientAdd => "client.add",
            ClientUpdate => "client.update",
            ClientDisable => "client.disable",
            ClientEnable => "client.enable",
            ClientRemove => "client.remove",
            ClientGrant => "client.grant",
            ClientRevoke => "client.revoke",
            KeyCreate => "key.create",
            KeyImport => "key.import",
            KeyRevoke => "key.revoke",
            KeyRotate => "key.rotate",
            KeyDisable => "key.disable",
            KeyEnable => "key.enable",
            KeyUpdate => "key.update",
            PermissionAdd => "permission.add",
            PermissionUpdate => "permission.update",
            PermissionRemove => "permission.remove",
            RoleAdd => "role.add",
            RoleUpdate => "role.update",
            RoleRemove => "role.remove",
            RoleGrant => "role.grant",
            RoleRevoke => "role.revoke",
            UserAdd => "user.add",
            UserUpdate => "user.update",
            UserDisable => "user.disable",
            UserEnable => "user.enable",
            UserPasswd => "user.passwd",
            UserRemove => "user.remove",
            UserGrant => "user.grant",
            UserRevoke => "user.revoke",
            UserLoginFailed => "user.login_failed",
            UserLogin => "user.login",
            UserLogout => "user.logout",
        }
    }
}

/// Who holds roles: a client or a user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holder {
    /// Roles of a client (its keys act with them).
    Client,
    /// Roles of a user.
    User,
}

/// Resolves `names` to roles, failing on the first unknown one.
///
/// # Errors
/// [`crate::Error::NotFound`] for an unknown role.
pub fn roles(tx: &Tx<'_>, names: &[String]) -> Result<Vec<Role>> {
    names.iter().map(|name| tx.role(name)).collect()
}

/// Gives (`grant`) or takes the named roles through `set(role, held)`, which answers
/// whether anything changed, and audits one `client.grant` / `user.revoke` (etc.) event
/// listing what did. Returns the roles that changed.
///
/// # Errors
/// [`crate::Error::NotFound`] for an unknown role; store failures.
pub(crate) fn change_roles(
    tx: &Tx<'_>,
    holder: Holder,
    target: &str,
    names: &[String],
    grant: bool,
    mut set: impl FnMut(&Role, bool) -> Result<bool>,
) -> Result<Vec<String>> {
    let mut changed = Vec::new();
    for role in roles(tx, names)? {
        if set(&role, grant)? && !changed.contains(&role.name) {
            changed.push(role.name);
        }
    }
    if !changed.is_empty() {
        let action = match (holder, grant) {
            (Holder::Client, true) => Action::ClientGrant,
            (Holder::Client, false) => Action::ClientRevoke,
            (Holder::User, true) => Action::UserGrant,
            (Holder::User, false) => Action::UserRevoke,
        };
        tx.audit(action, target, json!({ "roles": changed }))?;
    }
    Ok(changed)
}
