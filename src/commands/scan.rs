//! `apikey scan`: find strings of the key format in files and say which are live keys.

use std::path::PathBuf;
use std::sync::LazyLock;

use regex::bytes::Regex;
use serde::Serialize;

use super::Context;
use crate::output::{Output, Record, Row, Table};
use crate::{progress, prompt};
use apikey_core::error::{Error, Result};
use apikey_core::model::KeyStatus;
use apikey_core::secret;
use apikey_core::store::Access;

/// Candidate keys: a prefix, `_`, 38 base62 characters, not inside a longer word.
static KEY_PATTERN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b[a-z][a-z0-9]{0,15}_[0-9A-Za-z]{38}\b").unwrap_or_else(|e| {
        unreachable!("the key pattern is a valid regex: {e}");
    })
});

/// Files larger than this are skipped: keys live in source and config files.
const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

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
    key_id: Option<String>,
    client: Option<String>,
}

impl Row for Finding {
    const COLUMNS: &'static [&'static str] =
        &["file", "line", "hint", "status", "live", "key_id", "client"];
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

#[derive(Debug, Serialize)]
struct ScanReport {
    files_scanned: usize,
    look_alikes_ignored: usize,
    live_keys: usize,
    revoked_now: Vec<String>,
    findings: Vec<Finding>,
}

impl Record for ScanReport {
    fn fields(&self) -> Vec<(&'static str, String)> {
        vec![
            ("files_scanned", self.files_scanned.to_string()),
            ("keys_found", self.findings.len().to_string()),
            ("live_keys", self.live_keys.to_string()),
            ("look_alikes_ignored", self.look_alikes_ignored.to_string()),
            ("revoked_now", self.revoked_now.join(", ")),
        ]
    }
}

pub(super) fn run(ctx: &Context, paths: &[PathBuf], revoke: bool, yes: bool) -> Result<Output> {
    for path in paths {
        if !path.exists() {
            return Err(Error::not_found(
                apikey_core::error::Entity::File,
                path.display().to_string(),
            ));
        }
    }
    let mut store = ctx.open(Access::Existing)?;
    let files = walk(paths);
    let bar = progress::bar(files.len() as u64, "scanning");
    let mut candidates = Vec::new();
    let mut look_alikes = 0;
    for file in &files {
        bar.inc(1);
        let Ok(bytes) = std::fs::read(file) else {
            continue;
        };
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
                Ok(parsed) => candidates.push((
                    file.display().to_string(),
                    line,
                    parsed.hint(),
                    secret::sha256_hex(&text),
                )),
                Err(_) => look_alikes += 1,
            }
        }
    }
    bar.finish_and_clear();
    let findings: Vec<Finding> = store.read(|tx| {
        candidates
            .into_iter()
            .map(|(file, line, hint, sha256)| {
                Ok(match tx.key_by_hash(&sha256)? {
                    Some(row) => Finding {
                        file,
                        line,
                        hint,
                        status: row.key.status.as_str().to_owned(),
                        live: !matches!(row.key.status, KeyStatus::Revoked | KeyStatus::Expired),
                        key_id: Some(row.key.id),
                        client: Some(row.key.client),
                    },
                    None => Finding {
                        file,
                        line,
                        hint,
                        status: "unknown".into(),
                        live: false,
                        key_id: None,
                        client: None,
                    },
                })
            })
            .collect()
    })?;
    let mut live_ids: Vec<String> = findings
        .iter()
        .filter(|f| f.live)
        .filter_map(|f| f.key_id.clone())
        .collect();
    live_ids.sort();
    live_ids.dedup();
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
            for id in &live_ids {
                let place = findings
                    .iter()
                    .find(|f| f.key_id.as_deref() == Some(id))
                    .map(|f| format!("{}:{}", crate::output::escape(&f.file), f.line))
                    .unwrap_or_default();
                let reason = format!("leaked: found by apikey scan in {place}");
                apikey_core::ops::keys::revoke(tx, id, Some(&reason))?;
            }
            Ok(live_ids.clone())
        })?;
    }
    let report = ScanReport {
        files_scanned: files.len(),
        look_alikes_ignored: look_alikes,
        live_keys: live_ids.len(),
        revoked_now,
        findings,
    };
    // Live keys found are a failure for CI even when revoked now: they leaked.
    let code = if report.live_keys > 0 { 5 } else { 0 };
    let table = Table::of(&report.findings);
    Ok(Output::record(&report)?
        .with_table("Keys found", table)
        .with_exit_code(code))
}

/// Every file under `paths`, honouring .gitignore (also outside git repositories) and
/// including hidden files such as `.env`, but not `.git` itself.
fn walk(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut builder = ignore::WalkBuilder::new(&paths[0]);
    for path in &paths[1..] {
        builder.add(path);
    }
    builder
        .hidden(false)
        .require_git(false)
        .filter_entry(|entry| entry.file_name() != ".git");
    let mut files: Vec<PathBuf> = builder
        .build()
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.file_type().is_some_and(|t| t.is_file()))
        .filter(|entry| entry.metadata().is_ok_and(|m| m.len() <= MAX_FILE_BYTES))
        .map(|entry| entry.into_path())
        .collect();
    files.sort();
    files
}
