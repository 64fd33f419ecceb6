//! Reads a long-running verifier (`apikey serve`) needs to notice changes cheaply.

use rusqlite::OptionalExtension;

use super::{Store, Tx};
use crate::error::Result;

impl Store {
    /// SQLite's `PRAGMA data_version` on this connection: it changes when another
    /// connection (this process's or another's) commits to the store. Cheap enough to
    /// poll several times a second.
    ///
    /// # Errors
    /// Store failures.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "data_version", |r| r.get(0))?)
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
        Ok(self
            .tx
            .query_row(
                "SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .unwrap_or((0, String::new())))
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
                .tx
                .query_row("SELECT hash FROM audit_events WHERE seq = ?1", [seq], |r| {
                    r.get::<_, String>(0)
                })
                .optional()?
                .is_some_and(|h| &h == hash);
        if !still_there {
            return Ok(true);
        }
        Ok(self.tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM audit_events
                            WHERE seq > ?1 AND action NOT LIKE 'user.%')",
            [seq],
            |r| r.get(0),
        )?)
    }

    /// Whether any stored key was brought in by `key import` (only such keys may skip
    /// the offline format check).
    ///
    /// # Errors
    /// Store failures.
    pub fn has_imported_keys(&self) -> Result<bool> {
        Ok(self.tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM api_keys WHERE imported = 1)",
            [],
            |r| r.get(0),
        )?)
    }

    /// The number of stored keys of any status.
    ///
    /// # Errors
    /// Store failures.
    pub fn key_count(&self) -> Result<u64> {
        Ok(self
            .tx
            .query_row("SELECT count(*) FROM api_keys", [], |r| r.get(0))?)
    }
}
