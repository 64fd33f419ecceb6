//! `apikey client ...`

use crate::common::TestEnv;

#[test]
fn add_prints_the_first_key_once_and_lists_it() {
    let env = TestEnv::new();
    let out = env.json(&[
        "client",
        "add",
        "bpjs-sync",
        "--description",
        "BPJS data sync",
    ]);
    assert_eq!(out["client"]["name"], "bpjs-sync");
    assert_eq!(out["client"]["active_keys"], 1);
    let secret = out["key"]["secret"].as_str().unwrap();
    assert!(secret.starts_with("ak_"));

    let list = env.json(&["client", "list"]);
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert!(!list.to_string().contains(secret), "list shows a secret");
}

#[test]
fn add_rejects_a_duplicate_name_without_changing_the_store() {
    let env = TestEnv::init();
    env.add_client("bpjs-sync");
    env.rejects(&["client", "add", "BPJS-Sync"], 4, "already exists");
}
