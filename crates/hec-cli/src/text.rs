//! How values the server sent show in text output: escaped so they cannot drive the terminal or
//! break a line apart, times in UTC, and `-` for what is missing.

use std::borrow::Cow;
use std::fmt::Write;

use hec_proto::HecTime;

/// `text` with every character that could change what a terminal shows escaped: control
/// characters (tab and newline included, so a value stays inside its line and column) as `\t`,
/// `\n`, `\r` or `\u{..}`, and the invisible characters that reorder or hide text (bidirectional
/// overrides and isolates, zero-width characters) as `\u{..}`. A backslash stays as it is.
pub(crate) fn escaped(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if needs_escape(c) => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
}

/// An optional server text, escaped, or `-`; an empty text is `-` too.
pub(crate) fn or_dash(value: Option<&str>) -> Cow<'_, str> {
    match value.filter(|text| !text.is_empty()) {
        Some(text) => escaped(text),
        None => Cow::Borrowed("-"),
    }
}

/// A timestamp in UTC (RFC 3339, as precise as it came), the escaped text as received if it does
/// not parse, or `-`.
pub(crate) fn time(value: Option<&HecTime>) -> String {
    value.map_or_else(
        || "-".to_owned(),
        |time| time.to_utc().map_or_else(|_| escaped(time.raw()).into_owned(), |utc| utc.to_string()),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed_as_it_is() {
        assert!(matches!(escaped("Payroll update – März"), Cow::Borrowed("Payroll update – März")));
    }

    #[test]
    fn control_and_invisible_characters_are_escaped() {
        assert_eq!(escaped("a\tb\nc\rd"), "a\\tb\\nc\\rd");
        assert_eq!(escaped("\u{1b}[31mred\u{7}"), "\\u{1b}[31mred\\u{7}");
        assert_eq!(escaped("invoice\u{202e}fdp.exe"), "invoice\\u{202e}fdp.exe");
        assert_eq!(escaped("zero\u{200b}width\u{85}"), "zero\\u{200b}width\\u{85}");
        assert_eq!(escaped("back\\slash"), "back\\slash");
    }

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
