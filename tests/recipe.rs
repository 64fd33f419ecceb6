//! The schema's one-query recipe (docs/schema.md) and `key verify` agree on every input:
//! the recipe, run through Python's sqlite3 as a server in another language would, gives
//! the same valid/refused answer as `apikey key verify` over a corpus of keys (with
//! surrounding whitespace and CR, imported keys, refused keys) and caller addresses
//! (IPv4, IPv6, IPv4-mapped).

use std::process::Command;

use crate::common::TestEnv;

/// The first ```sql block of docs/schema.md: the recipe exactly as documented.
fn documented_query() -> String {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/schema.md"))
        .expect("docs/schema.md");
    let start = doc.find("```sql\n").expect("a sql block") + "```sql\n".len();
    let end = start + doc[start..].find("```").expect("its end");
    doc[start..end].to_owned()
}

/// The recipe in Python: trim, hash, query, then the allow-list with IPv4-mapped
/// callers compared as IPv4. Prints one line per case: 1 valid, 0 refused.
const RECIPE: &str = r#"
import hashlib, ipaddress, json, sqlite3, sys
db, query, cases = sys.argv[1], sys.argv[2], json.load(sys.stdin)
conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
for key, ip in cases:
    sha = hashlib.sha256(key.strip(" \t\r\n").encode()).hexdigest()
    row = conn.execute(query.replace(":sha256_hex", "?"), (sha,)).fetchone()
    ok = row is not None
    if ok:
        blocks = json.loads(row[5])
        if blocks:
            if ip is None:
                ok = False
            else:
                addr = ipaddress.ip_address(ip)
                if addr.version == 6 and addr.ipv4_mapped:
                    addr = addr.ipv4_mapped
                ok = any(addr in ipaddress.ip_network(b) for b in blocks)
    print(1 if ok else 0)
"#;

#[test]
fn the_documented_recipe_and_key_verify_agree() {
    sqlite_only!("the documented recipe reads the SQLite store file with Python's sqlite3");
    if Command::new("python3").arg("--version").output().is_err() {
        assert!(std::env::var_os("CI").is_none(), "python3 is missing");
        eprintln!("skipping: python3 is not installed");
        return;
    }
    let env = TestEnv::init();
    env.add_client("c");
    env.add_client("off");
    let (_, plain) = env.create_key("c", &[]);
    let (_, v4) = env.create_key("c", &["--allow-ip", "10.0.0.0/8"]);
    let (_, v6) = env.create_key("c", &["--allow-ip", "2001:db8::/32"]);
    let (_, mapped) = env.create_key("c", &["--allow-ip", "::ffff:10.0.0.0/104"]);
    let (revoked_id, revoked) = env.create_key("c", &[]);
    env.run(&["key", "revoke", &revoked_id, "--yes"]).code(0);
    let (expired_id, expired) = env.create_key("c", &[]);
    env.set_key_expiry(&expired_id, 1_000);
    let (_, disabled) = env.create_key("off", &[]);
    env.run(&["client", "disable", "off"]).code(0);
    let imported = "legacy-key-0123456789-abcdef";
    env.run_stdin(&["key", "import", "--client", "c", "-"], imported)
        .code(0);
    let unknown = "ak_0000000000000000000000000000000000000X";

    let keys = [&plain, &v4, &v6, &mapped, &revoked, &expired, &disabled]
        .map(|k| k.to_string())
        .into_iter()
        .chain([imported.to_owned(), unknown.to_owned()])
        .collect::<Vec<_>>();
    let mut cases: Vec<(String, Option<&str>)> = Vec::new();
    for key in &keys {
        for presented in [
            key.clone(),
            format!("  {key}\t"),
            format!("{key}\r\n"),
            format!("\n{key}\n"),
        ] {
            for ip in [
                None,
                Some("10.1.2.3"),
                Some("::ffff:10.1.2.3"),
                Some("192.168.1.1"),
                Some("2001:db8::1"),
            ] {
                cases.push((presented.clone(), ip));
            }
        }
    }

    let theirs = {
        let mut child = Command::new("python3")
            .args(["-c", RECIPE])
            .arg(env.db())
            .arg(documented_query())
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("python3");
        let input = serde_json::to_vec(&cases).expect("cases");
        std::io::Write::write_all(child.stdin.as_mut().expect("stdin"), &input).expect("write");
        let out = child.wait_with_output().expect("python3 output");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout)
            .expect("utf-8")
            .lines()
            .map(|l| l == "1")
            .collect::<Vec<bool>>()
    };
    assert_eq!(theirs.len(), cases.len());
    let mut valid = 0;
    for ((presented, ip), recipe_says) in cases.iter().zip(&theirs) {
        let mut args = vec!["--json", "key", "verify"];
        if let Some(ip) = ip {
            args.extend(["--ip", ip]);
        }
        let run = env.run_stdin(&args, presented);
        let ours = run.code == 0;
        valid += usize::from(ours);
        assert_eq!(
            ours,
            *recipe_says,
            "disagree on key #{} with --ip {ip:?}: key verify said {}",
            keys.iter()
                .position(|k| presented.trim() == k)
                .unwrap_or(usize::MAX),
            run.stdout
        );
    }
    assert!(valid > 0, "the corpus must hold valid cases");
}
