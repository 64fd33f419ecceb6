//! The `apikey` domain as a library: clients, API keys, permissions, roles, users and a
//! hash-chained audit log in an SQLite store.
//!
//! This crate knows no command line and prints nothing; the `apikey` binary and
//! `apikey serve` are thin layers over it. The parts:
//!
//! - [`store`]: every SQL statement, migrations, transactions ([`store::Store`]);
//! - [`verify`]: "is this key valid, and may it do X?" — a read-only lookup, a pure
//!   decision ([`verify::decide`]) and usage recording through a [`verify::UsageSink`];
//! - [`ops`]: the domain operations (issue, rotate, revoke keys; client and user status;
//!   role grants), each writing its audit event;
//! - [`provision`]: the declarative file of `apply`, `diff` and `export`.

pub mod error;
pub mod files;
pub mod model;
pub mod ops;
pub mod password;
pub mod provision;
pub mod rules;
pub mod secret;
pub mod store;
pub mod time;
pub mod validate;
pub mod verify;

pub use error::{Error, Result};
