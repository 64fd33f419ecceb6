//! SQL for the hash-chained audit log.
//!
//! Each event's `hash` is the lowercase hex SHA-256 of the compact JSON array
//! `[seq, at, actor, action, target, details, prev_hash]`, where `details` is the stored
//! JSON text and `prev_hash` the previous event's hash (64 zeros for the first). Changing,
//! removing or reordering an event breaks every hash after it.

use jiff::Timestamp;
use serde::Serialize;
use serde_json::Value;

use super::Tx;
use super::sql::{Row, params};
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

fn event_from_row(r: &Row) -> Result<AuditEvent> {
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
                .query_opt(
                    "SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1",
                    params![],
                )?
                .map(|r| Ok::<_, Error>((r.get(0)?, r.get(1)?)))
                .transpose()?,
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
        self.insert_soon(
            "audit_events",
            "seq, at, actor, action, target, details, prev_hash, hash",
            Row::of(params![
                seq, at, self.actor, action, target, details, prev, hash
            ]),
        )?;
        *self.audit_head.borrow_mut() = Some((seq, hash));
        Ok(())
    }

    /// The times of the recent `user.login_failed` events for `email` that count
    /// towards a lockout (not those of attempts refused as locked), newest first: those
    /// at or after `since`, looking back through at most `max_scan` such events of any
    /// email (the log is read newest first through the action index).
    pub fn login_failures(&self, email: &str, since: i64, max_scan: usize) -> Result<Vec<i64>> {
        let mut times = Vec::new();
        let mut scanned = 0;
        self.query_each(
            "SELECT at, target, details FROM audit_events WHERE action = ?1 ORDER BY seq DESC",
            params![Action::UserLoginFailed.as_str()],
            |row| {
                let at: i64 = row.get(0)?;
                if scanned == max_scan || at < since {
                    return Ok(false);
                }
                scanned += 1;
                let target: String = row.get(1)?;
                if target == email {
                    // The reason is read here, not with SQL's JSON functions, which the
                    // two engines spell differently.
                    let details: Value =
                        serde_json::from_str(&row.get::<String>(2)?).unwrap_or(Value::Null);
                    if details.get("reason").and_then(Value::as_str) != Some("locked") {
                        times.push(at);
                    }
                }
                Ok(true)
            },
        )?;
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
        self.query_each(
            "SELECT * FROM (
                SELECT seq, at, actor, action, target, details, prev_hash, hash FROM audit_events
                WHERE (CAST(?1 AS BIGINT) IS NULL OR at >= ?1) AND (CAST(?2 AS TEXT) IS NULL OR actor = ?2)
                  AND (CAST(?3 AS TEXT) IS NULL OR action = ?3
                       OR substr(action, 1, length(CAST(?4 AS TEXT))) = ?4)
                  AND (CAST(?5 AS TEXT) IS NULL OR target = ?5)
                ORDER BY seq DESC LIMIT ?6) AS recent
             ORDER BY seq",
            params![
                filter.since.map(|t| t.as_second()),
                filter.actor,
                filter.action,
                action_family,
                filter.target,
                filter.limit.unwrap_or(u64::MAX)
            ],
            |row| {
                f(event_from_row(&row)?)?;
                Ok(true)
            },
        )
    }

    /// The stored hash of event `seq`, if there is such an event.
    ///
    /// # Errors
    /// Store failures.
    pub fn audit_event_hash(&self, seq: i64) -> Result<Option<String>> {
        self.query_opt(
            "SELECT CAST(hash AS TEXT) FROM audit_events WHERE seq = ?1",
            params![seq],
        )?
        .map(|r| r.get(0))
        .transpose()
    }

    /// Checks the whole chain. Returns the number of events and the head hash, or the
    /// first break.
    pub fn verify_audit_chain(&self) -> Result<std::result::Result<(i64, String), ChainBreak>> {
        let mut expected_seq = 1;
        let mut prev = GENESIS_HASH.to_owned();
        let mut found = None;
        self.query_each(
            // CAST: a row edited to hold another type must read as a mismatch, not fail.
            "SELECT seq, CAST(at AS BIGINT), CAST(actor AS TEXT), CAST(action AS TEXT),
                    CAST(target AS TEXT), CAST(details AS TEXT), CAST(prev_hash AS TEXT),
                    CAST(hash AS TEXT)
             FROM audit_events ORDER BY seq",
            params![],
            |r| {
                let seq: i64 = r.get(0)?;
                let mut broken = |problem: String| {
                    found = Some(ChainBreak { seq, problem });
                    Ok(false)
                };
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
                    &r.get::<String>(2)?,
                    &r.get::<String>(3)?,
                    &r.get::<String>(4)?,
                    &r.get::<String>(5)?,
                    &stored_prev,
                );
                let stored_hash: String = r.get(7)?;
                if stored_hash != hash {
                    return broken("its content does not match its hash: it was altered".into());
                }
                prev = stored_hash;
                expected_seq += 1;
                Ok(true)
            },
        )?;
        Ok(match found {
            Some(chain_break) => Err(chain_break),
            None => Ok((expected_seq - 1, prev)),
        })
    }
}
