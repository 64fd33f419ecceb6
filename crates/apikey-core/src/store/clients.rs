//! SQL for the `clients` table.

use super::Tx;
use super::sql::{Row, params};
use crate::error::{Entity, Error, Result};
use crate::model::{Client, KeyCounts, Status};
use crate::time::from_unix;

/// Columns read by [`client_from_row`]; key counts use the status expression of `keys`.
const CLIENT_COLUMNS: &str =
    "c.id, c.public_id, c.name, c.description, c.disabled, c.created_at, c.updated_at,
    (SELECT json_group_array(name) FROM (SELECT r.name FROM client_roles cr
        JOIN roles r ON r.id = cr.role_id WHERE cr.client_id = c.id ORDER BY r.name) AS s)";

/// Matches `?2` as the client's name (case-insensitive) or its public id; a name wins.
const BY_NAME_OR_ID: &str = "c.name = ?2 OR c.public_id = ?2 ORDER BY c.name = ?2 DESC LIMIT 1";

/// The key counts of client `c`, given `?1` = now: one range of `api_keys_by_client`.
const COUNT_COLUMNS: &str = "(SELECT count(*) FROM api_keys k WHERE k.client_id = c.id
        AND k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > ?1)
        AND k.disabled = 0 AND c.disabled = 0),
    (SELECT count(*) FROM api_keys k WHERE k.client_id = c.id)";

fn client_from_row(row: &Row) -> Result<Client> {
    Ok(Client {
        row: row.get(0)?,
        id: row.get(1)?,
        name: row.get(2)?,
        description: row.get(3)?,
        status: if row.get::<bool>(4)? {
            Status::Disabled
        } else {
            Status::Active
        },
        created_at: from_unix(row.get(5)?),
        updated_at: from_unix(row.get(6)?),
        roles: super::json_list(&row.get::<String>(7)?),
        keys: match row.len() {
            10 => Some(KeyCounts {
                active_keys: row.get(8)?,
                total_keys: row.get(9)?,
            }),
            _ => None,
        },
    })
}

impl Tx<'_> {
    /// Adds a client.
    ///
    /// # Errors
    /// [`Error::Conflict`] if a client of that name (case-insensitive) exists.
    pub fn insert_client(&self, name: &str, description: &str) -> Result<Client> {
        if self.find_client(name)?.is_some() {
            return Err(Error::AlreadyExists {
                kind: Entity::Client,
                name: name.to_owned(),
            });
        }
        let now = self.now.as_second();
        self.exec(
            "INSERT INTO clients (public_id, name, description, created_at, updated_at)
             VALUES (?4, ?1, ?2, ?3, ?3)",
            params![name, description, now, crate::secret::generate_id()?],
        )?;
        self.client(name)
    }

    /// Looks a client up by name (case-insensitive) or public id.
    pub fn find_client(&self, name: &str) -> Result<Option<Client>> {
        let sql = format!("SELECT {CLIENT_COLUMNS} FROM clients c WHERE {BY_NAME_OR_ID}");
        self.query_opt(&sql, params![self.now.as_second(), name])?
            .map(|row| client_from_row(&row))
            .transpose()
    }

    /// Like [`Tx::find_client`], but a missing client is an error.
    ///
    /// # Errors
    /// [`Error::NotFound`] naming the client and how to list them.
    pub fn client(&self, name: &str) -> Result<Client> {
        self.find_client(name)?
            .ok_or_else(|| Error::not_found(Entity::Client, name))
    }

    /// Like [`Tx::client`], with its key counts.
    ///
    /// # Errors
    /// [`Error::NotFound`].
    pub fn client_counted(&self, name: &str) -> Result<Client> {
        let sql = format!(
            "SELECT {CLIENT_COLUMNS}, {COUNT_COLUMNS} FROM clients c WHERE {BY_NAME_OR_ID}"
        );
        self.query_opt(&sql, params![self.now.as_second(), name])?
            .map(|row| client_from_row(&row))
            .transpose()?
            .ok_or_else(|| Error::not_found(Entity::Client, name))
    }

    /// The number of clients.
    ///
    /// # Errors
    /// Store failures.
    pub fn client_count(&self) -> Result<u64> {
        self.query_one("SELECT count(*) FROM clients", params![])?
            .get(0)
    }

    /// The number of keys of any status a client has.
    ///
    /// # Errors
    /// Store failures.
    pub fn count_keys(&self, client_id: i64) -> Result<u64> {
        self.query_one(
            "SELECT count(*) FROM api_keys WHERE client_id = ?1",
            params![client_id],
        )?
        .get(0)
    }

    /// Lists clients by name, with key counts; `search` keeps those whose name or description contains it,
    /// ignoring case (Unicode-aware, so it is done here rather than by SQLite's ASCII-only
    /// `LIKE`, and alike on both engines).
    pub fn list_clients(&self, search: Option<&str>) -> Result<Vec<Client>> {
        let mut clients = Vec::new();
        self.for_each_client(search, |client| {
            clients.push(client);
            Ok(())
        })?;
        Ok(clients)
    }

    /// Calls `f` with each client [`Tx::list_clients`] would return, one row at a time.
    pub fn for_each_client(
        &self,
        search: Option<&str>,
        mut f: impl FnMut(Client) -> Result<()>,
    ) -> Result<()> {
        let sql =
            format!("SELECT {CLIENT_COLUMNS}, {COUNT_COLUMNS} FROM clients c ORDER BY c.name");
        let needle = search.map(str::to_lowercase);
        self.query_each(&sql, params![self.now.as_second()], |row| {
            let client = client_from_row(&row)?;
            let keep = needle.as_deref().is_none_or(|n| {
                client.name.to_lowercase().contains(n)
                    || client.description.to_lowercase().contains(n)
            });
            if keep {
                f(client)?;
            }
            Ok(true)
        })
    }

    /// Changes a client's description and/or name. Returns the updated client.
    ///
    /// # Errors
    /// [`Error::Conflict`] if `rename` is taken by another client.
    pub fn update_client(
        &self,
        client: &Client,
        description: Option<&str>,
        rename: Option<&str>,
    ) -> Result<Client> {
        if let Some(new) = rename
            && let Some(other) = self.find_client(new)?
            && other.row != client.row
        {
            return Err(Error::conflict(format!(
                "cannot rename '{}' to '{new}': a client of that name exists",
                client.name
            )));
        }
        self.exec(
            "UPDATE clients SET description = coalesce(?2, description), name = coalesce(?3, name),
                 updated_at = ?4 WHERE id = ?1",
            params![client.row, description, rename, self.now.as_second()],
        )?;
        self.client(rename.unwrap_or(&client.name))
    }

    /// Disables or enables a client. Returns the updated client.
    pub fn set_client_disabled(&self, client: &Client, disabled: bool) -> Result<Client> {
        self.exec(
            "UPDATE clients SET disabled = ?2, updated_at = ?3 WHERE id = ?1",
            params![client.row, disabled, self.now.as_second()],
        )?;
        self.client(&client.name)
    }

    /// Deletes a client and (by cascade) its keys.
    pub fn delete_client(&self, client: &Client) -> Result<()> {
        self.exec("DELETE FROM clients WHERE id = ?1", params![client.row])?;
        Ok(())
    }
}
