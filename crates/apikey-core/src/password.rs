//! Operator passwords: Argon2id hashing (PHC string format) and the rules they follow.

use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::{Argon2, Params};

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

/// Largest Argon2 memory cost a stored hash may ask for, in KiB (1 GiB).
pub const MAX_M_COST_KIB: u32 = 1 << 20;
/// Largest Argon2 time cost (passes) a stored hash may ask for.
pub const MAX_T_COST: u32 = 10;
/// Largest Argon2 parallelism a stored hash may ask for.
pub const MAX_P_COST: u32 = 16;
/// Longest Argon2 output a stored hash may have, in bytes.
pub const MAX_OUTPUT_LEN: usize = 64;

/// What checking a password against a stored hash found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    /// The password matches; `rehash` when the stored hash was made with other
    /// parameters (or another variant) than [`hash`] uses now.
    Match {
        /// Store a fresh [`hash`] of the password.
        rehash: bool,
    },
    /// The password does not match, or the stored text is not a PHC string.
    NoMatch,
}

/// Why a stored hash was not run: its parameters are outside the policy
/// ([`MAX_M_COST_KIB`], [`MAX_T_COST`], [`MAX_P_COST`], [`MAX_OUTPUT_LEN`]), or it is not
/// Argon2. A planted `t = 4294967295` would otherwise hang the check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutsidePolicy(pub String);

/// Checks `password` against the PHC string `stored`, refusing to run a hash whose
/// parameters are outside the policy. A malformed `stored` never matches (and costs the
/// same work as a real check, see [`burn`]).
///
/// # Errors
/// [`OutsidePolicy`] naming the parameters, without running Argon2.
pub fn check(password: &str, stored: &str) -> std::result::Result<Check, OutsidePolicy> {
    let Ok(parsed) = PasswordHash::new(stored) else {
        burn(password);
        return Ok(Check::NoMatch);
    };
    let algorithm = parsed.algorithm.as_str();
    if !matches!(algorithm, "argon2id" | "argon2i" | "argon2d") {
        return Err(OutsidePolicy(format!("it is {algorithm}, not Argon2")));
    }
    let Ok(params) = Params::try_from(&parsed) else {
        burn(password);
        return Ok(Check::NoMatch);
    };
    let output_len = params.output_len().unwrap_or(Params::DEFAULT_OUTPUT_LEN);
    if params.m_cost() > MAX_M_COST_KIB
        || params.t_cost() > MAX_T_COST
        || params.p_cost() > MAX_P_COST
        || output_len > MAX_OUTPUT_LEN
    {
        return Err(OutsidePolicy(format!(
            "its Argon2 parameters m={} KiB, t={}, p={}, {output_len}-byte output are outside the policy (m <= {MAX_M_COST_KIB}, t <= {MAX_T_COST}, p <= {MAX_P_COST}, output <= {MAX_OUTPUT_LEN})",
            params.m_cost(),
            params.t_cost(),
            params.p_cost()
        )));
    }
    if Argon2::default()
        .verify_password(password.as_bytes(), &parsed)
        .is_err()
    {
        return Ok(Check::NoMatch);
    }
    let current = Params::DEFAULT;
    let rehash = algorithm != "argon2id"
        || parsed.version != Some(0x13)
        || params.m_cost() != current.m_cost()
        || params.t_cost() != current.t_cost()
        || params.p_cost() != current.p_cost()
        || output_len != Params::DEFAULT_OUTPUT_LEN;
    Ok(Check::Match { rehash })
}

/// Whether `password` matches the PHC string `stored` (within the policy of [`check`]).
pub fn matches(password: &str, stored: &str) -> bool {
    matches!(check(password, stored), Ok(Check::Match { .. }))
}

/// A PHC string with [`hash`]'s current parameters, a fixed salt and an all-zero output
/// that no password produces: checking against it costs exactly a real check.
fn dummy_hash() -> String {
    format!(
        "$argon2id$v=19$m={},t={},p={}$YXBpa2V5LWR1bW15LXNhbHQ${}",
        Params::DEFAULT_M_COST,
        Params::DEFAULT_T_COST,
        Params::DEFAULT_P_COST,
        "A".repeat(43)
    )
}

/// Spends the same work as a real check (the same Argon2 verification with the same
/// parameters, on a fixed dummy hash) when there is no stored hash to check: unknown
/// email, no password set, a locked email. Timing then does not tell these apart.
pub fn burn(password: &str) {
    if let Ok(parsed) = PasswordHash::new(&dummy_hash()) {
        let _ = Argon2::default().verify_password(password.as_bytes(), &parsed);
    }
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
        assert_eq!(
            check("correct horse battery", &stored),
            Ok(Check::Match { rehash: false })
        );
    }

    #[test]
    fn the_dummy_hash_parses_with_the_current_parameters() {
        let dummy = dummy_hash();
        let parsed = PasswordHash::new(&dummy).unwrap();
        let params = Params::try_from(&parsed).unwrap();
        assert_eq!(params.m_cost(), Params::DEFAULT_M_COST);
        assert_eq!(params.t_cost(), Params::DEFAULT_T_COST);
        assert_eq!(params.p_cost(), Params::DEFAULT_P_COST);
        assert_eq!(params.output_len(), Some(Params::DEFAULT_OUTPUT_LEN));
        assert!(!matches("", &dummy));
    }

    #[test]
    fn hashes_outside_the_policy_are_not_run_and_old_ones_are_rehashed() {
        let salt = "YXBpa2V5LWR1bW15LXNhbHQ";
        let out = "A".repeat(43);
        for params in [
            "m=19456,t=4294967295,p=1",
            "m=4194304,t=2,p=1",
            "m=19456,t=2,p=64",
        ] {
            let planted = format!("$argon2id$v=19${params}${salt}${out}");
            let err = check("whatever password", &planted).unwrap_err();
            assert!(err.0.contains("outside the policy"), "{err:?}");
        }
        // Made with weaker parameters than today's: matches, and asks for a rehash.
        let weak = Argon2::new(
            argon2::Algorithm::Argon2id,
            argon2::Version::V0x13,
            Params::new(8192, 1, 1, None).unwrap(),
        )
        .hash_password(b"correct horse battery")
        .unwrap()
        .to_string();
        assert_eq!(
            check("correct horse battery", &weak),
            Ok(Check::Match { rehash: true })
        );
        assert_eq!(check("wrong horse battery", &weak), Ok(Check::NoMatch));
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
