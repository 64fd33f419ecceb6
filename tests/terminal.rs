//! Ctrl-C at every kind of prompt leaves the terminal as it was (echo on, cursor shown),
//! exits 130 and changes nothing. Run under a real pseudo-terminal with Python's `pty`,
//! with no shell in between to repair the terminal (as with dash).

use std::process::Command;

use crate::common::TestEnv;

/// Spawns ARGS on a new pseudo-terminal, presses Ctrl-C once the prompt shows, and
/// prints `EXIT ECHO SHOWN`: the exit code, whether echo is on afterwards, and whether
/// the cursor was shown again.
const PRESS_CTRL_C: &str = r#"
import os, pty, select, sys, termios, time
pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[1], sys.argv[1:])
out, sent, deadline = b"", False, time.time() + 20
while time.time() < deadline:
    ready, _, _ = select.select([fd], [], [], 0.1)
    if ready:
        try:
            data = os.read(fd, 4096)
        except OSError:
            break
        if not data:
            break
        out += data
    if not sent and (b"?" in out or b":" in out):
        time.sleep(0.3)
        os.write(fd, b"\x03")
        sent = True
_, status = os.waitpid(pid, 0)
echo = bool(termios.tcgetattr(fd)[3] & termios.ECHO)
print(os.waitstatus_to_exitcode(status), int(echo), int(b"\x1b[?25h" in out or b"\x1b[?25l" not in out))
"#;

#[test]
fn ctrl_c_at_any_prompt_restores_the_terminal_and_changes_nothing() {
    if Command::new("python3").arg("--version").output().is_err() {
        assert!(std::env::var_os("CI").is_none(), "python3 is missing");
        eprintln!("skipping: python3 is not installed");
        return;
    }
    let env = TestEnv::init();
    env.add_client("bpjs-sync");
    let before = env.dump();
    let bin = crate::common::bin();
    for args in [
        vec!["client", "remove", "bpjs-sync"],
        vec!["user", "add", "ops@example.org"],
        vec!["key", "verify"],
    ] {
        let out = Command::new("python3")
            .args(["-c", PRESS_CTRL_C])
            .arg(&bin)
            .args(&args)
            .env("APIKEY_DB", env.store())
            .env("APIKEY_ACTOR", "tester")
            .env("TERM", "xterm")
            .output()
            .expect("python3");
        let report = String::from_utf8_lossy(&out.stdout);
        assert_eq!(
            report.trim(),
            "130 1 1",
            "{args:?}: exit, echo, cursor: {report}"
        );
        assert_eq!(env.dump(), before, "{args:?} changed the store");
    }
}
