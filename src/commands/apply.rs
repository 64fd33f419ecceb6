//! `apikey apply`, `diff` and `export`: declarative provisioning (the reconciler is
//! `apikey_core::provision`).

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::json;

use super::input::read_text;
use super::{Context, SECRET_NOTICE};
use crate::output::{Output, Record, Row, Table};
use crate::{progress, prompt};
use apikey_core::error::{Error, Result};
use apikey_core::provision::reconcile::{self, Change, NewSecret, Op, Outcome, ReconcileSink};
use apikey_core::provision::{Manifest, Syntax, export as snapshot, manifest};
use apikey_core::store::{Access, Store};

/// The page cache of a bulk write, in MiB; see `Store::set_cache_mib`.
pub(super) const BULK_CACHE_MIB: u32 = 128;

/// `apply`'s arguments.
#[derive(Debug)]
pub(super) struct ApplyArgs {
    pub file: PathBuf,
    pub dry_run: bool,
    pub prune: bool,
    pub allow_empty: bool,
    pub secrets_out: Option<PathBuf>,
    pub syntax: Option<Syntax>,
    pub yes: bool,
}

impl Row for Change {
    const COLUMNS: &'static [&'static str] = &["op", "kind", "name", "detail"];
    fn cells(&self) -> Vec<String> {
        let op = match self.op {
            Op::Create => "create",
            Op::Update => "update",
            Op::Remove => "remove",
        };
        vec![
            op.to_owned(),
            self.kind.to_owned(),
            self.name.clone(),
            self.detail.clone(),
        ]
    }
}

fn read_manifest(file: &Path, syntax: Option<Syntax>) -> Result<Manifest> {
    let text = read_text(file)?;
    manifest::parse(
        &text,
        &file.display().to_string(),
        syntax.or_else(|| Syntax::from_path(file)),
    )
}

/// Runs `apply`.
pub(super) fn apply(ctx: &Context, args: &ApplyArgs) -> Result<Output> {
    let manifest = read_manifest(&args.file, args.syntax)?;
    // An empty file (a truncated download, `{}`) with --prune would remove everything.
    if args.prune && !args.allow_empty && manifest.is_empty() {
        return Err(Error::invalid(format!(
            "{} declares nothing, so --prune would remove every permission, role, client and user; pass --allow-empty if that is what you want",
            args.file.display()
        )));
    }
    if args.dry_run {
        // A missing store is planned against an empty one, and not created.
        let mut store = match ctx.open_if_any()? {
            Some(store) => store,
            None => Store::open_in_memory()?,
        };
        let outcome =
            store.rehearse(|tx| reconcile::reconcile(tx, &manifest, args.prune, &mut Discard))?;
        return report(outcome, true, Vec::new(), None);
    }
    if ctx.quiet && args.secrets_out.is_none() && declares_keys(&manifest) {
        return Err(Error::invalid(format!(
            "--quiet prints nothing, so the secrets of the keys {} creates would be printed nowhere; pass --secrets-out FILE",
            args.file.display()
        )));
    }
    let mut store = ctx.open(Access::Create)?;
    store.set_cache_mib(BULK_CACHE_MIB)?;
    if args.prune {
        let plan = store.rehearse(|tx| reconcile::reconcile(tx, &manifest, true, &mut Discard))?;
        let removals = plan.changes.iter().filter(|c| c.op == Op::Remove).count();
        if removals > 0 {
            prompt::confirm(
                &format!(
                    "apply {} with --prune, removing or revoking {removals} things",
                    args.file.display()
                ),
                args.yes,
            )?;
        }
    }
    // Secrets go to the file as they are made and are synced before the commit: a key
    // whose secret was not delivered is never committed.
    let mut sink = match &args.secrets_out {
        Some(path) => Secrets::File(SecretsFile::create(path)?),
        None => Secrets::Memory(Vec::new()),
    };
    let declared: u64 = manifest
        .clients
        .iter()
        .flat_map(|c| &c.keys)
        .map(|g| u64::from(g.count))
        .sum();
    let mut sink = Progress {
        bar: progress::bar(declared, "applying"),
        secrets: &mut sink,
    };
    let outcome = store.write(|tx| {
        let outcome = reconcile::reconcile(tx, &manifest, args.prune, &mut sink)?;
        sink.secrets.finish()?;
        Ok(outcome)
    })?;
    sink.bar.finish_and_clear();
    store.checkpoint();
    let (secrets, file) = match sink.secrets {
        Secrets::File(file) => (Vec::new(), Some(file.commit())),
        Secrets::Memory(secrets) => (std::mem::take(secrets), None),
    };
    report(outcome, false, secrets, file)
}

/// Whether `manifest` declares any key (existing or to be created).
fn declares_keys(manifest: &Manifest) -> bool {
    manifest
        .clients
        .iter()
        .any(|c| c.keys.iter().any(|g| g.count > 0))
}

fn report(
    outcome: Outcome,
    dry_run: bool,
    secrets: Vec<NewSecret>,
    secrets_file: Option<String>,
) -> Result<Output> {
    let report = ApplyReport {
        dry_run,
        changed: outcome.changes.len(),
        keys_created: outcome.keys_created,
        changes: outcome.changes,
        secrets,
        secrets_file,
    };
    let table = Table::of(&report.changes);
    let mut output = Output::record(&report)?.with_table("Changes", table);
    if !report.secrets.is_empty() {
        let ids = report.secrets.iter().map(|s| s.id.clone()).collect();
        output = output
            .delivering_secrets_of(ids)
            .with_trailer(format!(
                "New secrets (shown only this once):\n{}",
                serde_json::to_string_pretty(&report.secrets).unwrap_or_default()
            ))
            .with_notice(SECRET_NOTICE);
    }
    Ok(output)
}

/// A sink for runs whose keys are never committed (dry runs, plans).
struct Discard;

impl ReconcileSink for Discard {
    fn secret(&mut self, _: NewSecret) -> Result<()> {
        Ok(())
    }
}

/// Where `apply` delivers new secrets.
enum Secrets {
    /// Printed with the report (no `--secrets-out`).
    Memory(Vec<NewSecret>),
    /// Streamed to `--secrets-out`.
    File(SecretsFile),
}

impl Secrets {
    /// Makes the delivered secrets durable; called before the commit.
    fn finish(&mut self) -> Result<()> {
        match self {
            Secrets::Memory(_) => Ok(()),
            Secrets::File(file) => file.finish(),
        }
    }
}

/// The sink `apply` passes to the reconciler: secrets to their destination, progress
/// to a bar on a terminal.
struct Progress<'a> {
    bar: indicatif::ProgressBar,
    secrets: &'a mut Secrets,
}

impl ReconcileSink for Progress<'_> {
    fn secret(&mut self, secret: NewSecret) -> Result<()> {
        match self.secrets {
            Secrets::Memory(all) => {
                all.push(secret);
                Ok(())
            }
            Secrets::File(file) => file.write(&secret),
        }
    }

    fn progress(&mut self, done: u64, _total: u64) {
        self.bar.set_position(done);
    }
}

/// Runs `diff`.
pub(super) fn diff(
    ctx: &Context,
    file: &Path,
    exit_code: bool,
    syntax: Option<Syntax>,
) -> Result<Output> {
    let manifest = read_manifest(file, syntax)?;
    let mut store = ctx.open(Access::Existing)?;
    let outcome = store.rehearse(|tx| reconcile::reconcile(tx, &manifest, true, &mut Discard))?;
    let drift: Vec<Drift> = outcome.changes.into_iter().map(Drift::from).collect();
    let has_drift = !drift.is_empty();
    let json = json!({ "drift": has_drift, "changes": drift });
    let output = if has_drift {
        let mut text = format!(
            "{} differences between {} and the store:\n",
            drift.len(),
            file.display()
        );
        for d in &drift {
            let detail = match (d.detail.as_str(), d.side) {
                ("", "store_only") => "only in the store",
                ("", "file_only") => "only in the file",
                (detail, _) => detail,
            };
            text.push_str(&format!("{} {} {}: {detail}\n", d.sign(), d.kind, d.name));
        }
        Output::message(text.trim_end(), json)
    } else {
        Output::message(
            format!("No drift: the store matches {}", file.display()),
            json,
        )
    };
    Ok(output.with_exit_code(if has_drift && exit_code { 1 } else { 0 }))
}

/// Runs `export`.
pub(super) fn export(
    ctx: &Context,
    file: Option<&Path>,
    force: bool,
    syntax: Option<Syntax>,
) -> Result<Output> {
    if let Some(path) = file.filter(|p| p.as_os_str() != "-") {
        // Before reading the store: a refused target costs nothing.
        apikey_core::files::refuse_store_file(&ctx.db, path, "the export file")?;
        apikey_core::files::check_target(path, force, "the export file")?;
    }
    let manifest = ctx.open_read()?.read(snapshot::snapshot)?;
    let syntax = syntax
        .or_else(|| file.and_then(Syntax::from_path))
        .unwrap_or(Syntax::Json);
    let text = snapshot::render(&manifest, syntax)?;
    match file {
        Some(path) if path.as_os_str() != "-" => {
            apikey_core::files::write_new(
                &ctx.db,
                path,
                text.as_bytes(),
                force,
                "the export file",
            )?;
            Ok(Output::message(
                format!("Exported the store to {}", path.display()),
                json!({ "path": path.display().to_string() }),
            ))
        }
        _ => Ok(Output::raw(text.trim_end().to_owned())),
    }
}

/// `apply`'s result.
#[derive(Debug, Serialize)]
struct ApplyReport {
    dry_run: bool,
    changed: usize,
    keys_created: u64,
    changes: Vec<Change>,
    secrets: Vec<NewSecret>,
    secrets_file: Option<String>,
}

impl Record for ApplyReport {
    fn fields(&self) -> Vec<(&'static str, String)> {
        let mut fields = vec![
            ("dry_run", self.dry_run.to_string()),
            ("changes", self.changed.to_string()),
            ("keys_created", self.keys_created.to_string()),
        ];
        if let Some(file) = &self.secrets_file {
            fields.push(("secrets_file", file.clone()));
        }
        fields
    }
}

/// A change seen from `diff`: which side has what.
#[derive(Debug, Serialize)]
struct Drift {
    /// `file_only`, `differs` or `store_only`.
    side: &'static str,
    kind: &'static str,
    name: String,
    detail: String,
}

impl From<Change> for Drift {
    fn from(change: Change) -> Drift {
        let side = match change.op {
            Op::Create => "file_only",
            Op::Update => "differs",
            Op::Remove => "store_only",
        };
        Drift {
            side,
            kind: change.kind,
            name: change.name,
            detail: change.detail,
        }
    }
}

impl Drift {
    fn sign(&self) -> char {
        match self.side {
            "file_only" => '+',
            "store_only" => '-',
            _ => '~',
        }
    }
}

/// A new owner-only file for `--secrets-out`: a JSON array written entry by entry as
/// keys are made, synced before the commit, and removed again if the apply fails.
struct SecretsFile {
    path: PathBuf,
    file: std::io::BufWriter<std::fs::File>,
    entries: u64,
    committed: bool,
}

impl SecretsFile {
    fn create(path: &Path) -> Result<SecretsFile> {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let file = options.open(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => Error::conflict(format!(
                "--secrets-out {} already exists; give a new file name",
                path.display()
            )),
            _ => Error::invalid(format!(
                "cannot create --secrets-out {}: {e}",
                path.display()
            )),
        })?;
        Ok(SecretsFile {
            path: path.to_owned(),
            file: std::io::BufWriter::new(file),
            entries: 0,
            committed: false,
        })
    }

    fn write(&mut self, secret: &NewSecret) -> Result<()> {
        let entry = serde_json::to_string(secret).map_err(|e| Error::Internal {
            what: "cannot encode a secret",
            detail: e.to_string(),
        })?;
        let sep = if self.entries == 0 { "[\n  " } else { ",\n  " };
        self.entries += 1;
        self.file
            .write_all(sep.as_bytes())
            .and_then(|()| self.file.write_all(entry.as_bytes()))
            .map_err(|e| self.failed(e))
    }

    /// Closes the array and syncs the file to disk.
    fn finish(&mut self) -> Result<()> {
        let end: &[u8] = if self.entries == 0 { b"[]\n" } else { b"\n]\n" };
        self.file
            .write_all(end)
            .and_then(|()| self.file.flush())
            .and_then(|()| self.file.get_ref().sync_all())
            .map_err(|e| self.failed(e))
    }

    fn failed(&self, e: std::io::Error) -> Error {
        Error::io(
            &self.path,
            std::io::Error::new(
                e.kind(),
                format!("cannot write the new secrets ({e}); nothing was applied"),
            ),
        )
    }

    /// The apply committed: the file stays. Returns its path.
    fn commit(&mut self) -> String {
        self.committed = true;
        self.path.display().to_string()
    }
}

impl Drop for SecretsFile {
    fn drop(&mut self) {
        // Not committed: the apply failed, so its secrets are of keys that do not exist.
        if !self.committed {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}
