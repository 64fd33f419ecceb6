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
#[derive(Clone)]
pub struct Context {
    /// The store file.
    pub db: PathBuf,
    /// The actor from `--actor`, `APIKEY_ACTOR` or the config file (`config::resolve`),
    /// if any of them names one.
    pub actor_flag: Option<String>,
    /// `--quiet`: only essential output (a new key's secret) is printed.
    pub quiet: bool,
    /// `--limit`: `audit` keeps the most recent N events (other lists are cut when
    /// printed).
    pub limit: Option<u64>,
}

impl std::fmt::Debug for Context {
    /// Names the store as [`Context::store_name`] does: never a URL's password.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Context")
            .field("db", &self.store_name())
            .field("actor_flag", &self.actor_flag)
            .field("quiet", &self.quiet)
            .field("limit", &self.limit)
            .finish()
    }
}

impl Context {
    /// The store for messages: the file, or the PostgreSQL URL without its password.
    pub fn store_name(&self) -> String {
        apikey_core::store::StorePath::new(&self.db).display()
    }

    /// Opens the store if there is one: `None` when the file is missing, or the
    /// PostgreSQL database holds no apikey store (one connection either way).
    ///
    /// # Errors
    /// As [`Context::open`] with [`Access::Existing`], but for a missing store.
    pub fn open_if_any(&self) -> Result<Option<Store>> {
        let file = apikey_core::store::StorePath::new(&self.db).is_file();
        if file && !self.db.exists() {
            return Ok(None);
        }
        match self.open(Access::Existing) {
            Err(apikey_core::Error::NoStore { .. }) if !file => Ok(None),
            opened => opened.map(Some),
        }
    }

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
            // A store another user owns opens only read-only: its read-only error is
            // the one that says what is wrong.
            Err(e @ apikey_core::Error::UnusableStore { .. }) => {
                match self.open(Access::Existing) {
                    Err(apikey_core::Error::UnsafeStore { .. }) => Err(e),
                    other => other,
                }
            }
            other => other,
        }
    }

    /// Who the audit log names: the resolved `--actor` / `APIKEY_ACTOR` / config file
    /// actor, else the OS user (`USER`, `LOGNAME` or `USERNAME`, else the name of the
    /// process's uid), else `unknown`.
    ///
    /// # Errors
    /// [`apikey_core::Error::Invalid`] for control characters or more than 128 characters.
    pub fn actor(&self) -> Result<String> {
        let env = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
        // `--actor`, `APIKEY_ACTOR` and the config file are resolved once, in
        // `config::resolve`; what is left is the OS user.
        let actor = match &self.actor_flag {
            Some(given) => given.clone(),
            None => ["USER", "LOGNAME", "USERNAME"]
                .into_iter()
                .find_map(|name| env(name)?.into_string().ok())
                .or_else(|| whoami::username().ok())
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
/// created it (a first `role add` naming an unknown permission, say): a new store
/// appears only with its first commit (see [`Store::open`]). When another process
/// created the store meanwhile, this command's changes were discarded, and it runs
/// once more, on that store.
///
/// # Errors
/// Whatever the command fails with; see [`apikey_core::Error`].
pub fn run(command: Command, ctx: &Context) -> Result<Output> {
    match dispatch(command.clone(), ctx) {
        Err(apikey_core::Error::StoreCreatedMeanwhile { .. }) => dispatch(command, ctx),
        other => other,
    }
}

/// Most key ids a message lists by name.
const MAX_LISTED_IDS: usize = 5;

/// Called when the output delivering the secrets of the new keys `key_ids` could not be
/// written (`cause`: a closed pipe, a full disk, a closed standard output): revokes
/// them, so that no key whose secret nobody has stays live, and returns the error to
/// report, which says so.
pub fn undelivered(
    ctx: &Context,
    key_ids: &[String],
    cause: &apikey_core::Error,
) -> apikey_core::Error {
    let reason = "its secret could not be delivered (writing standard output failed)";
    let revoked = ctx.open(Access::Existing).and_then(|mut store| {
        store.write(|tx| {
            for id in key_ids {
                apikey_core::ops::keys::revoke(tx, id, Some(reason))?;
            }
            Ok(())
        })
    });
    let mut named: Vec<&str> = key_ids
        .iter()
        .take(MAX_LISTED_IDS)
        .map(String::as_str)
        .collect();
    if key_ids.len() > MAX_LISTED_IDS {
        named.push("…");
    }
    let keys = if key_ids.len() == 1 {
        format!("the new key {}", named.join(""))
    } else {
        format!("the {} new keys ({})", key_ids.len(), named.join(", "))
    };
    let message = match revoked {
        Ok(()) => format!(
            "cannot write the new secret ({cause}); {keys} {} revoked so that no key whose secret is unknown stays live: run the command again with a working standard output (or --secrets-out for apply)",
            if key_ids.len() == 1 { "was" } else { "were" }
        ),
        Err(e) => format!(
            "cannot write the new secret ({cause}), and revoking {keys} failed ({e}): revoke {} with 'apikey key revoke ID' now",
            if key_ids.len() == 1 { "it" } else { "them" }
        ),
    };
    apikey_core::Error::Io {
        path: None,
        source: std::io::Error::other(message),
    }
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
            allow_empty,
            secrets_out,
            file_format,
            yes,
        } => apply::apply(
            ctx,
            &apply::ApplyArgs {
                file,
                dry_run,
                prune,
                allow_empty,
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
        Command::Export {
            file,
            force,
            file_format,
        } => apply::export(ctx, file.as_deref(), force, file_format.map(Into::into)),
        Command::Backup { file } => backup::backup(ctx, &file),
        Command::Restore { file, yes } => backup::restore(ctx, &file, yes),
        Command::Store(crate::cli::StoreCommand::Copy { from, to }) => backup::copy(&from, &to),
        Command::Scan {
            paths,
            respect_ignore,
            revoke,
            yes,
        } => scan::run(ctx, &paths, respect_ignore, revoke, yes),
        Command::Completions { shell } => Ok(shell::completions(shell)),
        Command::Man { out_dir, force } => shell::man(out_dir.as_deref(), force),
        Command::Config(_) => Err(apikey_core::Error::invalid(
            "'config' is handled before the store is opened",
        )),
        Command::Serve(args) => serve::run(args, ctx),
    }
}

/// `config show`: each effective setting and where it came from.
///
/// # Errors
/// Only encoding failures.
pub fn config_show(settings: &crate::config::Settings) -> Result<Output> {
    let shown = |value: Option<String>| value.unwrap_or_else(|| "(the OS user)".to_owned());
    let text = format!(
        "db      {}  [{}]\nformat  {}  [{}]\nactor   {}  [{}]\nconfig file: {}",
        shown(
            settings
                .db
                .value
                .as_ref()
                .map(|p| apikey_core::store::StorePath::new(p).display())
        ),
        settings.db.source,
        shown(
            settings
                .format
                .value
                .map(|f| format!("{f:?}").to_lowercase())
        ),
        settings.format.source,
        shown(settings.actor.value.clone()),
        settings.actor.source,
        settings
            .config_file
            .as_ref()
            .map_or_else(|| "(none)".to_owned(), |p| p.display().to_string()),
    );
    let mut json = serde_json::to_value(settings).map_err(|e| apikey_core::Error::Internal {
        what: "cannot encode the settings",
        detail: e.to_string(),
    })?;
    // A PostgreSQL URL may hold a password: never print it.
    if let (Some(value), Some(db)) = (json.pointer_mut("/db/value"), &settings.db.value) {
        *value = apikey_core::store::StorePath::new(db).display().into();
    }
    Ok(Output::message(text, json))
}

fn init(ctx: &Context) -> Result<Output> {
    let mut store = ctx.open(Access::Create)?;
    let existed = !store.is_new();
    if !existed {
        store.write(|tx| tx.audit(Action::StoreInit, &ctx.store_name(), json!({})))?;
    }
    let path = ctx.store_name();
    let text = if existed {
        format!("Store already exists at {path}")
    } else {
        format!("Created store at {path}")
    };
    Ok(Output::message(
        text,
        json!({ "store": path, "created": !existed, "schema_version": apikey_core::store::SCHEMA_VERSION }),
    ))
}
