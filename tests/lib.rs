//! Integration tests: each runs the real `apikey` binary against a temporary store.

mod common;

mod clients;
mod keys;
mod provision_helpers;
mod provisioning;
mod safety;
mod store;
