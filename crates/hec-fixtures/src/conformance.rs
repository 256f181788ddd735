//! Runs a scenario through hec-proto's parsers and compares the outcome with the scenario's
//! expectation, field by field.

use std::fmt::Debug;
use std::time::SystemTime;

use hec_proto::Endpoint as _;
use hec_proto::{GetTask, RequestId, ResponseError, Task, TaskResponse, TokenGrant};

use crate::corpus::{Endpoint, Expect, ExpectAction, ExpectError, ExpectTask, ExpectToken, Fixture};

/// Parses the scenario's response as its endpoint's parser does and checks every expectation.
/// Returns the mismatches, one line each; empty means the scenario passes.
pub fn check(fixture: &Fixture) -> Vec<String> {
    let response = fixture.response.to_http();
    let now = fixture.now_system_time();
    let mut out = Mismatches::default();
    match (fixture.endpoint, &fixture.expect) {
        (Endpoint::Task, expect) => {
            let result = task_path_id(fixture)
                .map(GetTask::new)
                .map_err(|e| vec![e])
                .map(|call| call.parse(&response, RequestId::new()));
            match (result, expect) {
                (Err(lines), _) => return lines,
                (Ok(Ok(answer)), Expect::Task(want)) => {
                    check_task(&mut out, &answer, want);
                    check_raw(&mut out, &answer.task, &response, want);
                }
                (Ok(Err(error)), Expect::Error(want)) => check_error(&mut out, &error, want, now),
                (Ok(outcome), _) => {
                    out.push(format!("expected {}, got {}", outcome_name(expect), describe(&outcome)))
                }
            }
        }
        (Endpoint::Token, expect) => match (hec_proto::parse_token_response(&response, now), expect) {
            (Ok(grant), Expect::Token(want)) => check_token(&mut out, &grant, want),
            (Err(error), Expect::Error(want)) => check_error(&mut out, &error, want, now),
            (outcome, _) => {
                out.push(format!("expected {}, got {}", outcome_name(expect), describe(&outcome)))
            }
        },
    }
    out.0
}

fn task_path_id(fixture: &Fixture) -> Result<hec_proto::TaskId, String> {
    let text = fixture.request.path.strip_prefix(hec_proto::TASK_PATH).ok_or_else(|| {
        format!("request path {:?} is not under {}", fixture.request.path, hec_proto::TASK_PATH)
    })?;
    text.parse().map_err(|e| format!("request path's task id: {e}"))
}

fn outcome_name(expect: &Expect) -> &'static str {
    match expect {
        Expect::Task(_) => "a task",
        Expect::Token(_) => "a token",
        Expect::Error(_) => "an error",
    }
}

fn describe<T: Debug>(outcome: &Result<T, ResponseError>) -> String {
    match outcome {
        Ok(value) => format!("Ok({value:?})"),
        Err(error) => format!("error {} ({error})", error.kind()),
    }
}

#[derive(Default)]
struct Mismatches(Vec<String>);

impl Mismatches {
    fn push(&mut self, line: String) {
        self.0.push(line);
    }

    /// Records a mismatch when an expectation is present and differs.
    fn field<T: PartialEq + Debug>(&mut self, name: &str, want: &Option<T>, got: T) {
        if let Some(want) = want
            && *want != got
        {
            self.push(format!("{name}: expected {want:?}, got {got:?}"));
        }
    }
}

fn utc(time: Option<&hec_proto::HecTime>) -> Option<String> {
    time.map(|t| t.to_utc().map_or_else(|e| format!("<{e}>"), |ts| ts.to_string()))
}

fn check_task(out: &mut Mismatches, answer: &TaskResponse, want: &ExpectTask) {
    let task: &Task = &answer.task;
    let envelope = answer.envelope.as_ref();
    out.field("id", &want.id, task.id.as_ref().map(|id| id.as_str().to_owned()).unwrap_or_default());
    out.field(
        "status",
        &want.status,
        task.status.as_ref().map(|s| s.as_str().to_owned()).unwrap_or_default(),
    );
    out.field("terminal", &want.terminal, task.is_terminal());
    out.field("name", &want.name.as_ref().map(Some), task.name.as_ref());
    out.field("type", &want.task_type.as_ref().map(Some), task.task_type.as_ref());
    out.field("customer", &want.customer.as_ref().map(Some), task.customer.as_ref());
    out.field("owner", &want.owner.as_ref().map(Some), task.owner.as_ref());
    out.field("progress", &want.progress.map(Some), task.progress);
    out.field("total", &want.total.map(Some), task.total);
    out.field("succeed", &want.succeed.map(Some), task.succeed);
    out.field("failed", &want.failed.map(Some), task.failed);
    out.field("sequential", &want.sequential.map(Some), task.sequential);
    out.field("created", &want.created.clone().map(Some), utc(task.created.as_ref()));
    out.field("updated", &want.updated.clone().map(Some), utc(task.updated.as_ref()));
    out.field("created_raw", &want.created_raw.as_deref().map(Some), task.created.as_ref().map(|t| t.raw()));
    out.field("updated_raw", &want.updated_raw.as_deref().map(Some), task.updated.as_ref().map(|t| t.raw()));
    if let Some(actions) = &want.actions {
        if actions.len() != task.actions().len() {
            out.push(format!("actions: expected {} actions, got {}", actions.len(), task.actions().len()));
        }
        for (index, (want, got)) in actions.iter().zip(task.actions()).enumerate() {
            check_action(out, index, want, got);
        }
    }
    out.field("request_id", &want.request_id, envelope.and_then(|e| e.request_id.clone()));
    out.field("response_code", &want.response_code, envelope.and_then(|e| e.response_code));
    out.field("response_text", &want.response_text, envelope.and_then(|e| e.response_text.clone()));
    out.field("additional_text", &want.additional_text, envelope.and_then(|e| e.additional_text.clone()));
    out.field("records_number", &want.records_number, envelope.and_then(|e| e.records_number));
    out.field("scroll_id", &want.scroll_id, envelope.and_then(|e| e.scroll_id.clone()));
    out.field("enveloped", &want.enveloped, envelope.is_some());
}

/// `extra_fields` and `faithful`: what the task kept of the text the service sent.
fn check_raw(out: &mut Mismatches, task: &Task, response: &http::Response<Vec<u8>>, want: &ExpectTask) {
    if let Some(names) = &want.extra_fields {
        let kept: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(task.raw().get()).unwrap_or_default();
        for name in names.iter().filter(|name| !kept.contains_key(name.as_str())) {
            out.push(format!("extra_fields: {name:?} is not in the task's raw JSON"));
        }
    }
    if let Some(want) = want.faithful {
        // The corpus sends bodies as compact JSON, so the data's own compact text is what was sent.
        let body: serde_json::Value = serde_json::from_slice(response.body()).unwrap_or_default();
        let data = match body.get("responseData") {
            Some(serde_json::Value::Array(items)) => items.first().cloned().unwrap_or_default(),
            Some(data) => data.clone(),
            None => body,
        };
        let sent = data.to_string();
        out.field("faithful", &Some(want), task.raw().get() == sent.as_str());
    }
}

fn check_action(out: &mut Mismatches, index: usize, want: &ExpectAction, got: &hec_proto::TaskAction) {
    let name = |field: &str| format!("actions[{index}].{field}");
    out.field(&name("id"), &want.id.as_ref().map(Some), got.id.as_ref());
    out.field(&name("name"), &want.name.as_ref().map(Some), got.name.as_ref());
    out.field(&name("type"), &want.action_type.as_ref().map(Some), got.action_type.as_ref());
    out.field(&name("status"), &want.status.as_deref().map(Some), got.status.as_ref().map(|s| s.as_str()));
    out.field(&name("message"), &want.message.as_ref().map(Some), got.message.as_ref());
    out.field(&name("hash_key"), &want.hash_key.as_ref().map(Some), got.hash_key.as_ref());
    out.field(&name("created"), &want.created.clone().map(Some), utc(got.created.as_ref()));
    out.field(&name("updated"), &want.updated.clone().map(Some), utc(got.updated.as_ref()));
}

fn check_token(out: &mut Mismatches, grant: &TokenGrant, want: &ExpectToken) {
    out.field("token", &want.token.as_deref(), grant.token.secret());
    out.field("lifetime_secs", &want.lifetime_secs, grant.lifetime.as_secs());
}

fn check_error(out: &mut Mismatches, error: &ResponseError, want: &ExpectError, now: SystemTime) {
    let detail = error.detail();
    out.field("kind", &Some(want.kind.as_str()), error.kind().as_str());
    out.field("status", &want.status, detail.status.as_u16());
    out.field(
        "retry_after_secs",
        &want.retry_after_secs.map(Some),
        error.retry_after().map(|r| r.delay(now).as_secs()),
    );
    out.field("response_code", &want.response_code.map(Some), detail.response_code);
    out.field("response_text", &want.response_text.as_ref().map(Some), detail.response_text.as_ref());
    out.field("request_id", &want.request_id.as_ref().map(Some), detail.request_id.as_ref());
    let path = match error {
        ResponseError::Malformed { path, .. } => Some(path.as_str()),
        _ => None,
    };
    out.field("path", &want.path.as_deref().map(Some), path);
}
