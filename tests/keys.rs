//! `apikey key ...`

use crate::common::TestEnv;

#[test]
fn a_new_key_verifies_and_records_its_use() {
    let env = TestEnv::init();
    let secret = env.add_client("bpjs-sync");
    let run = env.run_stdin(&["--json", "key", "verify"], &format!("{secret}\n"));
    run.code(0);
    assert_eq!(run.json()["result"], "VALID");
    let keys = env.json(&["key", "list"]);
    assert_eq!(keys[0]["use_count"], 1);
}

#[test]
fn a_key_with_a_wrong_checksum_is_malformed_without_a_store() {
    let env = TestEnv::new();
    let key = format!("ak_{}", "A".repeat(38));
    let run = env.run_stdin(&["--json", "key", "verify"], &key);
    run.code(5);
    assert_eq!(run.json()["result"], "MALFORMED");
    assert!(
        !env.db().exists(),
        "verify of a malformed key created a store"
    );
}
