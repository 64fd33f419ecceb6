//! What `audit verify` detects: edits that break the chain always; a consistently
//! rewritten or cut log only against an anchor (`audit head`) kept outside the store.

use sha2::{Digest, Sha256};

use crate::common::TestEnv;

fn head(env: &TestEnv) -> String {
    let run = env.run(&["audit", "head"]);
    run.code(0);
    run.stdout.trim().to_owned()
}

/// Rewrites every event from the first with the documented formula (docs/schema.md),
/// after changing event 2's target: what an attacker with write access can do.
fn rewrite_chain(env: &TestEnv) {
    env.exec_sql(
        "UPDATE audit_events SET target = 'forged' WHERE seq = 2",
        &[],
    );
    let rows: Vec<(i64, i64, String, String, String, String)> = env
        .query_rows(
            "SELECT seq, at, actor, action, target, details FROM audit_events ORDER BY seq",
            &[],
        )
        .iter()
        .map(|r| {
            let text = |i: usize| r[i].text().expect("text");
            (
                r[0].int().expect("seq"),
                r[1].int().expect("at"),
                text(2),
                text(3),
                text(4),
                text(5),
            )
        })
        .collect();
    let mut prev = "0".repeat(64);
    for (seq, at, actor, action, target, details) in rows {
        let canonical =
            serde_json::to_string(&(seq, at, &actor, &action, &target, &details, &prev))
                .expect("json");
        let hash: String = Sha256::digest(canonical.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        env.exec_sql(
            "UPDATE audit_events SET prev_hash = ?1, hash = ?2 WHERE seq = ?3",
            &[&prev, &hash, &seq],
        );
        prev = hash;
    }
}

fn store_with_events() -> TestEnv {
    let env = TestEnv::init();
    env.run(&["client", "add", "a", "--no-key"]).code(0);
    env.run(&["client", "add", "b", "--no-key"]).code(0);
    env.run(&["client", "disable", "b"]).code(0);
    env
}

#[test]
fn head_prints_the_anchor_that_verify_reports() {
    let env = store_with_events();
    let anchor = head(&env);
    let (seq, hash) = anchor.split_once(':').expect("SEQ:HASH");
    assert_eq!(seq, "4");
    let verified = env.json(&["audit", "verify", "--expect", &anchor]);
    assert_eq!(verified["head"], hash);
    assert_eq!(verified["anchor_checked"], true);
    let json = env.json(&["audit", "head"]);
    assert_eq!(json["seq"], 4);
    assert_eq!(json["hash"], hash);
}

#[test]
fn a_consistently_rewritten_chain_passes_alone_but_fails_against_the_anchor() {
    let env = store_with_events();
    let anchor = head(&env);
    rewrite_chain(&env);
    // Write access to the store alone can forge a chain that checks out.
    env.run(&["audit", "verify"]).code(0);
    env.run(&["audit", "verify", "--expect", &anchor])
        .code(1)
        .stderr_has("rewritten");
}

#[test]
fn a_cut_log_fails_against_the_anchor() {
    let env = store_with_events();
    let anchor = head(&env);
    env.exec_sql("DELETE FROM audit_events WHERE seq = 4", &[]);
    env.run(&["audit", "verify"]).code(0);
    env.run(&["audit", "verify", "--expect", &anchor])
        .code(1)
        .stderr_has("cut back");
}

#[test]
fn a_malformed_anchor_is_refused() {
    let env = store_with_events();
    for bad in [
        "4",
        "x:abc",
        "4:abcd",
        "0:",
        &format!("-1:{}", "a".repeat(64)),
    ] {
        env.run(&["audit", "verify", &format!("--expect={bad}")])
            .code(2)
            .stderr_has("SEQ:HASH");
    }
}
