//! The store file: location, creation, permissions, versions.

use crate::common::TestEnv;

#[test]
fn a_read_on_a_missing_store_names_the_path_and_creates_nothing() {
    let env = TestEnv::new();
    let run = env.run(&["client", "list"]);
    run.code(3).stderr_has(&env.db().display().to_string());
    assert!(!env.db().exists());
}
