//! The configuration file: flags over environment over file over defaults.

use crate::common::{Run, TestEnv};

fn write_config(env: &TestEnv, text: &str) -> std::path::PathBuf {
    let dir = env.dir().join(".config/apikey");
    std::fs::create_dir_all(&dir).expect("config dir");
    let path = dir.join("config.toml");
    std::fs::write(&path, text).expect("write config");
    path
}

fn run(cmd: &mut assert_cmd::Command, args: &[&str]) -> Run {
    Run::from_output(cmd.args(args).output().expect("run"))
}

#[test]
fn the_file_sets_db_format_and_actor() {
    let env = TestEnv::new();
    let db = env.dir().join("from-file.db");
    write_config(
        &env,
        &format!("db = {:?}\nformat = \"json\"\nactor = \"file-bot\"\n", db),
    );
    let mut cmd = env.cmd();
    cmd.env_remove("APIKEY_DB").env_remove("APIKEY_ACTOR");
    let added = run(&mut cmd, &["client", "add", "c", "--no-key"]);
    added.code(0);
    assert_eq!(
        added.json()["client"]["name"],
        "c",
        "JSON from the file's format"
    );
    assert!(db.exists(), "the store is where the file says");
    let mut cmd = env.cmd();
    cmd.env_remove("APIKEY_DB").env_remove("APIKEY_ACTOR");
    let events = run(&mut cmd, &["audit"]).json();
    assert_eq!(events[0]["actor"], "file-bot", "{events}");
}

#[test]
fn flags_beat_the_environment_which_beats_the_file() {
    let env = TestEnv::new();
    write_config(&env, "actor = \"file-bot\"\nformat = \"csv\"\n");
    let mut cmd = env.cmd();
    cmd.env("APIKEY_ACTOR", "env-bot");
    let shown = run(&mut cmd, &["--json", "config", "show"]);
    shown.code(0);
    let shown = shown.json();
    assert_eq!(shown["actor"]["value"], "env-bot", "{shown}");
    assert_eq!(shown["actor"]["source"]["kind"], "env", "{shown}");
    assert_eq!(shown["format"]["value"], "json", "{shown}");
    assert_eq!(shown["format"]["source"]["kind"], "flag", "{shown}");
    assert_eq!(shown["db"]["source"]["kind"], "env", "{shown}");

    let mut cmd = env.cmd();
    cmd.env_remove("APIKEY_ACTOR").env_remove("APIKEY_DB");
    let shown = run(&mut cmd, &["config", "show"]);
    shown.code(0);
    assert!(shown.stdout.contains("file-bot"), "{shown:?}");
    assert!(shown.stdout.contains("config file ("), "{shown:?}");
    assert!(shown.stdout.contains("[default]"), "{shown:?}");

    let mut cmd = env.cmd();
    let flag = run(
        &mut cmd,
        &["--actor", "flag-bot", "--json", "config", "show"],
    )
    .json();
    assert_eq!(flag["actor"]["value"], "flag-bot");
    assert_eq!(flag["actor"]["source"]["kind"], "flag");
}

#[test]
fn a_bad_config_file_is_refused_naming_it() {
    let env = TestEnv::init();
    let path = write_config(&env, "colour = \"red\"\n");
    let run = env.run(&["client", "list"]);
    run.code(2);
    assert!(run.stderr.contains(&path.display().to_string()), "{run:?}");
    write_config(&env, "format = \"yaml\"\n");
    env.run(&["client", "list"])
        .code(2)
        .stderr_has("use table, json or csv");
}

#[cfg(unix)]
#[test]
fn a_non_utf8_actor_in_the_environment_is_refused_even_when_the_file_names_one() {
    use std::os::unix::ffi::OsStrExt;
    let env = TestEnv::init();
    write_config(&env, "actor = \"file-bot\"\n");
    let mut cmd = env.cmd();
    cmd.env("APIKEY_ACTOR", std::ffi::OsStr::from_bytes(b"\xff"));
    let run = run(&mut cmd, &["client", "add", "c", "--no-key"]);
    run.code(2).stderr_has("APIKEY_ACTOR is not valid UTF-8");
}
