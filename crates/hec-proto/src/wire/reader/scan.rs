//! The reader's lexical layer: whitespace, strings, numbers and literals, and skipping a whole
//! value, each checked against RFC 8259's grammar as strictly as serde_json checks it.

use crate::wire::reader::{Declined, Reader};

/// A string as read: its text between the quotes when it holds no escape (borrowed as it is), or
/// the whole quoted token when it does (for serde_json to unescape).
pub(crate) enum Str<'de> {
    Plain(&'de str),
    Escaped(&'de str),
}

/// How many arrays and objects one skipped value may nest (serde_json's own limit for a value it
/// reads; a deeper one is left to it).
const SKIP_DEPTH: u32 = 128;

impl<'de> Reader<'de> {
    #[inline]
    fn bytes(&self) -> &'de [u8] {
        self.text.as_bytes()
    }

    /// The byte at the position, if any.
    #[inline]
    pub(super) fn peek(&self) -> Option<u8> {
        self.bytes().get(self.pos).copied()
    }

    /// The text from `start` to the position.
    #[inline]
    pub(super) fn since(&self, start: usize) -> Result<&'de str, Declined> {
        self.text.get(start..self.pos).ok_or(Declined)
    }

    #[inline]
    pub(super) fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.peek() {
            self.pos += 1;
        }
    }

    /// The first byte of the next token, after whitespace.
    #[inline]
    pub(super) fn next_token(&mut self) -> Result<u8, Declined> {
        self.skip_whitespace();
        self.peek().ok_or(Declined)
    }

    /// Consumes `byte`, which must be next after whitespace.
    #[inline]
    pub(super) fn expect(&mut self, byte: u8) -> Result<(), Declined> {
        if self.next_token()? != byte {
            return Err(Declined);
        }
        self.pos += 1;
        Ok(())
    }

    /// Consumes `true`, `false` or `null`, which must be next.
    pub(super) fn literal(&mut self, word: &[u8]) -> Result<(), Declined> {
        if !self.bytes().get(self.pos..).is_some_and(|rest| rest.starts_with(word)) {
            return Err(Declined);
        }
        self.pos += word.len();
        Ok(())
    }

    /// At an opening quote: the string, to just after its closing quote.
    #[inline]
    pub(super) fn string(&mut self) -> Result<Str<'de>, Declined> {
        let start = self.pos;
        let end = find_special(self.bytes(), start + 1);
        match self.bytes().get(end) {
            Some(b'"') => {
                self.pos = end + 1;
                self.text.get(start + 1..end).map(Str::Plain).ok_or(Declined)
            }
            Some(b'\\') => {
                self.pos = end;
                self.finish_string()?;
                self.since(start).map(Str::Escaped)
            }
            // A control character, or the end of the text.
            _ => Err(Declined),
        }
    }

    /// Inside a string, at a byte [`find_special`] stopped at: to just after the closing quote,
    /// checking every escape (`\u` takes four hex digits, whatever they encode, as serde_json
    /// does when it skips a string).
    fn finish_string(&mut self) -> Result<(), Declined> {
        let bytes = self.bytes();
        let mut at = self.pos;
        loop {
            match bytes.get(at) {
                Some(b'"') => {
                    self.pos = at + 1;
                    return Ok(());
                }
                Some(b'\\') => match bytes.get(at + 1) {
                    Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => at += 2,
                    Some(b'u')
                        if bytes
                            .get(at + 2..at + 6)
                            .is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit)) =>
                    {
                        at += 6;
                    }
                    _ => return Err(Declined),
                },
                _ => return Err(Declined),
            }
            at = find_special(bytes, at);
        }
    }

    /// At `-` or a digit: the number's text, its grammar checked (no leading zero, digits after
    /// a point and in an exponent).
    pub(super) fn number(&mut self) -> Result<&'de str, Declined> {
        let bytes = self.bytes();
        let start = self.pos;
        let mut at = start + usize::from(bytes.get(start) == Some(&b'-'));
        match bytes.get(at) {
            Some(b'0') => at += 1,
            Some(b'1'..=b'9') => at = digits_from(bytes, at + 1),
            _ => return Err(Declined),
        }
        if bytes.get(at) == Some(&b'.') {
            at = at_least_one_digit(bytes, at + 1)?;
        }
        if let Some(b'e' | b'E') = bytes.get(at) {
            at += 1;
            if let Some(b'+' | b'-') = bytes.get(at) {
                at += 1;
            }
            at = at_least_one_digit(bytes, at)?;
        }
        self.pos = at;
        self.since(start)
    }

    /// Skips one value (after whitespace), checking it as [`Reader::deserialize_any`] would.
    /// Iterative: a deep value costs no stack.
    pub(super) fn skip_value(&mut self) -> Result<(), Declined> {
        // Bit n: whether the container at depth n is an object.
        let mut objects: u128 = 0;
        let mut depth = 0u32;
        loop {
            // A value is next.
            match self.next_token()? {
                b'"' => {
                    self.pos += 1;
                    self.pos = find_special(self.bytes(), self.pos);
                    self.finish_string()?;
                }
                open @ (b'{' | b'[') => {
                    self.pos += 1;
                    let close = if open == b'{' { b'}' } else { b']' };
                    if self.next_token()? == close {
                        self.pos += 1;
                    } else {
                        if depth == SKIP_DEPTH {
                            return Err(Declined);
                        }
                        objects = (objects << 1) | u128::from(open == b'{');
                        depth += 1;
                        if open == b'{' {
                            self.skip_key()?;
                        }
                        continue;
                    }
                }
                b't' => self.literal(b"true")?,
                b'f' => self.literal(b"false")?,
                b'n' => self.literal(b"null")?,
                b'-' | b'0'..=b'9' => {
                    self.number()?;
                }
                _ => return Err(Declined),
            }
            // After a value: close what ends here, then the next element or entry.
            loop {
                if depth == 0 {
                    return Ok(());
                }
                let in_object = objects & 1 == 1;
                match self.next_token()? {
                    b',' => {
                        self.pos += 1;
                        if in_object {
                            self.skip_key()?;
                        }
                        break;
                    }
                    b'}' if in_object => {}
                    b']' if !in_object => {}
                    _ => return Err(Declined),
                }
                self.pos += 1;
                objects >>= 1;
                depth -= 1;
            }
        }
    }

    /// An object's key and its colon.
    fn skip_key(&mut self) -> Result<(), Declined> {
        if self.next_token()? != b'"' {
            return Err(Declined);
        }
        self.pos += 1;
        self.pos = find_special(self.bytes(), self.pos);
        self.finish_string()?;
        self.expect(b':')
    }
}

/// The value of a plain non-negative integer of at most 19 digits (which always fits a `u64`),
/// as serde_json reads it; `None` for any other number.
pub(super) fn small_unsigned(number: &str) -> Option<u64> {
    if number.len() > 19 || !number.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(number.bytes().fold(0u64, |value, digit| value * 10 + u64::from(digit - b'0')))
}

fn digits_from(bytes: &[u8], mut at: usize) -> usize {
    while bytes.get(at).is_some_and(u8::is_ascii_digit) {
        at += 1;
    }
    at
}

fn at_least_one_digit(bytes: &[u8], at: usize) -> Result<usize, Declined> {
    let end = digits_from(bytes, at);
    if end == at { Err(Declined) } else { Ok(end) }
}

/// The index of the first byte at or after `from` that ends a string's plain run: a quote, a
/// backslash or a control character (`bytes.len()` if none). Sixteen, then eight bytes at a time.
#[inline]
pub(super) fn find_special(bytes: &[u8], mut from: usize) -> usize {
    while let Some(chunk) = bytes.get(from..).and_then(<[u8]>::first_chunk::<16>) {
        let (low, high) = chunk.split_at(8);
        let (low, high) = (special_bytes(word(low)), special_bytes(word(high)));
        if low != 0 {
            return from + (low.trailing_zeros() / 8) as usize;
        }
        if high != 0 {
            return from + 8 + (high.trailing_zeros() / 8) as usize;
        }
        from += 16;
    }
    if let Some(chunk) = bytes.get(from..).and_then(<[u8]>::first_chunk::<8>) {
        let flags = special_bytes(u64::from_le_bytes(*chunk));
        if flags != 0 {
            return from + (flags.trailing_zeros() / 8) as usize;
        }
        from += 8;
    }
    while let Some(&byte) = bytes.get(from) {
        if byte == b'"' || byte == b'\\' || byte < 0x20 {
            return from;
        }
        from += 1;
    }
    bytes.len()
}

/// Eight bytes as a little-endian word (the first byte lowest).
#[inline(always)]
fn word(bytes: &[u8]) -> u64 {
    bytes.first_chunk::<8>().map_or(0, |chunk| u64::from_le_bytes(*chunk))
}

/// The high bit of each byte of `word` that is a quote, a backslash or below 0x20 is set (and
/// perhaps of bytes above the first such one: only the lowest set bit counts).
#[inline(always)]
fn special_bytes(word: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let quote = word ^ (ONES * u64::from(b'"'));
    let backslash = word ^ (ONES * u64::from(b'\\'));
    // `x - 0x01` sets a byte's high bit when it was zero, `x - 0x20` when it was below 0x20 (or
    // at or above 0xa0, which `!word` rules out, as it does for the quote and backslash tests,
    // whose bytes have the same high bit as `word`'s).
    (quote.wrapping_sub(ONES) | backslash.wrapping_sub(ONES) | word.wrapping_sub(ONES * 0x20)) & !word & HIGHS
}
