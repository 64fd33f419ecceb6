//! Leaving the terminal as it was found when the user presses Ctrl-C at a prompt.
//!
//! A prompt hides the cursor (confirmations) or turns echo off (passwords, keys); if
//! SIGINT ends the process there, some shells (dash, sh) do not repair the terminal.
//! [`guard_interrupts`] records the terminal's settings at start-up and installs a
//! handler that restores them, shows the cursor and exits 130, as a shell reports an
//! interrupt. Nothing was committed: the store is as it was.

use std::io::{IsTerminal, Write};

/// Exit code of a process ended by Ctrl-C (128 + SIGINT).
pub const INTERRUPTED: i32 = 130;

/// Installs the Ctrl-C handler when standard input is a terminal; otherwise SIGINT keeps
/// its default action. Errors are ignored: a missing handler only loses the repair.
pub fn guard_interrupts() {
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        return;
    }
    let saved = nix::sys::termios::tcgetattr(&stdin).ok();
    let _ = ctrlc::set_handler(move || {
        if let Some(saved) = &saved {
            let _ = nix::sys::termios::tcsetattr(
                std::io::stdin(),
                nix::sys::termios::SetArg::TCSANOW,
                saved,
            );
        }
        let mut stderr = std::io::stderr();
        // Show the cursor again, and end the prompt's line.
        let _ = writeln!(stderr, "\x1b[?25h");
        let _ = stderr.flush();
        std::process::exit(INTERRUPTED);
    });
}
