//! `Reader`: hec-proto's own JSON deserializer over an answer's text, the fast path of every
//! parse. It knows where it is in the text, so a model that keeps its JSON text reads its typed
//! view and takes that text in the same pass (`text.rs`); serde_json can only give the text of a
//! value by reading it whole first, and the view from that text a second time.
//!
//! It reads exactly what serde_json reads, the same way: the same grammar (strings without control
//! characters, escapes checked, no leading zeros or trailing commas, 127 levels of nesting), the
//! same visits for each request, and serde_json itself for the parts whose meaning it owns
//! (numbers other than plain integers, strings with escapes, in their own few bytes). Where it
//! would have to guess (an input it rejects, a request it does not serve), it declines
//! ([`Declined`]), and the caller reads the whole text again with serde_json, whose answer, and
//! whose error messages, stay the reference.

mod access;
mod scan;
mod text;

use std::fmt;

use serde::de::{self, Deserialize, Visitor};

use crate::wire::reader::access::{Elements, Entries};
use crate::wire::reader::scan::Str;
pub(crate) use crate::wire::reader::text::{RAW_VALUE, WITH_TEXT, expect_with_text_key};

/// A JSON deserializer over a text, at a position in it.
pub(crate) struct Reader<'de> {
    text: &'de str,
    pos: usize,
    /// How many more arrays and objects may open around the position.
    depth: u8,
}

/// serde_json's limit on nesting: 127 arrays and objects inside one another (its counter of 128
/// refuses the level that brings it to zero).
const MAX_DEPTH: u8 = 127;

/// Reads a `T` from the whole of `text` (whitespace around it allowed), or declines.
pub(crate) fn from_str<'de, T: Deserialize<'de>>(text: &'de str) -> Result<T, Declined> {
    let mut reader = Reader { text, pos: 0, depth: MAX_DEPTH };
    let value = T::deserialize(&mut reader)?;
    reader.skip_whitespace();
    if reader.pos == text.len() { Ok(value) } else { Err(Declined) }
}

/// The reader's only error: it does not answer this input, and serde_json must. It carries no
/// message (none is ever shown), so declining costs nothing.
#[derive(Debug)]
pub(crate) struct Declined;

impl fmt::Display for Declined {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("hec-proto's JSON reader declined this input")
    }
}

impl std::error::Error for Declined {}

impl de::Error for Declined {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Declined
    }
}

/// Hands one token (a number, a string with escapes) to serde_json, which must read all of it.
fn by_serde_json<'de, T>(
    token: &'de str,
    read: impl FnOnce(&mut serde_json::Deserializer<serde_json::de::StrRead<'de>>) -> Result<T, serde_json::Error>,
) -> Result<T, Declined> {
    let mut deserializer = serde_json::Deserializer::from_str(token);
    let value = read(&mut deserializer).map_err(|_| Declined)?;
    deserializer.end().map_err(|_| Declined)?;
    Ok(value)
}

impl<'de> Reader<'de> {
    /// At a quote: the string, borrowed when it has no escape (serde_json's visit for it).
    fn visit_string<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value, Declined> {
        match self.string()? {
            Str::Plain(text) => visitor.visit_borrowed_str(text),
            Str::Escaped(token) => by_serde_json(token, |d| de::Deserializer::deserialize_str(d, visitor)),
        }
    }

    /// At `[`: the array's elements, then its end.
    fn visit_array<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value, Declined> {
        self.depth = self.depth.checked_sub(1).ok_or(Declined)?;
        self.pos += 1;
        let value = visitor.visit_seq(Elements::new(self))?;
        self.depth += 1;
        // Elements the visitor left unread are an error, as in serde_json.
        self.expect(b']')?;
        Ok(value)
    }

    /// At `{`: the object's entries, then its end.
    fn visit_object<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value, Declined> {
        self.depth = self.depth.checked_sub(1).ok_or(Declined)?;
        self.pos += 1;
        let value = visitor.visit_map(Entries::new(self))?;
        self.depth += 1;
        self.expect(b'}')?;
        Ok(value)
    }
}

/// The numeric requests serde_json serves alike (its `deserialize_number`): a plain integer is
/// read here, any other number by serde_json, through the same request.
macro_rules! number {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Declined> {
            if !matches!(self.next_token()?, b'-' | b'0'..=b'9') {
                return Err(Declined);
            }
            let number = self.number()?;
            match scan::small_unsigned(number) {
                Some(value) => visitor.visit_u64(value),
                None => by_serde_json(number, |d| de::Deserializer::$method(d, visitor)),
            }
        }
    )*};
}

/// The numeric requests serde_json serves in its own way (128-bit integers, and `f32` with its
/// `float_roundtrip` feature): always by serde_json.
macro_rules! number_by_serde_json {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Declined> {
            if !matches!(self.next_token()?, b'-' | b'0'..=b'9') {
                return Err(Declined);
            }
            let number = self.number()?;
            by_serde_json(number, |d| de::Deserializer::$method(d, visitor))
        }
    )*};
}

impl<'de> de::Deserializer<'de> for &mut Reader<'de> {
    type Error = Declined;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Declined> {
        match self.next_token()? {
            b'"' => self.visit_string(visitor),
            b'{' => self.visit_object(visitor),
            b'[' => self.visit_array(visitor),
            b't' => {
                self.literal(b"true")?;
                visitor.visit_bool(true)
            }
            b'f' => {
                self.literal(b"false")?;
                visitor.visit_bool(false)
            }
            b'n' => {
                self.literal(b"null")?;
                visitor.visit_unit()
            }
            b'-' | b'0'..=b'9' => {
                let number = self.number()?;
                match scan::small_unsigned(number) {
                    Some(value) => visitor.visit_u64(value),
                    None => by_serde_json(number, |d| de::Deserializer::deserialize_any(d, visitor)),
                }
            }
            _ => Err(Declined),
        }
    }

    number! {
        deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_f64
    }

    number_by_serde_json! { deserialize_i128 deserialize_u128 deserialize_f32 }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Declined> {
        match self.next_token()? {
            b't' => {
                self.literal(b"true")?;
                visitor.visit_bool(true)
            }
            b'f' => {
                self.literal(b"false")?;
                visitor.visit_bool(false)
            }
            _ => Err(Declined),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Declined> {
        match self.next_token()? {
            b'"' => self.visit_string(visitor),
            _ => Err(Declined),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Declined> {
        self.deserialize_str(visitor)
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Declined> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Declined> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Declined> {
        match self.next_token()? {
            b'"' => match self.string()? {
                Str::Plain(text) => visitor.visit_borrowed_bytes(text.as_bytes()),
                Str::Escaped(token) => {
                    by_serde_json(token, |d| de::Deserializer::deserialize_bytes(d, visitor))
                }
            },
            b'[' => self.visit_array(visitor),
            _ => Err(Declined),
        }
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Declined> {
        self.deserialize_bytes(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Declined> {
        if self.next_token()? == b'n' {
            self.literal(b"null")?;
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Declined> {
        if self.next_token()? != b'n' {
            return Err(Declined);
        }
        self.literal(b"null")?;
        visitor.visit_unit()
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Declined> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Declined> {
        match name {
            RAW_VALUE => self.raw_value(visitor),
            WITH_TEXT => self.view_then_text(visitor),
            _ => visitor.visit_newtype_struct(self),
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Declined> {
        match self.next_token()? {
            b'[' => self.visit_array(visitor),
            _ => Err(Declined),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Declined> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Declined> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Declined> {
        match self.next_token()? {
            b'{' => self.visit_object(visitor),
            _ => Err(Declined),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Declined> {
        match self.next_token()? {
            b'{' => self.visit_object(visitor),
            b'[' => self.visit_array(visitor),
            _ => Err(Declined),
        }
    }

    /// A unit variant named by a string (an enum written as an object is left to serde_json).
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Declined> {
        if self.next_token()? != b'"' {
            return Err(Declined);
        }
        match self.string()? {
            Str::Plain(text) => visitor.visit_enum(de::value::BorrowedStrDeserializer::new(text)),
            Str::Escaped(token) => {
                by_serde_json(token, |d| de::Deserializer::deserialize_enum(d, name, variants, visitor))
            }
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Declined> {
        self.skip_value()?;
        visitor.visit_unit()
    }
}

#[cfg(test)]
mod tests;
