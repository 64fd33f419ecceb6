//! The store file: location, creation, permissions, versions, foreign files.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use crate::common::TestEnv;

/// The files in `dir`, sorted, to show that a refused command left nothing behind.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// One command of each kind, for a store holding client `c` and key `ID`.
/// (`key inspect` and a malformed `key verify` need no store and are left out.)
fn every_store_command<'a>(id: &'a str, secret: &'a str) -> Vec<Vec<&'a str>> {
    vec![
        vec!["init"],
        vec!["client", "add", "new"],
        vec!["client", "list"],
        vec!["client", "show", "c"],
        vec!["client", "update", "c", "-d", "x"],
        vec!["client", "disable", "c"],
        vec!["client", "enable", "c"],
        vec!["client", "remove", "c", "--yes"],
        vec!["key", "create", "--client", "c"],
        vec!["key", "list"],
        vec!["key", "show", id],
        vec!["key", "revoke", id, "--yes"],
        vec!["key", "rotate", id],
        vec!["key", "disable", id],
        vec!["key", "enable", id],
        vec!["key", "verify", "--key", secret],
    ]
}

#[test]
fn a_read_on_a_missing_store_names_the_path_and_creates_nothing() {
    let env = TestEnv::new();
    let run = env.run(&["client", "list"]);
    run.code(3).stderr_has(&env.store_display());
    assert!(!env.store_exists());
}

#[test]
fn every_read_or_update_on_a_missing_store_is_not_found_and_creates_nothing() {
    let env = TestEnv::new();
    let path = env.store_display();
    for args in every_store_command("abcdefghijkl", "ak_x") {
        // Commands that write create the store; a malformed key is answered offline
        // (see verify.rs for a well-formed one).
        let creates = args == ["init"]
            || args.starts_with(&["client", "add"])
            || args.starts_with(&["key", "create"]);
        if creates || args.get(1) == Some(&"verify") {
            continue;
        }
        env.run(&args)
            .code(3)
            .stderr_has(&path)
            .stderr_has("apikey init");
        assert!(!env.store_exists(), "{args:?} created a store");
    }
    assert!(listing(env.dir()).is_empty(), "{:?}", listing(env.dir()));
}

#[test]
fn init_prints_the_path_in_table_and_json() {
    let env = TestEnv::new();
    let path = env.store_display();
    env.run(&["init"])
        .code(0)
        .stdout_has("Created store at")
        .stdout_has(&path);
    let out = env.json(&["init"]);
    assert_eq!(out["store"], path.as_str());
    assert_eq!(out["created"], false);
    assert_eq!(out["schema_version"], apikey_core::store::SCHEMA_VERSION);

    let fresh = TestEnv::new();
    let out = fresh.json(&["init"]);
    assert_eq!(out["created"], true);
    assert_eq!(out["store"], fresh.store_display().as_str());
}

#[test]
fn init_twice_is_fine_and_changes_nothing() {
    let env = TestEnv::init();
    env.add_client("c");
    let before = env.dump();
    env.run(&["init"])
        .code(0)
        .stdout_has("already exists")
        .stdout_has(&env.store_display());
    assert_eq!(before, env.dump());
}

#[test]
fn the_store_uses_wal_foreign_keys_and_the_schema_version() {
    let env = TestEnv::init();
    if env.is_postgres() {
        let version = env.query_i64("SELECT max(version) FROM apikey_schema", &[]);
        assert_eq!(version, Some(apikey_core::store::SCHEMA_VERSION));
        return;
    }
    let conn = env.sql();
    let mode: String = conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, apikey_core::store::SCHEMA_VERSION);
}

#[test]
fn a_new_store_file_is_private() {
    sqlite_only!("it is about the mode of the store file");
    for args in [&["init"][..], &["client", "add", "c"]] {
        let env = TestEnv::new();
        env.run(args).code(0);
        let mode = fs::metadata(env.db()).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{args:?} created the store with mode {mode:o}");
    }
}

#[test]
fn a_write_creates_missing_parent_directories() {
    let env = TestEnv::new();
    let deep = env.dir().join("a/b/c/store.db");
    let db = deep.to_str().unwrap();
    env.run(&["--db", db, "client", "add", "c"]).code(0);
    assert!(deep.is_file());
    let mode = fs::metadata(&deep).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let dir_mode = fs::metadata(env.dir().join("a"))
        .unwrap()
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(dir_mode & 0o077, 0, "parent created with mode {dir_mode:o}");
    assert_eq!(env.json(&["--db", db, "client", "list"])[0]["name"], "c");
}

#[test]
fn apikey_db_and_db_both_work_and_db_wins() {
    let env = TestEnv::new();
    // TestEnv::cmd sets APIKEY_DB to env.db().
    env.run(&["client", "add", "from-env"]).code(0);
    if env.is_postgres() {
        assert!(env.store_exists());
    } else {
        assert!(env.db().is_file());
    }
    let other = env.dir().join("other.db");
    let other_s = other.to_str().unwrap();
    env.run(&["--db", other_s, "client", "add", "from-flag"])
        .code(0);
    let names = |args: &[&str]| -> Vec<String> {
        env.json(args)
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["name"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(names(&["client", "list"]), ["from-env"]);
    assert_eq!(names(&["client", "list", "--db", other_s]), ["from-flag"]);
    // --db after the subcommand works too (global flag).
    assert_eq!(names(&["--db", other_s, "client", "list"]), ["from-flag"]);
}

#[test]
fn without_db_or_apikey_db_the_store_is_in_the_data_directory() {
    let env = TestEnv::new();
    let run = env
        .cmd()
        .env_remove("APIKEY_DB")
        .arg("--json")
        .arg("init")
        .output()
        .unwrap();
    assert!(run.status.success(), "{run:?}");
    let expected = env.dir().join(".local/share/apikey/apikey.db");
    assert!(expected.is_file(), "no store at {}", expected.display());
    let out: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(out["store"], expected.display().to_string().as_str());
    assert!(!env.store_exists());
}

#[test]
fn a_directory_as_db_is_refused_by_name() {
    let env = TestEnv::new();
    let dir = env.dir().join("a-directory");
    fs::create_dir(&dir).unwrap();
    let d = dir.to_str().unwrap();
    for args in [
        vec!["--db", d, "init"],
        vec!["--db", d, "client", "add", "c"],
        vec!["--db", d, "client", "list"],
        vec!["--db", d, "key", "list"],
    ] {
        env.run(&args)
            .code(2)
            .stderr_has(d)
            .stderr_has("directory")
            .stderr_one_line();
    }
    assert!(listing(&dir).is_empty(), "{:?}", listing(&dir));
}

#[test]
fn a_file_of_random_bytes_is_refused_and_left_untouched() {
    sqlite_only!("it plants a store file of random bytes");
    let env = TestEnv::new();
    // Deterministic "random" bytes (an LCG), without a magic header.
    let mut x: u32 = 0x1234_5678;
    let bytes: Vec<u8> = (0..8192)
        .map(|_| {
            x = x.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            (x >> 24) as u8
        })
        .collect();
    fs::write(env.db(), &bytes).unwrap();
    let path = env.store_display();
    for args in [
        &["init"][..],
        &["client", "list"],
        &["client", "add", "c"],
        &["key", "list"],
        &["key", "create", "--client", "c"],
    ] {
        env.run(args)
            .code(1)
            .stderr_has(&path)
            .stderr_has("not a database")
            .stderr_one_line();
        assert_eq!(
            fs::read(env.db()).unwrap(),
            bytes,
            "{args:?} changed the file"
        );
        assert_eq!(
            listing(env.dir()),
            ["apikey.db"],
            "{args:?} left files behind"
        );
    }
}

#[test]
fn an_unreadable_store_is_refused() {
    sqlite_only!("it is about the mode of the store file");
    let env = TestEnv::init();
    env.add_client("c");
    fs::set_permissions(env.db(), fs::Permissions::from_mode(0o000)).unwrap();
    if fs::File::open(env.db()).is_ok() {
        // Root (or a capability) reads anything: nothing to test here.
        eprintln!("skipped: this user can read a mode-000 file");
        fs::set_permissions(env.db(), fs::Permissions::from_mode(0o600)).unwrap();
        return;
    }
    let path = env.store_display();
    for args in [&["client", "list"][..], &["client", "add", "d"], &["init"]] {
        env.run(args).code(1).stderr_has(&path).stderr_one_line();
    }
    fs::set_permissions(env.db(), fs::Permissions::from_mode(0o600)).unwrap();
}

#[test]
fn a_store_from_a_newer_version_is_refused_and_never_modified() {
    let env = TestEnv::init();
    env.add_client("c");
    let (id, secret) = env.create_key("c", &[]);
    if env.is_postgres() {
        // The same refusal, with the version in the database's apikey_schema table.
        env.exec_sql("UPDATE apikey_schema SET version = 99", &[]);
        let before = env.dump();
        for args in every_store_command(&id, &secret) {
            env.run(&args)
                .code(1)
                .stderr_has("newer")
                .stderr_has("99")
                .stderr_one_line();
            assert_eq!(env.dump(), before, "{args:?} modified the store");
        }
        return;
    }
    env.sql().pragma_update(None, "user_version", 99).unwrap();
    // The connection above was the last: the WAL is checkpointed into the file.
    let bytes = fs::read(env.db()).unwrap();
    let files = listing(env.dir());
    for args in every_store_command(&id, &secret) {
        env.run(&args)
            .code(1)
            .stderr_has("newer")
            .stderr_has("99")
            .stderr_one_line();
        assert_eq!(
            fs::read(env.db()).unwrap(),
            bytes,
            "{args:?} modified the store"
        );
        assert_eq!(listing(env.dir()), files, "{args:?} left files behind");
    }
}

#[test]
fn an_sqlite_database_that_is_not_an_apikey_store_is_refused() {
    let env = TestEnv::new();
    // On PostgreSQL: the same refusal for a database holding someone else's tables.
    env.exec_batch(
        "CREATE TABLE notes (id BIGINT PRIMARY KEY, body TEXT); INSERT INTO notes VALUES (1, 'mine');",
    );
    let before = env.store_bytes();
    for args in [
        &["init"][..],
        &["client", "list"],
        &["client", "add", "c"],
        &["key", "list"],
    ] {
        env.run(args)
            .code(1)
            .stderr_has("not an apikey store")
            .stderr_one_line();
        assert_eq!(env.store_bytes(), before, "{args:?} changed the store");
    }
}

#[test]
fn an_empty_file_is_not_a_store_until_init() {
    let env = TestEnv::new();
    // (A new PostgreSQL database is empty already.)
    if !env.is_postgres() {
        fs::write(env.db(), b"").unwrap();
    }
    env.run(&["client", "list"])
        .code(3)
        .stderr_has("apikey init");
    env.run(&["init"]).code(0);
    env.run(&["client", "list"]).code(0);
}
