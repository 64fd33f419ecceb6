//! Progress bars for long runs: shown on a terminal when the work is large, never
//! otherwise (scripts and CI logs get nothing extra).

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressStyle};

/// Work below this many items finishes too fast to need a bar.
pub const THRESHOLD: u64 = 2_000;

/// A bar over `len` items labelled `what`, or a hidden one when standard error is not a
/// terminal or the work is small.
pub fn bar(len: u64, what: &str) -> ProgressBar {
    if len < THRESHOLD || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len);
    if let Ok(style) =
        ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} ({per_sec}, {eta} left)")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message(what.to_owned());
    bar
}
