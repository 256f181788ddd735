//! The two requests a reader serves beyond serde's own: a value's text (serde_json's raw value,
//! `&RawValue` and `Box<RawValue>`), and view-then-text, with which a model that keeps its JSON
//! text reads its typed view as the value is read, then takes the text it just read.
//!
//! Both are newtype-struct requests under a reserved name, answered with a map, as serde_json
//! answers its raw value: a deserializer that does not know the name gives the visitor
//! `visit_newtype_struct` instead, and the visitor reads the text first and the view from it (see
//! `model::raw::read_kept`).

use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, Visitor};

use crate::wire::reader::{Declined, Reader};

/// serde_json's name for a raw value request: `RawValue`'s `Deserialize` asks for a newtype
/// struct of this name and reads a map of one entry, this key and the text. The name is not
/// public in serde_json; if it ever changes, `RawValue` rejects the key a reader gives it, the
/// reader declines, and serde_json reads the answer instead (slower, never wrong); a test of this
/// module sees it.
pub(crate) const RAW_VALUE: &str = "$serde_json::private::RawValue";

/// The view-then-text request: a newtype struct of this name, which a reader answers with a map
/// of two entries, both under this key: the value read as the visitor asks (its view), then the
/// text of that value, exactly as sent, for the visitor to take as a `RawJson` (one copy) or a
/// borrowed `&str`.
pub(crate) const WITH_TEXT: &str = "$hec_proto::WithText";

impl<'de> Reader<'de> {
    /// A raw value: the next value's text, checked as it is skipped.
    pub(super) fn raw_value<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value, Declined> {
        self.skip_whitespace();
        let start = self.pos;
        self.skip_value()?;
        let text = self.since(start)?;
        visitor.visit_map(RawEntry(Some(text)))
    }

    /// View-then-text (see [`WITH_TEXT`]).
    pub(super) fn view_then_text<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value, Declined> {
        self.skip_whitespace();
        let start = self.pos;
        visitor.visit_map(ViewThenText { reader: self, start, step: Step::View })
    }
}

/// The one entry of a raw value's map.
struct RawEntry<'de>(Option<&'de str>);

impl<'de> MapAccess<'de> for RawEntry<'de> {
    type Error = Declined;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Declined> {
        match self.0 {
            Some(_) => seed.deserialize(de::value::BorrowedStrDeserializer::new(RAW_VALUE)).map(Some),
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Declined> {
        let text = self.0.take().ok_or(Declined)?;
        seed.deserialize(de::value::BorrowedStrDeserializer::new(text))
    }
}

/// Where a view-then-text map stands.
#[derive(Clone, Copy)]
enum Step {
    View,
    Text,
    Done,
}

/// The two entries of a view-then-text map.
struct ViewThenText<'a, 'de> {
    reader: &'a mut Reader<'de>,
    /// Where the value begins.
    start: usize,
    step: Step,
}

impl<'de> MapAccess<'de> for ViewThenText<'_, 'de> {
    type Error = Declined;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Declined> {
        match self.step {
            Step::View | Step::Text => {
                seed.deserialize(de::value::BorrowedStrDeserializer::new(WITH_TEXT)).map(Some)
            }
            Step::Done => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Declined> {
        match self.step {
            Step::View => {
                self.step = Step::Text;
                seed.deserialize(&mut *self.reader)
            }
            Step::Text => {
                self.step = Step::Done;
                seed.deserialize(Text(self.reader.since(self.start)?))
            }
            Step::Done => Err(Declined),
        }
    }
}

/// The text of a value already read: a raw value when one is asked for (so `RawJson` takes it
/// without reading it again), a borrowed string otherwise.
struct Text<'de>(&'de str);

impl<'de> de::Deserializer<'de> for Text<'de> {
    type Error = Declined;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Declined> {
        visitor.visit_borrowed_str(self.0)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Declined> {
        match name {
            RAW_VALUE => visitor.visit_map(RawEntry(Some(self.0))),
            _ => visitor.visit_newtype_struct(self),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option
        unit unit_struct seq tuple tuple_struct map struct enum identifier ignored_any
    }
}

/// Reads one key of a view-then-text map: an error unless it is one (so that a visitor that
/// serves the request is never fooled by an ordinary object).
pub(crate) fn expect_with_text_key<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    match map.next_key_seed(WithTextKey)? {
        Some(()) => Ok(()),
        None => Err(de::Error::custom("expected hec-proto's view-then-text entries")),
    }
}

/// The key of a view-then-text entry.
struct WithTextKey;

impl<'de> DeserializeSeed<'de> for WithTextKey {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl Visitor<'_> for WithTextKey {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("hec-proto's view-then-text key")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<(), E> {
        if key == WITH_TEXT { Ok(()) } else { Err(E::custom("not a view-then-text entry")) }
    }
}
