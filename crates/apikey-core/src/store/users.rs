//! SQL for the `users` table.

use super::sql::{Row, params};
use super::{Tx, json_list};
use crate::error::{Entity, Error, Result};
use crate::model::{Status, User};
use crate::time::from_unix;

const USER_SELECT: &str =
    "SELECT u.id, u.public_id, u.email, u.name, u.disabled, u.password_hash IS NOT NULL,
    u.created_at, u.updated_at, u.last_login_at,
    (SELECT json_group_array(name) FROM (SELECT r.name FROM user_roles h
        JOIN roles r ON r.id = h.role_id WHERE h.user_id = u.id ORDER BY r.name) AS s)
    FROM users u";

fn user_from_row(r: &Row) -> Result<User> {
    Ok(User {
        row: r.get(0)?,
        id: r.get(1)?,
        email: r.get(2)?,
        name: r.get(3)?,
        status: if r.get::<bool>(4)? {
            Status::Disabled
        } else {
            Status::Active
        },
        has_password: r.get(5)?,
        created_at: from_unix(r.get(6)?),
        updated_at: from_unix(r.get(7)?),
        last_login_at: r.get::<Option<i64>>(8)?.map(from_unix),
        roles: json_list(&r.get::<String>(9)?),
    })
}

impl Tx<'_> {
    /// Adds a user; `password_hash` is an Argon2id PHC string, or `None` for a user who
    /// cannot log in until `user passwd`.
    ///
    /// # Errors
    /// [`Error::Conflict`] if the email (case-insensitive) exists.
    pub fn insert_user(
        &self,
        email: &str,
        name: &str,
        password_hash: Option<&str>,
    ) -> Result<User> {
        let inserted = self.exec(
            "INSERT INTO users (public_id, email, name, password_hash, created_at, updated_at)
             VALUES (?5, ?1, ?2, ?3, ?4, ?4) ON CONFLICT (email) DO NOTHING",
            params![
                email,
                name,
                password_hash,
                self.now.as_second(),
                crate::secret::generate_id()?
            ],
        )?;
        if inserted == 0 {
            return Err(Error::AlreadyExists {
                kind: Entity::User,
                name: email.to_owned(),
            });
        }
        self.user(email)
    }

    /// Looks a user up by email (case-insensitive) or public id.
    pub fn find_user(&self, email: &str) -> Result<Option<User>> {
        let sql = format!(
            "{USER_SELECT} WHERE u.email = ?1 OR u.public_id = ?1 ORDER BY u.email = ?1 DESC LIMIT 1"
        );
        self.query_opt(&sql, params![email])?
            .map(|row| user_from_row(&row))
            .transpose()
    }

    /// Like [`Tx::find_user`], but a missing user is an error.
    ///
    /// # Errors
    /// [`Error::NotFound`] naming the email.
    pub fn user(&self, email: &str) -> Result<User> {
        self.find_user(email)?
            .ok_or_else(|| Error::not_found(Entity::User, email))
    }

    /// The stored password hash of a user, if set. Never shown or logged.
    pub fn user_password_hash(&self, user: &User) -> Result<Option<String>> {
        self.query_one(
            "SELECT password_hash FROM users WHERE id = ?1",
            params![user.row],
        )?
        .get(0)
    }

    /// Every user, sorted by email.
    pub fn list_users(&self) -> Result<Vec<User>> {
        let sql = format!("{USER_SELECT} ORDER BY u.email");
        self.query_all(&sql, params![])?
            .iter()
            .map(user_from_row)
            .collect()
    }

    /// Disables or enables a user.
    pub fn set_user_disabled(&self, user: &User, disabled: bool) -> Result<User> {
        self.exec(
            "UPDATE users SET disabled = ?2, updated_at = ?3 WHERE id = ?1",
            params![user.row, disabled, self.now.as_second()],
        )?;
        self.user(&user.email)
    }

    /// Changes a user's display name.
    pub fn set_user_name(&self, user: &User, name: &str) -> Result<User> {
        self.exec(
            "UPDATE users SET name = ?2, updated_at = ?3 WHERE id = ?1",
            params![user.row, name, self.now.as_second()],
        )?;
        self.user(&user.email)
    }

    /// Replaces a user's password hash.
    pub fn set_user_password(&self, user: &User, password_hash: &str) -> Result<User> {
        self.exec(
            "UPDATE users SET password_hash = ?2, updated_at = ?3 WHERE id = ?1",
            params![user.row, password_hash, self.now.as_second()],
        )?;
        self.user(&user.email)
    }

    /// Records a successful login.
    pub fn record_login(&self, user: &User) -> Result<()> {
        self.exec(
            "UPDATE users SET last_login_at = ?2 WHERE id = ?1",
            params![user.row, self.now.as_second()],
        )?;
        Ok(())
    }

    /// Deletes a user (and their role memberships).
    pub fn delete_user(&self, user: &User) -> Result<()> {
        self.exec("DELETE FROM users WHERE id = ?1", params![user.row])?;
        Ok(())
    }
}
