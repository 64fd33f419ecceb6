//! `apikey serve`: key verification over HTTP for gateways (forward auth) and services
//! (the verify APIs), the read API over the store, OpenAPI and `/doc`, health and
//! metrics, and with `--admin` the web console ([`console`]). It depends on `apikey-core` only; the `apikey` binary builds a
//! [`ServerConfig`] and calls [`run`]. The design is in `docs/serve.md`.

pub mod api;
pub mod config;
pub mod console;
pub mod docpage;
pub mod engine;
pub mod metrics;
pub mod query;
pub mod ratelimit;
mod server;

pub use config::{LogFormat, Route, ServerConfig};
pub use server::run;
