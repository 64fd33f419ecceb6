//! Integration tests: each runs the real `apikey` binary against a temporary store.

// A panic is how a test (or a test helper) reports a failure.
#![allow(clippy::unwrap_used)]

#[macro_use]
mod common;
mod access_support;
mod pg_support;
mod provision_helpers;

mod access;
mod audit;
mod audit_anchor;
mod cli_polish;
mod clients;
mod concurrency;
mod config;
mod data_safety;
mod data_safety2;
mod data_safety3;
mod fault_disk_full;
mod json_schema;
mod keys;
mod output;
mod provisioning;
mod readme;
mod recipe;
mod safety;
mod secrets;
mod shell;
mod store;
mod terminal;
mod users;
mod verify;
mod verify_locking;

mod reliability_support;
mod serve_support;

mod properties;
mod reliability_concurrency;
mod reliability_crash;
mod reliability_inputs;
mod reliability_secrets;
mod reliability_stores;

mod console;
mod console_browser;
mod console_support;
mod serve;
mod serve_conformance;
mod serve_gateways;
mod serve_postgres;
mod serve_proxies;
mod serve_unkey;
