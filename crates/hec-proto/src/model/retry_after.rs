//! `RetryAfter`: how long the service asked us to wait.

use std::time::{Duration, SystemTime};

/// The `Retry-After` header: a number of seconds, or an HTTP date.
///
/// ```
/// use std::time::{Duration, SystemTime};
/// use hec_proto::policy::RetryAfter;
/// assert_eq!(RetryAfter::parse("30"), Some(RetryAfter::Seconds(30)));
/// let at = RetryAfter::parse("Thu, 01 Jan 2026 00:02:00 GMT").unwrap();
/// let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_767_225_600); // 2026-01-01T00:00:00Z
/// assert_eq!(at.delay(now), Duration::from_secs(120));
/// // Past the year 9999: later than any deadline.
/// assert_eq!(RetryAfter::parse("Fri, 31 Dec 9999 23:59:59 GMT"), Some(RetryAfter::FarFuture));
/// assert_eq!(RetryAfter::FarFuture.delay(now), Duration::MAX);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum RetryAfter {
    /// Wait this many seconds.
    Seconds(u64),
    /// Wait until this instant.
    At(jiff::Timestamp),
    /// Wait until a well-formed date past the end of the year 9999, which no timestamp holds:
    /// later than any deadline, so a call gives up at once instead of retrying.
    FarFuture,
}

impl RetryAfter {
    /// Reads a header value; `None` if it is neither a number of seconds nor an HTTP date.
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        if let Ok(seconds) = text.parse::<u64>() {
            return Some(RetryAfter::Seconds(seconds));
        }
        match crate::model::time::parse_http_date(text)? {
            crate::model::time::HttpDate::At(at) => Some(RetryAfter::At(at)),
            crate::model::time::HttpDate::FarFuture => Some(RetryAfter::FarFuture),
        }
    }

    /// Reads the `Retry-After` header of a response, if it has a usable one.
    pub fn from_headers(headers: &http::HeaderMap) -> Option<Self> {
        headers
            .get(http::header::RETRY_AFTER)
            .and_then(|value| value.to_str().ok())
            .and_then(RetryAfter::parse)
    }

    /// How long to wait from `now` (zero for a date in the past, [`Duration::MAX`] for
    /// [`RetryAfter::FarFuture`]).
    pub fn delay(&self, now: SystemTime) -> Duration {
        match *self {
            RetryAfter::Seconds(seconds) => Duration::from_secs(seconds),
            RetryAfter::At(at) => crate::model::time::duration_until(at, now),
            RetryAfter::FarFuture => Duration::MAX,
        }
    }
}
