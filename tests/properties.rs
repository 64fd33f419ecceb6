//! Property tests: the key format, duration and time parsing (as a library), and the
//! apply → export round trip on generated states (through the binary).

use std::collections::BTreeMap;

use apikey_core::model::Status;
use apikey_core::provision::manifest::{
    ClientSpec, KeyGroupSpec, Manifest, PermissionSpec, RoleSpec, UserSpec,
};
use apikey_core::secret::{self, CHECKSUM_LEN, HINT_LEN, RANDOM_LEN};
use apikey_core::time::{MAX_DURATION_SECS, parse_duration, parse_time};
use proptest::prelude::*;
use proptest::sample::Index;

use crate::common::{TestEnv, unix_now};

/// A valid key prefix: `[a-z][a-z0-9]{0,15}`.
fn prefix() -> impl Strategy<Value = String> {
    "[a-z][a-z0-9]{0,15}"
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn generated_keys_parse_back_to_their_parts(prefix in prefix()) {
        let key = secret::generate(&prefix).unwrap();
        let text = key.secret.expose();
        prop_assert_eq!(text.len(), prefix.len() + 1 + RANDOM_LEN + CHECKSUM_LEN);
        let parsed = secret::parse(text).unwrap();
        prop_assert_eq!(parsed.prefix, prefix.as_str());
        prop_assert_eq!(parsed.random, &text[prefix.len() + 1..][..RANDOM_LEN]);
        prop_assert_eq!(parsed.hint(), key.hint.clone());
        prop_assert_eq!(key.hint.len(), prefix.len() + 1 + HINT_LEN);
        prop_assert_eq!(key.sha256, secret::sha256_hex(text));
        prop_assert_eq!(key.prefix, prefix);
    }

    #[test]
    fn any_single_character_change_breaks_a_key(
        prefix in prefix(),
        at in any::<Index>(),
        replacement in any::<char>(),
    ) {
        let key = secret::generate(&prefix).unwrap().secret.expose().to_owned();
        let chars: Vec<char> = key.chars().collect();
        let i = at.index(chars.len());
        prop_assume!(chars[i] != replacement);
        let mut changed = chars.clone();
        changed[i] = replacement;
        let changed: String = changed.into_iter().collect();
        prop_assert!(secret::parse(&changed).is_err(), "{} parsed (was {})", changed, key);
    }

    #[test]
    fn any_single_insertion_or_deletion_breaks_a_key(
        prefix in prefix(),
        at in any::<Index>(),
        inserted in prop::option::of(any::<char>()),
    ) {
        let key = secret::generate(&prefix).unwrap().secret.expose().to_owned();
        let mut chars: Vec<char> = key.chars().collect();
        match inserted {
            Some(c) => chars.insert(at.index(chars.len() + 1), c),
            None => {
                chars.remove(at.index(chars.len()));
            }
        }
        let changed: String = chars.into_iter().collect();
        prop_assert!(secret::parse(&changed).is_err(), "{} parsed (was {})", changed, key);
    }

    #[test]
    fn parse_never_panics_on_arbitrary_text(text in any::<String>()) {
        let _ = secret::parse(&text);
    }

    #[test]
    fn parse_never_panics_on_key_like_text(
        text in "[a-zA-Z0-9]{0,17}[_]{0,2}[a-zA-Z0-9_é\\-]{30,42}",
    ) {
        if let Ok(parsed) = secret::parse(&text) {
            // Whatever it accepts is consistent with itself.
            prop_assert!(secret::valid_prefix(parsed.prefix));
            prop_assert_eq!(parsed.random.len(), RANDOM_LEN);
            let _ = parsed.hint();
        }
    }

    #[test]
    fn parse_duration_reads_back_what_format_wrote(
        unit in prop::sample::select(vec![
            ("s", 1i64), ("sec", 1), ("m", 60), ("min", 60), ("h", 3600), ("hours", 3600),
            ("d", 86_400), ("days", 86_400), ("w", 604_800),
        ]),
        fraction in 0.0f64..=1.0,
        padding in prop::sample::select(vec!["", " ", "\t", "  \n"]),
    ) {
        let (name, secs) = unit;
        let n = 1 + ((MAX_DURATION_SECS / secs - 1) as f64 * fraction) as i64;
        let text = format!("{padding}{n}{name}{padding}");
        prop_assert_eq!(parse_duration("--x", &text, false).ok(), Some(n * secs), "{:?}", text);
        // One unit more than the limit is refused, not wrapped.
        let over = format!("{}{name}", MAX_DURATION_SECS / secs + 1);
        prop_assert!(parse_duration("--x", &over, false).is_err(), "{:?}", over);
    }

    #[test]
    fn parse_duration_never_panics(
        text in prop_oneof![
            any::<String>(),
            "[0-9]{0,30}[a-zA-Zµ ]{0,6}([0-9]{0,25}[a-z]{0,4} ?){0,4}",
            "-?[0-9]{1,25}(\\.[0-9]{0,5})?(ns|us|ms|s|m|h|d|w|M|y)",
        ],
        allow_zero in any::<bool>(),
    ) {
        if let Ok(secs) = parse_duration("--x", &text, allow_zero) {
            prop_assert!((0..=MAX_DURATION_SECS).contains(&secs));
            prop_assert!(allow_zero || secs > 0);
        }
    }

    #[test]
    fn parse_time_never_panics(
        text in prop_oneof![
            any::<String>(),
            "-?[0-9]{1,6}-[0-9]{1,3}-[0-9]{1,3}",
            "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,12})?(Z|[+-][0-9]{2}:[0-9]{2})",
        ],
    ) {
        let _ = parse_time("--x", &text);
    }

    #[test]
    fn parse_time_reads_back_rfc3339_and_dates(
        // RFC 3339 years have four digits: 0000-01-01 onwards.
        secs in -62_167_219_200_i64..=jiff::Timestamp::MAX.as_second(),
    ) {
        let ts = jiff::Timestamp::from_second(secs).unwrap();
        prop_assert_eq!(parse_time("--x", &ts.to_string()).unwrap(), ts);
        let date = ts.to_zoned(jiff::tz::TimeZone::UTC).date();
        if let Ok(midnight) = date.to_zoned(jiff::tz::TimeZone::UTC) {
            prop_assert_eq!(parse_time("--x", &date.to_string()).unwrap(), midnight.timestamp());
        }
    }
}

// ---------------------------------------------------------------------------------------
// apply → export round trips
// ---------------------------------------------------------------------------------------

const PERMISSIONS: [&str; 5] = ["bpjs:read", "bpjs:write", "users:read", "r.e-s_1:x", "a:b"];
const ROLES: [&str; 4] = ["integration", "Admin", "ops.team", "r-1"];
const CLIENTS: [&str; 4] = ["alpha", "Beta", "gamma.1", "d_e-f"];
const USERS: [&str; 3] = [
    "admin@example.org",
    "Ops.Team@Example.org",
    "x+tag@sub.example.co",
];
const LABELS: [&str; 4] = ["", "prod", "ci runner", "é-ñ 2"];
const PREFIXES: [&str; 3] = ["ak", "live", "t3st"];
const IPS: [&str; 4] = ["10.0.0.0/8", "192.168.1.5", "10.1.0.0/16", "2001:db8::/32"];
/// No expiry, a lifetime, or a fixed time (a date, UTC, an offset).
const EXPIRIES: [(Option<&str>, Option<&str>); 6] = [
    (None, None),
    (Some("90d"), None),
    (Some("12h 30m"), None),
    (None, Some("2031-01-01")),
    (None, Some("2040-06-30T12:00:00Z")),
    (None, Some("2035-03-01T12:00:00+07:00")),
];

/// Free text as people write it: plain, with SQL and LIKE metacharacters, any Unicode
/// but control characters, with or without surrounding spaces.
fn text(max: usize) -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[a-zA-Z0-9 ]{1,12}",
        "[%_'\";\\\\ -]{1,8}",
        "\\PC{1,10}",
        " [a-z]{1,5} ",
    ]
    .prop_map(move |s| s.chars().take(max).collect())
}

prop_compose! {
    fn key_group()(
        label in prop::sample::select(LABELS.to_vec()),
        count in 0u32..=2,
        prefix in prop::sample::select(PREFIXES.to_vec()),
        expiry in prop::sample::select(EXPIRIES.to_vec()),
        max_uses in prop::option::of(1u64..=1_000_000),
        ips in prop::sample::subsequence(IPS.to_vec(), 0..=2),
        meta in prop::collection::btree_map("env|team|x_1", "[a-z]([a-z %_]{0,6}[a-z])?", 0..=2),
        rate_limit in prop::sample::select(vec![None, Some("100/1m"), Some("5/1s"), Some("7/90s"), Some("1/1d")]),
    ) -> KeyGroupSpec {
        KeyGroupSpec {
            label: label.to_owned(),
            count,
            prefix: prefix.to_owned(),
            expires_in: expiry.0.map(str::to_owned),
            expires_at: expiry.1.map(str::to_owned),
            max_uses,
            allowed_ips: ips.into_iter().map(str::to_owned).collect(),
            metadata: meta,
            rate_limit: rate_limit.map(str::to_owned),
        }
    }
}

prop_compose! {
    /// Roles and their grants over `permissions`, plus wildcards.
    fn roles(permissions: Vec<&'static str>)(
        picked in prop::sample::subsequence(ROLES.to_vec(), 0..=3),
        grants in prop::collection::vec(
            (prop::sample::subsequence(permissions.clone(), 0..=permissions.len()),
             any::<bool>(), any::<bool>()),
            3,
        ),
        descriptions in prop::collection::vec(text(1024), 3),
    ) -> Vec<RoleSpec> {
        picked.iter().enumerate().map(|(i, name)| {
            let (perms, everything, resource) = &grants[i];
            let mut patterns: Vec<String> = perms.iter().map(|p| (*p).to_owned()).collect();
            if *everything { patterns.push("*".into()); }
            if *resource { patterns.push("bpjs:*".into()); }
            RoleSpec {
                name: (*name).to_owned(),
                description: descriptions[i].clone(),
                permissions: patterns,
            }
        }).collect()
    }
}

/// Role references, sometimes in another case (role names are case-insensitive).
fn role_refs(roles: &[RoleSpec], mask: &[bool], shout: bool) -> Vec<String> {
    roles
        .iter()
        .zip(mask)
        .filter(|(_, keep)| **keep)
        .map(|(r, _)| {
            if shout {
                r.name.to_uppercase()
            } else {
                r.name.clone()
            }
        })
        .collect()
}

fn manifest() -> impl Strategy<Value = Manifest> {
    (
        prop::sample::subsequence(PERMISSIONS.to_vec(), 0..=PERMISSIONS.len()),
        prop::collection::vec(text(1024), PERMISSIONS.len()),
    )
        .prop_flat_map(|(perm_names, perm_descriptions)| {
            let permissions: Vec<PermissionSpec> = perm_names
                .iter()
                .zip(&perm_descriptions)
                .map(|(name, description)| PermissionSpec {
                    name: (*name).to_owned(),
                    description: description.clone(),
                })
                .collect();
            (Just(permissions), roles(perm_names))
        })
        .prop_flat_map(|(permissions, roles)| {
            let clients = prop::collection::vec(
                (
                    text(1024),
                    any::<bool>(),
                    prop::collection::vec(any::<bool>(), 3),
                    any::<bool>(),
                    prop::collection::vec(key_group(), 0..=2),
                ),
                CLIENTS.len(),
            );
            let users = prop::collection::vec(
                (
                    text(128),
                    any::<bool>(),
                    prop::collection::vec(any::<bool>(), 3),
                    any::<bool>(),
                ),
                USERS.len(),
            );
            (
                Just(permissions),
                Just(roles),
                prop::sample::subsequence((0..CLIENTS.len()).collect::<Vec<_>>(), 0..=3),
                clients,
                prop::sample::subsequence((0..USERS.len()).collect::<Vec<_>>(), 0..=2),
                users,
            )
        })
        .prop_map(
            |(permissions, roles, client_picks, clients, user_picks, users)| {
                let clients = client_picks
                    .into_iter()
                    .map(|i| {
                        let (description, disabled, mask, shout, groups) = clients[i].clone();
                        // One group per label.
                        let mut keys: Vec<KeyGroupSpec> = Vec::new();
                        for g in groups {
                            if !keys.iter().any(|k| k.label == g.label) {
                                keys.push(g);
                            }
                        }
                        ClientSpec {
                            name: CLIENTS[i].to_owned(),
                            description,
                            status: if disabled {
                                Status::Disabled
                            } else {
                                Status::Active
                            },
                            roles: role_refs(&roles, &mask, shout),
                            keys,
                        }
                    })
                    .collect();
                let users = user_picks
                    .into_iter()
                    .map(|i| {
                        let (name, disabled, mask, shout) = users[i].clone();
                        UserSpec {
                            email: USERS[i].to_owned(),
                            name,
                            status: if disabled {
                                Status::Disabled
                            } else {
                                Status::Active
                            },
                            roles: role_refs(&roles, &mask, shout),
                        }
                    })
                    .collect();
                Manifest {
                    permissions,
                    roles,
                    clients,
                    users,
                }
            },
        )
}

/// A key group as the store sees it: lifetimes become times, addresses become CIDR
/// blocks, metadata values are trimmed; `expires_in` is kept apart to check against the
/// apply's clock.
#[derive(Debug, Clone, PartialEq)]
struct Group {
    label: String,
    count: u32,
    prefix: String,
    expires_at: Option<i64>,
    expires_in: Option<i64>,
    max_uses: Option<u64>,
    allowed_ips: Vec<String>,
    meta: BTreeMap<String, String>,
}

/// A client in canonical form: name, description, status, roles, key groups.
type CanonicalClient = (String, String, Status, Vec<String>, Vec<Group>);

/// A manifest in a canonical form: sorted, names of case-insensitive things lowercased,
/// groups without keys dropped (nothing in the store stands for them).
#[derive(Debug, Clone, PartialEq)]
struct Canonical {
    permissions: Vec<(String, String)>,
    roles: Vec<(String, String, Vec<String>)>,
    clients: Vec<CanonicalClient>,
    users: Vec<(String, String, Status, Vec<String>)>,
}

fn sorted_lower(items: &[String]) -> Vec<String> {
    let mut v: Vec<String> = items.iter().map(|s| s.to_lowercase()).collect();
    v.sort();
    v.dedup();
    v
}

fn canonical(m: &Manifest) -> Canonical {
    // Compare as the store keeps things: text trimmed, repeated names dropped.
    let mut m = m.clone();
    m.normalize();
    let m = &m;
    let mut permissions: Vec<(String, String)> = m
        .permissions
        .iter()
        .map(|p| (p.name.clone(), p.description.clone()))
        .collect();
    permissions.sort();
    let mut roles: Vec<(String, String, Vec<String>)> = m
        .roles
        .iter()
        .map(|r| {
            (
                r.name.to_lowercase(),
                r.description.clone(),
                sorted_lower(&r.permissions),
            )
        })
        .collect();
    roles.sort_by(|a, b| a.0.cmp(&b.0));
    let mut clients: Vec<_> = m
        .clients
        .iter()
        .map(|c| {
            let mut groups: Vec<Group> = c
                .keys
                .iter()
                .filter(|g| g.count > 0)
                .map(|g| {
                    let mut allowed_ips: Vec<String> = g
                        .allowed_ips
                        .iter()
                        .map(|ip| apikey_core::validate::cidr(ip).unwrap().to_string())
                        .collect();
                    allowed_ips.sort();
                    Group {
                        label: g.label.clone(),
                        count: g.count,
                        prefix: g.prefix.clone(),
                        expires_at: g
                            .expires_at
                            .as_deref()
                            .map(|t| parse_time("x", t).unwrap().as_second()),
                        expires_in: g
                            .expires_in
                            .as_deref()
                            .map(|d| parse_duration("x", d, false).unwrap()),
                        max_uses: g.max_uses,
                        allowed_ips,
                        meta: g
                            .metadata
                            .iter()
                            .map(|(k, v)| (k.clone(), v.trim().to_owned()))
                            .collect(),
                    }
                })
                .collect();
            groups.sort_by(|a, b| a.label.cmp(&b.label));
            (
                c.name.to_lowercase(),
                c.description.clone(),
                c.status,
                sorted_lower(&c.roles),
                groups,
            )
        })
        .collect();
    clients.sort_by(|a, b| a.0.cmp(&b.0));
    let mut users: Vec<_> = m
        .users
        .iter()
        .map(|u| {
            (
                u.email.to_lowercase(),
                u.name.clone(),
                u.status,
                sorted_lower(&u.roles),
            )
        })
        .collect();
    users.sort_by(|a, b| a.0.cmp(&b.0));
    Canonical {
        permissions,
        roles,
        clients,
        users,
    }
}

/// Applies `manifest` to a fresh store, exports it, and checks: the apply succeeds, the
/// store shows no drift against the file (nor against its own export), a second apply
/// changes nothing, and the export is the file up to order and normalisation.
fn round_trip(manifest: &Manifest) {
    let env = TestEnv::init();
    let file = env.dir().join("state.json");
    std::fs::write(&file, serde_json::to_string_pretty(manifest).unwrap()).unwrap();
    let file = file.to_str().unwrap();

    let before = unix_now();
    let applied = env.json(&["apply", file]);
    let after = unix_now();
    let keys: u32 = manifest
        .clients
        .iter()
        .flat_map(|c| &c.keys)
        .map(|g| g.count)
        .sum();
    assert_eq!(applied["keys_created"], keys, "{applied}");

    let export = env.run(&["export"]);
    export.code(0);
    let exported: Manifest = serde_json::from_str(&export.stdout)
        .unwrap_or_else(|e| panic!("export is not a manifest ({e}): {}", export.stdout));
    let exported_file = env.dir().join("exported.json");
    std::fs::write(&exported_file, &export.stdout).unwrap();

    for f in [file, exported_file.to_str().unwrap()] {
        let diff = env.run(&["diff", f, "--exit-code"]);
        assert_eq!(diff.code, 0, "drift after apply against {f}: {diff:#?}");
        diff.stdout_has("No drift");
    }
    let again = env.json(&["apply", file]);
    assert_eq!(
        again["changed"], 0,
        "a second apply changed things: {again}"
    );

    let mut want = canonical(manifest);
    let got = canonical(&exported);
    // A lifetime becomes a fixed time: now + lifetime, now being during the apply.
    for (client, got_client) in want.clients.iter_mut().zip(&got.clients) {
        for (group, got_group) in client.4.iter_mut().zip(&got_client.4) {
            if let Some(lifetime) = group.expires_in.take() {
                let at = got_group.expires_at.unwrap_or_else(|| {
                    panic!("group {:?} of {} lost its expiry", group.label, client.0)
                });
                assert!(
                    (before + lifetime..=after + lifetime).contains(&at),
                    "expiry {at} is not {lifetime}s after the apply ({before}..{after})"
                );
                group.expires_at = Some(at);
            }
        }
    }
    assert_eq!(got, want, "export differs from the applied file");
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 20,
        max_shrink_iters: 64,
        ..ProptestConfig::default()
    })]

    #[test]
    fn apply_then_export_gives_back_the_file(manifest in manifest()) {
        round_trip(&manifest);
    }

    #[test]
    fn applying_one_state_over_another_with_prune_converges(
        first in manifest(),
        second in manifest(),
    ) {
        converge(&first, &second);
    }
}

/// Applies `first`, then `second` with `--prune`: the store then matches `second` (no
/// drift, a further apply changes nothing, the export is `second` but for the settings
/// of key groups that kept keys from `first`, which apply does not reissue).
fn converge(first: &Manifest, second: &Manifest) {
    let env = TestEnv::init();
    let write = |name: &str, m: &Manifest| {
        let path = env.dir().join(name);
        std::fs::write(&path, serde_json::to_string_pretty(m).unwrap()).unwrap();
        path.to_str().unwrap().to_owned()
    };
    let (a, b) = (write("first.json", first), write("second.json", second));
    env.json(&["apply", &a]);
    // An empty `second` removes everything only when asked explicitly.
    let prune: &[&str] = if second.is_empty() {
        &["--prune", "--allow-empty", "--yes"]
    } else {
        &["--prune", "--yes"]
    };
    env.json(&[&["apply", b.as_str()][..], prune].concat());
    let diff = env.run(&["diff", &b, "--exit-code"]);
    assert_eq!(diff.code, 0, "drift after apply --prune: {diff:#?}");
    let again = env.json(&[&["apply", b.as_str()][..], prune].concat());
    assert_eq!(
        again["changed"], 0,
        "a second apply --prune changed things: {again}"
    );
    let export = env.run(&["export"]);
    export.code(0);
    let exported: Manifest = serde_json::from_str(&export.stdout).unwrap();
    // Compare with key groups reduced to label and count.
    let counts_only = |m: &Manifest| -> Canonical {
        let mut c = canonical(m);
        for client in &mut c.clients {
            for g in &mut client.4 {
                *g = Group {
                    label: g.label.clone(),
                    count: g.count,
                    prefix: String::new(),
                    expires_at: None,
                    expires_in: None,
                    max_uses: None,
                    allowed_ips: Vec::new(),
                    meta: BTreeMap::new(),
                };
            }
        }
        c
    };
    assert_eq!(
        counts_only(&exported),
        counts_only(second),
        "export differs from the file"
    );
    env.json(&["audit", "verify"]);
}

/// Labels are free text like descriptions; one with surrounding spaces must still name
/// one group: a second apply creates nothing and `diff` sees no drift.
#[test]
fn a_key_group_label_with_surrounding_spaces_applies_idempotently() {
    let mut manifest = Manifest::default();
    manifest.clients.push(ClientSpec {
        name: "padded".into(),
        description: String::new(),
        status: Status::Active,
        roles: Vec::new(),
        keys: vec![KeyGroupSpec {
            label: " prod ".into(),
            count: 1,
            prefix: "ak".into(),
            expires_in: None,
            expires_at: None,
            max_uses: None,
            allowed_ips: Vec::new(),
            metadata: BTreeMap::new(),
            rate_limit: None,
        }],
    });
    round_trip(&manifest);
}
