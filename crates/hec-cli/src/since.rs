//! Times and durations on the command line: the time window of a search (`--since 7d`, or
//! `--start TIME [--end TIME]`, read into instants before any request), and the durations of
//! `--timeout` and `--interval`, and of a feed's `--lookback` and `--interval`.

use std::time::{Duration, SystemTime};

use clap::Args;

use crate::failure::Failure;

/// `--since DURATION | --start TIME [--end TIME]`: one of `--since` and `--start` is required
/// (the group `window`, so that clap's message for a missing window names both).
#[derive(Debug, Clone, Args)]
#[command(group = clap::ArgGroup::new("window").args(["since", "start"]).required(true))]
pub(crate) struct Window {
    /// Only what is newer than this (e.g. 90m, 12h, 7d): the window starts this long before now.
    #[arg(
        long,
        value_name = "DURATION",
        value_parser = parse_since,
        conflicts_with_all = ["start", "end"]
    )]
    pub(crate) since: Option<Duration>,

    /// The window's start: an RFC 3339 time (2026-01-01T09:00:00Z, 2026-01-01T10:00:00+01:00) or
    /// a date (2026-01-01: midnight UTC).
    #[arg(long, value_name = "TIME", value_parser = parse_time)]
    pub(crate) start: Option<SystemTime>,

    /// The window's end, written as --start (default: none sent, i.e. up to now).
    #[arg(long, value_name = "TIME", value_parser = parse_time, requires = "start")]
    pub(crate) end: Option<SystemTime>,
}

/// A window as instants: the start, and the end if one was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    /// The start (`startDate`).
    pub(crate) start: SystemTime,
    /// The end (`endDate`), if given.
    pub(crate) end: Option<SystemTime>,
}

impl Window {
    /// The window at `now`: `--since` counts back from `now`. An end that is not after the start
    /// is a usage error.
    pub(crate) fn at(&self, now: SystemTime) -> Result<Span, Failure> {
        let start = match (self.since, self.start) {
            (Some(since), _) => now.checked_sub(since),
            (None, Some(start)) => Some(start),
            // clap requires one of them.
            (None, None) => return Err(Failure::Usage("give --since or --start".to_owned())),
        };
        let Some(start) = start.filter(|start| *start >= SystemTime::UNIX_EPOCH) else {
            return Err(Failure::Usage("the window would start before 1970".to_owned()));
        };
        if let Some(end) = self.end
            && end <= start
        {
            return Err(Failure::Usage(format!(
                "--end ({}) must be after --start ({})",
                humantime::format_rfc3339_seconds(end),
                humantime::format_rfc3339_seconds(start)
            )));
        }
        Ok(Span { start, end: self.end })
    }
}

/// `7d`, `12h`, `90m`: a duration longer than zero.
pub(crate) fn parse_since(text: &str) -> Result<Duration, String> {
    positive_duration(text, "90m, 12h, 7d, 2w")
}

/// Parses `200ms`, `3s`, `10m`, `1h 30m`: a duration longer than zero.
pub(crate) fn duration(text: &str) -> Result<Duration, String> {
    positive_duration(text, "200ms, 3s, 10m")
}

/// Parses a duration longer than zero; an error shows `examples`.
fn positive_duration(text: &str, examples: &str) -> Result<Duration, String> {
    let duration = humantime::parse_duration(text).map_err(|e| format!("{e} (examples: {examples})"))?;
    if duration.is_zero() {
        return Err("it must be longer than zero".into());
    }
    Ok(duration)
}

/// A feed's `--lookback`: `10m`, `1h`, `0s` (none).
pub(crate) fn lookback(text: &str) -> Result<Duration, String> {
    humantime::parse_duration(text).map_err(|e| format!("{e} (examples: 10m, 1h, 0s)"))
}

/// A feed's `--interval`: `60s`, `5m`; at least a second (a window's dates are whole seconds).
pub(crate) fn feed_interval(text: &str) -> Result<Duration, String> {
    let interval = humantime::parse_duration(text).map_err(|e| format!("{e} (examples: 30s, 5m)"))?;
    if interval < Duration::from_secs(1) {
        return Err("it must be at least 1s".into());
    }
    Ok(interval)
}

/// An RFC 3339 time with `Z` or an offset, or a date (`YYYY-MM-DD`, midnight UTC).
pub(crate) fn parse_time(text: &str) -> Result<SystemTime, String> {
    let text = text.trim();
    let timestamp = if text.len() == 10 && text.as_bytes().get(4) == Some(&b'-') {
        format!("{text}T00:00:00Z").parse::<jiff::Timestamp>()
    } else {
        text.parse::<jiff::Timestamp>()
    }
    .map_err(|_| {
        "expected an RFC 3339 time with a zone (2026-01-01T09:00:00Z, 2026-01-01T10:00:00+01:00) \
         or a date (2026-01-01)"
            .to_owned()
    })?;
    SystemTime::try_from(timestamp).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: u64) -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(seconds)
    }

    /// 2026-01-01T00:00:00Z.
    const NEW_YEAR: u64 = 1_767_225_600;

    fn window(since: Option<&str>, start: Option<&str>, end: Option<&str>) -> Window {
        Window {
            since: since.map(|s| parse_since(s).unwrap()),
            start: start.map(|s| parse_time(s).unwrap()),
            end: end.map(|s| parse_time(s).unwrap()),
        }
    }

    #[test]
    fn since_counts_back_from_now() {
        let span = window(Some("7d"), None, None).at(at(NEW_YEAR)).unwrap();
        assert_eq!(span, Span { start: at(NEW_YEAR - 7 * 86_400), end: None });
        let span = window(Some("90m"), None, None).at(at(NEW_YEAR)).unwrap();
        assert_eq!(span.start, at(NEW_YEAR - 5400));
    }

    #[test]
    fn start_and_end_read_rfc3339_with_any_offset_and_dates() {
        assert_eq!(parse_time("2026-01-01T00:00:00Z"), Ok(at(NEW_YEAR)));
        assert_eq!(parse_time("2026-01-01T01:00:00+01:00"), Ok(at(NEW_YEAR)));
        assert_eq!(parse_time("2026-01-01"), Ok(at(NEW_YEAR)));
        assert_eq!(
            parse_time("2026-01-02T00:00:00.5Z"),
            Ok(at(NEW_YEAR + 86_400) + Duration::from_millis(500))
        );
    }

    #[test]
    fn times_without_a_zone_and_other_texts_are_refused() {
        for bad in ["2026-01-01T00:00:00", "yesterday", "7d", "", "2026-13-01"] {
            assert!(parse_time(bad).is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn durations_read_milliseconds_seconds_and_minutes() {
        assert_eq!(duration("200ms"), Ok(Duration::from_millis(200)));
        assert_eq!(duration("3s"), Ok(Duration::from_secs(3)));
        assert_eq!(duration("10m"), Ok(Duration::from_secs(600)));
        assert!(duration("0s").is_err());
        assert!(duration("soon").is_err());
    }

    #[test]
    fn a_feeds_lookback_may_be_zero_and_its_interval_is_at_least_a_second() {
        assert_eq!(lookback("10m"), Ok(Duration::from_secs(600)));
        assert_eq!(lookback("0s"), Ok(Duration::ZERO));
        assert_eq!(lookback("1d"), Ok(Duration::from_secs(86_400)));
        assert!(lookback("a while").is_err());
        assert_eq!(feed_interval("60s"), Ok(Duration::from_secs(60)));
        assert_eq!(feed_interval("1h"), Ok(Duration::from_secs(3600)));
        assert_eq!(feed_interval("500ms"), Err("it must be at least 1s".to_owned()));
        assert!(feed_interval("often").is_err());
    }

    #[test]
    fn since_needs_a_positive_duration() {
        assert_eq!(parse_since("12h"), Ok(Duration::from_secs(43_200)));
        assert!(parse_since("0s").is_err());
        assert!(parse_since("a week").is_err());
    }

    #[test]
    fn an_end_not_after_the_start_is_refused() {
        let span = window(None, Some("2026-01-01"), Some("2026-01-02")).at(at(0)).unwrap();
        assert_eq!(span, Span { start: at(NEW_YEAR), end: Some(at(NEW_YEAR + 86_400)) });
        let error = window(None, Some("2026-01-02"), Some("2026-01-01")).at(at(0)).unwrap_err();
        assert_eq!(
            error.to_string(),
            "--end (2026-01-01T00:00:00Z) must be after --start (2026-01-02T00:00:00Z)"
        );
        assert!(window(None, Some("2026-01-01"), Some("2026-01-01")).at(at(0)).is_err());
    }

    #[test]
    fn a_window_starting_before_1970_is_refused() {
        let error = window(Some("100y"), None, None).at(at(NEW_YEAR)).unwrap_err();
        assert_eq!(error.to_string(), "the window would start before 1970");
        assert!(window(None, Some("1969-12-31"), None).at(at(NEW_YEAR)).is_err());
    }
}
