//! Reading user-supplied files and standard input, with size limits so that an endless
//! pipe fails with a clear error instead of growing memory without bound.

use std::io::{IsTerminal, Read};
use std::path::Path;

use apikey_core::error::{Error, Result};

/// Largest provisioning or import file read, in bytes (64 MiB: about a million keys).
pub const MAX_FILE_BYTES: u64 = 64 << 20;

/// Longest key accepted on standard input, in bytes; real keys are far shorter.
const MAX_KEY_INPUT: u64 = 4096;

/// Reads `path` (`-` for standard input) as UTF-8 text of at most [`MAX_FILE_BYTES`].
///
/// # Errors
/// [`Error::Invalid`] naming the file: unreadable, too large, or not UTF-8.
pub fn read_text(path: &Path) -> Result<String> {
    let name = path.display().to_string();
    let cannot = |why: String| Error::invalid(format!("cannot read {name}: {why}"));
    let mut bytes = Vec::new();
    let read = if name == "-" {
        std::io::stdin()
            .lock()
            .take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
    };
    read.map_err(|e| cannot(e.to_string()))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(cannot(format!(
            "it is larger than {} MiB; split it into smaller files",
            MAX_FILE_BYTES >> 20
        )));
    }
    String::from_utf8(bytes).map_err(|_| cannot("it is not UTF-8 text".into()))
}

/// The key to check: `--key`, else standard input (a hidden prompt on a terminal).
/// Surrounding whitespace is trimmed.
///
/// # Errors
/// [`Error::Invalid`] for empty, oversized or non-UTF-8 input.
pub fn read_key(flag: Option<String>) -> Result<String> {
    if let Some(key) = flag {
        return Ok(key.trim().to_owned());
    }
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        return crate::prompt::hidden("API key").map(|k| k.trim().to_owned());
    }
    let mut buf = Vec::new();
    stdin.lock().take(MAX_KEY_INPUT + 1).read_to_end(&mut buf)?;
    if buf.len() as u64 > MAX_KEY_INPUT {
        return Err(Error::invalid(
            "standard input is too long for an API key; pipe in only the key",
        ));
    }
    let text = String::from_utf8(buf)
        .map_err(|_| Error::invalid("standard input is not UTF-8 text; pipe in only the key"))?;
    let key = text.trim();
    if key.is_empty() {
        return Err(Error::invalid(
            "no key on standard input; pipe the key in (echo \"$KEY\" | apikey key verify) or pass --key",
        ));
    }
    Ok(key.to_owned())
}
