//! The date window of a query: `startDate` (required) and `endDate` (optional), RFC 3339 with
//! `Z` or an offset, or without one (then UTC: Check Point's XSOAR client sends them so, and the
//! live service takes them).

use jiff::Timestamp;
use serde_json::{Map, Value};

/// `start <= t <= end` (no end: no upper bound).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Window {
    start: Timestamp,
    end: Option<Timestamp>,
}

impl Window {
    /// The window of `object`'s `startDate` and `endDate`; `at` names the object in the refusal
    /// (`requestData.entityFilter`), which the caller answers as a logical failure.
    pub(crate) fn from_fields(object: &Map<String, Value>, at: &str) -> Result<Window, String> {
        let start = match object.get("startDate") {
            None | Some(Value::Null) => return Err(format!("{at}.startDate is required")),
            Some(value) => date(value).ok_or_else(|| format!("{at}.startDate is not an RFC 3339 date"))?,
        };
        let end = match object.get("endDate") {
            None | Some(Value::Null) => None,
            Some(value) => Some(date(value).ok_or_else(|| format!("{at}.endDate is not an RFC 3339 date"))?),
        };
        Ok(Window { start, end })
    }

    /// Whether the record's date (`value`, RFC 3339 text) lies in the window; a record without
    /// a readable date never does.
    pub(crate) fn contains(&self, value: Option<&Value>) -> bool {
        self.contains_time(value.and_then(date))
    }

    /// Whether `at` (a record's date, read already) lies in the window; none never does.
    pub(crate) fn contains_time(&self, at: Option<Timestamp>) -> bool {
        at.is_some_and(|at| self.start <= at && self.end.is_none_or(|end| at <= end))
    }
}

/// An RFC 3339 date as a timestamp: with `Z` or an offset, or without one, which is UTC.
pub(crate) fn date(value: &Value) -> Option<Timestamp> {
    let text = value.as_str()?.trim();
    text.parse().ok().or_else(|| {
        let civil: jiff::civil::DateTime = text.parse().ok()?;
        jiff::tz::TimeZone::UTC.to_timestamp(civil).ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn window(fields: Value) -> Result<Window, String> {
        Window::from_fields(fields.as_object().unwrap(), "requestData")
    }

    #[test]
    fn both_ends_are_inclusive_and_the_end_is_optional() {
        let closed =
            window(json!({"startDate": "2026-01-01T00:00:00Z", "endDate": "2026-01-02T00:00:00Z"})).unwrap();
        assert!(closed.contains(Some(&json!("2026-01-01T00:00:00Z"))));
        assert!(closed.contains(Some(&json!("2026-01-02T01:00:00+01:00"))));
        assert!(!closed.contains(Some(&json!("2026-01-02T00:00:01Z"))));
        assert!(!closed.contains(None));
        let open = window(json!({"startDate": "2026-01-01T00:00:00Z"})).unwrap();
        assert!(open.contains(Some(&json!("2099-01-01T00:00:00.123456+00:00"))));
    }

    #[test]
    fn a_date_without_an_offset_is_utc() {
        let naive =
            window(json!({"startDate": "2026-01-01T10:00:00", "endDate": "2026-01-01 11:00:00.5"})).unwrap();
        assert!(!naive.contains(Some(&json!("2026-01-01T09:59:59Z"))));
        assert!(naive.contains(Some(&json!("2026-01-01T10:00:00Z"))));
        assert!(naive.contains(Some(&json!("2026-01-01T11:00:00.500000+00:00"))));
        assert!(!naive.contains(Some(&json!("2026-01-01T11:00:00.500001Z"))));
        assert_eq!(date(&json!("2026-01-01T10:00:00")), date(&json!("2026-01-01T10:00:00Z")));
    }

    #[test]
    fn a_missing_or_unreadable_date_is_refused_by_name() {
        assert_eq!(window(json!({})).unwrap_err(), "requestData.startDate is required");
        assert_eq!(
            window(json!({"startDate": "yesterday"})).unwrap_err(),
            "requestData.startDate is not an RFC 3339 date"
        );
        let bad_end = window(json!({"startDate": "2026-01-01T00:00:00Z", "endDate": 7})).unwrap_err();
        assert_eq!(bad_end, "requestData.endDate is not an RFC 3339 date");
    }
}
