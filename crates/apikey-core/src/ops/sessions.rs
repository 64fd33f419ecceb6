//! The web console's sign-in sessions (`apikey serve --admin`): started after a
//! successful [`super::users::login`], resumed on every request, ended by logout, by
//! [`IDLE_SECS`] without a request, and when the user is disabled, changes password or
//! is removed. The store keeps only the SHA-256 of a session id; the id itself goes to
//! the browser once, in a cookie.

use serde_json::json;

use super::Action;
use crate::error::Result;
use crate::model::{Status, User};
use crate::secret::{self, Secret};
use crate::store::Tx;

/// A session ends after this long without a request: 8 hours.
pub const IDLE_SECS: i64 = 8 * 3600;

/// A session's last request is recorded at most this often (seconds): a console page
/// view then writes to the store once a minute, not on every request, and the idle
/// expiry is late by at most this much.
pub const TOUCH_SECS: i64 = 60;

/// Whether a session last seen at `last_seen` (Unix seconds) has idled out at `now`.
pub fn is_idle(last_seen: i64, now: i64) -> bool {
    now.saturating_sub(last_seen) >= IDLE_SECS
}

/// Starts a new session for `user` (signed in through the console) and audits
/// `user.login`. Sessions idle for [`IDLE_SECS`] are purged on the way. Returns the new
/// session id: give it to the browser and forget it.
///
/// # Errors
/// Store failures; [`crate::Error::Io`] if the OS random source fails.
pub fn start(tx: &Tx<'_>, user: &User) -> Result<Secret> {
    let now = tx.now().as_second();
    tx.delete_idle_sessions(now - IDLE_SECS)?;
    let id = secret::generate_token().map_err(|e| crate::Error::io("the OS random source", e))?;
    tx.insert_session(&secret::sha256_hex(id.expose()), user.row, now)?;
    tx.audit(Action::UserLogin, &user.email, json!({ "via": "console" }))?;
    Ok(id)
}

/// The signed-in user of session `id` at the transaction's time, recording the request;
/// see [`resume_at`].
///
/// # Errors
/// Store failures.
pub fn resume(tx: &Tx<'_>, id: &str) -> Result<Option<User>> {
    resume_at(tx, id, tx.now().as_second())
}

/// The signed-in user of session `id` at `now` (Unix seconds), recording the request
/// (at most once every [`TOUCH_SECS`]).
/// `None` (and the session, if stored, is ended) when there is no such session, it
/// idled out, or its user is disabled.
///
/// # Errors
/// Store failures.
pub fn resume_at(tx: &Tx<'_>, id: &str, now: i64) -> Result<Option<User>> {
    let hash = secret::sha256_hex(id);
    let Some(row) = tx.session(&hash)? else {
        return Ok(None);
    };
    if is_idle(row.last_seen_at, now) {
        tx.delete_session(&hash)?;
        return Ok(None);
    }
    let user = tx.user_by_row(row.user_row)?;
    if user.status == Status::Disabled {
        tx.delete_session(&hash)?;
        return Ok(None);
    }
    if now.saturating_sub(row.last_seen_at) >= TOUCH_SECS {
        tx.touch_session(&hash, now)?;
    }
    Ok(Some(user))
}

/// Logout: ends session `id`, auditing `user.logout` if it was a session of a user.
///
/// # Errors
/// Store failures.
pub fn end(tx: &Tx<'_>, id: &str) -> Result<bool> {
    let hash = secret::sha256_hex(id);
    let Some(row) = tx.session(&hash)? else {
        return Ok(false);
    };
    tx.delete_session(&hash)?;
    if let Ok(user) = tx.user_by_row(row.user_row) {
        tx.audit(Action::UserLogout, &user.email, json!({ "via": "console" }))?;
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::users;
    use crate::store::Store;

    #[test]
    fn idle_expiry_is_eight_hours_after_the_last_request() {
        assert!(!is_idle(1000, 1000));
        assert!(!is_idle(1000, 1000 + IDLE_SECS - 1));
        assert!(is_idle(1000, 1000 + IDLE_SECS));
        assert!(is_idle(i64::MIN, i64::MAX));
    }

    #[test]
    fn sessions_resume_until_idle_and_end_with_disable() {
        let mut store = Store::open_in_memory().unwrap();
        let (user, id, t0) = store
            .write(|tx| {
                let user = users::add(tx, "a@example.org", "A", &[], Status::Active, None)?;
                let id = start(tx, &user)?;
                Ok((user, id, tx.now().as_second()))
            })
            .unwrap();
        let hash = secret::sha256_hex(id.expose());
        // Only the hash is stored.
        store
            .read(|tx| {
                assert!(tx.session(&hash)?.is_some());
                assert!(tx.session(id.expose())?.is_none());
                Ok(())
            })
            .unwrap();
        // Each request moves the idle clock: 7 h, then 14 h after the start, is fine.
        let at = |now| {
            let id = id.expose().to_owned();
            move |tx: &Tx<'_>| resume_at(tx, &id, now).map(|u| u.map(|u| u.email))
        };
        let mut store2 = store;
        assert_eq!(
            store2.write(at(t0 + 7 * 3600)).unwrap().as_deref(),
            Some("a@example.org")
        );
        assert!(store2.write(at(t0 + 14 * 3600)).unwrap().is_some());
        // 8 h after the last request: gone, and gone for good.
        assert!(store2.write(at(t0 + 22 * 3600)).unwrap().is_none());
        assert!(store2.write(at(t0 + 22 * 3600 + 1)).unwrap().is_none());
        assert!(store2.read(|tx| tx.session(&hash)).unwrap().is_none());

        // Disabling the user ends their sessions.
        let id2 = store2.write(|tx| start(tx, &user)).unwrap();
        store2
            .write(|tx| users::set_status(tx, &tx.user("a@example.org")?, Status::Disabled))
            .unwrap();
        assert!(
            store2
                .write(|tx| resume(tx, id2.expose()))
                .unwrap()
                .is_none()
        );
        assert_eq!(
            store2.read(|tx| tx.count_user_sessions(user.row)).unwrap(),
            0
        );
    }
}
