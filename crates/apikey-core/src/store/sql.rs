//! The one seam between the entity modules' SQL and the two engines: arguments bound to
//! statements ([`Arg`]), values read back ([`Value`], [`Row`]), and the `?N` placeholders
//! every statement uses (PostgreSQL spells them `$N`).
//!
//! Both engines see the same statements, written in the SQL they share. Where they differ
//! the difference lives in the engine's own schema rather than in the statements: the
//! PostgreSQL schema (`migrations/postgres/`) defines a `json_group_array` aggregate and
//! gives `api_keys` a `rowid` column, as SQLite has them built in.

use crate::error::{DbError, Error, Result};

/// A value bound to a statement's placeholder.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Arg<'a> {
    Null,
    Int(i64),
    Text(&'a str),
}

/// Anything that binds as an [`Arg`]: integers, booleans (0 or 1), strings, and options
/// of them (`None` is NULL).
pub(crate) trait Param {
    fn arg(&self) -> Arg<'_>;
}

impl Param for i64 {
    fn arg(&self) -> Arg<'_> {
        Arg::Int(*self)
    }
}

impl Param for u64 {
    fn arg(&self) -> Arg<'_> {
        // Counts and limits are far below i64::MAX; saturate rather than wrap.
        Arg::Int(i64::try_from(*self).unwrap_or(i64::MAX))
    }
}

impl Param for bool {
    fn arg(&self) -> Arg<'_> {
        Arg::Int(i64::from(*self))
    }
}

impl Param for str {
    fn arg(&self) -> Arg<'_> {
        Arg::Text(self)
    }
}

impl Param for String {
    fn arg(&self) -> Arg<'_> {
        Arg::Text(self)
    }
}

impl<T: Param + ?Sized> Param for &T {
    fn arg(&self) -> Arg<'_> {
        (**self).arg()
    }
}

impl<T: Param> Param for Option<T> {
    fn arg(&self) -> Arg<'_> {
        self.as_ref().map_or(Arg::Null, Param::arg)
    }
}

/// The arguments of a statement, in placeholder order: `params![a, b]` binds `?1`, `?2`.
macro_rules! params {
    ($($p:expr),* $(,)?) => {
        &[$(&$p as &dyn $crate::store::sql::Param),*] as &[&dyn $crate::store::sql::Param]
    };
}
pub(crate) use params;

/// A value read from a row.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Null,
    Int(i64),
    Text(String),
    /// Anything else (a real or a blob in a row edited by hand): it reads as no type.
    Other(&'static str),
}

impl Value {
    fn kind(&self) -> &'static str {
        match self {
            Value::Null => "NULL",
            Value::Int(_) => "an integer",
            Value::Text(_) => "text",
            Value::Other(kind) => kind,
        }
    }
}

/// A row read by a query: its columns' values, in order.
#[derive(Debug)]
pub(crate) struct Row(pub(crate) Vec<Value>);

impl Row {
    /// Column `index` as `T`.
    ///
    /// # Errors
    /// [`Error::Database`] if the column is missing or holds another type.
    pub(crate) fn get<T: FromValue>(&self, index: usize) -> Result<T> {
        let value = self.0.get(index).unwrap_or(&Value::Null);
        T::from_value(value).ok_or_else(|| {
            Error::from(DbError::Decode(format!(
                "column {index} holds {}, not {}",
                value.kind(),
                T::EXPECTED
            )))
        })
    }

    /// A row of the values `params` bind (to insert it later).
    pub(crate) fn of(params: &[&dyn Param]) -> Row {
        Row(params
            .iter()
            .map(|p| match p.arg() {
                Arg::Null => Value::Null,
                Arg::Int(i) => Value::Int(i),
                Arg::Text(s) => Value::Text(s.to_owned()),
            })
            .collect())
    }

    /// The number of columns.
    pub(crate) fn len(&self) -> usize {
        self.0.len()
    }
}

/// Types a [`Value`] converts to.
pub(crate) trait FromValue: Sized {
    /// What the type needs, for error messages.
    const EXPECTED: &'static str;
    fn from_value(value: &Value) -> Option<Self>;
}

impl FromValue for i64 {
    const EXPECTED: &'static str = "an integer";
    fn from_value(value: &Value) -> Option<Self> {
        match value {
            Value::Int(i) => Some(*i),
            _ => None,
        }
    }
}

impl FromValue for u64 {
    const EXPECTED: &'static str = "a non-negative integer";
    fn from_value(value: &Value) -> Option<Self> {
        i64::from_value(value).and_then(|i| u64::try_from(i).ok())
    }
}

impl FromValue for bool {
    const EXPECTED: &'static str = "0 or 1";
    fn from_value(value: &Value) -> Option<Self> {
        i64::from_value(value).map(|i| i != 0)
    }
}

impl FromValue for String {
    const EXPECTED: &'static str = "text";
    fn from_value(value: &Value) -> Option<Self> {
        match value {
            Value::Text(s) => Some(s.clone()),
            _ => None,
        }
    }
}

impl<T: FromValue> FromValue for Option<T> {
    const EXPECTED: &'static str = T::EXPECTED;
    fn from_value(value: &Value) -> Option<Self> {
        match value {
            Value::Null => Some(None),
            other => T::from_value(other).map(Some),
        }
    }
}

/// Rewrites the `?N` placeholders of `sql` as PostgreSQL's `$N`, leaving string literals
/// and quoted names alone; also returns the numbers that appear.
pub(crate) fn numbered_placeholders(sql: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(sql.len());
    let mut used = Vec::new();
    let mut quote: Option<char> = None;
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '\'' || c == '"' => quote = Some(c),
            None if c == '?' && chars.peek().is_some_and(char::is_ascii_digit) => {
                out.push('$');
                let mut number = 0;
                while let Some(digit) = chars.peek().and_then(|d| d.to_digit(10)) {
                    number = number * 10 + digit as usize;
                    out.push(chars.next().unwrap_or_default());
                }
                used.push(number);
                continue;
            }
            None => {}
        }
        out.push(c);
    }
    (out, used)
}

impl rusqlite::ToSql for Arg<'_> {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::{ToSqlOutput, ValueRef};
        Ok(ToSqlOutput::Borrowed(match self {
            Arg::Null => ValueRef::Null,
            Arg::Int(i) => ValueRef::Integer(*i),
            Arg::Text(s) => ValueRef::Text(s.as_bytes()),
        }))
    }
}

impl Row {
    /// Reads an SQLite row.
    pub(crate) fn from_sqlite(row: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
        use rusqlite::types::ValueRef;
        let count = row.as_ref().column_count();
        let mut values = Vec::with_capacity(count);
        for index in 0..count {
            values.push(match row.get_ref(index)? {
                ValueRef::Null => Value::Null,
                ValueRef::Integer(i) => Value::Int(i),
                ValueRef::Text(t) => match std::str::from_utf8(t) {
                    Ok(s) => Value::Text(s.to_owned()),
                    Err(_) => Value::Other("text that is not UTF-8"),
                },
                ValueRef::Real(_) => Value::Other("a real number"),
                ValueRef::Blob(_) => Value::Other("a blob"),
            });
        }
        Ok(Row(values))
    }

    /// Reads a PostgreSQL row.
    pub(crate) fn from_postgres(row: &postgres::Row) -> std::result::Result<Row, postgres::Error> {
        let mut values = Vec::with_capacity(row.len());
        for index in 0..row.len() {
            values.push(row.try_get::<_, Value>(index)?);
        }
        Ok(Row(values))
    }
}

mod postgres_types {
    //! Conversions between [`Arg`]/[`Value`] and PostgreSQL's binary formats, for the
    //! column types the PostgreSQL schema uses (bigint, integer, smallint, boolean, text,
    //! citext). Like SQLite, an integer binds to any integer or boolean parameter.
    use std::error::Error as StdError;

    use bytes::BytesMut;
    use postgres::types::{FromSql, IsNull, ToSql, Type, to_sql_checked};

    use super::{Arg, Value};

    type BoxError = Box<dyn StdError + Sync + Send>;

    fn is_text(ty: &Type) -> bool {
        matches!(
            *ty,
            Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME | Type::UNKNOWN | Type::JSON
        ) || ty.name() == "citext"
    }

    impl ToSql for Arg<'_> {
        fn to_sql(&self, ty: &Type, out: &mut BytesMut) -> Result<IsNull, BoxError> {
            match *self {
                Arg::Null => Ok(IsNull::Yes),
                Arg::Int(i) => match *ty {
                    Type::INT8 => i.to_sql(ty, out),
                    Type::INT4 => i32::try_from(i)?.to_sql(ty, out),
                    Type::INT2 => i16::try_from(i)?.to_sql(ty, out),
                    Type::BOOL => (i != 0).to_sql(ty, out),
                    // A parameter typed from another call's argument (see `PgTx::statement`).
                    _ if is_text(ty) => {
                        out.extend_from_slice(i.to_string().as_bytes());
                        Ok(IsNull::No)
                    }
                    _ => Err(format!("an integer cannot be bound to a {ty} parameter").into()),
                },
                Arg::Text(s) if is_text(ty) => {
                    out.extend_from_slice(s.as_bytes());
                    Ok(IsNull::No)
                }
                Arg::Text(_) => Err(format!("text cannot be bound to a {ty} parameter").into()),
            }
        }

        fn accepts(_: &Type) -> bool {
            true
        }

        to_sql_checked!();
    }

    impl<'a> FromSql<'a> for Value {
        fn from_sql(ty: &Type, raw: &'a [u8]) -> Result<Value, BoxError> {
            Ok(match *ty {
                Type::INT8 => Value::Int(i64::from_sql(ty, raw)?),
                Type::INT4 => Value::Int(i32::from_sql(ty, raw)?.into()),
                Type::INT2 => Value::Int(i16::from_sql(ty, raw)?.into()),
                Type::BOOL => Value::Int(bool::from_sql(ty, raw)?.into()),
                _ if is_text(ty) => Value::Text(std::str::from_utf8(raw)?.to_owned()),
                _ => Value::Other("a value of a type apikey does not use"),
            })
        }

        fn from_sql_null(_: &Type) -> Result<Value, BoxError> {
            Ok(Value::Null)
        }

        fn accepts(_: &Type) -> bool {
            true
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_numbered_outside_literals() {
        assert_eq!(
            numbered_placeholders("SELECT '?1', \"a?2\" FROM t WHERE a = ?1 AND b = ?12"),
            (
                "SELECT '?1', \"a?2\" FROM t WHERE a = $1 AND b = $12".to_owned(),
                vec![1, 12]
            )
        );
    }

    #[test]
    fn values_convert_or_name_the_mismatch() {
        let row = Row(vec![Value::Int(1), Value::Null, Value::Text("x".into())]);
        assert!(row.get::<bool>(0).unwrap());
        assert_eq!(row.get::<Option<i64>>(1).unwrap(), None);
        assert_eq!(row.get::<String>(2).unwrap(), "x");
        let err = row.get::<i64>(2).unwrap_err().to_string();
        assert!(err.contains("column 2 holds text, not an integer"), "{err}");
    }
}
