//! `HecTime`: a timestamp as HEC sends it, with its text kept and a UTC value on demand.

use std::fmt;
use std::time::{Duration, SystemTime};

use crate::wire::inline_text::InlineText;

/// A timestamp exactly as the service sent it.
///
/// The service mixes forms (docs/HEC-API.md part 2, section 8), and [`HecTime::to_utc`] reads
/// every one, a time without an offset as UTC: RFC 3339 with `Z` or `+00:00`
/// (`2023-06-30T15:15:06.759583Z`), naive with or without a fraction (`2023-06-30T15:15:14.074234`,
/// `2023-06-30T00:00:00`), the tasks' `YYYY-MM-DD HH:MM:SS.ffffff` (a space), and RFC 1123 (`Tue,
/// 04 Jul 2023 10:00:00 GMT`). The raw text is kept.
///
/// ```
/// use hec_proto::model::HecTime;
/// for text in ["2023-07-04T10:00:00Z", "2023-07-04T10:00:00+00:00", "2023-07-04T10:00:00",
///              "2023-07-04 10:00:00", "Tue, 04 Jul 2023 10:00:00 GMT"] {
///     assert_eq!(HecTime::new(text).to_utc().unwrap().to_string(), "2023-07-04T10:00:00Z");
/// }
/// ```
///
/// ```
/// use hec_proto::model::HecTime;
/// let created = HecTime::new("2023-08-08 21:16:16.947618");
/// assert_eq!(created.to_utc().unwrap().to_string(), "2023-08-08T21:16:16.947618Z");
/// assert_eq!(created.raw(), "2023-08-08 21:16:16.947618");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct HecTime(InlineText);

/// A timestamp text in none of the formats HEC uses.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unrecognised timestamp {0:?}: expected `YYYY-MM-DD HH:MM:SS[.ffffff]`, RFC 3339 or RFC 1123")]
pub struct InvalidTime(pub String);

impl HecTime {
    /// A timestamp from its text.
    pub fn new(raw: impl Into<String>) -> Self {
        HecTime(InlineText::from(raw.into()))
    }

    /// The text as received.
    pub fn raw(&self) -> &str {
        self.0.as_str()
    }

    /// The instant, reading a zoneless task timestamp as UTC.
    pub fn to_utc(&self) -> Result<jiff::Timestamp, InvalidTime> {
        parse_utc(self.raw()).ok_or_else(|| InvalidTime(self.raw().to_owned()))
    }
}

impl serde::Serialize for HecTime {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.raw())
    }
}

impl<'de> serde::Deserialize<'de> for HecTime {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = HecTime;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a timestamp string")
            }

            // Borrowed or transient text: copied inline when short, without a heap allocation.
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<HecTime, E> {
                Ok(HecTime(InlineText::new(text)))
            }

            fn visit_string<E: serde::de::Error>(self, text: String) -> Result<HecTime, E> {
                Ok(HecTime(InlineText::from(text)))
            }
        }
        deserializer.deserialize_str(Visitor)
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

/// An HTTP date (RFC 1123, as in `Retry-After` and the auth answer's `expires`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HttpDate {
    /// This instant.
    At(jiff::Timestamp),
    /// A well-formed date past the end of the year 9999, which no timestamp holds: later than
    /// any deadline.
    FarFuture,
}

/// Reads an HTTP date (leniently, any format [`parse_utc`] reads); `None` if it is not one.
pub(crate) fn parse_http_date(text: &str) -> Option<HttpDate> {
    if let Some(at) = parse_utc(text) {
        return Some(HttpDate::At(at));
    }
    beyond_the_last_timestamp(text).then_some(HttpDate::FarFuture)
}

/// Whether `text` is an RFC 1123 date (`Fri, 31 Dec 9999 23:59:59 GMT`) in the year 9999 or later,
/// the dates the parser refuses for being out of range rather than malformed.
fn beyond_the_last_timestamp(text: &str) -> bool {
    const MONTHS: [&str; 12] =
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let parts: Vec<&str> = text.split_ascii_whitespace().collect();
    let [weekday, day, month, year, time, zone] = parts[..] else {
        return false;
    };
    let digits = |part: &str, range: std::ops::RangeInclusive<u32>| {
        part.len() == 2 && part.parse::<u32>().is_ok_and(|value| range.contains(&value))
    };
    let clock: Vec<&str> = time.split(':').collect();
    weekday.len() == 4
        && weekday.ends_with(',')
        && digits(day, 1..=31)
        && MONTHS.iter().any(|name| name.eq_ignore_ascii_case(month))
        && year.len() >= 4
        && year.bytes().all(|b| b.is_ascii_digit())
        && year.parse::<u64>().map_or(true, |year| year >= 9999)
        && matches!(clock[..], [h, m, s] if digits(h, 0..=23) && digits(m, 0..=59) && digits(s, 0..=60))
        && (zone.eq_ignore_ascii_case("GMT") || zone == "+0000")
}

impl fmt::Display for HecTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.raw())
    }
}

/// How long from `now` until `at`; zero if `at` has passed.
pub(crate) fn duration_until(at: jiff::Timestamp, now: SystemTime) -> Duration {
    let now = jiff::Timestamp::try_from(now).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    let nanos = at.as_nanosecond().saturating_sub(now.as_nanosecond());
    u64::try_from(nanos).map_or(if nanos > 0 { Duration::MAX } else { Duration::ZERO }, Duration::from_nanos)
}

/// `at` as RFC 3339 in UTC with `Z`, in whole seconds (`2026-11-21T10:00:00Z`): the form the
/// API's query dates take. A time beyond what RFC 3339 can write is clamped to its range.
pub(crate) fn rfc3339_seconds(at: SystemTime) -> String {
    whole_seconds(at).to_string()
}

/// `at` in whole seconds, as a query date sends it; a time beyond what a timestamp holds is
/// clamped to its range.
pub(crate) fn whole_seconds(at: SystemTime) -> jiff::Timestamp {
    let timestamp = jiff::Timestamp::try_from(at).unwrap_or(if at < SystemTime::UNIX_EPOCH {
        jiff::Timestamp::MIN
    } else {
        jiff::Timestamp::MAX
    });
    floor_second(timestamp)
}

/// `at` without its fraction of a second (earlier, also before 1970).
pub(crate) fn floor_second(at: jiff::Timestamp) -> jiff::Timestamp {
    let second = at.as_second() - i64::from(at.subsec_nanosecond() < 0);
    jiff::Timestamp::from_second(second).unwrap_or(at)
}

/// `at` as a `SystemTime`. Every timestamp fits where `SystemTime` counts 64-bit seconds from
/// 1970 (Unix); one a platform's clock cannot hold reads as the Unix epoch.
pub(crate) fn system_time(at: jiff::Timestamp) -> SystemTime {
    SystemTime::try_from(at).unwrap_or(SystemTime::UNIX_EPOCH)
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, SystemTime};

    use super::rfc3339_seconds;

    #[test]
    fn query_dates_are_whole_seconds_in_utc_with_z() {
        let at = SystemTime::UNIX_EPOCH + Duration::from_millis(1_795_255_200_999);
        assert_eq!(rfc3339_seconds(at), "2026-11-21T10:00:00Z");
        assert_eq!(rfc3339_seconds(SystemTime::UNIX_EPOCH), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339_seconds(SystemTime::UNIX_EPOCH - Duration::from_secs(1)), "1969-12-31T23:59:59Z");
        // A fraction is dropped toward the past, before 1970 too.
        assert_eq!(
            rfc3339_seconds(SystemTime::UNIX_EPOCH - Duration::from_millis(500)),
            "1969-12-31T23:59:59Z"
        );
    }
}
