//! The reconciler of `apply`, `diff` and `apply --dry-run`: walks a manifest against the
//! store inside one transaction and makes each change through the same [`crate::ops`]
//! the other commands use (so each is audited). `apply` runs it in a write transaction
//! (all or nothing); `diff` and `--dry-run` in one that is rolled back, so the plan they
//! print is exactly what `apply` would do.
//!
//! Memory does not grow with the number of keys: new secrets go to a [`ReconcileSink`]
//! as they are made, and key changes are reported per key group, not per key.

use std::collections::{BTreeMap, HashSet};

use serde::Serialize;

use super::manifest::{ClientSpec, KeyGroupSpec, Manifest};
use crate::error::{Error, Result};
use crate::model::{ApiKey, Client};
use crate::ops::{self, Holder, keys::KeySpec};
use crate::rules;
use crate::secret::Secret;
use crate::store::{KeyFilter, Tx};

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
    /// `permission`, `role`, `client`, `key` or `user`.
    pub kind: &'static str,
    /// What it applies to; for keys, the group: `client 'label'`.
    pub name: String,
    /// What exactly changes.
    pub detail: String,
    /// For keys: how many are issued or revoked; `null` for other kinds.
    pub count: Option<u64>,
}

/// A key created by `apply`, with its secret (shown once).
#[derive(Debug, Clone, Serialize)]
pub struct NewSecret {
    /// The key's id.
    pub id: String,
    /// The client's name.
    pub client: String,
    /// The key group's label.
    pub label: String,
    /// The full key.
    pub secret: Secret,
}

/// Where the reconciler sends what it produces while it runs.
pub trait ReconcileSink {
    /// Takes one new key's secret. An error aborts the run (and so its transaction):
    /// a key whose secret was not delivered must not be committed.
    ///
    /// # Errors
    /// Whatever delivering failed with.
    fn secret(&mut self, secret: NewSecret) -> Result<()>;

    /// `done` of `total` declared keys have been found or issued.
    fn progress(&mut self, _done: u64, _total: u64) {}
}

/// What a run did (or, rolled back, would do).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Outcome {
    /// The changes, in the order made.
    pub changes: Vec<Change>,
    /// How many keys were issued.
    pub keys_created: u64,
}

/// Makes the store match `manifest` inside `tx`; with `prune`, also removes what the
/// file does not name.
///
/// # Errors
/// [`Error::Invalid`] for a reference to an undeclared role or permission; the sink's
/// and the store's failures.
pub fn reconcile(
    tx: &Tx<'_>,
    manifest: &Manifest,
    prune: bool,
    sink: &mut dyn ReconcileSink,
) -> Result<Outcome> {
    let declared_keys = manifest
        .clients
        .iter()
        .flat_map(|c| &c.keys)
        .map(|g| u64::from(g.count))
        .sum();
    let mut r = Reconciler {
        tx,
        prune,
        sink,
        outcome: Outcome::default(),
        done: 0,
        total: declared_keys,
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
    Ok(r.outcome)
}

struct Reconciler<'t, 'c, 's> {
    tx: &'t Tx<'c>,
    prune: bool,
    sink: &'s mut dyn ReconcileSink,
    outcome: Outcome,
    done: u64,
    total: u64,
}

impl Reconciler<'_, '_, '_> {
    fn change(&mut self, op: Op, kind: &'static str, name: &str, detail: impl Into<String>) {
        self.outcome.changes.push(Change {
            op,
            kind,
            name: name.to_owned(),
            detail: detail.into(),
            count: None,
        });
    }

    fn advance(&mut self, keys: u64) {
        self.done += keys;
        self.sink.progress(self.done, self.total);
    }

    /// Every role and exact permission the file refers to must be declared in it or,
    /// without `--prune`, already be in the store.
    fn check_references(&self, m: &Manifest) -> Result<()> {
        let permissions: HashSet<&str> = m.permissions.iter().map(|p| p.name.as_str()).collect();
        let roles: HashSet<String> = m.roles.iter().map(|r| r.name.to_lowercase()).collect();
        for role in &m.roles {
            for pattern in role.permissions.iter().filter(|p| !rules::is_wildcard(p)) {
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
                    ops::access::add_permission(self.tx, &p.name, &p.description)?;
                    self.change(Op::Create, "permission", &p.name, "");
                }
                Some(description) if *description != p.description => {
                    ops::access::describe_permission(self.tx, &p.name, &p.description)?;
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
                        ops::access::describe_role(self.tx, &role, &spec.description)?;
                        self.change(Op::Update, "role", &role.name, "description");
                    }
                    role
                }
                Err(_) => {
                    let role = ops::access::add_role(self.tx, &spec.name, &spec.description, &[])?;
                    self.change(Op::Create, "role", &role.name, "");
                    role
                }
            };
            let (add, remove) = set_difference(&spec.permissions, &role.permissions);
            for (patterns, grant) in [(add, true), (remove, false)] {
                let changed = ops::access::change_grants(self.tx, &role, &patterns, grant)?;
                if !changed.is_empty() {
                    let verb = if grant { "grant" } else { "revoke" };
                    self.change(
                        Op::Update,
                        "role",
                        &role.name,
                        format!("{verb} {}", changed.join(", ")),
                    );
                }
            }
        }
        Ok(())
    }

    fn client(&mut self, spec: &ClientSpec) -> Result<()> {
        let client = match self.tx.find_client(&spec.name)? {
            Some(client) => {
                if client.description != spec.description {
                    ops::clients::update(self.tx, &client, Some(&spec.description), None)?;
                    self.change(Op::Update, "client", &client.name, "description");
                }
                if client.status != spec.status {
                    ops::clients::set_status(self.tx, &client, spec.status)?;
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
                let (client, _) = ops::clients::add(
                    self.tx,
                    &spec.name,
                    &spec.description,
                    &[],
                    spec.status,
                    None,
                )?;
                self.change(Op::Create, "client", &client.name, "");
                client
            }
        };
        self.sync_roles(Holder::Client, &client.name, &spec.roles, &client.roles)?;
        let client = self.tx.client(&client.name)?;
        let live = self.tx.list_keys(&KeyFilter {
            client_id: Some(client.row),
            live: true,
            ..KeyFilter::default()
        })?;
        for group in &spec.keys {
            let have: Vec<&ApiKey> = live.iter().filter(|k| k.label == group.label).collect();
            self.key_group(&client, group, &have)?;
        }
        if self.prune {
            let declared: HashSet<&str> = spec.keys.iter().map(|g| g.label.as_str()).collect();
            let mut strays: BTreeMap<&str, Vec<&ApiKey>> = BTreeMap::new();
            for key in live.iter().filter(|k| !declared.contains(k.label.as_str())) {
                strays.entry(key.label.as_str()).or_default().push(key);
            }
            for (label, keys) in strays {
                self.revoke(&client, label, &keys, "not in the provisioning file")?;
            }
        }
        Ok(())
    }

    /// Issues or (with `--prune`) revokes keys of one group; `have` is newest first,
    /// and surplus keys are the newest, least likely in use yet.
    fn key_group(&mut self, client: &Client, group: &KeyGroupSpec, have: &[&ApiKey]) -> Result<()> {
        let want = group.count as usize;
        self.advance(have.len().min(want) as u64);
        if have.len() < want {
            let spec = KeySpec::parse(&group.key_input()?)?;
            let missing = want - have.len();
            for _ in 0..missing {
                let issued = ops::keys::create(self.tx, client, &spec)?;
                self.sink.secret(NewSecret {
                    client: client.name.clone(),
                    id: issued.key.id,
                    label: group.label.clone(),
                    secret: issued.secret,
                })?;
                self.advance(1);
            }
            self.outcome.keys_created += missing as u64;
            self.outcome.changes.push(Change {
                op: Op::Create,
                kind: "key",
                name: format!("{} '{}'", client.name, group.label),
                detail: format!("issue {missing} {}", plural(missing, "key")),
                count: Some(missing as u64),
            });
        } else if have.len() > want && self.prune {
            let surplus = &have[..have.len() - want];
            self.revoke(
                client,
                &group.label,
                surplus,
                "surplus to the provisioning file's count",
            )?;
        }
        Ok(())
    }

    fn revoke(
        &mut self,
        client: &Client,
        label: &str,
        keys: &[&ApiKey],
        reason: &str,
    ) -> Result<()> {
        for key in keys {
            ops::keys::revoke(self.tx, &key.id, Some(reason))?;
        }
        self.outcome.changes.push(Change {
            op: Op::Remove,
            kind: "key",
            name: format!("{} '{label}'", client.name),
            detail: format!(
                "revoke {} {} ({reason})",
                keys.len(),
                plural(keys.len(), "key")
            ),
            count: Some(keys.len() as u64),
        });
        Ok(())
    }

    fn users(&mut self, m: &Manifest) -> Result<()> {
        for spec in &m.users {
            let user = match self.tx.find_user(&spec.email)? {
                Some(user) => {
                    if user.name != spec.name {
                        ops::users::set_name(self.tx, &user, &spec.name)?;
                        self.change(Op::Update, "user", &user.email, "name");
                    }
                    if user.status != spec.status {
                        ops::users::set_status(self.tx, &user, spec.status)?;
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
                    let user =
                        ops::users::add(self.tx, &spec.email, &spec.name, &[], spec.status, None)?;
                    self.change(Op::Create, "user", &user.email, "no password yet");
                    user
                }
            };
            self.sync_roles(Holder::User, &user.email, &spec.roles, &user.roles)?;
        }
        Ok(())
    }

    /// Makes a client's or user's roles exactly `want`, auditing and planning each side.
    fn sync_roles(
        &mut self,
        holder: Holder,
        name: &str,
        want: &[String],
        have: &[String],
    ) -> Result<()> {
        let (add, remove) = set_difference(want, have);
        for (names, grant) in [(add, true), (remove, false)] {
            if names.is_empty() {
                continue;
            }
            let changed = match holder {
                Holder::Client => {
                    ops::clients::change_roles(self.tx, &self.tx.client(name)?, &names, grant)?
                }
                Holder::User => {
                    ops::users::change_roles(self.tx, &self.tx.user(name)?, &names, grant)?
                }
            };
            if !changed.is_empty() {
                let verb = if grant { "grant" } else { "revoke" };
                let kind = match holder {
                    Holder::Client => "client",
                    Holder::User => "user",
                };
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
                ops::users::remove(self.tx, &user)?;
                self.change(Op::Remove, "user", &user.email, "");
            }
        }
        let clients: HashSet<String> = m.clients.iter().map(|c| c.name.to_lowercase()).collect();
        for client in self.tx.list_clients(None)? {
            if !clients.contains(&client.name.to_lowercase()) {
                let keys = ops::clients::remove(self.tx, &client)?;
                self.change(
                    Op::Remove,
                    "client",
                    &client.name,
                    format!("with its {keys} {}", plural(keys as usize, "key")),
                );
            }
        }
        let roles: HashSet<String> = m.roles.iter().map(|r| r.name.to_lowercase()).collect();
        for role in self.tx.list_roles()? {
            if !roles.contains(&role.name.to_lowercase()) {
                ops::access::remove_role(self.tx, &role, true)?;
                self.change(Op::Remove, "role", &role.name, "");
            }
        }
        let permissions: HashSet<&str> = m.permissions.iter().map(|p| p.name.as_str()).collect();
        for name in self.tx.permission_names()? {
            if !permissions.contains(name.as_str()) {
                ops::access::remove_permission(self.tx, &name, true)?;
                self.change(Op::Remove, "permission", &name, "");
            }
        }
        Ok(())
    }
}

/// The noun for `n` things: "key" for 1, "keys" otherwise.
pub fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        noun.to_owned()
    } else {
        format!("{noun}s")
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
