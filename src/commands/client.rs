//! `apikey client ...`: add, list, show, update, grant, revoke, disable, enable, remove.

use serde::Serialize;
use serde_json::json;

use super::{Context, SECRET_NOTICE};
use crate::cli::ClientCommand;
use crate::output::{Output, Record, Table};
use crate::prompt;
use apikey_core::error::{Error, Result};
use apikey_core::model::{ApiKey, Client, IssuedKey, Status};
use apikey_core::ops::clients;
use apikey_core::ops::keys::KeySpec;
use apikey_core::provision::reconcile::plural;
use apikey_core::store::{Access, KeyFilter};
use apikey_core::validate;

pub(super) fn run(cmd: ClientCommand, ctx: &Context) -> Result<Output> {
    match cmd {
        ClientCommand::Add {
            name,
            description,
            no_key,
            role,
        } => add(ctx, &name, &description, &role, no_key),
        ClientCommand::List { search } => {
            let mut store = ctx.open_read()?;
            Ok(Output::stream(move |emit| {
                store.read(|tx| tx.for_each_client(search.as_deref(), |c| emit(&c)))
            }))
        }
        ClientCommand::Show { name } => {
            let detail = ctx.open_read()?.read(|tx| {
                let client = tx.client_counted(&name)?;
                let keys = tx.list_keys(&KeyFilter {
                    client_id: Some(client.row),
                    ..KeyFilter::default()
                })?;
                Ok(ClientDetail { client, keys })
            })?;
            let keys = Table::of(&detail.keys);
            Ok(Output::record(&detail)?.with_table("Keys", keys))
        }
        ClientCommand::Update {
            name,
            description,
            rename,
        } => {
            if description.is_none() && rename.is_none() {
                return Err(Error::invalid(
                    "nothing to update; pass --description TEXT and/or --rename NEW",
                ));
            }
            let description = description
                .map(|d| validate::text("--description", &d, validate::MAX_DESCRIPTION_LEN))
                .transpose()?;
            if let Some(new) = &rename {
                validate::name("--rename", new)?;
            }
            let client = ctx.open(Access::Existing)?.write(|tx| {
                let client = tx.client(&name)?;
                let updated =
                    clients::update(tx, &client, description.as_deref(), rename.as_deref())?;
                tx.client_counted(&updated.name)
            })?;
            Ok(Output::record(&client)?.with_heading(format!("Updated client '{}'", client.name)))
        }
        ClientCommand::Grant { name, role } => change_roles(ctx, &name, &role, true),
        ClientCommand::Revoke { name, role } => change_roles(ctx, &name, &role, false),
        ClientCommand::Disable { name } => set_status(ctx, &name, Status::Disabled),
        ClientCommand::Enable { name } => set_status(ctx, &name, Status::Active),
        ClientCommand::Remove { name, yes } => remove(ctx, &name, yes),
    }
}

fn add(
    ctx: &Context,
    name: &str,
    description: &str,
    roles: &[String],
    no_key: bool,
) -> Result<Output> {
    validate::name("client name", name)?;
    let description = validate::text("--description", description, validate::MAX_DESCRIPTION_LEN)?;
    let first_key = (!no_key).then(|| KeySpec::unlimited(""));
    let (client, key) = ctx.open(Access::Create)?.write(|tx| {
        let (client, key) = clients::add(
            tx,
            name,
            &description,
            roles,
            Status::Active,
            first_key.as_ref(),
        )?;
        Ok((tx.client_counted(&client.name)?, key))
    })?;
    let added = ClientAdded { client, key };
    let output =
        Output::record(&added)?.with_heading(format!("Added client '{}'", added.client.name));
    Ok(match &added.key {
        Some(issued) => output
            .with_essential(issued.secret.expose().to_owned())
            .with_notice(SECRET_NOTICE)
            .delivering_secrets_of(vec![issued.key.id.clone()]),
        None => output,
    })
}

fn remove(ctx: &Context, name: &str, yes: bool) -> Result<Output> {
    let mut store = ctx.open(Access::Existing)?;
    let client = store.read(|tx| tx.client_counted(name))?;
    let total = client.keys.map_or(0, |k| k.total_keys);
    prompt::confirm(
        &format!(
            "remove client '{}' and its {total} {}",
            client.name,
            plural(total as usize, "key")
        ),
        yes,
    )?;
    let removed = store.write(|tx| clients::remove(tx, &tx.client(name)?))?;
    Ok(Output::message(
        format!(
            "Removed client '{}' and its {removed} {}",
            client.name,
            plural(removed as usize, "key")
        ),
        json!({ "removed": client.name, "keys_removed": removed }),
    ))
}

fn set_status(ctx: &Context, name: &str, status: Status) -> Result<Output> {
    let client = ctx.open(Access::Existing)?.write(|tx| {
        let client = clients::set_status(tx, &tx.client(name)?, status)?;
        tx.client_counted(&client.name)
    })?;
    let verb = match status {
        Status::Active => "Enabled",
        Status::Disabled => "Disabled",
    };
    Ok(Output::record(&client)?.with_heading(format!("{verb} client '{}'", client.name)))
}

fn change_roles(ctx: &Context, name: &str, names: &[String], grant: bool) -> Result<Output> {
    let client = ctx.open(Access::Existing)?.write(|tx| {
        let client = tx.client(name)?;
        clients::change_roles(tx, &client, names, grant)?;
        tx.client_counted(&client.name)
    })?;
    let heading = format!(
        "Roles of client '{}': {}",
        client.name,
        roles_or_none(&client.roles)
    );
    Ok(Output::record(&client)?.with_heading(heading))
}

/// The roles as a list, or `(none)`.
pub(super) fn roles_or_none(roles: &[String]) -> String {
    if roles.is_empty() {
        "(none)".to_owned()
    } else {
        roles.join(", ")
    }
}

/// `client add`'s result: the client and, unless `--no-key`, its first key.
#[derive(Debug, Serialize)]
struct ClientAdded {
    client: Client,
    key: Option<IssuedKey>,
}

impl Record for ClientAdded {
    fn fields(&self) -> Vec<(&'static str, String)> {
        let mut fields = self.client.fields();
        if let Some(issued) = &self.key {
            fields.push(("key", issued.key.id.clone()));
            fields.push(("secret", issued.secret.expose().to_owned()));
        }
        fields
    }
}

/// `client show`'s result: the client with its keys.
#[derive(Debug, Serialize)]
struct ClientDetail {
    #[serde(flatten)]
    client: Client,
    keys: Vec<ApiKey>,
}

impl Record for ClientDetail {
    fn fields(&self) -> Vec<(&'static str, String)> {
        self.client.fields()
    }
}
