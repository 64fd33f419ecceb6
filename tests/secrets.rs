//! Secrets: never stored, never shown again, printed exactly once with a warning.

use crate::common::{Run, TestEnv};

const NOTICE: &str = "shown only once";

/// A store with two clients, several keys of different shapes, and one rotation.
/// Returns the env and every secret it ever printed.
fn env_with_secrets() -> (TestEnv, Vec<String>) {
    let env = TestEnv::init();
    let mut secrets = vec![env.add_client("alpha"), env.add_client("beta")];
    let mut rotate_me = String::new();
    for args in [
        &[][..],
        &["--prefix", "live", "--label", "prod"],
        &["--max-uses", "3", "--meta", "env=prod"],
        &["--allow-ip", "10.0.0.0/8", "--expires-in", "30d"],
    ] {
        let (id, secret) = env.create_key("alpha", args);
        secrets.push(secret);
        rotate_me = id;
    }
    let rotated = env.json(&["key", "rotate", &rotate_me, "--grace", "1h"]);
    secrets.push(rotated["new"]["secret"].as_str().unwrap().to_owned());
    // A verification too: the store must not learn the secret from it either.
    env.run(&["key", "verify", "--key", &secrets[0]]).code(0);
    (env, secrets)
}

/// The parts of a secret that must never show: the whole key and its body.
fn needles(secret: &str) -> [String; 2] {
    let body = secret.split_once('_').unwrap().1;
    [secret.to_owned(), body.to_owned()]
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[track_caller]
fn assert_no_secret(what: &str, text: &str, secrets: &[String]) {
    for secret in secrets {
        for needle in needles(secret) {
            assert!(
                !text.contains(&needle),
                "{what} shows (part of) secret {secret}:\n{text}"
            );
        }
    }
}

#[test]
fn no_secret_is_in_the_store_files() {
    let env = TestEnv::init();
    // Holding a connection open keeps the WAL from being checkpointed away when each
    // command exits, so its bytes can be searched too.
    // (PostgreSQL's files are the server's: there the store is searched as its rows.)
    let keep = env.hold_wal_open();
    let mut secrets = vec![env.add_client("alpha")];
    for args in [&["--prefix", "live"][..], &["--meta", "env=prod"], &[]] {
        secrets.push(env.create_key("alpha", args).1);
    }
    let id = env.json(&["key", "list"])[0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let rotated = env.json(&["key", "rotate", &id, "--grace", "1h"]);
    secrets.push(rotated["new"]["secret"].as_str().unwrap().to_owned());
    env.run(&["key", "verify", "--key", &secrets[0]]).code(0);

    let check = |when: &str| {
        let bytes = env.store_bytes();
        assert!(!bytes.is_empty());
        for secret in &secrets {
            for needle in needles(secret) {
                assert!(
                    !contains(&bytes, needle.as_bytes()),
                    "{when}: the store files hold secret {secret}"
                );
            }
        }
    };
    check("with the WAL");
    drop(keep);
    check("after the checkpoint");
    // What is stored is the SHA-256, as lowercase hex.
    let hashes: Vec<String> = env
        .query_rows("SELECT secret_sha256 FROM api_keys", &[])
        .iter()
        .map(|r| r[0].text().unwrap())
        .collect();
    assert_eq!(hashes.len(), secrets.len());
    assert!(hashes.iter().all(|h| {
        h.len() == 64
            && h.bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
    }));
}

#[test]
fn lists_and_shows_never_print_a_secret_or_its_hash() {
    let (env, secrets) = env_with_secrets();
    let hashes: Vec<String> = env
        .query_rows("SELECT secret_sha256 FROM api_keys", &[])
        .iter()
        .map(|r| r[0].text().unwrap())
        .collect();
    let ids: Vec<String> = env
        .json(&["key", "list"])
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["id"].as_str().unwrap().to_owned())
        .collect();
    let mut commands: Vec<Vec<String>> = Vec::new();
    for base in [
        vec!["key", "list"],
        vec!["key", "list", "--client", "alpha"],
        vec!["client", "list"],
        vec!["client", "show", "alpha"],
        vec!["client", "show", "beta"],
    ] {
        commands.push(base.iter().map(|s| (*s).to_owned()).collect());
    }
    for id in &ids {
        commands.push(vec!["key".into(), "show".into(), id.clone()]);
    }
    for args in commands {
        for format in [&[][..], &["--json"], &["--format", "csv"]] {
            let mut all: Vec<&str> = format.to_vec();
            all.extend(args.iter().map(String::as_str));
            let run = env.run(&all);
            run.code(0);
            let what = format!("{all:?}");
            assert_no_secret(&what, &run.stdout, &secrets);
            assert_no_secret(&what, &run.stderr, &secrets);
            for hash in &hashes {
                assert!(!run.stdout.contains(hash.as_str()), "{what} prints a hash");
            }
            assert!(!run.stdout.contains("\"secret\""), "{what}: {}", run.stdout);
        }
    }
}

/// Asserts `secret` is on stdout exactly once, not on stderr, and stderr warns.
#[track_caller]
fn assert_printed_once(run: &Run, secret: &str) {
    run.code(0).stderr_has(NOTICE);
    assert_eq!(run.stdout.matches(secret).count(), 1, "{run:#?}");
    assert!(!run.stderr.contains(secret), "secret on stderr: {run:#?}");
}

#[test]
fn key_create_prints_the_secret_once_with_a_warning() {
    let env = TestEnv::init();
    env.json(&["client", "add", "c", "--no-key"]);
    let table = env.run(&["key", "create", "--client", "c"]);
    assert_printed_once(&table, &table.field("secret").unwrap());
    let json = env.run(&["--json", "key", "create", "--client", "c"]);
    assert_printed_once(&json, json.json()["secret"].as_str().unwrap());
}

#[test]
fn client_add_prints_the_first_secret_once_with_a_warning() {
    let env = TestEnv::init();
    let table = env.run(&["client", "add", "a"]);
    assert_printed_once(&table, &table.field("secret").unwrap());
    let json = env.run(&["--json", "client", "add", "b"]);
    assert_printed_once(&json, json.json()["key"]["secret"].as_str().unwrap());
}

#[test]
fn key_rotate_prints_the_new_secret_once_with_a_warning() {
    let env = TestEnv::init();
    env.json(&["client", "add", "c", "--no-key"]);
    let (id, old) = env.create_key("c", &[]);
    let table = env.run(&["key", "rotate", &id, "--grace", "1h"]);
    assert_printed_once(&table, &table.field("secret").unwrap());
    assert!(
        !table.stdout.contains(&old),
        "rotate printed the old secret"
    );
    let (id, old) = env.create_key("c", &[]);
    let json = env.run(&["--json", "key", "rotate", &id]);
    assert_printed_once(&json, json.json()["new"]["secret"].as_str().unwrap());
    assert!(!json.stdout.contains(&old), "rotate printed the old secret");
}

#[test]
fn secrets_are_unique_and_well_formed() {
    let (env, secrets) = env_with_secrets();
    let mut unique = secrets.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), secrets.len());
    for secret in &secrets {
        env.run(&["key", "inspect", "--key", secret])
            .code(0)
            .stdout_has("checksum ok");
    }
}
