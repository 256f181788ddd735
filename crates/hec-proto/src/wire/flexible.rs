//! Field readers for values the service sends in more than one shape: booleans as strings,
//! whole numbers as floats or strings.

use std::fmt;

use serde::Deserializer;

/// The `visit_*` methods of a visitor whose value is an `Option`, for each JSON kind named that it
/// reads as none: `bool`, `u64`, `i64`, `f64`, `unit`, and `seq` and `map` (read to their end).
macro_rules! none_for {
    ($($kind:ident),*) => { $(none_for!(@ $kind);)* };
    (@ bool) => { fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<Self::Value, E> { Ok(None) } };
    (@ u64) => { fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<Self::Value, E> { Ok(None) } };
    (@ i64) => { fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<Self::Value, E> { Ok(None) } };
    (@ f64) => { fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<Self::Value, E> { Ok(None) } };
    (@ unit) => { fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> { Ok(None) } };
    (@ seq) => {
        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
            Ok(None)
        }
    };
    (@ map) => {
        fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            while map.next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?.is_some() {}
            Ok(None)
        }
    };
}

/// A boolean from `true`/`false` or from the strings `"true"`/`"false"` (the live gateway has
/// sent both); `null` or absence is `None`.
pub(crate) fn bool_or_string<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<bool>, D::Error> {
    struct Visitor;
    impl<'de> serde::de::Visitor<'de> for Visitor {
        type Value = Option<bool>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a boolean or the string \"true\" or \"false\"")
        }

        fn visit_bool<E: serde::de::Error>(self, value: bool) -> Result<Self::Value, E> {
            Ok(Some(value))
        }

        fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Self::Value, E> {
            if text.eq_ignore_ascii_case("true") {
                Ok(Some(true))
            } else if text.eq_ignore_ascii_case("false") {
                Ok(Some(false))
            } else {
                Err(E::invalid_value(serde::de::Unexpected::Str(text), &self))
            }
        }

        fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_some<D2: Deserializer<'de>>(self, deserializer: D2) -> Result<Self::Value, D2::Error> {
            deserializer.deserialize_any(self)
        }
    }
    deserializer.deserialize_option(Visitor)
}

/// A count (`progress`, `total`, `expiresIn`...) as the service's peers read it (Check Point's
/// own code reads `expiresIn` with `float()`): an integer, a whole-number float (`1800.0`) or a
/// string holding either (`"1800"`); `null` or absence is `None`. A fraction, a negative number
/// or other text is an error.
pub(crate) fn count<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<u64>, D::Error> {
    deserializer.deserialize_option(Whole::<u64>::default())
}

/// A response code (`responseCode`): an integer, a whole-number float (`200.0`) or a string
/// holding either (`"200"`), negative or not; `null` or absence is `None`.
pub(crate) fn code<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<i64>, D::Error> {
    deserializer.deserialize_option(Whole::<i64>::default())
}

/// A whole number of type `T` in any of the shapes [`count`] accepts.
struct Whole<T>(std::marker::PhantomData<T>);

impl<T> Default for Whole<T> {
    fn default() -> Self {
        Whole(std::marker::PhantomData)
    }
}

/// The integer types a [`Whole`] reads.
trait WholeNumber: Sized + TryFrom<u64> + TryFrom<i64> + std::str::FromStr {
    /// What `expecting` says.
    const EXPECTED: &'static str;
    /// The value of a float with no fractional part, if it is in range.
    fn from_whole_f64(value: f64) -> Option<Self>;
}

impl WholeNumber for u64 {
    const EXPECTED: &'static str = "a whole number (an integer, a whole-number float or a numeric string)";
    fn from_whole_f64(value: f64) -> Option<u64> {
        // 2^64 is the first float above u64::MAX; every whole float below it converts exactly.
        (0.0..18_446_744_073_709_551_616.0).contains(&value).then_some(value as u64)
    }
}

impl WholeNumber for i64 {
    const EXPECTED: &'static str = "a whole number (an integer, a whole-number float or a numeric string)";
    fn from_whole_f64(value: f64) -> Option<i64> {
        (-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&value).then_some(value as i64)
    }
}

impl<'de, T: WholeNumber> serde::de::Visitor<'de> for Whole<T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(T::EXPECTED)
    }

    fn visit_u64<E: serde::de::Error>(self, value: u64) -> Result<Self::Value, E> {
        T::try_from(value)
            .map(Some)
            .map_err(|_| E::invalid_value(serde::de::Unexpected::Unsigned(value), &self))
    }

    fn visit_i64<E: serde::de::Error>(self, value: i64) -> Result<Self::Value, E> {
        T::try_from(value)
            .map(Some)
            .map_err(|_| E::invalid_value(serde::de::Unexpected::Signed(value), &self))
    }

    fn visit_f64<E: serde::de::Error>(self, value: f64) -> Result<Self::Value, E> {
        let whole = value.is_finite() && value.fract() == 0.0;
        whole
            .then(|| T::from_whole_f64(value))
            .flatten()
            .map(Some)
            .ok_or_else(|| E::invalid_value(serde::de::Unexpected::Float(value), &self))
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Self::Value, E> {
        let trimmed = text.trim();
        if let Ok(value) = trimmed.parse::<T>() {
            return Ok(Some(value));
        }
        // Only a number's spelling: `inf`, `NaN` and the like are not whole numbers.
        let numeric = !trimmed.is_empty()
            && trimmed.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'));
        match trimmed.parse::<f64>() {
            Ok(value) if numeric => Whole::<T>::default()
                .visit_f64::<E>(value)
                .map_err(|_| E::invalid_value(serde::de::Unexpected::Str(text), &self)),
            _ => Err(E::invalid_value(serde::de::Unexpected::Str(text), &self)),
        }
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D2: Deserializer<'de>>(self, deserializer: D2) -> Result<Self::Value, D2::Error> {
        deserializer.deserialize_any(self)
    }
}

/// A small number (a severity) from a JSON number or a numeric string (`3`, `"3"`); any other
/// value (other text, a fraction, a negative or too large number, a list, `null`) is `None`, and
/// the object's raw JSON still holds it.
pub(crate) fn lenient_u8<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<u8>, D::Error> {
    struct Visitor;
    impl<'de> serde::de::Visitor<'de> for Visitor {
        type Value = Option<u8>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a number from 0 to 255, as a number or a string")
        }

        fn visit_u64<E: serde::de::Error>(self, value: u64) -> Result<Self::Value, E> {
            Ok(u8::try_from(value).ok())
        }

        fn visit_i64<E: serde::de::Error>(self, value: i64) -> Result<Self::Value, E> {
            Ok(u8::try_from(value).ok())
        }

        fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Self::Value, E> {
            Ok(text.trim().parse().ok())
        }

        none_for!(bool, f64, unit, seq, map);
    }
    deserializer.deserialize_any(Visitor)
}

/// The names in a list of available actions, `entityAvailableActions`:
/// `[{"entityActionName": "quarantine", ...}]` (a bare string item is read as the name).
pub(crate) fn entity_action_names<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<String>, D::Error> {
    deserializer.deserialize_any(ActionNames { keys: &["entityActionName"] })
}

/// The names in `availableEventActions`, whose items are not documented: an object's
/// `actionName` or `eventActionName`, or a bare string.
pub(crate) fn event_action_names<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<String>, D::Error> {
    deserializer.deserialize_any(ActionNames { keys: &["actionName", "eventActionName"] })
}

/// A list of actions: `null` or a list whose items are names or objects naming one under one of
/// `keys`. Items of any other shape, and objects without a name, are passed over.
struct ActionNames {
    keys: &'static [&'static str],
}

impl<'de> serde::de::Visitor<'de> for ActionNames {
    type Value = Vec<String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of actions")
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut names = Vec::new();
        while let Some(name) = seq.next_element_seed(ActionName { keys: self.keys })? {
            names.extend(name);
        }
        Ok(names)
    }
}

/// One item of a list of actions: its name, if it has one.
struct ActionName {
    keys: &'static [&'static str],
}

impl<'de> serde::de::DeserializeSeed<'de> for ActionName {
    type Value = Option<String>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for ActionName {
    type Value = Option<String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an action: a name or an object naming it")
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Self::Value, E> {
        Ok(Some(text.to_owned()))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut name = None;
        while let Some(is_name) = map.next_key_seed(KeyIn { keys: self.keys })? {
            if is_name && name.is_none() {
                name = map.next_value::<Option<String>>()?;
            } else {
                map.next_value::<serde::de::IgnoredAny>()?;
            }
        }
        Ok(name)
    }

    // Anything else (a number, a boolean, null, a list) names no action.
    none_for!(bool, u64, i64, f64, unit, seq);
}

/// A map key, read as whether it is one of `keys` (without allocating).
struct KeyIn {
    keys: &'static [&'static str],
}

impl<'de> serde::de::DeserializeSeed<'de> for KeyIn {
    type Value = bool;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<bool, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl serde::de::Visitor<'_> for KeyIn {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: serde::de::Error>(self, key: &str) -> Result<bool, E> {
        Ok(self.keys.contains(&key))
    }
}

/// A list of strings the service sends in more than one shape (the anti-phishing exception's
/// `linkDomains`): a list (`["a.example", "b.example"]`), one comma-separated string
/// (`"a.example, b.example"`, the type the API reference gives it), or `false`, `true`, `null`
/// or `""` for none (the live service sends `false` when there are none). `null` items and
/// empty texts are passed over; an item that is not a string is an error.
pub(crate) fn string_list<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    struct Visitor;
    impl<'de> serde::de::Visitor<'de> for Visitor {
        type Value = Vec<String>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a list of strings, a comma-separated string, false or null")
        }

        fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }

        fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Self::Value, E> {
            Ok(text.split(',').map(str::trim).filter(|item| !item.is_empty()).map(str::to_owned).collect())
        }

        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }

        fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }

        fn visit_some<D2: Deserializer<'de>>(self, deserializer: D2) -> Result<Self::Value, D2::Error> {
            deserializer.deserialize_any(self)
        }

        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut items = Vec::new();
            while let Some(item) = seq.next_element::<Option<String>>()? {
                items.extend(item.filter(|item| !item.is_empty()));
            }
            Ok(items)
        }
    }
    deserializer.deserialize_any(Visitor)
}

/// A text the service may send in another shape: a string is read, anything else (`null`, a
/// number, an object such as a DynamoDB key, a list) is `None` and skipped, never an error.
pub(crate) fn text_or_none<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    deserializer.deserialize_any(TextOrNone)
}

/// The visitor of [`text_or_none`], also a seed for reading one such value from a map.
pub(crate) struct TextOrNone;

impl<'de> serde::de::DeserializeSeed<'de> for TextOrNone {
    type Value = Option<String>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for TextOrNone {
    type Value = Option<String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value (only a string is read)")
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Self::Value, E> {
        Ok(Some(text.to_owned()))
    }

    none_for!(bool, u64, i64, f64, unit, seq, map);
}
