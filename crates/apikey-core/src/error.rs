//! The error type of every core operation, in domain terms.
//!
//! A variant says what went wrong and carries the facts (which entity, which path, the
//! source error); it never tells the reader which command to run next — the CLI adds
//! such hints and the HTTP layer maps variants to statuses. Each variant has an exit
//! code ([`Error::exit_code`], the table in `README.md`: 1 unexpected failure, 2 invalid
//! input, 3 not found, 4 conflict) and a stable machine-readable [`Error::code`].

use std::fmt;
use std::path::PathBuf;

/// Result alias used throughout the crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The kinds of things a store holds, as named in messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entity {
    /// A client (found by name or public id).
    Client,
    /// An API key (found by its public id).
    Key,
    /// A permission (by name or public id).
    Permission,
    /// A role (by name or public id).
    Role,
    /// A user (by email or public id).
    User,
    /// A file named on the command line, such as a backup (by path).
    File,
}

impl Entity {
    /// The lowercase noun: `client`, `key`, ...
    pub fn as_str(self) -> &'static str {
        match self {
            Entity::Client => "client",
            Entity::Key => "key",
            Entity::Permission => "permission",
            Entity::Role => "role",
            Entity::User => "user",
            Entity::File => "file",
        }
    }
}

impl fmt::Display for Entity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why an operation failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad input value (exit 2). The message names the field and the expected form.
    #[error("{0}")]
    Invalid(String),
    /// No such entity (exit 3). `suggestion` is a close existing name, if any.
    #[error("{}", not_found_message(*kind, name, suggestion.as_deref()))]
    NotFound {
        /// What was looked for.
        kind: Entity,
        /// The name, email or id given.
        name: String,
        /// The closest existing name, when one is close.
        suggestion: Option<String>,
    },
    /// No store at this path, or only an empty file (exit 3).
    #[error("{}", if *empty { format!("{} is empty, not an apikey store", path.display()) } else { format!("no store at {}", path.display()) })]
    NoStore {
        /// The path looked at.
        path: PathBuf,
        /// The file exists but is empty.
        empty: bool,
    },
    /// A role does not grant these patterns, so they cannot be revoked (exit 3).
    #[error("role '{role}' does not grant {}", patterns.join(", "))]
    NotGranted {
        /// The role.
        role: String,
        /// The patterns asked for.
        patterns: Vec<String>,
    },
    /// The entity is still in use and was not removed (exit 4): a permission granted by
    /// roles, a role held by clients or users.
    #[error("{kind} '{name}' is {} {}", if *kind == Entity::Permission { "granted to" } else { "held by" }, holders.join(", "))]
    InUse {
        /// What was to be removed.
        kind: Entity,
        /// Its name.
        name: String,
        /// Who holds or grants it, e.g. `role(s) reader` or `client bpjs-sync`.
        holders: Vec<String>,
    },
    /// An entity of that name exists already (exit 4).
    #[error("{} '{name}' already exists", kind)]
    AlreadyExists {
        /// What was to be added.
        kind: Entity,
        /// The name or email taken (as stored).
        name: String,
    },
    /// The change clashes with what the store holds, other than a taken name (exit 4).
    #[error("{0}")]
    Conflict(String),
    /// Another process created the store while this one prepared it as a new store
    /// (exit 4): this command's changes were discarded, nothing was changed. Running the
    /// command again uses the other process's store; the CLI does so once by itself.
    #[error("another process created the store at {} meanwhile; nothing was changed, run the command again", path.display())]
    StoreCreatedMeanwhile {
        /// The store's path.
        path: PathBuf,
    },
    /// The user declined a confirmation prompt (exit 1): nothing was changed.
    #[error("cancelled; nothing was changed")]
    Cancelled,
    /// The file is not a store this build can use: not an apikey store, a newer schema,
    /// unreadable (exit 1). It was not modified.
    #[error("cannot use {}: {reason}", path.as_ref().map_or_else(|| "the store".to_owned(), |p| format!("the store at {}", p.display())))]
    UnusableStore {
        /// The store's file, if it has one.
        path: Option<PathBuf>,
        /// What is wrong with it.
        reason: String,
    },
    /// The store, or one of its side files, could have been written by someone else: it
    /// is writable by group or others, or owned by another user and opened read-write
    /// (exit 1). It was not opened.
    #[error("refusing the store at {}: {reason}", path.display())]
    UnsafeStore {
        /// The store's file.
        path: PathBuf,
        /// What was found, and the fix.
        reason: String,
    },
    /// The audit log's hash chain does not verify (exit 1).
    #[error("audit log broken at event #{seq}: {problem}")]
    AuditChain {
        /// The first event that fails.
        seq: i64,
        /// What is wrong with it.
        problem: String,
    },
    /// A file could not be read or written (exit 1); `path` is absent for standard
    /// input and output.
    #[error("{}{source}", path.as_ref().map(|p| format!("{}: ", p.display())).unwrap_or_default())]
    Io {
        /// The file, if not a standard stream.
        path: Option<PathBuf>,
        /// The OS error.
        #[source]
        source: std::io::Error,
    },
    /// A database error that no more specific variant explains (exit 1).
    #[error("database error: {source}")]
    Database {
        /// The engine's error.
        source: DbError,
    },
    /// A failure inside a library that no input can cause: password hashing, encoding
    /// (exit 1).
    #[error("{what}: {detail}")]
    Internal {
        /// What was being done.
        what: &'static str,
        /// The library's message.
        detail: String,
    },
}

fn not_found_message(kind: Entity, name: &str, suggestion: Option<&str>) -> String {
    let mut message = match kind {
        Entity::Client => format!("no client named '{name}'"),
        Entity::Key => format!("no key with id '{name}'"),
        Entity::Permission => format!("unknown permission '{name}'"),
        Entity::Role => format!("unknown role '{name}'"),
        Entity::User => format!("no user with email '{name}'"),
        Entity::File => format!("no file or directory at {name}"),
    };
    if let Some(close) = suggestion {
        message.push_str(&format!("; did you mean '{close}'?"));
    }
    message
}

impl From<std::io::Error> for Error {
    fn from(source: std::io::Error) -> Self {
        Error::Io { path: None, source }
    }
}

impl Error {
    /// Builds an [`Error::Invalid`] from anything printable.
    pub fn invalid(msg: impl fmt::Display) -> Self {
        Error::Invalid(msg.to_string())
    }

    /// Builds an [`Error::Conflict`] from anything printable.
    pub fn conflict(msg: impl fmt::Display) -> Self {
        Error::Conflict(msg.to_string())
    }

    /// Builds an [`Error::NotFound`] without a suggestion.
    pub fn not_found(kind: Entity, name: impl Into<String>) -> Self {
        Error::NotFound {
            kind,
            name: name.into(),
            suggestion: None,
        }
    }

    /// Builds an [`Error::Io`] for `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: Some(path.into()),
            source,
        }
    }

    /// The process exit code for this error.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Invalid(_) => 2,
            Error::NotFound { .. } | Error::NoStore { .. } | Error::NotGranted { .. } => 3,
            Error::AlreadyExists { .. }
            | Error::Conflict(_)
            | Error::InUse { .. }
            | Error::StoreCreatedMeanwhile { .. } => 4,
            Error::Cancelled
            | Error::UnusableStore { .. }
            | Error::UnsafeStore { .. }
            | Error::AuditChain { .. }
            | Error::Io { .. }
            | Error::Database { .. }
            | Error::Internal { .. } => 1,
        }
    }

    /// The stable machine-readable code used in `{"error": {"code", "message"}}`.
    pub fn code(&self) -> &'static str {
        match self.exit_code() {
            2 => "invalid_input",
            3 => "not_found",
            4 => "conflict",
            _ if matches!(self, Error::Cancelled) => "cancelled",
            _ => "failure",
        }
    }

    /// Whether the store answered "busy" or "locked" (SQLite), or "lock not available"
    /// (PostgreSQL): another process holds the write lock.
    pub fn is_busy(&self) -> bool {
        matches!(self, Error::Database { source } if store_busy(source))
    }
}

fn store_busy(e: &DbError) -> bool {
    match e {
        DbError::Sqlite(e) => matches!(
            e.sqlite_error_code(),
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
        ),
        DbError::Postgres(e) => e.code() == Some(&postgres::error::SqlState::LOCK_NOT_AVAILABLE),
        DbError::Decode(_) => false,
    }
}

/// An error of one of the store's engines, or a stored value of the wrong type.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// SQLite's error.
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
    /// PostgreSQL's error (server or connection). Its text never holds the password.
    #[error("{}", postgres_message(.0))]
    Postgres(#[from] postgres::Error),
    /// A stored value that does not have the type its column should hold.
    #[error("{0}")]
    Decode(String),
}

/// A PostgreSQL error with the server's own message (`postgres::Error`'s display says
/// only "db error" for errors the server sent).
pub(crate) fn postgres_message(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => format!("{}: {}", db.severity(), db.message()),
        // "error connecting to server" alone: the cause (refused, timed out) follows.
        None => match std::error::Error::source(e) {
            Some(cause) => format!("{e}: {cause}"),
            None => e.to_string(),
        },
    }
}

impl From<DbError> for Error {
    fn from(source: DbError) -> Self {
        Error::Database { source }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Error::Database { source: e.into() }
    }
}

impl From<postgres::Error> for Error {
    fn from(e: postgres::Error) -> Self {
        Error::Database { source: e.into() }
    }
}
