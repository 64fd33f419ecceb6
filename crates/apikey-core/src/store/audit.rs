//! SQL for the hash-chained audit log.
//!
//! Each event's `hash` is the lowercase hex SHA-256 of the compact JSON array
//! `[seq, at, actor, action, target, details, prev_hash]`, where `details` is the stored
//! JSON text and `prev_hash` the previous event's hash (64 zeros for the first). Changing,
//! removing or reordering an event breaks every hash after it.

use jiff::Timestamp;
use rusqlite::{OptionalExtension, Row, params};
use serde::Serialize;
use serde_json::Value;

use super::Tx;
use crate::error::{Error, Result};
use crate::model::AuditEvent;
use crate::ops::Action;
use crate::time::from_unix;

/// `prev_hash` of the first event.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Which events `apikey audit` lists.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    /// Only events at or after this time.
    pub since: Option<Timestamp>,
    /// Only this actor.
    pub actor: Option<String>,
    /// Only this action (`client.add`), or a family (`client.` or `client`).
    pub action: Option<String>,
    /// Only this target.
    pub target: Option<String>,
    /// Only the most recent N.
    pub limit: Option<u64>,
}

/// Where the chain first fails to hold.
#[derive(Debug, Clone)]
pub struct ChainBreak {
    /// The first event that does not check out.
    pub seq: i64,
    /// What is wrong with it.
    pub problem: String,
}

fn event_hash(
    seq: i64,
    at: i64,
    actor: &str,
    action: &str,
    target: &str,
    details: &str,
    prev: &str,
) -> String {
    // A tuple serializes as the same compact JSON array, without building a `Value`.
    let canonical =
        serde_json::to_string(&(seq, at, actor, action, target, details, prev)).unwrap_or_default();
    crate::secret::sha256_hex(&canonical)
}

fn event_from_row(r: &Row<'_>) -> rusqlite::Result<AuditEvent> {
    let details: String = r.get(5)?;
    Ok(AuditEvent {
        seq: r.get(0)?,
        at: from_unix(r.get(1)?),
        actor: r.get(2)?,
        action: r.get(3)?,
        target: r.get(4)?,
        details: serde_json::from_str(&details).unwrap_or(Value::String(details)),
        prev_hash: r.get(6)?,
        hash: r.get(7)?,
    })
}

impl Tx<'_> {
    /// Appends an event for a change made in this transaction. `details` must never
    /// hold a secret or a hash of one.
    pub fn audit(&self, action: Action, target: &str, details: impl Serialize) -> Result<()> {
        let action = action.as_str();
        let cached = self.audit_head.borrow_mut().take();
        let last: Option<(i64, String)> = match cached {
            Some(head) => Some(head),
            None => self
                .tx
                .query_row(
                    "SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1",
                    [],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?,
        };
        let (seq, prev) = match last {
            Some((seq, hash)) => (seq + 1, hash),
            None => (1, GENESIS_HASH.to_owned()),
        };
        let at = self.now.as_second();
        let details = serde_json::to_string(&details).map_err(|e| Error::Internal {
            what: "cannot encode audit details",
            detail: e.to_string(),
        })?;
        let hash = event_hash(seq, at, self.actor, action, target, &details, &prev);
        self.tx
            .prepare_cached(
                "INSERT INTO audit_events (seq, at, actor, action, target, details, prev_hash, hash)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![seq, at, self.actor, action, target, details, prev, hash])?;
        *self.audit_head.borrow_mut() = Some((seq, hash));
        Ok(())
    }

    /// The times of the recent `user.login_failed` events for `email` that count
    /// towards a lockout (not those of attempts refused as locked), newest first: those
    /// at or after `since`, looking back through at most `max_scan` such events of any
    /// email (the log is read newest first through the action index).
    pub fn login_failures(&self, email: &str, since: i64, max_scan: usize) -> Result<Vec<i64>> {
        let mut stmt = self.tx.prepare_cached(
            "SELECT at, target, json_extract(details, '$.reason') FROM audit_events
             WHERE action = ?1 ORDER BY seq DESC",
        )?;
        let mut rows = stmt.query([Action::UserLoginFailed.as_str()])?;
        let mut times = Vec::new();
        for _ in 0..max_scan {
            let Some(row) = rows.next()? else { break };
            let at: i64 = row.get(0)?;
            if at < since {
                break;
            }
            let target: String = row.get(1)?;
            let reason: Option<String> = row.get(2)?;
            if target == email && reason.as_deref() != Some("locked") {
                times.push(at);
            }
        }
        Ok(times)
    }

    /// Calls `f` with each event that `filter` selects, in sequence order, one row at a
    /// time.
    pub fn for_each_audit(
        &self,
        filter: &AuditFilter,
        mut f: impl FnMut(AuditEvent) -> Result<()>,
    ) -> Result<()> {
        // `--action key` means the family `key.*`; compared literally, not with LIKE.
        let action_family = filter
            .action
            .as_ref()
            .map(|a| format!("{}.", a.trim_end_matches('.')));
        let mut stmt = self.tx.prepare(
            "SELECT * FROM (
                SELECT seq, at, actor, action, target, details, prev_hash, hash FROM audit_events
                WHERE (?1 IS NULL OR at >= ?1) AND (?2 IS NULL OR actor = ?2)
                  AND (?3 IS NULL OR action = ?3 OR substr(action, 1, length(?4)) = ?4) AND (?5 IS NULL OR target = ?5)
                ORDER BY seq DESC LIMIT ?6)
             ORDER BY seq",
        )?;
        let limit = filter
            .limit
            .map_or(-1, |n| i64::try_from(n).unwrap_or(i64::MAX));
        let rows = stmt.query_map(
            params![
                filter.since.map(|t| t.as_second()),
                filter.actor,
                filter.action,
                action_family,
                filter.target,
                limit
            ],
            event_from_row,
        )?;
        for event in rows {
            f(event?)?;
        }
        Ok(())
    }

    /// The stored hash of event `seq`, if there is such an event.
    ///
    /// # Errors
    /// Store failures.
    pub fn audit_event_hash(&self, seq: i64) -> Result<Option<String>> {
        Ok(self
            .tx
            .query_row(
                "SELECT CAST(hash AS TEXT) FROM audit_events WHERE seq = ?1",
                [seq],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Checks the whole chain. Returns the number of events and the head hash, or the
    /// first break.
    pub fn verify_audit_chain(&self) -> Result<std::result::Result<(i64, String), ChainBreak>> {
        let mut stmt = self.tx.prepare(
            // CAST: a row edited to hold another type must read as a mismatch, not fail.
            "SELECT seq, CAST(at AS INTEGER), CAST(actor AS TEXT), CAST(action AS TEXT),
                    CAST(target AS TEXT), CAST(details AS TEXT), CAST(prev_hash AS TEXT),
                    CAST(hash AS TEXT)
             FROM audit_events ORDER BY seq",
        )?;
        let mut rows = stmt.query([])?;
        let mut expected_seq = 1;
        let mut prev = GENESIS_HASH.to_owned();
        while let Some(r) = rows.next()? {
            let seq: i64 = r.get(0)?;
            let broken = |problem: String| Ok(Err(ChainBreak { seq, problem }));
            if seq != expected_seq {
                return broken(format!(
                    "expected event #{expected_seq} next, found #{seq}: events were removed or renumbered"
                ));
            }
            let stored_prev: String = r.get(6)?;
            if stored_prev != prev {
                return broken("it does not link to the event before it".into());
            }
            let hash = event_hash(
                seq,
                r.get(1)?,
                &r.get::<_, String>(2)?,
                &r.get::<_, String>(3)?,
                &r.get::<_, String>(4)?,
                &r.get::<_, String>(5)?,
                &stored_prev,
            );
            let stored_hash: String = r.get(7)?;
            if stored_hash != hash {
                return broken("its content does not match its hash: it was altered".into());
            }
            prev = stored_hash;
            expected_seq += 1;
        }
        Ok(Ok((expected_seq - 1, prev)))
    }
}
