//! `apikey` manages a local SQLite store of API clients and their API keys.
//!
//! The binary is a thin shell over [`run`]: parse a [`cli::Cli`], run it, render the
//! returned [`output::Output`]. The library is also usable directly — for instance an
//! API server can open a [`store::Store`] and call [`verify::verify`].

pub mod access;
pub mod cli;
pub mod commands;
pub mod error;
pub mod manifest;
pub mod model;
pub mod output;
pub mod password;
pub mod progress;
pub mod prompt;
pub mod secret;
pub mod store;
pub mod time;
pub mod validate;
pub mod verify;

use std::path::PathBuf;

pub use error::{Error, Result};

/// Runs a parsed command line and returns what it produced.
///
/// # Errors
/// Any [`Error`]; its [`Error::exit_code`] is the process's exit code.
pub fn run(cli: cli::Cli) -> Result<output::Output> {
    let db = match cli.global.db {
        Some(path) => path,
        None => default_store_path()?,
    };
    let ctx = commands::Context {
        db,
        actor_flag: cli.global.actor,
    };
    commands::run(cli.command, &ctx)
}

/// The default store location: `apikey.db` in the platform data directory
/// (`~/.local/share/apikey/apikey.db` on Linux, per the XDG base directory spec).
///
/// # Errors
/// [`Error::Store`] if no home directory can be found.
pub fn default_store_path() -> Result<PathBuf> {
    directories::ProjectDirs::from("", "", "apikey")
        .map(|dirs| dirs.data_dir().join("apikey.db"))
        .ok_or_else(|| {
            Error::Store("cannot find a home directory for the default store; pass --db PATH or set APIKEY_DB".into())
        })
}
