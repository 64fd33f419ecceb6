//! Declarative provisioning: the file of `apply`, `diff` and `export`
//! ([`manifest`]), the reconciler that makes a store match it ([`reconcile`]), and the
//! store's state as a file ([`export`]). The format is documented in
//! `docs/provisioning.md`.

pub mod export;
pub mod manifest;
pub mod reconcile;

pub use manifest::{Manifest, Syntax};
