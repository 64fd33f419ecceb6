//! The error type every command returns, and how each kind maps to an exit code.
//!
//! Exit codes follow `SPEC.md` ("Exit codes"): 1 unexpected failure, 2 invalid input,
//! 3 not found, 4 conflict. Code 5 (denied) is not an error: `key verify` answers it as
//! a result, see [`crate::output::Output::with_exit_code`].

use std::fmt;

/// Result alias used throughout the crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Why a command failed. The message is one line that names the problem and the fix.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad input value or usage (exit 2).
    #[error("{0}")]
    Invalid(String),
    /// An entity or the store does not exist (exit 3).
    #[error("{0}")]
    NotFound(String),
    /// The change clashes with what the store holds (exit 4).
    #[error("{0}")]
    Conflict(String),
    /// The user declined a confirmation prompt (exit 1): nothing was changed.
    #[error("cancelled; nothing was changed")]
    Cancelled,
    /// The store could not be used: I/O, corruption, a newer schema (exit 1).
    #[error("{0}")]
    Store(String),
    /// An SQLite error that no more specific variant explains (exit 1).
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// Reading standard input or writing output failed (exit 1).
    #[error("I/O error: {0}")]
    Io(#[from] std::io::Error),
}

impl Error {
    /// Builds an [`Error::Invalid`] from anything printable.
    pub fn invalid(msg: impl fmt::Display) -> Self {
        Error::Invalid(msg.to_string())
    }

    /// Builds an [`Error::NotFound`] from anything printable.
    pub fn not_found(msg: impl fmt::Display) -> Self {
        Error::NotFound(msg.to_string())
    }

    /// Builds an [`Error::Conflict`] from anything printable.
    pub fn conflict(msg: impl fmt::Display) -> Self {
        Error::Conflict(msg.to_string())
    }

    /// The process exit code for this error (SPEC.md, "Exit codes").
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Invalid(_) => 2,
            Error::NotFound(_) => 3,
            Error::Conflict(_) => 4,
            Error::Cancelled | Error::Store(_) | Error::Sqlite(_) | Error::Io(_) => 1,
        }
    }

    /// The stable machine-readable code used in `{"error": {"code", "message"}}`.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Invalid(_) => "invalid_input",
            Error::NotFound(_) => "not_found",
            Error::Conflict(_) => "conflict",
            Error::Cancelled => "cancelled",
            Error::Store(_) | Error::Sqlite(_) | Error::Io(_) => "failure",
        }
    }
}
