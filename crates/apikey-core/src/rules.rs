//! Permission names, grant patterns and how they match. Pure functions.
//!
//! A permission is `resource:action`, each part 1-64 of `[a-z0-9_.-]` (e.g. `bpjs:read`).
//! A role grants patterns: an exact permission, `resource:*` (every action on one
//! resource) or `*` (everything).

use crate::error::{Error, Result};

const RULE: &str =
    "use resource:action in lowercase letters, digits, '_', '-' or '.' (e.g. bpjs:read)";

fn valid_part(part: &str) -> bool {
    !part.is_empty()
        && part.len() <= 64
        && part
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"_-.".contains(&b))
}

/// Checks a permission name (no wildcards).
///
/// # Errors
/// [`Error::Invalid`] naming the fault; a wildcard gets its own message.
pub fn permission_name(name: &str) -> Result<()> {
    if name.contains('*') {
        return Err(Error::invalid(format!(
            "permission '{}' has a wildcard; wildcards are for role grants, not permission names ({RULE})",
            name.escape_debug()
        )));
    }
    match name.split_once(':') {
        Some((resource, action)) if valid_part(resource) && valid_part(action) => Ok(()),
        _ => Err(Error::invalid(format!(
            "invalid permission '{}': {RULE}",
            name.escape_debug()
        ))),
    }
}

/// Checks a grant pattern: a permission name, `resource:*` or `*`.
///
/// # Errors
/// [`Error::Invalid`] if it is none of these.
pub fn grant_pattern(pattern: &str) -> Result<()> {
    if pattern == "*" {
        return Ok(());
    }
    if let Some(resource) = pattern.strip_suffix(":*") {
        if valid_part(resource) {
            return Ok(());
        }
        return Err(Error::invalid(format!(
            "invalid grant '{}': a wildcard grant is resource:* or *",
            pattern.escape_debug()
        )));
    }
    if pattern.contains('*') {
        return Err(Error::invalid(format!(
            "invalid grant '{}': a wildcard may only stand for the whole action (resource:*) or everything (*)",
            pattern.escape_debug()
        )));
    }
    permission_name(pattern)
}

/// Whether a grant pattern covers a permission: `bpjs:*` covers `bpjs:read` but not
/// `bpjsx:read`.
pub fn covers(pattern: &str, permission: &str) -> bool {
    match pattern.strip_suffix('*') {
        None => pattern == permission,
        Some("") => true,
        Some(resource_colon) => permission
            .strip_prefix(resource_colon)
            .is_some_and(|action| !action.is_empty()),
    }
}

/// Whether a grant pattern is a wildcard.
pub fn is_wildcard(pattern: &str) -> bool {
    pattern.ends_with('*')
}

/// The candidate closest to `unknown` by edit distance, if reasonably close.
pub fn closest<'a>(
    unknown: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::levenshtein(unknown, c), c))
        .filter(|(distance, c)| *distance <= (c.len().max(unknown.len()) / 3).max(2))
        .min()
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert!(permission_name("bpjs:read").is_ok());
        assert!(permission_name("users.v2:write-all").is_ok());
        for bad in [
            "",
            "bpjs",
            "bpjs:",
            ":read",
            "BPJS:read",
            "bpjs:read:x",
            "bpjs:*",
            "a b:c",
        ] {
            assert!(permission_name(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn patterns() {
        for ok in ["*", "bpjs:*", "bpjs:read"] {
            assert!(grant_pattern(ok).is_ok(), "{ok}");
        }
        for bad in ["bpjs*", "*:read", "bp*:read", "bpjs:re*", ":*", "**"] {
            assert!(grant_pattern(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn wildcards_cover_only_their_resource() {
        assert!(covers("bpjs:*", "bpjs:read"));
        assert!(!covers("bpjs:*", "bpjsx:read"));
        assert!(!covers("bpjs:*", "users:read"));
        assert!(covers("*", "users:read"));
        assert!(covers("bpjs:read", "bpjs:read"));
        assert!(!covers("bpjs:read", "bpjs:write"));
    }

    #[test]
    fn suggestions() {
        let known = ["bpjs:read", "users:read", "roles:read"];
        assert_eq!(closest("bpjs:raed", known), Some("bpjs:read"));
        assert_eq!(closest("user:read", known), Some("users:read"));
        assert_eq!(closest("zzzz:zzzz", known), None);
    }
}
