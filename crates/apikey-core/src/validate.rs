//! Validation of user-given names and free text, with messages that say how to fix them.

use std::collections::BTreeMap;

use crate::error::{Error, Result};

/// Longest client name, in characters.
pub const MAX_NAME_LEN: usize = 64;
/// Longest description, in characters.
pub const MAX_DESCRIPTION_LEN: usize = 1024;
/// Longest key label, in characters.
pub const MAX_LABEL_LEN: usize = 128;
/// Most metadata entries on one key.
pub const MAX_META_ENTRIES: usize = 32;

/// Checks a name: 1-64 characters of ASCII letters, digits, `-`, `_`, `.`, starting with
/// a letter or digit. `kind` ("client name") is used in the message.
///
/// # Errors
/// [`Error::Invalid`] naming the fault.
pub fn name(kind: &str, value: &str) -> Result<()> {
    let rule = "use 1-64 letters, digits, '-', '_' or '.', starting with a letter or digit";
    if value.trim().is_empty() {
        return Err(Error::invalid(format!("{kind} is empty; {rule}")));
    }
    if value.chars().count() > MAX_NAME_LEN {
        return Err(Error::invalid(format!(
            "{kind} is {} characters long; {rule}",
            value.chars().count()
        )));
    }
    let mut chars = value.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_alphanumeric());
    if !first_ok || !chars.all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)) {
        return Err(Error::invalid(format!(
            "{kind} '{}' has a character that is not allowed; {rule}",
            value.escape_debug()
        )));
    }
    Ok(())
}

/// Checks free text (descriptions, labels, reasons): at most `max` characters and no
/// control characters. Returns it trimmed.
///
/// # Errors
/// [`Error::Invalid`] naming `kind` and the fault.
pub fn text(kind: &str, value: &str, max: usize) -> Result<String> {
    if let Some((at, c)) = value.chars().enumerate().find(|(_, c)| c.is_control()) {
        return Err(Error::invalid(format!(
            "{kind} contains a control character ({} at character {}); use plain text without newlines, tabs or escape sequences",
            c.escape_debug(),
            at + 1
        )));
    }
    let len = value.chars().count();
    if len > max {
        return Err(Error::invalid(format!(
            "{kind} is {len} characters long; the limit is {max}"
        )));
    }
    Ok(value.trim().to_owned())
}

/// Parses `--meta key=value` pairs into a map. Keys follow [`name`]'s rule; values are
/// [`text`] of at most 256 characters.
///
/// # Errors
/// [`Error::Invalid`] for a pair without `=`, a bad key or value, a repeated key, or more
/// than [`MAX_META_ENTRIES`] pairs.
pub fn metadata(pairs: &[String]) -> Result<BTreeMap<String, String>> {
    let mut map = BTreeMap::new();
    for pair in pairs {
        let (key, value) = pair.split_once('=').ok_or_else(|| {
            Error::invalid(format!(
                "invalid --meta '{}': write it as key=value",
                pair.escape_debug()
            ))
        })?;
        name("--meta key", key)?;
        let value = text("--meta value", value, 256)?;
        if map.insert(key.to_owned(), value).is_some() {
            return Err(Error::invalid(format!(
                "--meta key '{key}' is given twice; give each key once"
            )));
        }
    }
    if map.len() > MAX_META_ENTRIES {
        return Err(Error::invalid(format!(
            "{} --meta entries given; the limit is {MAX_META_ENTRIES}",
            map.len()
        )));
    }
    Ok(map)
}

/// Parses an `--allow-ip` value: a CIDR block (`10.0.0.0/8`, `2001:db8::/32`) or a single
/// address (taken as /32 or /128). Returns it in canonical form.
///
/// # Errors
/// [`Error::Invalid`] if it is neither, or if it is a block with host bits set
/// (`10.0.0.1/8`): that is more likely a typo than a wish for `10.0.0.0/8`, so the
/// message names both readings instead of silently widening it.
pub fn cidr(value: &str) -> Result<ipnet::IpNet> {
    let value = value.trim();
    if let Ok(net) = value.parse::<ipnet::IpNet>() {
        if net.trunc() != net {
            return Err(Error::invalid(format!(
                "invalid --allow-ip '{}': it has host bits set; write the block as {} (or {} for the single address)",
                value.escape_debug(),
                net.trunc(),
                net.addr()
            )));
        }
        return Ok(net);
    }
    if let Ok(addr) = value.parse::<std::net::IpAddr>() {
        return Ok(ipnet::IpNet::from(addr));
    }
    Err(Error::invalid(format!(
        "invalid --allow-ip '{}': use a CIDR block such as 10.0.0.0/8 or a single address",
        value.escape_debug()
    )))
}

/// Checks an email address: RFC 5322 addr-spec syntax (via `email_address`), no spaces,
/// at most 254 characters (RFC 5321's path limit).
///
/// # Errors
/// [`Error::Invalid`] naming the address.
pub fn email(email: &str) -> Result<()> {
    if email.len() > 254
        || email.chars().any(|c| c.is_whitespace() || c.is_control())
        || !email_address::EmailAddress::is_valid(email)
    {
        return Err(Error::invalid(format!(
            "invalid email '{}'; give an address such as admin@example.org",
            email.escape_debug()
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert!(name("n", "bpjs-sync").is_ok());
        assert!(name("n", "a.b_c-1").is_ok());
        for bad in ["", "  ", "-x", "a b", "a\nb", "é", &"x".repeat(65)] {
            assert!(name("n", bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn texts() {
        assert_eq!(text("d", "  hi ", 10).unwrap(), "hi");
        assert!(text("d", "a\tb", 10).is_err());
        assert!(text("d", "abcdef", 5).is_err());
    }

    #[test]
    fn meta_pairs() {
        let m = metadata(&["env=prod".into(), "team=data".into()]).unwrap();
        assert_eq!(m["env"], "prod");
        assert!(metadata(&["novalue".into()]).is_err());
        assert!(metadata(&["=x".into()]).is_err());
        assert!(metadata(&["a=1".into(), "a=2".into()]).is_err());
    }

    #[test]
    fn cidrs() {
        assert_eq!(cidr("10.0.0.0/8").unwrap().to_string(), "10.0.0.0/8");
        let err = cidr("10.0.0.1/8").unwrap_err().to_string();
        assert!(
            err.contains("host bits") && err.contains("10.0.0.0/8"),
            "{err}"
        );
        assert!(cidr("2001:db8::1/32").is_err());
        assert_eq!(cidr("192.168.1.5").unwrap().to_string(), "192.168.1.5/32");
        assert_eq!(cidr("::1").unwrap().to_string(), "::1/128");
        assert!(cidr("10.0.0.0/33").is_err());
        assert!(cidr("example.org").is_err());
    }
}
