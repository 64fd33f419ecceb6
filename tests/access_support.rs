//! Helpers shared by the access-control tests (`access`, `users`, `audit`). Kept apart
//! from `common` so that the two evolve without merge conflicts.

use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::common::{Cell, Run, TestEnv};

/// A password that passes the rules (at least 12 characters).
pub const PASSWORD: &str = "correct horse battery";
/// Another valid password, for `user passwd`.
pub const NEW_PASSWORD: &str = "staple gun triangle";

/// Lowercase hex SHA-256 of `text`.
pub fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// What the access-control tests need on top of [`TestEnv`].
pub trait AccessEnv {
    /// Adds permissions, each with an empty description.
    fn add_permissions(&self, names: &[&str]);
    /// Adds a role granting `patterns`.
    fn add_role(&self, name: &str, patterns: &[&str]);
    /// Adds a user with [`PASSWORD`] and `roles`.
    fn add_user(&self, email: &str, roles: &[&str]);
    /// `key verify` of `secret` asking for `permissions`, with `--json`.
    fn verify_key(&self, secret: &str, permissions: &[&str]) -> Run;
    /// `user verify` of `email` with `password` on stdin, with `--json`.
    fn verify_user(&self, email: &str, password: &str) -> Run;
    /// Every audit event, as `apikey --json audit` prints them.
    fn audit_events(&self) -> Vec<Value>;
    /// Every cell of every table as text, one row per line, for searching the store's
    /// content (blobs as lossy UTF-8).
    fn store_text(&self) -> String;
}

impl AccessEnv for TestEnv {
    fn add_permissions(&self, names: &[&str]) {
        for name in names {
            self.run(&["permission", "add", name]).code(0);
        }
    }

    fn add_role(&self, name: &str, patterns: &[&str]) {
        let mut args = vec!["role", "add", name];
        for pattern in patterns {
            args.extend(["--permission", pattern]);
        }
        self.run(&args).code(0);
    }

    fn add_user(&self, email: &str, roles: &[&str]) {
        let mut args = vec!["user", "add", email, "--password-stdin"];
        for role in roles {
            args.extend(["--role", role]);
        }
        self.run_stdin(&args, &format!("{PASSWORD}\n")).code(0);
    }

    fn verify_key(&self, secret: &str, permissions: &[&str]) -> Run {
        let mut args = vec!["--json", "key", "verify"];
        for permission in permissions {
            args.extend(["--permission", permission]);
        }
        self.run_stdin(&args, &format!("{secret}\n"))
    }

    fn verify_user(&self, email: &str, password: &str) -> Run {
        self.run_stdin(
            &["--json", "user", "verify", email, "--password-stdin"],
            &format!("{password}\n"),
        )
    }

    fn audit_events(&self) -> Vec<Value> {
        self.json(&["audit"])
            .as_array()
            .expect("audit --json is an array")
            .clone()
    }

    fn store_text(&self) -> String {
        let tables: Vec<String> = self
            .query_rows(
                if self.is_postgres() {
                    "SELECT tablename::text FROM pg_tables WHERE schemaname = current_schema()"
                } else {
                    "SELECT name FROM sqlite_schema WHERE type = 'table'"
                },
                &[],
            )
            .iter()
            .map(|r| r[0].text().expect("table name"))
            .collect();
        let mut out = String::new();
        for table in tables {
            for row in self.query_rows(&format!("SELECT * FROM \"{table}\""), &[]) {
                out.push_str(&table);
                for cell in row {
                    out.push('|');
                    match cell {
                        Cell::Null => out.push_str("NULL"),
                        Cell::Int(n) => out.push_str(&n.to_string()),
                        Cell::Real(x) => out.push_str(&x.to_string()),
                        Cell::Text(s) => out.push_str(&s),
                        Cell::Blob(b) => out.push_str(&String::from_utf8_lossy(&b)),
                    }
                }
                out.push('\n');
            }
        }
        out
    }
}

/// The `name` fields of a JSON array of records.
pub fn names(list: &Value, field: &str) -> Vec<String> {
    list.as_array()
        .expect("a JSON array")
        .iter()
        .map(|item| item[field].as_str().expect("a string field").to_owned())
        .collect()
}

/// A JSON array of strings as a `Vec`.
pub fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .unwrap_or_else(|| panic!("not an array: {value}"))
        .iter()
        .map(|v| v.as_str().expect("a string").to_owned())
        .collect()
}
