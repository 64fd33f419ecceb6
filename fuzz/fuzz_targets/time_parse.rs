//! Duration and time parsing never panic, and accepted durations stay in range.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(secs) = apikey_core::time::parse_duration("--x", text, true) {
        assert!((0..=apikey_core::time::MAX_DURATION_SECS).contains(&secs));
        let _ = apikey_core::time::add_secs(apikey_core::time::now(), secs);
        let _ = apikey_core::time::add_secs(apikey_core::time::now(), -secs);
    }
    let _ = apikey_core::time::parse_time("--x", text);
});
