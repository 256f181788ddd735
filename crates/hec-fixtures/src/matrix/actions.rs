//! The scenarios of the fault matrix for actions (requests that are not idempotent), one function
//! each: an action that may have reached the service is never resent, one that provably did not
//! run (a refused connection, a 429, a 401) is. Those of batching are re-exported from a file of
//! their own.
//!
//! Every entity scenario of this file quarantines the four messages of the demo tenant's
//! phishing campaign that are not quarantined yet ([`demo::CAMPAIGN_ENTITY_IDS`]`[..4]`), and
//! every event scenario (`event_action_*`) dismisses the tenant's first two security events;
//! each asserts the outcome and the exact action requests the mock recorded.
//!
//! A connection refused on the first attempt and accepted on the next cannot be staged on the
//! mock (it has no "refuse" fault: a refusal means nothing listens). The driver's half of that
//! rule, that a refused action is classified as never sent and retried, is checked here against a
//! closed loopback port ([`action_refused_connection_is_retried_to_the_attempt_limit`]); the
//! decision itself, retry after a refusal then success, is tested on the virtual clock in
//! hec-proto (`tests/policy_call.rs`, `an_action_whose_connection_was_refused_is_retried_like_any_call`).

use std::time::{Duration, Instant};

use hec_proto::endpoint::{ActOnEntities, ActOnEvents, Endpoint};
use hec_proto::{
    ActionResponse, EntityAction, EntityId, Error, EventAction, EventId, ResponseErrorKind, TaskStatus,
    TransportErrorKind,
};

use super::{Driver, Harness};
use crate::mock::{Fault, FaultRule, FaultRuleBuilder, RecordedRequest, demo};

pub use super::batches::*;

/// The names of every action scenario, in order (checked against
/// [`driver_matrix!`](crate::driver_matrix)).
pub const ACTION_SCENARIOS: &[&str] = &[
    "action_unavailable_is_sent_once_and_may_have_run",
    "action_server_error_inside_http_200_is_sent_once_and_may_have_run",
    "action_timeout_is_sent_once_and_may_have_run",
    "action_connection_closed_after_sending_is_sent_once_and_may_have_run",
    "action_truncated_answer_is_sent_once_and_may_have_run",
    "action_refused_connection_is_retried_to_the_attempt_limit",
    "action_rate_limited_then_success_is_sent_twice",
    "action_rate_limited_then_unavailable_is_not_sent_a_third_time",
    "action_unauthorized_once_refreshes_the_token_and_is_sent_again",
    "event_action_unavailable_is_sent_once_and_may_have_run",
    "event_action_rate_limited_then_success_is_sent_twice",
    "an_action_on_250_ids_is_sent_as_100_100_and_50",
    "a_first_batch_answered_503_stops_the_later_batches",
    "no_ids_send_nothing",
    "events_are_dismissed_in_one_request",
];

/// The path of entity actions, where every scenario's action goes.
pub const ACTION_PATH: &str = <ActOnEntities as Endpoint>::PATH_TEMPLATE;

/// The path of event actions.
pub const EVENT_ACTION_PATH: &str = <ActOnEvents as Endpoint>::PATH_TEMPLATE;

/// How the maybe-ran error ends, after the failure it names.
const MAYBE_RAN_ADVICE: &str = "; check the state of what it acted on (for mail, entityPayload.isQuarantined in a search) before sending it again";

/// The campaign's messages that are not quarantined when the mock starts.
fn targets() -> Vec<EntityId> {
    demo::CAMPAIGN_ENTITY_IDS[..4]
        .iter()
        .map(|id| id.parse().expect("the demo tenant's ids are valid entity ids"))
        .collect()
}

fn on_actions() -> FaultRuleBuilder {
    FaultRule::on_path(ACTION_PATH)
}

fn action_requests<D>(h: &Harness<D>) -> Vec<RecordedRequest> {
    h.mock.requests_to(ACTION_PATH)
}

/// Quarantines [`targets`] with a client built from the harness's configuration.
fn quarantine<D: Driver>(h: &mut Harness<D>) -> Result<Vec<ActionResponse>, Error> {
    let client = h.client();
    client.act_on_entities(EntityAction::Quarantine, demo::CAMPAIGN_SAAS, &targets())
}

fn expect_tasks<D: Driver>(h: &mut Harness<D>) -> Vec<ActionResponse> {
    let result = quarantine(h);
    tasks_of(h, result)
}

fn expect_err<D: Driver>(h: &mut Harness<D>) -> Error {
    let result = quarantine(h);
    error_of(h, result)
}

/// The answers of an action that was expected to succeed.
fn tasks_of<D: Driver>(
    h: &mut Harness<D>,
    result: Result<Vec<ActionResponse>, Error>,
) -> Vec<ActionResponse> {
    match result {
        Ok(answers) => answers,
        Err(error) => panic!("expected the action's tasks, got: {}", h.seen(error)),
    }
}

/// The error of an action that was expected to fail, kept for the secrets check.
fn error_of<D: Driver>(h: &mut Harness<D>, result: Result<Vec<ActionResponse>, Error>) -> Error {
    match result {
        Ok(answers) => panic!("expected an error, got {answers:?}"),
        Err(error) => h.seen(error),
    }
}

/// The error is [`Error::ActionOutcomeUnknown`] whose last failure has kind `kind`, and its
/// Display says the action may have run, names that failure and says what to check.
fn assert_may_have_run(error: &Error, kind: &str) {
    match error {
        Error::ActionOutcomeUnknown { last } => {
            check_eq!(last.kind_name(), kind, "{error:?}");
            check_eq!(
                error.to_string(),
                format!("the action may or may not have run ({last}){MAYBE_RAN_ADVICE}")
            );
        }
        other => panic!("expected ActionOutcomeUnknown ({kind}), got {other:?}"),
    }
}

/// One answer for the one batch: each of the four targets with the first action task of the mock.
fn assert_one_task_for_the_targets(answers: &[ActionResponse]) {
    check_eq!(answers.len(), 1, "{answers:?}");
    let tasks: Vec<(Option<&str>, &str)> = answers[0]
        .tasks
        .iter()
        .map(|task| (task.entity_id.as_ref().map(EntityId::as_str), task.task_id.as_str()))
        .collect();
    let expected: Vec<(Option<&str>, &str)> =
        demo::CAMPAIGN_ENTITY_IDS[..4].iter().map(|id| (Some(*id), demo::FIRST_ACTION_TASK_ID)).collect();
    check_eq!(tasks, expected);
    check_eq!(answers[0].task_ids(), [demo::FIRST_ACTION_TASK_ID.parse().expect("a task id")]);
}

/// The JSON body every action request of the scenarios carries.
fn assert_quarantine_body(request: &RecordedRequest) {
    let body: serde_json::Value = serde_json::from_slice(&request.body).expect("a JSON body");
    let expected = serde_json::json!({"requestData": {
        "entityIds": demo::CAMPAIGN_ENTITY_IDS[..4],
        "entityType": "office365_emails_email",
        "entityActionName": "quarantine",
    }});
    check_eq!(body, expected);
}

/// 503 on the action: sent exactly once, and the error says it may have run.
pub fn action_unavailable_is_sent_once_and_may_have_run<D: Driver>(h: &mut Harness<D>) {
    h.mock.fault(on_actions().always().then(Fault::status(503).html("<h1>503 Service Unavailable</h1>")));
    let error = expect_err(h);
    assert_may_have_run(&error, "server_error");
    check_eq!(error.response_error().map(|e| e.status().as_u16()), Some(503));
    let sent = action_requests(h);
    check_eq!(sent.len(), 1);
    assert_quarantine_body(&sent[0]);
    let request_id = sent[0].header("x-av-req-id").unwrap_or_default();
    check_eq!(
        error.to_string(),
        format!(
            "the action may or may not have run (server error (HTTP 503, request id {request_id}, body: \
             <h1>503 Service Unavailable</h1>)); check the state of what it acted on (for mail, \
             entityPayload.isQuarantined in a search) before sending it again"
        )
    );
    check_eq!(h.token_requests(), 1);
}

/// HTTP 200 whose envelope says `responseCode` 500: the service failed while handling the
/// action, as an HTTP 500 says. Sent exactly once, and the error says it may have run.
pub fn action_server_error_inside_http_200_is_sent_once_and_may_have_run<D: Driver>(h: &mut Harness<D>) {
    let body = r#"{"responseEnvelope": {"responseCode": 500, "responseText": "Internal error"}, "responseData": []}"#;
    h.mock.fault(on_actions().always().then(Fault::status(200).json(body)));
    let error = expect_err(h);
    assert_may_have_run(&error, "api_error");
    let detail = error.response_error().map(|e| (e.status().as_u16(), e.detail().response_code));
    check_eq!(detail, Some((200, Some(500))));
    let sent = action_requests(h);
    check_eq!(sent.len(), 1);
    assert_quarantine_body(&sent[0]);
    check_eq!(h.token_requests(), 1);
}

/// Headers slower than a short client timeout: one action request, no retry, the maybe-ran error
/// with the timeout inside.
pub fn action_timeout_is_sent_once_and_may_have_run<D: Driver>(h: &mut Harness<D>) {
    h.config.timeout = Duration::from_millis(100);
    h.mock.fault(on_actions().always().then(Fault::DelayHeaders(Duration::from_secs(3))));
    let started = Instant::now();
    let error = expect_err(h);
    let elapsed = started.elapsed();
    assert!(
        elapsed < Duration::from_secs(2),
        "the action's time: expected under 2 s (the answer awaited, not retried), got {elapsed:?}"
    );
    assert_may_have_run(&error, "timeout");
    check_eq!(error.transport_error().map(|e| e.kind()), Some(TransportErrorKind::Timeout));
    check_eq!(action_requests(h).len(), 1);
}

/// The connection closes after the mock read the request, with no answer: one request, the
/// maybe-ran error with the interruption inside.
pub fn action_connection_closed_after_sending_is_sent_once_and_may_have_run<D: Driver>(h: &mut Harness<D>) {
    h.mock.fault(on_actions().always().then(Fault::CloseConnection));
    let error = expect_err(h);
    assert_may_have_run(&error, "interrupted");
    check_eq!(error.transport_error().map(|e| e.kind()), Some(TransportErrorKind::Interrupted));
    let sent = action_requests(h);
    check_eq!(sent.len(), 1);
    assert_quarantine_body(&sent[0]);
}

/// The answer is cut short after the mock ran the action: one request, the maybe-ran error, and
/// the task the action made exists (it did run; the client could not know).
pub fn action_truncated_answer_is_sent_once_and_may_have_run<D: Driver>(h: &mut Harness<D>) {
    h.mock.fault(on_actions().always().then(Fault::TruncateBody));
    let error = expect_err(h);
    assert_may_have_run(&error, "interrupted");
    check_eq!(action_requests(h).len(), 1);
    let client = h.client();
    let task = match client.get_task(&demo::FIRST_ACTION_TASK_ID.parse().expect("a task id")) {
        Ok(answer) => answer.task,
        Err(error) => panic!("the action's task is missing: {}", h.seen(error)),
    };
    check_eq!((task.status, task.total), (Some(TaskStatus::Init), Some(4)));
    check_eq!(action_requests(h).len(), 1);
}

/// A loopback port nothing listens on (bound, read, released).
fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    listener.local_addr().expect("a bound address").port()
}

/// Nothing listens: every attempt is refused, so the action provably never left and is retried,
/// up to the attempt limit, and the error is the refusal, not the maybe-ran error. (A static token
/// keeps the token endpoint out of it.)
pub fn action_refused_connection_is_retried_to_the_attempt_limit<D: Driver>(h: &mut Harness<D>) {
    let base = format!("http://127.0.0.1:{}", closed_port());
    h.config.base_url = Some(base.parse().expect("a loopback URL"));
    h.config.retry = h.config.retry.clone().with_max_attempts(3);
    let token = format!("{}static-refused", crate::mock::TOKEN_PREFIX);
    h.config.auth = Some(hec_proto::policy::TokenSource::Static(hec_proto::AccessToken::new(token)));
    let error = expect_err(h);
    match &error {
        Error::GaveUp { attempts: 3, deadline_reached: false, last, .. } => {
            check_eq!(
                last.transport_error().map(|e| e.kind()),
                Some(TransportErrorKind::Connect),
                "{error:?}"
            );
        }
        other => panic!("expected GaveUp after 3 refused attempts, got {other:?}"),
    }
    check_eq!(error.kind_name(), "connect");
    check_eq!(h.mock.requests().len(), 0, "the requests the mock saw of a refused connection");
}

/// 429 (`Retry-After: 0`) on the action, then the answer: the service refused it before running
/// it, so it is sent again, with the same body and a fresh request id; one task for the targets.
pub fn action_rate_limited_then_success_is_sent_twice<D: Driver>(h: &mut Harness<D>) {
    h.mock.fault(on_actions().then(Fault::status(429).header("retry-after", "0")));
    let answers = expect_tasks(h);
    assert_one_task_for_the_targets(&answers);
    let sent = action_requests(h);
    check_eq!(sent.len(), 2);
    assert_quarantine_body(&sent[0]);
    check_eq!(sent[0].body, sent[1].body);
    check_ne!(sent[0].header("x-av-req-id"), sent[1].header("x-av-req-id"));
    check_eq!(h.token_requests(), 1);
}

/// 429, then 503 on the retry: the second answer may mean it ran, so there is no third request.
pub fn action_rate_limited_then_unavailable_is_not_sent_a_third_time<D: Driver>(h: &mut Harness<D>) {
    h.mock.fault(on_actions().then(Fault::status(429).header("retry-after", "0")));
    h.mock.fault(on_actions().nth(2).always().then(Fault::status(503).html("<h1>down</h1>")));
    let error = expect_err(h);
    assert_may_have_run(&error, "server_error");
    check_eq!(
        error.response_error().map(hec_proto::ResponseError::kind),
        Some(ResponseErrorKind::ServerError)
    );
    check_eq!(action_requests(h).len(), 2);
}

/// 401 on the action: the gateway refused it before running it, so the token is refreshed once
/// and the action sent once more, with the new token, and succeeds.
pub fn action_unauthorized_once_refreshes_the_token_and_is_sent_again<D: Driver>(h: &mut Harness<D>) {
    h.mock.fault(on_actions().then(Fault::status(401).json(r#"{"message": "Authentication required"}"#)));
    let answers = expect_tasks(h);
    assert_one_task_for_the_targets(&answers);
    let sent = action_requests(h);
    check_eq!((h.token_requests(), sent.len()), (2, 2));
    check_eq!(h.mock.tokens_issued(), 2);
    check_eq!(sent[0].body, sent[1].body);
    let bearer = |request: &RecordedRequest| request.header("authorization").map(str::to_owned);
    assert!(
        bearer(&sent[1]).is_some_and(|b| b.starts_with("Bearer ")),
        "the second send's authorization: expected a bearer token, got {:?}",
        bearer(&sent[1])
    );
    check_ne!(bearer(&sent[0]), bearer(&sent[1]), "the action was sent again with the old token");
}

/// The demo tenant's first two security events.
fn event_targets() -> Vec<EventId> {
    demo::event_ids()[..2]
        .iter()
        .map(|id| id.parse().expect("the demo tenant's ids are valid event ids"))
        .collect()
}

/// Dismisses [`event_targets`] with a client built from the harness's configuration.
fn dismiss<D: Driver>(h: &mut Harness<D>) -> Result<Vec<ActionResponse>, Error> {
    h.client().act_on_events(EventAction::Dismiss, &event_targets())
}

/// The JSON body every event action request of the scenarios carries.
fn assert_dismiss_body(request: &RecordedRequest) {
    let body: serde_json::Value = serde_json::from_slice(&request.body).expect("a JSON body");
    let expected = serde_json::json!({"requestData": {
        "eventIds": demo::event_ids()[..2],
        "eventActionName": "dismiss",
    }});
    check_eq!(body, expected);
}

/// 503 on an event action: sent exactly once, and the error says it may have run; the rule is
/// the same as for entities.
pub fn event_action_unavailable_is_sent_once_and_may_have_run<D: Driver>(h: &mut Harness<D>) {
    let always = FaultRule::on_path(EVENT_ACTION_PATH).always();
    h.mock.fault(always.then(Fault::status(503).html("<h1>503 Service Unavailable</h1>")));
    let result = dismiss(h);
    let error = error_of(h, result);
    assert_may_have_run(&error, "server_error");
    let sent = h.mock.requests_to(EVENT_ACTION_PATH);
    check_eq!(sent.len(), 1);
    assert_dismiss_body(&sent[0]);
    check_eq!(h.token_requests(), 1);
}

/// 429 (`Retry-After: 0`) on an event action, then the answer: sent again with the same body,
/// and each event gets the first action task.
pub fn event_action_rate_limited_then_success_is_sent_twice<D: Driver>(h: &mut Harness<D>) {
    h.mock.fault(FaultRule::on_path(EVENT_ACTION_PATH).then(Fault::status(429).header("retry-after", "0")));
    let result = dismiss(h);
    let answers = tasks_of(h, result);
    check_eq!(answers.len(), 1, "{answers:?}");
    let task_ids: Vec<&str> = answers[0].tasks.iter().map(|task| task.task_id.as_str()).collect();
    check_eq!(task_ids, [demo::FIRST_ACTION_TASK_ID; 2]);
    let sent = h.mock.requests_to(EVENT_ACTION_PATH);
    check_eq!(sent.len(), 2);
    assert_dismiss_body(&sent[0]);
    check_eq!(sent[0].body, sent[1].body);
    check_ne!(sent[0].header("x-av-req-id"), sent[1].header("x-av-req-id"));
}
