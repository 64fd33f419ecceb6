//! `verify::decide`, the pure part of verification: every result code, the fixed order of
//! the checks, and their boundaries. No store: each `KeyState` is built by hand.

// A panic is how a test reports a failure.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::net::IpAddr;

use apikey_core::model::{ApiKey, KeyStatus, Verdict, VerifyResult};
use apikey_core::verify::{KeyState, Lookup, VerifyRequest, decide};
use ipnet::IpNet;
use jiff::Timestamp;

/// The time every decision is taken at (whole seconds, as the store keeps them).
const NOW: i64 = 1_800_000_000;

fn at(secs: i64) -> Timestamp {
    Timestamp::from_second(secs).unwrap()
}

fn now() -> Timestamp {
    at(NOW)
}

/// An active, uncapped key of an active client `acme` with role `reader` granting
/// `bpjs:read`, no allow-list and one metadata entry. Tests change what they need.
fn state() -> KeyState {
    KeyState {
        key: ApiKey {
            id: "k0000000000a".into(),
            client: "acme".into(),
            label: "test".into(),
            prefix: "ak".into(),
            hint: "ak_abcd".into(),
            status: KeyStatus::Active,
            created_at: at(NOW - 3600),
            expires_at: None,
            revoked_at: None,
            revoked_reason: None,
            disabled: false,
            use_count: 0,
            max_uses: None,
            last_used_at: None,
            allowed_ips: Vec::new(),
            metadata: BTreeMap::from([("env".to_owned(), "prod".to_owned())]),
            rotated_from: None,
            imported: false,
            rate_limit: None,
        },
        client_row: 1,
        client_id: "c0000000000a".into(),
        client_disabled: false,
        roles: vec!["reader".into()],
        grants: vec!["bpjs:read".into()],
        permissions: vec!["bpjs:read".into()],
        allowed: Vec::new(),
    }
}

/// `state` with `edit` applied, as a lookup result.
fn found(edit: impl FnOnce(&mut KeyState)) -> Lookup {
    let mut s = state();
    edit(&mut s);
    Lookup::Found(Box::new(s))
}

/// Sets the allow-list (both the parsed nets and the stored strings).
fn allow(s: &mut KeyState, nets: &[&str]) {
    s.allowed = nets.iter().map(|n| n.parse::<IpNet>().unwrap()).collect();
    s.key.allowed_ips = nets.iter().map(|n| (*n).to_owned()).collect();
}

fn request(ip: Option<&str>, permissions: &[&str]) -> VerifyRequest {
    VerifyRequest {
        ip: ip.map(|ip| ip.parse::<IpAddr>().unwrap()),
        permissions: permissions.iter().map(|p| (*p).to_owned()).collect(),
    }
}

fn plain() -> VerifyRequest {
    VerifyRequest::default()
}

/// Asserts a refusal with `result`: not valid, a reason in words, nothing a valid answer
/// carries. Returns the verdict for further checks.
#[track_caller]
fn assert_refused(lookup: &Lookup, req: &VerifyRequest, result: VerifyResult) -> Verdict {
    let v = decide(lookup, req, now());
    assert_eq!(v.result, result, "{v:?}");
    assert!(!v.valid, "{v:?}");
    assert!(v.reason.as_deref().is_some_and(|r| !r.is_empty()), "{v:?}");
    assert!(v.roles.is_none(), "a refusal carries roles: {v:?}");
    assert!(
        v.permissions.is_none(),
        "a refusal carries permissions: {v:?}"
    );
    assert!(v.metadata.is_none(), "a refusal carries metadata: {v:?}");
    assert!(v.remaining_uses.is_none(), "{v:?}");
    assert!(v.expires_at.is_none(), "{v:?}");
    assert!(v.usage_recorded.is_none(), "decide records nothing: {v:?}");
    if result != VerifyResult::InsufficientPermissions {
        assert!(v.missing_permissions.is_none(), "{v:?}");
    }
    v
}

/// Asserts a `VALID` verdict; returns it for further checks.
#[track_caller]
fn assert_valid(lookup: &Lookup, req: &VerifyRequest) -> Verdict {
    let v = decide(lookup, req, now());
    assert_eq!(v.result, VerifyResult::Valid, "{v:?}");
    assert!(v.valid, "{v:?}");
    assert!(v.reason.is_none(), "{v:?}");
    assert!(v.missing_permissions.is_none(), "{v:?}");
    assert!(v.usage_recorded.is_none(), "decide records nothing: {v:?}");
    v
}

/// A refusal of a found key names the key and its client.
#[track_caller]
fn assert_names_key(v: &Verdict) {
    assert_eq!(v.key_id.as_deref(), Some("k0000000000a"), "{v:?}");
    assert_eq!(v.client.as_deref(), Some("acme"), "{v:?}");
}

// ---- each result code ----------------------------------------------------------------

#[test]
fn malformed_passes_the_reason_through_and_names_no_key() {
    let lookup = Lookup::Malformed("the checksum does not match".into());
    let v = assert_refused(&lookup, &plain(), VerifyResult::Malformed);
    assert_eq!(v.reason.as_deref(), Some("the checksum does not match"));
    assert!(v.key_id.is_none() && v.client.is_none(), "{v:?}");
    assert_eq!(v.result.as_str(), "MALFORMED");
}

#[test]
fn not_found_names_no_key() {
    let v = assert_refused(&Lookup::NotFound, &plain(), VerifyResult::NotFound);
    assert!(v.key_id.is_none() && v.client.is_none(), "{v:?}");
    assert_eq!(v.result.as_str(), "NOT_FOUND");
}

#[test]
fn malformed_and_not_found_ignore_the_request() {
    let req = request(Some("192.0.2.1"), &["users:write"]);
    assert_refused(
        &Lookup::Malformed("bad".into()),
        &req,
        VerifyResult::Malformed,
    );
    assert_refused(&Lookup::NotFound, &req, VerifyResult::NotFound);
}

#[test]
fn revoked() {
    let lookup = found(|s| {
        s.key.revoked_at = Some(at(NOW - 10));
        s.key.revoked_reason = Some("leaked".into());
    });
    let v = assert_refused(&lookup, &plain(), VerifyResult::Revoked);
    assert_names_key(&v);
    assert_eq!(v.result.as_str(), "REVOKED");
}

#[test]
fn expired() {
    let lookup = found(|s| s.key.expires_at = Some(at(NOW - 60)));
    let v = assert_refused(&lookup, &plain(), VerifyResult::Expired);
    assert_names_key(&v);
    assert_eq!(v.result.as_str(), "EXPIRED");
}

#[test]
fn disabled_when_the_key_is_disabled() {
    let lookup = found(|s| s.key.disabled = true);
    let v = assert_refused(&lookup, &plain(), VerifyResult::Disabled);
    assert_names_key(&v);
    assert!(v.reason.unwrap().contains("key"));
}

#[test]
fn disabled_when_the_client_is_disabled() {
    let lookup = found(|s| s.client_disabled = true);
    let v = assert_refused(&lookup, &plain(), VerifyResult::Disabled);
    assert_names_key(&v);
    let reason = v.reason.unwrap();
    assert!(
        reason.contains("client") && reason.contains("acme"),
        "{reason}"
    );
    assert_eq!(v.result.as_str(), "DISABLED");
}

#[test]
fn usage_exceeded() {
    let lookup = found(|s| {
        s.key.max_uses = Some(3);
        s.key.use_count = 3;
    });
    let v = assert_refused(&lookup, &plain(), VerifyResult::UsageExceeded);
    assert_names_key(&v);
    assert_eq!(v.result.as_str(), "USAGE_EXCEEDED");
}

#[test]
fn forbidden_for_an_address_outside_the_allow_list() {
    let lookup = found(|s| allow(s, &["10.0.0.0/8", "2001:db8::/32"]));
    for ip in ["192.168.1.1", "11.0.0.1", "2001:db9::1", "::1"] {
        let v = assert_refused(&lookup, &request(Some(ip), &[]), VerifyResult::Forbidden);
        assert_names_key(&v);
        assert!(v.reason.unwrap().contains(ip), "the reason names {ip}");
    }
}

#[test]
fn forbidden_without_a_caller_address_when_the_key_has_an_allow_list() {
    let lookup = found(|s| allow(s, &["10.0.0.0/8"]));
    let v = assert_refused(&lookup, &plain(), VerifyResult::Forbidden);
    assert_names_key(&v);
    assert_eq!(v.result.as_str(), "FORBIDDEN");
}

#[test]
fn insufficient_permissions_lists_exactly_the_missing_ones() {
    let lookup = found(|_| {});
    let req = request(None, &["bpjs:read", "users:read", "bpjs:write"]);
    let v = assert_refused(&lookup, &req, VerifyResult::InsufficientPermissions);
    assert_names_key(&v);
    assert_eq!(
        v.missing_permissions,
        Some(vec!["users:read".to_owned(), "bpjs:write".to_owned()])
    );
    let reason = v.reason.unwrap();
    assert!(
        reason.contains("users:read") && reason.contains("bpjs:write"),
        "{reason}"
    );
    assert_eq!(v.result.as_str(), "INSUFFICIENT_PERMISSIONS");
}

#[test]
fn insufficient_permissions_for_a_client_without_roles() {
    let lookup = found(|s| {
        s.roles.clear();
        s.grants.clear();
        s.permissions.clear();
    });
    let v = assert_refused(
        &lookup,
        &request(None, &["bpjs:read"]),
        VerifyResult::InsufficientPermissions,
    );
    assert_eq!(v.missing_permissions, Some(vec!["bpjs:read".to_owned()]));
    // Asking nothing is still valid.
    assert_valid(&lookup, &plain());
}

#[test]
fn valid_carries_roles_permissions_metadata_and_no_remaining_uses_when_uncapped() {
    let lookup = found(|s| s.key.expires_at = Some(at(NOW + 86_400)));
    let v = assert_valid(&lookup, &request(None, &["bpjs:read"]));
    assert_names_key(&v);
    assert_eq!(v.roles, Some(vec!["reader".to_owned()]));
    assert_eq!(v.permissions, Some(vec!["bpjs:read".to_owned()]));
    assert_eq!(
        v.metadata,
        Some(BTreeMap::from([("env".to_owned(), "prod".to_owned())]))
    );
    assert_eq!(v.expires_at, Some(at(NOW + 86_400)));
    assert_eq!(v.remaining_uses, None);
    assert_eq!(v.result.as_str(), "VALID");
}

#[test]
fn valid_remaining_uses_counts_this_use() {
    let lookup = found(|s| {
        s.key.max_uses = Some(10);
        s.key.use_count = 4;
    });
    let v = assert_valid(&lookup, &plain());
    assert_eq!(v.remaining_uses, Some(5));
}

#[test]
fn valid_permissions_are_the_expanded_ones_from_the_state() {
    let lookup = found(|s| {
        s.roles = vec!["admin".into(), "reader".into()];
        s.grants = vec!["bpjs:*".into()];
        s.permissions = vec!["bpjs:read".into(), "bpjs:write".into()];
    });
    let v = assert_valid(&lookup, &plain());
    assert_eq!(v.roles, Some(vec!["admin".to_owned(), "reader".to_owned()]));
    assert_eq!(
        v.permissions,
        Some(vec!["bpjs:read".to_owned(), "bpjs:write".to_owned()])
    );
}

#[test]
fn a_stale_stored_status_is_not_trusted() {
    // The status read with the key is re-derived: an "active" record past its expiry is
    // expired, and an "expired" record that is in fact live verifies.
    let lookup = found(|s| {
        s.key.status = KeyStatus::Active;
        s.key.expires_at = Some(at(NOW - 1));
    });
    assert_refused(&lookup, &plain(), VerifyResult::Expired);
    let lookup = found(|s| {
        s.key.status = KeyStatus::Expired;
        s.key.expires_at = Some(at(NOW + 60));
    });
    assert_valid(&lookup, &plain());
}

// ---- the order of the checks ---------------------------------------------------------

#[test]
fn revoked_wins_over_expired() {
    let lookup = found(|s| {
        s.key.revoked_at = Some(at(NOW - 10));
        s.key.expires_at = Some(at(NOW - 20));
    });
    assert_refused(&lookup, &plain(), VerifyResult::Revoked);
}

#[test]
fn revoked_wins_over_everything_else() {
    let lookup = found(|s| {
        s.key.revoked_at = Some(at(NOW - 10));
        s.key.expires_at = Some(at(NOW - 20));
        s.key.disabled = true;
        s.client_disabled = true;
        s.key.max_uses = Some(1);
        s.key.use_count = 1;
        allow(s, &["10.0.0.0/8"]);
    });
    assert_refused(
        &lookup,
        &request(Some("192.168.0.1"), &["users:read"]),
        VerifyResult::Revoked,
    );
}

#[test]
fn expired_wins_over_disabled() {
    let lookup = found(|s| {
        s.key.expires_at = Some(at(NOW - 20));
        s.key.disabled = true;
    });
    assert_refused(&lookup, &plain(), VerifyResult::Expired);
    let lookup = found(|s| {
        s.key.expires_at = Some(at(NOW - 20));
        s.client_disabled = true;
    });
    assert_refused(&lookup, &plain(), VerifyResult::Expired);
}

#[test]
fn disabled_wins_over_spent() {
    let spent = |s: &mut KeyState| {
        s.key.max_uses = Some(2);
        s.key.use_count = 2;
    };
    let lookup = found(|s| {
        spent(s);
        s.key.disabled = true;
    });
    assert_refused(&lookup, &plain(), VerifyResult::Disabled);
    let lookup = found(|s| {
        spent(s);
        s.client_disabled = true;
    });
    assert_refused(&lookup, &plain(), VerifyResult::Disabled);
}

#[test]
fn spent_wins_over_a_bad_address() {
    let lookup = found(|s| {
        s.key.max_uses = Some(2);
        s.key.use_count = 2;
        allow(s, &["10.0.0.0/8"]);
    });
    assert_refused(
        &lookup,
        &request(Some("192.168.0.1"), &[]),
        VerifyResult::UsageExceeded,
    );
    assert_refused(&lookup, &plain(), VerifyResult::UsageExceeded);
}

#[test]
fn a_bad_address_wins_over_a_missing_permission() {
    let lookup = found(|s| allow(s, &["10.0.0.0/8"]));
    let v = assert_refused(
        &lookup,
        &request(Some("192.168.0.1"), &["users:read"]),
        VerifyResult::Forbidden,
    );
    assert!(v.missing_permissions.is_none(), "{v:?}");
    // From an allowed address the missing permission is the answer.
    assert_refused(
        &lookup,
        &request(Some("10.0.0.1"), &["users:read"]),
        VerifyResult::InsufficientPermissions,
    );
}

// ---- boundaries ----------------------------------------------------------------------

#[test]
fn a_key_expiring_exactly_now_is_expired() {
    let lookup = found(|s| s.key.expires_at = Some(at(NOW)));
    assert_refused(&lookup, &plain(), VerifyResult::Expired);
}

#[test]
fn a_key_expiring_one_second_after_now_is_valid() {
    let lookup = found(|s| s.key.expires_at = Some(at(NOW + 1)));
    let v = assert_valid(&lookup, &plain());
    assert_eq!(v.expires_at, Some(at(NOW + 1)));
}

#[test]
fn the_last_use_is_valid_with_none_remaining() {
    let lookup = found(|s| {
        s.key.max_uses = Some(5);
        s.key.use_count = 4;
    });
    let v = assert_valid(&lookup, &plain());
    assert_eq!(v.remaining_uses, Some(0));
}

#[test]
fn a_spent_key_is_usage_exceeded() {
    let lookup = found(|s| {
        s.key.max_uses = Some(5);
        s.key.use_count = 5;
    });
    assert_refused(&lookup, &plain(), VerifyResult::UsageExceeded);
    // More than spent (counted elsewhere meanwhile) is no different.
    let lookup = found(|s| {
        s.key.max_uses = Some(5);
        s.key.use_count = 6;
    });
    assert_refused(&lookup, &plain(), VerifyResult::UsageExceeded);
}

#[test]
fn a_single_use_key_is_valid_once() {
    let fresh = found(|s| s.key.max_uses = Some(1));
    assert_eq!(assert_valid(&fresh, &plain()).remaining_uses, Some(0));
    let used = found(|s| {
        s.key.max_uses = Some(1);
        s.key.use_count = 1;
    });
    assert_refused(&used, &plain(), VerifyResult::UsageExceeded);
}

#[test]
fn an_ipv4_mapped_caller_matches_its_ipv4_block() {
    let lookup = found(|s| allow(s, &["10.0.0.0/8"]));
    assert_valid(&lookup, &request(Some("::ffff:10.1.2.3"), &[]));
    assert_valid(&lookup, &request(Some("10.1.2.3"), &[]));
    assert_refused(
        &lookup,
        &request(Some("::ffff:192.168.1.1"), &[]),
        VerifyResult::Forbidden,
    );
}

#[test]
fn allow_list_edges_are_inclusive() {
    let lookup = found(|s| allow(s, &["10.0.0.0/8", "192.0.2.7/32", "2001:db8::/32"]));
    for ip in [
        "10.0.0.0",
        "10.255.255.255",
        "192.0.2.7",
        "2001:db8::",
        "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff",
    ] {
        assert_valid(&lookup, &request(Some(ip), &[]));
    }
    for ip in ["9.255.255.255", "11.0.0.0", "192.0.2.6", "192.0.2.8"] {
        assert_refused(&lookup, &request(Some(ip), &[]), VerifyResult::Forbidden);
    }
}

#[test]
fn an_address_is_ignored_without_an_allow_list() {
    let lookup = found(|_| {});
    assert_valid(&lookup, &request(Some("203.0.113.9"), &[]));
    assert_valid(&lookup, &request(Some("2001:db8::1"), &[]));
}

// ---- wildcard grants -----------------------------------------------------------------

#[test]
fn a_resource_wildcard_covers_that_resource_only() {
    let lookup = found(|s| {
        s.grants = vec!["bpjs:*".into()];
        s.permissions = vec!["bpjs:read".into(), "bpjs:write".into()];
    });
    assert_valid(&lookup, &request(None, &["bpjs:read"]));
    assert_valid(&lookup, &request(None, &["bpjs:read", "bpjs:write"]));
    let v = assert_refused(
        &lookup,
        &request(None, &["bpjs:read", "users:read"]),
        VerifyResult::InsufficientPermissions,
    );
    assert_eq!(v.missing_permissions, Some(vec!["users:read".to_owned()]));
    // A resource whose name merely starts the same is another resource.
    assert_refused(
        &lookup,
        &request(None, &["bpjsx:read"]),
        VerifyResult::InsufficientPermissions,
    );
}

#[test]
fn the_star_grant_covers_everything() {
    let lookup = found(|s| {
        s.grants = vec!["*".into()];
        s.permissions = vec!["bpjs:read".into(), "users:read".into()];
    });
    assert_valid(
        &lookup,
        &request(
            None,
            &["bpjs:read", "users:read", "users:write", "any.thing:x"],
        ),
    );
}

#[test]
fn grants_of_several_roles_add_up() {
    let lookup = found(|s| {
        s.roles = vec!["a".into(), "b".into()];
        s.grants = vec!["bpjs:read".into(), "users:*".into()];
    });
    assert_valid(&lookup, &request(None, &["bpjs:read", "users:write"]));
    let v = assert_refused(
        &lookup,
        &request(None, &["bpjs:write", "users:write"]),
        VerifyResult::InsufficientPermissions,
    );
    assert_eq!(v.missing_permissions, Some(vec!["bpjs:write".to_owned()]));
}

#[test]
fn an_exact_grant_does_not_cover_another_action() {
    let lookup = found(|_| {});
    let v = assert_refused(
        &lookup,
        &request(None, &["bpjs:write"]),
        VerifyResult::InsufficientPermissions,
    );
    assert_eq!(v.missing_permissions, Some(vec!["bpjs:write".to_owned()]));
}

#[test]
fn decide_is_pure() {
    // The same inputs give the same answer, and the state is not changed.
    let lookup = found(|s| {
        s.key.max_uses = Some(3);
        s.key.use_count = 1;
    });
    let first = decide(&lookup, &plain(), now());
    let second = decide(&lookup, &plain(), now());
    assert_eq!(format!("{first:?}"), format!("{second:?}"));
    let Lookup::Found(s) = &lookup else {
        unreachable!()
    };
    assert_eq!(s.key.use_count, 1);
}
