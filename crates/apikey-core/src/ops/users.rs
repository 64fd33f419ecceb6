//! User (operator) operations: add, status, password, roles, remove, and the login check.

use serde_json::json;

use super::{Action, Holder};
use crate::error::Result;
use crate::model::{LoginVerdict, Status, User};
use crate::password;
use crate::store::{Store, Tx};

/// `user add`: adds a user with an optional Argon2id `password_hash` (PHC string) and
/// `roles`; audits `user.add` (never the hash).
///
/// # Errors
/// [`crate::Error::AlreadyExists`]; [`crate::Error::NotFound`] for an unknown role.
pub fn add(
    tx: &Tx<'_>,
    email: &str,
    name: &str,
    roles: &[String],
    status: Status,
    password_hash: Option<&str>,
) -> Result<User> {
    let held = super::roles(tx, roles)?;
    let user = tx.insert_user(email, name, password_hash)?;
    if status == Status::Disabled {
        tx.set_user_disabled(&user, true)?;
    }
    for role in &held {
        tx.set_user_role(&user, role, true)?;
    }
    let mut details =
        json!({ "name": name, "roles": roles, "password_set": password_hash.is_some() });
    if status == Status::Disabled {
        details["status"] = json!(status);
    }
    tx.audit(Action::UserAdd, &user.email, details)?;
    tx.user(&user.email)
}

/// Renames a user (display name); audits `user.update`.
///
/// # Errors
/// Store failures.
pub fn set_name(tx: &Tx<'_>, user: &User, name: &str) -> Result<User> {
    let user = tx.set_user_name(user, name)?;
    tx.audit(Action::UserUpdate, &user.email, json!({ "name": name }))?;
    Ok(user)
}

/// `user disable` / `user enable`; audits only a real change.
///
/// # Errors
/// Store failures.
pub fn set_status(tx: &Tx<'_>, user: &User, status: Status) -> Result<User> {
    if user.status == status {
        return Ok(user.clone());
    }
    let user = tx.set_user_disabled(user, status == Status::Disabled)?;
    let action = match status {
        Status::Active => Action::UserEnable,
        Status::Disabled => Action::UserDisable,
    };
    tx.audit(action, &user.email, json!({}))?;
    Ok(user)
}

/// `user passwd`: stores a new Argon2id hash; audits `user.passwd`.
///
/// # Errors
/// Store failures.
pub fn set_password(tx: &Tx<'_>, user: &User, password_hash: &str) -> Result<User> {
    let user = tx.set_user_password(user, password_hash)?;
    tx.audit(Action::UserPasswd, &user.email, json!({}))?;
    Ok(user)
}

/// `user grant` / `user revoke`: returns the roles that changed.
///
/// # Errors
/// [`crate::Error::NotFound`] for an unknown role.
pub fn change_roles(
    tx: &Tx<'_>,
    user: &User,
    names: &[String],
    grant: bool,
) -> Result<Vec<String>> {
    super::change_roles(tx, Holder::User, &user.email, names, grant, |role, held| {
        tx.set_user_role(user, role, held)
    })
}

/// `user remove`; audits `user.remove`.
///
/// # Errors
/// Store failures.
pub fn remove(tx: &Tx<'_>, user: &User) -> Result<()> {
    tx.delete_user(user)?;
    tx.audit(Action::UserRemove, &user.email, json!({}))
}

/// The login check of `user verify`. Unknown emails and users without a password cost
/// one Argon2 run, like a wrong password, and get the same answer. The slow hash runs
/// outside any write transaction, so a login never holds up other writers.
///
/// # Errors
/// Store failures only; a refusal is a [`LoginVerdict`].
pub fn login(store: &mut Store, email: &str, given: &str) -> Result<LoginVerdict> {
    let (user, stored) = store.read(|tx| {
        let user = tx.find_user(email)?;
        let stored = match &user {
            Some(user) => tx.user_password_hash(user)?,
            None => None,
        };
        Ok((user, stored))
    })?;
    let password_ok = match &stored {
        Some(hash) => password::matches(given, hash),
        None => {
            password::burn(given);
            false
        }
    };
    let refuse = |result| LoginVerdict {
        result,
        valid: false,
        email: None,
        name: None,
        roles: None,
        permissions: None,
    };
    let Some(user) = user.filter(|_| password_ok) else {
        return Ok(refuse("INVALID_CREDENTIALS"));
    };
    if user.status == Status::Disabled {
        return Ok(refuse("DISABLED"));
    }
    let permissions = store.write(|tx| {
        tx.record_login(&user)?;
        tx.expand_grants(&tx.user_grants(user.row)?)
    })?;
    Ok(LoginVerdict {
        result: "VALID",
        valid: true,
        permissions: Some(permissions),
        email: Some(user.email),
        name: Some(user.name),
        roles: Some(user.roles),
    })
}
