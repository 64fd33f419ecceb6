//! `apikey completions` and `apikey man`: shell integration generated from the clap
//! definitions, so they never drift from the real command line.

use std::path::Path;

use clap::CommandFactory;
use serde_json::json;

use crate::cli::Cli;
use crate::output::Output;
use apikey_core::error::{Error, Result};

/// The completion script for `shell`, as `apikey completions SHELL` prints it: the
/// registration of clap's dynamic completion, which asks `apikey` itself (with
/// `COMPLETE=SHELL` set) for commands, flags and names from the store. It is what
/// `COMPLETE=SHELL apikey` prints, with `apikey` found on the `PATH`.
pub fn completion_script(shell: clap_complete::Shell) -> String {
    let mut buf = Vec::new();
    let name = shell.to_string();
    if let Some(completer) = clap_complete::env::Shells::builtins().completer(&name) {
        let _ = completer.write_registration(COMPLETE_VAR, "apikey", "apikey", "apikey", &mut buf);
    }
    String::from_utf8_lossy(&buf).into_owned()
}

/// The environment variable that switches `apikey` into completion mode.
pub const COMPLETE_VAR: &str = "COMPLETE";

/// The top-level man page (roff).
///
/// # Errors
/// I/O errors from rendering.
pub fn man_page() -> Result<String> {
    let mut buf = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut buf)?;
    Ok(String::from_utf8_lossy(&buf).into_owned())
}

/// Writes `apikey.1` and one page per subcommand (`apikey-client-add.1`, ...) to
/// `dir/man1`, so that `MANPATH=dir man apikey-key-verify` finds them. Returns how many
/// pages it wrote.
/// Each page is a new file: an existing one (a symbolic link included) is refused, or
/// replaced whole with `force`; a link is never followed. The pages are rendered in a
/// private directory inside `dir` and moved into place.
///
/// # Errors
/// [`Error::Io`] if the directory cannot be created or written; [`Error::Conflict`]
/// for existing pages without `force`.
pub fn write_man_pages(dir: &Path, force: bool) -> Result<usize> {
    let dir = &dir.join("man1");
    let fail = |e: std::io::Error| Error::io(dir, e);
    std::fs::create_dir_all(dir).map_err(fail)?;
    let staging = apikey_core::files::temp_beside(&dir.join("man"), "pages");
    let mut builder = std::fs::DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(&staging).map_err(fail)?;
    let result = move_pages(&staging, dir, force);
    let _ = std::fs::remove_dir_all(&staging);
    result
}

fn move_pages(staging: &Path, dir: &Path, force: bool) -> Result<usize> {
    let fail = |e: std::io::Error| Error::io(dir, e);
    clap_mangen::generate_to(Cli::command(), staging).map_err(fail)?;
    let mut names: Vec<std::ffi::OsString> = std::fs::read_dir(staging)
        .map_err(fail)?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name())
        .filter(|n| Path::new(n).extension().is_some_and(|x| x == "1"))
        .collect();
    names.sort();
    // Every target is checked before any is written.
    for name in &names {
        let target = dir.join(name);
        apikey_core::files::check_target(&target, force, "the man page")?;
    }
    for name in &names {
        apikey_core::files::move_into_place(
            &staging.join(name),
            &dir.join(name),
            force,
            "the man page",
        )?;
    }
    Ok(names.len())
}

pub(super) fn completions(shell: clap_complete::Shell) -> Output {
    Output::raw(completion_script(shell))
}

pub(super) fn man(out_dir: Option<&Path>, force: bool) -> Result<Output> {
    match out_dir {
        None => Ok(Output::raw(man_page()?)),
        Some(dir) => {
            let pages = write_man_pages(dir, force)?;
            Ok(Output::message(
                format!(
                    "Wrote {pages} man pages to {}; read them with MANPATH={} man apikey",
                    dir.join("man1").display(),
                    dir.display()
                ),
                json!({ "directory": dir.join("man1").display().to_string(), "pages": pages }),
            ))
        }
    }
}
