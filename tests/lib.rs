//! Integration tests: each runs the real `apikey` binary against a temporary store.

mod common;

mod access_support;
mod clients;
mod keys;
mod store;

mod access;
mod audit;
mod users;
