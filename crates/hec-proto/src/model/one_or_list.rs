//! A value the service sends as one object or as a list of them, each item keeping its text:
//! read in one pass from hec-proto's reader.

use std::fmt;
use std::marker::PhantomData;

use serde::Deserializer;
use serde::de::DeserializeOwned;

use crate::model::raw::Kept;
use crate::wire::reader::{WITH_TEXT, expect_with_text_key};

/// One `T` or a list of them, as the service sends a value that is sometimes an object and
/// sometimes a list of one: an object is a list of one, a list is read as it is, `null` is an
/// empty list. Each `T` keeps exactly the text sent for it. From hec-proto's reader, in one pass
/// (an object's view is read as the value is, then its text taken); from any other deserializer,
/// the value's text first, then the `T`s read from it.
pub(crate) fn one_or_list<'de, D: Deserializer<'de>, T: Kept + DeserializeOwned>(
    deserializer: D,
) -> Result<Vec<T>, D::Error> {
    deserializer.deserialize_newtype_struct(WITH_TEXT, OneOrList(PhantomData))
}

struct OneOrList<T>(PhantomData<T>);

impl<'de, T: Kept + DeserializeOwned> serde::de::Visitor<'de> for OneOrList<T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object or a list of objects")
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, deserializer: D) -> Result<Vec<T>, D::Error> {
        use serde::Deserialize as _;
        use serde::de::Error as _;
        let Some(raw) = Option::<Box<serde_json::value::RawValue>>::deserialize(deserializer)? else {
            return Ok(Vec::new());
        };
        match raw.get().as_bytes().first() {
            Some(b'[') => serde_json::from_str(raw.get()).map_err(D::Error::custom),
            Some(b'{') => serde_json::from_str(raw.get()).map(|one| vec![one]).map_err(D::Error::custom),
            _ => Err(D::Error::custom("expected an object or a list of objects")),
        }
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Vec<T>, A::Error> {
        expect_with_text_key(&mut map)?;
        let shape = map.next_value_seed(Shape(PhantomData::<T>))?;
        expect_with_text_key(&mut map)?;
        match shape {
            Shaped::One(view) => Ok(vec![T::assemble(view, map.next_value()?)]),
            Shaped::Many(items) => {
                map.next_value::<serde::de::IgnoredAny>()?;
                Ok(items)
            }
        }
    }
}

/// What a one-or-list value held, read in one pass: an object's view (its text comes next), or
/// the items of a list (`null`: none).
enum Shaped<T: Kept> {
    One(T::View),
    Many(Vec<T>),
}

/// Reads a one-or-list value as [`Shaped`].
struct Shape<T>(PhantomData<T>);

impl<'de, T: Kept + DeserializeOwned> serde::de::DeserializeSeed<'de> for Shape<T> {
    type Value = Shaped<T>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Shaped<T>, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de, T: Kept + DeserializeOwned> serde::de::Visitor<'de> for Shape<T> {
    type Value = Shaped<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object or a list of objects")
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Shaped<T>, E> {
        Ok(Shaped::Many(Vec::new()))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Shaped<T>, A::Error> {
        use serde::Deserialize as _;
        T::View::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(Shaped::One)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Shaped<T>, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Shaped::Many(items))
    }
}
