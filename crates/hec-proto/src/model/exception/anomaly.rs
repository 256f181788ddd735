//! The anomaly exceptions (`sectools/anomaly/exceptions`): a rule as the list answers it, and
//! the bodies of a create and a delete.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::model::exception::id::AnomalyRuleId;
use crate::model::exception::invalid::InvalidExceptionRequest;
use crate::model::id::EventId;
use crate::model::raw::{Kept, RawJson, read_kept};
use crate::model::time::HecTime;

/// An anomaly exception rule as the service sent it: a typed view, every field optional, and the
/// object's raw JSON (serializing it writes that text unchanged).
///
/// Fields are snake_case. `id` is a string of digits in the capture (an integer is read too);
/// `insert_time` and `update_time` are naive ISO times with microseconds (read as UTC);
/// `enabled` is read from `true` or `"true"`; `exception_rule` is multi-line human text.
///
/// ```
/// use hec_proto::model::AnomalyException;
/// let rule: AnomalyException = serde_json::from_str(r#"{"id": "10001", "anomaly_type": "superman_anomaly",
///     "enabled": "true", "insert_time": "2024-10-08T13:15:15.283094", "expiration_date": null}"#)?;
/// assert_eq!(rule.id.as_ref().map(|id| id.as_str()), Some("10001"));
/// assert_eq!(rule.enabled, Some(true));
/// assert_eq!(rule.inserted.as_ref().unwrap().to_utc().unwrap().to_string(), "2024-10-08T13:15:15.283094Z");
/// assert_eq!(rule.expires, None);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct AnomalyException {
    /// `id`: the rule's id, as a delete's `ruleId` list takes it.
    pub id: Option<AnomalyRuleId>,
    /// `anomaly_type`, e.g. `superman_anomaly` (impossible travel).
    pub anomaly_type: Option<String>,
    /// `enabled`.
    pub enabled: Option<bool>,
    /// `event_id`: the security event the rule was made from.
    pub event_id: Option<EventId>,
    /// `exception_rule`: what the rule does, as text for people.
    pub exception_rule: Option<String>,
    /// `added_by` (an e-mail address).
    pub added_by: Option<String>,
    /// `comments`.
    pub comments: Option<String>,
    /// `customer_domain`.
    pub customer_domain: Option<String>,
    /// `expiration_date`.
    pub expires: Option<HecTime>,
    /// `insert_time`.
    pub inserted: Option<HecTime>,
    /// `update_time`.
    pub updated: Option<HecTime>,
    raw: RawJson,
}

impl AnomalyException {
    /// The rule's JSON exactly as the service sent it.
    pub fn raw(&self) -> &RawJson {
        &self.raw
    }
}

#[derive(Deserialize)]
pub(crate) struct View {
    id: Option<AnomalyRuleId>,
    anomaly_type: Option<String>,
    #[serde(default, deserialize_with = "crate::wire::flexible::bool_or_string")]
    enabled: Option<bool>,
    event_id: Option<EventId>,
    exception_rule: Option<String>,
    added_by: Option<String>,
    comments: Option<String>,
    customer_domain: Option<String>,
    expiration_date: Option<HecTime>,
    insert_time: Option<HecTime>,
    update_time: Option<HecTime>,
}

impl Kept for AnomalyException {
    type View = View;

    fn assemble(view: View, raw: RawJson) -> Self {
        AnomalyException {
            id: view.id,
            anomaly_type: view.anomaly_type,
            enabled: view.enabled,
            event_id: view.event_id,
            exception_rule: view.exception_rule,
            added_by: view.added_by,
            comments: view.comments,
            customer_domain: view.customer_domain,
            expires: view.expiration_date,
            inserted: view.insert_time,
            updated: view.update_time,
            raw,
        }
    }
}

impl<'de> Deserialize<'de> for AnomalyException {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        read_kept(deserializer)
    }
}

/// Writes the raw JSON as it was received.
impl Serialize for AnomalyException {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.raw.serialize(serializer)
    }
}

/// The body of `POST sectools/anomaly/exceptions`: the rule (`requestJson`, a free-form object
/// whose fields are not documented) and who adds it (`addedBy`).
///
/// ```
/// use hec_proto::model::{InvalidExceptionRequest, NewAnomalyException};
/// let mut rule = serde_json::Map::new();
/// rule.insert("eventId".to_owned(), "9c1d7e2f4a6b8c0d1e3f5a7b9c2d4e6f".into());
/// let body = NewAnomalyException::new(rule)?.added_by("soc@acme.example");
/// assert_eq!(
///     serde_json::to_string(&body)?,
///     r#"{"requestJson":{"eventId":"9c1d7e2f4a6b8c0d1e3f5a7b9c2d4e6f"},"addedBy":"soc@acme.example"}"#
/// );
/// assert_eq!(NewAnomalyException::new(serde_json::Map::new()), Err(InvalidExceptionRequest::Empty("requestJson")));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NewAnomalyException {
    request_json: serde_json::Map<String, serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    added_by: Option<String>,
}

impl NewAnomalyException {
    /// A rule from its fields; [`InvalidExceptionRequest::Empty`] when there are none.
    pub fn new(rule: serde_json::Map<String, serde_json::Value>) -> Result<Self, InvalidExceptionRequest> {
        if rule.is_empty() {
            return Err(InvalidExceptionRequest::Empty("requestJson"));
        }
        Ok(NewAnomalyException { request_json: rule, added_by: None })
    }

    /// Who adds it (`addedBy`).
    pub fn added_by(mut self, address: impl Into<String>) -> Self {
        self.added_by = Some(address.into());
        self
    }
}

/// The body of `DELETE sectools/anomaly/exceptions` (a DELETE with a JSON body): the rules to
/// delete, at least one (`ruleId`, a list despite its name).
///
/// ```
/// use hec_proto::model::{AnomalyExceptionDelete, InvalidExceptionRequest};
/// let body = AnomalyExceptionDelete::new(["10001".parse()?, "10002".parse()?])?;
/// assert_eq!(serde_json::to_string(&body)?, r#"{"ruleId":["10001","10002"]}"#);
/// assert_eq!(AnomalyExceptionDelete::new([]), Err(InvalidExceptionRequest::NoItems("ruleId")));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AnomalyExceptionDelete {
    #[serde(rename = "ruleId")]
    rule_ids: Vec<AnomalyRuleId>,
}

impl AnomalyExceptionDelete {
    /// The rules `ids`; [`InvalidExceptionRequest::NoItems`] when there are none.
    pub fn new(ids: impl IntoIterator<Item = AnomalyRuleId>) -> Result<Self, InvalidExceptionRequest> {
        let rule_ids: Vec<AnomalyRuleId> = ids.into_iter().collect();
        if rule_ids.is_empty() {
            return Err(InvalidExceptionRequest::NoItems("ruleId"));
        }
        Ok(AnomalyExceptionDelete { rule_ids })
    }

    /// The rules, in order.
    pub fn rule_ids(&self) -> &[AnomalyRuleId] {
        &self.rule_ids
    }
}
