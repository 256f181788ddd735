//! `Entity`: one e-mail (or file, message...) as search and `GET /search/entity/{id}` describe it.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::model::id::EntityId;
use crate::model::raw::{Kept, RawJson, read_kept};
use crate::model::time::HecTime;

/// An entity as the service sent it: a flat typed view of the fields users filter and display
/// on, and the object's raw JSON.
///
/// The wire object nests its fields (`entityInfo`, `entityPayload`, `entitySecurityResult`,
/// `entityAvailableActions`); the view flattens the ones named below, every one optional.
/// Everything else (attachments, links, each tool's full result...) stays in [`Entity::raw`],
/// costing its bytes and no parsed tree; serializing an entity writes that raw text unchanged.
///
/// ```
/// use hec_proto::Entity;
/// let entity: Entity = serde_json::from_str(r#"{
///     "entityInfo": {"entityId": "0f3c2a9e5b7d4c1f8a6e2b9d7c4f1a3e", "saas": "office365_emails"},
///     "entityPayload": {"subject": "Payroll update", "isQuarantined": "true", "size": null},
///     "entitySecurityResult": {"combinedVerdict": {"ap": "phishing", "dlp": null}},
///     "entityAvailableActions": [{"entityActionName": "restore"}]
/// }"#)?;
/// assert_eq!(entity.entity_id.as_ref().map(|id| id.as_str()), Some("0f3c2a9e5b7d4c1f8a6e2b9d7c4f1a3e"));
/// assert_eq!(entity.subject.as_deref(), Some("Payroll update"));
/// assert_eq!(entity.is_quarantined, Some(true));
/// assert_eq!(entity.verdicts.as_ref().and_then(|v| v.get("ap")), Some(&Some("phishing".to_owned())));
/// assert_eq!(entity.available_actions, ["restore"]);
/// assert!(serde_json::to_string(&entity)?.contains(r#""size": null"#));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Entity {
    /// `entityInfo.entityId`.
    pub entity_id: Option<EntityId>,
    /// `entityInfo.saas`, e.g. `office365_emails`.
    pub saas: Option<String>,
    /// `entityInfo.saasEntityType`, e.g. `office365_emails_email`.
    pub entity_type: Option<String>,
    /// `entityInfo.entityCreated`.
    pub created: Option<HecTime>,
    /// `entityPayload.subject`.
    pub subject: Option<String>,
    /// `entityPayload.fromEmail`.
    pub from_email: Option<String>,
    /// `entityPayload.fromName`.
    pub from_name: Option<String>,
    /// `entityPayload.recipients`, or else `entityPayload.toRecipients` (peers have seen both).
    pub recipients: Option<Vec<String>>,
    /// `entityPayload.received`.
    pub received: Option<HecTime>,
    /// `entityPayload.internetMessageId`.
    pub internet_message_id: Option<String>,
    /// `entityPayload.isQuarantined` (`true` or `"true"` on the wire).
    pub is_quarantined: Option<bool>,
    /// `entityPayload.isRestored` (`true` or `"true"` on the wire).
    pub is_restored: Option<bool>,
    /// `entitySecurityResult.combinedVerdict`: each tool's verdict (`clean`, `phishing`,
    /// `malicious`, ...), `None` where the tool gave none.
    pub verdicts: Option<BTreeMap<String, Option<String>>>,
    /// The names in `entityAvailableActions[].entityActionName` (empty when there are none).
    pub available_actions: Vec<String>,
    raw: RawJson,
}

impl Entity {
    /// The entity's JSON exactly as the service sent it.
    pub fn raw(&self) -> &RawJson {
        &self.raw
    }
}

#[derive(Deserialize)]
pub(crate) struct View {
    #[serde(rename = "entityInfo", default)]
    info: Option<Info>,
    #[serde(rename = "entityPayload", default)]
    payload: Option<Payload>,
    #[serde(rename = "entitySecurityResult", default)]
    security: Option<Security>,
    #[serde(
        rename = "entityAvailableActions",
        default,
        deserialize_with = "crate::wire::flexible::entity_action_names"
    )]
    available_actions: Vec<String>,
}

#[derive(Deserialize, Default)]
struct Info {
    #[serde(rename = "entityId")]
    entity_id: Option<EntityId>,
    saas: Option<String>,
    #[serde(rename = "saasEntityType")]
    entity_type: Option<String>,
    #[serde(rename = "entityCreated")]
    created: Option<HecTime>,
}

#[derive(Deserialize, Default)]
struct Payload {
    subject: Option<String>,
    #[serde(rename = "fromEmail")]
    from_email: Option<String>,
    #[serde(rename = "fromName")]
    from_name: Option<String>,
    recipients: Option<Vec<String>>,
    #[serde(rename = "toRecipients")]
    to_recipients: Option<Vec<String>>,
    received: Option<HecTime>,
    #[serde(rename = "internetMessageId")]
    internet_message_id: Option<String>,
    #[serde(rename = "isQuarantined", default, deserialize_with = "crate::wire::flexible::bool_or_string")]
    is_quarantined: Option<bool>,
    #[serde(rename = "isRestored", default, deserialize_with = "crate::wire::flexible::bool_or_string")]
    is_restored: Option<bool>,
}

#[derive(Deserialize)]
struct Security {
    #[serde(rename = "combinedVerdict")]
    combined_verdict: Option<BTreeMap<String, Option<String>>>,
}

impl Kept for Entity {
    type View = View;

    fn assemble(view: View, raw: RawJson) -> Self {
        let info = view.info.unwrap_or_default();
        let payload = view.payload.unwrap_or_default();
        Entity {
            entity_id: info.entity_id,
            saas: info.saas,
            entity_type: info.entity_type,
            created: info.created,
            subject: payload.subject,
            from_email: payload.from_email,
            from_name: payload.from_name,
            recipients: payload.recipients.or(payload.to_recipients),
            received: payload.received,
            internet_message_id: payload.internet_message_id,
            is_quarantined: payload.is_quarantined,
            is_restored: payload.is_restored,
            verdicts: view.security.and_then(|security| security.combined_verdict),
            available_actions: view.available_actions,
            raw,
        }
    }
}

impl<'de> Deserialize<'de> for Entity {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        read_kept(deserializer)
    }
}

/// Writes the raw JSON as it was received.
impl Serialize for Entity {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.raw.serialize(serializer)
    }
}
