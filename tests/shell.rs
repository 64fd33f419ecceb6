//! Shell integration: committed completions and man pages match the generator, load in
//! real shells, and every subcommand's help has an example.

use std::path::{Path, PathBuf};
use std::process::Command;

use clap::CommandFactory;

use crate::common::TestEnv;

/// (shell name for `apikey completions`, committed file).
const COMPLETIONS: &[(&str, &str)] = &[
    ("bash", "apikey.bash"),
    ("zsh", "_apikey"),
    ("fish", "apikey.fish"),
    ("powershell", "_apikey.ps1"),
    ("elvish", "apikey.elv"),
];

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Whether `tool` can run here. Under CI (`CI` set) a missing tool fails the test,
/// since `.ci/run` installs it (fish only if it can); elsewhere the test is skipped.
fn have(tool: &str) -> bool {
    let found = Command::new(tool)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none() || tool == "fish",
            "{tool} is missing; .ci/run should have installed it"
        );
        eprintln!("skipping: {tool} is not installed");
    }
    found
}

/// Runs `script` with `shell` `args`, from the repository root; returns stdout lines.
fn shell_lines(shell: &str, args: &[&str], script: &str) -> Vec<String> {
    let out = Command::new(shell)
        .args(args)
        .arg(script)
        .current_dir(repo())
        .output()
        .expect("run shell");
    assert!(
        out.status.success() && out.stderr.is_empty(),
        "{shell} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| l.split('\t').next().unwrap_or_default().trim().to_owned())
        .filter(|l| !l.is_empty())
        .collect()
}

const CLIENT_SUBCOMMANDS: &[&str] = &[
    "add", "list", "show", "update", "disable", "enable", "grant", "revoke", "remove",
];

#[test]
fn committed_completions_match_the_generator() {
    let env = TestEnv::new();
    for (shell, file) in COMPLETIONS {
        let generated = env.run(&["completions", shell]);
        generated.code(0);
        let committed =
            std::fs::read_to_string(repo().join("completions").join(file)).unwrap_or_default();
        assert!(
            committed == generated.stdout,
            "completions/{file} is stale; regenerate it with: cargo run -- completions {shell} > completions/{file}"
        );
    }
}

#[test]
fn committed_man_pages_match_the_generator() {
    let env = TestEnv::new();
    let out = env.dir().join("man");
    env.run(&["man", "--out-dir", out.to_str().unwrap()])
        .code(0);
    let names = |dir: &Path| {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .map(|rd| {
                rd.filter_map(|e| e.ok())
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    };
    let committed_dir = repo().join("docs/man");
    let regenerate = "regenerate them with: rm -rf docs/man && cargo run -- man --out-dir docs/man";
    assert_eq!(
        names(&out),
        names(&committed_dir),
        "docs/man is stale; {regenerate}"
    );
    for name in names(&out) {
        assert!(
            std::fs::read(out.join(&name)).ok() == std::fs::read(committed_dir.join(&name)).ok(),
            "docs/man/{name} is stale; {regenerate}"
        );
    }
    assert!(names(&out).contains(&"apikey-client-add.1".to_owned()));
}

#[test]
fn man_pages_render_without_warnings() {
    if !have("groff") {
        return;
    }
    for entry in std::fs::read_dir(repo().join("docs/man")).expect("docs/man") {
        let path = entry.expect("entry").path();
        let out = Command::new("groff")
            .args(["-man", "-Tutf8", "-ww", "-z"])
            .arg(&path)
            .output()
            .expect("groff");
        assert!(
            out.status.success() && out.stderr.is_empty(),
            "{}: {}",
            path.display(),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// Every command and subcommand, with its path (`apikey client add`).
fn all_commands() -> Vec<(String, clap::Command)> {
    fn walk(prefix: &str, cmd: &clap::Command, out: &mut Vec<(String, clap::Command)>) {
        for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            let path = format!("{prefix} {}", sub.get_name());
            out.push((path.clone(), sub.clone()));
            walk(&path, sub, out);
        }
    }
    let mut out = Vec::new();
    let mut root = apikey::cli::Cli::command();
    root.build();
    walk("apikey", &root, &mut out);
    out
}

#[test]
fn every_subcommand_help_has_a_summary_and_an_example() {
    let commands = all_commands();
    assert!(
        commands.len() > 50,
        "found only {} commands",
        commands.len()
    );
    for (path, cmd) in commands {
        assert!(cmd.get_about().is_some(), "{path} has no one-line summary");
        let after = cmd
            .get_after_help()
            .map(|h| h.to_string())
            .unwrap_or_default();
        assert!(
            after.contains("Example"),
            "{path} --help has no example (after_help)"
        );
        assert!(
            after.contains(&format!(" {}", cmd.get_name())),
            "{path}'s examples do not show the command itself"
        );
    }
}

#[test]
fn the_grouped_top_level_help_lists_every_command() {
    let help = TestEnv::new().run(&["--help"]);
    help.code(0);
    for sub in apikey::cli::Cli::command().get_subcommands() {
        assert!(
            help.stdout.contains(&format!("\n  {} ", sub.get_name())),
            "top-level help does not list {}",
            sub.get_name()
        );
    }
    for group in ["Resources:", "Provisioning:", "Store:", "Shell:"] {
        help.stdout_has(group);
    }
}

#[test]
fn bash_completes_commands_and_subcommands() {
    if !have("bash") {
        return;
    }
    let complete = |words: &str, cword: usize| {
        shell_lines(
            "bash",
            &["--norc", "--noprofile", "-c"],
            &format!(
                r#"source completions/apikey.bash
                   COMP_LINE="{words}"; COMP_POINT=${{#COMP_LINE}}
                   read -ra COMP_WORDS <<< "$COMP_LINE"
                   [[ "$COMP_LINE" == *" " ]] && COMP_WORDS+=("")
                   COMP_CWORD={cword}
                   _apikey apikey "${{COMP_WORDS[$COMP_CWORD]}}" "${{COMP_WORDS[$COMP_CWORD-1]}}"
                   printf '%s\n' "${{COMPREPLY[@]}}""#
            ),
        )
    };
    assert_eq!(complete("apikey cl", 1), ["client"]);
    let subs = complete("apikey client ", 2);
    for sub in CLIENT_SUBCOMMANDS {
        assert!(subs.iter().any(|s| s == sub), "bash lacks {sub}: {subs:?}");
    }
}

#[test]
fn zsh_completes_commands_and_subcommands() {
    if !have("zsh") {
        return;
    }
    // Outside the line editor compadd cannot run, so _describe is replaced by a printer
    // and the completion file's own functions are called.
    let lines = shell_lines(
        "zsh",
        &["-f", "-c"],
        r#"autoload -U compinit && compinit -u -D
           source completions/_apikey
           _describe() { shift 3; for w in ${(P)1}; do print -r -- "${w%%:*}"; done }
           _apikey_commands; print -r -- '--'; _apikey__subcmd__client_commands"#,
    );
    let split = lines.iter().position(|l| l == "--").expect("separator");
    let (top, client) = lines.split_at(split);
    assert!(top.iter().any(|w| w == "client"), "{top:?}");
    assert_eq!(top.iter().filter(|w| w.starts_with("cl")).count(), 1);
    for sub in CLIENT_SUBCOMMANDS {
        assert!(
            client.iter().any(|s| s == sub),
            "zsh lacks {sub}: {client:?}"
        );
    }
}

#[test]
fn fish_completes_commands_and_subcommands() {
    if !have("fish") {
        return;
    }
    let complete = |line: &str| {
        shell_lines(
            "fish",
            &["--no-config", "-c"],
            &format!("source completions/apikey.fish; complete -C '{line}'"),
        )
    };
    assert_eq!(complete("apikey cl"), ["client"]);
    let subs = complete("apikey client ");
    for sub in CLIENT_SUBCOMMANDS {
        assert!(subs.iter().any(|s| s == sub), "fish lacks {sub}: {subs:?}");
    }
}
