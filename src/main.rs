//! The `apikey` binary: parse, run, print, exit with the documented code.

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

use apikey::cli::{Cli, Format};
use apikey::output::{ListShape, Screen};

fn main() -> ExitCode {
    // `COMPLETE=bash apikey -- WORDS` answers a completion request and exits.
    clap_complete::CompleteEnv::with_factory(<Cli as CommandFactory>::command)
        .var(apikey::commands::shell::COMPLETE_VAR)
        .bin("apikey")
        .completer("apikey")
        .complete();
    apikey::terminal::guard_interrupts();
    // Bare `apikey` shows the help on stdout and succeeds, as `gh` and `kubectl` do.
    if std::env::args_os().len() == 1 {
        let _ = <Cli as CommandFactory>::command().print_help();
        return ExitCode::SUCCESS;
    }
    let matches = match <Cli as CommandFactory>::command().try_get_matches() {
        Ok(matches) => matches,
        Err(e) => return usage_error(e),
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => return usage_error(e),
    };
    let settings = match apikey::config::resolve(&cli, &matches) {
        Ok(settings) => settings,
        Err(error) => {
            print_error(wants_json(), error.code(), &apikey::hints::message(&error));
            return ExitCode::from(error.exit_code());
        }
    };
    let format = settings.format.value.unwrap_or(Format::Table);
    let quiet = cli.global.quiet;
    let list = ListShape {
        limit: cli.global.limit,
        // Leaked once: the process prints one list and ends.
        sort: cli
            .global
            .sort
            .clone()
            .map(|s| &*Box::leak(s.into_boxed_str())),
    };
    let screen = Screen::detect(cli.global.wide, !cli.global.no_headers, list);
    let result = apikey::context(&cli.global, &settings).and_then(|ctx| {
        let output = apikey::run(cli.command, &ctx, &settings)?;
        let new_keys = output.secret_keys().to_vec();
        let rendered = if !new_keys.is_empty() && stdout_was_closed() {
            // The secret would go to the /dev/null that replaced a closed stdout.
            Err(apikey::Error::from(io::Error::other(
                "standard output is closed",
            )))
        } else {
            output.render(
                format,
                screen,
                quiet,
                &mut io::stdout().lock(),
                &mut io::stderr().lock(),
            )
        };
        match rendered {
            Err(cause) if !new_keys.is_empty() => {
                Err(apikey::commands::undelivered(&ctx, &new_keys, &cause))
            }
            other => other,
        }
    });
    match result {
        Ok(code) => ExitCode::from(code),
        // A closed pipe (`apikey key list | head -1`) is not an error, unless it lost a
        // new secret (that error is not an `Io` of kind BrokenPipe).
        Err(apikey::Error::Io { source, .. }) if source.kind() == io::ErrorKind::BrokenPipe => {
            ExitCode::SUCCESS
        }
        Err(error) => {
            print_error(
                format == Format::Json,
                error.code(),
                &apikey::hints::message(&error),
            );
            ExitCode::from(error.exit_code())
        }
    }
}

/// Whether standard output was closed when the process started: the Rust runtime then
/// puts `/dev/null` (opened read-write) on descriptor 1, so writes "succeed" and a new
/// secret would silently go nowhere. A shell's `> /dev/null` opens it write-only and is
/// the user's explicit choice. Linux only (it reads `/proc`); elsewhere, false.
fn stdout_was_closed() -> bool {
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::MetadataExt;
        let is_dev_null = match (
            std::fs::metadata("/proc/self/fd/1"),
            std::fs::metadata("/dev/null"),
        ) {
            (Ok(fd), Ok(null)) => fd.rdev() == null.rdev() && fd.dev() == null.dev(),
            _ => false,
        };
        let read_write = std::fs::read_to_string("/proc/self/fdinfo/1")
            .ok()
            .and_then(|info| {
                let flags = info.lines().find_map(|l| l.strip_prefix("flags:"))?;
                u32::from_str_radix(flags.trim(), 8).ok()
            })
            .is_some_and(|flags| flags & 0o3 == 0o2);
        is_dev_null && read_write
    }
    #[cfg(not(target_os = "linux"))]
    false
}

/// Longest error message printed, in characters: messages quote user input, which may
/// be huge.
const MAX_ERROR_CHARS: usize = 1000;

/// Prints an error as one line on standard error, or as `{"error": {...}}` for scripts.
/// Control characters from user input are escaped so the line stays one line.
fn print_error(json: bool, code: &str, message: &str) {
    let mut message = message.chars().fold(String::new(), |mut out, c| {
        if c.is_control() {
            out.extend(c.escape_debug());
        } else {
            out.push(c);
        }
        out
    });
    if let Some((cut, _)) = message.char_indices().nth(MAX_ERROR_CHARS) {
        message.truncate(cut);
        message.push_str("… (truncated)");
    }
    let mut stderr = io::stderr().lock();
    let _ = if json {
        let body = serde_json::json!({ "error": { "code": code, "message": message } });
        writeln!(stderr, "{body}")
    } else {
        writeln!(stderr, "apikey: error: {message}")
    };
}

/// Help and version print as usual; usage errors are one line and exit 2, in JSON when
/// `--json` (or `--format json`) was asked for.
fn usage_error(e: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        e.exit();
    }
    // clap's whole message: what is wrong, "did you mean", the valid values, the usage
    // and where to get help. A secret given by mistake as an argument is not echoed.
    let mut stderr = io::stderr().lock();
    let _ = if wants_json() {
        let message = redact_keys(e.render().to_string().trim_end());
        let body = serde_json::json!({ "error": { "code": "invalid_input", "message": message } });
        writeln!(stderr, "{body}")
    } else if io::stderr().is_terminal() {
        write!(stderr, "{}", redact_keys(&e.render().ansi().to_string()))
    } else {
        write!(stderr, "{}", redact_keys(&e.render().to_string()))
    };
    ExitCode::from(2)
}

/// `text` with every string of the API key format replaced by `[redacted key]`.
fn redact_keys(text: &str) -> String {
    static KEY: std::sync::LazyLock<Option<regex::Regex>> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"[a-z][a-z0-9]{0,15}_[0-9A-Za-z]{38}").ok());
    match KEY.as_ref() {
        Some(key) => key.replace_all(text, "[redacted key]").into_owned(),
        None => text.to_owned(),
    }
}

/// Whether the command line asks for JSON, read from the raw arguments: for errors that
/// come before the arguments are parsed. Arguments need not be UTF-8 (that may be the
/// very error), so they are compared raw.
fn wants_json() -> bool {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    args.iter().any(|a| a == "--json" || a == "--format=json")
        || args
            .windows(2)
            .any(|w| w[0] == "--format" && w[1] == "json")
}
