//! `apikey client ...`: add, list, show, update, disable, enable, remove.

use serde::Serialize;
use serde_json::json;

use super::key::{self, KeySpec, SECRET_NOTICE};
use super::{Context, roles};
use crate::cli::ClientCommand;
use crate::error::{Error, Result};
use crate::model::{ApiKey, Client, IssuedKey, Status};
use crate::output::{Output, Record, Table};
use crate::store::{Access, KeyFilter};
use crate::{prompt, validate};

pub(super) fn run(cmd: ClientCommand, ctx: &Context) -> Result<Output> {
    match cmd {
        ClientCommand::Add {
            name,
            description,
            no_key,
            role,
        } => {
            validate::name("client name", &name)?;
            let description =
                validate::text("--description", &description, validate::MAX_DESCRIPTION_LEN)?;
            let mut store = ctx.open(Access::Create)?;
            let added = store.write(|tx| {
                let roles = roles(tx, &role)?;
                let client = tx.insert_client(&name, &description)?;
                for role in &roles {
                    tx.set_client_role(&client, role, true)?;
                }
                let key = if no_key {
                    None
                } else {
                    Some(key::issue(
                        tx,
                        &client,
                        &KeySpec::default_for_new_client(),
                        None,
                    )?)
                };
                tx.audit(
                    "client.add",
                    &client.name,
                    json!({
                        "description": description,
                        "roles": role,
                        "key_id": key.as_ref().map(|k| &k.key.id),
                    }),
                )?;
                // Re-read so the key counts and roles include what was just added.
                Ok(ClientAdded {
                    client: tx.client(&client.name)?,
                    key,
                })
            })?;
            let output = Output::record(&added)?
                .with_heading(format!("Added client '{}'", added.client.name));
            Ok(match &added.key {
                Some(issued) => output
                    .with_essential(issued.secret.clone())
                    .with_notice(SECRET_NOTICE),
                None => output,
            })
        }
        ClientCommand::List { search } => {
            let mut store = ctx.open(Access::Existing)?;
            Ok(Output::stream(move |emit| {
                store.read(|tx| tx.for_each_client(search.as_deref(), |c| emit(&c)))
            }))
        }
        ClientCommand::Show { name } => {
            let detail = ctx.open(Access::Existing)?.read(|tx| {
                let client = tx.client(&name)?;
                let keys = tx.list_keys(&KeyFilter {
                    client_id: Some(client.id),
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
                    tx.update_client(&client, description.as_deref(), rename.as_deref())?;
                tx.audit(
                    "client.update",
                    &client.name,
                    json!({ "description": description, "rename": rename }),
                )?;
                Ok(updated)
            })?;
            Ok(Output::record(&client)?.with_heading(format!("Updated client '{}'", client.name)))
        }
        ClientCommand::Grant { name, role } => change_roles(ctx, &name, &role, true),
        ClientCommand::Revoke { name, role } => change_roles(ctx, &name, &role, false),
        ClientCommand::Disable { name } => set_status(ctx, &name, Status::Disabled),
        ClientCommand::Enable { name } => set_status(ctx, &name, Status::Active),
        ClientCommand::Remove { name, yes } => {
            let mut store = ctx.open(Access::Existing)?;
            let client = store.read(|tx| tx.client(&name))?;
            prompt::confirm(
                &format!(
                    "remove client '{}' and its {} keys",
                    client.name, client.total_keys
                ),
                yes,
            )?;
            let client = store.write(|tx| {
                let client = tx.client(&name)?;
                tx.delete_client(&client)?;
                tx.audit(
                    "client.remove",
                    &client.name,
                    json!({ "keys_removed": client.total_keys }),
                )?;
                Ok(client)
            })?;
            Ok(Output::message(
                format!(
                    "Removed client '{}' and its {} keys",
                    client.name, client.total_keys
                ),
                json!({ "removed": client.name, "keys_removed": client.total_keys }),
            ))
        }
    }
}

fn set_status(ctx: &Context, name: &str, status: Status) -> Result<Output> {
    let client = ctx.open(Access::Existing)?.write(|tx| {
        let client = tx.client(name)?;
        if client.status == status {
            return Ok(client);
        }
        let client = tx.set_client_disabled(&client, status == Status::Disabled)?;
        let action = match status {
            Status::Active => "client.enable",
            Status::Disabled => "client.disable",
        };
        tx.audit(action, &client.name, json!({}))?;
        Ok(client)
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
        super::change_roles(tx, "client", &client.name, names, grant, |role, held| {
            tx.set_client_role(&client, role, held)
        })?;
        tx.client(&client.name)
    })?;
    let heading = format!(
        "Roles of client '{}': {}",
        client.name,
        client.roles.join(", ")
    );
    Ok(Output::record(&client)?.with_heading(heading))
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
            fields.push(("key_id", issued.key.id.clone()));
            fields.push(("secret", issued.secret.clone()));
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
