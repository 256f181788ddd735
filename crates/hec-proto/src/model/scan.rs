//! `ScanResults`: an entity's `entitySecurityResult`, each security tool's verdict and records.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::model::entity::Entity;
use crate::model::raw::{Kept, RawJson, nest, parse_text_at, read_kept};
use crate::response_error::{ResponseDetail, ResponseError};

/// The scan results of one entity: its `entitySecurityResult` as a typed view, read from the
/// entity a search or [`GetEntity`](crate::endpoint::GetEntity) returned (no other request).
///
/// On the wire the object holds `combinedVerdict` (tool to verdict or `null`) and one key per
/// tool (`ap` anti-phishing, `dlp`, `clicktimeProtection`, `shadowIt`, `av` anti-malware, and
/// any tool this version does not know) whose value is `null` or a list of scan records. Every
/// tool key is kept, in the order sent; serializing writes the object's text exactly as sent.
///
/// ```
/// use hec_proto::Entity;
/// use hec_proto::model::ScanTool;
/// let entity: Entity = serde_json::from_str(r#"{"entitySecurityResult": {
///     "combinedVerdict": {"ap": "phishing", "dlp": null},
///     "ap": [{"entityId": "0f3c2a9e", "entityType": "office365_emails_email", "score": "87.5",
///             "statusCode": "0", "verdict": "phishing",
///             "payload": {"reasons": ["First Time Sender"],
///                         "reasons_by_category": {"Links": [{"short_text": "Lookalike", "full_text": "A lookalike domain"}]}}}],
///     "dlp": null,
///     "newTool": [{"verdict": "clean", "score": 0}]
/// }}"#)?;
/// let scan = entity.scan_results()?.expect("the entity has scan results");
/// assert_eq!(scan.verdict("ap"), Some("phishing"));
/// assert_eq!(scan.verdict("dlp"), None);
/// let ap = scan.tool("ap").expect("ap is there");
/// assert_eq!(ap.tool, ScanTool::AntiPhishing);
/// assert_eq!(ap.records[0].score.as_ref().map(|s| s.text()), Some("87.5"));
/// assert_eq!(ap.records[0].score.as_ref().and_then(|s| s.value()), Some(87.5));
/// assert_eq!(ap.records[0].reasons, ["First Time Sender"]);
/// assert_eq!(ap.records[0].reasons_by_category["Links"][0].short_text.as_deref(), Some("Lookalike"));
/// assert_eq!(scan.tool("newTool").map(|t| t.tool.clone()), Some(ScanTool::Other("newTool".to_owned())));
/// assert!(scan.tool("dlp").is_some_and(|t| t.is_null));
/// assert!(scan.raw().get().starts_with(r#"{
///     "combinedVerdict""#));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ScanResults {
    /// `combinedVerdict`: each tool's verdict (`clean`, `phishing`, `malicious`, ...), `None`
    /// where the tool gave none. Empty when the object has no `combinedVerdict`.
    pub combined_verdicts: BTreeMap<String, Option<String>>,
    /// Every other key of the object, one per tool, in the order sent.
    pub tools: Vec<ToolScan>,
    raw: RawJson,
}

impl ScanResults {
    /// The object's JSON exactly as the service sent it.
    pub fn raw(&self) -> &RawJson {
        &self.raw
    }

    /// The combined verdict of `tool` (its wire key: `ap`, `av`, ...), `None` when the tool
    /// gave none or is not named.
    pub fn verdict(&self, tool: &str) -> Option<&str> {
        self.combined_verdicts.get(tool).and_then(Option::as_deref)
    }

    /// The records of `tool` (its wire key), if the object names it.
    pub fn tool(&self, tool: &str) -> Option<&ToolScan> {
        self.tools.iter().find(|scan| scan.tool.as_str() == tool)
    }
}

/// One tool's part of the scan results.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ToolScan {
    /// The tool (its wire key).
    pub tool: ScanTool,
    /// Its scan records (empty for `null`, or for a value that is not a list).
    pub records: Vec<ScanRecord>,
    /// Whether the tool's value was `null` (the tool did not scan).
    pub is_null: bool,
}

/// A security tool, by its key in `entitySecurityResult`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum ScanTool {
    /// `ap`: anti-phishing.
    AntiPhishing,
    /// `dlp`: data leak prevention.
    Dlp,
    /// `clicktimeProtection`: click-time protection of links.
    ClickTimeProtection,
    /// `shadowIt`: shadow IT.
    ShadowIt,
    /// `av`: anti-malware (its records are attachments).
    AntiMalware,
    /// A key this version does not know, kept as sent.
    Other(String),
}

const KNOWN_TOOLS: [(&str, ScanTool); 5] = [
    ("ap", ScanTool::AntiPhishing),
    ("dlp", ScanTool::Dlp),
    ("clicktimeProtection", ScanTool::ClickTimeProtection),
    ("shadowIt", ScanTool::ShadowIt),
    ("av", ScanTool::AntiMalware),
];

impl ScanTool {
    /// The tool of a wire key (exact spelling; anything else is [`ScanTool::Other`]).
    pub fn from_wire(key: &str) -> Self {
        KNOWN_TOOLS
            .into_iter()
            .find(|(name, _)| *name == key)
            .map_or_else(|| ScanTool::Other(key.to_owned()), |(_, tool)| tool)
    }

    /// The wire key: `ap`, `dlp`, `clicktimeProtection`, `shadowIt`, `av`, or the other key.
    pub fn as_str(&self) -> &str {
        match self {
            ScanTool::AntiPhishing => "ap",
            ScanTool::Dlp => "dlp",
            ScanTool::ClickTimeProtection => "clicktimeProtection",
            ScanTool::ShadowIt => "shadowIt",
            ScanTool::AntiMalware => "av",
            ScanTool::Other(key) => key,
        }
    }
}

impl fmt::Display for ScanTool {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One scan record of a tool: what was scanned, the score and verdict, and the tool's own
/// payload (raw JSON), with the reasons read out of it where the payload has them.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ScanRecord {
    /// `entityId`: the e-mail's id, or (anti-malware) the attachment's.
    pub entity_id: Option<String>,
    /// `entityType`, e.g. `office365_emails_email` or `office365_emails_attachment`.
    pub entity_type: Option<String>,
    /// `score`: a number sent as a string (`"22.119542"`), its text kept.
    pub score: Option<Score>,
    /// `statusCode` (`"0"`, `"clean"`, ...), as text.
    pub status_code: Option<String>,
    /// `statusDescription`.
    pub status_description: Option<String>,
    /// `verdict`: `clean`, `phishing`, `malicious`, ...
    pub verdict: Option<String>,
    /// `securityResultEntityId`.
    pub security_result_entity_id: Option<String>,
    /// `securityResultEntityType`, e.g. `avanan_ap_scan`, `checkpoint2`.
    pub security_result_entity_type: Option<String>,
    /// `payload`: the tool's own object, exactly as sent (`None` for `null` or absent).
    pub payload: Option<RawJson>,
    /// `payload.reasons` (anti-phishing): the reasons' texts (empty where there are none).
    pub reasons: Vec<String>,
    /// `payload.reasons_by_category` (anti-phishing): category to its reasons.
    pub reasons_by_category: BTreeMap<String, Vec<Reason>>,
    raw: RawJson,
}

impl ScanRecord {
    /// The record's JSON exactly as the service sent it.
    pub fn raw(&self) -> &RawJson {
        &self.raw
    }
}

/// One reason of `reasons_by_category`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct Reason {
    /// `short_text`.
    pub short_text: Option<String>,
    /// `full_text`.
    pub full_text: Option<String>,
}

/// A score as sent: a number inside a string (`"22.119542"`, `"100"`), or a bare number. The
/// text is kept; [`Score::value`] reads the number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Score(String);

impl Score {
    /// The text as sent (a bare number's spelling, or the string's content).
    pub fn text(&self) -> &str {
        &self.0
    }

    /// The number, if the text is one.
    pub fn value(&self) -> Option<f64> {
        self.0.trim().parse::<f64>().ok().filter(|value| value.is_finite())
    }
}

impl fmt::Display for Score {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Entity {
    /// The entity's scan results (`entitySecurityResult`), read from its raw JSON; `None` when
    /// the entity has none (absent or `null`). An object that does not fit (a record that is not
    /// an object, a verdict that is not a string) is [`InvalidScanResults`], naming where.
    pub fn scan_results(&self) -> Result<Option<ScanResults>, InvalidScanResults> {
        #[derive(Deserialize)]
        struct Holder {
            #[serde(rename = "entitySecurityResult", default)]
            security: Option<RawJson>,
        }
        let invalid = |(path, reason): (String, String)| InvalidScanResults { path, reason };
        // An entity sent as a JSON array is read by position (serde's rule for a struct), which
        // gives no field its name: its scan results cannot be found in it.
        if !self.raw().get().trim_start().starts_with('{') {
            return Err(invalid((String::new(), "the entity is not a JSON object".to_owned())));
        }
        let holder = parse_text_at::<Holder>(self.raw().get()).map_err(invalid)?;
        let Some(raw) = holder.security else {
            return Ok(None);
        };
        // The view read from the object's own text, so that an error names its path inside it.
        let view = parse_text_at::<ScanView>(raw.get())
            .map_err(|(path, reason)| invalid((nest("entitySecurityResult", &path), reason)))?;
        Ok(Some(ScanResults::assemble(view, raw)))
    }
}

/// An `entitySecurityResult` whose shape does not fit [`ScanResults`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("malformed scan results at {path}: {reason}")]
#[non_exhaustive]
pub struct InvalidScanResults {
    /// The JSON path inside the entity (`entitySecurityResult.ap[0].score`); empty when the
    /// entity itself is not an object.
    pub path: String,
    /// What did not fit.
    pub reason: String,
}

impl InvalidScanResults {
    /// The path inside a response (`responseData[0]` + the path here).
    pub fn under(mut self, outer: &str) -> Self {
        self.path = nest(outer, &self.path);
        self
    }
}

/// A [`ResponseError::Malformed`] at the path inside the answer's entity
/// (`responseData[0].entitySecurityResult...`), for a driver that read the entity with HTTP 200.
impl From<InvalidScanResults> for ResponseError {
    fn from(invalid: InvalidScanResults) -> Self {
        let invalid = invalid.under("responseData[0]");
        ResponseError::Malformed {
            path: invalid.path,
            reason: invalid.reason,
            detail: Box::new(ResponseDetail {
                status: http::StatusCode::OK,
                request_id: None,
                response_code: None,
                response_text: None,
                additional_text: None,
                retry_after: None,
                excerpt: String::new(),
            }),
        }
    }
}

/// The typed part of a [`ScanResults`]: `combinedVerdict`, then each tool in order.
pub(crate) struct ScanView {
    combined_verdicts: BTreeMap<String, Option<String>>,
    tools: Vec<ToolScan>,
}

impl<'de> Deserialize<'de> for ScanView {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ViewVisitor;
        impl<'de> Visitor<'de> for ViewVisitor {
            type Value = ScanView;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("the entitySecurityResult object")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ScanView, A::Error> {
                let mut view = ScanView { combined_verdicts: BTreeMap::new(), tools: Vec::new() };
                while let Some(key) = map.next_key::<String>()? {
                    if key == "combinedVerdict" {
                        let verdicts: Option<BTreeMap<String, Option<String>>> = map.next_value()?;
                        view.combined_verdicts = verdicts.unwrap_or_default();
                    } else {
                        let value: ToolValue = map.next_value()?;
                        view.tools.push(ToolScan {
                            tool: ScanTool::from_wire(&key),
                            is_null: matches!(value, ToolValue::Null),
                            records: match value {
                                ToolValue::Records(records) => records,
                                ToolValue::Null | ToolValue::Other => Vec::new(),
                            },
                        });
                    }
                }
                Ok(view)
            }
        }
        deserializer.deserialize_map(ViewVisitor)
    }
}

/// A tool's value: `null`, a list of records, or another shape (kept only in the raw text).
enum ToolValue {
    Null,
    Records(Vec<ScanRecord>),
    Other,
}

impl<'de> Deserialize<'de> for ToolValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ValueVisitor;
        impl<'de> Visitor<'de> for ValueVisitor {
            type Value = ToolValue;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("null or a list of scan records")
            }

            fn visit_unit<E: serde::de::Error>(self) -> Result<ToolValue, E> {
                Ok(ToolValue::Null)
            }

            fn visit_none<E: serde::de::Error>(self) -> Result<ToolValue, E> {
                Ok(ToolValue::Null)
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<ToolValue, A::Error> {
                let mut records = Vec::new();
                while let Some(record) = seq.next_element::<ScanRecord>()? {
                    records.push(record);
                }
                Ok(ToolValue::Records(records))
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ToolValue, A::Error> {
                while map.next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?.is_some() {}
                Ok(ToolValue::Other)
            }

            fn visit_str<E: serde::de::Error>(self, _: &str) -> Result<ToolValue, E> {
                Ok(ToolValue::Other)
            }

            fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<ToolValue, E> {
                Ok(ToolValue::Other)
            }

            fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<ToolValue, E> {
                Ok(ToolValue::Other)
            }

            fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<ToolValue, E> {
                Ok(ToolValue::Other)
            }

            fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<ToolValue, E> {
                Ok(ToolValue::Other)
            }
        }
        deserializer.deserialize_any(ValueVisitor)
    }
}

impl Kept for ScanResults {
    type View = ScanView;

    fn assemble(view: ScanView, raw: RawJson) -> Self {
        ScanResults { combined_verdicts: view.combined_verdicts, tools: view.tools, raw }
    }
}

impl<'de> Deserialize<'de> for ScanResults {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        read_kept(deserializer)
    }
}

/// Writes the raw JSON as it was received.
impl Serialize for ScanResults {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.raw.serialize(serializer)
    }
}

#[derive(Deserialize)]
pub(crate) struct RecordView {
    #[serde(rename = "entityId", default, deserialize_with = "crate::wire::flexible::text_or_none")]
    entity_id: Option<String>,
    #[serde(rename = "entityType", default, deserialize_with = "crate::wire::flexible::text_or_none")]
    entity_type: Option<String>,
    #[serde(default)]
    score: Option<RawJson>,
    #[serde(rename = "statusCode", default)]
    status_code: Option<RawJson>,
    #[serde(rename = "statusDescription", default, deserialize_with = "crate::wire::flexible::text_or_none")]
    status_description: Option<String>,
    #[serde(default, deserialize_with = "crate::wire::flexible::text_or_none")]
    verdict: Option<String>,
    #[serde(
        rename = "securityResultEntityId",
        default,
        deserialize_with = "crate::wire::flexible::text_or_none"
    )]
    security_result_entity_id: Option<String>,
    #[serde(
        rename = "securityResultEntityType",
        default,
        deserialize_with = "crate::wire::flexible::text_or_none"
    )]
    security_result_entity_type: Option<String>,
    #[serde(default)]
    payload: Option<RawJson>,
}

/// The reasons a payload may hold; read leniently (a payload of another shape has none).
#[derive(Deserialize, Default)]
struct Reasons {
    #[serde(default)]
    reasons: Option<Vec<String>>,
    #[serde(default)]
    reasons_by_category: Option<BTreeMap<String, Vec<Reason>>>,
}

/// A scalar's text: a string's content, a number's or a boolean's spelling; `None` for `null`.
fn scalar_text(raw: Option<RawJson>) -> Option<String> {
    let raw = raw?;
    let text = raw.get();
    match text.as_bytes().first() {
        Some(b'"') => serde_json::from_str::<String>(text).ok(),
        Some(b'n') | None => None,
        Some(_) => Some(text.to_owned()),
    }
}

impl Kept for ScanRecord {
    type View = RecordView;

    fn assemble(view: RecordView, raw: RawJson) -> Self {
        let payload = view.payload.filter(|payload| payload.get() != "null");
        let reasons = payload
            .as_ref()
            .filter(|payload| payload.get().starts_with('{'))
            .and_then(|payload| parse_text_at::<Reasons>(payload.get()).ok())
            .unwrap_or_default();
        ScanRecord {
            entity_id: view.entity_id,
            entity_type: view.entity_type,
            score: scalar_text(view.score).map(Score),
            status_code: scalar_text(view.status_code),
            status_description: view.status_description,
            verdict: view.verdict,
            security_result_entity_id: view.security_result_entity_id,
            security_result_entity_type: view.security_result_entity_type,
            payload,
            reasons: reasons.reasons.unwrap_or_default(),
            reasons_by_category: reasons.reasons_by_category.unwrap_or_default(),
            raw,
        }
    }
}

impl<'de> Deserialize<'de> for ScanRecord {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        read_kept(deserializer)
    }
}

/// Writes the raw JSON as it was received.
impl Serialize for ScanRecord {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.raw.serialize(serializer)
    }
}
