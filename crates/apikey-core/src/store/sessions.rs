//! SQL for `console_sessions`: the web console's sign-in sessions, by the SHA-256 of
//! their id (the id itself is never stored).

use super::Tx;
use super::sql::params;
use crate::error::Result;

/// A stored session (its id is not known to the store).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRow {
    /// The signed-in user's row id.
    pub user_row: i64,
    /// When the session began, Unix seconds.
    pub created_at: i64,
    /// The session's last request, Unix seconds.
    pub last_seen_at: i64,
}

impl Tx<'_> {
    /// Stores a new session of `user_row` under `id_sha256`, seen at `at`.
    ///
    /// # Errors
    /// Store failures.
    pub fn insert_session(&self, id_sha256: &str, user_row: i64, at: i64) -> Result<()> {
        self.exec(
            "INSERT INTO console_sessions (id_sha256, user_id, created_at, last_seen_at)
             VALUES (?1, ?2, ?3, ?3)",
            params![id_sha256, user_row, at],
        )?;
        Ok(())
    }

    /// The session stored under `id_sha256`, if any.
    ///
    /// # Errors
    /// Store failures.
    pub fn session(&self, id_sha256: &str) -> Result<Option<SessionRow>> {
        let Some(r) = self.query_opt(
            "SELECT user_id, created_at, last_seen_at FROM console_sessions
             WHERE id_sha256 = ?1",
            params![id_sha256],
        )?
        else {
            return Ok(None);
        };
        Ok(Some(SessionRow {
            user_row: r.get(0)?,
            created_at: r.get(1)?,
            last_seen_at: r.get(2)?,
        }))
    }

    /// Records a request of the session at `at`.
    ///
    /// # Errors
    /// Store failures.
    pub fn touch_session(&self, id_sha256: &str, at: i64) -> Result<()> {
        self.exec(
            "UPDATE console_sessions SET last_seen_at = ?2 WHERE id_sha256 = ?1 AND last_seen_at < ?2",
            params![id_sha256, at],
        )?;
        Ok(())
    }

    /// Ends one session; answers whether it existed.
    ///
    /// # Errors
    /// Store failures.
    pub fn delete_session(&self, id_sha256: &str) -> Result<bool> {
        Ok(self.exec(
            "DELETE FROM console_sessions WHERE id_sha256 = ?1",
            params![id_sha256],
        )? > 0)
    }

    /// Ends every session of a user; returns how many there were.
    ///
    /// # Errors
    /// Store failures.
    pub fn delete_user_sessions(&self, user_row: i64) -> Result<u64> {
        self.exec(
            "DELETE FROM console_sessions WHERE user_id = ?1",
            params![user_row],
        )
    }

    /// Ends the sessions last seen before `before` (Unix seconds); returns how many.
    ///
    /// # Errors
    /// Store failures.
    pub fn delete_idle_sessions(&self, before: i64) -> Result<u64> {
        self.exec(
            "DELETE FROM console_sessions WHERE last_seen_at < ?1",
            params![before],
        )
    }

    /// How many sessions a user has.
    ///
    /// # Errors
    /// Store failures.
    pub fn count_user_sessions(&self, user_row: i64) -> Result<u64> {
        self.query_one(
            "SELECT count(*) FROM console_sessions WHERE user_id = ?1",
            params![user_row],
        )?
        .get(0)
    }

    /// The user of row `row`.
    ///
    /// # Errors
    /// [`crate::Error::NotFound`] if there is none; store failures.
    pub fn user_by_row(&self, row: i64) -> Result<crate::model::User> {
        let email: Option<String> = self
            .query_opt("SELECT email FROM users WHERE id = ?1", params![row])?
            .map(|r| r.get(0))
            .transpose()?;
        match email {
            Some(email) => self.user(&email),
            None => Err(crate::Error::not_found(
                crate::error::Entity::User,
                format!("#{row}"),
            )),
        }
    }
}
