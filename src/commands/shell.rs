//! `apikey completions` and `apikey man`: shell integration generated from the clap
//! definitions, so they never drift from the real command line.

use std::path::Path;

use clap::CommandFactory;
use serde_json::json;

use crate::cli::Cli;
use crate::output::Output;
use apikey_core::error::{Error, Result};

/// The completion script for `shell`, as `apikey completions SHELL` prints it.
pub fn completion_script(shell: clap_complete::Shell) -> String {
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "apikey", &mut buf);
    String::from_utf8_lossy(&buf).into_owned()
}

/// The top-level man page (roff).
///
/// # Errors
/// I/O errors from rendering.
pub fn man_page() -> Result<String> {
    let mut buf = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut buf)?;
    Ok(String::from_utf8_lossy(&buf).into_owned())
}

/// Writes `apikey.1` and one page per subcommand (`apikey-client-add.1`, ...) to `dir`.
///
/// # Errors
/// [`Error::Io`] if the directory cannot be created or written.
pub fn write_man_pages(dir: &Path) -> Result<usize> {
    let fail = |e: std::io::Error| Error::io(dir, e);
    std::fs::create_dir_all(dir).map_err(fail)?;
    clap_mangen::generate_to(Cli::command(), dir).map_err(fail)?;
    let count = std::fs::read_dir(dir)
        .map_err(fail)?
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "1"))
        .count();
    Ok(count)
}

pub(super) fn completions(shell: clap_complete::Shell) -> Output {
    Output::raw(completion_script(shell))
}

pub(super) fn man(out_dir: Option<&Path>) -> Result<Output> {
    match out_dir {
        None => Ok(Output::raw(man_page()?)),
        Some(dir) => {
            let pages = write_man_pages(dir)?;
            Ok(Output::message(
                format!("Wrote {pages} man pages to {}", dir.display()),
                json!({ "directory": dir.display().to_string(), "pages": pages }),
            ))
        }
    }
}
