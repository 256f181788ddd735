//! `GET /app/hec-api/v1.0/task/{id}`: checks the request, then answers from the task's script, or
//! from the task an action of the demo tenant left.

use std::time::Instant;

use bytes::Bytes;
use http::{HeaderMap, Response};
use serde::Serialize;

use super::api;
use super::script::{StepKind, TaskState};
use super::state::Shared;

/// The path prefix of the task endpoint; the task id follows it.
pub(crate) use hec_proto::endpoint::TASK_PATH;

/// Answers one poll of task `id`: its own script first, then a task an action created, then the
/// default script; else the 422 "Task not found" envelope.
pub(crate) fn task_endpoint(shared: &Shared, id: &str, headers: &HeaderMap, now: Instant) -> Response<Bytes> {
    let mut state = shared.lock();
    let request_id = match api::check(&state.tokens, headers, now) {
        Ok(request_id) => request_id,
        Err(refusal) => return *refusal,
    };
    if !state.tasks.has_own_script(id)
        && let Some(task) = state.tenant.poll_task(id)
    {
        return api::success(request_id, 1, "", &task);
    }
    let Some(poll) = state.tasks.poll(id, now) else {
        return api::logical_failure(request_id, "Task not found");
    };
    drop(state);
    match poll.step.kind() {
        StepKind::Canned(canned) => {
            let mut response = Response::new(canned.body.clone());
            *response.status_mut() = canned.status;
            for (name, value) in &canned.headers {
                response.headers_mut().append(name.clone(), value.clone());
            }
            response
        }
        StepKind::State(task) => api::success(request_id, 1, "", &render(id, task, poll.created)),
    }
}

/// The task object, field for field in the order of the live capture in docs/HEC-API.md.
#[derive(Serialize)]
pub(crate) struct Task {
    pub(crate) actions: Vec<Action>,
    pub(crate) created: String,
    pub(crate) customer: &'static str,
    pub(crate) failed: u64,
    pub(crate) id: serde_json::Value,
    pub(crate) name: &'static str,
    pub(crate) owner: &'static str,
    pub(crate) progress: u64,
    pub(crate) sequential: bool,
    pub(crate) status: String,
    pub(crate) succeed: u64,
    pub(crate) total: u64,
    #[serde(rename = "type")]
    pub(crate) task_type: &'static str,
    pub(crate) updated: String,
}

/// One action of a task: what was done to one entity or event.
#[derive(Serialize)]
pub(crate) struct Action {
    pub(crate) action_created: String,
    pub(crate) action_id: String,
    pub(crate) action_message: &'static str,
    pub(crate) action_name: String,
    pub(crate) action_status: String,
    pub(crate) action_type: String,
    pub(crate) action_updated: String,
    pub(crate) hash_key: String,
}

/// The customer every mock task belongs to.
pub(crate) const CUSTOMER: &str = "mock-customer";
/// The owner of every mock task.
pub(crate) const OWNER: &str = "mock-owner@example.invalid";

/// A task id as the live service sends it: a JSON number when it is numeric, else a string.
pub(crate) fn id_value(id: &str) -> serde_json::Value {
    id.parse::<u64>().map_or_else(|_| id.into(), serde_json::Value::from)
}

fn render(id: &str, task: &TaskState, created: jiff::Timestamp) -> Task {
    let created = task_time(created);
    let updated = task_time(jiff::Timestamp::now());
    let action_message = match task.status.as_str() {
        "completed" => "Message was quarantined",
        "failed" => "Message could not be quarantined",
        _ => "",
    };
    Task {
        actions: vec![Action {
            action_created: created.clone(),
            action_id: format!("Quarantine_{id}"),
            action_message,
            action_name: format!("Quarantine {id}"),
            action_status: task.status.clone(),
            action_type: format!("Quarantine_{id}"),
            action_updated: updated.clone(),
            hash_key: format!("mt-mock-1##{CUSTOMER}##{id}"),
        }],
        created,
        customer: CUSTOMER,
        failed: task.failed,
        // The live service sends numeric ids as JSON numbers.
        id: id_value(id),
        name: "Office365 Emails Manual Action",
        owner: OWNER,
        progress: task.progress,
        sequential: false,
        status: task.status.clone(),
        succeed: task.succeed,
        total: task.total,
        task_type: "office365_emails_manual_action",
        updated,
    }
}

/// A task timestamp as the live service writes it: `2023-08-08 21:16:16.887115` (UTC).
pub(crate) fn task_time(at: jiff::Timestamp) -> String {
    jiff::fmt::strtime::format("%Y-%m-%d %H:%M:%S%.6f", at).unwrap_or_default()
}
