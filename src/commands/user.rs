//! `apikey user ...`: operators who log in with email and password.

use serde_json::json;

use super::Context;
use crate::cli::UserCommand;
use crate::output::Output;
use crate::prompt::{self, PasswordPurpose};
use apikey_core::error::{Error, Result};
use apikey_core::model::Status;
use apikey_core::ops::{self, users};
use apikey_core::store::Access;
use apikey_core::{password, validate};

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
            // Unknown roles and a taken email fail before the password is asked for.
            // Without a store, they are checked against an empty one and the store is
            // created only after the prompt: Ctrl-C there leaves nothing behind.
            let found = ctx.open_if_any()?;
            let real = found.is_some();
            let mut checked = match found {
                Some(store) => store,
                None => apikey_core::store::Store::open_in_memory()?,
            };
            checked.read(|tx| {
                ops::roles(tx, &role)?;
                match tx.find_user(&email)? {
                    Some(user) => Err(Error::AlreadyExists {
                        kind: apikey_core::error::Entity::User,
                        name: user.email,
                    }),
                    None => Ok(()),
                }
            })?;
            let hash = if no_password {
                None
            } else {
                Some(new_password_hash(password.password_stdin)?)
            };
            let mut store = if real {
                checked
            } else {
                ctx.open(Access::Create)?
            };
            let user = store.write(|tx| {
                users::add(tx, &email, &name, &role, Status::Active, hash.as_deref())
            })?;
            Ok(Output::record(&user)?.with_heading(format!("Added user {}", user.email)))
        }
        UserCommand::List => {
            let users = ctx.open_read()?.read(|tx| tx.list_users())?;
            Output::list(&users)
        }
        UserCommand::Show { email } => {
            let user = ctx.open_read()?.read(|tx| tx.user(&email))?;
            Output::record(&user)
        }
        UserCommand::Disable { email } => set_status(ctx, &email, Status::Disabled),
        UserCommand::Enable { email } => set_status(ctx, &email, Status::Active),
        UserCommand::Passwd { email, password } => {
            let mut store = ctx.open(Access::Existing)?;
            store.read(|tx| tx.user(&email))?;
            let hash = new_password_hash(password.password_stdin)?;
            let user = store.write(|tx| users::set_password(tx, &tx.user(&email)?, &hash))?;
            Ok(Output::record(&user)?.with_heading(format!("Set the password of {}", user.email)))
        }
        UserCommand::Remove { email, yes } => {
            let mut store = ctx.open(Access::Existing)?;
            let user = store.read(|tx| tx.user(&email))?;
            prompt::confirm(&format!("remove user {}", user.email), yes)?;
            store.write(|tx| users::remove(tx, &tx.user(&email)?))?;
            Ok(Output::message(
                format!("Removed user {}", user.email),
                json!({ "removed": user.email }),
            ))
        }
        UserCommand::Grant { email, role } => change_roles(ctx, &email, &role, true),
        UserCommand::Revoke { email, role } => change_roles(ctx, &email, &role, false),
        UserCommand::Verify { email, password } => {
            let given = prompt::password(password.password_stdin, PasswordPurpose::Login)?;
            let verdict = users::login(&mut ctx.open(Access::Existing)?, &email, &given)?;
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

fn set_status(ctx: &Context, email: &str, status: Status) -> Result<Output> {
    let user = ctx
        .open(Access::Existing)?
        .write(|tx| users::set_status(tx, &tx.user(email)?, status))?;
    let verb = match status {
        Status::Active => "Enabled",
        Status::Disabled => "Disabled",
    };
    Ok(Output::record(&user)?.with_heading(format!("{verb} user {}", user.email)))
}

fn change_roles(ctx: &Context, email: &str, names: &[String], grant: bool) -> Result<Output> {
    let user = ctx.open(Access::Existing)?.write(|tx| {
        let user = tx.user(email)?;
        users::change_roles(tx, &user, names, grant)?;
        tx.user(&user.email)
    })?;
    let heading = format!(
        "Roles of {}: {}",
        user.email,
        super::client::roles_or_none(&user.roles)
    );
    Ok(Output::record(&user)?.with_heading(heading))
}
