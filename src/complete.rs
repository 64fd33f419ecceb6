//! Completion of names from the store: client names, key ids, role and permission names
//! and user emails, for clap's dynamic completion (`COMPLETE=bash apikey …`, registered by
//! the scripts `apikey completions SHELL` prints).
//!
//! Each completer opens the store read-only (never creating or migrating it, never
//! prompting) at `APIKEY_DB`, else the configuration file's `db`, else the default path,
//! and answers nothing on any error: a completion must never print an error into the
//! user's command line.

use clap_complete::CompletionCandidate;

use apikey_core::store::{Access, Store, Tx};

/// The store to complete from, if one can be opened read-only.
fn store() -> Option<Store> {
    let path = std::env::var_os("APIKEY_DB")
        .filter(|v| !v.is_empty())
        .map(std::path::PathBuf::from)
        .or_else(crate::config::file_db)
        .or_else(|| crate::default_store_path().ok())?;
    let local = apikey_core::store::StorePath::new(&path).is_file();
    (!local || path.is_file()).then_some(())?;
    Store::open(&path, Access::ReadOnly).ok()
}

fn candidates(
    list: impl FnOnce(&Tx<'_>) -> apikey_core::Result<Vec<(String, String)>>,
) -> Vec<CompletionCandidate> {
    let Some(mut store) = store() else {
        return Vec::new();
    };
    store
        .read(list)
        .unwrap_or_default()
        .into_iter()
        .map(|(value, help)| {
            let help = (!help.is_empty()).then(|| help.into());
            CompletionCandidate::new(value).help(help)
        })
        .collect()
}

/// Client names, with their descriptions.
pub fn clients() -> Vec<CompletionCandidate> {
    candidates(|tx| {
        let mut names = Vec::new();
        tx.for_each_client(None, |c| {
            names.push((c.name, c.description));
            Ok(())
        })?;
        Ok(names)
    })
}

/// Key ids, with their client and hint.
pub fn keys() -> Vec<CompletionCandidate> {
    candidates(|tx| {
        let mut ids = Vec::new();
        tx.for_each_key(&apikey_core::store::KeyFilter::default(), |k| {
            ids.push((
                k.id,
                format!("{} {} ({})", k.client, k.hint, k.status.as_str()),
            ));
            Ok(())
        })?;
        Ok(ids)
    })
}

/// Role names, with their descriptions.
pub fn roles() -> Vec<CompletionCandidate> {
    candidates(|tx| {
        Ok(tx
            .list_roles()?
            .into_iter()
            .map(|r| (r.name, r.description))
            .collect())
    })
}

/// Permission names, with their descriptions.
pub fn permissions() -> Vec<CompletionCandidate> {
    candidates(|tx| {
        Ok(tx
            .list_permissions()?
            .into_iter()
            .map(|p| (p.name, p.description))
            .collect())
    })
}

/// User emails, with their names.
pub fn users() -> Vec<CompletionCandidate> {
    candidates(|tx| {
        Ok(tx
            .list_users()?
            .into_iter()
            .map(|u| (u.email, u.name))
            .collect())
    })
}
