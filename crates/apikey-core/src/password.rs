//! Operator passwords: Argon2id hashing (PHC string format) and the rules they follow.

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};

use crate::error::{Error, Result};

/// Shortest accepted password, in characters.
pub const MIN_LEN: usize = 12;
/// Longest accepted password, in characters (bounds the hashing work).
pub const MAX_LEN: usize = 1024;

/// Checks the length rules.
///
/// # Errors
/// [`Error::Invalid`] saying what the rule is; never echoes the password.
pub fn check_rules(password: &str) -> Result<()> {
    let len = password.chars().count();
    if len < MIN_LEN {
        return Err(Error::invalid(format!(
            "the password is too short ({len} characters); use at least {MIN_LEN}"
        )));
    }
    if len > MAX_LEN {
        return Err(Error::invalid(format!(
            "the password is too long ({len} characters); use at most {MAX_LEN}"
        )));
    }
    Ok(())
}

/// Hashes with Argon2id and the crate's default (OWASP-recommended) parameters and a
/// random salt; returns the PHC string (`$argon2id$v=19$m=...`).
///
/// # Errors
/// [`Error::Internal`] if hashing fails (no OS randomness).
pub fn hash(password: &str) -> Result<String> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| Error::Internal {
            what: "cannot hash the password",
            detail: e.to_string(),
        })
}

/// Whether `password` matches the PHC string `stored`. A malformed `stored` never
/// matches.
pub fn matches(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// Spends the same work as [`matches()`] when there is no stored hash to check (unknown
/// email, no password set), so that timing does not tell which emails exist.
pub fn burn(password: &str) {
    let _ = hash(password);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_and_match() {
        let stored = hash("correct horse battery").unwrap();
        assert!(stored.starts_with("$argon2id$"));
        assert!(matches("correct horse battery", &stored));
        assert!(!matches("correct horse batterY", &stored));
        assert!(!matches("correct horse battery", "not a phc string"));
    }

    #[test]
    fn rules() {
        assert!(check_rules("short").is_err());
        assert!(check_rules(&"x".repeat(MIN_LEN)).is_ok());
        assert!(check_rules(&"x".repeat(MAX_LEN + 1)).is_err());
        let msg = check_rules("hunter2").unwrap_err().to_string();
        assert!(!msg.contains("hunter2"));
    }
}
