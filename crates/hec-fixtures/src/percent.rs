//! Percent-decoding of one path segment, for the exception keys (`{excStr}`) that the mock
//! reads and the conformance run checks.

/// `segment` with every `%XX` turned back into its byte; `None` if a `%` is not followed by two
/// hex digits or the bytes are not UTF-8.
pub(crate) fn decode(segment: &str) -> Option<String> {
    let bytes = segment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at] == b'%' {
            let hex = segment.get(at + 1..at + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            at += 3;
        } else {
            out.push(bytes[at]);
            at += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn escapes_turn_back_into_their_bytes() {
        let cases = [
            ("https%3A%2F%2Fa.example%2Fx%3Fq%3D1", "https://a.example/x?q=1"),
            ("caf%C3%A9", "café"),
            (".pdf", ".pdf"),
        ];
        for (escaped, expected) in cases {
            assert_eq!(
                decode(escaped).as_deref(),
                Some(expected),
                "decode({escaped:?}): left came, right expected"
            );
        }
    }

    #[test]
    fn a_broken_escape_or_bytes_that_are_not_utf8_are_refused() {
        for broken in ["%", "%4", "%zz", "a%2", "%FF"] {
            assert_eq!(decode(broken), None, "decode({broken:?}): left came, right expected (refused)");
        }
    }
}
