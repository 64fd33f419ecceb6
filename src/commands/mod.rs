//! One module per resource; [`run`] dispatches a parsed command to it. Handlers parse
//! their arguments, call `apikey_core` and describe the result as an [`Output`].

mod apply;
mod audit;
mod backup;
mod client;
mod input;
mod key;
mod permission;
mod role;
mod scan;
mod serve;
pub mod shell;
mod user;

use std::path::PathBuf;

use serde_json::json;

use crate::cli::Command;
use crate::output::Output;
use apikey_core::error::Result;
use apikey_core::ops::Action;
use apikey_core::store::{Access, Store};

/// The warning printed on standard error beside every new secret.
const SECRET_NOTICE: &str = "store this API key now: it is shown only once and cannot be recovered";

/// What every command needs besides its own arguments.
#[derive(Debug, Clone)]
pub struct Context {
    /// The store file.
    pub db: PathBuf,
    /// `--actor` as given on the command line, if it was.
    pub actor_flag: Option<String>,
}

impl Context {
    /// Opens the store; `Access::Create` for commands that write. Changes made through
    /// it are audited under [`Context::actor`].
    ///
    /// # Errors
    /// See [`Store::open`]; [`apikey_core::Error::Invalid`] for a bad actor name.
    pub fn open(&self, access: Access) -> Result<Store> {
        let actor = self.actor()?;
        let mut store = Store::open(&self.db, access)?;
        store.set_actor(actor);
        Ok(store)
    }

    /// Opens the store for a command that only reads: read-only (so it works on a
    /// backup or read-only media), falling back to a normal open when the store needs a
    /// migration first.
    ///
    /// # Errors
    /// As [`Context::open`].
    pub fn open_read(&self) -> Result<Store> {
        match self.open(Access::ReadOnly) {
            Err(apikey_core::Error::UnusableStore { .. }) => self.open(Access::Existing),
            other => other,
        }
    }

    /// Who the audit log names: `--actor`, else `APIKEY_ACTOR`, else the OS user
    /// (`USER`, `LOGNAME` or `USERNAME`), else `unknown`.
    ///
    /// # Errors
    /// [`apikey_core::Error::Invalid`] for control characters or more than 128 characters.
    pub fn actor(&self) -> Result<String> {
        let env = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
        let actor = match (&self.actor_flag, env("APIKEY_ACTOR")) {
            (Some(flag), _) => flag.clone(),
            (None, Some(value)) => value.into_string().map_err(|_| {
                apikey_core::Error::invalid(
                    "APIKEY_ACTOR is not valid UTF-8; set it to a plain name",
                )
            })?,
            (None, None) => ["USER", "LOGNAME", "USERNAME"]
                .into_iter()
                .find_map(|name| env(name)?.into_string().ok())
                .unwrap_or_else(|| "unknown".to_owned()),
        };
        let actor = apikey_core::validate::text("actor (--actor or APIKEY_ACTOR)", &actor, 128)?;
        if actor.is_empty() {
            return Err(apikey_core::Error::invalid(
                "the actor (--actor or APIKEY_ACTOR) is empty; give a name",
            ));
        }
        Ok(actor)
    }
}

/// Runs one command. A failed command leaves no store behind if it was the one that
/// created it (a first `role add` naming an unknown permission, say).
///
/// # Errors
/// Whatever the command fails with; see [`apikey_core::Error`].
pub fn run(command: Command, ctx: &Context) -> Result<Output> {
    let existed = ctx.db.exists();
    let result = dispatch(command, ctx);
    if result.is_err() && !existed {
        Store::remove_if_unused(&ctx.db);
    }
    result
}

fn dispatch(command: Command, ctx: &Context) -> Result<Output> {
    match command {
        Command::Init => init(ctx),
        Command::Client(cmd) => client::run(cmd, ctx),
        Command::Key(cmd) => key::run(cmd, ctx),
        Command::Permission(cmd) => permission::run(cmd, ctx),
        Command::Role(cmd) => role::run(cmd, ctx),
        Command::User(cmd) => user::run(cmd, ctx),
        Command::Audit(args) => audit::run(args, ctx),
        Command::Apply {
            file,
            dry_run,
            prune,
            secrets_out,
            file_format,
            yes,
        } => apply::apply(
            ctx,
            &apply::ApplyArgs {
                file,
                dry_run,
                prune,
                secrets_out,
                syntax: file_format.map(Into::into),
                yes,
            },
        ),
        Command::Diff {
            file,
            exit_code,
            file_format,
        } => apply::diff(ctx, &file, exit_code, file_format.map(Into::into)),
        Command::Export { file, file_format } => {
            apply::export(ctx, file.as_deref(), file_format.map(Into::into))
        }
        Command::Backup { file } => backup::backup(ctx, &file),
        Command::Restore { file, yes } => backup::restore(ctx, &file, yes),
        Command::Scan { paths, revoke, yes } => scan::run(ctx, &paths, revoke, yes),
        Command::Completions { shell } => Ok(shell::completions(shell)),
        Command::Man { out_dir } => shell::man(out_dir.as_deref()),
        Command::Serve(args) => serve::run(args, ctx),
    }
}

fn init(ctx: &Context) -> Result<Output> {
    let existed = ctx.db.exists();
    let mut store = ctx.open(Access::Create)?;
    if !existed {
        store.write(|tx| tx.audit(Action::StoreInit, &ctx.db.display().to_string(), json!({})))?;
    }
    let path = ctx.db.display().to_string();
    let text = if existed {
        format!("Store already exists at {path}")
    } else {
        format!("Created store at {path}")
    };
    Ok(Output::message(
        text,
        json!({ "path": path, "created": !existed, "schema_version": apikey_core::store::SCHEMA_VERSION }),
    ))
}
