//! Runs a scenario through hec-proto's parsers and compares the outcome with the scenario's
//! expectation, field by field. The comparison itself is
//! [`Fixture::check`](crate::corpus::Fixture::check) (in `outcome`), which a downstream parser
//! calls with its own [`Outcome`]; this module adds the request checks and hec-proto's parse.
//! The exception endpoints' scenarios are checked in `exceptions`, each through the endpoint
//! `exception_calls` makes from its request; the analyst's toolkit's (notify, the
//! mis-classification report, the download, an entity action's body, an entity's scan results)
//! in `toolkit`.

mod exception_calls;
mod exceptions;
mod outcome;
mod toolkit;

pub use outcome::{DownloadOutcome, FieldMismatch, Mismatch, Outcome};

use std::fmt::Debug;
use std::str::FromStr;
use std::time::SystemTime;

use hec_proto::endpoint::Endpoint as _;
use hec_proto::endpoint::{
    ActOnEntities, ActOnEvents, GetEntity, GetEvent, GetScopes, GetTask, Scopes, SearchEntities,
    SearchEvents, TaskResponse, TokenGrant,
};
use hec_proto::model::Envelope;
use hec_proto::{
    ActionResponse, Entity, EntityAction, EntityQuery, Event, EventAction, EventQuery, Page, RequestId,
    ResponseError, Task,
};

use crate::corpus::{
    Endpoint, Expect, ExpectAction, ExpectActionAnswer, ExpectEntity, ExpectError, ExpectEvent, ExpectPage,
    ExpectScopes, ExpectTask, ExpectToken, Fixture,
};

/// Parses the scenario's response as its endpoint's parser does and checks every expectation.
/// Returns the mismatches, one line each; empty means the scenario passes.
///
/// For every endpoint but the token's, the request's method must be the endpoint's and its path
/// the one the endpoint builds. For list answers (scopes aside), every parsed item must serialize
/// to exactly the JSON it was read from: unknown fields are kept.
pub fn check(fixture: &Fixture) -> Vec<String> {
    let response = fixture.response.to_http();
    let now = fixture.now_system_time();
    let mut out = Mismatches::default();
    let outcome: Outcome = match fixture.endpoint {
        Endpoint::Task => {
            let call = match task_path_id(fixture) {
                Ok(id) => GetTask::new(id),
                Err(line) => return vec![line],
            };
            check_request(&mut out, fixture, &call, &call.path());
            call.parse(&response, RequestId::new()).into()
        }
        Endpoint::Token => hec_proto::endpoint::parse_token_response(&response, now).into(),
        Endpoint::Scopes => {
            check_request(&mut out, fixture, &GetScopes, GetScopes::PATH_TEMPLATE);
            GetScopes.parse(&response, RequestId::new()).into()
        }
        Endpoint::Search => {
            let call = SearchEntities::new(EntityQuery::new("office365_emails", now));
            check_request(&mut out, fixture, &call, SearchEntities::PATH_TEMPLATE);
            call.parse(&response, RequestId::new()).into()
        }
        Endpoint::EventQuery => {
            let call = SearchEvents::new(EventQuery::new(now));
            check_request(&mut out, fixture, &call, SearchEvents::PATH_TEMPLATE);
            call.parse(&response, RequestId::new()).into()
        }
        Endpoint::Entity => {
            let call = match path_id(fixture, "/app/hec-api/v1.0/search/entity/") {
                Ok(id) => GetEntity::new(id),
                Err(line) => return vec![line],
            };
            check_request(&mut out, fixture, &call, &call.path());
            call.parse(&response, RequestId::new()).into()
        }
        Endpoint::Event => {
            let call = match path_id(fixture, "/app/hec-api/v1.0/event/") {
                Ok(id) => GetEvent::new(id),
                Err(line) => return vec![line],
            };
            check_request(&mut out, fixture, &call, &call.path());
            call.parse(&response, RequestId::new()).into()
        }
        Endpoint::EntityAction => {
            let call = ActOnEntities::new(EntityAction::Quarantine, "office365_emails", Vec::new());
            check_request(&mut out, fixture, &call, ActOnEntities::PATH_TEMPLATE);
            if let Err(line) = toolkit::check_entity_action_body(&mut out, fixture) {
                return vec![line];
            }
            call.parse(&response, RequestId::new()).into()
        }
        Endpoint::EventAction => {
            let call = ActOnEvents::new(EventAction::Dismiss, Vec::new());
            check_request(&mut out, fixture, &call, ActOnEvents::PATH_TEMPLATE);
            call.parse(&response, RequestId::new()).into()
        }
        Endpoint::Notify | Endpoint::Misclassification | Endpoint::Download => {
            match toolkit::outcome(&mut out, fixture) {
                Ok(outcome) => outcome,
                Err(line) => return vec![line],
            }
        }
        // Every exception endpoint (`exception_*`, `sectool_exception_*`, `anomaly_exception_*`,
        // `ctp_*`); see `exceptions`.
        _ => match exceptions::outcome(&mut out, fixture) {
            Ok(outcome) => outcome,
            Err(line) => return vec![line],
        },
    };
    if let Err(mismatch) = fixture.check(outcome) {
        out.0.extend(mismatch.fields);
    }
    out.lines()
}

/// Compares `outcome` with the fixture's expectation, field by field (what
/// [`Fixture::check`] reports).
fn compare(out: &mut Mismatches, fixture: &Fixture, outcome: &Outcome) {
    let now = fixture.now_system_time();
    let data = response_data(fixture);
    let expect = &fixture.expect;
    match (outcome, expect) {
        (Outcome::Task(answer), Expect::Task(want)) => {
            check_task(out, answer, want);
            check_raw(out, &answer.task, &fixture.response.to_http(), want);
        }
        (Outcome::Token(grant), Expect::Token(want)) => check_token(out, grant, want),
        (Outcome::Scopes(answer), Expect::Scopes(want)) => check_scopes(out, answer, want),
        (Outcome::Entities(page), Expect::Page(want)) => {
            let ids = page.items.iter().map(|e| e.entity_id.as_ref().map(|id| id.to_string())).collect();
            check_page(out, page, ids, want);
            check_items(out, &page.items, &want.entities, check_entity);
            check_faithful(out, &page.items, data.as_deref());
            if want.events.is_some() {
                out.push("events", "no `events` check (a search page holds entities)", "an `events` check");
            }
        }
        (Outcome::Events(page), Expect::Page(want)) => {
            let ids = page.items.iter().map(|e| e.event_id.as_ref().map(|id| id.to_string())).collect();
            check_page(out, page, ids, want);
            check_items(out, &page.items, &want.events, check_event);
            check_faithful(out, &page.items, data.as_deref());
            if want.entities.is_some() {
                out.push(
                    "entities",
                    "no `entities` check (an event page holds events)",
                    "an `entities` check",
                );
            }
        }
        (Outcome::Entity(entity), Expect::Entity(want)) => {
            check_entity(out, "", entity, want);
            check_faithful(out, std::slice::from_ref(entity), data.as_deref());
        }
        (Outcome::Event(event), Expect::Event(want)) => {
            check_event(out, "", event, want);
            check_faithful(out, std::slice::from_ref(event), data.as_deref());
        }
        (Outcome::Action(answer), Expect::Action(want)) => {
            check_action_answer(out, answer, want);
            check_faithful(out, &answer.tasks, data.as_deref());
        }
        (Outcome::Error(error), Expect::Error(want)) => check_error(out, error, want, now),
        (Outcome::Notified(()), Expect::Notified(_)) => {}
        (Outcome::Written(written), Expect::Written(want)) => toolkit::compare_written(out, written, want),
        (Outcome::Download(download), Expect::Download(want)) => {
            toolkit::compare_download(out, download, want)
        }
        (
            Outcome::ApExceptions(_)
            | Outcome::ToolExceptions(_)
            | Outcome::AnomalyExceptions(_)
            | Outcome::CtpRows(_)
            | Outcome::CtpItems(_)
            | Outcome::Written(_),
            Expect::Exceptions(want),
        ) => exceptions::compare(out, fixture, outcome, want),
        (outcome, expect) => out.push("outcome", outcome_name(expect), outcome.describe()),
    }
}

/// The request the scenario names must be the one the endpoint sends.
fn check_request<E: hec_proto::endpoint::Endpoint>(
    out: &mut Mismatches,
    fixture: &Fixture,
    _: &E,
    path: &str,
) {
    out.field("request.method", &Some(E::METHOD.as_str()), fixture.request.method.as_str());
    out.field("request.path", &Some(path), fixture.request.path.as_str());
}

/// The items of the body's `responseData`, when it is a list (for the faithfulness check).
fn response_data(fixture: &Fixture) -> Option<Vec<serde_json::Value>> {
    let body: serde_json::Value = serde_json::from_slice(&fixture.response.body).ok()?;
    match body.get("responseData")? {
        serde_json::Value::Array(items) => Some(items.clone()),
        _ => None,
    }
}

/// Every item serializes to the JSON it was read from, unknown fields and all.
fn check_faithful<T: serde::Serialize>(
    out: &mut Mismatches,
    items: &[T],
    data: Option<&[serde_json::Value]>,
) {
    let Some(data) = data else {
        out.push("responseData", "a list", "the answer parsed, but its responseData is not a list");
        return;
    };
    for (index, (item, sent)) in items.iter().zip(data).enumerate() {
        match serde_json::to_value(item) {
            Ok(written) if written == *sent => {}
            Ok(written) => out.push(format!("responseData[{index}]"), sent.to_string(), written.to_string()),
            Err(error) => {
                out.push(format!("responseData[{index}]"), sent.to_string(), format!("no JSON: {error}"))
            }
        }
    }
}

fn task_path_id(fixture: &Fixture) -> Result<hec_proto::TaskId, String> {
    path_id(fixture, hec_proto::endpoint::TASK_PATH)
}

/// The id at the end of the request's path, below `prefix`.
fn path_id<I: FromStr<Err: std::fmt::Display>>(fixture: &Fixture, prefix: &str) -> Result<I, String> {
    let text = fixture
        .request
        .path
        .strip_prefix(prefix)
        .ok_or_else(|| format!("request path {:?} is not under {prefix}", fixture.request.path))?;
    text.parse().map_err(|e| format!("request path's id: {e}"))
}

fn outcome_name(expect: &Expect) -> &'static str {
    match expect {
        Expect::Task(_) => "a task",
        Expect::Token(_) => "a token",
        Expect::Error(_) => "an error",
        Expect::Scopes(_) => "scopes",
        Expect::Page(_) => "a page",
        Expect::Entity(_) => "an entity",
        Expect::Event(_) => "an event",
        Expect::Action(_) => "an action answer",
        Expect::Exceptions(_) => "an exceptions answer",
        Expect::Notified(_) => "ok",
        Expect::Written(_) => "a write's success",
        Expect::Download(_) => "a download",
    }
}

/// The differences found so far, each naming its field, what was expected and what came.
#[derive(Default)]
struct Mismatches(Vec<FieldMismatch>);

impl Mismatches {
    /// Records that `field` was expected to be `expected` and is `actual`.
    fn push(&mut self, field: impl Into<String>, expected: impl Into<String>, actual: impl Into<String>) {
        self.0.push(FieldMismatch { field: field.into(), expected: expected.into(), actual: actual.into() });
    }

    /// Records a mismatch when an expectation is present and differs.
    fn field<T: PartialEq + Debug>(&mut self, name: &str, want: &Option<T>, got: T) {
        if let Some(want) = want
            && *want != got
        {
            self.push(name, format!("{want:?}"), format!("{got:?}"));
        }
    }

    /// One line a difference, for the conformance run's report.
    fn lines(&self) -> Vec<String> {
        self.0.iter().map(ToString::to_string).collect()
    }
}

fn utc(time: Option<&hec_proto::model::HecTime>) -> Option<String> {
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
            out.push("actions.len()", actions.len().to_string(), task.actions().len().to_string());
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
            out.push("extra_fields", format!("{name:?} kept in the task's raw JSON"), "not kept");
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

fn check_action(out: &mut Mismatches, index: usize, want: &ExpectAction, got: &hec_proto::model::TaskAction) {
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
    out.field("kind", &Some(want.kind.as_str()), error.kind_name());
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

fn envelope_records(envelope: Option<&Envelope>) -> Option<u64> {
    envelope.and_then(|e| e.records_number)
}

fn check_scopes(out: &mut Mismatches, answer: &Scopes, want: &ExpectScopes) {
    out.field("scopes", &want.scopes, answer.scopes.clone());
    out.field("records_number", &want.records_number, envelope_records(answer.envelope.as_ref()));
}

fn check_page<T>(out: &mut Mismatches, page: &Page<T>, ids: Vec<Option<String>>, want: &ExpectPage) {
    out.field("count", &want.count, page.items.len());
    out.field("cursor", &want.cursor, page.cursor.clone());
    out.field("ids", &want.ids.as_ref().map(|ids| ids.iter().cloned().map(Some).collect()), ids);
    out.field("records_number", &want.records_number, envelope_records(page.envelope.as_ref()));
    let request_id = page.envelope.as_ref().and_then(|e| e.request_id.clone());
    out.field("request_id", &want.request_id.as_ref().map(|id| Some(id.clone())), request_id);
}

/// Checks each item against its expectation, when the scenario lists them (one per item).
fn check_items<T, W>(
    out: &mut Mismatches,
    items: &[T],
    want: &Option<Vec<W>>,
    check: fn(&mut Mismatches, &str, &T, &W),
) {
    let Some(want) = want else { return };
    if want.len() != items.len() {
        out.push("items.len()", want.len().to_string(), items.len().to_string());
    }
    for (index, (item, want)) in items.iter().zip(want).enumerate() {
        check(out, &format!("[{index}]."), item, want);
    }
}

/// The top-level keys of an item's raw JSON, sorted.
fn raw_keys(raw: &hec_proto::model::RawJson) -> Vec<String> {
    let map: serde_json::Map<String, serde_json::Value> = serde_json::from_str(raw.get()).unwrap_or_default();
    map.keys().cloned().collect()
}

fn sorted(keys: &Option<Vec<String>>) -> Option<Vec<String>> {
    keys.clone().map(|mut keys| {
        keys.sort();
        keys
    })
}

fn check_entity(out: &mut Mismatches, at: &str, entity: &Entity, want: &ExpectEntity) {
    let name = |field: &str| format!("{at}{field}");
    out.field(&name("id"), &want.id.as_deref().map(Some), entity.entity_id.as_ref().map(|id| id.as_str()));
    out.field(&name("saas"), &want.saas.as_ref().map(Some), entity.saas.as_ref());
    out.field(&name("type"), &want.entity_type.as_ref().map(Some), entity.entity_type.as_ref());
    out.field(&name("created"), &want.created.clone().map(Some), utc(entity.created.as_ref()));
    out.field(&name("subject"), &want.subject.as_ref().map(Some), entity.subject.as_ref());
    out.field(&name("from_email"), &want.from_email.as_ref().map(Some), entity.from_email.as_ref());
    out.field(&name("from_name"), &want.from_name.as_ref().map(Some), entity.from_name.as_ref());
    out.field(&name("recipients"), &want.recipients.as_ref().map(Some), entity.recipients.as_ref());
    out.field(&name("received"), &want.received.clone().map(Some), utc(entity.received.as_ref()));
    out.field(
        &name("internet_message_id"),
        &want.internet_message_id.as_ref().map(Some),
        entity.internet_message_id.as_ref(),
    );
    out.field(&name("is_quarantined"), &want.is_quarantined, entity.is_quarantined);
    out.field(&name("is_restored"), &want.is_restored, entity.is_restored);
    out.field(&name("verdicts"), &want.verdicts.as_ref().map(Some), entity.verdicts.as_ref());
    out.field(&name("available_actions"), &want.available_actions, entity.available_actions.clone());
    out.field(&name("raw_keys"), &sorted(&want.raw_keys), raw_keys(entity.raw()));
    toolkit::check_scan(out, at, entity, &want.scan);
}

fn check_event(out: &mut Mismatches, at: &str, event: &Event, want: &ExpectEvent) {
    let name = |field: &str| format!("{at}{field}");
    out.field(&name("id"), &want.id.as_deref().map(Some), event.event_id.as_ref().map(|id| id.as_str()));
    out.field(&name("type"), &want.event_type.as_ref().map(Some), event.event_type.as_ref());
    out.field(&name("state"), &want.state.as_ref().map(Some), event.state.as_ref());
    out.field(&name("severity"), &want.severity, event.severity);
    out.field(&name("description"), &want.description.as_ref().map(Some), event.description.as_ref());
    out.field(&name("created"), &want.created.clone().map(Some), utc(event.created.as_ref()));
    out.field(
        &name("entity_id"),
        &want.entity_id.as_deref().map(Some),
        event.entity_id.as_ref().map(|id| id.as_str()),
    );
    out.field(&name("saas"), &want.saas.as_ref().map(Some), event.saas.as_ref());
    out.field(&name("available_actions"), &want.available_actions, event.available_actions.clone());
    out.field(&name("raw_keys"), &sorted(&want.raw_keys), raw_keys(event.raw()));
}

fn check_action_answer(out: &mut Mismatches, answer: &ActionResponse, want: &ExpectActionAnswer) {
    if let Some(tasks) = &want.tasks {
        if tasks.len() != answer.tasks.len() {
            out.push("tasks.len()", tasks.len().to_string(), answer.tasks.len().to_string());
        }
        for (index, (want, got)) in tasks.iter().zip(&answer.tasks).enumerate() {
            let name = |field: &str| format!("tasks[{index}].{field}");
            let text = |id: Option<&str>| id.map(str::to_owned);
            out.field(
                &name("entity_id"),
                &want.entity_id,
                text(got.entity_id.as_ref().map(|id| id.as_str())),
            );
            out.field(&name("event_id"), &want.event_id, text(got.event_id.as_ref().map(|id| id.as_str())));
            out.field(&name("task_id"), &want.task_id.as_deref(), got.task_id.as_str());
        }
    }
    let task_ids: Vec<String> = answer.task_ids().iter().map(|id| id.to_string()).collect();
    out.field("task_ids", &want.task_ids, task_ids);
    let request_id = answer.envelope.as_ref().and_then(|e| e.request_id.clone());
    out.field("request_id", &want.request_id.as_ref().map(|id| Some(id.clone())), request_id);
}
