//! What `key verify` writes and when it waits: a refusal writes nothing, a verify
//! never waits on another process's write lock, a usage cap is exact across processes;
//! and the public ids of clients, permissions, roles and users (shown, accepted in place
//! of names, given to rows of a store migrated from schema version 2).

use std::path::PathBuf;
use std::process::Output;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::common::{Run, TestEnv, unix_now};
use crate::reliability_support::with_suffix;

/// Longest any single `apikey` process of these tests may run before it is killed (a
/// hang fails the test instead of blocking the suite).
const PROCESS_TIMEOUT: Duration = Duration::from_secs(30);

/// Runs `args` with a kill timeout.
fn run_bounded(env: &TestEnv, args: &[&str]) -> Run {
    let output: Output = env
        .cmd()
        .args(args)
        .write_stdin("")
        .timeout(PROCESS_TIMEOUT)
        .output()
        .expect("run apikey");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// `apikey --json key verify --key SECRET EXTRA...`; returns the run and its JSON answer.
fn verify(env: &TestEnv, secret: &str, extra: &[&str]) -> (Run, Value) {
    let mut args = vec!["--json", "key", "verify", "--key", secret];
    args.extend_from_slice(extra);
    let run = run_bounded(env, &args);
    let out = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("verify printed no JSON ({e}): {run:#?}"));
    (run, out)
}

/// `secret` with one character of its random part changed (a checksum failure).
fn with_typo(secret: &str) -> String {
    let at = secret.find('_').unwrap() + 5;
    let mut bytes = secret.as_bytes().to_vec();
    bytes[at] = if bytes[at] == b'a' { b'b' } else { b'a' };
    String::from_utf8(bytes).unwrap()
}

/// A well-formed key that no store of these tests holds (made in a throwaway store).
fn foreign_key() -> String {
    let other = TestEnv::init();
    other.add_client("elsewhere")
}

/// One refusal to provoke: a label, the secret, extra verify arguments, the code.
struct Refusal {
    what: &'static str,
    secret: String,
    extra: Vec<&'static str>,
    result: &'static str,
}

/// What [`store_with_every_refusal`] made.
struct Fixture {
    env: TestEnv,
    refusals: Vec<Refusal>,
    /// The id and secret of a valid, uncapped key without an allow-list.
    valid_id: String,
    valid: String,
}

/// A store holding one key for every refusal code, and a valid uncapped key of client
/// `ok` (role `reader`, granting `bpjs:read`).
fn store_with_every_refusal() -> Fixture {
    let env = TestEnv::init();
    env.json(&["permission", "add", "bpjs:read"]);
    env.json(&["permission", "add", "users:read"]);
    env.json(&["role", "add", "reader", "-p", "bpjs:read"]);
    env.json(&["client", "add", "ok", "--no-key", "--role", "reader"]);
    env.json(&["client", "add", "off", "--no-key"]);
    let (valid_id, valid) = env.create_key("ok", &[]);

    let (revoked_id, revoked) = env.create_key("ok", &[]);
    env.run(&["key", "revoke", &revoked_id, "--yes"]).code(0);
    let (expired_id, expired) = env.create_key("ok", &[]);
    env.set_key_expiry(&expired_id, unix_now() - 60);
    let (disabled_id, disabled) = env.create_key("ok", &[]);
    env.run(&["key", "disable", &disabled_id]).code(0);
    let (_, client_disabled) = env.create_key("off", &[]);
    env.run(&["client", "disable", "off"]).code(0);
    let (_, spent) = env.create_key("ok", &["--max-uses", "1"]);
    let (run, out) = verify(&env, &spent, &[]);
    assert_eq!(
        (run.code, &out["result"]),
        (0, &Value::from("VALID")),
        "{run:#?}"
    );
    let (_, fenced) = env.create_key("ok", &["--allow-ip", "10.0.0.0/8"]);

    let refusal = |what, secret: &str, extra: &[&'static str], result| Refusal {
        what,
        secret: secret.to_owned(),
        extra: extra.to_vec(),
        result,
    };
    let refusals = vec![
        refusal("a wrong checksum", &with_typo(&valid), &[], "MALFORMED"),
        refusal("not a key at all", "not-a-key", &[], "MALFORMED"),
        refusal("a key of another store", &foreign_key(), &[], "NOT_FOUND"),
        refusal("a revoked key", &revoked, &[], "REVOKED"),
        refusal("an expired key", &expired, &[], "EXPIRED"),
        refusal("a disabled key", &disabled, &[], "DISABLED"),
        refusal("a disabled client's key", &client_disabled, &[], "DISABLED"),
        refusal("a spent key", &spent, &[], "USAGE_EXCEEDED"),
        refusal(
            "an address outside the allow-list",
            &fenced,
            &["--ip", "192.168.1.1"],
            "FORBIDDEN",
        ),
        refusal("no address for an allow-list", &fenced, &[], "FORBIDDEN"),
        refusal(
            "a permission the roles do not grant",
            &valid,
            &["--permission", "users:read"],
            "INSUFFICIENT_PERMISSIONS",
        ),
    ];
    Fixture {
        env,
        refusals,
        valid_id,
        valid,
    }
}

// ---- a refusal writes nothing ---------------------------------------------------------

/// A connection held open across verifications: `PRAGMA data_version` seen from it
/// changes whenever another connection commits. Under PostgreSQL (no files, no
/// `data_version`), what it sees is every row of the store ([`TestEnv::dump`]).
struct Observer<'e> {
    conn: Option<rusqlite::Connection>,
    db: PathBuf,
    env: &'e TestEnv,
}

/// What the observer sees of the store at one moment.
#[derive(Debug, PartialEq, Eq)]
struct Seen {
    data_version: i64,
    wal_len: u64,
    wal: Vec<u8>,
    db: Vec<u8>,
}

impl Observer<'_> {
    fn new(env: &TestEnv) -> Observer<'_> {
        Observer {
            conn: (!env.is_postgres()).then(|| env.sql()),
            db: env.db().to_owned(),
            env,
        }
    }

    fn see(&self) -> Seen {
        let Some(conn) = &self.conn else {
            use std::hash::{Hash, Hasher};
            let rows = self.env.dump();
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            rows.hash(&mut hasher);
            return Seen {
                data_version: hasher.finish() as i64,
                wal_len: rows.len() as u64,
                wal: rows.clone().into_bytes(),
                db: rows.into_bytes(),
            };
        };
        let data_version = conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))
            .expect("data_version");
        let wal_path = with_suffix(&self.db, "-wal");
        Seen {
            data_version,
            wal_len: std::fs::metadata(&wal_path).map_or(0, |m| m.len()),
            wal: std::fs::read(&wal_path).unwrap_or_default(),
            db: std::fs::read(&self.db).expect("read store"),
        }
    }
}

#[test]
fn a_refused_verify_writes_nothing() {
    let Fixture { env, refusals, .. } = store_with_every_refusal();
    let observer = Observer::new(&env);
    for r in &refusals {
        let before = observer.see();
        let (run, out) = verify(&env, &r.secret, &r.extra);
        assert_eq!(run.code, 5, "{}: {run:#?}", r.what);
        assert_eq!(out["result"], r.result, "{}: {out}", r.what);
        let after = observer.see();
        assert_eq!(
            before.data_version, after.data_version,
            "{} ({}) committed a change to the store",
            r.what, r.result
        );
        assert_eq!(
            before.wal_len, after.wal_len,
            "{} ({}) changed the -wal file's size",
            r.what, r.result
        );
        assert!(
            before.wal == after.wal,
            "{} ({}) changed the -wal file",
            r.what,
            r.result
        );
        assert!(
            before.db == after.db,
            "{} ({}) changed the store file",
            r.what,
            r.result
        );
    }
}

#[test]
fn a_valid_verify_is_seen_by_the_same_observer() {
    // The contrast of `a_refused_verify_writes_nothing`: the same observation does see
    // a verification that records its use.
    let Fixture { env, valid, .. } = store_with_every_refusal();
    let observer = Observer::new(&env);
    for _ in 0..3 {
        let before = observer.see();
        let (run, out) = verify(&env, &valid, &["--permission", "bpjs:read"]);
        assert_eq!(run.code, 0, "{run:#?}");
        assert_eq!(out["result"], "VALID", "{out}");
        assert_eq!(out["usage_recorded"], true, "{out}");
        let after = observer.see();
        assert_ne!(
            before.data_version, after.data_version,
            "a recorded use went unseen"
        );
        assert!(
            before.wal != after.wal,
            "a recorded use left the WAL as it was"
        );
    }
}

// ---- a verify never waits on a writer -------------------------------------------------

/// Longest one verify may take while another process holds the write lock.
const VERIFY_BUDGET: Duration = Duration::from_secs(2);

#[test]
fn verify_answers_promptly_while_another_process_holds_the_write_lock() {
    let Fixture {
        env,
        refusals,
        valid_id,
        valid,
    } = store_with_every_refusal();
    let uses_before = env.key_column(&valid_id, "use_count").unwrap();

    // The lock is held by this connection until `locker` is dropped: at the end of the
    // test, or when it unwinds from a failed assertion.
    let locker = env.hold_write_lock();
    // The premise: another writer cannot get the lock now.
    assert!(!env.write_lock_is_free(), "the write lock is not held");

    let locked_at = Instant::now();
    let mut valid_answers = 0;
    let mut next_refusal = (0..).map(|n| &refusals[n % refusals.len()]);
    for i in 0..50 {
        // Every fifth run is the valid key; the others cycle through the refusals.
        let (secret, extra, expected): (&str, Vec<&str>, &str) = if i % 5 == 4 {
            (&valid, vec![], "VALID")
        } else {
            let r = next_refusal.next().unwrap();
            (&r.secret, r.extra.clone(), r.result)
        };
        let started = Instant::now();
        let (run, out) = verify(&env, secret, &extra);
        let took = started.elapsed();
        assert!(
            took < VERIFY_BUDGET,
            "verify {i} ({expected}) took {took:?} under another process's write lock"
        );
        assert_eq!(out["result"], expected, "verify {i}: {run:#?}");
        if expected == "VALID" {
            valid_answers += 1;
            assert_eq!(run.code, 0, "verify {i}: {run:#?}");
            assert_eq!(out["valid"], true, "{out}");
            assert_eq!(
                out["usage_recorded"], false,
                "verify {i}: a use was recorded while the write lock was held elsewhere: {out}"
            );
        } else {
            assert_eq!(run.code, 5, "verify {i}: {run:#?}");
            assert!(out["usage_recorded"].is_null(), "{out}");
        }
    }
    assert_eq!(valid_answers, 10);
    eprintln!(
        "50 verifies under a held write lock took {:?}",
        locked_at.elapsed()
    );
    locker.release();

    assert_eq!(
        env.key_column(&valid_id, "use_count"),
        Some(uses_before),
        "uses said to be unrecorded were counted"
    );
    let (run, out) = verify(&env, &valid, &[]);
    run.code(0);
    assert_eq!(out["result"], "VALID", "{out}");
    assert_eq!(out["usage_recorded"], true, "{out}");
    assert_eq!(
        env.key_column(&valid_id, "use_count"),
        Some(uses_before + 1)
    );
}

// ---- a usage cap is exact across processes --------------------------------------------

#[test]
fn a_capped_key_verifies_exactly_max_uses_times_across_processes() {
    const THREADS: usize = 8;
    const PER_THREAD: usize = 50;
    const MAX_USES: usize = 100;
    let env = TestEnv::init();
    env.json(&["client", "add", "c", "--no-key"]);
    let max = MAX_USES.to_string();
    let (id, secret) = env.create_key("c", &["--max-uses", &max]);

    let answers: Vec<(i32, String)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..THREADS)
            .map(|_| {
                scope.spawn(|| {
                    (0..PER_THREAD)
                        .map(|_| {
                            let (run, out) = verify(&env, &secret, &[]);
                            let result = out["result"].as_str().unwrap_or_default().to_owned();
                            assert!(run.stderr.is_empty(), "verify wrote to stderr: {run:#?}");
                            (run.code, result)
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("worker thread"))
            .collect()
    });
    assert_eq!(answers.len(), THREADS * PER_THREAD);
    let count = |code: i32, result: &str| {
        answers
            .iter()
            .filter(|(c, r)| *c == code && r == result)
            .count()
    };
    let valid = count(0, "VALID");
    let exceeded = count(5, "USAGE_EXCEEDED");
    let others: Vec<_> = answers
        .iter()
        .filter(|(c, r)| !((*c == 0 && r == "VALID") || (*c == 5 && r == "USAGE_EXCEEDED")))
        .collect();
    assert!(others.is_empty(), "unexpected answers: {others:?}");
    assert_eq!(valid, MAX_USES, "VALID answers");
    assert_eq!(
        exceeded,
        THREADS * PER_THREAD - MAX_USES,
        "USAGE_EXCEEDED answers"
    );
    let shown = env.json(&["key", "show", &id]);
    assert_eq!(shown["use_count"], MAX_USES, "{shown}");
    assert_eq!(shown["max_uses"], MAX_USES, "{shown}");
}

// ---- public ids -----------------------------------------------------------------------

/// Asserts `value` has an `id` of 12 characters of `[0-9a-z]`; returns it.
#[track_caller]
fn public_id(value: &Value, what: &str) -> String {
    let id = value["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{what} has no id: {value}"));
    assert!(
        id.len() == 12
            && id
                .bytes()
                .all(|b| b.is_ascii_digit() || b.is_ascii_lowercase()),
        "{what} has an id that is not 12 characters of [0-9a-z]: {id:?}"
    );
    id.to_owned()
}

/// Each element of a JSON array, which must be non-empty.
#[track_caller]
fn elements<'v>(value: &'v Value, what: &str) -> &'v [Value] {
    let items = value
        .as_array()
        .unwrap_or_else(|| panic!("{what} is not an array: {value}"));
    assert!(!items.is_empty(), "{what} is empty");
    items
}

/// A store with two of each: permissions, roles, clients (with keys), users.
fn store_with_one_of_everything() -> TestEnv {
    let env = TestEnv::init();
    env.json(&["permission", "add", "bpjs:read"]);
    env.json(&["permission", "add", "bpjs:write"]);
    env.json(&["role", "add", "reader", "-p", "bpjs:read"]);
    env.json(&["role", "add", "writer"]);
    env.json(&["client", "add", "alpha", "--role", "reader"]);
    env.json(&["client", "add", "beta", "--no-key"]);
    env.json(&[
        "user",
        "add",
        "a@example.com",
        "--no-password",
        "--role",
        "reader",
    ]);
    env.json(&["user", "add", "b@example.com", "--no-password"]);
    env
}

#[test]
fn every_shown_and_listed_record_has_a_public_id() {
    let env = store_with_one_of_everything();
    let cases: [(&str, &str, &[&str]); 4] = [
        ("client", "name", &["alpha", "beta"]),
        ("permission", "name", &["bpjs:read", "bpjs:write"]),
        ("role", "name", &["reader", "writer"]),
        ("user", "email", &["a@example.com", "b@example.com"]),
    ];
    for (kind, field, names) in cases {
        let listed = env.json(&[kind, "list"]);
        let items = elements(&listed, &format!("{kind} list"));
        assert_eq!(items.len(), names.len(), "{kind} list: {listed}");
        let mut ids = Vec::new();
        for item in items {
            ids.push(public_id(item, &format!("a {kind} of '{kind} list'")));
        }
        let mut distinct = ids.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), ids.len(), "{kind} ids repeat: {ids:?}");
        for name in names {
            let shown = env.json(&[kind, "show", name]);
            let id = public_id(&shown, &format!("'{kind} show {name}'"));
            let in_list = items
                .iter()
                .find(|i| i[field] == *name)
                .unwrap_or_else(|| panic!("{name} missing from {kind} list"));
            assert_eq!(
                in_list["id"],
                id.as_str(),
                "{kind} {name}: list and show differ"
            );
            // Stable: shown again, the same id.
            assert_eq!(env.json(&[kind, "show", name])["id"], id.as_str());
        }
    }
    // The keys `client show` lists have ids of the same form.
    let shown = env.json(&["client", "show", "alpha"]);
    for key in elements(&shown["keys"], "the keys of 'client show alpha'") {
        public_id(key, "a key of 'client show'");
    }
}

#[test]
fn commands_accept_a_public_id_in_place_of_a_name() {
    let env = store_with_one_of_everything();
    let client_id = public_id(&env.json(&["client", "show", "alpha"]), "client alpha");
    let role_id = public_id(&env.json(&["role", "show", "writer"]), "role writer");
    let permission_id = public_id(
        &env.json(&["permission", "show", "bpjs:write"]),
        "permission bpjs:write",
    );
    let user_id = public_id(&env.json(&["user", "show", "a@example.com"]), "user a");

    assert_eq!(env.json(&["client", "show", &client_id])["name"], "alpha");
    assert_eq!(env.json(&["role", "show", &role_id])["name"], "writer");
    assert_eq!(
        env.json(&["permission", "show", &permission_id])["name"],
        "bpjs:write"
    );
    assert_eq!(
        env.json(&["user", "show", &user_id])["email"],
        "a@example.com"
    );

    // Changes by id land on the right record.
    let secret = env.add_client("gamma");
    let disabled = env.json(&["client", "disable", &client_id]);
    assert_eq!(disabled["name"], "alpha", "{disabled}");
    assert_eq!(env.json(&["client", "show", "alpha"])["status"], "disabled");
    assert_eq!(env.json(&["client", "show", "gamma"])["status"], "active");
    let (run, out) = verify(&env, &secret, &[]);
    assert_eq!(
        (run.code, &out["result"]),
        (0, &Value::from("VALID")),
        "{out}"
    );

    env.json(&["role", "grant", &role_id, "bpjs:write"]);
    let writer = env.json(&["role", "show", "writer"]);
    assert_eq!(
        writer["permissions"],
        serde_json::json!(["bpjs:write"]),
        "{writer}"
    );
    let reader = env.json(&["role", "show", "reader"]);
    assert_eq!(
        reader["permissions"],
        serde_json::json!(["bpjs:read"]),
        "{reader}"
    );
}

#[test]
fn a_schema_version_2_store_gets_public_ids_when_migrated() {
    sqlite_only!("it builds an SQLite store of schema version 2 (PostgreSQL stores begin at 5)");
    let env = TestEnv::new();
    {
        let conn = rusqlite::Connection::open(env.db()).unwrap();
        conn.execute_batch(include_str!(
            "../crates/apikey-core/src/store/migrations/0001_clients_and_keys.sql"
        ))
        .unwrap();
        conn.execute_batch(include_str!(
            "../crates/apikey-core/src/store/migrations/0002_access_control.sql"
        ))
        .unwrap();
        conn.execute_batch("PRAGMA user_version = 2").unwrap();
        let at = unix_now() - 86_400;
        conn.execute(
            "INSERT INTO clients (name, description, created_at, updated_at)
             VALUES ('legacy', 'from version 2', ?1, ?1)",
            [at],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO permissions (name, created_at) VALUES ('bpjs:read', ?1)",
            [at],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO roles (name, created_at) VALUES ('old-role', ?1)",
            [at],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO users (email, created_at, updated_at) VALUES ('old@example.com', ?1, ?1)",
            [at],
        )
        .unwrap();
    }

    let first = env.json(&["client", "list"]);
    let clients = elements(&first, "client list");
    assert_eq!(clients.len(), 1, "{first}");
    assert_eq!(clients[0]["name"], "legacy");
    assert_eq!(clients[0]["description"], "from version 2");
    let id = public_id(&clients[0], "the migrated client");

    let version: i64 = env
        .sql()
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, apikey_core::store::SCHEMA_VERSION);

    let second = env.json(&["client", "list"]);
    assert_eq!(second[0]["id"], id.as_str(), "the id changed between runs");
    assert_eq!(env.json(&["client", "show", &id])["name"], "legacy");

    // The other migrated records got ids too, and keep them.
    for (kind, field, name) in [
        ("permission", "name", "bpjs:read"),
        ("role", "name", "old-role"),
        ("user", "email", "old@example.com"),
    ] {
        let listed = env.json(&[kind, "list"]);
        let item = &elements(&listed, kind)[0];
        assert_eq!(item[field], name, "{listed}");
        let id = public_id(item, &format!("the migrated {kind}"));
        assert_eq!(env.json(&[kind, "show", &id])[field], name);
        assert_eq!(env.json(&[kind, "list"])[0]["id"], id.as_str());
    }
}

// ---- reads that rehearse changes wait for a writer --------------------------------------

#[test]
fn diff_and_dry_run_wait_for_another_writer_instead_of_failing() {
    let env = TestEnv::init();
    env.add_client("app");
    let file = env.dir().join("access.toml");
    std::fs::write(
        &file,
        "[[clients]]\nname = \"app\"\nkeys = [{ label = \"\", count = 3 }]\n",
    )
    .expect("write");
    let file = file.to_str().expect("utf-8").to_owned();
    for args in [
        vec!["diff", file.as_str()],
        vec!["apply", file.as_str(), "--dry-run"],
    ] {
        let locker = env.hold_write_lock();
        let release = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(800));
            locker.release();
        });
        let started = Instant::now();
        let run = run_bounded(&env, &args);
        release.join().expect("locker");
        run.code(0);
        assert!(
            started.elapsed() >= Duration::from_millis(500),
            "{args:?} did not wait for the writer: {run:?}"
        );
        assert!(!run.stderr.contains("locked"), "{run:?}");
    }
}
