//! The provisioning file parser never panics on any input, in either syntax, and what it
//! accepts survives a JSON round trip unchanged.
#![no_main]

use apikey_core::provision::manifest::{self, Syntax};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for syntax in [Syntax::Json, Syntax::Toml] {
        if let Ok(parsed) = manifest::parse(text, "fuzz", Some(syntax)) {
            let json = serde_json::to_string(&parsed).expect("serialize");
            let again = manifest::parse(&json, "fuzz", Some(Syntax::Json)).expect("round trip");
            assert_eq!(parsed, again);
        }
    }
});
