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
    // Named as in the user's record (`has_password`, `status`).
    let details = json!({
        "name": name,
        "roles": roles,
        "status": status,
        "has_password": password_hash.is_some(),
    });
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

/// `user disable` / `user enable`; audits only a real change. Disabling ends the
/// user's console sessions.
///
/// # Errors
/// Store failures.
pub fn set_status(tx: &Tx<'_>, user: &User, status: Status) -> Result<User> {
    if user.status == status {
        return Ok(user.clone());
    }
    let user = tx.set_user_disabled(user, status == Status::Disabled)?;
    let (action, details) = match status {
        Status::Active => (Action::UserEnable, json!({})),
        Status::Disabled => (
            Action::UserDisable,
            json!({ "sessions_ended": tx.delete_user_sessions(user.row)? }),
        ),
    };
    tx.audit(action, &user.email, details)?;
    Ok(user)
}

/// `user passwd`: stores a new Argon2id hash and ends the user's console sessions;
/// audits `user.passwd`.
///
/// # Errors
/// Store failures.
pub fn set_password(tx: &Tx<'_>, user: &User, password_hash: &str) -> Result<User> {
    let user = tx.set_user_password(user, password_hash)?;
    let ended = tx.delete_user_sessions(user.row)?;
    tx.audit(
        Action::UserPasswd,
        &user.email,
        json!({ "sessions_ended": ended }),
    )?;
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

/// Failed logins of one email that lock it ([`LOCKOUT_WINDOW_SECS`], [`LOCKOUT_SECS`]).
pub const LOCKOUT_FAILURES: usize = 5;
/// The window in which [`LOCKOUT_FAILURES`] failed logins lock an email: 15 minutes.
pub const LOCKOUT_WINDOW_SECS: i64 = 15 * 60;
/// How long an email stays locked after the failure that locked it: 15 minutes.
pub const LOCKOUT_SECS: i64 = 15 * 60;
/// How many `user.login_failed` events (of any email) a login looks back through.
const LOCKOUT_SCAN: usize = 10_000;

/// Until when (Unix seconds) failures at `times` (newest first) lock their email: the
/// latest failure that completes [`LOCKOUT_FAILURES`] within [`LOCKOUT_WINDOW_SECS`],
/// plus [`LOCKOUT_SECS`].
fn locked_until(times: &[i64]) -> Option<i64> {
    times
        .windows(LOCKOUT_FAILURES)
        .filter(|w| w[0] - w[LOCKOUT_FAILURES - 1] < LOCKOUT_WINDOW_SECS)
        .map(|w| w[0] + LOCKOUT_SECS)
        .max()
}

/// The login check of `user verify`.
///
/// Unknown emails, users without a password and locked emails cost one Argon2 run on a
/// dummy hash with the current parameters, like a wrong password, and every failed
/// attempt appends a `user.login_failed` event (never the password); the answers are
/// `INVALID_CREDENTIALS` (unknown and wrong are not told apart) and `LOCKED` (after
/// [`LOCKOUT_FAILURES`] failures within [`LOCKOUT_WINDOW_SECS`], for [`LOCKOUT_SECS`];
/// unknown emails lock too). A right password whose stored hash used other parameters
/// is rehashed with the current ones. The slow hash runs outside any write transaction,
/// so a login never holds up other writers.
///
/// # Errors
/// [`crate::Error::UnusableStore`] if the stored hash's Argon2 parameters are outside
/// [`password`]'s policy (it is not run); store failures. A refusal is a
/// [`LoginVerdict`].
pub fn login(store: &mut Store, email: &str, given: &str) -> Result<LoginVerdict> {
    let (user, stored, failures, now) = store.read(|tx| {
        let user = tx.find_user(email)?;
        let stored = match &user {
            Some(user) => tx.user_password_hash(user)?,
            None => None,
        };
        let key = login_key(user.as_ref(), email);
        let now = tx.now().as_second();
        let since = now - LOCKOUT_WINDOW_SECS - LOCKOUT_SECS;
        let failures = tx.login_failures(&key, since, LOCKOUT_SCAN)?;
        Ok((user, stored, failures, now))
    })?;
    let key = login_key(user.as_ref(), email);
    let locked = locked_until(&failures).is_some_and(|until| now < until);
    let checked = match (&stored, locked) {
        (Some(hash), false) => password::check(given, hash).map_err(|why| {
            crate::Error::UnusableStore {
                path: None,
                reason: format!(
                    "the stored password hash of user {key} was not checked: {}; set a new password with 'apikey user passwd {key}'",
                    why.0
                ),
            }
        })?,
        _ => {
            password::burn(given);
            password::Check::NoMatch
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
    let (user, rehash) = match (user, checked) {
        (Some(user), password::Check::Match { rehash }) if !locked => (user, rehash),
        (user, _) => {
            let reason = if locked {
                "locked"
            } else if user.is_none() {
                "unknown_email"
            } else if stored.is_none() {
                "no_password"
            } else {
                "wrong_password"
            };
            store
                .write(|tx| tx.audit(Action::UserLoginFailed, &key, json!({ "reason": reason })))?;
            return Ok(refuse(if locked {
                "LOCKED"
            } else {
                "INVALID_CREDENTIALS"
            }));
        }
    };
    if user.status == Status::Disabled {
        return Ok(refuse("DISABLED"));
    }
    // The new hash is made before the write transaction, like the check.
    let new_hash = if rehash {
        Some(password::hash(given)?)
    } else {
        None
    };
    let permissions = store.write(|tx| {
        tx.record_login(&user)?;
        if let Some(hash) = &new_hash {
            tx.set_user_password(&user, hash)?;
        }
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

/// What failed logins are counted under: the user's email, else the given text
/// (trimmed, lower-cased), so that unknown emails lock like known ones.
fn login_key(user: Option<&User>, given: &str) -> String {
    user.map_or_else(|| given.trim().to_lowercase(), |u| u.email.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_failures_within_the_window_lock_for_the_lock_time() {
        let at = |t: &[i64]| locked_until(t);
        assert_eq!(at(&[40, 30, 20, 10]), None);
        assert_eq!(at(&[40, 30, 20, 10, 0]), Some(40 + LOCKOUT_SECS));
        // Spread over more than the window: no lock.
        assert_eq!(at(&[LOCKOUT_WINDOW_SECS, 30, 20, 10, 0]), None);
        // The latest completing failure counts.
        assert_eq!(
            at(&[5000, 4990, 4980, 4970, 4960, 40, 30, 20, 10, 0]),
            Some(5000 + LOCKOUT_SECS)
        );
    }
}
