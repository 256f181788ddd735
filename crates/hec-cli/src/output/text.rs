//! How values the server sent show in text output: escaped (by [`escape::field`]) so they cannot
//! drive the terminal or break a line apart, times in UTC, and `-` for what is missing; and the
//! shape every `get` view shares (a heading, then one labelled field a line).

use std::borrow::Cow;
use std::fmt::Write;

use hec_proto::model::HecTime;

use crate::output::escape;

/// An optional server text, escaped, or `-`; an empty text is `-` too.
pub(crate) fn or_dash(value: Option<&str>) -> Cow<'_, str> {
    match value.filter(|text| !text.is_empty()) {
        Some(text) => escape::field(text),
        None => Cow::Borrowed("-"),
    }
}

/// Server texts, each escaped, joined with `separator`.
pub(crate) fn joined<'a>(items: impl IntoIterator<Item = &'a str>, separator: &str) -> String {
    items.into_iter().map(|item| escape::field(item).into_owned()).collect::<Vec<_>>().join(separator)
}

/// Server texts, each escaped, joined with `, `; `-` if there are none.
pub(crate) fn list<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    or_dash(Some(joined(items, ", ").as_str())).into_owned()
}

/// A number, or `-`.
pub(crate) fn count(value: Option<u64>) -> String {
    value.map_or_else(|| "-".to_owned(), |value| value.to_string())
}

/// A timestamp in UTC (RFC 3339, as precise as it came), the escaped text as received if it does
/// not parse, or `-`.
pub(crate) fn time(value: Option<&HecTime>) -> String {
    value.map_or_else(
        || "-".to_owned(),
        |time| time.to_utc().map_or_else(|_| escape::field(time.raw()).into_owned(), |utc| utc.to_string()),
    )
}

/// A timestamp in UTC to the second (`2026-01-01T10:00:00Z`), so that lines of a listing line up;
/// else as [`time`].
pub(crate) fn time_to_second(value: Option<&HecTime>) -> String {
    match value.map(HecTime::to_utc) {
        Some(Ok(utc)) => utc.strftime("%Y-%m-%dT%H:%M:%SZ").to_string(),
        _ => time(value),
    }
}

/// `yes`, `no` or `-`.
pub(crate) fn yes_no(value: Option<bool>) -> &'static str {
    match value {
        Some(true) => "yes",
        Some(false) => "no",
        None => "-",
    }
}

/// The text of a `get` view: a heading line, then one `  LABEL  VALUE` line per field, the labels
/// padded to one width so that the values line up.
#[derive(Debug)]
pub(crate) struct View {
    text: String,
    width: usize,
}

impl View {
    /// A view that starts with the line `heading`, its labels padded to `width` characters.
    pub(crate) fn new(heading: &str, width: usize) -> View {
        View { text: format!("{heading}\n"), width }
    }

    /// A field: `  LABEL  VALUE` (the value already made safe).
    pub(crate) fn field(&mut self, label: &str, value: &str) {
        let _ = writeln!(self.text, "  {label:<width$} {value}", width = self.width);
    }

    /// A line of its own (the value already made safe).
    pub(crate) fn line(&mut self, line: &str) {
        let _ = writeln!(self.text, "{line}");
    }

    /// The text, each line ending in a line feed.
    pub(crate) fn into_text(self) -> String {
        self.text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_and_empty_values_are_a_dash() {
        assert_eq!(or_dash(None), "-");
        assert_eq!(or_dash(Some("")), "-");
        assert_eq!(or_dash(Some("x\ty")), "x\\ty");
    }

    #[test]
    fn times_show_in_utc() {
        let time = HecTime::new("2026-01-01T11:00:00.250+01:00");
        assert_eq!(super::time(Some(&time)), "2026-01-01T10:00:00.25Z");
        assert_eq!(time_to_second(Some(&time)), "2026-01-01T10:00:00Z");
        assert_eq!(time_to_second(Some(&HecTime::new("yesterday\n"))), "yesterday\\n");
        assert_eq!(time_to_second(None), "-");
    }

    #[test]
    fn flags_read_yes_no_or_dash() {
        assert_eq!([yes_no(Some(true)), yes_no(Some(false)), yes_no(None)], ["yes", "no", "-"]);
    }
}
