//! How a reader hands out an array's elements and an object's entries, and an object's key as
//! serde_json hands it out.

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};

use crate::wire::reader::scan::Str;
use crate::wire::reader::{Declined, RAW_VALUE, Reader, WITH_TEXT, by_serde_json};

/// An array's elements, after its `[`.
pub(super) struct Elements<'a, 'de> {
    reader: &'a mut Reader<'de>,
    first: bool,
}

impl<'a, 'de> Elements<'a, 'de> {
    pub(super) fn new(reader: &'a mut Reader<'de>) -> Self {
        Elements { reader, first: true }
    }
}

impl<'de> SeqAccess<'de> for Elements<'_, 'de> {
    type Error = Declined;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Declined> {
        let token = self.reader.next_token()?;
        if token == b']' {
            return Ok(None);
        }
        if !self.first {
            if token != b',' {
                return Err(Declined);
            }
            self.reader.pos += 1;
            // `[1,]`: a trailing comma.
            if self.reader.next_token()? == b']' {
                return Err(Declined);
            }
        }
        self.first = false;
        seed.deserialize(&mut *self.reader).map(Some)
    }
}

/// An object's entries, after its `{`.
pub(super) struct Entries<'a, 'de> {
    reader: &'a mut Reader<'de>,
    first: bool,
}

impl<'a, 'de> Entries<'a, 'de> {
    pub(super) fn new(reader: &'a mut Reader<'de>) -> Self {
        Entries { reader, first: true }
    }
}

impl<'de> MapAccess<'de> for Entries<'_, 'de> {
    type Error = Declined;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Declined> {
        let mut token = self.reader.next_token()?;
        if token == b'}' {
            return Ok(None);
        }
        if !self.first {
            if token != b',' {
                return Err(Declined);
            }
            self.reader.pos += 1;
            token = self.reader.next_token()?;
        }
        self.first = false;
        // Only a string may follow (a `}` here is a trailing comma).
        if token != b'"' {
            return Err(Declined);
        }
        match self.reader.string()? {
            Str::Plain(key) => seed.deserialize(Key(key)).map(Some),
            Str::Escaped(token) => by_serde_json(token, |d| seed.deserialize(d)).map(Some),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Declined> {
        self.reader.expect(b':')?;
        seed.deserialize(&mut *self.reader)
    }
}

/// Requests answered with [`Declined`].
macro_rules! decline {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Declined> {
            Err(Declined)
        }
    )*};
}

/// A key without escapes, served as serde_json's own key deserializer serves it: as a borrowed
/// string. The requests it answers otherwise (a number or a boolean read from a key's text, a raw
/// value) are left to serde_json.
struct Key<'de>(&'de str);

impl<'de> de::Deserializer<'de> for Key<'de> {
    type Error = Declined;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Declined> {
        visitor.visit_borrowed_str(self.0)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Declined> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Declined> {
        match name {
            RAW_VALUE | WITH_TEXT => Err(Declined),
            _ => visitor.visit_newtype_struct(self),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Declined> {
        visitor.visit_enum(de::value::BorrowedStrDeserializer::new(self.0))
    }

    serde::forward_to_deserialize_any! {
        char str string unit unit_struct seq tuple tuple_struct map struct identifier ignored_any
    }

    decline! {
        deserialize_bool deserialize_bytes deserialize_byte_buf
        deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_i128
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_u128
        deserialize_f32 deserialize_f64
    }
}
