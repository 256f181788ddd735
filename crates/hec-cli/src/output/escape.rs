//! Text made safe for a terminal: what the service sends (task names, statuses, messages, error
//! texts) and what a user typed can hold control characters that clear the screen, set the
//! window title, or start a line that looks like one of hec's own. Text mode writes them as
//! escapes (`\u{1b}`); JSON output stays exact JSON. (A user's input repeated in an error is
//! quoted by [`echo`](crate::echo).)
//!
//! Only what the service sent has the run's secrets removed (see [`redact`]): each of its values
//! goes through [`field`], which also cuts it to [`MAX_FIELD_CHARS`]. hec's own words and the
//! library's errors (which the driver redacted already) are escaped only ([`own`], [`lines`]): a
//! short access key that is an ordinary word (`wrong`) leaves hec's wording alone.

use std::borrow::Cow;

use crate::output::redact;

/// The most characters of an error message hec prints; the rest is counted, not shown.
pub(crate) const MAX_MESSAGE_CHARS: usize = 2000;

/// The most characters of one value the service sent that text output shows (a subject, a task
/// name, a message, ...); the rest is counted, not shown (`… (199500 more characters)`). JSON
/// output and `-o ids` keep every value whole.
pub(crate) const MAX_FIELD_CHARS: usize = 500;

/// Whether `c` must not reach a terminal as it is: C0 and C1 controls, DEL, the Unicode marks
/// that reorder text on screen (bidirectional marks, overrides and isolates) and the invisible
/// ones that hide text or join it (zero-width space, non-joiner, joiner; byte order mark).
fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}'
        )
}

/// A value the service sent, for one field of a line: without the run's secrets, cut to
/// [`MAX_FIELD_CHARS`] characters (saying how many more there were), and with every unsafe
/// character escaped, the line feed included.
pub(crate) fn field(text: &str) -> Cow<'_, str> {
    match redact::text(text) {
        Cow::Borrowed(text) => own_capped(text),
        Cow::Owned(text) => Cow::Owned(own_capped(&text).into_owned()),
    }
}

fn own_capped(text: &str) -> Cow<'_, str> {
    match cap(text, MAX_FIELD_CHARS) {
        Cow::Borrowed(text) => own(text),
        Cow::Owned(text) => Cow::Owned(own(&text).into_owned()),
    }
}

/// hec's own text (or a library error, redacted already) for one field of a line: every unsafe
/// character escaped, the line feed included; nothing removed.
pub(crate) fn own(text: &str) -> Cow<'_, str> {
    escape_controls(text, false)
}

/// `text` with every unsafe character escaped except line feeds and tabs: for text made of lines
/// (and tab-separated columns) whose values were made safe with [`field`] or [`own`].
pub(crate) fn lines(text: &str) -> Cow<'_, str> {
    escape_controls(text, true)
}

fn escape_controls(text: &str, keep_layout: bool) -> Cow<'_, str> {
    let unsafe_char = |c: char| is_unsafe(c) && !(keep_layout && matches!(c, '\n' | '\t'));
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if unsafe_char(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `text` cut to `max` characters, saying how many more there were.
pub(crate) fn cap(text: &str, max: usize) -> Cow<'_, str> {
    match text.char_indices().nth(max) {
        None => Cow::Borrowed(text),
        Some((end, _)) => {
            let more = text[end..].chars().count();
            Cow::Owned(format!("{}… ({more} more characters)", &text[..end]))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_reordering_marks_are_escaped_in_a_field() {
        assert_eq!(field("plain text, ünïcode"), "plain text, ünïcode");
        assert_eq!(field("a\u{1b}]0;pwned\u{7}b"), "a\\u{1b}]0;pwned\\u{7}b");
        assert_eq!(field("x\ny\r\tz\0"), "x\\ny\\r\\tz\\u{0}");
        assert_eq!(field("\u{9b}2J \u{7f} \u{202e}evil"), "\\u{9b}2J \\u{7f} \\u{202e}evil");
        assert_eq!(field("invoice\u{202e}fdp.exe"), "invoice\\u{202e}fdp.exe");
    }

    #[test]
    fn invisible_characters_are_escaped_and_a_backslash_stays() {
        assert_eq!(
            field("zero\u{200b}width\u{200d}join\u{feff}\u{85}"),
            "zero\\u{200b}width\\u{200d}join\\u{feff}\\u{85}"
        );
        assert_eq!(field("back\\slash \"quoted\" it's"), "back\\slash \"quoted\" it's");
        assert!(matches!(field("Payroll update – März"), Cow::Borrowed("Payroll update – März")));
    }

    #[test]
    fn lines_keep_their_line_feeds_and_tabs() {
        assert_eq!(lines("one\ntwo\u{1b}[2J\n"), "one\ntwo\\u{1b}[2J\n");
        assert_eq!(lines("a\tb\r\n"), "a\tb\\r\n");
    }

    #[test]
    fn a_long_field_is_cut_to_its_limit_and_counted_before_it_is_escaped() {
        let long = format!("{}\u{1b}tail", "s".repeat(MAX_FIELD_CHARS - 1));
        assert_eq!(
            field(&long),
            format!("{}\\u{{1b}}… (4 more characters)", "s".repeat(MAX_FIELD_CHARS - 1))
        );
        let exact = "x".repeat(MAX_FIELD_CHARS);
        assert!(matches!(field(&exact), Cow::Borrowed(text) if text == exact));
        assert_eq!(own(&long), long.replace('\u{1b}', "\\u{1b}"));
    }

    #[test]
    fn long_text_is_cut_and_counted() {
        assert_eq!(cap("abcdef", 6), "abcdef");
        assert_eq!(cap("abcdefgh", 6), "abcdef… (2 more characters)");
        assert_eq!(cap("ééé", 1), "é… (2 more characters)");
    }
}
