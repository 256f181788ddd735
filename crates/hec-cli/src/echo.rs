//! A user's input repeated in an error message (`invalid task id: ... "a/b"`): quoted, escaped as
//! Rust writes strings, and short. It depends on nothing else of hec, so that the modules that
//! check input (ids, the connection's options) can use it.

/// The most characters of a user's input that an error repeats.
pub(crate) const MAX_ECHO_CHARS: usize = 64;

/// A user's input for an error message: quoted and escaped as Rust writes strings, at most
/// [`MAX_ECHO_CHARS`] characters of it.
pub(crate) fn echo(input: &str) -> String {
    match input.char_indices().nth(MAX_ECHO_CHARS) {
        None => format!("{input:?}"),
        Some((end, _)) => format!("{:?}… ({} bytes in all)", &input[..end], input.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_echo_is_quoted_escaped_and_short() {
        assert_eq!(echo("a\u{1b}b"), "\"a\\u{1b}b\"");
        let long = "x".repeat(1_000_000);
        assert_eq!(echo(&long), format!("{:?}… (1000000 bytes in all)", "x".repeat(MAX_ECHO_CHARS)));
    }
}
