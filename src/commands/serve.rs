//! `apikey serve`: builds the server's configuration from the flags and runs it until
//! SIGTERM or SIGINT. The server itself is `crates/apikey-server`.

use apikey_core::error::{Error, Result};
use apikey_core::store::Access;
use apikey_core::validate;
use apikey_server::{LogFormat, Route, ServerConfig};
use serde_json::json;

use super::Context;
use crate::cli::{LogFormatArg, ServeArgs};
use crate::output::Output;

pub(super) fn run(args: ServeArgs, ctx: &Context) -> Result<Output> {
    let mut config = ServerConfig::new(args.listen, ctx.db.clone());
    config.routes = args
        .route
        .iter()
        .map(|r| Route::parse(r))
        .collect::<Result<_>>()?;
    config.trusted_proxies = args
        .trusted_proxy
        .iter()
        .map(|c| validate::cidr(c).map_err(|e| Error::invalid(format!("--trusted-proxy: {e}"))))
        .collect::<Result<_>>()?;
    let header = args.key_header.trim().to_ascii_lowercase();
    if header.is_empty()
        || !header
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return Err(Error::invalid(format!(
            "--key-header '{}' is not a header name",
            args.key_header
        )));
    }
    config.key_header = header;
    config.open_verify = args.open_verify;
    config.allow_key_in_query = args.allow_key_in_query;
    config.log_format = match args.log_format {
        LogFormatArg::Text => LogFormat::Text,
        LogFormatArg::Json => LogFormat::Json,
    };
    config.readers = usize::from(args.readers);
    config.cache_bytes = u64::from(args.cache_mib) * 1024 * 1024;
    config.max_connections = args.max_connections as usize;
    config.request_timeout = args.request_timeout;
    config.admin = args.admin;
    config.insecure_cookies = args.insecure_cookies;
    // The store must exist (a server never creates an empty one); this also migrates it.
    drop(ctx.open(Access::Existing)?);
    apikey_server::run(config)?;
    Ok(Output::message(
        "apikey serve stopped",
        json!({ "stopped": true }),
    ))
}
