//! `ToolException`: one security-tool exception (anti-malware, URL reputation, DLP) as
//! `GET sectool-exceptions/{sectool}/exceptions/{excType}[/{excStr}]` answers it.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::model::raw::{Kept, RawJson, read_kept};
use crate::model::time::HecTime;

/// A security-tool exception as the service sent it: a typed view of its fields, every one
/// optional, and the object's raw JSON (serializing it writes that text unchanged).
///
/// The answer's fields are snake_case (`exception_str`, `created_by_email`, `insert_time`), unlike
/// the camelCase request bodies. `exception_str` is the exception's key (make a
/// [`ToolExceptionKey`](crate::model::ToolExceptionKey) of it to get, update or delete the exception);
/// `farm_customer_exception_type` joins farm, customer and type with colons. `insert_time` is
/// RFC 3339 with `Z` in the capture. Newer answers carry `exception_payload` (`{"condition":
/// "with_link"}`, how a URL exception treats mail with links); anything else there is kept in
/// [`ToolException::raw`] only.
///
/// ```
/// use hec_proto::model::ToolException;
/// let exception: ToolException = serde_json::from_str(r#"{"comment": "invoice macro",
///     "created_by_email": "soc@acme.example", "exception_str": "9e107d9d372bb6826bd81d3542a419d6",
///     "farm_customer_exception_type": "mock-farm:demo-tenant:exception:hash",
///     "insert_time": "2024-09-26T20:00:31Z", "exception_payload": {"condition": "with_link"}}"#)?;
/// assert_eq!(exception.exception_str.as_deref(), Some("9e107d9d372bb6826bd81d3542a419d6"));
/// assert_eq!(exception.condition.as_deref(), Some("with_link"));
/// assert_eq!(exception.inserted.as_ref().unwrap().to_utc().unwrap().to_string(), "2024-09-26T20:00:31Z");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ToolException {
    /// `exception_str`: what the exception is about (a hash, a URL, an address...), its key.
    pub exception_str: Option<String>,
    /// `comment`.
    pub comment: Option<String>,
    /// `created_by_email`.
    pub created_by_email: Option<String>,
    /// `farm_customer_exception_type`: `<farm>:<customer>:...:<type>`, colon-joined.
    pub farm_customer_exception_type: Option<String>,
    /// `insert_time`.
    pub inserted: Option<HecTime>,
    /// `exception_payload.condition`: `with_or_without_link`, `with_link` or `without_link`.
    pub condition: Option<String>,
    raw: RawJson,
}

impl ToolException {
    /// The exception's JSON exactly as the service sent it.
    pub fn raw(&self) -> &RawJson {
        &self.raw
    }
}

#[derive(Deserialize)]
pub(crate) struct View {
    exception_str: Option<String>,
    comment: Option<String>,
    created_by_email: Option<String>,
    farm_customer_exception_type: Option<String>,
    insert_time: Option<HecTime>,
    #[serde(default, deserialize_with = "condition")]
    exception_payload: Option<String>,
}

/// `exception_payload.condition` when the payload is an object holding a string there; `None`
/// for any other payload (its shape is not captured: the raw JSON keeps it).
fn condition<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    let payload = Option::<serde_json::Value>::deserialize(deserializer)?;
    Ok(payload.and_then(|payload| payload.get("condition")?.as_str().map(str::to_owned)))
}

impl Kept for ToolException {
    type View = View;

    fn assemble(view: View, raw: RawJson) -> Self {
        ToolException {
            exception_str: view.exception_str,
            comment: view.comment,
            created_by_email: view.created_by_email,
            farm_customer_exception_type: view.farm_customer_exception_type,
            inserted: view.insert_time,
            condition: view.exception_payload,
            raw,
        }
    }
}

impl<'de> Deserialize<'de> for ToolException {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        read_kept(deserializer)
    }
}

/// Writes the raw JSON as it was received.
impl Serialize for ToolException {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.raw.serialize(serializer)
    }
}
