//! Confirmation prompts. On a terminal they ask (dialoguer); without one they never
//! wait: the caller must pass `--yes`.

use std::io::IsTerminal;

use crate::error::{Error, Result};

/// Asks whether to `action` (e.g. "remove client 'x' and its 2 keys") unless `yes` is set.
///
/// # Errors
/// - [`Error::Invalid`] if there is no terminal to ask on and `yes` is false;
/// - [`Error::Cancelled`] if the user answers no.
pub fn confirm(action: &str, yes: bool) -> Result<()> {
    if yes {
        return Ok(());
    }
    if !(std::io::stdin().is_terminal() && std::io::stderr().is_terminal()) {
        return Err(Error::invalid(format!(
            "refusing to {action} without confirmation: there is no terminal to ask on; pass --yes to confirm"
        )));
    }
    let answer = dialoguer::Confirm::new()
        .with_prompt(format!("Really {action}? This cannot be undone"))
        .default(false)
        .interact()
        .map_err(|e| Error::Io(std::io::Error::other(e)))?;
    if answer {
        Ok(())
    } else {
        Err(Error::Cancelled)
    }
}
