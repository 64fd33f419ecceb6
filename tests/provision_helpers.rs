//! Helpers shared by the provisioning and data-safety tests (kept out of `common/`).

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::common::TestEnv;

/// A provisioning file in TOML that touches every kind of entry.
pub const FIXTURE_TOML: &str = r#"
[[permissions]]
name = "bpjs:read"
description = "Read BPJS data"

[[permissions]]
name = "users:write"
description = "Change users"

[[roles]]
name = "integration"
description = "Data integrations"
permissions = ["bpjs:read"]

[[roles]]
name = "admin"
permissions = ["*"]

[[clients]]
name = "bpjs-sync"
description = "BPJS data sync"
roles = ["integration"]
keys = [
  { label = "prod", count = 2, prefix = "live", expires_in = "90d", max_uses = 1000, allowed_ips = ["10.0.0.0/8"], metadata = { env = "prod" } },
  { label = "ci" },
]

[[clients]]
name = "reporting"
status = "disabled"

[[users]]
email = "admin@example.org"
name = "Admin"
roles = ["admin"]
"#;

/// [`FIXTURE_TOML`], written as JSON.
pub const FIXTURE_JSON: &str = r#"{
  "permissions": [
    { "name": "bpjs:read", "description": "Read BPJS data" },
    { "name": "users:write", "description": "Change users" }
  ],
  "roles": [
    { "name": "integration", "description": "Data integrations", "permissions": ["bpjs:read"] },
    { "name": "admin", "permissions": ["*"] }
  ],
  "clients": [
    {
      "name": "bpjs-sync",
      "description": "BPJS data sync",
      "roles": ["integration"],
      "keys": [
        { "label": "prod", "count": 2, "prefix": "live", "expires_in": "90d", "max_uses": 1000,
          "allowed_ips": ["10.0.0.0/8"], "metadata": { "env": "prod" } },
        { "label": "ci" }
      ]
    },
    { "name": "reporting", "status": "disabled" }
  ],
  "users": [
    { "email": "admin@example.org", "name": "Admin", "roles": ["admin"] }
  ]
}"#;

/// Writes `text` to `name` in the test's temp directory and returns the path.
pub fn write_file(env: &TestEnv, name: &str, text: &str) -> PathBuf {
    let path = env.dir().join(name);
    std::fs::write(&path, text).expect("write file");
    path
}

/// A path as a `&str` argument.
pub fn arg(path: &Path) -> &str {
    path.to_str().expect("UTF-8 path")
}

/// Every audit event, oldest first.
pub fn audit_events(env: &TestEnv) -> Vec<Value> {
    env.json(&["audit"])
        .as_array()
        .expect("audit is an array")
        .clone()
}

/// How many audit events the store holds.
pub fn audit_count(env: &TestEnv) -> usize {
    audit_events(env).len()
}

/// Asserts that `apikey audit verify` finds the hash chain intact.
#[track_caller]
pub fn assert_audit_intact(env: &TestEnv) {
    let out = env.json(&["audit", "verify"]);
    assert_eq!(out["intact"], true, "audit chain broken: {out}");
}

/// The result code `key verify --key SECRET` answers (`VALID`, `REVOKED`, ...).
pub fn verify_result(env: &TestEnv, secret: &str) -> String {
    let run = env.run(&["--json", "key", "verify", "--key", secret]);
    assert!(
        run.code == 0 || run.code == 5,
        "verify failed to answer: {run:#?}"
    );
    run.json()["result"]
        .as_str()
        .expect("result code")
        .to_owned()
}

/// The string values of `field` in each object of a JSON array, sorted.
pub fn sorted_field(list: &Value, field: &str) -> Vec<String> {
    let mut values: Vec<String> = list
        .as_array()
        .expect("a JSON array")
        .iter()
        .map(|item| item[field].as_str().expect("a string field").to_owned())
        .collect();
    values.sort();
    values
}

/// The object of a JSON array whose `field` is `value`.
#[track_caller]
pub fn find<'a>(list: &'a Value, field: &str, value: &str) -> &'a Value {
    list.as_array()
        .expect("a JSON array")
        .iter()
        .find(|item| item[field] == value)
        .unwrap_or_else(|| panic!("no entry with {field} = {value:?} in {list:#}"))
}

/// A JSON array of strings as a sorted `Vec`.
pub fn strings(value: &Value) -> Vec<String> {
    let mut items: Vec<String> = value
        .as_array()
        .unwrap_or_else(|| panic!("not an array: {value}"))
        .iter()
        .map(|v| v.as_str().expect("a string").to_owned())
        .collect();
    items.sort();
    items
}

/// Occurrences of `needle` in `haystack`.
pub fn occurrences(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

/// Whether the store's files on disk (the database and any WAL) contain `needle`; under
/// PostgreSQL, whose files are the server's, whether any row does.
pub fn store_files_contain(env: &TestEnv, needle: &str) -> bool {
    if env.is_postgres() {
        return env.dump().contains(needle);
    }
    let db = env.db().to_path_buf();
    let mut wal = db.clone().into_os_string();
    wal.push("-wal");
    [db, PathBuf::from(wal)].iter().any(|path| {
        std::fs::read(path).is_ok_and(|bytes| {
            bytes
                .windows(needle.len())
                .any(|window| window == needle.as_bytes())
        })
    })
}

/// The file mode's permission bits.
#[cfg(unix)]
pub fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .expect("metadata")
        .permissions()
        .mode()
        & 0o777
}

/// Seconds since the Unix epoch, now.
pub fn now_secs() -> i64 {
    let since = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock after 1970");
    i64::try_from(since.as_secs()).expect("seconds fit i64")
}

/// One day in seconds.
pub const DAY: i64 = 86_400;

/// Opens the SQLite store directly (for crafting rows no command can make); see
/// [`TestEnv::exec_sql`] for either engine.
pub fn open_store(env: &TestEnv) -> rusqlite::Connection {
    env.sql()
}
