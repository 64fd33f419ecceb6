//! Copying a whole store, between engines or within one: `apikey store copy`, and
//! backups and restores of a PostgreSQL store (which are SQLite files).

use super::sql::{Arg, Param, Row, Value};
use super::{Conn, Store, Tx};
use crate::error::{DbError, Error, Result};

/// Every table of schema version 5 with its columns, parents before children, and the
/// order its rows are copied in (`api_keys` by `rowid`: its insertion order, which
/// `key list` uses to order keys created in the same second).
const TABLES: &[(&str, &str, &str)] = &[
    (
        "clients",
        "id, public_id, name, description, disabled, created_at, updated_at",
        "id",
    ),
    (
        "api_keys",
        "id, client_id, secret_sha256, prefix, hint, label, created_at, expires_at, revoked_at,
         revoked_reason, disabled, max_uses, use_count, last_used_at, allowed_ips, metadata,
         rotated_from, imported, rate_limit, rate_window_secs",
        "rowid",
    ),
    (
        "permissions",
        "id, public_id, name, description, created_at",
        "id",
    ),
    (
        "roles",
        "id, public_id, name, description, created_at",
        "id",
    ),
    ("role_grants", "role_id, pattern", "role_id, pattern"),
    ("client_roles", "client_id, role_id", "client_id, role_id"),
    (
        "users",
        "id, public_id, email, name, password_hash, disabled, created_at, updated_at,
         last_login_at",
        "id",
    ),
    ("user_roles", "user_id, role_id", "user_id, role_id"),
    (
        "audit_events",
        "seq, at, actor, action, target, details, prev_hash, hash",
        "seq",
    ),
    (
        "console_sessions",
        "id_sha256, user_id, created_at, last_seen_at",
        "id_sha256",
    ),
];

/// Rows per [`insert_rows`] call: one round trip per batch rather than per row; 200 rows
/// of 20 columns stay far below SQLite's limit on bound parameters.
const BATCH_ROWS: usize = 200;

/// What [`copy_store`] copied: (table, rows), in copy order.
pub type CopySummary = Vec<(&'static str, u64)>;

/// Copies every row of `from` into `to` — ids, grants, users, sessions and the audit
/// chain unchanged, so `audit verify` passes on the copy — in one read snapshot of `from`
/// and one transaction on `to`: a failed copy leaves `to` as it was. `progress` is called
/// with (rows copied, rows in all) as the copy goes.
///
/// With `replace`, `to`'s content is deleted first, in the same transaction (a restore);
/// otherwise `to` must hold no row at all.
///
/// # Errors
/// [`Error::Conflict`] if `to` is not empty (without `replace`); [`Error::Database`] for
/// a stored value of a type no column holds, and store failures.
pub fn copy_store(
    from: &mut Store,
    to: &mut Store,
    replace: bool,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<CopySummary> {
    from.read(|source| {
        let mut total = 0;
        for (table, _, _) in TABLES {
            total += source
                .query_one(&format!("SELECT count(*) FROM {table}"), &[])?
                .get::<u64>(0)?;
        }
        progress(0, total);
        to.write(|target| {
            if replace {
                for (table, _, _) in TABLES.iter().rev() {
                    target.exec(&format!("DELETE FROM {table}"), &[])?;
                }
            } else {
                for (table, _, _) in TABLES {
                    let rows: u64 = target
                        .query_one(&format!("SELECT count(*) FROM {table}"), &[])?
                        .get(0)?;
                    if rows > 0 {
                        return Err(Error::conflict(format!(
                            "the target store is not empty (its {table} table has {rows} rows); copy into a new SQLite path or a database without an apikey store"
                        )));
                    }
                }
            }
            let mut done = 0;
            let mut summary = Vec::new();
            for (table, columns, order) in TABLES {
                let mut batch: Vec<Row> = Vec::with_capacity(BATCH_ROWS);
                let mut copied = 0;
                source.query_each(
                    &format!("SELECT {columns} FROM {table} ORDER BY {order}"),
                    &[],
                    |row| {
                        batch.push(row);
                        if batch.len() == BATCH_ROWS {
                            insert_rows(target, table, columns, &batch)?;
                            copied += batch.len() as u64;
                            batch.clear();
                            progress(done + copied, total);
                        }
                        Ok(true)
                    },
                )?;
                insert_rows(target, table, columns, &batch)?;
                copied += batch.len() as u64;
                done += copied;
                progress(done, total);
                summary.push((*table, copied));
            }
            target.after_copy()?;
            Ok(summary)
        })
    })
}

/// Inserts `rows` into `table`: one binary `COPY` on PostgreSQL, one multi-row `INSERT`
/// on SQLite.
///
/// # Errors
/// [`Error::Database`] for a value of a type no column holds (a hostile or altered
/// source store), and store failures.
pub(super) fn insert_rows<R: std::borrow::Borrow<Row>>(
    tx: &Tx<'_>,
    table: &str,
    columns: &str,
    rows: &[R],
) -> Result<()> {
    for row in rows {
        for (c, value) in row.borrow().0.iter().enumerate() {
            if let Value::Other(kind) = value {
                return Err(Error::from(DbError::Decode(format!(
                    "a row of {table} holds {kind} in column {c}, which apikey never stores: the source store was altered"
                ))));
            }
        }
    }
    let Some(first) = rows.first() else {
        return Ok(());
    };
    if let Conn::Postgres(pg) = &tx.conn {
        tx.flush()?;
        return pg.copy_in(table, columns, rows);
    }
    let width = first.borrow().len();
    let mut sql = format!("INSERT INTO {table} ({columns}) VALUES ");
    let mut args: Vec<&dyn Param> = Vec::with_capacity(rows.len() * width);
    for (r, row) in rows.iter().enumerate() {
        sql.push_str(if r == 0 { "(" } else { ", (" });
        for (c, value) in row.borrow().0.iter().enumerate() {
            if c > 0 {
                sql.push_str(", ");
            }
            sql.push_str(&format!("?{}", args.len() + 1));
            args.push(value);
        }
        sql.push(')');
    }
    tx.exec(&sql, &args)?;
    Ok(())
}

impl Param for Value {
    fn arg(&self) -> Arg<'_> {
        match self {
            Value::Int(i) => Arg::Int(*i),
            Value::Text(s) => Arg::Text(s),
            Value::Null | Value::Other(_) => Arg::Null,
        }
    }
}

impl Tx<'_> {
    /// After rows were inserted with their ids: PostgreSQL's identity sequences move past
    /// them (SQLite picks the next rowid from the table itself).
    fn after_copy(&self) -> Result<()> {
        match &self.conn {
            Conn::Sqlite(_) => Ok(()),
            Conn::Postgres(tx) => tx.after_copy(),
        }
    }
}
