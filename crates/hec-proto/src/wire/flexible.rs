//! Field readers for values the service sends in more than one shape: booleans as strings,
//! whole numbers as floats or strings.

use std::fmt;

use serde::Deserializer;

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
