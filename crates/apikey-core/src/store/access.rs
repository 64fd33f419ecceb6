//! SQL for permissions, roles, role grants and role holders (clients and users).

use super::sql::{Row, params};
use super::{Tx, json_list};
use crate::error::{Entity, Error, Result};
use crate::model::{Client, Permission, Role, User};
use crate::rules;
use crate::time::from_unix;

impl Tx<'_> {
    /// Adds a permission.
    ///
    /// # Errors
    /// [`Error::Conflict`] if it exists.
    pub fn insert_permission(&self, name: &str, description: &str) -> Result<Permission> {
        let inserted = self.exec(
            "INSERT INTO permissions (public_id, name, description, created_at)
             VALUES (?4, ?1, ?2, ?3) ON CONFLICT (name) DO NOTHING",
            params![
                name,
                description,
                self.now.as_second(),
                crate::secret::generate_id()?
            ],
        )?;
        if inserted == 0 {
            return Err(Error::AlreadyExists {
                kind: Entity::Permission,
                name: name.to_owned(),
            });
        }
        self.permission(name)
    }

    /// Looks a permission up by name.
    ///
    /// # Errors
    /// [`Error::NotFound`], suggesting the closest existing name.
    pub fn permission(&self, name: &str) -> Result<Permission> {
        let found = self.query_opt(
            "SELECT name, description, created_at, public_id FROM permissions
             WHERE name = ?1 OR public_id = ?1",
            params![name],
        )?;
        let Some(row) = found else {
            return Err(self.unknown_permission(name)?);
        };
        permission_from_row(&row, &self.all_grants()?)
    }

    /// Fails unless the permission `name` is defined (one indexed lookup).
    ///
    /// # Errors
    /// [`Error::NotFound`], suggesting the closest existing name.
    pub fn require_permission(&self, name: &str) -> Result<()> {
        match self.query_opt("SELECT 1 FROM permissions WHERE name = ?1", params![name])? {
            Some(_) => Ok(()),
            None => Err(self.unknown_permission(name)?),
        }
    }

    /// The "unknown permission" error, with a suggestion when one is close.
    fn unknown_permission(&self, name: &str) -> Result<Error> {
        let names = self.permission_names()?;
        Ok(Error::NotFound {
            kind: Entity::Permission,
            name: name.to_owned(),
            suggestion: rules::closest(name, names.iter().map(String::as_str)).map(str::to_owned),
        })
    }

    /// Every permission name, sorted.
    pub fn permission_names(&self) -> Result<Vec<String>> {
        self.strings("SELECT name FROM permissions ORDER BY name", params![])
    }

    /// Every permission, sorted by name, with the roles that cover it.
    pub fn list_permissions(&self) -> Result<Vec<Permission>> {
        let grants = self.all_grants()?;
        self.query_all(
            "SELECT name, description, created_at, public_id FROM permissions ORDER BY name",
            params![],
        )?
        .iter()
        .map(|row| permission_from_row(row, &grants))
        .collect()
    }

    /// Removes a permission. Roles that grant it by name block removal unless `force`,
    /// which drops those grants too. Returns the roles that lost the grant.
    ///
    /// # Errors
    /// [`Error::InUse`] naming the roles, without `force`.
    pub fn delete_permission(&self, name: &str, force: bool) -> Result<Vec<String>> {
        self.require_permission(name)?;
        let holders = self.strings(
            "SELECT r.name FROM role_grants g JOIN roles r ON r.id = g.role_id
             WHERE g.pattern = ?1 ORDER BY r.name",
            params![name],
        )?;
        if !holders.is_empty() && !force {
            return Err(Error::InUse {
                kind: Entity::Permission,
                name: name.to_owned(),
                holders: vec![format!("role(s) {}", holders.join(", "))],
            });
        }
        self.exec("DELETE FROM role_grants WHERE pattern = ?1", params![name])?;
        self.exec("DELETE FROM permissions WHERE name = ?1", params![name])?;
        Ok(holders)
    }

    /// Changes a permission's description.
    pub fn update_permission_description(&self, name: &str, description: &str) -> Result<()> {
        self.exec(
            "UPDATE permissions SET description = ?2 WHERE name = ?1",
            params![name, description],
        )?;
        Ok(())
    }

    /// Changes a role's description.
    pub fn update_role_description(&self, role: &Role, description: &str) -> Result<()> {
        self.exec(
            "UPDATE roles SET description = ?2 WHERE id = ?1",
            params![role.row, description],
        )?;
        Ok(())
    }

    /// Adds a role.
    ///
    /// # Errors
    /// [`Error::Conflict`] if a role of that name (case-insensitive) exists.
    pub fn insert_role(&self, name: &str, description: &str) -> Result<Role> {
        let inserted = self.exec(
            "INSERT INTO roles (public_id, name, description, created_at)
             VALUES (?4, ?1, ?2, ?3) ON CONFLICT (name) DO NOTHING",
            params![
                name,
                description,
                self.now.as_second(),
                crate::secret::generate_id()?
            ],
        )?;
        if inserted == 0 {
            return Err(Error::AlreadyExists {
                kind: Entity::Role,
                name: name.to_owned(),
            });
        }
        self.role(name)
    }

    /// Looks a role up by name (case-insensitive), with its grants and holders.
    ///
    /// # Errors
    /// [`Error::NotFound`], suggesting the closest existing name.
    pub fn role(&self, name: &str) -> Result<Role> {
        let sql = format!(
            "{ROLE_SELECT} WHERE r.name = ?1 OR r.public_id = ?1 ORDER BY r.name = ?1 DESC LIMIT 1"
        );
        let found = self
            .query_opt(&sql, params![name])?
            .map(|row| role_from_row(&row))
            .transpose()?;
        match found {
            Some(role) => Ok(role),
            None => {
                let names = self.role_names()?;
                Err(Error::NotFound {
                    kind: Entity::Role,
                    name: name.to_owned(),
                    suggestion: rules::closest(name, names.iter().map(String::as_str))
                        .map(str::to_owned),
                })
            }
        }
    }

    fn role_names(&self) -> Result<Vec<String>> {
        self.strings("SELECT name FROM roles ORDER BY name", params![])
    }

    /// Every role, sorted by name.
    pub fn list_roles(&self) -> Result<Vec<Role>> {
        let sql = format!("{ROLE_SELECT} ORDER BY r.name");
        self.query_all(&sql, params![])?
            .iter()
            .map(role_from_row)
            .collect()
    }

    /// Removes a role. Holders block removal unless `force`, which takes it from them.
    ///
    /// # Errors
    /// [`Error::InUse`] naming the holders, without `force`.
    pub fn delete_role(&self, role: &Role, force: bool) -> Result<()> {
        if !(force || role.clients.is_empty() && role.users.is_empty()) {
            let holders: Vec<String> = role
                .clients
                .iter()
                .map(|c| format!("client {c}"))
                .chain(role.users.iter().map(|u| format!("user {u}")))
                .collect();
            return Err(Error::InUse {
                kind: Entity::Role,
                name: role.name.clone(),
                holders,
            });
        }
        self.exec("DELETE FROM roles WHERE id = ?1", params![role.row])?;
        Ok(())
    }

    /// Grants `pattern` to `role`; exact names must be defined permissions.
    /// Returns false if the role already had it.
    ///
    /// # Errors
    /// [`Error::NotFound`] for an undefined permission, with a suggestion.
    pub fn grant_to_role(&self, role: &Role, pattern: &str) -> Result<bool> {
        if !rules::is_wildcard(pattern) {
            self.require_permission(pattern)?;
        }
        Ok(self.exec(
            "INSERT INTO role_grants (role_id, pattern) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
            params![role.row, pattern],
        )? > 0)
    }

    /// Takes `pattern` from `role`. Returns false if the role did not have it.
    pub fn revoke_from_role(&self, role: &Role, pattern: &str) -> Result<bool> {
        Ok(self.exec(
            "DELETE FROM role_grants WHERE role_id = ?1 AND pattern = ?2",
            params![role.row, pattern],
        )? > 0)
    }

    /// Gives `role` to a client (`held`) or takes it away. Returns whether anything
    /// changed.
    pub fn set_client_role(&self, client: &Client, role: &Role, held: bool) -> Result<bool> {
        let sql = if held {
            "INSERT INTO client_roles (client_id, role_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING"
        } else {
            "DELETE FROM client_roles WHERE client_id = ?1 AND role_id = ?2"
        };
        Ok(self.exec(sql, params![client.row, role.row])? > 0)
    }

    /// Gives `role` to a user (`held`) or takes it away. Returns whether anything changed.
    pub fn set_user_role(&self, user: &User, role: &Role, held: bool) -> Result<bool> {
        let sql = if held {
            "INSERT INTO user_roles (user_id, role_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING"
        } else {
            "DELETE FROM user_roles WHERE user_id = ?1 AND role_id = ?2"
        };
        Ok(self.exec(sql, params![user.row, role.row])? > 0)
    }

    /// The grant patterns of the roles a client holds (the client's keys act with them).
    pub fn client_grants(&self, client_id: i64) -> Result<Vec<String>> {
        self.holder_grants(
            "SELECT DISTINCT g.pattern FROM client_roles h JOIN role_grants g ON g.role_id = h.role_id
             WHERE h.client_id = ?1 ORDER BY g.pattern",
            client_id,
        )
    }

    /// The grant patterns of the roles a user holds.
    pub fn user_grants(&self, user_id: i64) -> Result<Vec<String>> {
        self.holder_grants(
            "SELECT DISTINCT g.pattern FROM user_roles h JOIN role_grants g ON g.role_id = h.role_id
             WHERE h.user_id = ?1 ORDER BY g.pattern",
            user_id,
        )
    }

    fn holder_grants(&self, sql: &str, id: i64) -> Result<Vec<String>> {
        self.strings(sql, params![id])
    }

    /// The defined permissions that `grants` cover, sorted.
    pub fn expand_grants(&self, grants: &[String]) -> Result<Vec<String>> {
        if grants.is_empty() {
            return Ok(Vec::new());
        }
        Ok(covered(self.permission_names()?, grants))
    }

    /// (role name, grant pattern) for every grant.
    fn all_grants(&self) -> Result<Vec<(String, String)>> {
        self.query_all(
            "SELECT r.name, g.pattern FROM role_grants g JOIN roles r ON r.id = g.role_id ORDER BY r.name",
            params![],
        )?
        .iter()
        .map(|r| Ok((r.get(0)?, r.get(1)?)))
        .collect()
    }

    /// The first column of every row of a query, as text.
    fn strings(&self, sql: &str, params: &[&dyn super::sql::Param]) -> Result<Vec<String>> {
        self.query_all(sql, params)?
            .iter()
            .map(|r| r.get(0))
            .collect()
    }
}

const ROLE_SELECT: &str = "SELECT r.id, r.public_id, r.name, r.description, r.created_at,
    (SELECT json_group_array(pattern) FROM
        (SELECT pattern FROM role_grants WHERE role_id = r.id ORDER BY pattern) AS s),
    (SELECT json_group_array(name) FROM (SELECT c.name FROM client_roles h
        JOIN clients c ON c.id = h.client_id WHERE h.role_id = r.id ORDER BY c.name) AS s),
    (SELECT json_group_array(email) FROM (SELECT u.email FROM user_roles h
        JOIN users u ON u.id = h.user_id WHERE h.role_id = r.id ORDER BY u.email) AS s)
    FROM roles r";

fn permission_from_row(r: &Row, grants: &[(String, String)]) -> Result<Permission> {
    let name: String = r.get(0)?;
    Ok(Permission {
        id: r.get(3)?,
        roles: roles_covering(grants, &name),
        name,
        description: r.get(1)?,
        created_at: from_unix(r.get(2)?),
    })
}

fn role_from_row(r: &Row) -> Result<Role> {
    Ok(Role {
        row: r.get(0)?,
        id: r.get(1)?,
        name: r.get(2)?,
        description: r.get(3)?,
        created_at: from_unix(r.get(4)?),
        permissions: json_list(&r.get::<String>(5)?),
        clients: json_list(&r.get::<String>(6)?),
        users: json_list(&r.get::<String>(7)?),
    })
}

fn roles_covering(grants: &[(String, String)], permission: &str) -> Vec<String> {
    let mut roles: Vec<String> = grants
        .iter()
        .filter(|(_, pattern)| rules::covers(pattern, permission))
        .map(|(role, _)| role.clone())
        .collect();
    roles.dedup();
    roles
}

/// The permission `names` that `grants` cover, in their order.
pub(super) fn covered(names: Vec<String>, grants: &[String]) -> Vec<String> {
    names
        .into_iter()
        .filter(|p| grants.iter().any(|g| rules::covers(g, p)))
        .collect()
}
