//! SQL for the `api_keys` table.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use super::Tx;
use super::sql::{Row, params};
use crate::error::{DbError, Entity, Error, Result};
use crate::model::{ApiKey, Client, KeyStatus, RateLimit, Status};
use crate::time::from_unix;
use jiff::Timestamp;

/// The derived status as SQL, given `?1` = now (Unix seconds). Must agree with
/// [`KeyStatus`]'s documented precedence: revoked, expired, disabled, active.
const STATUS_SQL: &str = "CASE
    WHEN k.revoked_at IS NOT NULL THEN 'revoked'
    WHEN k.expires_at IS NOT NULL AND k.expires_at <= ?1 THEN 'expired'
    WHEN k.disabled = 1 OR c.disabled = 1 THEN 'disabled'
    ELSE 'active' END";

/// A live key, given `?1` = now: usable but for its client's status and its limits.
const LIVE_SQL: &str = "k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > ?1)
    AND k.disabled = 0";

/// The `WHERE` clause of a [`KeyFilter`], over `api_keys k JOIN clients c`, with `?1` =
/// now, `?2` client, `?3` status, `?4` expiring by, `?5` unused since, `?6` live only.
fn key_filter_sql(filter: &KeyFilter) -> String {
    // A plain `k.client_id = ?2` lets SQLite use the index; `?2 IS NULL OR ...`
    // would scan every key for every client (apply walks all clients).
    // The CASTs give PostgreSQL the type of a parameter it cannot infer from `IS NULL`.
    let client_clause = if filter.client_id.is_some() {
        "k.client_id = ?2"
    } else {
        "CAST(?2 AS BIGINT) IS NULL"
    };
    format!(
        "{client_clause} AND (CAST(?3 AS TEXT) IS NULL OR ({STATUS_SQL}) = ?3)
           AND (?6 = 0 OR ({LIVE_SQL}))
           AND (CAST(?4 AS BIGINT) IS NULL OR (k.expires_at IS NOT NULL AND k.expires_at <= ?4))
           AND (CAST(?5 AS BIGINT) IS NULL OR coalesce(k.last_used_at, k.created_at) <= ?5)"
    )
}

/// `(live, expiring_by, unused_since)` of a filter, as bound to `?6`, `?4`, `?5`.
fn filter_params(filter: &KeyFilter) -> (bool, Option<i64>, Option<i64>) {
    let live = filter.live || filter.expiring_by.is_some() || filter.unused_since.is_some();
    (
        live,
        filter.expiring_by.map(|t| t.as_second()),
        filter.unused_since.map(|t| t.as_second()),
    )
}

/// The columns of a new key's row, in the order of [`Tx::insert_key`]'s values.
const KEY_INSERT_COLUMNS: &str = "id, client_id, secret_sha256, prefix, hint, label, created_at,
    expires_at, max_uses, allowed_ips, metadata, rotated_from, imported, rate_limit,
    rate_window_secs";

/// Columns read by [`key_from_row`], over `api_keys k JOIN clients c`.
static KEY_COLUMNS: LazyLock<String> = LazyLock::new(|| {
    format!(
        "k.id, c.name, k.label, k.prefix, k.hint, {STATUS_SQL}, k.created_at, k.expires_at,
         k.revoked_at, k.revoked_reason, k.disabled, k.use_count, k.max_uses, k.last_used_at,
         k.allowed_ips, k.metadata, k.rotated_from, k.imported, k.rate_limit, k.rate_window_secs"
    )
});

/// The verification lookup: one probe of the unique index on `secret_sha256`, plus the
/// client's status, ids, roles and grants. Built once; the statement is cached per connection.
static KEY_BY_HASH: LazyLock<String> = LazyLock::new(|| {
    format!(
        "SELECT {}, c.disabled, c.id, c.public_id,
             (SELECT json_group_array(name) FROM (SELECT r.name FROM client_roles cr
                 JOIN roles r ON r.id = cr.role_id WHERE cr.client_id = c.id ORDER BY r.name) AS s),
             (SELECT json_group_array(pattern) FROM (SELECT DISTINCT g.pattern
                 FROM client_roles h JOIN role_grants g ON g.role_id = h.role_id
                 WHERE h.client_id = c.id ORDER BY g.pattern) AS s),
             (SELECT json_group_array(name) FROM (SELECT name FROM permissions
                 ORDER BY name) AS s)
         FROM api_keys k JOIN clients c ON c.id = k.client_id
         WHERE k.secret_sha256 = ?2",
        *KEY_COLUMNS
    )
});

fn key_from_row(row: &Row) -> Result<ApiKey> {
    let status = match row.get::<String>(5)?.as_str() {
        "revoked" => KeyStatus::Revoked,
        "expired" => KeyStatus::Expired,
        "disabled" => KeyStatus::Disabled,
        _ => KeyStatus::Active,
    };
    // A stored value that does not parse fails the read: a corrupt allow-list must never
    // be taken for "any address".
    // The message names the key and the column, so that the row can be found.
    fn json_column<T: serde::de::DeserializeOwned>(
        row: &Row,
        index: usize,
        column: &str,
    ) -> Result<T> {
        let text: String = row.get(index)?;
        serde_json::from_str(&text).map_err(|e| {
            let id: String = row.get(0).unwrap_or_default();
            Error::from(DbError::Decode(format!(
                "key {id}'s stored {column} does not parse ({e}); the key is refused: fix the row or restore a backup"
            )))
        })
    }
    Ok(ApiKey {
        id: row.get(0)?,
        client: row.get(1)?,
        label: row.get(2)?,
        prefix: row.get(3)?,
        hint: row.get(4)?,
        status,
        created_at: from_unix(row.get(6)?),
        expires_at: row.get::<Option<i64>>(7)?.map(from_unix),
        revoked_at: row.get::<Option<i64>>(8)?.map(from_unix),
        revoked_reason: row.get(9)?,
        disabled: row.get(10)?,
        use_count: row.get(11)?,
        max_uses: row.get(12)?,
        last_used_at: row.get::<Option<i64>>(13)?.map(from_unix),
        allowed_ips: json_column(row, 14, "allowed_ips")?,
        metadata: json_column(row, 15, "metadata")?,
        rotated_from: row.get(16)?,
        imported: row.get(17)?,
        rate_limit: match (row.get::<Option<u64>>(18)?, row.get::<Option<u64>>(19)?) {
            (Some(limit), Some(window_secs)) => Some(RateLimit { limit, window_secs }),
            _ => None,
        },
    })
}

/// What a new key row holds besides generated fields.
#[derive(Debug, Clone, Default)]
pub struct NewKeyRow {
    /// Public id.
    pub id: String,
    /// Lowercase hex SHA-256 of the secret.
    pub sha256: String,
    /// Key prefix.
    pub prefix: String,
    /// Non-secret hint.
    pub hint: String,
    /// Free-text label.
    pub label: String,
    /// Expiry, if any.
    pub expires_at: Option<Timestamp>,
    /// Usage cap, if any.
    pub max_uses: Option<u64>,
    /// Canonical CIDR strings.
    pub allowed_ips: Vec<String>,
    /// Metadata returned on a valid verify.
    pub metadata: BTreeMap<String, String>,
    /// Id of the key this one replaces.
    pub rotated_from: Option<String>,
    /// Brought in by `key import`.
    pub imported: bool,
    /// Rate limit, if any.
    pub rate_limit: Option<RateLimit>,
}

/// Which keys `key list` and the reports show.
#[derive(Debug, Clone, Default)]
pub struct KeyFilter {
    /// Only this client's keys.
    pub client_id: Option<i64>,
    /// Only keys of this status.
    pub status: Option<KeyStatus>,
    /// Only live keys (neither revoked, expired nor disabled themselves; the client's
    /// status does not count) that expire no later than this.
    pub expiring_by: Option<Timestamp>,
    /// Only live keys last used (or, never used, created) no later than this.
    pub unused_since: Option<Timestamp>,
    /// Only live keys, whatever the client's status (used by apply and export).
    pub live: bool,
}

/// What verification needs about a key, read with one indexed lookup by hash.
#[derive(Debug, Clone)]
pub struct VerifyRow {
    /// The key record (status derived at the transaction's time).
    pub key: ApiKey,
    /// Whether the client is disabled (the key's status also says so).
    pub client_disabled: bool,
    /// The client's row id.
    pub client_row: i64,
    /// The client's public id.
    pub client_id: String,
    /// The client's roles, sorted.
    pub client_roles: Vec<String>,
    /// The grant patterns of those roles, sorted.
    pub client_grants: Vec<String>,
    /// The defined permissions those grants cover, sorted (as
    /// [`Tx::expand_grants`], read in the same query: on PostgreSQL a round trip less).
    pub permissions: Vec<String>,
}

impl Tx<'_> {
    /// Which of `hashes` (lowercase hex SHA-256) are stored, in one query per 500.
    ///
    /// # Errors
    /// Store failures.
    pub fn stored_hashes(&self, hashes: &[String]) -> Result<std::collections::HashSet<String>> {
        let mut stored = std::collections::HashSet::new();
        for chunk in hashes.chunks(500) {
            let marks: Vec<String> = (1..=chunk.len()).map(|i| format!("?{i}")).collect();
            let args: Vec<&dyn super::sql::Param> =
                chunk.iter().map(|h| h as &dyn super::sql::Param).collect();
            for row in self.query_all(
                &format!(
                    "SELECT secret_sha256 FROM api_keys WHERE secret_sha256 IN ({})",
                    marks.join(", ")
                ),
                &args,
            )? {
                stored.insert(row.get(0)?);
            }
        }
        Ok(stored)
    }

    /// Stores a new key for `client` and returns its record. The caller knows its hash
    /// is not stored: a generated secret (256 random bits), or an imported key checked
    /// with [`Tx::stored_hashes`] in this write transaction. On PostgreSQL the row goes
    /// in with the next batch (see `Tx::insert_soon`).
    ///
    /// # Errors
    /// Store failures (a stored hash would fail the transaction through the unique
    /// index).
    pub fn insert_key(&self, client: &Client, new: &NewKeyRow) -> Result<ApiKey> {
        let allowed_ips = serde_json::to_string(&new.allowed_ips).unwrap_or_else(|_| "[]".into());
        let metadata = serde_json::to_string(&new.metadata).unwrap_or_else(|_| "{}".into());
        let (created_at, expires_at) =
            (self.now.as_second(), new.expires_at.map(|t| t.as_second()));
        let (rate_limit, rate_window) = (
            new.rate_limit.map(|r| r.limit),
            new.rate_limit.map(|r| r.window_secs),
        );
        let row = params![
            new.id,
            client.row,
            new.sha256,
            new.prefix,
            new.hint,
            new.label,
            created_at,
            expires_at,
            new.max_uses,
            allowed_ips,
            metadata,
            new.rotated_from,
            new.imported,
            rate_limit,
            rate_window,
        ];
        self.insert_soon("api_keys", KEY_INSERT_COLUMNS, Row::of(row))?;
        // Built rather than re-read: bulk creation (apply, import) stays one statement a key.
        Ok(ApiKey {
            id: new.id.clone(),
            client: client.name.clone(),
            label: new.label.clone(),
            prefix: new.prefix.clone(),
            hint: new.hint.clone(),
            status: match client.status {
                Status::Active => KeyStatus::Active,
                Status::Disabled => KeyStatus::Disabled,
            },
            created_at: self.now,
            expires_at: new.expires_at,
            revoked_at: None,
            revoked_reason: None,
            disabled: false,
            use_count: 0,
            max_uses: new.max_uses,
            last_used_at: None,
            allowed_ips: new.allowed_ips.clone(),
            metadata: new.metadata.clone(),
            rotated_from: new.rotated_from.clone(),
            imported: new.imported,
            rate_limit: new.rate_limit,
        })
    }

    /// Looks a key up by its public id.
    ///
    /// # Errors
    /// [`Error::NotFound`] naming the id and how to list keys.
    pub fn key(&self, id: &str) -> Result<ApiKey> {
        let sql = format!(
            "SELECT {} FROM api_keys k JOIN clients c ON c.id = k.client_id WHERE k.id = ?2",
            *KEY_COLUMNS
        );
        self.query_opt(&sql, params![self.now.as_second(), id])?
            .map(|row| key_from_row(&row))
            .transpose()?
            .ok_or_else(|| Error::not_found(Entity::Key, id))
    }

    /// Lists keys, newest first.
    pub fn list_keys(&self, filter: &KeyFilter) -> Result<Vec<ApiKey>> {
        let mut keys = Vec::new();
        self.for_each_key(filter, |key| {
            keys.push(key);
            Ok(())
        })?;
        Ok(keys)
    }

    /// Calls `f` with each key [`Tx::list_keys`] would return, one row at a time.
    pub fn for_each_key(
        &self,
        filter: &KeyFilter,
        f: impl FnMut(ApiKey) -> Result<()>,
    ) -> Result<()> {
        self.keys_where(filter, None, f)
    }

    /// The newest `limit` keys [`Tx::list_keys`] would return (a page of a long list).
    pub fn newest_keys(&self, filter: &KeyFilter, limit: u64) -> Result<Vec<ApiKey>> {
        let mut keys = Vec::new();
        self.keys_where(filter, Some(limit), |key| {
            keys.push(key);
            Ok(())
        })?;
        Ok(keys)
    }

    /// How many keys [`Tx::list_keys`] would return, counted by the store.
    pub fn count_matching_keys(&self, filter: &KeyFilter) -> Result<u64> {
        let sql = format!(
            "SELECT count(*) FROM api_keys k JOIN clients c ON c.id = k.client_id WHERE {}",
            key_filter_sql(filter)
        );
        let (live, expiring, unused) = filter_params(filter);
        self.query_one(
            &sql,
            params![
                self.now.as_second(),
                filter.client_id,
                filter.status.map(KeyStatus::as_str),
                expiring,
                unused,
                live,
            ],
        )?
        .get(0)
    }

    fn keys_where(
        &self,
        filter: &KeyFilter,
        limit: Option<u64>,
        mut f: impl FnMut(ApiKey) -> Result<()>,
    ) -> Result<()> {
        let sql = format!(
            "SELECT {} FROM api_keys k JOIN clients c ON c.id = k.client_id
             WHERE {}
             ORDER BY k.created_at DESC, k.rowid DESC LIMIT ?7",
            *KEY_COLUMNS,
            key_filter_sql(filter)
        );
        let (live, expiring, unused) = filter_params(filter);
        // No limit is the largest one (PostgreSQL refuses SQLite's `LIMIT -1`).
        let limit = limit.unwrap_or(u64::MAX);
        self.query_each(
            &sql,
            params![
                self.now.as_second(),
                filter.client_id,
                filter.status.map(KeyStatus::as_str),
                expiring,
                unused,
                live,
                limit,
            ],
            |row| {
                f(key_from_row(&row)?)?;
                Ok(true)
            },
        )
    }

    /// Finds the key whose secret hashes to `sha256` (one query: a lookup on a unique
    /// index, with the client's roles and grants and the permissions they cover).
    pub fn key_by_hash(&self, sha256: &str) -> Result<Option<VerifyRow>> {
        let Some(row) = self.query_opt(&KEY_BY_HASH, params![self.now.as_second(), sha256])? else {
            return Ok(None);
        };
        let client_grants = super::json_list(&row.get::<String>(24)?);
        Ok(Some(VerifyRow {
            key: key_from_row(&row)?,
            client_disabled: row.get(20)?,
            client_row: row.get(21)?,
            client_id: row.get(22)?,
            client_roles: super::json_list(&row.get::<String>(23)?),
            permissions: super::access::covered(
                super::json_list(&row.get::<String>(25)?),
                &client_grants,
            ),
            client_grants,
        }))
    }

    /// The key that replaced `id` by rotation, if any.
    pub fn successor_of(&self, id: &str) -> Result<Option<String>> {
        self.query_opt(
            "SELECT id FROM api_keys WHERE rotated_from = ?1 LIMIT 1",
            params![id],
        )?
        .map(|r| r.get(0))
        .transpose()
    }

    /// Records uses of uncapped keys, as (key id, count, last use): adds each count to
    /// `use_count` and sets `last_used_at` (never moving it back).
    ///
    /// # Errors
    /// Store failures.
    pub fn record_uses(&self, uses: &[(&str, u64, Timestamp)]) -> Result<()> {
        // Up to 300 keys per statement: one round trip each on PostgreSQL, where a
        // server's flush of thousands of keys would otherwise be thousands of them. Four
        // batch sizes only, so that a few prepared statements serve every flush.
        let mut rest = uses;
        while !rest.is_empty() {
            let size = [300, 64, 8, 1]
                .into_iter()
                .find(|&size| size <= rest.len())
                .unwrap_or(1);
            let (chunk, tail) = rest.split_at(size);
            rest = tail;
            let rows: Vec<String> = (0..chunk.len())
                .map(|i| {
                    let (id, n, at) = (3 * i + 1, 3 * i + 2, 3 * i + 3);
                    format!("SELECT CAST(?{id} AS TEXT) AS id, CAST(?{n} AS BIGINT) AS n, CAST(?{at} AS BIGINT) AS at")
                })
                .collect();
            let values: Vec<(String, u64, i64)> = chunk
                .iter()
                .map(|(id, count, at)| ((*id).to_owned(), *count, at.as_second()))
                .collect();
            let args: Vec<&dyn super::sql::Param> = values
                .iter()
                .flat_map(|(id, n, at)| [id as &dyn super::sql::Param, n, at])
                .collect();
            self.exec(
                &format!(
                    "UPDATE api_keys SET use_count = use_count + u.n, last_used_at = {}
                     FROM ({}) AS u WHERE api_keys.id = u.id",
                    later_use("u.at"),
                    rows.join(" UNION ALL ")
                ),
                &args,
            )?;
        }
        Ok(())
    }

    /// Records one use of a capped key if its cap allows: one conditional `UPDATE`, so
    /// that the cap holds across processes. Returns whether the use was counted.
    ///
    /// # Errors
    /// Store failures.
    pub fn record_capped_use(&self, id: &str, at: Timestamp) -> Result<bool> {
        let changed = self.exec(
            &format!(
                "UPDATE api_keys SET use_count = use_count + 1, last_used_at = {}
                 WHERE id = ?1 AND (max_uses IS NULL OR use_count < max_uses)",
                later_use("?2")
            ),
            params![id, at.as_second()],
        )?;
        Ok(changed == 1)
    }

    /// Revokes a key now, with an optional reason.
    pub fn revoke_key(&self, id: &str, reason: Option<&str>) -> Result<ApiKey> {
        self.exec(
            "UPDATE api_keys SET revoked_at = ?2, revoked_reason = ?3 WHERE id = ?1",
            params![id, self.now.as_second(), reason],
        )?;
        self.key(id)
    }

    /// Disables or re-enables a key (reversible, unlike revocation).
    pub fn set_key_disabled(&self, id: &str, disabled: bool) -> Result<ApiKey> {
        self.exec(
            "UPDATE api_keys SET disabled = ?2 WHERE id = ?1",
            params![id, disabled],
        )?;
        self.key(id)
    }

    /// Sets or clears a key's rate limit.
    pub fn set_key_rate_limit(&self, id: &str, rate_limit: Option<RateLimit>) -> Result<ApiKey> {
        self.exec(
            "UPDATE api_keys SET rate_limit = ?2, rate_window_secs = ?3 WHERE id = ?1",
            params![
                id,
                rate_limit.map(|r| r.limit),
                rate_limit.map(|r| r.window_secs)
            ],
        )?;
        self.key(id)
    }

    /// Sets a key's expiry time.
    pub fn set_key_expiry(&self, id: &str, expires_at: Timestamp) -> Result<ApiKey> {
        self.exec(
            "UPDATE api_keys SET expires_at = ?2 WHERE id = ?1",
            params![id, expires_at.as_second()],
        )?;
        self.key(id)
    }
}

/// `last_used_at` moved to `at` unless it is later already (never back); SQLite's `max`
/// and PostgreSQL's `greatest` differ, a `CASE` is the same on both.
fn later_use(at: &str) -> String {
    format!("CASE WHEN last_used_at IS NULL OR last_used_at < {at} THEN {at} ELSE last_used_at END")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    #[test]
    fn uses_are_recorded_in_batches_of_every_size() {
        let mut store = Store::open_in_memory().unwrap();
        let at = crate::time::now();
        // 373 = 300 + 64 + 8 + 1: every batch size once.
        let ids: Vec<String> = (0..373).map(|i| format!("key{i:04}")).collect();
        store
            .write(|tx| {
                let client = tx.insert_client("c", "")?;
                for (i, id) in ids.iter().enumerate() {
                    let row = NewKeyRow {
                        id: id.clone(),
                        sha256: format!("{i:064x}"),
                        ..NewKeyRow::default()
                    };
                    tx.insert_key(&client, &row)?;
                }
                let uses: Vec<(&str, u64, Timestamp)> = ids
                    .iter()
                    .enumerate()
                    .map(|(i, id)| (id.as_str(), i as u64 + 1, at))
                    .collect();
                tx.record_uses(&uses)?;
                tx.record_uses(&uses[..1])
            })
            .unwrap();
        store
            .read(|tx| {
                assert_eq!(tx.key("key0000")?.use_count, 2);
                assert_eq!(tx.key("key0372")?.use_count, 373);
                assert_eq!(tx.key("key0300")?.last_used_at, Some(at));
                Ok(())
            })
            .unwrap();
    }
}
