//! `Task` and `TaskAction`: what `GET /task/{taskId}` describes.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::{ActionStatus, HecTime, TaskId, TaskStatus};

/// A HEC task: the job an action (quarantine, restore, dismiss...) runs as.
///
/// Field names follow the API (`type` is `task_type` here). Every field is optional, because the
/// official page and the live service disagree on which are present; fields this version does not
/// know are kept in [`Task::extra`] and written back when the task is serialized, so nothing the
/// service adds is lost.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Task {
    /// `id`: a number in live responses, a string in the official structure; the text is kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<TaskId>,
    /// `name`, e.g. `Office365 Emails Manual Action`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `type`, e.g. `office365_emails_manual_action`.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub task_type: Option<String>,
    /// `status`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<TaskStatus>,
    /// `progress`: an integer whose meaning is not documented (1 for a finished 1-of-1 task).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub progress: Option<u64>,
    /// `total`: how many actions the task runs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<u64>,
    /// `succeed`: how many actions succeeded (live responses only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub succeed: Option<u64>,
    /// `failed`: how many actions failed (live responses only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failed: Option<u64>,
    /// `sequential`: whether the actions run one after another (`true` or `"true"` on the wire).
    #[serde(
        default,
        deserialize_with = "crate::flexible::bool_or_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub sequential: Option<bool>,
    /// `customer`: the tenant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer: Option<String>,
    /// `owner`: who started the task.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// `created`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<HecTime>,
    /// `updated`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<HecTime>,
    /// `actions`: one per entity the task acts on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actions: Option<Vec<TaskAction>>,
    /// Fields this version does not know, kept as received.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Task {
    /// Whether the task has finished for good (`completed`, `failed`, `stopped`). A task without a
    /// status has not.
    pub fn is_terminal(&self) -> bool {
        self.status.as_ref().is_some_and(TaskStatus::is_terminal)
    }

    /// The actions, or an empty slice when the response had none.
    pub fn actions(&self) -> &[TaskAction] {
        self.actions.as_deref().unwrap_or_default()
    }
}

/// One action of a task: the work on one entity (an e-mail, an event).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TaskAction {
    /// `action_id`.
    #[serde(rename = "action_id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// `action_name`.
    #[serde(rename = "action_name", default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `action_type`.
    #[serde(rename = "action_type", default, skip_serializing_if = "Option::is_none")]
    pub action_type: Option<String>,
    /// `action_status`.
    #[serde(rename = "action_status", default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ActionStatus>,
    /// `action_message`: what happened, in words (live responses only).
    #[serde(rename = "action_message", default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// `action_created`.
    #[serde(rename = "action_created", default, skip_serializing_if = "Option::is_none")]
    pub created: Option<HecTime>,
    /// `action_updated`.
    #[serde(rename = "action_updated", default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<HecTime>,
    /// `hash_key`: the entity's internal key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hash_key: Option<String>,
    /// Fields this version does not know, kept as received.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
