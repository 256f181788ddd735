//! Percent-encoding of a text for a URL path or a comparison with what a server echoed.

/// Every byte outside the URL's unreserved characters as `%XX` with these hex digits.
pub(crate) fn percent_encode(text: &str, hex: &[u8; 16]) -> String {
    let mut out = String::with_capacity(text.len());
    for &byte in text.as_bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(hex[usize::from(byte >> 4)]));
            out.push(char::from(hex[usize::from(byte & 0xf)]));
        }
    }
    out
}
