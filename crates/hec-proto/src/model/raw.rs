//! `RawJson`: an object's JSON text exactly as the service sent it, kept next to its typed view.

use std::fmt;

use serde::de::{DeserializeOwned, Error as _};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;

/// The JSON text of one value exactly as the service sent it: field order, number spellings,
/// strings for numbers, `null`s and fields this version does not know all survive. Models keep it
/// next to their typed fields, so output can be faithful (serializing a model writes this text)
/// and an unknown field costs its bytes, never a parsed tree.
///
/// ```
/// use hec_proto::RawJson;
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

    /// The typed view of this text. Errors name the JSON path inside the value that did not fit,
    /// e.g. `actions[0].action_status: invalid type: ...`.
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, String> {
        // The common case takes the fast path; only a text that fails is read again with
        // serde_path_to_error (whose tracking allocates for every key) to name the path.
        if let Ok(value) = serde_json::from_str(self.get()) {
            return Ok(value);
        }
        let mut deserializer = serde_json::Deserializer::from_str(self.get());
        serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
            let path = error.path().to_string();
            if path == "." {
                error.into_inner().to_string()
            } else {
                format!("{path}: {}", error.into_inner())
            }
        })
    }

    /// Reads one value as raw text and its typed view `T` from that text, for a model's
    /// `Deserialize`: `Ok((typed, raw))`.
    pub(crate) fn deserialize_with_view<'de, D: Deserializer<'de>, T: DeserializeOwned>(
        deserializer: D,
    ) -> Result<(T, RawJson), D::Error> {
        let raw = RawJson::deserialize(deserializer)?;
        let typed = raw.parse().map_err(D::Error::custom)?;
        Ok((typed, raw))
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
