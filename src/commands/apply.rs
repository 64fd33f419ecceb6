//! `apikey apply`, `diff` and `export`: declarative provisioning.
//!
//! One reconciler walks the file against the store and makes each change through the
//! same store methods the other commands use, auditing each. `apply` runs it in a write
//! transaction (all or nothing); `--dry-run` and `diff` run it in a transaction that is
//! rolled back, so the plan they print is exactly what `apply` would do.

use std::collections::{BTreeMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::json;

use super::Context;
use super::key::{self, KeySpec};
use crate::error::{Error, Result};
use crate::manifest::{self, ClientSpec, KeyGroupSpec, Manifest, Syntax};
use crate::model::{ApiKey, Status};
use crate::output::{Output, Record, Row, Table};
use crate::store::{Access, KeyFilter, Store, Tx};
use crate::{access, progress, prompt};

/// What a change does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Op {
    /// The file declares it and the store lacks it.
    Create,
    /// Both have it, differently.
    Update,
    /// The store has it and the file does not name it (with `--prune`).
    Remove,
}

/// One change of a plan.
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    /// create, update or remove.
    pub op: Op,
    /// permission, role, client, key or user.
    pub kind: &'static str,
    /// What it applies to.
    pub name: String,
    /// What exactly changes.
    pub detail: String,
}

/// A key created by `apply`, with its secret (shown once).
#[derive(Debug, Clone, Serialize)]
pub struct NewSecret {
    /// The client's name.
    pub client: String,
    /// The key's id.
    pub key_id: String,
    /// The key group's label.
    pub label: String,
    /// The full key.
    pub secret: String,
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

/// Runs `apply`.
pub(super) fn apply(
    ctx: &Context,
    file: &Path,
    dry_run: bool,
    prune: bool,
    secrets_out: Option<PathBuf>,
    syntax: Option<Syntax>,
    yes: bool,
) -> Result<Output> {
    let manifest = manifest::read(file, syntax)?;
    // The secrets file is created before anything is committed, so keys never outlive
    // their only copy of the secret.
    let secrets_sink = match &secrets_out {
        Some(path) if !dry_run => Some(SecretsFile::create(path)?),
        _ => None,
    };
    let (changes, secrets) = if dry_run {
        // A missing store is planned against an empty one, and not created.
        let mut store = if ctx.db.exists() {
            ctx.open(Access::Existing)?
        } else {
            Store::open_in_memory()?
        };
        store.read(|tx| Reconciler::run(tx, &manifest, prune))?
    } else {
        let mut store = ctx.open(Access::Create)?;
        if prune {
            let (plan, _) = store.read(|tx| Reconciler::run(tx, &manifest, prune))?;
            let removals = plan.iter().filter(|c| c.op == Op::Remove).count();
            if removals > 0 {
                prompt::confirm(
                    &format!(
                        "apply {} with --prune, removing or revoking {removals} things",
                        file.display()
                    ),
                    yes,
                )?;
            }
        }
        let result = store.write(|tx| Reconciler::run(tx, &manifest, prune))?;
        store.checkpoint();
        result
    };
    let secrets_file = secrets_sink.map(|sink| sink.finish(&secrets)).transpose()?;
    let report = ApplyReport {
        dry_run,
        changed: changes.len(),
        keys_created: secrets.len(),
        changes,
        // A dry run's keys were never stored: their secrets are meaningless.
        secrets: if secrets_file.is_some() || dry_run {
            Vec::new()
        } else {
            secrets
        },
        secrets_file,
    };
    let table = Table::of(&report.changes);
    let mut output = Output::record(&report)?.with_table("Changes", table);
    if !report.secrets.is_empty() {
        output = output
            .with_trailer(format!(
                "New secrets (shown only this once):\n{}",
                serde_json::to_string_pretty(&report.secrets).unwrap_or_default()
            ))
            .with_notice(key::SECRET_NOTICE);
    }
    Ok(output)
}

/// Runs `diff`.
pub(super) fn diff(
    ctx: &Context,
    file: &Path,
    exit_code: bool,
    syntax: Option<Syntax>,
) -> Result<Output> {
    let manifest = manifest::read(file, syntax)?;
    let mut store = ctx.open(Access::Existing)?;
    let (changes, _) = store.read(|tx| Reconciler::run(tx, &manifest, true))?;
    let drift: Vec<Drift> = changes.into_iter().map(Drift::from).collect();
    let has_drift = !drift.is_empty();
    let json = json!({ "drift": has_drift, "changes": drift });
    let output = if has_drift {
        let mut text = format!(
            "{} differences between {} and the store:\n",
            drift.len(),
            file.display()
        );
        for d in &drift {
            text.push_str(&format!(
                "{} {} {}: {}\n",
                d.sign(),
                d.kind,
                d.name,
                d.detail
            ));
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
pub(super) fn export(ctx: &Context, file: Option<&Path>, syntax: Option<Syntax>) -> Result<Output> {
    let manifest = ctx.open(Access::Existing)?.read(snapshot)?;
    let syntax = syntax
        .or_else(|| file.and_then(Syntax::from_path))
        .unwrap_or(Syntax::Json);
    let text = match syntax {
        Syntax::Json => serde_json::to_string_pretty(&manifest).map_err(|e| Error::Io(e.into()))?,
        Syntax::Toml => toml::to_string_pretty(&manifest)
            .map_err(|e| Error::Store(format!("cannot write TOML: {e}")))?,
    };
    match file {
        Some(path) if path.as_os_str() != "-" => {
            std::fs::write(path, format!("{}\n", text.trim_end()))
                .map_err(|e| Error::Store(format!("cannot write {}: {e}", path.display())))?;
            Ok(Output::message(
                format!("Exported the store to {}", path.display()),
                json!({ "path": path.display().to_string() }),
            ))
        }
        _ => Ok(Output::raw(text)),
    }
}

/// `apply`'s result.
#[derive(Debug, Serialize)]
struct ApplyReport {
    dry_run: bool,
    changed: usize,
    keys_created: usize,
    changes: Vec<Change>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    secrets: Vec<NewSecret>,
    #[serde(skip_serializing_if = "Option::is_none")]
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

/// A new owner-only file for `--secrets-out`, removed again if the apply fails.
struct SecretsFile {
    path: PathBuf,
    file: std::fs::File,
    written: bool,
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
            file,
            written: false,
        })
    }

    /// Writes the secrets as a JSON array and returns the path.
    fn finish(mut self, secrets: &[NewSecret]) -> Result<String> {
        let text = serde_json::to_string_pretty(secrets).map_err(|e| Error::Io(e.into()))?;
        self.file.write_all(text.as_bytes())?;
        self.file.write_all(b"\n")?;
        self.file.sync_all()?;
        self.written = true;
        Ok(self.path.display().to_string())
    }
}

impl Drop for SecretsFile {
    fn drop(&mut self) {
        // Not written: the apply failed, so the empty file goes.
        if !self.written {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// Walks a manifest against the store inside one transaction.
struct Reconciler<'t, 'c> {
    tx: &'t Tx<'c>,
    prune: bool,
    changes: Vec<Change>,
    secrets: Vec<NewSecret>,
    /// Counts declared keys as they are found or issued (shown on a terminal only).
    progress: indicatif::ProgressBar,
}

impl<'t, 'c> Reconciler<'t, 'c> {
    fn run(
        tx: &'t Tx<'c>,
        manifest: &Manifest,
        prune: bool,
    ) -> Result<(Vec<Change>, Vec<NewSecret>)> {
        // Keys dominate the work: the bar counts declared keys.
        let declared_keys: u64 = manifest
            .clients
            .iter()
            .flat_map(|c| &c.keys)
            .map(|g| u64::from(g.count))
            .sum();
        let mut r = Reconciler {
            tx,
            prune,
            changes: Vec::new(),
            secrets: Vec::new(),
            progress: progress::bar(declared_keys, "applying"),
        };
        r.check_references(manifest)?;
        r.permissions(manifest)?;
        r.roles(manifest)?;
        for client in &manifest.clients {
            r.client(client)?;
        }
        r.users(manifest)?;
        if prune {
            r.prune(manifest)?;
        }
        r.progress.finish_and_clear();
        Ok((r.changes, r.secrets))
    }

    fn change(&mut self, op: Op, kind: &'static str, name: &str, detail: impl Into<String>) {
        self.changes.push(Change {
            op,
            kind,
            name: name.to_owned(),
            detail: detail.into(),
        });
    }

    /// Every role and exact permission the file refers to must be declared in it or, without
    /// `--prune`, already be in the store.
    fn check_references(&self, m: &Manifest) -> Result<()> {
        let permissions: HashSet<&str> = m.permissions.iter().map(|p| p.name.as_str()).collect();
        let roles: HashSet<String> = m.roles.iter().map(|r| r.name.to_lowercase()).collect();
        for role in &m.roles {
            for pattern in role.permissions.iter().filter(|p| !access::is_wildcard(p)) {
                if !permissions.contains(pattern.as_str())
                    && (self.prune || self.tx.require_permission(pattern).is_err())
                {
                    return Err(Error::invalid(format!(
                        "roles[{}]: unknown permission '{pattern}'; declare it under permissions",
                        role.name
                    )));
                }
            }
        }
        let role_refs = m
            .clients
            .iter()
            .flat_map(|c| {
                c.roles
                    .iter()
                    .map(move |r| (format!("clients[{}]", c.name), r))
            })
            .chain(m.users.iter().flat_map(|u| {
                u.roles
                    .iter()
                    .map(move |r| (format!("users[{}]", u.email), r))
            }));
        for (place, role) in role_refs {
            if !roles.contains(&role.to_lowercase()) && (self.prune || self.tx.role(role).is_err())
            {
                return Err(Error::invalid(format!(
                    "{place}: unknown role '{role}'; declare it under roles"
                )));
            }
        }
        Ok(())
    }

    fn permissions(&mut self, m: &Manifest) -> Result<()> {
        let existing: BTreeMap<String, String> = self
            .tx
            .list_permissions()?
            .into_iter()
            .map(|p| (p.name, p.description))
            .collect();
        for p in &m.permissions {
            match existing.get(&p.name) {
                None => {
                    self.tx.insert_permission(&p.name, &p.description)?;
                    self.tx.audit(
                        "permission.add",
                        &p.name,
                        json!({ "description": p.description }),
                    )?;
                    self.change(Op::Create, "permission", &p.name, "");
                }
                Some(description) if *description != p.description => {
                    self.tx
                        .update_permission_description(&p.name, &p.description)?;
                    self.tx.audit(
                        "permission.update",
                        &p.name,
                        json!({ "description": p.description }),
                    )?;
                    self.change(Op::Update, "permission", &p.name, "description");
                }
                Some(_) => {}
            }
        }
        Ok(())
    }

    fn roles(&mut self, m: &Manifest) -> Result<()> {
        for spec in &m.roles {
            let role = match self.tx.role(&spec.name) {
                Ok(role) => {
                    if role.description != spec.description {
                        self.tx.update_role_description(&role, &spec.description)?;
                        self.tx.audit(
                            "role.update",
                            &role.name,
                            json!({ "description": spec.description }),
                        )?;
                        self.change(Op::Update, "role", &role.name, "description");
                    }
                    role
                }
                Err(_) => {
                    let role = self.tx.insert_role(&spec.name, &spec.description)?;
                    self.tx.audit(
                        "role.add",
                        &role.name,
                        json!({ "description": spec.description }),
                    )?;
                    self.change(Op::Create, "role", &role.name, "");
                    role
                }
            };
            let (add, remove) = set_difference(&spec.permissions, &role.permissions);
            for pattern in &add {
                self.tx.grant_to_role(&role, pattern)?;
            }
            for pattern in &remove {
                self.tx.revoke_from_role(&role, pattern)?;
            }
            if !add.is_empty() {
                self.tx
                    .audit("role.grant", &role.name, json!({ "permissions": add }))?;
                self.change(
                    Op::Update,
                    "role",
                    &role.name,
                    format!("grant {}", add.join(", ")),
                );
            }
            if !remove.is_empty() {
                self.tx
                    .audit("role.revoke", &role.name, json!({ "permissions": remove }))?;
                self.change(
                    Op::Update,
                    "role",
                    &role.name,
                    format!("revoke {}", remove.join(", ")),
                );
            }
        }
        Ok(())
    }

    fn client(&mut self, spec: &ClientSpec) -> Result<()> {
        let client = match self.tx.find_client(&spec.name)? {
            Some(client) => {
                if client.description != spec.description {
                    self.tx
                        .update_client(&client, Some(&spec.description), None)?;
                    self.tx.audit(
                        "client.update",
                        &client.name,
                        json!({ "description": spec.description }),
                    )?;
                    self.change(Op::Update, "client", &client.name, "description");
                }
                if client.status != spec.status {
                    let disabled = spec.status == Status::Disabled;
                    self.tx.set_client_disabled(&client, disabled)?;
                    let action = if disabled {
                        "client.disable"
                    } else {
                        "client.enable"
                    };
                    self.tx.audit(action, &client.name, json!({}))?;
                    self.change(
                        Op::Update,
                        "client",
                        &client.name,
                        format!("status {}", spec.status.as_str()),
                    );
                }
                client
            }
            None => {
                let client = self.tx.insert_client(&spec.name, &spec.description)?;
                if spec.status == Status::Disabled {
                    self.tx.set_client_disabled(&client, true)?;
                }
                self.tx.audit(
                    "client.add",
                    &client.name,
                    json!({ "description": spec.description, "status": spec.status }),
                )?;
                self.change(Op::Create, "client", &client.name, "");
                client
            }
        };
        self.sync_roles(
            "client",
            &client.name,
            &spec.roles,
            &client.roles,
            |tx, role, held| tx.set_client_role(&client, role, held),
        )?;
        let client = self.tx.client(&client.name)?;
        let live = self.tx.list_keys(&KeyFilter {
            client_id: Some(client.id),
            live: true,
            ..KeyFilter::default()
        })?;
        for group in &spec.keys {
            self.key_group(&client, group, &live)?;
        }
        if self.prune {
            let declared: HashSet<&str> = spec.keys.iter().map(|g| g.label.as_str()).collect();
            let strays: Vec<&ApiKey> = live
                .iter()
                .filter(|k| !declared.contains(k.label.as_str()))
                .collect();
            for key in strays {
                self.revoke(key, "not in the provisioning file")?;
            }
        }
        Ok(())
    }

    fn key_group(
        &mut self,
        client: &crate::model::Client,
        group: &KeyGroupSpec,
        live: &[ApiKey],
    ) -> Result<()> {
        // Newest first, as listed; surplus keys are the newest, least likely in use yet.
        let have: Vec<&ApiKey> = live.iter().filter(|k| k.label == group.label).collect();
        let want = group.count as usize;
        self.progress.inc(have.len().min(want) as u64);
        if have.len() < want {
            let spec = KeySpec::parse(&group.key_options()?)?;
            for _ in have.len()..want {
                let issued = key::issue(self.tx, client, &spec, None)?;
                self.progress.inc(1);
                self.tx
                    .audit("key.create", &issued.key.id, key::key_details(&issued.key))?;
                self.change(
                    Op::Create,
                    "key",
                    &issued.key.id,
                    format!("{} '{}'", client.name, group.label),
                );
                self.secrets.push(NewSecret {
                    client: client.name.clone(),
                    key_id: issued.key.id,
                    label: group.label.clone(),
                    secret: issued.secret,
                });
            }
        } else if have.len() > want && self.prune {
            for key in &have[..have.len() - want] {
                self.revoke(key, "surplus to the provisioning file's count")?;
            }
        }
        Ok(())
    }

    fn revoke(&mut self, key: &ApiKey, reason: &str) -> Result<()> {
        self.tx.revoke_key(&key.id, Some(reason))?;
        self.tx.audit(
            "key.revoke",
            &key.id,
            json!({ "client": key.client, "reason": reason }),
        )?;
        self.change(
            Op::Remove,
            "key",
            &key.id,
            format!("revoke ({} '{}')", key.client, key.label),
        );
        Ok(())
    }

    fn users(&mut self, m: &Manifest) -> Result<()> {
        for spec in &m.users {
            let user = match self.tx.find_user(&spec.email)? {
                Some(user) => {
                    if user.name != spec.name {
                        self.tx.set_user_name(&user, &spec.name)?;
                        self.tx
                            .audit("user.update", &user.email, json!({ "name": spec.name }))?;
                        self.change(Op::Update, "user", &user.email, "name");
                    }
                    if user.status != spec.status {
                        let disabled = spec.status == Status::Disabled;
                        self.tx.set_user_disabled(&user, disabled)?;
                        let action = if disabled {
                            "user.disable"
                        } else {
                            "user.enable"
                        };
                        self.tx.audit(action, &user.email, json!({}))?;
                        self.change(
                            Op::Update,
                            "user",
                            &user.email,
                            format!("status {}", spec.status.as_str()),
                        );
                    }
                    user
                }
                None => {
                    let user = self.tx.insert_user(&spec.email, &spec.name, None)?;
                    if spec.status == Status::Disabled {
                        self.tx.set_user_disabled(&user, true)?;
                    }
                    self.tx.audit(
                        "user.add",
                        &user.email,
                        json!({ "name": spec.name, "status": spec.status, "password_set": false }),
                    )?;
                    self.change(
                        Op::Create,
                        "user",
                        &user.email,
                        "no password yet: set it with 'apikey user passwd'",
                    );
                    user
                }
            };
            self.sync_roles(
                "user",
                &user.email,
                &spec.roles,
                &user.roles,
                |tx, role, held| tx.set_user_role(&user, role, held),
            )?;
        }
        Ok(())
    }

    /// Makes a client's or user's roles exactly `want`, auditing and planning each side.
    fn sync_roles(
        &mut self,
        kind: &'static str,
        name: &str,
        want: &[String],
        have: &[String],
        mut set: impl FnMut(&Tx<'_>, &crate::model::Role, bool) -> Result<bool>,
    ) -> Result<()> {
        let (add, remove) = set_difference(want, have);
        for (names, grant) in [(add, true), (remove, false)] {
            let tx = self.tx;
            let changed = super::change_roles(tx, kind, name, &names, grant, |role, held| {
                set(tx, role, held)
            })?;
            if !changed.is_empty() {
                let verb = if grant { "grant" } else { "revoke" };
                self.change(
                    Op::Update,
                    kind,
                    name,
                    format!("{verb} role {}", changed.join(", ")),
                );
            }
        }
        Ok(())
    }

    fn prune(&mut self, m: &Manifest) -> Result<()> {
        let emails: HashSet<String> = m.users.iter().map(|u| u.email.to_lowercase()).collect();
        for user in self.tx.list_users()? {
            if !emails.contains(&user.email.to_lowercase()) {
                self.tx.delete_user(&user)?;
                self.tx.audit("user.remove", &user.email, json!({}))?;
                self.change(Op::Remove, "user", &user.email, "");
            }
        }
        let clients: HashSet<String> = m.clients.iter().map(|c| c.name.to_lowercase()).collect();
        for client in self.tx.list_clients(None)? {
            if !clients.contains(&client.name.to_lowercase()) {
                self.tx.delete_client(&client)?;
                self.tx.audit(
                    "client.remove",
                    &client.name,
                    json!({ "keys_removed": client.total_keys }),
                )?;
                self.change(
                    Op::Remove,
                    "client",
                    &client.name,
                    format!("with its {} keys", client.total_keys),
                );
            }
        }
        let roles: HashSet<String> = m.roles.iter().map(|r| r.name.to_lowercase()).collect();
        for role in self.tx.list_roles()? {
            if !roles.contains(&role.name.to_lowercase()) {
                self.tx.delete_role(&role, true)?;
                self.tx.audit("role.remove", &role.name, json!({}))?;
                self.change(Op::Remove, "role", &role.name, "");
            }
        }
        let permissions: HashSet<&str> = m.permissions.iter().map(|p| p.name.as_str()).collect();
        for name in self.tx.permission_names()? {
            if !permissions.contains(name.as_str()) {
                let roles = self.tx.delete_permission(&name, true)?;
                self.tx.audit(
                    "permission.remove",
                    &name,
                    json!({ "revoked_from_roles": roles }),
                )?;
                self.change(Op::Remove, "permission", &name, "");
            }
        }
        Ok(())
    }
}

/// (in `want` but not `have`, in `have` but not `want`), case-insensitively, in order.
fn set_difference(want: &[String], have: &[String]) -> (Vec<String>, Vec<String>) {
    let lower = |v: &[String]| v.iter().map(|s| s.to_lowercase()).collect::<HashSet<_>>();
    let (want_set, have_set) = (lower(want), lower(have));
    let mut add: Vec<String> = want
        .iter()
        .filter(|w| !have_set.contains(&w.to_lowercase()))
        .cloned()
        .collect();
    add.dedup();
    let remove = have
        .iter()
        .filter(|h| !want_set.contains(&h.to_lowercase()))
        .cloned()
        .collect();
    (add, remove)
}

/// The store's state as a manifest: what `export` writes.
fn snapshot(tx: &Tx<'_>) -> Result<Manifest> {
    let permissions = tx
        .list_permissions()?
        .into_iter()
        .map(|p| manifest::PermissionSpec {
            name: p.name,
            description: p.description,
        })
        .collect();
    let roles = tx
        .list_roles()?
        .into_iter()
        .map(|r| manifest::RoleSpec {
            name: r.name,
            description: r.description,
            permissions: r.permissions,
        })
        .collect();
    let mut clients = Vec::new();
    for c in tx.list_clients(None)? {
        let live = tx.list_keys(&KeyFilter {
            client_id: Some(c.id),
            live: true,
            ..KeyFilter::default()
        })?;
        // Group by label; the newest key of each group stands for its settings.
        let mut groups: BTreeMap<&str, (u32, &ApiKey)> = BTreeMap::new();
        for k in &live {
            groups.entry(k.label.as_str()).or_insert((0, k)).0 += 1;
        }
        let keys = groups
            .into_iter()
            .map(|(label, (count, k))| KeyGroupSpec {
                label: label.to_owned(),
                count,
                // Imported keys may have no valid prefix; new keys of the group get the default.
                prefix: if crate::secret::valid_prefix(&k.prefix) {
                    k.prefix.clone()
                } else {
                    crate::secret::DEFAULT_PREFIX.to_owned()
                },
                expires_in: None,
                expires_at: k.expires_at.map(|t| t.to_string()),
                max_uses: k.max_uses,
                allow_ips: k.allowed_ips.clone(),
                meta: k.metadata.clone(),
            })
            .collect();
        clients.push(ClientSpec {
            name: c.name,
            description: c.description,
            status: c.status,
            roles: c.roles,
            keys,
        });
    }
    let users = tx
        .list_users()?
        .into_iter()
        .map(|u| manifest::UserSpec {
            email: u.email,
            name: u.name,
            status: u.status,
            roles: u.roles,
        })
        .collect();
    Ok(Manifest {
        permissions,
        roles,
        clients,
        users,
    })
}
