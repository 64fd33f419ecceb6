//! Every command's `--json` output against its published JSON Schema in `docs/json/`
//! (issue "CLI polish", item 5): one walk through every command, each output validated,
//! and every schema — and every command of the man pages — accounted for.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use jsonschema::{Retrieve, Uri, Validator};
use serde_json::Value;

use crate::common::{Run, TestEnv};

/// Commands whose output is text whatever the format, or that never end: no schema.
const TEXT_ONLY: &[&str] = &["completions", "serve"];

/// Command groups: `apikey key` alone prints the group's help.
const GROUPS: &[&str] = &[
    "client",
    "config",
    "key",
    "permission",
    "role",
    "store",
    "user",
];

fn schema_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/json")
}

/// Resolves the schemas' relative `$ref`s (`defs.json#/$defs/ApiKey`) to the files beside
/// them; nothing is fetched from anywhere else.
struct SchemaFiles;

impl Retrieve for SchemaFiles {
    fn retrieve(
        &self,
        uri: &Uri<String>,
    ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        let name = uri
            .path()
            .as_str()
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .to_owned();
        let text = std::fs::read_to_string(schema_dir().join(&name))
            .map_err(|e| format!("{name}: {e}"))?;
        Ok(serde_json::from_str(&text)?)
    }
}

/// The schemas, and which of them the walk has used.
struct Schemas {
    used: RefCell<BTreeSet<String>>,
}

impl Schemas {
    fn new() -> Schemas {
        Schemas {
            used: RefCell::new(BTreeSet::new()),
        }
    }

    fn validator(name: &str) -> Validator {
        let path = schema_dir().join(format!("{name}.json"));
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("no schema {}: {e}", path.display()));
        let schema: Value = serde_json::from_str(&text).expect("schema is JSON");
        jsonschema::options()
            .with_base_uri(format!("file:///apikey/docs/json/{name}.json"))
            .with_retriever(SchemaFiles)
            .build(&schema)
            .unwrap_or_else(|e| panic!("schema {name} does not compile: {e}"))
    }

    /// Checks `value` against schema `name`, naming every violation.
    #[track_caller]
    fn check(&self, name: &str, value: &Value, context: &str) {
        let validator = Schemas::validator(name);
        let errors: Vec<String> = validator
            .iter_errors(value)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(
            errors.is_empty(),
            "{context}: output does not match docs/json/{name}.json:\n{}\n{value:#}",
            errors.join("\n")
        );
        let mut stale = Vec::new();
        old_names(value, &mut stale);
        assert!(
            stale.is_empty(),
            "{context}: old field names {stale:?}:\n{value:#}"
        );
        self.used.borrow_mut().insert(name.to_owned());
    }

    /// Runs `apikey --json ARGS` with `stdin`, expects exit `code`, and checks standard
    /// output against the schema named by the command's words (`key verify` →
    /// `key-verify`). Returns the output.
    #[track_caller]
    fn run(&self, env: &TestEnv, args: &[&str], stdin: &str, code: i32) -> Value {
        let name = schema_name(args);
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        let run = env.run_stdin(&all, stdin);
        run.code(code);
        let out = run.json();
        self.check(&name, &out, &args.join(" "));
        out
    }

    /// Runs a command that must fail with exit `code`; checks its error object.
    #[track_caller]
    fn fails(&self, env: &TestEnv, args: &[&str], code: i32) -> Value {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        let run: Run = env.run(&all);
        run.code(code);
        assert!(run.stdout.is_empty(), "a failure printed a result: {run:?}");
        let error = run.stderr_json();
        self.check("error", &error, &args.join(" "));
        error
    }
}

/// Names the one vocabulary replaced (`docs/json.md`, "General rules"); found anywhere in
/// an output, even inside free-form audit details, they mean a command fell behind.
const OLD_NAMES: &[&str] = &[
    "key_id",
    "new_key_id",
    "old_expires_at",
    "allow_ips",
    "meta",
    "password_set",
];

fn old_names(value: &Value, found: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (name, inner) in map {
                if OLD_NAMES.contains(&name.as_str()) {
                    found.push(name.clone());
                }
                old_names(inner, found);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| old_names(v, found)),
        _ => {}
    }
}

/// `["key", "verify", "--ip", …]` → `key-verify`; a lone `audit` → `audit`.
fn schema_name(args: &[&str]) -> String {
    let words: Vec<&str> = args
        .iter()
        .take_while(|a| !a.starts_with('-'))
        .copied()
        .collect();
    let n = if GROUPS.contains(&words[0]) || (words[0] == "audit" && words.len() > 1) {
        2
    } else {
        1
    };
    words[..n].join("-")
}

fn write(env: &TestEnv, name: &str, text: &str) -> String {
    let path = env.dir().join(name);
    std::fs::write(&path, text).expect("write");
    path.display().to_string()
}

fn str_of<'a>(v: &'a Value, field: &str) -> &'a str {
    v[field]
        .as_str()
        .unwrap_or_else(|| panic!("no {field}: {v}"))
}

#[test]
fn every_commands_json_output_matches_its_published_schema() {
    let s = Schemas::new();
    let env = TestEnv::new();
    let out = s.run(&env, &["init"], "", 0);
    assert_eq!(out["created"], true);

    // Permissions and roles.
    s.run(
        &env,
        &["permission", "add", "bpjs:read", "-d", "Read BPJS"],
        "",
        0,
    );
    s.run(&env, &["permission", "add", "users:read"], "", 0);
    s.run(&env, &["permission", "show", "bpjs:read"], "", 0);
    s.run(&env, &["permission", "list"], "", 0);
    s.run(
        &env,
        &["role", "add", "integration", "-p", "bpjs:read"],
        "",
        0,
    );
    s.run(&env, &["role", "add", "temp"], "", 0);
    s.run(&env, &["role", "grant", "integration", "users:read"], "", 0);
    s.run(
        &env,
        &["role", "revoke", "integration", "users:read"],
        "",
        0,
    );
    s.run(&env, &["role", "show", "integration"], "", 0);
    s.run(&env, &["role", "list"], "", 0);

    // Clients.
    let added = s.run(&env, &["client", "add", "app", "-r", "integration"], "", 0);
    let first = str_of(&added["key"], "secret").to_owned();
    let bare = s.run(&env, &["client", "add", "bare", "--no-key"], "", 0);
    assert!(bare["key"].is_null(), "{bare}");
    s.run(&env, &["client", "list"], "", 0);
    s.run(&env, &["client", "update", "app", "-d", "The app"], "", 0);
    s.run(&env, &["client", "grant", "bare", "--role", "temp"], "", 0);
    s.run(&env, &["client", "revoke", "bare", "--role", "temp"], "", 0);
    s.run(&env, &["client", "disable", "bare"], "", 0);
    s.run(&env, &["client", "enable", "bare"], "", 0);

    // Keys, with every optional field set on one of them.
    let full = s.run(
        &env,
        &[
            "key",
            "create",
            "--client",
            "app",
            "--label",
            "full",
            "--expires-in",
            "30d",
            "--max-uses",
            "5",
            "--allow-ip",
            "10.0.0.0/8",
            "--meta",
            "env=prod",
            "--rate-limit",
            "10/1m",
        ],
        "",
        0,
    );
    let full_id = str_of(&full, "id").to_owned();
    let full_secret = str_of(&full, "secret").to_owned();
    s.run(&env, &["client", "show", "app"], "", 0);
    s.run(&env, &["key", "list"], "", 0);
    s.run(&env, &["key", "show", &full_id], "", 0);
    s.run(&env, &["key", "update", &full_id, "--no-rate-limit"], "", 0);
    s.run(&env, &["key", "disable", &full_id], "", 0);
    s.run(&env, &["key", "enable", &full_id], "", 0);
    let expiring = s.run(&env, &["key", "expiring", "--within", "60d"], "", 0);
    assert_eq!(expiring.as_array().map(Vec::len), Some(1), "{expiring}");
    s.run(&env, &["key", "stale", "--unused-for", "1d"], "", 0);
    s.run(&env, &["key", "inspect"], &first, 0);

    // Verify: valid (capped: remaining_uses), refused in three ways.
    let valid = s.run(
        &env,
        &["key", "verify", "-p", "bpjs:read", "--ip", "10.1.2.3"],
        &full_secret,
        0,
    );
    assert_eq!(valid["remaining_uses"], 4, "{valid}");
    let outside = s.run(
        &env,
        &["key", "verify", "--ip", "192.0.2.1"],
        &full_secret,
        5,
    );
    assert_eq!(outside["result"], "FORBIDDEN", "{outside}");
    let missing = s.run(&env, &["key", "verify", "-p", "users:read"], &first, 5);
    assert_eq!(missing["result"], "INSUFFICIENT_PERMISSIONS", "{missing}");
    let malformed = s.run(&env, &["key", "verify"], "not-a-key", 5);
    assert_eq!(malformed["result"], "MALFORMED", "{malformed}");

    let rotated = s.run(&env, &["key", "rotate", &full_id], "", 0);
    let new_id = str_of(&rotated["new"], "id").to_owned();
    let imports = write(&env, "legacy.txt", "sk_live_legacy0123456789abcdef\n");
    s.run(&env, &["key", "import", "--client", "app", &imports], "", 0);
    s.run(&env, &["key", "revoke", &new_id, "--yes"], "", 0);

    // Users.
    let password = "correct horse battery\n";
    s.run(
        &env,
        &[
            "user",
            "add",
            "op@example.org",
            "-n",
            "Op",
            "--password-stdin",
        ],
        password,
        0,
    );
    s.run(&env, &["user", "show", "op@example.org"], "", 0);
    s.run(&env, &["user", "list"], "", 0);
    s.run(
        &env,
        &["user", "passwd", "op@example.org", "--password-stdin"],
        password,
        0,
    );
    s.run(
        &env,
        &["user", "grant", "op@example.org", "--role", "integration"],
        "",
        0,
    );
    let ok = s.run(
        &env,
        &["user", "verify", "op@example.org", "--password-stdin"],
        password,
        0,
    );
    assert_eq!(ok["permissions"][0], "bpjs:read", "{ok}");
    s.run(
        &env,
        &["user", "verify", "op@example.org", "--password-stdin"],
        "wrong password\n",
        5,
    );
    s.run(
        &env,
        &["user", "revoke", "op@example.org", "--role", "integration"],
        "",
        0,
    );
    s.run(&env, &["user", "disable", "op@example.org"], "", 0);
    s.run(&env, &["user", "enable", "op@example.org"], "", 0);

    // The audit log.
    let events = s.run(&env, &["audit"], "", 0);
    assert!(events.as_array().is_some_and(|e| e.len() > 20), "{events}");
    s.run(&env, &["audit", "verify"], "", 0);
    s.run(&env, &["audit", "head"], "", 0);

    // Provisioning: export, diff, apply (issuing keys), to a file and to stdout.
    let exported = s.run(&env, &["export"], "", 0);
    assert!(exported["clients"].is_array(), "{exported}");
    let file = env.dir().join("state.json").display().to_string();
    s.run(&env, &["export", &file], "", 0);
    let same = s.run(&env, &["diff", &file], "", 0);
    assert_eq!(same["drift"], false, "{same}");
    let more = write(
        &env,
        "more.toml",
        "[[clients]]\nname = \"batch\"\n\
         keys = [{ label = \"k\", count = 2, allowed_ips = [\"10.0.0.0/8\"], metadata = { a = \"b\" } }]\n",
    );
    let drift = s.run(&env, &["diff", &more], "", 0);
    assert_eq!(drift["drift"], true, "{drift}");
    let plan = s.run(&env, &["apply", &more, "--dry-run"], "", 0);
    assert_eq!(plan["secrets"], serde_json::json!([]), "{plan}");
    let applied = s.run(&env, &["apply", &more], "", 0);
    assert_eq!(
        applied["secrets"].as_array().map(Vec::len),
        Some(2),
        "{applied}"
    );
    let secrets_out = env.dir().join("secrets.json").display().to_string();
    let to_file = write(
        &env,
        "third.toml",
        "[[clients]]\nname = \"batch\"\nkeys = [{ label = \"k\", count = 3 }]\n",
    );
    let streamed = s.run(
        &env,
        &["apply", &to_file, "--secrets-out", &secrets_out],
        "",
        0,
    );
    assert_eq!(streamed["secrets_file"], secrets_out.as_str(), "{streamed}");

    // Backup and restore.
    let backup = env.dir().join("b.db").display().to_string();
    s.run(&env, &["backup", &backup], "", 0);
    s.run(&env, &["restore", &backup, "--yes"], "", 0);
    let copy = env.dir().join("copy.db").display().to_string();
    let copied = s.run(
        &env,
        &["store", "copy", "--from", &backup, "--to", &copy],
        "",
        0,
    );
    assert_eq!(copied["to"], copy.as_str(), "{copied}");

    // Scan: a live key and an unknown one.
    let tree = env.dir().join("tree");
    std::fs::create_dir(&tree).expect("mkdir");
    std::fs::write(
        tree.join(".env"),
        format!("KEY={first}\nOTHER=ak_unknown\n"),
    )
    .expect("w");
    let scan = s.run(&env, &["scan", &tree.display().to_string()], "", 5);
    assert_eq!(scan["live_keys"], 1, "{scan}");

    // Settings and man pages.
    s.run(&env, &["config", "show"], "", 0);
    let man = env.dir().join("man").display().to_string();
    s.run(&env, &["man", "--out-dir", &man], "", 0);

    // Removals.
    s.run(&env, &["client", "remove", "bare", "--yes"], "", 0);
    s.run(
        &env,
        &["permission", "remove", "bpjs:read", "--force", "--yes"],
        "",
        0,
    );
    s.run(&env, &["role", "remove", "temp", "--force", "--yes"], "", 0);
    s.run(&env, &["user", "remove", "op@example.org", "--yes"], "", 0);

    // Errors: not found, conflict, a usage error.
    let error = s.fails(&env, &["client", "show", "nobody"], 3);
    assert_eq!(error["error"]["code"], "not_found");
    s.fails(&env, &["client", "add", "app"], 4);
    s.fails(&env, &["key", "create"], 2);

    // Every published schema was used; every command has one.
    let used = s.used.borrow();
    let published: BTreeSet<String> = std::fs::read_dir(schema_dir())
        .expect("docs/json")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter_map(|n| n.strip_suffix(".json").map(str::to_owned))
        .filter(|n| n != "defs")
        .collect();
    let unused: Vec<&String> = published.difference(&used).collect();
    assert!(
        unused.is_empty(),
        "schemas no output was checked against: {unused:?}"
    );
    let man_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/man/man1");
    for page in std::fs::read_dir(man_dir).expect("docs/man/man1") {
        let page = page
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .into_owned();
        let Some(command) = page
            .strip_suffix(".1")
            .and_then(|p| p.strip_prefix("apikey-"))
        else {
            continue;
        };
        let top = command.split('-').next().unwrap_or_default();
        if GROUPS.contains(&command) || TEXT_ONLY.contains(&top) {
            continue;
        }
        assert!(
            used.contains(command),
            "apikey {} has no schema in docs/json (or the walk skips it)",
            command.replace('-', " ")
        );
    }
}

#[test]
fn the_schemas_refuse_what_the_commands_must_not_print() {
    // The schemas are strict: an extra field, a missing one or a wrong type fails, so
    // the walk above would notice a command's shape drifting.
    let s = Schemas::new();
    let env = TestEnv::init();
    let (id, _) = {
        env.add_client("c");
        env.create_key("c", &[])
    };
    let key = env.json(&["key", "show", &id]);
    s.check("key-show", &key, "as printed");
    let validator = Schemas::validator("key-show");
    let mut with_hash = key.clone();
    with_hash["key_hash"] = Value::from("00");
    assert!(!validator.is_valid(&with_hash), "an extra field passed");
    let mut without = key.clone();
    without.as_object_mut().unwrap().remove("expires_at");
    assert!(!validator.is_valid(&without), "a missing field passed");
    let mut old_name = key.clone();
    old_name["key_id"] = old_name["id"].take();
    assert!(!validator.is_valid(&old_name), "the old name key_id passed");
    let verdict = Schemas::validator("key-verify");
    let mut omitted = env
        .run_stdin(&["--json", "key", "verify"], "ak_nope")
        .json();
    assert!(verdict.is_valid(&omitted), "{omitted}");
    omitted.as_object_mut().unwrap().remove("id");
    assert!(
        !verdict.is_valid(&omitted),
        "a verdict without its null id passed"
    );
}
