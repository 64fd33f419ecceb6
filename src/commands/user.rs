//! `apikey user ...`: operators who log in with email and password.

use serde_json::json;

use super::{Context, roles};
use crate::cli::UserCommand;
use crate::error::{Error, Result};
use crate::model::{LoginVerdict, Status};
use crate::output::Output;
use crate::prompt::{self, PasswordPurpose};
use crate::store::{Access, Store};
use crate::{password, validate};

pub(super) fn run(cmd: UserCommand, ctx: &Context) -> Result<Output> {
    match cmd {
        UserCommand::Add {
            email,
            name,
            role,
            password,
            no_password,
        } => {
            validate::email(&email)?;
            let name = validate::text("--name", &name, validate::MAX_LABEL_LEN)?;
            let mut store = ctx.open(Access::Create)?;
            // Unknown roles and a taken email fail before the password is asked for.
            store.read(|tx| {
                roles(tx, &role)?;
                match tx.find_user(&email)? {
                    Some(_) => Err(Error::conflict(format!(
                        "a user with email '{email}' already exists; see 'apikey user show {email}'"
                    ))),
                    None => Ok(()),
                }
            })?;
            let hash = if no_password {
                None
            } else {
                Some(new_password_hash(password.password_stdin)?)
            };
            let user = store.write(|tx| {
                let user = tx.insert_user(&email, &name, hash.as_deref())?;
                for role in roles(tx, &role)? {
                    tx.set_user_role(&user, &role, true)?;
                }
                tx.audit(
                    "user.add",
                    &user.email,
                    json!({ "name": name, "roles": role, "password_set": hash.is_some() }),
                )?;
                tx.user(&user.email)
            })?;
            Ok(Output::record(&user)?.with_heading(format!("Added user {}", user.email)))
        }
        UserCommand::List => {
            let users = ctx.open(Access::Existing)?.read(|tx| tx.list_users())?;
            Output::list(&users)
        }
        UserCommand::Show { email } => {
            let user = ctx.open(Access::Existing)?.read(|tx| tx.user(&email))?;
            Output::record(&user)
        }
        UserCommand::Disable { email } => set_status(ctx, &email, Status::Disabled),
        UserCommand::Enable { email } => set_status(ctx, &email, Status::Active),
        UserCommand::Passwd { email, password } => {
            let mut store = ctx.open(Access::Existing)?;
            store.read(|tx| tx.user(&email))?;
            let hash = new_password_hash(password.password_stdin)?;
            let user = store.write(|tx| {
                let user = tx.set_user_password(&tx.user(&email)?, &hash)?;
                tx.audit("user.passwd", &user.email, json!({}))?;
                Ok(user)
            })?;
            Ok(Output::record(&user)?.with_heading(format!("Set the password of {}", user.email)))
        }
        UserCommand::Remove { email, yes } => {
            let mut store = ctx.open(Access::Existing)?;
            let user = store.read(|tx| tx.user(&email))?;
            prompt::confirm(&format!("remove user {}", user.email), yes)?;
            store.write(|tx| {
                let user = tx.user(&email)?;
                tx.delete_user(&user)?;
                tx.audit("user.remove", &user.email, json!({}))
            })?;
            Ok(Output::message(
                format!("Removed user {}", user.email),
                json!({ "removed": user.email }),
            ))
        }
        UserCommand::Grant { email, role } => change_roles(ctx, &email, &role, true),
        UserCommand::Revoke { email, role } => change_roles(ctx, &email, &role, false),
        UserCommand::Verify { email, password } => {
            let given = prompt::password(password.password_stdin, PasswordPurpose::Login)?;
            let verdict = login(&mut ctx.open(Access::Existing)?, &email, &given)?;
            let code = if verdict.valid { 0 } else { 5 };
            Ok(Output::record(&verdict)?.with_exit_code(code))
        }
    }
}

fn new_password_hash(from_stdin: bool) -> Result<String> {
    let password = prompt::password(from_stdin, PasswordPurpose::New)?;
    password::check_rules(&password)?;
    password::hash(&password)
}

/// The login check. Unknown emails and users without a password cost one Argon2 run,
/// like a wrong password, and get the same answer. The slow hash runs outside any
/// write transaction, so a login never holds up other writers.
fn login(store: &mut Store, email: &str, given: &str) -> Result<LoginVerdict> {
    let (user, stored) = store.read(|tx| {
        let user = tx.find_user(email)?;
        let stored = match &user {
            Some(user) => tx.user_password_hash(user)?,
            None => None,
        };
        Ok((user, stored))
    })?;
    let password_ok = match &stored {
        Some(hash) => password::matches(given, hash),
        None => {
            password::burn(given);
            false
        }
    };
    let refuse = |result| LoginVerdict {
        result,
        valid: false,
        email: None,
        name: None,
        roles: None,
        permissions: None,
    };
    let Some(user) = user.filter(|_| password_ok) else {
        return Ok(refuse("INVALID_CREDENTIALS"));
    };
    if user.status == Status::Disabled {
        return Ok(refuse("DISABLED"));
    }
    let permissions = store.write(|tx| {
        tx.record_login(&user)?;
        tx.expand_grants(&tx.user_grants(user.id)?)
    })?;
    Ok(LoginVerdict {
        result: "VALID",
        valid: true,
        permissions: Some(permissions),
        email: Some(user.email),
        name: Some(user.name),
        roles: Some(user.roles),
    })
}

fn set_status(ctx: &Context, email: &str, status: Status) -> Result<Output> {
    let user = ctx.open(Access::Existing)?.write(|tx| {
        let user = tx.user(email)?;
        if user.status == status {
            return Ok(user);
        }
        let user = tx.set_user_disabled(&user, status == Status::Disabled)?;
        let action = match status {
            Status::Active => "user.enable",
            Status::Disabled => "user.disable",
        };
        tx.audit(action, &user.email, json!({}))?;
        Ok(user)
    })?;
    let verb = match status {
        Status::Active => "Enabled",
        Status::Disabled => "Disabled",
    };
    Ok(Output::record(&user)?.with_heading(format!("{verb} user {}", user.email)))
}

fn change_roles(ctx: &Context, email: &str, names: &[String], grant: bool) -> Result<Output> {
    let user = ctx.open(Access::Existing)?.write(|tx| {
        let user = tx.user(email)?;
        super::change_roles(tx, "user", &user.email, names, grant, |role, held| {
            tx.set_user_role(&user, role, held)
        })?;
        tx.user(&user.email)
    })?;
    let heading = format!("Roles of {}: {}", user.email, user.roles.join(", "));
    Ok(Output::record(&user)?.with_heading(heading))
}
