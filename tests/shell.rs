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
    let out = out.join("man1");
    let committed_dir = repo().join("docs/man/man1");
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
    for entry in std::fs::read_dir(repo().join("docs/man/man1")).expect("docs/man/man1") {
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

/// A store with one of each name to complete, and the environment a shell needs to
/// run the built `apikey` for completion: its directory first on `PATH`, the store in
/// `APIKEY_DB`.
struct CompletionWorld {
    env: crate::common::TestEnv,
    path: std::ffi::OsString,
}

impl CompletionWorld {
    fn new() -> CompletionWorld {
        let env = crate::common::TestEnv::init();
        env.json(&["permission", "add", "bpjs:read"]);
        env.json(&["role", "add", "integration", "--permission", "bpjs:read"]);
        env.json(&[
            "client",
            "add",
            "bpjs-sync",
            "--description",
            "BPJS data sync",
        ]);
        env.run_stdin(&["user", "add", "ops@example.org", "--no-password"], "")
            .code(0);
        let bin_dir = crate::common::bin().parent().expect("bin dir").to_owned();
        let path = std::env::join_paths(std::iter::once(bin_dir).chain(std::env::split_paths(
            &std::env::var_os("PATH").unwrap_or_default(),
        )))
        .expect("PATH");
        CompletionWorld { env, path }
    }

    /// Runs `script` in `shell` from the repository root with the world's environment.
    fn lines(&self, shell: &str, args: &[&str], script: &str) -> Vec<String> {
        let out = Command::new(shell)
            .args(args)
            .arg(script)
            .current_dir(repo())
            .env("PATH", &self.path)
            .env("APIKEY_DB", self.env.store())
            .env("HOME", self.env.dir())
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
}

/// The candidates that are not flags (clap offers the flags beside the values), with
/// no lone `-` among them.
fn names(candidates: &[String]) -> Vec<String> {
    assert!(!candidates.iter().any(|c| c == "-"), "{candidates:?}");
    candidates
        .iter()
        .filter(|c| !c.starts_with('-'))
        .cloned()
        .collect()
}

#[test]
fn bash_completes_commands_subcommands_and_names_from_the_store() {
    if !have("bash") {
        return;
    }
    let world = CompletionWorld::new();
    let complete = |words: &str, cword: usize| {
        world.lines(
            "bash",
            &["--norc", "--noprofile", "-c"],
            &format!(
                r#"source completions/apikey.bash
                   COMP_LINE="{words}"; COMP_POINT=${{#COMP_LINE}}
                   read -ra COMP_WORDS <<< "$COMP_LINE"
                   [[ "$COMP_LINE" == *" " ]] && COMP_WORDS+=("")
                   COMP_CWORD={cword}
                   _clap_complete_apikey apikey "${{COMP_WORDS[$COMP_CWORD]}}" "${{COMP_WORDS[$COMP_CWORD-1]}}"
                   printf '%s\n' "${{COMPREPLY[@]}}""#
            ),
        )
    };
    assert_eq!(complete("apikey cl", 1), ["client"]);
    let subs = complete("apikey client ", 2);
    for sub in CLIENT_SUBCOMMANDS {
        assert!(subs.iter().any(|s| s == sub), "bash lacks {sub}: {subs:?}");
    }
    // Names come from the store; no lone '-' is offered for a name.
    assert_eq!(names(&complete("apikey client show ", 3)), ["bpjs-sync"]);
    assert_eq!(complete("apikey client show bp", 3), ["bpjs-sync"]);
    assert_eq!(names(&complete("apikey role show ", 3)), ["integration"]);
    assert_eq!(
        names(&complete("apikey permission show ", 3)),
        ["bpjs:read"]
    );
    assert_eq!(
        names(&complete("apikey user show ", 3)),
        ["ops@example.org"]
    );
    assert_eq!(complete("apikey key create --client ", 4), ["bpjs-sync"]);
    let key_ids = names(&complete("apikey key revoke ", 3));
    assert_eq!(key_ids.len(), 1, "{key_ids:?}");
    assert_eq!(key_ids[0].len(), 12, "{key_ids:?}");
}

#[test]
fn completing_names_never_creates_a_store_or_prints_an_error() {
    let env = crate::common::TestEnv::new();
    let out = env
        .cmd()
        .env("COMPLETE", "bash")
        .env("_CLAP_COMPLETE_INDEX", "3")
        .args(["--", "apikey", "client", "show", ""])
        .output()
        .expect("run");
    assert!(out.status.success(), "{out:?}");
    assert!(out.stderr.is_empty(), "{out:?}");
    // Without a store only the flags are offered.
    let offered = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        offered.split('\x0b').all(|w| w.starts_with('-')),
        "{offered:?}"
    );
    assert!(!env.store_exists(), "completion created a store");
}

#[test]
fn zsh_completes_commands_subcommands_and_names_from_the_store() {
    if !have("zsh") {
        return;
    }
    let world = CompletionWorld::new();
    // Outside the line editor compadd cannot run, so _describe is replaced by a printer
    // of the array it is given, and the completion function is called with `words` and
    // `CURRENT` set as the line editor would.
    let complete = |words: &str| {
        world.lines(
            "zsh",
            &["-f", "-c"],
            &format!(
                r#"autoload -U compinit && compinit -u -D
                   source completions/_apikey
                   _describe() {{ for a in "$@"; do [[ $a == -* || $a == values ]] && continue; for w in ${{(P)a}}; do print -r -- "${{w%%:*}}"; done; break; done }}
                   words=({words}); CURRENT=${{#words}}
                   _clap_dynamic_completer_apikey"#
            ),
        )
    };
    let top = complete("apikey cl");
    assert_eq!(top, ["client"], "{top:?}");
    let client = complete("apikey client ''");
    for sub in CLIENT_SUBCOMMANDS {
        assert!(
            client.iter().any(|s| s == sub),
            "zsh lacks {sub}: {client:?}"
        );
    }
    assert_eq!(names(&complete("apikey client show ''")), ["bpjs-sync"]);
    assert_eq!(
        complete("apikey user grant ops@example.org --role ''"),
        ["integration"]
    );
}

#[test]
fn fish_completes_commands_subcommands_and_names_from_the_store() {
    if !have("fish") {
        return;
    }
    let world = CompletionWorld::new();
    let complete = |line: &str| {
        world.lines(
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
    assert_eq!(names(&complete("apikey client show ")), ["bpjs-sync"]);
    assert_eq!(complete("apikey role show int"), ["integration"]);
}
