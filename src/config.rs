//! Defaults from a configuration file, `$XDG_CONFIG_HOME/apikey/config.toml`
//! (`~/.config/apikey/config.toml`), or the file `APIKEY_CONFIG` names:
//!
//! ```toml
//! db = "/var/lib/apikey/apikey.db"
//! format = "json"
//! actor = "ci-bot"
//! ```
//!
//! A flag beats its environment variable, which beats the file, which beats the
//! built-in default. `apikey config show` prints each effective value and its source.

use std::path::{Path, PathBuf};

use clap::ValueEnum;
use clap::parser::{ArgMatches, ValueSource};
use serde::{Deserialize, Serialize};

use crate::cli::Cli;
use crate::output::Format;
use apikey_core::error::{Error, Result};

/// What the file may set; unknown keys are errors.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    db: Option<PathBuf>,
    format: Option<String>,
    actor: Option<String>,
}

/// Where an effective value came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase", tag = "kind", content = "name")]
pub enum Source {
    /// A command-line flag.
    Flag,
    /// An environment variable (named).
    Env(String),
    /// The configuration file (its path).
    File(PathBuf),
    /// The built-in default.
    Default,
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::Flag => f.write_str("flag"),
            Source::Env(name) => write!(f, "environment ({name})"),
            Source::File(path) => write!(f, "config file ({})", path.display()),
            Source::Default => f.write_str("default"),
        }
    }
}

/// One effective setting.
#[derive(Debug, Clone, Serialize)]
pub struct Setting<T> {
    /// The value; `None` where the default is decided later (the OS user for `actor`).
    pub value: Option<T>,
    /// Where it came from.
    pub source: Source,
}

/// The effective global settings of one run.
#[derive(Debug, Clone, Serialize)]
pub struct Settings {
    /// The store file.
    pub db: Setting<PathBuf>,
    /// The output format.
    pub format: Setting<Format>,
    /// Who the audit log names (unset: `APIKEY_ACTOR`, then the OS user, at run time).
    pub actor: Setting<String>,
    /// The configuration file looked at, and whether it exists.
    pub config_file: Option<PathBuf>,
}

/// The configuration file's path: `APIKEY_CONFIG`, else the platform config directory.
pub fn path() -> Option<PathBuf> {
    match std::env::var_os("APIKEY_CONFIG").filter(|v| !v.is_empty()) {
        Some(path) => Some(PathBuf::from(path)),
        None => directories::ProjectDirs::from("", "", "apikey")
            .map(|dirs| dirs.config_dir().join("config.toml")),
    }
}

/// The `db` the configuration file sets, if it can be read (for completion, which must
/// stay silent on errors).
pub fn file_db() -> Option<PathBuf> {
    read(&path()?).ok()?.db
}

fn read(path: &Path) -> Result<File> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(File::default()),
        Err(e) => {
            return Err(Error::invalid(format!(
                "cannot read the config file {}: {e}",
                path.display()
            )));
        }
    };
    toml::from_str(&text).map_err(|e| {
        Error::invalid(format!(
            "the config file {} is not valid: {}",
            path.display(),
            e.message()
        ))
    })
}

/// Resolves the global settings from the parsed command line, the environment and the
/// configuration file.
///
/// # Errors
/// [`Error::Invalid`] for an unreadable or invalid configuration file.
pub fn resolve(cli: &Cli, matches: &ArgMatches) -> Result<Settings> {
    let config_file = path();
    let file = match &config_file {
        Some(path) => read(path)?,
        None => File::default(),
    };
    let from_file = |present: bool| match (&config_file, present) {
        (Some(path), true) => Source::File(path.clone()),
        _ => Source::Default,
    };
    let db = match (&cli.global.db, matches.value_source("db")) {
        (Some(path), Some(ValueSource::EnvVariable)) => Setting {
            value: Some(path.clone()),
            source: Source::Env("APIKEY_DB".into()),
        },
        (Some(path), _) => Setting {
            value: Some(path.clone()),
            source: Source::Flag,
        },
        (None, _) => match &file.db {
            Some(path) => Setting {
                value: Some(path.clone()),
                source: from_file(true),
            },
            None => Setting {
                value: Some(crate::default_store_path()?),
                source: Source::Default,
            },
        },
    };
    let format = match (cli.global.json, cli.global.format, &file.format) {
        (true, _, _) => Setting {
            value: Some(Format::Json),
            source: Source::Flag,
        },
        (false, Some(format), _) => Setting {
            value: Some(format),
            source: Source::Flag,
        },
        (false, None, Some(name)) => Setting {
            value: Some(Format::from_str(name, true).map_err(|_| {
                Error::invalid(format!(
                    "the config file sets format = '{}'; use table, json or csv",
                    name.escape_debug()
                ))
            })?),
            source: from_file(true),
        },
        (false, None, None) => Setting {
            value: Some(Format::Table),
            source: Source::Default,
        },
    };
    let env_actor = match std::env::var("APIKEY_ACTOR") {
        Ok(value) => Some(value).filter(|v| !v.is_empty()),
        Err(std::env::VarError::NotPresent) => None,
        Err(std::env::VarError::NotUnicode(_)) => {
            return Err(Error::invalid(
                "APIKEY_ACTOR is not valid UTF-8; set it to a plain name",
            ));
        }
    };
    let actor = match (&cli.global.actor, env_actor, &file.actor) {
        (Some(flag), _, _) => Setting {
            value: Some(flag.clone()),
            source: Source::Flag,
        },
        (None, Some(env), _) => Setting {
            value: Some(env),
            source: Source::Env("APIKEY_ACTOR".into()),
        },
        (None, None, Some(name)) => Setting {
            value: Some(name.clone()),
            source: from_file(true),
        },
        (None, None, None) => Setting {
            value: None,
            source: Source::Default,
        },
    };
    Ok(Settings {
        db,
        format,
        actor,
        config_file,
    })
}
