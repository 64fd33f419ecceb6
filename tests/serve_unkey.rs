//! `/v2/keys.verifyKey` against Unkey's published OpenAPI document for that operation:
//! every request the test sends is valid under Unkey's request schema, and every answer
//! (valid, expired, over its cap, rate-limited, disabled, unknown, allow-list, and
//! permission queries with AND, OR and parentheses) is valid under Unkey's 200 response
//! schema. The schemas are `tests/fixtures/unkey-v2-verifykey.json` (source and commit
//! in its `$comment`).

use std::collections::BTreeSet;

use serde_json::{Value, json};

use crate::common::unix_now;
use crate::serve_support::{Server, bearer, store};

fn unkey() -> Value {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/unkey-v2-verifykey.json"
    ))
    .unwrap();
    serde_json::from_str(&text).unwrap()
}

/// Every violation of `schema` by `instance`, one per line (empty when valid).
fn violations(validator: &jsonschema::Validator, instance: &Value) -> String {
    validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn verify_key_answers_match_unkeys_published_schema() {
    let fixture = unkey();
    let request_schema = jsonschema::validator_for(&fixture["request"]).unwrap();
    let response_schema = jsonschema::validator_for(&fixture["response"]).unwrap();
    let unkey_codes: BTreeSet<String> =
        fixture["response"]["properties"]["data"]["properties"]["code"]["enum"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap().to_owned())
            .collect();
    assert_eq!(unkey_codes.len(), 8, "{unkey_codes:?}");
    // The fixture's schemas bite: a wrong code or an unknown field is refused.
    let wrong = json!({"meta": {"requestId": "r"}, "data": {"valid": false, "code": "REVOKED"}});
    assert!(!response_schema.is_valid(&wrong));
    let extra = json!({"meta": {"requestId": "r"}, "data": {"valid": true, "code": "VALID", "key_id": "x"}});
    assert!(!response_schema.is_valid(&extra));

    let (env, key, _) = store();
    let caller = env.json(&["client", "add", "service", "--role", "verifier"])["key"]["secret"]
        .as_str()
        .unwrap()
        .to_owned();
    let (_, full) = env.create_key(
        "bpjs-sync",
        &[
            "--label",
            "dashboard",
            "--meta",
            "plan=gold",
            "--expires-in",
            "30d",
        ],
    );
    let (expired_id, expired) = env.create_key("bpjs-sync", &["--expires-in", "1d"]);
    env.set_key_expiry(&expired_id, unix_now() - 60);
    let (_, capped) = env.create_key("bpjs-sync", &["--max-uses", "1"]);
    let (_, limited) = env.create_key("bpjs-sync", &["--rate-limit", "1/1m"]);
    let (disabled_id, disabled) = env.create_key("bpjs-sync", &[]);
    env.run(&["key", "disable", &disabled_id]).code(0);
    let (revoked_id, revoked) = env.create_key("bpjs-sync", &[]);
    env.run(&["key", "revoke", &revoked_id, "--yes"]).code(0);
    let (_, fenced) = env.create_key("bpjs-sync", &["--allow-ip", "10.0.0.0/8"]);
    let mut unknown = key.clone();
    unknown.replace_range(5..6, if &key[5..6] == "A" { "B" } else { "A" });
    let server = Server::start(&env, &[]);
    let auth = bearer(&caller);

    let cases: Vec<(&str, Value, &str)> = vec![
        ("valid", json!({"key": key}), "VALID"),
        (
            "valid, every field",
            json!({"key": full, "tags": ["endpoint=/bpjs"]}),
            "VALID",
        ),
        ("expired", json!({"key": expired}), "EXPIRED"),
        ("capped, its one use", json!({"key": capped}), "VALID"),
        ("capped, over", json!({"key": capped}), "USAGE_EXCEEDED"),
        ("rate-limited, first", json!({"key": limited}), "VALID"),
        (
            "rate-limited, over",
            json!({"key": limited}),
            "RATE_LIMITED",
        ),
        ("disabled", json!({"key": disabled}), "DISABLED"),
        ("unknown", json!({"key": unknown}), "NOT_FOUND"),
        ("malformed", json!({"key": "not-a-key"}), "NOT_FOUND"),
        ("revoked", json!({"key": revoked}), "NOT_FOUND"),
        ("allow-list", json!({"key": fenced}), "FORBIDDEN"),
        (
            "AND held",
            json!({"key": key, "permissions": "bpjs:read AND users:read"}),
            "VALID",
        ),
        (
            "AND missing",
            json!({"key": key, "permissions": "bpjs:read AND bpjs:write"}),
            "INSUFFICIENT_PERMISSIONS",
        ),
        (
            "OR",
            json!({"key": key, "permissions": "bpjs:write OR bpjs:read"}),
            "VALID",
        ),
        (
            "parentheses",
            json!({"key": key, "permissions": "(bpjs:write OR users:read) AND roles:read"}),
            "VALID",
        ),
        (
            "parentheses missing",
            json!({"key": key, "permissions": "bpjs:read AND (bpjs:write OR apikey:verify)"}),
            "INSUFFICIENT_PERMISSIONS",
        ),
        (
            "credits cost 1",
            json!({"key": key, "credits": {"cost": 1}}),
            "VALID",
        ),
    ];
    let mut seen = BTreeSet::new();
    for (name, request, code) in &cases {
        let errors = violations(&request_schema, request);
        assert!(errors.is_empty(), "{name}: not an Unkey request: {errors}");
        let answer = server.post(
            "/v2/keys.verifyKey",
            &[(auth.0, &auth.1)],
            &request.to_string(),
        );
        assert_eq!(answer.status, 200, "{name}: {answer:?}");
        let body = answer.json();
        let errors = violations(&response_schema, &body);
        assert!(
            errors.is_empty(),
            "{name}: {body}\nnot Unkey's shape: {errors}"
        );
        assert_eq!(body["data"]["code"], *code, "{name}: {body}");
        assert_eq!(body["data"]["valid"], *code == "VALID", "{name}: {body}");
        seen.insert((*code).to_owned());
        match *name {
            "valid, every field" => {
                let data = &body["data"];
                assert_eq!(data["name"], "dashboard", "{body}");
                assert_eq!(data["meta"], json!({"plan": "gold"}), "{body}");
                assert!(
                    data["expires"].as_i64().unwrap() > unix_now() * 1000,
                    "{body}"
                );
                assert_eq!(data["identity"]["externalId"], "bpjs-sync", "{body}");
                assert_eq!(data["roles"], json!(["reader"]), "{body}");
                assert!(data["permissions"].as_array().unwrap().len() >= 5, "{body}");
            }
            "capped, its one use" | "capped, over" => assert_eq!(body["data"]["credits"], 0),
            "rate-limited, over" => assert!(answer.header("retry-after").is_some()),
            "unknown" | "malformed" | "revoked" => {
                assert!(body["data"].get("keyId").is_none(), "{body}");
            }
            _ => {}
        }
    }
    // Every code Unkey defines is answered, and no other.
    assert_eq!(seen, unkey_codes);
    assert!(!server.log().contains(&key));
}
