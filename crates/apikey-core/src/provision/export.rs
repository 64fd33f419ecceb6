//! `export`: the store's state as a provisioning file (no secrets).

use std::collections::BTreeMap;

use super::manifest::{self, ClientSpec, KeyGroupSpec, Manifest, Syntax};
use crate::error::{Error, Result};
use crate::model::ApiKey;
use crate::secret;
use crate::store::{KeyFilter, Tx};

/// The store's state as a manifest: what `export` writes and `apply` reads back.
///
/// # Errors
/// Store failures.
pub fn snapshot(tx: &Tx<'_>) -> Result<Manifest> {
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
            client_id: Some(c.row),
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
                prefix: if secret::valid_prefix(&k.prefix) {
                    k.prefix.clone()
                } else {
                    secret::DEFAULT_PREFIX.to_owned()
                },
                expires_in: None,
                expires_at: k.expires_at.map(|t| t.to_string()),
                max_uses: k.max_uses,
                allowed_ips: k.allowed_ips.clone(),
                metadata: k.metadata.clone(),
                rate_limit: k.rate_limit.map(|r| r.to_string()),
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

/// `manifest` as text in `syntax`, ending in a newline.
///
/// # Errors
/// [`Error::Internal`] if encoding fails (it cannot for a manifest read from a store).
pub fn render(manifest: &Manifest, syntax: Syntax) -> Result<String> {
    let text = match syntax {
        Syntax::Json => serde_json::to_string_pretty(manifest).map_err(|e| e.to_string()),
        Syntax::Toml => toml::to_string_pretty(manifest).map_err(|e| e.to_string()),
    }
    .map_err(|detail| Error::Internal {
        what: "cannot encode the provisioning file",
        detail,
    })?;
    Ok(format!("{}\n", text.trim_end()))
}
