//! Client operations: add (with a first key), update, enable/disable, roles, remove.

use serde_json::json;

use super::keys::{self, KeySpec};
use super::{Action, Holder};
use crate::error::Result;
use crate::model::{Client, IssuedKey, Status};
use crate::store::Tx;

/// `client add`: adds a client holding `roles`, with a first key issued per `first_key`
/// (the original console's "add API key: client + description"), and audits
/// `client.add` naming the key. Returns the client (re-read, counts included) and key.
///
/// # Errors
/// [`crate::Error::AlreadyExists`]; [`crate::Error::NotFound`] for an unknown role.
pub fn add(
    tx: &Tx<'_>,
    name: &str,
    description: &str,
    roles: &[String],
    status: Status,
    first_key: Option<&KeySpec>,
) -> Result<(Client, Option<IssuedKey>)> {
    let held = super::roles(tx, roles)?;
    let client = tx.insert_client(name, description)?;
    if status == Status::Disabled {
        tx.set_client_disabled(&client, true)?;
    }
    for role in &held {
        tx.set_client_role(&client, role, true)?;
    }
    let key = first_key
        .map(|spec| keys::issue(tx, &client, spec, None))
        .transpose()?;
    let details = json!({
        "description": description,
        "status": status,
        "roles": roles,
        "key": key.as_ref().map(|k| json!({ "id": k.key.id })),
    });
    tx.audit(Action::ClientAdd, &client.name, details)?;
    Ok((tx.client(&client.name)?, key))
}

/// `client update`: a new description and/or name; audits `client.update`.
///
/// # Errors
/// [`crate::Error::NotFound`]; [`crate::Error::AlreadyExists`] for a taken new name.
pub fn update(
    tx: &Tx<'_>,
    client: &Client,
    description: Option<&str>,
    rename: Option<&str>,
) -> Result<Client> {
    let updated = tx.update_client(client, description, rename)?;
    tx.audit(
        Action::ClientUpdate,
        &client.name,
        json!({ "description": description, "rename": rename }),
    )?;
    Ok(updated)
}

/// `client disable` / `client enable`: its keys answer `DISABLED` while it is disabled.
/// Audits only a real change.
///
/// # Errors
/// Store failures.
pub fn set_status(tx: &Tx<'_>, client: &Client, status: Status) -> Result<Client> {
    if client.status == status {
        return Ok(client.clone());
    }
    let client = tx.set_client_disabled(client, status == Status::Disabled)?;
    let action = match status {
        Status::Active => Action::ClientEnable,
        Status::Disabled => Action::ClientDisable,
    };
    tx.audit(action, &client.name, json!({}))?;
    Ok(client)
}

/// `client grant` / `client revoke`: returns the roles that changed.
///
/// # Errors
/// [`crate::Error::NotFound`] for an unknown role.
pub fn change_roles(
    tx: &Tx<'_>,
    client: &Client,
    names: &[String],
    grant: bool,
) -> Result<Vec<String>> {
    super::change_roles(
        tx,
        Holder::Client,
        &client.name,
        names,
        grant,
        |role, held| tx.set_client_role(client, role, held),
    )
}

/// `client remove`: deletes the client and all its keys; audits how many went.
///
/// # Errors
/// Store failures.
pub fn remove(tx: &Tx<'_>, client: &Client) -> Result<u64> {
    let keys = tx.count_keys(client.row)?;
    tx.delete_client(client)?;
    tx.audit(
        Action::ClientRemove,
        &client.name,
        json!({ "keys_removed": keys }),
    )?;
    Ok(keys)
}
