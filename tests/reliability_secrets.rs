//! A full scenario keeping every secret and password it handles: none may be found in
//! the store file, its WAL, the audit log, the export, a backup, or any output, except
//! the one print of each new secret when it is created.

use std::path::PathBuf;

use crate::common::{Run, TestEnv};
use crate::reliability_support::{occurrences, with_suffix};

/// Everything the scenario printed, command by command.
#[derive(Default)]
struct Transcript {
    runs: Vec<(String, Run)>,
}

impl Transcript {
    #[track_caller]
    fn run(&mut self, env: &TestEnv, args: &[&str], stdin: &str, code: i32) -> &Run {
        let run = env.run_stdin(args, stdin);
        run.code(code);
        self.runs.push((format!("{args:?}"), run));
        &self.runs.last().expect("just pushed").1
    }

    /// Runs with `--json` prepended, expecting success; returns stdout parsed.
    #[track_caller]
    fn json(&mut self, env: &TestEnv, args: &[&str], stdin: &str) -> serde_json::Value {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        self.run(env, &all, stdin, 0).json()
    }

    /// How many times `needle` occurs across every stdout and stderr.
    fn count(&self, needle: &str) -> usize {
        self.runs
            .iter()
            .map(|(_, r)| {
                occurrences(r.stdout.as_bytes(), needle.as_bytes())
                    + occurrences(r.stderr.as_bytes(), needle.as_bytes())
            })
            .sum()
    }

    /// The commands whose output holds `needle`.
    fn where_is(&self, needle: &str) -> Vec<&str> {
        self.runs
            .iter()
            .filter(|(_, r)| r.stdout.contains(needle) || r.stderr.contains(needle))
            .map(|(what, _)| what.as_str())
            .collect()
    }
}

/// The parts of a key that must never show: the whole key and its body.
fn key_needles(secret: &str) -> Vec<String> {
    let body = secret.split_once('_').expect("a key has a prefix").1;
    vec![secret.to_owned(), body.to_owned()]
}

const PASSWORDS: [&str; 3] = [
    "first password: correct horse",
    "second password: battery staple",
    "operator password: tr0ub4dor&3",
];

/// What the scenario leaves behind to inspect.
struct Scenario {
    env: TestEnv,
    transcript: Transcript,
    /// Secrets apikey printed (once each), and where else they may legitimately be.
    printed: Vec<String>,
    /// Secrets given to apikey (imported keys): never printed.
    given: Vec<String>,
    secrets_file: PathBuf,
    backup: PathBuf,
    store_files: Vec<u8>,
}

fn scenario() -> Scenario {
    let env = TestEnv::init();
    // An open connection keeps the WAL from being checkpointed away when each command
    // exits, so what the commands wrote can be searched in it too.
    // (PostgreSQL's files are the server's: there the store is searched as its rows.)
    let keep = env.hold_wal_open();
    let mut t = Transcript::default();
    let mut printed = Vec::new();
    let secret_of = |v: &serde_json::Value, path: &[&str]| -> String {
        let mut v = v;
        for p in path {
            v = &v[*p];
        }
        v.as_str().expect("a secret").to_owned()
    };

    // Access control.
    t.run(
        &env,
        &["permission", "add", "bpjs:read", "-d", "Read"],
        "",
        0,
    );
    t.run(
        &env,
        &["role", "add", "integration", "-p", "bpjs:read"],
        "",
        0,
    );

    // Clients: the first key in JSON and in a table.
    let alpha = t.json(
        &env,
        &["client", "add", "alpha", "--role", "integration"],
        "",
    );
    printed.push(secret_of(&alpha, &["key", "secret"]));
    let beta = t.run(&env, &["client", "add", "beta"], "", 0);
    printed.push(beta.field("secret").expect("table shows the secret"));

    // Keys: JSON, table and --quiet; prefixes, metadata and limits.
    let created = t.json(
        &env,
        &[
            "key", "create", "--client", "alpha", "--prefix", "live", "--meta", "env=prod",
        ],
        "",
    );
    printed.push(secret_of(&created, &["secret"]));
    let to_rotate = created["id"].as_str().unwrap().to_owned();
    let table = t.run(
        &env,
        &["key", "create", "--client", "alpha", "--max-uses", "5"],
        "",
        0,
    );
    printed.push(table.field("secret").expect("secret"));
    let quiet = t.run(&env, &["-q", "key", "create", "--client", "beta"], "", 0);
    printed.push(quiet.stdout.trim().to_owned());
    // beta's first key, found by its hint (prefix and first characters).
    let beta_hint = &printed[1][..7];
    let table_id = t
        .json(&env, &["key", "list", "--client", "beta"], "")
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["hint"] == beta_hint)
        .expect("beta's first key")["id"]
        .as_str()
        .unwrap()
        .to_owned();

    // Rotation, in JSON and in a table.
    let rotated = t.json(&env, &["key", "rotate", &to_rotate, "--grace", "1h"], "");
    printed.push(secret_of(&rotated, &["new", "secret"]));
    let rotated = t.run(&env, &["key", "rotate", &table_id], "", 0);
    printed.push(rotated.field("secret").expect("secret"));

    // Import: keys from elsewhere, given on stdin, never printed back.
    let given: Vec<String> = (0..2)
        .map(|_| {
            apikey_core::secret::generate("legacy")
                .unwrap()
                .secret
                .expose()
                .to_owned()
        })
        .collect();
    t.run(
        &env,
        &[
            "key", "import", "--client", "beta", "-", "--label", "migrated",
        ],
        &format!("# from the old system\n{}\n{}\n", given[0], given[1]),
        0,
    );

    // Apply: secrets printed as JSON, and written to a file instead.
    let plan = env.dir().join("plan.json");
    std::fs::write(
        &plan,
        r#"{"permissions": [{"name": "bpjs:read", "description": "Read"}],
            "roles": [{"name": "integration", "permissions": ["bpjs:read"]}],
            "clients": [{"name": "gamma", "roles": ["integration"],
                         "keys": [{"label": "prod", "count": 2, "prefix": "gam"}]}],
            "users": [{"email": "provisioned@example.org", "roles": ["integration"]}]}"#,
    )
    .unwrap();
    let applied = t.json(&env, &["apply", plan.to_str().unwrap()], "");
    for s in applied["secrets"].as_array().unwrap() {
        printed.push(s["secret"].as_str().unwrap().to_owned());
    }
    let plan2 = env.dir().join("plan2.json");
    std::fs::write(
        &plan2,
        r#"{"clients": [{"name": "delta", "keys": [{"label": "ci", "count": 1}]}]}"#,
    )
    .unwrap();
    let secrets_file = env.dir().join("secrets-out.json");
    t.json(
        &env,
        &[
            "apply",
            plan2.to_str().unwrap(),
            "--secrets-out",
            secrets_file.to_str().unwrap(),
        ],
        "",
    );
    let from_file: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&secrets_file).unwrap()).unwrap();
    let file_secret = from_file[0]["secret"].as_str().unwrap().to_owned();

    // Users and their passwords.
    t.run(
        &env,
        &[
            "user",
            "add",
            "admin@example.org",
            "--role",
            "integration",
            "--password-stdin",
        ],
        &format!("{}\n", PASSWORDS[0]),
        0,
    );
    t.run(
        &env,
        &["user", "passwd", "admin@example.org", "--password-stdin"],
        &format!("{}\n", PASSWORDS[1]),
        0,
    );
    t.run(
        &env,
        &[
            "user",
            "passwd",
            "provisioned@example.org",
            "--password-stdin",
        ],
        &format!("{}\n", PASSWORDS[2]),
        0,
    );
    t.run(
        &env,
        &["user", "verify", "admin@example.org", "--password-stdin"],
        &format!("{}\n", PASSWORDS[1]),
        0,
    );
    t.run(
        &env,
        &[
            "--json",
            "user",
            "verify",
            "admin@example.org",
            "--password-stdin",
        ],
        &format!("{}\n", PASSWORDS[0]),
        5,
    );

    // Verifications, by argument and by stdin, valid and not.
    t.run(
        &env,
        &[
            "key",
            "verify",
            "--key",
            &printed[0],
            "--permission",
            "bpjs:read",
        ],
        "",
        0,
    );
    t.run(
        &env,
        &["--json", "key", "verify"],
        &format!("{}\n", printed[3]),
        0,
    );
    t.run(
        &env,
        &["--json", "key", "verify"],
        &format!("{}\n", given[0]),
        0,
    );
    t.run(&env, &["key", "verify", "--key", &printed[2]], "", 0); // in its grace period
    t.run(&env, &["key", "inspect", "--key", &printed[1]], "", 0);
    let mut typo = printed[1].clone().into_bytes();
    let last = typo.len() - 1;
    typo[last] = if typo[last] == b'a' { b'b' } else { b'a' };
    t.run(
        &env,
        &[
            "--json",
            "key",
            "verify",
            "--key",
            &String::from_utf8(typo).unwrap(),
        ],
        "",
        5,
    );

    // A leak found by scan, then revoked.
    let leak = env.dir().join("leak");
    std::fs::create_dir(&leak).unwrap();
    std::fs::write(leak.join("config.env"), format!("API_KEY={}\n", printed[4])).unwrap();
    t.run(&env, &["--json", "scan", leak.to_str().unwrap()], "", 5);
    t.run(
        &env,
        &["scan", leak.to_str().unwrap(), "--revoke", "--yes"],
        "",
        5,
    );
    t.run(&env, &["key", "verify", "--key", &printed[4]], "", 5);

    // Other changes that reach the audit log.
    t.run(&env, &["client", "disable", "beta"], "", 0);
    t.run(&env, &["client", "enable", "beta"], "", 0);

    // The outputs that must hold no secret, captured like everything else.
    t.run(&env, &["--json", "audit"], "", 0);
    t.run(&env, &["audit"], "", 0);
    t.run(&env, &["export"], "", 0);
    t.run(&env, &["export", "--file-format", "toml"], "", 0);
    t.run(&env, &["--json", "key", "list"], "", 0);
    t.run(&env, &["--format", "csv", "key", "list"], "", 0);
    t.run(&env, &["--json", "user", "list"], "", 0);
    t.run(&env, &["audit", "verify"], "", 0);
    let backup = env.dir().join("backup.db");
    t.run(&env, &["backup", backup.to_str().unwrap()], "", 0);

    let store_files = if env.is_postgres() {
        env.store_bytes()
    } else {
        let mut store_files = std::fs::read(env.db()).unwrap();
        let wal = std::fs::read(with_suffix(env.db(), "-wal")).unwrap_or_default();
        assert!(
            !wal.is_empty(),
            "the WAL was checkpointed away; the test would see less"
        );
        store_files.extend(wal);
        drop(keep);
        store_files.extend(std::fs::read(env.db()).unwrap());
        store_files
    };

    printed.push(file_secret);
    Scenario {
        env,
        transcript: t,
        printed,
        given,
        secrets_file,
        backup,
        store_files,
    }
}

#[test]
fn no_secret_or_password_leaks_anywhere_but_its_one_creation_print() {
    let s = scenario();
    let file_secret = s.printed.last().unwrap().clone();
    let secrets_file = std::fs::read_to_string(&s.secrets_file).unwrap();
    let backup = std::fs::read(&s.backup).unwrap();
    let mut problems = Vec::new();
    let mut unique = s.printed.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), s.printed.len(), "secrets are distinct");
    assert!(
        s.printed.len() == 10,
        "the scenario issued {} secrets",
        s.printed.len()
    );

    // Each printed secret: exactly once in all output (or, with --secrets-out, only in
    // that file), and its body never anywhere else.
    for secret in &s.printed {
        let (in_output, in_file) = (
            s.transcript.count(secret),
            occurrences(secrets_file.as_bytes(), secret.as_bytes()),
        );
        let expected = if *secret == file_secret {
            (0, 1)
        } else {
            (1, 0)
        };
        if (in_output, in_file) != expected {
            problems.push(format!(
                "secret {secret}: printed {in_output} times (in {:?}) and {in_file} times in the secrets file; expected {expected:?}",
                s.transcript.where_is(secret)
            ));
        }
        let body = &key_needles(secret)[1];
        if s.transcript.count(body) != s.transcript.count(secret) {
            problems.push(format!(
                "the body of {secret} is printed apart from the key"
            ));
        }
    }
    // Given secrets and passwords: never printed.
    let given_needles: Vec<String> = s
        .given
        .iter()
        .flat_map(|g| key_needles(g))
        .chain(PASSWORDS.iter().map(|p| (*p).to_owned()))
        .collect();
    for needle in &given_needles {
        let n = s.transcript.count(needle);
        if n > 0 {
            problems.push(format!(
                "{needle:?} was given to apikey and printed {n} times, in {:?}",
                s.transcript.where_is(needle)
            ));
        }
    }
    // Nothing in the store, its WAL, or a backup.
    let all_needles: Vec<String> = s
        .printed
        .iter()
        .chain(&s.given)
        .flat_map(|k| key_needles(k))
        .chain(given_needles.iter().cloned())
        .collect();
    for needle in &all_needles {
        for (what, bytes) in [("the store files", &s.store_files), ("the backup", &backup)] {
            if occurrences(bytes, needle.as_bytes()) > 0 {
                problems.push(format!("{what} hold {needle:?}"));
            }
        }
    }
    // Passwords are stored as Argon2id PHC strings, nothing else.
    let hashes: Vec<Option<String>> = s
        .env
        .query_rows("SELECT password_hash FROM users ORDER BY email", &[])
        .iter()
        .map(|r| r[0].text())
        .collect();
    assert_eq!(hashes.len(), 2);
    for hash in hashes.iter().flatten() {
        assert!(hash.starts_with("$argon2id$"), "{hash}");
    }
    eprintln!(
        "secrets scenario: {} commands, {} printed secrets, {} given keys, {} passwords, {} bytes of store files searched",
        s.transcript.runs.len(),
        s.printed.len(),
        s.given.len(),
        PASSWORDS.len(),
        s.store_files.len()
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
