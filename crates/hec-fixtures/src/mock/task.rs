//! `GET /app/hec-api/v1.0/task/{id}`: checks the request, then answers from the task's script.

use std::time::Instant;

use bytes::Bytes;
use http::{HeaderMap, Response, StatusCode};
use serde::Serialize;

use super::answer;
use super::auth;
use super::script::{StepKind, TaskState};
use super::state::Shared;

/// The path prefix of the task endpoint; the task id follows it.
pub(crate) use hec_proto::TASK_PATH;

/// Answers one poll of task `id`.
pub(crate) fn task_endpoint(shared: &Shared, id: &str, headers: &HeaderMap, now: Instant) -> Response<Bytes> {
    let poll = {
        let mut state = shared.lock();
        if !auth::is_authorized(&state.tokens, headers, now) {
            return auth::authentication_required();
        }
        let request_id = match request_id(headers) {
            Ok(request_id) => request_id,
            Err(refusal) => return answer::message(StatusCode::BAD_REQUEST, refusal),
        };
        state.tasks.poll(id, now).map(|poll| (poll, request_id))
    };
    let Some((poll, request_id)) = poll else {
        return not_found(headers);
    };
    match poll.step.kind() {
        StepKind::Canned(canned) => {
            let mut response = Response::new(canned.body.clone());
            *response.status_mut() = canned.status;
            for (name, value) in &canned.headers {
                response.headers_mut().append(name.clone(), value.clone());
            }
            response
        }
        StepKind::State(task) => {
            let body = Body {
                response_envelope: Envelope::ok(request_id, 1),
                response_data: render(id, task, poll.created),
            };
            answer::json(StatusCode::OK, &body)
        }
    }
}

/// The `x-av-req-id` header's text if it is a UUID, else why not (for a 400 answer).
fn request_id(headers: &HeaderMap) -> Result<&str, &'static str> {
    let text = headers.get("x-av-req-id").and_then(|value| value.to_str().ok());
    match text {
        Some(text) if uuid::Uuid::parse_str(text.trim()).is_ok() => Ok(text),
        Some(_) => Err("x-av-req-id must be a UUID"),
        None => Err("x-av-req-id header is required"),
    }
}

/// How the live service reports an unknown task: HTTP 200 with a 422 envelope and no data.
fn not_found(headers: &HeaderMap) -> Response<Bytes> {
    let request_id = headers.get("x-av-req-id").and_then(|value| value.to_str().ok()).unwrap_or_default();
    let body = Body {
        response_envelope: Envelope {
            request_id,
            response_code: 422,
            response_text: "Task not found",
            records_number: 0,
            scroll_id: "",
        },
        response_data: [(); 0],
    };
    answer::json(StatusCode::OK, &body)
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Body<'a, D> {
    response_envelope: Envelope<'a>,
    response_data: D,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Envelope<'a> {
    request_id: &'a str,
    response_code: u16,
    response_text: &'a str,
    records_number: u64,
    scroll_id: &'a str,
}

impl<'a> Envelope<'a> {
    fn ok(request_id: &'a str, records_number: u64) -> Envelope<'a> {
        Envelope { request_id, response_code: 200, response_text: "", records_number, scroll_id: "" }
    }
}

/// The task object, field for field in the order of the live capture in HEC-API.md.
#[derive(Serialize)]
struct Task<'a> {
    actions: [Action<'a>; 1],
    created: String,
    customer: &'static str,
    failed: u64,
    id: serde_json::Value,
    name: &'static str,
    owner: &'static str,
    progress: u64,
    sequential: bool,
    status: &'a str,
    succeed: u64,
    total: u64,
    #[serde(rename = "type")]
    task_type: &'static str,
    updated: String,
}

#[derive(Serialize)]
struct Action<'a> {
    action_created: String,
    action_id: String,
    action_message: &'static str,
    action_name: String,
    action_status: &'a str,
    action_type: String,
    action_updated: String,
    hash_key: String,
}

const CUSTOMER: &str = "mock-customer";

fn render<'a>(id: &str, task: &'a TaskState, created: jiff::Timestamp) -> Task<'a> {
    let created = task_time(created);
    let updated = task_time(jiff::Timestamp::now());
    let action_message = match task.status.as_str() {
        "completed" => "Message was quarantined",
        "failed" => "Message could not be quarantined",
        _ => "",
    };
    Task {
        actions: [Action {
            action_created: created.clone(),
            action_id: format!("Quarantine_{id}"),
            action_message,
            action_name: format!("Quarantine {id}"),
            action_status: &task.status,
            action_type: format!("Quarantine_{id}"),
            action_updated: updated.clone(),
            hash_key: format!("mt-mock-1##{CUSTOMER}##{id}"),
        }],
        created,
        customer: CUSTOMER,
        failed: task.failed,
        // The live service sends numeric ids as JSON numbers.
        id: id.parse::<u64>().map_or_else(|_| id.into(), serde_json::Value::from),
        name: "Office365 Emails Manual Action",
        owner: "mock-owner@example.invalid",
        progress: task.progress,
        sequential: false,
        status: &task.status,
        succeed: task.succeed,
        total: task.total,
        task_type: "office365_emails_manual_action",
        updated,
    }
}

/// A task timestamp as the live service writes it: `2023-08-08 21:16:16.887115` (UTC).
fn task_time(at: jiff::Timestamp) -> String {
    jiff::fmt::strtime::format("%Y-%m-%d %H:%M:%S%.6f", at).unwrap_or_default()
}
