//! Reads a long-running verifier (`apikey serve`) needs to notice changes cheaply.

use super::sql::params;
use super::{Engine, Store, Tx};
use crate::error::Result;

impl Store {
    /// A number that changes when the store may have changed, cheap enough to poll
    /// several times a second: SQLite's `PRAGMA data_version` (it changes when another
    /// connection, this process's or another's, commits), or on PostgreSQL the count of
    /// `apikey_changes` notifications received, which also moves once a second so that a
    /// missed notification is caught by the caller's next look at the audit head.
    ///
    /// # Errors
    /// Store failures (on PostgreSQL, a connection that is lost and cannot be restored).
    pub fn data_version(&mut self) -> Result<i64> {
        match &mut self.engine {
            Engine::Sqlite(db) => db.data_version(),
            Engine::Postgres(db) => db.data_version(),
        }
    }
}

impl Tx<'_> {
    /// The newest audit event's sequence number and hash (`(0, "")` for an empty log).
    /// Every change to keys, clients, roles and grants writes an audit event; usage
    /// recording does not. A verifier that caches key state compares this head to tell
    /// another process's change from mere use counts.
    ///
    /// # Errors
    /// Store failures.
    pub fn audit_head(&self) -> Result<(i64, String)> {
        match self.query_opt(
            "SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1",
            params![],
        )? {
            Some(r) => Ok((r.get(0)?, r.get(1)?)),
            None => Ok((0, String::new())),
        }
    }

    /// Whether anything that can change a verification's answer happened after the audit
    /// head `seen` (from [`Tx::audit_head`]): an event after it outside the `user.*`
    /// family (operators' sign-ins, failed logins and user changes never change a key's
    /// answer), or `seen` itself no longer in the log as it was (a restore or a rewrite).
    /// Bounded by the events since `seen`, so a flood of failed logins costs a verifier's
    /// cache nothing.
    ///
    /// # Errors
    /// Store failures.
    pub fn verification_changed_since(&self, seen: &(i64, String)) -> Result<bool> {
        let (seq, hash) = seen;
        let still_there = *seq == 0
            || self
                .query_opt("SELECT hash FROM audit_events WHERE seq = ?1", params![seq])?
                .map(|r| r.get::<String>(0))
                .transpose()?
                .is_some_and(|h| &h == hash);
        if !still_there {
            return Ok(true);
        }
        self.query_one(
            "SELECT EXISTS (SELECT 1 FROM audit_events
                            WHERE seq > ?1 AND action NOT LIKE 'user.%')",
            params![seq],
        )?
        .get(0)
    }

    /// Whether any stored key was brought in by `key import` (only such keys may skip
    /// the offline format check).
    ///
    /// # Errors
    /// Store failures.
    pub fn has_imported_keys(&self) -> Result<bool> {
        self.query_one(
            "SELECT EXISTS (SELECT 1 FROM api_keys WHERE imported = 1)",
            params![],
        )?
        .get(0)
    }

    /// The number of stored keys of any status.
    ///
    /// # Errors
    /// Store failures.
    pub fn key_count(&self) -> Result<u64> {
        self.query_one("SELECT count(*) FROM api_keys", params![])?
            .get(0)
    }
}
