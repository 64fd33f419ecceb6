//! Parsing of user-given durations and times, and the clock.
//!
//! Durations use humantime's syntax (`90d`, `24h`, `1h 30m`; a day is 86,400 s).
//! Times are RFC 3339 (`2027-01-31T12:00:00Z`) or a plain date (`2027-01-31`, read as
//! midnight UTC). The store keeps whole Unix seconds (UTC).

use jiff::Timestamp;

use crate::error::{Error, Result};

/// The longest accepted duration: 100 years, far beyond any sensible key lifetime.
pub const MAX_DURATION_SECS: i64 = 100 * 366 * 86_400;

/// The current time, truncated to whole seconds (the store's resolution).
pub fn now() -> Timestamp {
    Timestamp::from_second(Timestamp::now().as_second()).unwrap_or(Timestamp::UNIX_EPOCH)
}

/// Parses a duration such as `90d` or `24h` into whole seconds.
///
/// `flag` names the option in the error message.
///
/// # Errors
/// [`Error::Invalid`] if the text is not a humantime duration, is zero when `allow_zero`
/// is false, or exceeds [`MAX_DURATION_SECS`].
pub fn parse_duration(flag: &str, text: &str, allow_zero: bool) -> Result<i64> {
    let parsed = humantime::parse_duration(text.trim()).map_err(|e| {
        Error::invalid(format!(
            "invalid {flag} '{}': {e}; use a duration such as 90d, 24h or 30m",
            text.escape_debug()
        ))
    })?;
    let secs = i64::try_from(parsed.as_secs()).unwrap_or(i64::MAX);
    if secs > MAX_DURATION_SECS {
        return Err(Error::invalid(format!(
            "{flag} '{}' is longer than 100 years; use a shorter duration",
            text.escape_debug()
        )));
    }
    if secs == 0 && !allow_zero {
        return Err(Error::invalid(format!(
            "{flag} must be at least one second, got '{}'",
            text.escape_debug()
        )));
    }
    Ok(secs)
}

/// The forms [`parse_time`] accepts, for error messages.
const TIME_FORMS: &str = "RFC 3339 with an offset (2027-01-31T12:00:00Z, \
     2027-01-31T12:00:00+07:00) or a date (2027-01-31, midnight UTC)";

/// Parses an absolute time: RFC 3339 with an offset (`Z` or `±HH:MM`, hours at most 23),
/// or a plain `YYYY-MM-DD` date taken as midnight UTC.
///
/// A date-time without an offset (`2099-01-01T15:30:00`) is refused rather than guessed,
/// and so are offsets RFC 3339 does not allow (`+25:00`, `+0700`) and time zone
/// annotations (`[Asia/Jakarta]`).
///
/// # Errors
/// [`Error::Invalid`] naming `flag` and the expected forms if the text is neither form,
/// or if the time lies outside the supported range (years 0000 to 9999-12-30).
pub fn parse_time(flag: &str, text: &str) -> Result<Timestamp> {
    let text = text.trim();
    let invalid = |why: &str| {
        Error::invalid(format!(
            "invalid {flag} '{}'{why}: use {TIME_FORMS}",
            text.escape_debug()
        ))
    };
    let bytes = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        bytes
            .get(range)
            .is_some_and(|b| b.iter().all(u8::is_ascii_digit))
    };
    let date_shaped = digits(0..4)
        && bytes.get(4) == Some(&b'-')
        && digits(5..7)
        && bytes.get(7) == Some(&b'-')
        && digits(8..10);
    if !date_shaped {
        return Err(invalid(""));
    }
    let out_of_range = || {
        invalid(&format!(
            " is outside the supported range (latest {})",
            Timestamp::MAX
                .round(jiff::Unit::Second)
                .unwrap_or(Timestamp::MAX)
        ))
    };
    if bytes.len() == 10 {
        let date = text.parse::<jiff::civil::Date>().map_err(|_| invalid(""))?;
        return date
            .to_zoned(jiff::tz::TimeZone::UTC)
            .map(|z| z.timestamp())
            .map_err(|_| out_of_range());
    }
    if !matches!(bytes.get(10), Some(b'T' | b't' | b' ')) {
        return Err(invalid(""));
    }
    let civil_end = if text.ends_with(['Z', 'z']) {
        text.len() - 1
    } else {
        let offset_at = text.len().saturating_sub(6);
        let offset = &bytes[offset_at..];
        let offset_shaped = matches!(offset[0], b'+' | b'-')
            && offset[1..3].iter().all(u8::is_ascii_digit)
            && offset[3] == b':'
            && offset[4..6].iter().all(u8::is_ascii_digit);
        if !offset_shaped {
            return Err(invalid(
                " has no offset (add Z for UTC, or one such as +07:00)",
            ));
        }
        let hours = (offset[1] - b'0') * 10 + (offset[2] - b'0');
        let minutes = (offset[4] - b'0') * 10 + (offset[5] - b'0');
        if hours > 23 || minutes > 59 {
            return Err(invalid(" has an offset beyond ±23:59"));
        }
        offset_at
    };
    let civil = text
        .get(..civil_end)
        .and_then(|c| {
            c.replacen([' ', 't'], "T", 1)
                .parse::<jiff::civil::DateTime>()
                .ok()
        })
        .ok_or_else(|| invalid(""))?;
    match text.parse::<Timestamp>() {
        // The store keeps whole seconds: so do the audit details that name the time.
        Ok(ts) => Ok(Timestamp::from_second(ts.as_second()).unwrap_or(ts)),
        // The clock reading itself is well formed: only the library's range is exceeded.
        Err(_) if civil.year() >= 9999 => Err(out_of_range()),
        Err(_) => Err(invalid("")),
    }
}

/// A "since" filter (`audit --since`, the console's audit page): a duration back from
/// now (`24h`, `7d`) or a time (`2026-11-01`, RFC 3339). Errors name `flag`.
///
/// # Errors
/// [`Error::Invalid`] for anything else.
pub fn parse_since(flag: &str, text: &str) -> Result<Timestamp> {
    if let Ok(secs) = parse_duration(flag, text, true) {
        return Ok(add_secs(now(), -secs));
    }
    parse_time(flag, text).map_err(|e| {
        // A date-like text gets the time parser's own reason (no offset, out of range).
        if text.trim().as_bytes().get(4) == Some(&b'-') {
            return e;
        }
        Error::invalid(format!(
            "invalid {flag} '{}': give a duration back (24h, 7d) or a time (2026-11-01, RFC 3339)",
            text.escape_debug()
        ))
    })
}

/// Converts stored Unix seconds back to a timestamp.
pub fn from_unix(secs: i64) -> Timestamp {
    Timestamp::from_second(secs).unwrap_or(Timestamp::UNIX_EPOCH)
}

/// Adds `secs` seconds to `ts`, saturating at jiff's maximum.
pub fn add_secs(ts: Timestamp, secs: i64) -> Timestamp {
    from_unix(
        ts.as_second()
            .saturating_add(secs)
            .min(Timestamp::MAX.as_second()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("--x", "90d", false).unwrap(), 90 * 86_400);
        assert_eq!(parse_duration("--x", "1h 30m", false).unwrap(), 5_400);
        assert_eq!(parse_duration("--x", "0s", true).unwrap(), 0);
        assert!(parse_duration("--x", "0s", false).is_err());
        assert!(parse_duration("--x", "ten days", false).is_err());
        assert!(parse_duration("--x", "-5d", false).is_err());
        assert!(parse_duration("--x", "1000y", false).is_err());
    }

    #[test]
    fn times() {
        let t = parse_time("--x", "2027-01-31").unwrap();
        assert_eq!(t.to_string(), "2027-01-31T00:00:00Z");
        let t = parse_time("--x", "2027-01-31T12:00:00+07:00").unwrap();
        assert_eq!(t.to_string(), "2027-01-31T05:00:00Z");
        assert!(parse_time("--x", "2027-13-01").is_err());
        assert!(parse_time("--x", "tomorrow").is_err());
        let t = parse_time("--x", "2027-01-31T12:00:00.75Z").unwrap();
        assert_eq!(t.to_string(), "2027-01-31T12:00:00Z");
        let t = parse_time("--x", "2027-01-31 12:00:00z").unwrap();
        assert_eq!(t.to_string(), "2027-01-31T12:00:00Z");
        let t = parse_time("--x", "2027-01-31T12:00:00-23:59").unwrap();
        assert_eq!(t.to_string(), "2027-02-01T11:59:00Z");
    }

    #[test]
    fn times_refused_naming_the_form() {
        for (text, why) in [
            ("2099-01-01T15:30:00", "has no offset"),
            ("2099-01-01T15:30:00+25:00", "beyond ±23:59"),
            ("2099-01-01T15:30:00+07:60", "beyond ±23:59"),
            ("2099-01-01T15:30:00+0700", "has no offset"),
            ("2099-01-01T15:30:00+07", "has no offset"),
            ("2099-01-01T15:30:00Z[UTC]", "has no offset"),
            ("2099-01-01X15:30:00Z", "RFC 3339"),
            ("99-01-01", "RFC 3339"),
            ("+002099-01-01", "RFC 3339"),
            ("9999-12-31T23:59:59Z", "outside the supported range"),
            ("9999-12-31", "outside the supported range"),
        ] {
            let err = parse_time("--x", text).unwrap_err().to_string();
            assert!(err.contains(why), "{text}: {err}");
            assert!(err.contains("RFC 3339 with an offset"), "{text}: {err}");
        }
    }
}
