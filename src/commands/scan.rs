//! `apikey scan`: find strings of the key format in files and say which are live keys.
//!
//! Memory stays bounded however much is scanned: candidates are looked up in batches as
//! they are found, at most [`MAX_LISTED`] findings and unscanned files are kept for the
//! report (the counts cover all of them), and each live key's first place is kept once.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock, Mutex};

use regex::bytes::Regex;
use serde::Serialize;

use super::Context;
use crate::output::{Output, Record, Row, Table};
use crate::{progress, prompt};
use apikey_core::error::{Error, Result};
use apikey_core::model::KeyStatus;
use apikey_core::secret;
use apikey_core::store::{Access, Store};

/// Candidate keys: a prefix, `_`, 38 base62 characters, not inside a longer word.
static KEY_PATTERN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b[a-z][a-z0-9]{0,15}_[0-9A-Za-z]{38}\b").unwrap_or_else(|e| {
        unreachable!("the key pattern is a valid regex: {e}");
    })
});

/// Files larger than this are skipped (and reported): keys live in source and config
/// files.
const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// At most this many findings, and this many unscanned files, are listed in the report;
/// the counts always cover all of them.
pub const MAX_LISTED: usize = 10_000;

/// Candidates looked up in the store per read transaction.
const BATCH: usize = 1_000;

/// How many unscanned paths the closing message names.
const NAMED_IN_MESSAGE: usize = 3;

/// Pseudo file systems never read: their files are endless or change as they are read.
const PSEUDO_ROOTS: &[&str] = &["/proc", "/sys"];

/// One well-formed key found in a file. Never holds the secret itself.
#[derive(Debug, Clone, Serialize)]
struct Finding {
    file: String,
    line: usize,
    hint: String,
    /// `active`, `expired`, `revoked`, `disabled`, or `unknown` (not in this store).
    status: String,
    /// Whether it can verify now or after `key enable`: not revoked, not expired.
    live: bool,
    /// The stored key's id (named as in its record); `null` when not in this store.
    #[serde(rename = "id")]
    key_id: Option<String>,
    client: Option<String>,
}

impl Row for Finding {
    const COLUMNS: &'static [&'static str] =
        &["file", "line", "hint", "status", "live", "id", "client"];
    fn cells(&self) -> Vec<String> {
        vec![
            self.file.clone(),
            self.line.to_string(),
            self.hint.clone(),
            self.status.clone(),
            self.live.to_string(),
            self.key_id.clone().unwrap_or_default(),
            self.client.clone().unwrap_or_default(),
        ]
    }
}

/// A file that was not scanned, and why.
#[derive(Debug, Clone, Serialize)]
struct NotScanned {
    file: String,
    /// `special` (not a regular file), `pseudo` (under /proc or /sys), `too_large` (over
    /// 64 MiB) or `unreadable`.
    reason: &'static str,
    /// The error, for `unreadable`; `null` otherwise.
    error: Option<String>,
}

#[derive(Debug, Serialize)]
struct ScanReport {
    files_scanned: usize,
    files_skipped: usize,
    files_unreadable: usize,
    keys_found: usize,
    look_alikes_ignored: usize,
    live_keys: usize,
    revoked_now: Vec<String>,
    findings: Vec<Finding>,
    findings_omitted: usize,
    not_scanned: Vec<NotScanned>,
    not_scanned_omitted: usize,
}

impl Record for ScanReport {
    fn fields(&self) -> Vec<(&'static str, String)> {
        vec![
            ("files_scanned", self.files_scanned.to_string()),
            ("files_skipped", self.files_skipped.to_string()),
            ("files_unreadable", self.files_unreadable.to_string()),
            ("keys_found", self.keys_found.to_string()),
            ("live_keys", self.live_keys.to_string()),
            ("look_alikes_ignored", self.look_alikes_ignored.to_string()),
            ("revoked_now", self.revoked_now.join(", ")),
        ]
    }
}

/// A well-formed key found, not yet looked up.
struct Candidate {
    file: String,
    line: usize,
    hint: String,
    sha256: String,
}

/// What the scan gathered so far; bounded in memory.
#[derive(Default)]
struct Tally {
    files_scanned: usize,
    files_skipped: usize,
    files_unreadable: usize,
    keys_found: usize,
    look_alikes: usize,
    findings: Vec<Finding>,
    findings_omitted: usize,
    not_scanned: Vec<NotScanned>,
    not_scanned_omitted: usize,
    /// Each live key found, with the first place it was found at.
    live: BTreeMap<String, String>,
    pending: Vec<Candidate>,
}

impl Tally {
    fn not_scanned(&mut self, path: &Path, reason: &'static str, error: Option<String>) {
        if reason == "unreadable" {
            self.files_unreadable += 1;
        } else {
            self.files_skipped += 1;
        }
        if self.not_scanned.len() < MAX_LISTED {
            self.not_scanned.push(NotScanned {
                file: path.display().to_string(),
                reason,
                error,
            });
        } else {
            self.not_scanned_omitted += 1;
        }
    }

    /// Looks the pending candidates up in the store and records them.
    fn flush(&mut self, store: &mut Store) -> Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let batch = std::mem::take(&mut self.pending);
        let found = store.read(|tx| {
            batch
                .into_iter()
                .map(|c| Ok((tx.key_by_hash(&c.sha256)?, c)))
                .collect::<Result<Vec<_>>>()
        })?;
        for (row, c) in found {
            let finding = match row {
                Some(row) => Finding {
                    file: c.file,
                    line: c.line,
                    hint: c.hint,
                    status: row.key.status.as_str().to_owned(),
                    live: !matches!(row.key.status, KeyStatus::Revoked | KeyStatus::Expired),
                    key_id: Some(row.key.id),
                    client: Some(row.key.client),
                },
                None => Finding {
                    file: c.file,
                    line: c.line,
                    hint: c.hint,
                    status: "unknown".into(),
                    live: false,
                    key_id: None,
                    client: None,
                },
            };
            if finding.live
                && let Some(id) = &finding.key_id
            {
                self.live.entry(id.clone()).or_insert_with(|| {
                    format!("{}:{}", crate::output::escape(&finding.file), finding.line)
                });
            }
            if self.findings.len() < MAX_LISTED {
                self.findings.push(finding);
            } else {
                self.findings_omitted += 1;
            }
        }
        Ok(())
    }

    /// Reads `file` (a regular file of at most [`MAX_FILE_BYTES`]) and queues its keys.
    fn scan_file(&mut self, file: &Path, store: &mut Store) -> Result<()> {
        let mut bytes = Vec::new();
        let read = std::fs::File::open(file)
            .and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes));
        if let Err(e) = read {
            self.not_scanned(file, "unreadable", Some(e.to_string()));
            return Ok(());
        }
        if bytes.len() as u64 > MAX_FILE_BYTES {
            // It grew past the limit since it was listed.
            self.not_scanned(file, "too_large", None);
            return Ok(());
        }
        self.files_scanned += 1;
        let name = file.display().to_string();
        let mut line = 1;
        let mut counted_to = 0;
        for m in KEY_PATTERN.find_iter(&bytes) {
            line += bytes[counted_to..m.start()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            counted_to = m.start();
            let text = String::from_utf8_lossy(m.as_bytes()).into_owned();
            match secret::parse(&text) {
                Ok(parsed) => {
                    self.keys_found += 1;
                    self.pending.push(Candidate {
                        file: name.clone(),
                        line,
                        hint: parsed.hint(),
                        sha256: secret::sha256_hex(&text),
                    });
                    if self.pending.len() >= BATCH {
                        self.flush(store)?;
                    }
                }
                Err(_) => self.look_alikes += 1,
            }
        }
        Ok(())
    }
}

pub(super) fn run(
    ctx: &Context,
    paths: &[PathBuf],
    respect_ignore: bool,
    revoke: bool,
    yes: bool,
) -> Result<Output> {
    for path in paths {
        if !path.exists() {
            return Err(Error::not_found(
                apikey_core::error::Entity::File,
                path.display().to_string(),
            ));
        }
    }
    // A scan that only reports opens the store read-only: it also runs as another user
    // than the store's owner (README, "Security notes").
    let mut store = if revoke {
        ctx.open(Access::Existing)?
    } else {
        ctx.open_read()?
    };
    let mut tally = Tally::default();
    let files = walk(paths, respect_ignore, &mut tally);
    let bar = progress::bar(files.len() as u64, "scanning");
    for file in &files {
        bar.inc(1);
        tally.scan_file(file, &mut store)?;
    }
    tally.flush(&mut store)?;
    bar.finish_and_clear();
    let live_ids: Vec<String> = tally.live.keys().cloned().collect();
    let mut revoked_now = Vec::new();
    if revoke && !live_ids.is_empty() {
        prompt::confirm(
            &format!(
                "revoke the {} live keys found ({})",
                live_ids.len(),
                live_ids.join(", ")
            ),
            yes,
        )?;
        revoked_now = store.write(|tx| {
            for (id, place) in &tally.live {
                let reason = format!("leaked: found by apikey scan in {place}");
                apikey_core::ops::keys::revoke(tx, id, Some(&reason))?;
            }
            Ok(live_ids.clone())
        })?;
    }
    let report = ScanReport {
        files_scanned: tally.files_scanned,
        files_skipped: tally.files_skipped,
        files_unreadable: tally.files_unreadable,
        keys_found: tally.keys_found,
        look_alikes_ignored: tally.look_alikes,
        live_keys: live_ids.len(),
        revoked_now,
        findings: tally.findings,
        findings_omitted: tally.findings_omitted,
        not_scanned: tally.not_scanned,
        not_scanned_omitted: tally.not_scanned_omitted,
    };
    let unscanned = report.files_skipped + report.files_unreadable;
    // Live keys found are a failure for CI even when revoked now: they leaked. A file
    // that could not be scanned may hold one: that fails too, with a lower priority.
    let code = if report.live_keys > 0 {
        5
    } else if unscanned > 0 {
        1
    } else {
        0
    };
    let table = Table::of(&report.findings);
    let mut output = Output::record(&report)?.with_table("Keys found", table);
    if unscanned > 0 {
        output = output.with_notice(unscanned_message(&report));
    }
    if report.findings_omitted > 0 {
        output = output.with_notice(format!(
            "{} more findings are counted in keys_found but not listed (at most {MAX_LISTED} are)",
            report.findings_omitted
        ));
    }
    Ok(output.with_exit_code(code))
}

/// "3 files could not be scanned (2 skipped, 1 unreadable): a (special), b (too_large), …"
fn unscanned_message(report: &ScanReport) -> String {
    let total = report.files_skipped + report.files_unreadable;
    let named: Vec<String> = report
        .not_scanned
        .iter()
        .take(NAMED_IN_MESSAGE)
        .map(|n| format!("{} ({})", n.file, n.reason))
        .collect();
    let more = if total > named.len() { ", …" } else { "" };
    let files = if total == 1 { "file" } else { "files" };
    format!(
        "{total} {files} could not be scanned ({} skipped, {} unreadable): {}{more}",
        report.files_skipped,
        report.files_unreadable,
        named.join(", ")
    )
}

/// Whether `path` (made absolute) is, or is under, a pseudo file system.
fn is_pseudo(path: &Path) -> bool {
    let Ok(real) = std::fs::canonicalize(path) else {
        return false;
    };
    PSEUDO_ROOTS.iter().any(|root| real.starts_with(root))
}

/// Whether `path` is inside a git repository: it or a parent holds `.git`.
fn in_git_repository(path: &Path) -> bool {
    let Ok(real) = std::fs::canonicalize(path) else {
        return false;
    };
    real.ancestors().any(|dir| dir.join(".git").exists())
}

/// The regular files under `paths` to scan, sorted; records in `tally` what is skipped.
///
/// Hidden files such as `.env` are included, `.git` itself is not. `.gitignore` files
/// (and git's exclude files) apply only inside git repositories, `.ignore` files only
/// when the path given is inside one; `respect_ignore` applies both everywhere.
/// Symbolic links are not followed. Special files (devices, fifos, sockets), anything
/// under `/proc` or `/sys`, and files over 64 MiB are skipped.
fn walk(paths: &[PathBuf], respect_ignore: bool, tally: &mut Tally) -> Vec<PathBuf> {
    let pseudo_dirs: Arc<Mutex<Vec<PathBuf>>> = Arc::default();
    let mut files = Vec::new();
    for root in paths {
        if is_pseudo(root) {
            tally.not_scanned(root, "pseudo", None);
            continue;
        }
        let mut builder = ignore::WalkBuilder::new(root);
        let seen = Arc::clone(&pseudo_dirs);
        builder
            .hidden(false)
            .require_git(!respect_ignore)
            .ignore(respect_ignore || in_git_repository(root))
            .filter_entry(move |entry| {
                if entry.file_name() == ".git" {
                    return false;
                }
                let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
                let name = entry.file_name();
                if is_dir && (name == "proc" || name == "sys") && is_pseudo(entry.path()) {
                    if let Ok(mut seen) = seen.lock() {
                        seen.push(entry.path().to_owned());
                    }
                    return false;
                }
                true
            });
        for entry in builder.build() {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    let path = error_path(&e).unwrap_or_else(|| root.clone());
                    tally.not_scanned(&path, "unreadable", Some(e.to_string()));
                    continue;
                }
            };
            let Some(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() || kind.is_symlink() {
                continue;
            }
            if !kind.is_file() {
                tally.not_scanned(entry.path(), "special", None);
                continue;
            }
            match entry.metadata() {
                Ok(meta) if meta.len() > MAX_FILE_BYTES => {
                    tally.not_scanned(entry.path(), "too_large", None);
                }
                Ok(_) => files.push(entry.into_path()),
                Err(e) => tally.not_scanned(entry.path(), "unreadable", Some(e.to_string())),
            }
        }
    }
    if let Ok(seen) = pseudo_dirs.lock() {
        for dir in seen.iter() {
            tally.not_scanned(dir, "pseudo", None);
        }
    }
    files.sort();
    files.dedup();
    files
}

/// The path an error of the walk is about, if it names one.
fn error_path(error: &ignore::Error) -> Option<PathBuf> {
    match error {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        ignore::Error::Partial(errors) => errors.first().and_then(error_path),
        _ => None,
    }
}
