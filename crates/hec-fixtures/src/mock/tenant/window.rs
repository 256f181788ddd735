//! The date window of a query: `startDate` (required) and `endDate` (optional), RFC 3339.

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
        value.and_then(date).is_some_and(|at| self.start <= at && self.end.is_none_or(|end| at <= end))
    }
}

/// An RFC 3339 date (`Z` or an offset) as a timestamp.
pub(crate) fn date(value: &Value) -> Option<Timestamp> {
    value.as_str()?.trim().parse().ok()
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
