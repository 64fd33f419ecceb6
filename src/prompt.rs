//! Confirmation and password prompts. On a terminal they ask (dialoguer); without one
//! they never wait: the caller must pass `--yes` or `--password-stdin`.

use std::io::{BufRead, IsTerminal, Read};

use apikey_core::error::{Error, Result};

fn interactive() -> bool {
    std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

fn prompt_error(e: dialoguer::Error) -> Error {
    let dialoguer::Error::IO(e) = e;
    if e.kind() == std::io::ErrorKind::Interrupted {
        // Ctrl-C read as a key by a prompt in raw mode: leave the terminal as found
        // (the cursor shown) and end as an interrupt does. Nothing was committed.
        let _ = console::Term::stderr().show_cursor();
        let _ = console::Term::stderr().write_line("");
        std::process::exit(crate::terminal::INTERRUPTED);
    }
    Error::from(e)
}

/// Asks for a secret on the terminal without echoing it (`key verify`'s key).
///
/// # Errors
/// [`Error::Io`] if the terminal cannot be read.
pub fn hidden(prompt: &str) -> Result<String> {
    dialoguer::Password::new()
        .with_prompt(prompt)
        .interact()
        .map_err(prompt_error)
}

/// Asks whether to `action` (e.g. "remove client 'x' and its 2 keys") unless `yes` is set.
///
/// # Errors
/// - [`Error::Invalid`] if there is no terminal to ask on and `yes` is false;
/// - [`Error::Cancelled`] if the user answers no.
pub fn confirm(action: &str, yes: bool) -> Result<()> {
    if yes {
        return Ok(());
    }
    if !interactive() {
        return Err(Error::invalid(format!(
            "refusing to {action} without confirmation: there is no terminal to ask on; pass --yes to confirm"
        )));
    }
    let answer = dialoguer::Confirm::new()
        .with_prompt(format!("Really {action}? This cannot be undone"))
        .default(false)
        .interact()
        .map_err(prompt_error)?;
    if answer {
        Ok(())
    } else {
        Err(Error::Cancelled)
    }
}

/// Which password is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordPurpose {
    /// A new password: prompted twice on a terminal, and both must match.
    New,
    /// A login check: prompted once.
    Login,
}

/// Reads a password from the first line of standard input (`from_stdin`) or a hidden
/// prompt. Never from an argument.
///
/// # Errors
/// [`Error::Invalid`] if standard input is empty, there is no terminal to prompt on, or
/// the two entries of a new password differ.
pub fn password(from_stdin: bool, purpose: PasswordPurpose) -> Result<String> {
    if from_stdin {
        return password_from_stdin();
    }
    if !interactive() {
        return Err(Error::invalid(
            "there is no terminal to prompt for the password; pipe it in and pass --password-stdin",
        ));
    }
    let ask = |prompt: &str| {
        dialoguer::Password::new()
            .with_prompt(prompt)
            .allow_empty_password(true)
            .interact()
            .map_err(prompt_error)
    };
    match purpose {
        PasswordPurpose::Login => ask("Password"),
        PasswordPurpose::New => confirmed(ask),
    }
}

/// Asks for a new password twice through `ask` and insists both agree. The test seam of
/// the terminal path.
///
/// # Errors
/// [`Error::Invalid`] when they differ; whatever `ask` fails with.
pub fn confirmed(mut ask: impl FnMut(&str) -> Result<String>) -> Result<String> {
    let first = ask("New password")?;
    let second = ask("Repeat the password")?;
    if first != second {
        return Err(Error::invalid(
            "the two passwords do not match; nothing was changed, try again",
        ));
    }
    Ok(first)
}

fn password_from_stdin() -> Result<String> {
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .take(64 * 1024)
        .read_line(&mut line)
        .map_err(|_| Error::invalid("standard input is not UTF-8 text; pipe in the password"))?;
    let password = line.trim_end_matches(['\n', '\r']);
    if password.is_empty() {
        return Err(Error::invalid(
            "--password-stdin was given but standard input has no password; pipe it in, e.g. printf '%s\\n' \"$PASSWORD\" | apikey ...",
        ));
    }
    Ok(password.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confirmation_must_match() {
        let mut answers = vec!["correct horse battery", "correct horse battery"].into_iter();
        let ok = confirmed(|_| Ok(answers.next().unwrap().to_owned())).unwrap();
        assert_eq!(ok, "correct horse battery");

        let mut answers = vec!["correct horse battery", "correct horse batterY"].into_iter();
        let err = confirmed(|_| Ok(answers.next().unwrap().to_owned())).unwrap_err();
        assert_eq!(err.exit_code(), 2);
        assert!(err.to_string().contains("do not match"));
        assert!(!err.to_string().contains("horse"));
    }
}
