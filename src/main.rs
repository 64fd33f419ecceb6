//! The `apikey` binary: parse, run, print, exit with the documented code.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;

use apikey::cli::{Cli, Format};
use apikey::output::stdout_is_terminal;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let format = match (cli.global.json, cli.global.format) {
        (true, _) => Format::Json,
        (false, Some(format)) => format,
        (false, None) => Format::Table,
    };
    let quiet = cli.global.quiet;
    let result = apikey::run(cli).and_then(|output| {
        output.render(
            format,
            stdout_is_terminal(),
            quiet,
            &mut io::stdout().lock(),
            &mut io::stderr().lock(),
        )?;
        Ok(output.exit_code())
    });
    match result {
        Ok(code) => ExitCode::from(code),
        // A closed pipe (`apikey key list | head -1`) is not an error.
        Err(apikey::Error::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => {
            let mut stderr = io::stderr().lock();
            let _ = if format == Format::Json {
                let body = serde_json::json!({
                    "error": { "code": error.code(), "message": error.to_string() }
                });
                writeln!(stderr, "{body}")
            } else {
                writeln!(stderr, "apikey: error: {error}")
            };
            ExitCode::from(error.exit_code())
        }
    }
}
