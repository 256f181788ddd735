//! `Task` and `TaskAction`: what `GET /task/{taskId}` describes.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;

use crate::model::raw::{Kept, RawJson, read_kept};
use crate::model::status::{ActionStatus, TaskStatus};
use crate::model::task_id::TaskId;
use crate::model::time::HecTime;

/// A HEC task: the job an action (quarantine, restore, dismiss...) runs as.
///
/// A task is the JSON object the service sent, kept as [`Task::raw`], and a typed view read from
/// that text: the public fields. Field names follow the API (`type` is `task_type` here). Every
/// field is optional, because the official page and the live service disagree on which are
/// present; numbers may arrive as whole-number floats (`1.0`) or numeric strings (`"1"`).
///
/// Serializing a task writes its raw text, so output is exactly what the API sent: a string id
/// stays a string, `"false"` stays `"false"`, `null`s and fields this version does not know stay,
/// and an unknown field costs its bytes, never a parsed tree. The fields are a view for reading:
/// changing one does not change what is written.
///
/// ```
/// use hec_proto::{Task, TaskStatus};
/// let text = r#"{"id": "7000000000000007", "status": "inprogress", "progress": "1", "sequential": "false", "owner": null}"#;
/// let task: Task = serde_json::from_str(text)?;
/// assert_eq!(task.status, Some(TaskStatus::InProgress));
/// assert_eq!(task.progress, Some(1));
/// assert_eq!(task.sequential, Some(false));
/// assert_eq!(serde_json::to_string(&task)?, text);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Task {
    /// `id`: a number in live responses, a string in the official structure; the text is kept.
    pub id: Option<TaskId>,
    /// `name`, e.g. `Office365 Emails Manual Action`.
    pub name: Option<String>,
    /// `type`, e.g. `office365_emails_manual_action`.
    pub task_type: Option<String>,
    /// `status`.
    pub status: Option<TaskStatus>,
    /// `progress`: a count whose meaning is not documented (1 for a finished 1-of-1 task).
    pub progress: Option<u64>,
    /// `total`: how many actions the task runs.
    pub total: Option<u64>,
    /// `succeed`: how many actions succeeded (live responses only).
    pub succeed: Option<u64>,
    /// `failed`: how many actions failed (live responses only).
    pub failed: Option<u64>,
    /// `sequential`: whether the actions run one after another (`true` or `"true"` on the wire).
    pub sequential: Option<bool>,
    /// `customer`: the tenant.
    pub customer: Option<String>,
    /// `owner`: who started the task.
    pub owner: Option<String>,
    /// `created`.
    pub created: Option<HecTime>,
    /// `updated`.
    pub updated: Option<HecTime>,
    /// `actions`: one per entity the task acts on.
    pub actions: Option<Vec<TaskAction>>,
    raw: RawJson,
}

/// The typed view of a task object (unknown fields are skipped, so they cost nothing here).
#[derive(Deserialize)]
pub(crate) struct View {
    #[serde(default)]
    id: Option<TaskId>,
    #[serde(default)]
    name: Option<String>,
    #[serde(rename = "type", default)]
    task_type: Option<String>,
    #[serde(default)]
    status: Option<TaskStatus>,
    #[serde(default, deserialize_with = "crate::wire::flexible::count")]
    progress: Option<u64>,
    #[serde(default, deserialize_with = "crate::wire::flexible::count")]
    total: Option<u64>,
    #[serde(default, deserialize_with = "crate::wire::flexible::count")]
    succeed: Option<u64>,
    #[serde(default, deserialize_with = "crate::wire::flexible::count")]
    failed: Option<u64>,
    #[serde(default, deserialize_with = "crate::wire::flexible::bool_or_string")]
    sequential: Option<bool>,
    #[serde(default)]
    customer: Option<String>,
    #[serde(default)]
    owner: Option<String>,
    #[serde(default)]
    created: Option<HecTime>,
    #[serde(default)]
    updated: Option<HecTime>,
    #[serde(default)]
    actions: Option<Vec<TaskAction>>,
}

impl Task {
    /// A task from the JSON text of its object: the typed view is read from `raw`, which is kept.
    /// The error is the JSON path inside the object that did not fit (`""` for the object
    /// itself) and why, e.g. `("actions[0].action_status", "invalid type: ...")`.
    pub(crate) fn from_raw(raw: RawJson) -> Result<Task, (String, String)> {
        let view: View = raw.parse_at()?;
        Ok(Task::assemble(view, raw))
    }

    /// A task from the JSON text of its object, borrowed from a body: the typed view is read from
    /// it, and a copy of it is kept only if that succeeds (the one copy of the task's text).
    pub(crate) fn from_raw_value(value: &RawValue) -> Result<Task, (String, String)> {
        let view: View = crate::model::raw::parse_text_at(value.get())?;
        Ok(Task::assemble(view, RawJson::copy_of(value)))
    }

    /// The task's JSON object exactly as the service sent it.
    pub fn raw(&self) -> &RawJson {
        &self.raw
    }

    /// Whether the task has finished for good (`completed`, `failed`, `stopped`). A task without a
    /// status has not.
    pub fn is_terminal(&self) -> bool {
        self.status.as_ref().is_some_and(TaskStatus::is_terminal)
    }

    /// The actions, or an empty slice when the response had none.
    pub fn actions(&self) -> &[TaskAction] {
        self.actions.as_deref().unwrap_or_default()
    }

    /// The task's id when it is not `asked`: the service answered about another task. That is
    /// not an error (the official documentation's own sample answers a 32-hex id with a numeric
    /// one), but worth a warning: the drivers log one, and the `hec` command prints one. A task
    /// without an id matches any.
    ///
    /// ```
    /// use hec_proto::{Task, TaskId};
    /// let task: Task = serde_json::from_str(r#"{"id": 99999, "status": "completed"}"#)?;
    /// assert_eq!(task.mismatched_id(&TaskId::from(42)), Some(&TaskId::from(99999)));
    /// assert_eq!(task.mismatched_id(&TaskId::from(99999)), None);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn mismatched_id(&self, asked: &TaskId) -> Option<&TaskId> {
        self.id.as_ref().filter(|id| *id != asked)
    }

    /// Whether the object names a task at all: it has an `id` or a `status`. An answer whose data
    /// is anything else (the send-action answer's `{entityId, taskId}`, say) holds no task.
    pub(crate) fn names_a_task(&self) -> bool {
        self.id.is_some() || self.status.is_some()
    }
}

/// The task of `{}`: every field absent.
impl Default for Task {
    fn default() -> Self {
        Task::from_raw(RawJson::empty_object()).expect("`{}` is a task with every field absent")
    }
}

impl Serialize for Task {
    /// Writes the raw text, exactly as received.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.raw.serialize(serializer)
    }
}

impl Kept for Task {
    type View = View;

    fn assemble(view: View, raw: RawJson) -> Task {
        Task {
            id: view.id,
            name: view.name,
            task_type: view.task_type,
            status: view.status,
            progress: view.progress,
            total: view.total,
            succeed: view.succeed,
            failed: view.failed,
            sequential: view.sequential,
            customer: view.customer,
            owner: view.owner,
            created: view.created,
            updated: view.updated,
            actions: view.actions,
            raw,
        }
    }
}

impl<'de> Deserialize<'de> for Task {
    /// Keeps the object's text and reads the typed view, in one pass when hec-proto reads the
    /// answer; an error names the path inside the object (`progress: invalid type: ...`).
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        read_kept(deserializer)
    }
}

/// One action of a task: the work on one entity (an e-mail, an event). A typed view only: its
/// text is part of its task's [`Task::raw`].
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct TaskAction {
    /// `action_id`.
    #[serde(rename = "action_id", default)]
    pub id: Option<String>,
    /// `action_name`.
    #[serde(rename = "action_name", default)]
    pub name: Option<String>,
    /// `action_type`.
    #[serde(rename = "action_type", default)]
    pub action_type: Option<String>,
    /// `action_status`.
    #[serde(rename = "action_status", default)]
    pub status: Option<ActionStatus>,
    /// `action_message`: what happened, in words (live responses only).
    #[serde(rename = "action_message", default)]
    pub message: Option<String>,
    /// `action_created`.
    #[serde(rename = "action_created", default)]
    pub created: Option<HecTime>,
    /// `action_updated`.
    #[serde(rename = "action_updated", default)]
    pub updated: Option<HecTime>,
    /// `hash_key`: the entity's internal key.
    #[serde(default)]
    pub hash_key: Option<String>,
}
