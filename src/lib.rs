//! The `apikey` command line: clap definitions ([`cli`]), handlers that parse, call
//! [`apikey_core`] and return an [`output::Output`] ([`commands`]), rendering
//! ([`output`]) and prompts ([`prompt`]).
//!
//! The binary is a thin shell over [`run`]: parse a [`cli::Cli`], run it, render the
//! returned output. The domain itself lives in the `apikey-core` crate.

pub mod cli;
pub mod commands;
pub mod hints;
pub mod output;
pub mod progress;
pub mod prompt;

use std::path::PathBuf;

pub use apikey_core::{Error, Result};

/// Runs a parsed command line and returns what it produced.
///
/// # Errors
/// Any [`Error`]; its [`Error::exit_code`] is the process's exit code.
pub fn run(cli: cli::Cli) -> Result<output::Output> {
    let ctx = context(&cli.global)?;
    commands::run(cli.command, &ctx)
}

/// The context the global options describe: the store path (`--db`, `APIKEY_DB`, else
/// [`default_store_path`]), the actor and `--quiet`.
///
/// # Errors
/// As [`default_store_path`].
pub fn context(global: &cli::GlobalArgs) -> Result<commands::Context> {
    let db = match &global.db {
        Some(path) => path.clone(),
        None => default_store_path()?,
    };
    Ok(commands::Context {
        db,
        actor_flag: global.actor.clone(),
        quiet: global.quiet,
    })
}

/// The default store location: `apikey.db` in the platform data directory
/// (`~/.local/share/apikey/apikey.db` on Linux, per the XDG base directory spec).
///
/// # Errors
/// [`Error::Invalid`] if no home directory can be found.
pub fn default_store_path() -> Result<PathBuf> {
    directories::ProjectDirs::from("", "", "apikey")
        .map(|dirs| dirs.data_dir().join("apikey.db"))
        .ok_or_else(|| {
            Error::invalid("cannot find a home directory for the default store; pass --db PATH or set APIKEY_DB")
        })
}
