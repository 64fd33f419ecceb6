//! API key secrets: generation, parsing, checksum and hashing. Pure functions.
//!
//! Format (README.md, "API keys"), modelled on GitHub's token format:
//!
//! ```text
//! <prefix>_<random><checksum>
//! prefix    1-16 chars, [a-z][a-z0-9]*   (default "ak")
//! random    32 base62 chars from the OS CSPRNG (about 190 bits)
//! checksum  6 base62 chars: CRC32 (IEEE) of "<prefix>_<random>", zero-padded
//! ```
//!
//! The checksum lets `verify`, `inspect` and `scan` reject typos and look-alikes without
//! touching the store. The store keeps only [`sha256_hex`] of the whole key.

use rand::TryRng;
use rand::rngs::SysRng;
use sha2::{Digest, Sha256};

/// The prefix used when none is given.
pub const DEFAULT_PREFIX: &str = "ak";
/// Number of random base62 characters in a key.
pub const RANDOM_LEN: usize = 32;
/// Number of base62 characters that encode the CRC32 checksum (62^6 > 2^32).
pub const CHECKSUM_LEN: usize = 6;
/// Longest accepted prefix.
pub const MAX_PREFIX_LEN: usize = 16;
/// How many characters of the random part the hint shows after the prefix.
pub const HINT_LEN: usize = 4;

const BASE62: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const ID_ALPHABET: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";

/// A newly generated key. The `secret` is shown once and never stored.
#[derive(Debug, Clone)]
pub struct NewKey {
    /// The full key, `<prefix>_<random><checksum>`.
    pub secret: Secret,
    /// The prefix, without the underscore.
    pub prefix: String,
    /// Non-secret hint: the prefix and the first [`HINT_LEN`] random characters.
    pub hint: String,
    /// Lowercase hex SHA-256 of `secret`: what the store keeps.
    pub sha256: String,
}

/// Why a string is not a well-formed key. Displayed as the reason of a `MALFORMED` answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FormatError {
    /// Nothing was given.
    #[error("the key is empty")]
    Empty,
    /// No `_` separates prefix and body.
    #[error("the key has no '_' between prefix and body")]
    NoSeparator,
    /// The prefix breaks the prefix rule.
    #[error("the key's prefix is not 1-16 lowercase letters and digits starting with a letter")]
    BadPrefix,
    /// The body has the wrong length.
    #[error("the key's body has {0} characters, expected {len}", len = RANDOM_LEN + CHECKSUM_LEN)]
    BadLength(usize),
    /// The body holds a character outside base62.
    #[error("the key's body has a character outside 0-9, A-Z, a-z")]
    BadCharacter,
    /// The checksum does not match: a typo or a look-alike.
    #[error("the key's checksum does not match (mistyped or truncated?)")]
    BadChecksum,
}

/// The parts of a well-formed key, as returned by [`parse`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedKey<'a> {
    /// The prefix, without the underscore.
    pub prefix: &'a str,
    /// The random part.
    pub random: &'a str,
}

impl ParsedKey<'_> {
    /// The non-secret hint, e.g. `ak_3xQz`.
    pub fn hint(&self) -> String {
        format!("{}_{}", self.prefix, &self.random[..HINT_LEN])
    }
}

/// Checks a prefix against the rule `[a-z][a-z0-9]{0,15}`.
pub fn valid_prefix(prefix: &str) -> bool {
    let mut chars = prefix.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase())
        && prefix.len() <= MAX_PREFIX_LEN
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
}

/// Generates a new key with the given prefix from the OS CSPRNG.
///
/// # Errors
/// [`std::io::ErrorKind::InvalidInput`] if `prefix` breaks [`valid_prefix`]; otherwise
/// fails only if the operating system cannot supply random bytes.
pub fn generate(prefix: &str) -> std::io::Result<NewKey> {
    if !valid_prefix(prefix) {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("invalid key prefix '{}'", prefix.escape_debug()),
        ));
    }
    let random = random_string(BASE62, RANDOM_LEN)?;
    let head = format!("{prefix}_{random}");
    let sum = checksum(&head);
    let secret = format!("{head}{}", String::from_utf8_lossy(&sum));
    Ok(NewKey {
        sha256: sha256_hex(&secret),
        hint: format!("{prefix}_{}", &random[..HINT_LEN]),
        prefix: prefix.to_owned(),
        secret: secret.into(),
    })
}

/// Generates a public key id: 12 characters of `[0-9a-z]` (about 62 bits), not secret.
///
/// # Errors
/// Fails only if the operating system cannot supply random bytes.
pub fn generate_id() -> std::io::Result<String> {
    random_string(ID_ALPHABET, 12)
}

/// Length of [`generate_token`]'s tokens: 43 base62 characters, about 256 bits.
pub const TOKEN_LEN: usize = 43;

/// Generates an opaque bearer token (a console session id) from the OS CSPRNG:
/// [`TOKEN_LEN`] base62 characters, held as a [`Secret`]. Store only its
/// [`sha256_hex`].
///
/// # Errors
/// Fails only if the operating system cannot supply random bytes.
pub fn generate_token() -> std::io::Result<Secret> {
    random_string(BASE62, TOKEN_LEN).map(Secret::from)
}

/// Parses and checks a key's format and checksum, offline.
///
/// # Errors
/// Returns the first [`FormatError`] found.
pub fn parse(key: &str) -> Result<ParsedKey<'_>, FormatError> {
    if key.is_empty() {
        return Err(FormatError::Empty);
    }
    let (prefix, body) = key.split_once('_').ok_or(FormatError::NoSeparator)?;
    if !valid_prefix(prefix) {
        return Err(FormatError::BadPrefix);
    }
    if body.len() != RANDOM_LEN + CHECKSUM_LEN {
        return Err(FormatError::BadLength(body.chars().count()));
    }
    if !body.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(FormatError::BadCharacter);
    }
    let (random, sum) = body.split_at(RANDOM_LEN);
    if checksum(&key[..prefix.len() + 1 + RANDOM_LEN]) != sum.as_bytes() {
        return Err(FormatError::BadChecksum);
    }
    Ok(ParsedKey { prefix, random })
}

/// SHA-256 of `key`'s UTF-8 bytes, as 32 raw bytes: [`sha256_hex`] without the text, for
/// in-memory maps keyed by a key's hash.
pub fn sha256(key: &str) -> [u8; 32] {
    Sha256::digest(key.as_bytes()).into()
}

/// Lowercase hex SHA-256 of `key`'s UTF-8 bytes: the only form in which keys are stored.
pub fn sha256_hex(key: &str) -> String {
    let mut out = String::with_capacity(64);
    for byte in sha256(key) {
        out.push(char::from(b"0123456789abcdef"[usize::from(byte >> 4)]));
        out.push(char::from(b"0123456789abcdef"[usize::from(byte & 0xf)]));
    }
    out
}

/// CRC32 (IEEE) of `text`, as [`CHECKSUM_LEN`] zero-padded base62 digits.
fn checksum(text: &str) -> [u8; CHECKSUM_LEN] {
    let mut n = crc32fast::hash(text.as_bytes());
    let mut digits = [b'0'; CHECKSUM_LEN];
    for slot in digits.iter_mut().rev() {
        *slot = BASE62[(n % 62) as usize];
        n /= 62;
    }
    digits
}

/// `len` characters drawn uniformly from `alphabet` with the OS CSPRNG.
fn random_string(alphabet: &[u8], len: usize) -> std::io::Result<String> {
    // Rejection sampling: only bytes below the largest multiple of the alphabet size
    // are used, so every character is equally likely.
    let limit = 256 - 256 % alphabet.len();
    let mut out = String::with_capacity(len);
    let mut buf = [0u8; 64];
    while out.len() < len {
        SysRng
            .try_fill_bytes(&mut buf)
            .map_err(std::io::Error::other)?;
        for &b in &buf {
            if usize::from(b) < limit && out.len() < len {
                out.push(char::from(alphabet[usize::from(b) % alphabet.len()]));
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_keys_parse_and_hash() {
        let key = generate("live").unwrap();
        assert!(key.secret.expose().starts_with("live_"));
        assert_eq!(key.secret.expose().len(), 5 + RANDOM_LEN + CHECKSUM_LEN);
        let parsed = parse(key.secret.expose()).unwrap();
        assert_eq!(parsed.prefix, "live");
        assert_eq!(parsed.hint(), key.hint);
        assert_eq!(key.sha256, sha256_hex(key.secret.expose()));
        assert_ne!(generate("live").unwrap().secret, key.secret);
    }

    #[test]
    fn every_single_character_typo_is_caught() {
        let key = generate(DEFAULT_PREFIX).unwrap().secret.expose().to_owned();
        for i in 3..key.len() {
            let mut bytes = key.clone().into_bytes();
            bytes[i] = if bytes[i] == b'a' { b'b' } else { b'a' };
            let typo = String::from_utf8(bytes).unwrap();
            assert_eq!(parse(&typo), Err(FormatError::BadChecksum), "{typo}");
        }
    }

    #[test]
    fn malformed_keys_name_their_fault() {
        assert_eq!(parse(""), Err(FormatError::Empty));
        assert_eq!(parse("nounderscore"), Err(FormatError::NoSeparator));
        assert_eq!(parse("Ak_x"), Err(FormatError::BadPrefix));
        assert_eq!(parse("ak_short"), Err(FormatError::BadLength(5)));
        let bad_char = format!("ak_{}", "-".repeat(RANDOM_LEN + CHECKSUM_LEN));
        assert_eq!(parse(&bad_char), Err(FormatError::BadCharacter));
    }

    #[test]
    fn prefix_rule() {
        assert!(valid_prefix("ak") && valid_prefix("live2") && valid_prefix("a"));
        assert!(!valid_prefix("") && !valid_prefix("2a") && !valid_prefix("a_b"));
        assert!(!valid_prefix("Live") && !valid_prefix(&"a".repeat(17)));
    }

    #[test]
    fn sha256_matches_known_vector() {
        // FIPS 180-2 test vector for "abc".
        assert_eq!(
            sha256_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn ids_are_lowercase_alphanumeric() {
        let id = generate_id().unwrap();
        assert_eq!(id.len(), 12);
        assert!(id.bytes().all(|b| ID_ALPHABET.contains(&b)));
    }
}

/// A secret (an API key or a password) in memory: its `Debug` prints `[redacted]`, its
/// bytes are zeroed when dropped, and only [`Secret::expose`] reads it. It serializes as
/// the plain string, for the one place a new key is shown (`key create --json`).
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(zeroize::Zeroizing<String>);

impl Secret {
    /// The secret's text.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl From<String> for Secret {
    fn from(text: String) -> Self {
        Secret(zeroize::Zeroizing::new(text))
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("[redacted]")
    }
}

impl serde::Serialize for Secret {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.expose())
    }
}

#[cfg(test)]
mod redaction_tests {
    use super::*;

    #[test]
    fn debug_of_a_new_key_never_shows_the_secret() {
        let key = generate("ak").unwrap();
        let shown = format!("{key:?}");
        assert!(!shown.contains(key.secret.expose()), "{shown}");
        assert!(shown.contains("[redacted]"), "{shown}");
    }
}
