//! The `apikey` command line: clap definitions ([`cli`]), handlers that parse, call
//! [`apikey_core`] and return an [`output::Output`] ([`commands`]), rendering
//! ([`output`]) and prompts ([`prompt`]).
//!
//! The binary is a thin shell over [`run`]: parse a [`cli::Cli`], run it, render the
//! returned output. The domain itself lives in the `apikey-core` crate.

pub mod cli;
pub mod commands;
pub mod complete;
pub mod config;
pub mod hints;
pub mod output;
pub mod progress;
pub mod prompt;
pub mod terminal;

use std::path::PathBuf;

pub use apikey_core::{Error, Result};

/// Runs a parsed command line and returns what it produced.
///
/// # Errors
/// Any [`Error`]; its [`Error::exit_code`] is the process's exit code.
pub fn run(
    command: cli::Command,
    ctx: &commands::Context,
    settings: &config::Settings,
) -> Result<output::Output> {
    if let cli::Command::Config(cli::ConfigCommand::Show) = command {
        return commands::config_show(settings);
    }
    commands::run(command, ctx)
}

/// The context the global options and settings describe: the store path (`--db`,
/// `APIKEY_DB`, the config file, else [`default_store_path`]), the actor and `--quiet`.
///
/// # Errors
/// As [`default_store_path`].
pub fn context(global: &cli::GlobalArgs, settings: &config::Settings) -> Result<commands::Context> {
    let db = match &settings.db.value {
        Some(path) => path.clone(),
        None => default_store_path()?,
    };
    Ok(commands::Context {
        db,
        actor_flag: settings.actor.value.clone(),
        quiet: global.quiet,
        limit: global.limit,
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
