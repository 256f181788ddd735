//! `RawJson`: an object's JSON text exactly as the service sent it, kept next to its typed view.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{DeserializeOwned, Error as _, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;

use crate::wire::reader::{WITH_TEXT, expect_with_text_key};

/// The JSON text of one value exactly as the service sent it: field order, number spellings,
/// strings for numbers, `null`s and fields this version does not know all survive. Models keep it
/// next to their typed fields, so output can be faithful (serializing a model writes this text)
/// and an unknown field costs its bytes, never a parsed tree.
///
/// ```
/// use hec_proto::model::RawJson;
/// let raw: RawJson = serde_json::from_str(r#"{"id": "7000000000000007", "owner": null}"#)?;
/// assert_eq!(raw.get(), r#"{"id": "7000000000000007", "owner": null}"#);
/// assert_eq!(serde_json::to_string(&raw)?, r#"{"id": "7000000000000007", "owner": null}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone)]
pub struct RawJson(Box<RawValue>);

impl RawJson {
    /// The JSON text.
    pub fn get(&self) -> &str {
        self.0.get()
    }

    /// Checks a text is JSON and keeps it as it is.
    pub fn from_string(text: String) -> Result<Self, serde_json::Error> {
        RawValue::from_string(text).map(RawJson)
    }

    /// The same JSON on one line: whitespace between tokens removed, everything else (strings,
    /// number spellings, field order, `null`s) exactly as sent. Borrowed when there was none.
    ///
    /// ```
    /// use hec_proto::model::RawJson;
    /// let raw = RawJson::from_string("{\n  \"id\": \"7\",\n  \"name\": \"a b\" , \"n\": 2.0\n}".to_owned())?;
    /// assert_eq!(raw.compact(), r#"{"id":"7","name":"a b","n":2.0}"#);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn compact(&self) -> std::borrow::Cow<'_, str> {
        let text = self.get();
        if !text.bytes().any(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r')) {
            return std::borrow::Cow::Borrowed(text);
        }
        let mut out = String::with_capacity(text.len());
        let (mut in_string, mut escaped) = (false, false);
        for c in text.chars() {
            if in_string {
                out.push(c);
                match (escaped, c) {
                    (true, _) => escaped = false,
                    (false, '\\') => escaped = true,
                    (false, '"') => in_string = false,
                    _ => {}
                }
            } else if !matches!(c, ' ' | '\t' | '\n' | '\r') {
                in_string = c == '"';
                out.push(c);
            }
        }
        std::borrow::Cow::Owned(out)
    }

    /// The JSON text of an empty object, `{}`.
    pub(crate) fn empty_object() -> Self {
        RawJson::from_string("{}".to_owned()).expect("`{}` is JSON")
    }

    /// The typed view of this text. Errors name the JSON path inside the value that did not fit,
    /// e.g. `actions[0].action_status: invalid type: ...`.
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, String> {
        self.parse_at().map_err(|(path, reason)| join(&path, &reason))
    }

    /// [`RawJson::parse`], with the path (`""` for the value itself) and the reason apart, so a
    /// caller can put the path under its own (`responseData.` + path).
    pub(crate) fn parse_at<T: DeserializeOwned>(&self) -> Result<T, (String, String)> {
        parse_text_at(self.get())
    }

    /// A copy of `value`'s text, as it is: it was checked as JSON when it was read.
    pub(crate) fn copy_of(value: &RawValue) -> Self {
        RawJson(value.to_owned())
    }
}

/// A model read from one JSON value: a typed view of the fields it names, and the value's text,
/// kept as sent ([`RawJson`]). Its `Deserialize` is [`read_kept`].
pub(crate) trait Kept: Sized {
    /// The fields the model reads (unknown fields are skipped, costing nothing there).
    type View: DeserializeOwned;

    /// The model from its view and its text.
    fn assemble(view: Self::View, raw: RawJson) -> Self;
}

/// Reads a [`Kept`] model. From hec-proto's reader (every answer's first parse) in one pass: the
/// view as the value is read, then the text just read, copied once. From any other deserializer
/// (serde_json's, in a doctest or the second parse of an answer the reader declined): the text
/// first, then the view read from it; an error in the view then names its path inside the value
/// (`actions[0].action_status: invalid type: ...`).
pub(crate) fn read_kept<'de, D: Deserializer<'de>, T: Kept>(deserializer: D) -> Result<T, D::Error> {
    deserializer.deserialize_newtype_struct(WITH_TEXT, KeptVisitor(PhantomData))
}

struct KeptVisitor<T>(PhantomData<T>);

impl<'de, T: Kept> Visitor<'de> for KeptVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    /// Any deserializer but hec-proto's reader: the text, then the view from it.
    fn visit_newtype_struct<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        let raw = RawJson::deserialize(deserializer)?;
        let view = raw.parse().map_err(D::Error::custom)?;
        Ok(T::assemble(view, raw))
    }

    /// hec-proto's reader: the view, then the text.
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        expect_with_text_key(&mut map)?;
        let view = map.next_value()?;
        expect_with_text_key(&mut map)?;
        let raw = map.next_value()?;
        Ok(T::assemble(view, raw))
    }
}

/// Reads `T` from one JSON value's text; the error is the path inside it (`""` for the value
/// itself) and the reason apart.
pub(crate) fn parse_text_at<T: DeserializeOwned>(text: &str) -> Result<T, (String, String)> {
    // The common case takes the fast path (hec-proto's reader); only a text it declines is read
    // again with serde_json, and one that fails there once more with serde_path_to_error (whose
    // tracking allocates for every key) to name the path.
    if let Ok(value) = crate::wire::reader::from_str(text) {
        return Ok(value);
    }
    if let Ok(value) = serde_json::from_str(text) {
        return Ok(value);
    }
    let mut deserializer = serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let path = error.path().to_string();
        let path = if path == "." { String::new() } else { path };
        let error = error.into_inner();
        // The path says where; a line and column inside this value would only mislead.
        let position = format!(" at line {} column {}", error.line(), error.column());
        let reason = error.to_string();
        (path, reason.strip_suffix(&position).map_or_else(|| reason.clone(), str::to_owned))
    })
}

/// `path: reason`, or the reason alone for the value itself (an empty path).
pub(crate) fn join(path: &str, reason: &str) -> String {
    if path.is_empty() { reason.to_owned() } else { format!("{path}: {reason}") }
}

/// `outer.inner` (or `outer[0]` + `.inner`): a path inside a value found at `outer`.
pub(crate) fn nest(outer: &str, inner: &str) -> String {
    match (outer.is_empty(), inner.is_empty()) {
        (_, true) => outer.to_owned(),
        (true, false) => inner.to_owned(),
        (false, false) if inner.starts_with('[') => format!("{outer}{inner}"),
        (false, false) => format!("{outer}.{inner}"),
    }
}

impl PartialEq for RawJson {
    fn eq(&self, other: &Self) -> bool {
        self.get() == other.get()
    }
}

impl Eq for RawJson {}

impl fmt::Debug for RawJson {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const SHOWN: usize = 120;
        let text = self.get();
        match text.char_indices().nth(SHOWN) {
            Some((end, _)) => write!(f, "RawJson({:?}… {} bytes)", &text[..end], text.len()),
            None => write!(f, "RawJson({text:?})"),
        }
    }
}

impl Serialize for RawJson {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for RawJson {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Box::<RawValue>::deserialize(deserializer).map(RawJson)
    }
}
