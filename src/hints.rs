//! What to run next, added to an error's message when the CLI prints it. The core's
//! errors say what went wrong; only the command line knows its own commands.

use apikey_core::error::{Entity, Error};

/// The hint for `error`, if the CLI has one: e.g. "see 'apikey client list' for the
/// names" after an unknown client.
pub fn hint(error: &Error) -> Option<String> {
    Some(match error {
        Error::NotFound { kind, name, .. } => match kind {
            Entity::Client => "see 'apikey client list' for the names".to_owned(),
            Entity::Key => "see 'apikey key list' for the ids".to_owned(),
            Entity::Permission => format!(
                "add it with 'apikey permission add {name}' or see 'apikey permission list'"
            ),
            Entity::Role => {
                format!("add it with 'apikey role add {name}' or see 'apikey role list'")
            }
            Entity::User => "see 'apikey user list'".to_owned(),
            Entity::File => return None,
        },
        Error::NotGranted { role, .. } => format!("see 'apikey role show {role}'"),
        Error::InUse { kind, name, .. } => match kind {
            Entity::Permission => {
                format!("revoke it first ('apikey role revoke ROLE {name}') or pass --force")
            }
            _ => "revoke it first or pass --force".to_owned(),
        },
        Error::NoStore { empty: true, .. } => "create one with 'apikey init'".to_owned(),
        Error::NoStore { .. } => {
            "create one with 'apikey init' (or point --db / APIKEY_DB at an existing store)"
                .to_owned()
        }
        Error::AlreadyExists { kind, name } => match kind {
            Entity::Client => format!("choose another name or see 'apikey client show {name}'"),
            Entity::Permission => format!("see 'apikey permission show {name}'"),
            Entity::Role => format!("see 'apikey role show {name}'"),
            Entity::User => format!("see 'apikey user show {name}'"),
            _ => return None,
        },
        _ => return None,
    })
}

/// The error's message with its hint, as printed: `message; hint`.
pub fn message(error: &Error) -> String {
    match hint(error) {
        Some(hint) => format!("{error}; {hint}"),
        None => error.to_string(),
    }
}
