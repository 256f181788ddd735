//! `HecTime`: a timestamp as HEC sends it, with its text kept and a UTC value on demand.

use std::fmt;
use std::time::{Duration, SystemTime};

/// A timestamp exactly as the service sent it.
///
/// Tasks use `YYYY-MM-DD HH:MM:SS.ffffff` (a space, microseconds, no zone: read as UTC); other HEC
/// objects use RFC 3339 (`Z` or `+00:00`), and the auth response RFC 1123. The raw text is kept,
/// and [`HecTime::to_utc`] parses any of the three.
///
/// ```
/// use hec_proto::HecTime;
/// let created = HecTime::new("2023-08-08 21:16:16.947618");
/// assert_eq!(created.to_utc().unwrap().to_string(), "2023-08-08T21:16:16.947618Z");
/// assert_eq!(created.raw(), "2023-08-08 21:16:16.947618");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct HecTime(String);

/// A timestamp text in none of the formats HEC uses.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unrecognised timestamp {0:?}: expected `YYYY-MM-DD HH:MM:SS[.ffffff]`, RFC 3339 or RFC 1123")]
pub struct InvalidTime(pub String);

impl HecTime {
    /// A timestamp from its text.
    pub fn new(raw: impl Into<String>) -> Self {
        HecTime(raw.into())
    }

    /// The text as received.
    pub fn raw(&self) -> &str {
        &self.0
    }

    /// The instant, reading a zoneless task timestamp as UTC.
    pub fn to_utc(&self) -> Result<jiff::Timestamp, InvalidTime> {
        parse_utc(&self.0).ok_or_else(|| InvalidTime(self.0.clone()))
    }
}

/// Parses the task format, RFC 3339 or RFC 1123 (as in HTTP dates) into an instant.
pub(crate) fn parse_utc(text: &str) -> Option<jiff::Timestamp> {
    let text = text.trim();
    if text.contains(',') {
        return jiff::fmt::rfc2822::parse(text).ok().map(|zoned| zoned.timestamp());
    }
    if let Ok(timestamp) = text.parse::<jiff::Timestamp>() {
        return Some(timestamp);
    }
    let civil = text.parse::<jiff::civil::DateTime>().ok()?;
    jiff::tz::Offset::UTC.to_timestamp(civil).ok()
}

impl fmt::Display for HecTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// How long from `now` until `at`; zero if `at` has passed.
pub(crate) fn duration_until(at: jiff::Timestamp, now: SystemTime) -> Duration {
    let now = jiff::Timestamp::try_from(now).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    let nanos = at.as_nanosecond().saturating_sub(now.as_nanosecond());
    u64::try_from(nanos).map_or(if nanos > 0 { Duration::MAX } else { Duration::ZERO }, Duration::from_nanos)
}
