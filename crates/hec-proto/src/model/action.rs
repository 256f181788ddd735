//! What an action (`POST /action/entity`, `POST /action/event`) answers: a task per item.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::model::id::{EntityId, EventId};
use crate::model::raw::{Kept, RawJson, read_kept};
use crate::model::task_id::TaskId;
use crate::wire::envelope::Envelope;

/// One item of an action's answer: the task that runs the action on one entity or event.
///
/// The live service answers `POST /action/entity` with `[{"entityId": "...", "taskId":
/// "1691525788820900"}]` (the task id a string); the answer of `POST /action/event` has not been
/// captured publicly, so an item needs only its `taskId` and keeps whatever else it holds in
/// [`ActionTask::raw`]. Serializing it writes the raw JSON.
///
/// ```
/// use hec_proto::ActionTask;
/// let item: ActionTask = serde_json::from_str(r#"{"entityId": "0f3c2a9e", "taskId": "1691525788820900"}"#)?;
/// assert_eq!(item.task_id.as_str(), "1691525788820900");
/// assert_eq!(item.entity_id.as_ref().map(|id| id.as_str()), Some("0f3c2a9e"));
/// assert_eq!(item.event_id, None);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ActionTask {
    /// `entityId`: the entity acted on (entity actions).
    pub entity_id: Option<EntityId>,
    /// `eventId`: the event acted on (event actions).
    pub event_id: Option<EventId>,
    /// `taskId`: the task to watch (`GET /task/{taskId}`); a string or a number on the wire.
    pub task_id: TaskId,
    raw: RawJson,
}

impl ActionTask {
    /// The item's JSON exactly as the service sent it.
    pub fn raw(&self) -> &RawJson {
        &self.raw
    }
}

#[derive(Deserialize)]
pub(crate) struct View {
    #[serde(rename = "entityId")]
    entity_id: Option<EntityId>,
    #[serde(rename = "eventId")]
    event_id: Option<EventId>,
    #[serde(rename = "taskId")]
    task_id: TaskId,
}

impl Kept for ActionTask {
    type View = View;

    fn assemble(view: View, raw: RawJson) -> Self {
        ActionTask { entity_id: view.entity_id, event_id: view.event_id, task_id: view.task_id, raw }
    }
}

impl<'de> Deserialize<'de> for ActionTask {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        read_kept(deserializer)
    }
}

/// Writes the raw JSON as it was received.
impl Serialize for ActionTask {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.raw.serialize(serializer)
    }
}

/// The answer of an action: one [`ActionTask`] per entity or event, several of which may share
/// a task.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ActionResponse {
    /// The envelope, when the answer had one.
    pub envelope: Option<Envelope>,
    /// The items of `responseData`, in order.
    pub tasks: Vec<ActionTask>,
}

impl ActionResponse {
    /// An answer holding these items.
    pub fn new(envelope: Option<Envelope>, tasks: Vec<ActionTask>) -> Self {
        ActionResponse { envelope, tasks }
    }

    /// The distinct task ids, in the order they first appear (several entities may share one
    /// task, so there may be fewer than items).
    ///
    /// ```
    /// use hec_proto::{ActionResponse, ActionTask};
    /// let tasks: Vec<ActionTask> = serde_json::from_str(r#"[{"entityId": "a", "taskId": "7"},
    ///     {"entityId": "b", "taskId": "7"}, {"entityId": "c", "taskId": 5}]"#)?;
    /// let ids = ActionResponse::new(None, tasks).task_ids();
    /// assert_eq!(ids.iter().map(|id| id.as_str()).collect::<Vec<_>>(), ["7", "5"]);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn task_ids(&self) -> Vec<TaskId> {
        let mut seen = std::collections::HashSet::with_capacity(self.tasks.len());
        self.tasks.iter().filter(|task| seen.insert(&task.task_id)).map(|task| task.task_id.clone()).collect()
    }
}
