//! The declarative provisioning file read by `apply` and `diff` and written by `export`.
//!
//! JSON or TOML, same shape (see `docs/provisioning.md`):
//!
//! ```toml
//! [[permissions]]
//! name = "bpjs:read"
//! description = "Read BPJS data"
//!
//! [[roles]]
//! name = "integration"
//! permissions = ["bpjs:read"]
//!
//! [[clients]]
//! name = "bpjs-sync"
//! roles = ["integration"]
//! keys = [{ label = "prod", count = 1, expires_in = "90d" }]
//!
//! [[users]]
//! email = "admin@example.org"
//! roles = ["integration"]
//! ```
//!
//! Unknown fields are errors; so are duplicate names and invalid values.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::Status;
use crate::ops::keys::{KeyInput, KeySpec};
use crate::{rules, secret, time, validate};

/// The most keys one key group may declare, and one file in all: a million keys is
/// about 64 MiB of secrets, the size of the largest file read.
pub const MAX_DECLARED_KEYS: u64 = 1_000_000;

/// A whole provisioning file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Permissions to define.
    #[serde(default)]
    pub permissions: Vec<PermissionSpec>,
    /// Roles and the permissions they grant.
    #[serde(default)]
    pub roles: Vec<RoleSpec>,
    /// Clients, their roles and keys.
    #[serde(default)]
    pub clients: Vec<ClientSpec>,
    /// Operators (no passwords: set them with `user passwd`).
    #[serde(default)]
    pub users: Vec<UserSpec>,
}

/// A permission entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PermissionSpec {
    /// `resource:action`.
    pub name: String,
    /// Free text.
    #[serde(default)]
    pub description: String,
}

/// A role entry: its grants are exactly `permissions`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleSpec {
    /// Role name.
    pub name: String,
    /// Free text.
    #[serde(default)]
    pub description: String,
    /// Grant patterns: permission names, `resource:*` or `*`.
    #[serde(default)]
    pub permissions: Vec<String>,
}

/// A client entry: its roles are exactly `roles`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClientSpec {
    /// Client name.
    pub name: String,
    /// Free text.
    #[serde(default)]
    pub description: String,
    /// `active` (default) or `disabled`.
    #[serde(default = "active")]
    pub status: Status,
    /// Role names.
    #[serde(default)]
    pub roles: Vec<String>,
    /// Groups of keys, one per label.
    #[serde(default)]
    pub keys: Vec<KeyGroupSpec>,
}

/// How many live keys with one label a client should have, and how new ones are made.
/// A live key is neither revoked, expired nor disabled.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyGroupSpec {
    /// The label that identifies the group (may be empty).
    #[serde(default)]
    pub label: String,
    /// How many live keys the group should have (default 1).
    #[serde(default = "one")]
    pub count: u32,
    /// Prefix of new keys (default `ak`).
    #[serde(default = "default_prefix")]
    pub prefix: String,
    /// Lifetime of new keys, e.g. `90d`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_in: Option<String>,
    /// Fixed expiry of new keys (RFC 3339 or a date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<String>,
    /// Usage cap of new keys.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_uses: Option<u64>,
    /// IP allow-list of new keys (CIDR blocks). Named as in a key's JSON; files written
    /// before that name are still read (`allow_ips`).
    #[serde(default, skip_serializing_if = "Vec::is_empty", alias = "allow_ips")]
    pub allowed_ips: Vec<String>,
    /// Metadata of new keys. Named as in a key's JSON; the older `meta` is still read.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty", alias = "meta")]
    pub metadata: BTreeMap<String, String>,
    /// Rate limit of new keys, `N/DURATION` (`100/1m`), enforced by `apikey serve`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate_limit: Option<String>,
}

/// A user entry: their roles are exactly `roles`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserSpec {
    /// Email address.
    pub email: String,
    /// Display name.
    #[serde(default)]
    pub name: String,
    /// `active` (default) or `disabled`.
    #[serde(default = "active")]
    pub status: Status,
    /// Role names.
    #[serde(default)]
    pub roles: Vec<String>,
}

fn active() -> Status {
    Status::Active
}
fn one() -> u32 {
    1
}
fn default_prefix() -> String {
    secret::DEFAULT_PREFIX.to_owned()
}

/// The syntax of a provisioning file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    /// JSON.
    Json,
    /// TOML.
    Toml,
}

impl Syntax {
    /// The syntax a path's extension names, if any.
    pub fn from_path(path: &Path) -> Option<Syntax> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "json" => Some(Syntax::Json),
            "toml" => Some(Syntax::Toml),
            _ => None,
        }
    }
}

/// Parses, normalises and validates manifest `text`; `name` labels error messages. The
/// syntax is `syntax`, else guessed from the first character (`{` is JSON).
///
/// # Errors
/// [`Error::Invalid`] for syntax errors (with line and column), unknown fields and
/// invalid values; see [`Manifest::validate`].
pub fn parse(text: &str, name: &str, syntax: Option<Syntax>) -> Result<Manifest> {
    let syntax = syntax.unwrap_or(if text.trim_start().starts_with('{') {
        Syntax::Json
    } else {
        Syntax::Toml
    });
    // serde would also read a JSON array as a (field-less) manifest: with --prune, `[]`
    // would remove everything.
    if syntax == Syntax::Json && !text.trim_start().starts_with('{') {
        return Err(Error::invalid(format!(
            "{name}: a JSON provisioning file must be an object ({{\"clients\": [...], ...}})"
        )));
    }
    let mut manifest: Manifest = match syntax {
        Syntax::Json => serde_json::from_str(text).map_err(|e| {
            Error::invalid(format!(
                "{name}: line {}, column {}: {}",
                e.line(),
                e.column(),
                with_old_name_hint(strip_position(&e.to_string()))
            ))
        })?,
        Syntax::Toml => toml::from_str(text).map_err(|e| {
            let at = e.span().map(|span| line_column(text, span.start));
            let message = with_old_name_hint(e.message().trim());
            match at {
                Some((line, column)) => {
                    Error::invalid(format!("{name}: line {line}, column {column}: {message}"))
                }
                None => Error::invalid(format!("{name}: {message}")),
            }
        })?,
    };
    manifest.normalize();
    manifest.validate()?;
    Ok(manifest)
}

/// A key group that names a field twice, once by its old name (`allow_ips`, `meta`),
/// gets serde's "duplicate field" message; say which two names collided.
fn with_old_name_hint(message: &str) -> String {
    let old = [("allowed_ips", "allow_ips"), ("metadata", "meta")]
        .into_iter()
        .find(|(new, _)| message.contains(&format!("duplicate field `{new}`")));
    match old {
        Some((new, old)) => {
            format!("{message} (`{old}` is the older name of `{new}`: give only `{new}`)")
        }
        None => message.to_owned(),
    }
}

/// serde_json appends " at line L column C"; we print the position first instead.
fn strip_position(message: &str) -> &str {
    message
        .rfind(" at line ")
        .map_or(message, |i| &message[..i])
}

fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before
        .rfind('\n')
        .map_or(before.len(), |i| before.len() - i - 1)
        + 1;
    (line, column)
}

impl Manifest {
    /// Whether the file declares nothing at all (`{}`, an empty TOML file).
    pub fn is_empty(&self) -> bool {
        self.permissions.is_empty()
            && self.roles.is_empty()
            && self.clients.is_empty()
            && self.users.is_empty()
    }

    /// Trims free text (as the store keeps it) and drops repeated role and permission
    /// names, so that comparing with the store is exact.
    pub fn normalize(&mut self) {
        fn trim(text: &mut String) {
            *text = text.trim().to_owned();
        }
        fn dedup(names: &mut Vec<String>) {
            let mut seen = HashSet::new();
            names.retain(|n| seen.insert(n.to_lowercase()));
        }
        for p in &mut self.permissions {
            trim(&mut p.description);
        }
        for r in &mut self.roles {
            trim(&mut r.description);
            dedup(&mut r.permissions);
        }
        for c in &mut self.clients {
            trim(&mut c.description);
            dedup(&mut c.roles);
            for g in &mut c.keys {
                trim(&mut g.label);
                g.metadata.values_mut().for_each(trim);
            }
        }
        for u in &mut self.users {
            trim(&mut u.name);
            dedup(&mut u.roles);
        }
    }

    /// Checks names, values and duplicates; references between entries are checked when
    /// applying, against the file and the store.
    ///
    /// # Errors
    /// [`Error::Invalid`] naming the entry (`clients[bpjs-sync].keys[0]`) and the fault.
    pub fn validate(&self) -> Result<()> {
        let mut declared: u64 = 0;
        let at = |place: String| move |e: Error| Error::invalid(format!("{place}: {e}"));
        let mut seen = HashSet::new();
        for (i, p) in self.permissions.iter().enumerate() {
            let place = format!("permissions[{i}]");
            rules::permission_name(&p.name).map_err(at(place.clone()))?;
            validate::text("description", &p.description, validate::MAX_DESCRIPTION_LEN)
                .map_err(at(place.clone()))?;
            unique(&mut seen, "permission", &p.name)?;
        }
        for r in &self.roles {
            let place = format!("roles[{}]", r.name);
            validate::name("role name", &r.name).map_err(at(place.clone()))?;
            validate::text("description", &r.description, validate::MAX_DESCRIPTION_LEN)
                .map_err(at(place.clone()))?;
            for p in &r.permissions {
                rules::grant_pattern(p).map_err(at(place.clone()))?;
            }
            unique(&mut seen, "role", &r.name.to_lowercase())?;
        }
        for c in &self.clients {
            let place = format!("clients[{}]", c.name);
            validate::name("client name", &c.name).map_err(at(place.clone()))?;
            validate::text("description", &c.description, validate::MAX_DESCRIPTION_LEN)
                .map_err(at(place.clone()))?;
            unique(&mut seen, "client", &c.name.to_lowercase())?;
            let mut labels = HashSet::new();
            for (i, group) in c.keys.iter().enumerate() {
                let place = format!("{place}.keys[{i}]");
                if u64::from(group.count) > MAX_DECLARED_KEYS {
                    return Err(Error::invalid(format!(
                        "{place}: count {} is more than {MAX_DECLARED_KEYS} keys; declare at most {MAX_DECLARED_KEYS} per group",
                        group.count
                    )));
                }
                declared += u64::from(group.count);
                if declared > MAX_DECLARED_KEYS {
                    return Err(Error::invalid(format!(
                        "{place}: the file declares more than {MAX_DECLARED_KEYS} keys in all; split it into smaller files"
                    )));
                }
                // Every setting is checked now, even if no key needs issuing.
                group
                    .key_input()
                    .and_then(|input| KeySpec::parse(&input))
                    .map_err(at(place.clone()))?;
                if !labels.insert(group.label.as_str()) {
                    return Err(Error::invalid(format!(
                        "{place}: label '{}' is used by two key groups; give each group its own label",
                        group.label
                    )));
                }
            }
        }
        for u in &self.users {
            let place = format!("users[{}]", u.email);
            crate::validate::email(&u.email).map_err(at(place.clone()))?;
            validate::text("name", &u.name, validate::MAX_LABEL_LEN).map_err(at(place.clone()))?;
            unique(&mut seen, "user", &u.email.to_lowercase())?;
        }
        Ok(())
    }
}

fn unique(seen: &mut HashSet<String>, kind: &str, name: &str) -> Result<()> {
    if seen.insert(format!("{kind}\0{name}")) {
        Ok(())
    } else {
        Err(Error::invalid(format!(
            "{kind} '{name}' is declared twice; declare each once"
        )))
    }
}

impl KeyGroupSpec {
    /// The group's settings as `key create` would take them; [`KeySpec::parse`]
    /// validates the rest.
    ///
    /// # Errors
    /// [`Error::Invalid`] for both expiry fields, a bad duration or `max_uses`.
    pub fn key_input(&self) -> Result<KeyInput> {
        if self.expires_in.is_some() && self.expires_at.is_some() {
            return Err(Error::invalid("give expires_in or expires_at, not both"));
        }
        if let Some(d) = &self.expires_in {
            time::parse_duration("expires_in", d, false)?;
        }
        if self.max_uses == Some(0) || self.max_uses.is_some_and(|n| n > i64::MAX as u64) {
            return Err(Error::invalid(format!(
                "max_uses must be between 1 and {}",
                i64::MAX
            )));
        }
        if let Some(text) = &self.rate_limit {
            crate::model::RateLimit::parse("rate_limit", text)?;
        }
        Ok(KeyInput {
            rate_limit: self.rate_limit.clone(),
            label: self.label.clone(),
            prefix: self.prefix.clone(),
            expires_in: self.expires_in.clone(),
            expires_at: self.expires_at.clone(),
            max_uses: self.max_uses,
            allowed_ips: self.allowed_ips.clone(),
            metadata: self
                .metadata
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_toml(text: &str) -> Result<Manifest> {
        let m: Manifest = toml::from_str(text).map_err(|e| Error::invalid(e.to_string()))?;
        m.validate()?;
        Ok(m)
    }

    #[test]
    fn defaults_fill_in() {
        let m = parse_toml("[[clients]]\nname = \"a\"\nkeys = [{ label = \"prod\" }]\n").unwrap();
        assert_eq!(m.clients[0].status, Status::Active);
        assert_eq!(m.clients[0].keys[0].count, 1);
        assert_eq!(m.clients[0].keys[0].prefix, "ak");
    }

    #[test]
    fn unknown_fields_and_duplicates_are_rejected() {
        assert!(parse_toml("[[clients]]\nname = \"a\"\ncolour = \"red\"\n").is_err());
        assert!(parse_toml("[[roles]]\nname = \"a\"\n[[roles]]\nname = \"A\"\n").is_err());
        assert!(parse_toml("[[permissions]]\nname = \"bpjs\"\n").is_err());
    }

    #[test]
    fn positions_are_one_based() {
        assert_eq!(line_column("ab\ncd", 4), (2, 2));
        assert_eq!(line_column("ab", 0), (1, 1));
    }
}
