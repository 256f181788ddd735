//! `Event`: one security event as `POST /event/query` and `GET /event/{id}` describe it.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::model::id::{EntityId, EventId};
use crate::model::raw::{Kept, RawJson, read_kept};
use crate::model::time::HecTime;

/// A security event as the service sent it: a typed view of the fields users filter and display
/// on, every one optional, and the object's raw JSON (serializing an event writes it unchanged).
///
/// `severity` is a number on the way in (Check Point's own code sends 1 to 5) and a string in
/// the records (`"3"`); both read as a number. Any other text leaves it `None`; [`Event::raw`]
/// keeps what was sent.
///
/// ```
/// use hec_proto::Event;
/// let event: Event = serde_json::from_str(r#"{"eventId": "9c1d7e2f4a6b8c0d1e3f5a7b9c2d4e6f",
///     "type": "phishing", "state": "new", "severity": "4", "confidenceIndicator": "x"}"#)?;
/// assert_eq!(event.event_type.as_deref(), Some("phishing"));
/// assert_eq!(event.severity, Some(4));
/// assert!(event.raw().get().contains("confidenceIndicator"));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Event {
    /// `eventId`.
    pub event_id: Option<EventId>,
    /// `type`, e.g. `phishing`, `malware`, `dlp` (lower_snake on the wire).
    pub event_type: Option<String>,
    /// `state`, e.g. `new`, `detected`, `remediated`, `dismissed`.
    pub state: Option<String>,
    /// `severity`, 1 to 5 (5 = critical), from a number or a numeric string.
    pub severity: Option<u8>,
    /// `description`.
    pub description: Option<String>,
    /// `eventCreated`.
    pub created: Option<HecTime>,
    /// `entityId`: the entity the event is about.
    pub entity_id: Option<EntityId>,
    /// `saas`, e.g. `office365_emails`.
    pub saas: Option<String>,
    /// The names in `availableEventActions` (items `{"actionName"}` or `{"eventActionName"}`, or
    /// bare names: the shape is not documented); empty when there are none.
    pub available_actions: Vec<String>,
    raw: RawJson,
}

impl Event {
    /// The event's JSON exactly as the service sent it.
    pub fn raw(&self) -> &RawJson {
        &self.raw
    }
}

#[derive(Deserialize)]
pub(crate) struct View {
    #[serde(rename = "eventId")]
    event_id: Option<EventId>,
    #[serde(rename = "type")]
    event_type: Option<String>,
    state: Option<String>,
    #[serde(default, deserialize_with = "crate::wire::flexible::lenient_u8")]
    severity: Option<u8>,
    description: Option<String>,
    #[serde(rename = "eventCreated")]
    created: Option<HecTime>,
    #[serde(rename = "entityId")]
    entity_id: Option<EntityId>,
    saas: Option<String>,
    #[serde(
        rename = "availableEventActions",
        default,
        deserialize_with = "crate::wire::flexible::event_action_names"
    )]
    available_actions: Vec<String>,
}

impl Kept for Event {
    type View = View;

    fn assemble(view: View, raw: RawJson) -> Self {
        Event {
            event_id: view.event_id,
            event_type: view.event_type,
            state: view.state,
            severity: view.severity,
            description: view.description,
            created: view.created,
            entity_id: view.entity_id,
            saas: view.saas,
            available_actions: view.available_actions,
            raw,
        }
    }
}

impl<'de> Deserialize<'de> for Event {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        read_kept(deserializer)
    }
}

/// Writes the raw JSON as it was received.
impl Serialize for Event {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.raw.serialize(serializer)
    }
}
