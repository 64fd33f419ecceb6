//! Key parsing never panics, and whatever parses re-checks: its hint is a prefix of it
//! and a one-character change is caught.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(parsed) = apikey_core::secret::parse(text) {
        assert!(text.starts_with(&parsed.hint()));
        let mut bytes = text.as_bytes().to_vec();
        let last = bytes.len() - 1;
        bytes[last] = if bytes[last] == b'0' { b'1' } else { b'0' };
        let changed = String::from_utf8(bytes).expect("ASCII");
        assert!(apikey_core::secret::parse(&changed).is_err());
    }
    let _ = apikey_core::secret::sha256_hex(text);
});
