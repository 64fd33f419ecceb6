//! One module per resource; [`run`] dispatches a parsed command to it.

mod client;
mod key;

use std::path::PathBuf;

use serde_json::json;

use crate::cli::Command;
use crate::error::Result;
use crate::output::Output;
use crate::store::{Access, Store};

/// What every command needs besides its own arguments.
#[derive(Debug, Clone)]
pub struct Context {
    /// The store file.
    pub db: PathBuf,
}

impl Context {
    /// Opens the store; `Access::Create` for commands that write.
    ///
    /// # Errors
    /// See [`Store::open`].
    pub fn open(&self, access: Access) -> Result<Store> {
        Store::open(&self.db, access)
    }
}

/// Runs one command.
///
/// # Errors
/// Whatever the command fails with; see [`crate::Error`].
pub fn run(command: Command, ctx: &Context) -> Result<Output> {
    match command {
        Command::Init => init(ctx),
        Command::Client(cmd) => client::run(cmd, ctx),
        Command::Key(cmd) => key::run(cmd, ctx),
    }
}

fn init(ctx: &Context) -> Result<Output> {
    let existed = ctx.db.exists();
    ctx.open(Access::Create)?;
    let path = ctx.db.display().to_string();
    let text = if existed {
        format!("Store already exists at {path}")
    } else {
        format!("Created store at {path}")
    };
    Ok(Output::message(
        text,
        json!({ "path": path, "created": !existed, "schema_version": crate::store::SCHEMA_VERSION }),
    ))
}
