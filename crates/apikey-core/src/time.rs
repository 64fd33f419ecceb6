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

/// Parses an absolute time: RFC 3339, or a `YYYY-MM-DD` date taken as midnight UTC.
///
/// # Errors
/// [`Error::Invalid`] naming `flag` if the text is neither form.
pub fn parse_time(flag: &str, text: &str) -> Result<Timestamp> {
    let text = text.trim();
    if let Ok(ts) = text.parse::<Timestamp>() {
        return Ok(ts);
    }
    if let Ok(date) = text.parse::<jiff::civil::Date>()
        && let Ok(zoned) = date.to_zoned(jiff::tz::TimeZone::UTC)
    {
        return Ok(zoned.timestamp());
    }
    Err(Error::invalid(format!(
        "invalid {flag} '{}': use RFC 3339 (2027-01-31T12:00:00Z) or a date (2027-01-31)",
        text.escape_debug()
    )))
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
    }
}
