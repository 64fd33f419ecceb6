//! The README's shell examples run as written: every ```sh block, in order, in one bash
//! session, with the built `apikey` on PATH and a scratch HOME and working directory.
//! (```console blocks are the build and install commands, which CI runs itself.)

use std::process::Command;

use crate::common::TestEnv;

fn sh_blocks(markdown: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in markdown.lines() {
        match (&mut current, line.trim_end()) {
            (None, "```sh") => current = Some(String::new()),
            (Some(block), "```") => {
                blocks.push(std::mem::take(block));
                current = None;
            }
            (Some(block), text) => {
                block.push_str(text);
                block.push('\n');
            }
            (None, _) => {}
        }
    }
    blocks
}

#[test]
fn every_shell_example_in_the_readme_runs() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let blocks = sh_blocks(&readme);
    assert!(blocks.len() >= 10, "found only {} sh blocks", blocks.len());

    let env = TestEnv::new();
    let bin_dir = env.dir().join("bin");
    std::fs::create_dir_all(&bin_dir).unwrap();
    std::os::unix::fs::symlink(
        assert_cmd::cargo::cargo_bin("apikey"),
        bin_dir.join("apikey"),
    )
    .unwrap();
    let work = env.dir().join("work");
    std::fs::create_dir_all(&work).unwrap();

    let script = format!(
        "set -euo pipefail\ntrap 'echo \"README command failed (line $LINENO): $BASH_COMMAND\" >&2' ERR\n{}",
        blocks.join("\n")
    );
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = Command::new("bash")
        .arg("-c")
        .arg(&script)
        .current_dir(&work)
        .env_clear()
        .env("PATH", path)
        .env("HOME", env.dir())
        .env("USER", "readme")
        .output()
        .expect("bash");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "README examples failed:\n{stderr}\n--- stdout tail ---\n{}",
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .rev()
            .take(15)
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert!(
        !stderr.contains("error:"),
        "an example printed an error:\n{stderr}"
    );
}
