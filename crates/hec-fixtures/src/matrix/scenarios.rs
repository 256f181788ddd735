//! The scenarios of the fault matrix, one function each (those of a gateway echoing secrets, of
//! deadlines, of the demo tenant's whole flow and of `log` records are re-exported from files of
//! their own).

use std::time::{Duration, Instant};

use hec_proto::policy::{RetryPolicy, WaitEvent};
use hec_proto::{
    EntityAction, EntityId, Error, ErrorCategory, ResponseErrorKind, TaskId, TaskStatus, TransportErrorKind,
};

use super::actions::ACTION_PATH as ACTION;
use super::canned::ENTITY;
use super::{Driver, Harness, TASK_PATH};
use crate::mock::{Fault, FaultRule, TaskScript, TaskStep, demo};

pub use super::deadlines::*;
pub use super::flow::*;
pub use super::log_records::*;
pub use super::secrets::*;

/// The names of every scenario, in order (from [`for_each_scenario!`](crate::for_each_scenario),
/// the list [`driver_matrix!`](crate::driver_matrix) instantiates).
pub const SCENARIOS: &[&str] = crate::for_each_scenario!([scenario_names]);

pub(super) const ID: &str = "1691529376887109";

pub(super) fn id() -> TaskId {
    TaskId::from(1_691_529_376_887_109)
}

pub(super) fn completed<D>(h: &Harness<D>) {
    h.mock.script_task(ID, TaskScript::polls([TaskStep::new("completed")]));
}

fn task_fault<D>(h: &Harness<D>, rule: crate::mock::FaultRuleBuilder, fault: impl Into<Fault>) {
    h.mock.fault(rule.then(fault));
}

fn expect_ok<D: Driver>(h: &mut Harness<D>) -> hec_proto::endpoint::TaskResponse {
    let client = h.client();
    match client.get_task(&id()) {
        Ok(answer) => answer,
        Err(error) => panic!("expected the task, got: {}", h.seen(error)),
    }
}

pub(super) fn expect_err<D: Driver>(h: &mut Harness<D>) -> Error {
    let client = h.client();
    match client.get_task(&id()) {
        Ok(answer) => panic!("expected an error, got {answer:?}"),
        Err(error) => h.seen(error),
    }
}

pub(super) fn on_tasks() -> crate::mock::FaultRuleBuilder {
    FaultRule::on_path(TASK_PATH)
}

/// A status request that succeeds at once: one token request, one task request.
pub fn happy_path<D: Driver>(h: &mut Harness<D>) {
    completed(h);
    let answer = expect_ok(h);
    check_eq!(answer.task.status, Some(TaskStatus::Completed));
    check_eq!(answer.task.id, Some(id()));
    check_eq!((h.token_requests(), h.task_requests()), (1, 1));
    let request = &h.mock.requests_to(TASK_PATH)[0];
    let authorization = request.header("authorization");
    assert!(
        authorization.is_some_and(|v| v.starts_with("Bearer ")),
        "the authorization header: expected a bearer token, got {authorization:?}"
    );
    check_eq!(request.header("accept"), Some("application/json"));
    check_eq!(request.header("user-agent"), Some(hec_proto::config::USER_AGENT));
    let echoed = answer.envelope.and_then(|e| e.request_id);
    check_eq!(echoed.as_deref(), request.header("x-av-req-id"));
}

/// 429 with `Retry-After: 1`: the driver waits that second, then succeeds.
pub fn rate_limited_with_retry_after_seconds<D: Driver>(h: &mut Harness<D>) {
    completed(h);
    task_fault(h, on_tasks().nth(1), Fault::status(429).header("retry-after", "1"));
    let started = Instant::now();
    expect_ok(h);
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_secs(1),
        "the time before the retry: expected at least the 1 s of Retry-After, got {waited:?}"
    );
    assert!(waited < Duration::from_secs(5), "the time before the retry: expected under 5 s, got {waited:?}");
    check_eq!(h.task_requests(), 2);
    let ids: Vec<_> =
        h.mock.requests_to(TASK_PATH).iter().map(|r| r.header("x-av-req-id").map(str::to_owned)).collect();
    check_ne!(ids[0], ids[1], "a retry must carry a fresh request id");
}

/// 429 with `Retry-After` as an HTTP date one second ahead: honoured, then success.
pub fn rate_limited_with_retry_after_date<D: Driver>(h: &mut Harness<D>) {
    completed(h);
    let at = jiff::Timestamp::now() + jiff::SignedDuration::from_secs(1);
    let date = jiff::fmt::rfc2822::DateTimePrinter::new().timestamp_to_rfc9110_string(&at).expect("a date");
    task_fault(h, on_tasks().nth(1), Fault::status(429).header("retry-after", date));
    let started = Instant::now();
    expect_ok(h);
    let elapsed = started.elapsed();
    assert!(
        elapsed < Duration::from_secs(5),
        "the time a Retry-After date took: expected under 5 s, got {elapsed:?}"
    );
    check_eq!(h.task_requests(), 2);
}

/// A `Retry-After` that would pass the call's deadline ends the call at once.
pub fn retry_after_beyond_the_deadline_gives_up_at_once<D: Driver>(h: &mut Harness<D>) {
    completed(h);
    task_fault(h, on_tasks().always(), Fault::status(429).header("retry-after", "3600"));
    let started = Instant::now();
    let error = expect_err(h);
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "the call's time: expected under 2 s, got {:?}",
        started.elapsed()
    );
    match &error {
        Error::GaveUp { attempts: 1, deadline_reached: true, .. } => {}
        other => panic!("expected GaveUp at the deadline after 1 attempt, got {other:?}"),
    }
    check_eq!(
        error.response_error().map(hec_proto::ResponseError::kind),
        Some(ResponseErrorKind::RateLimited)
    );
    check_eq!(error.category(), ErrorCategory::Unavailable);
    check_eq!(h.task_requests(), 1);
}

/// 503 once, then the answer.
pub fn unavailable_then_success<D: Driver>(h: &mut Harness<D>) {
    completed(h);
    task_fault(h, on_tasks().nth(1), Fault::status(503).html("<h1>503 Service Unavailable</h1>"));
    expect_ok(h);
    check_eq!(h.task_requests(), 2);
}

/// 503 on every try: the driver gives up after the attempt limit (4).
pub fn server_error_every_time_gives_up_after_the_attempt_limit<D: Driver>(h: &mut Harness<D>) {
    completed(h);
    task_fault(h, on_tasks().always(), Fault::status(503).html("<h1>down</h1>"));
    let error = expect_err(h);
    match &error {
        Error::GaveUp { attempts: 4, deadline_reached: false, last, .. } => {
            check_eq!(last.response_error().map(|e| e.status().as_u16()), Some(503));
        }
        other => panic!("expected GaveUp after 4 attempts, got {other:?}"),
    }
    check_eq!(h.task_requests(), 4);
}

/// The connection closes with no response once; the retry succeeds.
pub fn connection_dropped_then_success<D: Driver>(h: &mut Harness<D>) {
    completed(h);
    task_fault(h, on_tasks().nth(1), Fault::CloseConnection);
    expect_ok(h);
    check_eq!(h.task_requests(), 2);
}

/// Headers slower than the request timeout: every attempt times out, and the call ends with a
/// timeout error well within its deadline.
pub fn headers_slower_than_the_timeout<D: Driver>(h: &mut Harness<D>) {
    completed(h);
    h.config.timeout = Duration::from_millis(100);
    h.config.retry = h.config.retry.clone().with_max_attempts(2);
    task_fault(h, on_tasks().always(), Fault::DelayHeaders(Duration::from_secs(3)));
    let started = Instant::now();
    let error = expect_err(h);
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "the call's time: expected under 2 s, got {:?}",
        started.elapsed()
    );
    check_eq!(error.transport_error().map(|e| e.kind()), Some(TransportErrorKind::Timeout), "{error:?}");
    assert!(
        matches!(error, Error::GaveUp { attempts: 2, .. }),
        "expected GaveUp after 2 attempts, got {error:?}"
    );
    check_eq!(h.task_requests(), 2);
}

/// A body cut short once (Content-Length not reached): the retry succeeds.
pub fn truncated_body_then_success<D: Driver>(h: &mut Harness<D>) {
    completed(h);
    task_fault(h, on_tasks().nth(1), Fault::TruncateBody);
    expect_ok(h);
    check_eq!(h.task_requests(), 2);
}

/// An HTML 502 page once, then the answer.
pub fn html_bad_gateway_then_success<D: Driver>(h: &mut Harness<D>) {
    completed(h);
    task_fault(h, on_tasks().nth(1), Fault::status(502).html("<html><h1>502 Bad Gateway</h1></html>"));
    expect_ok(h);
    check_eq!(h.task_requests(), 2);
}

/// A body over the limit is an error, not retried, and is not read past the limit.
pub fn oversized_body_is_refused<D: Driver>(h: &mut Harness<D>) {
    completed(h);
    h.config.body_limit = 64 * 1024;
    task_fault(h, on_tasks().always(), Fault::OversizedBody(32 * 1024 * 1024));
    let error = expect_err(h);
    check_eq!(error.transport_error().map(|e| e.kind()), Some(TransportErrorKind::BodyTooLarge), "{error:?}");
    check_eq!(error.category(), ErrorCategory::Api);
    check_eq!(h.task_requests(), 1);
}

/// Response headers larger than an HTTP library accepts (512 KiB, over ureq's 64 KiB and hyper's
/// 400 KiB): an error of kind `headers_too_large`, not retried (it would be again), in every
/// driver alike.
pub fn oversized_headers_are_refused_without_retry<D: Driver>(h: &mut Harness<D>) {
    completed(h);
    let huge = "h".repeat(512 * 1024);
    task_fault(h, on_tasks().always(), Fault::status(200).header("x-padding", huge).json("{}"));
    let error = expect_err(h);
    check_eq!(
        error.transport_error().map(|e| e.kind()),
        Some(TransportErrorKind::HeadersTooLarge),
        "{error:?}"
    );
    check_eq!(error.category(), ErrorCategory::Api);
    assert!(matches!(error, Error::Transport(_)), "expected a transport error, not retried, got {error:?}");
    check_eq!(h.task_requests(), 1);
}

/// A redirect to another host is an error naming the target; the other host sees nothing.
pub fn redirect_to_another_host_is_not_followed<D: Driver>(h: &mut Harness<D>) {
    completed(h);
    let elsewhere = crate::mock::MockGateway::start();
    let target = format!("{}{TASK_PATH}{ID}", elsewhere.base_url());
    task_fault(h, on_tasks().always(), Fault::redirect(302, target.clone()));
    let error = expect_err(h);
    match error.response_error() {
        Some(hec_proto::ResponseError::Redirect { location, .. }) => {
            check_eq!(location.as_deref(), Some(target.as_str()))
        }
        _ => panic!("expected a redirect error, got {error:?}"),
    }
    assert!(error.to_string().contains(&target), "the error: expected it to name {target}, got {error}");
    check_eq!(elsewhere.requests().len(), 0, "the other host was contacted");
    check_eq!(h.task_requests(), 1);
}

/// One 401: the token is refreshed once (exactly one extra token request) and the call succeeds.
pub fn unauthorized_once_refreshes_the_token<D: Driver>(h: &mut Harness<D>) {
    completed(h);
    task_fault(h, on_tasks().nth(1), Fault::status(401).json(r#"{"message": "Authentication required"}"#));
    expect_ok(h);
    check_eq!((h.token_requests(), h.task_requests()), (2, 2));
    check_eq!(h.mock.tokens_issued(), 2);
}

/// 401 every time: one refresh, one more try, then an authentication error; never a loop.
pub fn unauthorized_always_is_an_authentication_error<D: Driver>(h: &mut Harness<D>) {
    completed(h);
    task_fault(h, on_tasks().always(), Fault::status(401).json(r#"{"message": "Authentication required"}"#));
    let error = expect_err(h);
    check_eq!(
        error.response_error().map(hec_proto::ResponseError::kind),
        Some(ResponseErrorKind::Unauthorized),
        "{error:?}"
    );
    check_eq!(error.category(), ErrorCategory::Auth);
    check_eq!((h.token_requests(), h.task_requests()), (2, 2));
}

/// A wrong access key: the auth endpoint refuses it, no retry, no task request.
pub fn bad_credentials<D: Driver>(h: &mut Harness<D>) {
    completed(h);
    let wrong = hec_proto::Credentials::new(h.mock.client_id(), format!("{}-wrong", h.mock.access_key()));
    h.config.auth = Some(hec_proto::policy::TokenSource::Credentials(wrong));
    let error = expect_err(h);
    check_eq!(
        error.response_error().map(hec_proto::ResponseError::kind),
        Some(ResponseErrorKind::BadCredentials),
        "{error:?}"
    );
    check_eq!(error.category(), ErrorCategory::Auth);
    check_eq!((h.token_requests(), h.task_requests()), (1, 0));
}

/// HTTP 200 with `responseCode` 422 (an unknown task): task not found, with its code, not retried.
pub fn logical_failure_inside_http_200<D: Driver>(h: &mut Harness<D>) {
    let error = expect_err(h);
    let detail = error.response_error().map(|e| (e.kind(), e.detail().response_code, e.status().as_u16()));
    check_eq!(detail, Some((ResponseErrorKind::TaskNotFound, Some(422), 200)), "{error:?}");
    check_eq!(error.category(), ErrorCategory::Api);
    check_eq!(h.task_requests(), 1);
}

/// 404 is an answer, not a failure to retry.
pub fn not_found_is_not_retried<D: Driver>(h: &mut Harness<D>) {
    task_fault(h, on_tasks().always(), Fault::status(404).json(r#"{"message": "no such task"}"#));
    let error = expect_err(h);
    check_eq!(
        error.response_error().map(hec_proto::ResponseError::kind),
        Some(ResponseErrorKind::NotFound),
        "{error:?}"
    );
    check_eq!(h.task_requests(), 1);
}

/// The token is revoked between two polls of a wait: the driver refreshes it and the wait ends
/// normally.
pub fn token_revoked_while_waiting<D: Driver>(h: &mut Harness<D>) {
    h.mock.script_task(ID, TaskScript::polls([TaskStep::new("inprogress"), TaskStep::new("completed")]));
    let client = h.client();
    let mock = &h.mock;
    let mut revoked = false;
    let result = client.wait_for_task(&id(), &mut |_| {
        if !revoked {
            mock.revoke_tokens();
            revoked = true;
        }
    });
    let task = result.unwrap_or_else(|e| panic!("{}", h.seen(e)));
    check_eq!(task.status, Some(TaskStatus::Completed));
    // Poll 1 (inprogress), poll 2 refused (401), poll 2 again with the new token (completed).
    check_eq!((h.token_requests(), h.task_requests()), (2, 3));
}

/// 100 concurrent calls on a client without a token cause exactly one token request.
pub fn concurrent_callers_share_one_token_request<D: Driver>(h: &mut Harness<D>) {
    let ids: Vec<TaskId> = (0..100u64).map(|n| TaskId::from(1_000_000 + n)).collect();
    for id in &ids {
        h.mock.script_task(id.as_str(), TaskScript::polls([TaskStep::new("completed")]));
    }
    let client = h.client();
    let results = client.get_tasks_concurrently(&ids);
    check_eq!(results.len(), 100);
    for (id, result) in ids.iter().zip(results) {
        let answer = result.unwrap_or_else(|e| panic!("{}", h.seen(e)));
        check_eq!(answer.task.id.as_ref(), Some(id));
    }
    check_eq!((h.token_requests(), h.task_requests()), (1, 100));
}

fn wait_for<D: Driver>(
    h: &mut Harness<D>,
    script: TaskScript,
) -> (Result<hec_proto::Task, Error>, Vec<TaskStatus>) {
    h.mock.script_task(ID, script);
    let client = h.client();
    let mut seen = Vec::new();
    let result = client.wait_for_task(&id(), &mut |update| seen.extend(update.task.status.clone()));
    (result.map_err(|e| h.seen(e)), seen)
}

fn wait_ends<D: Driver>(h: &mut Harness<D>, last: &str, expected: TaskStatus) {
    let script = TaskScript::polls([
        TaskStep::new("init"),
        TaskStep::new("inprogress").progress(0).total(2),
        TaskStep::new("inprogress").progress(1).total(2),
        TaskStep::new("inprogress").progress(1).total(2),
        TaskStep::new(last).progress(2).total(2),
    ]);
    let (result, seen) = wait_for(h, script);
    let task = result.unwrap_or_else(|e| panic!("{e}"));
    check_eq!(task.status, Some(expected.clone()));
    // Every change is reported once; the repeated poll is not.
    check_eq!(seen, [TaskStatus::Init, TaskStatus::InProgress, TaskStatus::InProgress, expected]);
    check_eq!(h.task_requests(), 5);
}

/// Waiting ends when the task completes.
pub fn wait_ends_completed<D: Driver>(h: &mut Harness<D>) {
    wait_ends(h, "completed", TaskStatus::Completed);
}

/// Waiting ends, without an error, when the task fails: the task says how it ended.
pub fn wait_ends_failed<D: Driver>(h: &mut Harness<D>) {
    wait_ends(h, "failed", TaskStatus::Failed);
}

/// Waiting ends when the task is stopped.
pub fn wait_ends_stopped<D: Driver>(h: &mut Harness<D>) {
    wait_ends(h, "stopped", TaskStatus::Stopped);
}

/// A task that never finishes: the wait times out with the last task (or, when the deadline cut
/// the last poll short, the status and counts the waiter kept), the time and the polls.
pub fn wait_timeout_carries_the_last_task<D: Driver>(h: &mut Harness<D>) {
    h.config.wait = h.config.wait.clone().with_timeout(Duration::from_millis(150));
    let started = Instant::now();
    let (result, _) = wait_for(h, TaskScript::polls([TaskStep::new("inprogress").progress(1).total(3)]));
    let elapsed = started.elapsed();
    match result {
        Err(Error::WaitTimedOut { last_task: Some(task), elapsed: waited, polls }) => {
            check_eq!(task.status, Some(TaskStatus::InProgress));
            check_eq!((task.progress, task.total), (Some(1), Some(3)));
            assert!(
                waited >= Duration::from_millis(150),
                "the time the wait error reports: expected at least 150 ms, got {waited:?}"
            );
            // Every request counts, the one the deadline may cut short too.
            check_eq!(polls as usize, h.task_requests());
            assert!(polls >= 2, "the polls the wait error counts: expected at least 2, got {polls}");
        }
        other => panic!("expected WaitTimedOut with the last task, got {other:?}"),
    }
    assert!(elapsed < Duration::from_secs(2), "the wait's time: expected under 2 s, got {elapsed:?}");
}

/// `paused` is reported as a change and waiting goes on until the task finishes.
pub fn paused_is_reported<D: Driver>(h: &mut Harness<D>) {
    let script = TaskScript::polls([
        TaskStep::new("inprogress"),
        TaskStep::new("paused"),
        TaskStep::new("paused"),
        TaskStep::new("completed"),
    ]);
    h.mock.script_task(ID, script);
    let client = h.client();
    let mut paused_updates = 0;
    let result = client.wait_for_task(&id(), &mut |update| paused_updates += usize::from(update.is_paused()));
    let task = result.unwrap_or_else(|e| panic!("{}", h.seen(e)));
    check_eq!(task.status, Some(TaskStatus::Completed));
    check_eq!(paused_updates, 1);
    check_eq!(h.task_requests(), 4);
}

/// A caller's static token is sent as it is; a 401 is final (it cannot be renewed).
pub fn static_token_is_sent_and_never_refreshed<D: Driver>(h: &mut Harness<D>) {
    completed(h);
    let token = format!("{}static-1", crate::mock::TOKEN_PREFIX);
    h.config.auth = Some(hec_proto::policy::TokenSource::Static(hec_proto::AccessToken::new(token.clone())));
    let error = expect_err(h);
    check_eq!(
        error.response_error().map(hec_proto::ResponseError::kind),
        Some(ResponseErrorKind::Unauthorized),
        "{error:?}"
    );
    check_eq!((h.token_requests(), h.task_requests()), (0, 1));
    let sent = h.mock.requests_to(TASK_PATH)[0].header("authorization").map(str::to_owned);
    check_eq!(sent, Some(format!("Bearer {token}")));
}

/// The token endpoint answers 503 once: the token request is retried, then the call succeeds.
pub fn token_endpoint_unavailable_then_success<D: Driver>(h: &mut Harness<D>) {
    completed(h);
    h.mock.fault(
        FaultRule::on_path(hec_proto::endpoint::AUTH_PATH)
            .nth(1)
            .then(Fault::status(503).html("<h1>busy</h1>")),
    );
    expect_ok(h);
    check_eq!((h.token_requests(), h.task_requests()), (2, 1));
}

// --- Many requests at once ------------------------------------------------------------------------

/// Tasks `first..first + n`, each scripted with `steps`.
fn scripted<D>(h: &Harness<D>, first: u64, n: u64, steps: &[TaskStep]) -> Vec<TaskId> {
    let ids: Vec<TaskId> = (first..first + n).map(TaskId::from).collect();
    for id in &ids {
        h.mock.script_task(id.as_str(), TaskScript::polls(steps.to_vec()));
    }
    ids
}

/// A task's events as short text: `update inprogress`, `completed` or `error <kind>`.
fn outcome_text(outcome: &Result<hec_proto::Task, Error>) -> String {
    match outcome {
        Ok(task) => task.status.as_ref().map_or("-", TaskStatus::as_str).to_owned(),
        Err(error) => format!("error {}", error.kind_name()),
    }
}

/// Every event of a many-task wait, per task (by index): updates as `update <status>`, the
/// outcome as [`outcome_text`]. Panics if a task has an event after its outcome.
fn events_per_task<D: Driver>(h: &mut Harness<D>, client: &D, ids: &[TaskId]) -> Vec<Vec<String>> {
    let mut per_task = vec![Vec::new(); ids.len()];
    let mut finished = vec![false; ids.len()];
    let mut errors = Vec::new();
    client.wait_for_tasks(ids, &mut |event| {
        let index = event.index();
        check_eq!(event.id(), &ids[index], "the event names its task");
        assert!(!finished[index], "task {index} has an event after its outcome: {event:?}");
        match event {
            WaitEvent::Update { update, .. } => per_task[index]
                .push(format!("update {}", update.task.status.as_ref().map_or("-", TaskStatus::as_str))),
            WaitEvent::Finished { outcome, .. } => {
                finished[index] = true;
                per_task[index].push(outcome_text(&outcome));
                if let Err(error) = outcome {
                    errors.push(error);
                }
            }
        }
    });
    for error in errors {
        h.seen(error);
    }
    assert!(finished.iter().all(|done| *done), "every task has an outcome: {per_task:?}");
    per_task
}

/// With `max_in_flight` 3, twelve concurrent calls and a twelve-task wait never have more than
/// three requests at the gateway at once (each answer takes 50 ms, so they would overlap), over
/// at most three connections.
pub fn in_flight_limit_is_never_exceeded<D: Driver>(h: &mut Harness<D>) {
    h.config.max_in_flight = 3;
    let ids = scripted(h, 2_000_000, 12, &[TaskStep::new("inprogress"), TaskStep::new("completed")]);
    task_fault(h, on_tasks().always(), Fault::DelayHeaders(Duration::from_millis(50)));
    let client = h.client();
    for result in client.get_tasks_concurrently(&ids) {
        let answer = result.unwrap_or_else(|e| panic!("{}", h.seen(e)));
        check_eq!(answer.task.status, Some(TaskStatus::InProgress));
    }
    check_eq!(h.mock.max_concurrent_requests(), 3);
    let per_task = events_per_task(h, &client, &ids);
    check_eq!(per_task, vec![vec!["update completed".to_owned(), "completed".to_owned()]; 12]);
    check_eq!(h.mock.max_concurrent_requests(), 3);
    check_eq!((h.token_requests(), h.task_requests()), (1, 24));
    let connections = h.mock.connections_accepted();
    assert!(
        (1..=3).contains(&connections),
        "the connections the mock accepted: expected 1 to 3 for at most 3 requests at once, got {connections}"
    );
}

/// With `max_in_flight` 2, six callers on their own threads, each quarantining one of the demo
/// campaign's messages and then reading it, on a client with no token yet, never have more than
/// two requests at the gateway at once (every answer, the token's too, takes 40 ms, so they would
/// overlap), and share one token request.
pub fn actions_entity_reads_and_token_fetches_keep_to_the_in_flight_limit<D: Driver>(h: &mut Harness<D>) {
    for path in [ACTION, ENTITY, hec_proto::endpoint::AUTH_PATH] {
        h.mock.fault(FaultRule::on_path(path).always().then(Fault::DelayHeaders(Duration::from_millis(40))));
    }
    h.config.max_in_flight = 2;
    let client = h.client();
    // Each thread reports to the scenario's tracing subscriber, so its output is checked too.
    let dispatch = tracing::dispatcher::get_default(Clone::clone);
    let outcomes: Vec<Result<(), Error>> = std::thread::scope(|scope| {
        let callers: Vec<_> = demo::CAMPAIGN_ENTITY_IDS
            .iter()
            .map(|id| {
                let (client, dispatch) = (&client, &dispatch);
                scope.spawn(move || {
                    tracing::dispatcher::with_default(dispatch, || {
                        let id: EntityId = id.parse().expect("a demo id");
                        let target = std::slice::from_ref(&id);
                        let acted =
                            client.act_on_entities(EntityAction::Quarantine, "office365_emails", target)?;
                        check_eq!(acted.len(), 1);
                        client.get_entity(&id).map(drop)
                    })
                })
            })
            .collect();
        callers.into_iter().map(|caller| caller.join().expect("a caller thread panicked")).collect()
    });
    for outcome in outcomes {
        if let Err(error) = outcome {
            panic!("a caller failed: {}", h.seen(error));
        }
    }
    check_eq!(h.mock.max_concurrent_requests(), 2, "six callers, a limit of two");
    check_eq!(h.token_requests(), 1);
    check_eq!(h.mock.requests_to(ACTION).len(), 6);
    check_eq!(h.mock.requests_to(ENTITY).len(), 6);
}

/// A 429 with `Retry-After: 1` holds every caller of the client, not only the one that got it:
/// another call made during the pause reaches the gateway only when the pause ends.
pub fn a_rate_limited_answer_pauses_every_caller<D: Driver>(h: &mut Harness<D>) {
    // The throttled call fails at once (no retry of its own), so only the pause can hold the other.
    h.config.retry = RetryPolicy::never();
    let ids = scripted(h, 3_000_000, 2, &[TaskStep::new("completed")]);
    task_fault(h, on_tasks().nth(1), Fault::status(429).header("retry-after", "1"));
    let client = h.client();
    let error = match client.get_task(&ids[0]) {
        Ok(answer) => panic!("expected the 429, got {answer:?}"),
        Err(error) => h.seen(error),
    };
    check_eq!(error.kind_name(), "rate_limited");
    let dispatch = tracing::dispatcher::get_default(Clone::clone);
    let other = std::thread::scope(|scope| {
        let other = scope.spawn(|| tracing::dispatcher::with_default(&dispatch, || client.get_task(&ids[1])));
        std::thread::sleep(Duration::from_millis(300));
        check_eq!(h.task_requests(), 1, "another caller sent a request during the pause");
        other.join().expect("the other caller's thread")
    });
    let answer = other.unwrap_or_else(|e| panic!("{}", h.seen(e)));
    check_eq!(answer.task.status, Some(TaskStatus::Completed));
    check_eq!(h.task_requests(), 2);
}

/// A many-task wait reports each task's outcome exactly once, after its updates, whatever the
/// ending: completed, failed, stopped, an API error, the wait's timeout.
pub fn many_task_wait_reports_each_outcome_once<D: Driver>(h: &mut Harness<D>) {
    h.config.wait = h.config.wait.clone().with_timeout(Duration::from_millis(300));
    let ids: Vec<TaskId> = (4_000_000..4_000_005).map(TaskId::from).collect();
    let script = |steps: Vec<TaskStep>| TaskScript::polls(steps);
    h.mock
        .script_task(ids[0].as_str(), script(vec![TaskStep::new("inprogress"), TaskStep::new("completed")]));
    h.mock.script_task(ids[1].as_str(), script(vec![TaskStep::new("failed")]));
    h.mock.script_task(ids[2].as_str(), script(vec![TaskStep::new("init"), TaskStep::new("stopped")]));
    // ids[3] has no script: the gateway answers "Task not found" (422 inside HTTP 200).
    h.mock.script_task(ids[4].as_str(), script(vec![TaskStep::new("inprogress")]));
    let client = h.client();
    let per_task = events_per_task(h, &client, &ids);
    let text = |lines: &[&str]| lines.iter().map(|line| (*line).to_owned()).collect::<Vec<_>>();
    check_eq!(per_task[0], text(&["update inprogress", "update completed", "completed"]));
    check_eq!(per_task[1], text(&["update failed", "failed"]));
    check_eq!(per_task[2], text(&["update init", "update stopped", "stopped"]));
    check_eq!(per_task[3], text(&["error task_not_found"]));
    check_eq!(per_task[4], text(&["update inprogress", "error wait_timeout"]));
    let polls = |id: &TaskId| h.mock.requests_to(&format!("{TASK_PATH}{id}")).len();
    check_eq!(ids[..4].iter().map(polls).collect::<Vec<_>>(), [2, 1, 2, 1]);
    assert!(polls(&ids[4]) >= 2, "the task that never finishes was polled until the timeout");
    check_eq!(h.token_requests(), 1);
}

/// Refused credentials end every task of a many-task wait at once, after one token request.
pub fn many_task_wait_ends_every_task_on_refused_credentials<D: Driver>(h: &mut Harness<D>) {
    let wrong = hec_proto::Credentials::new(h.mock.client_id(), format!("{}-wrong", h.mock.access_key()));
    h.config.auth = Some(hec_proto::policy::TokenSource::Credentials(wrong));
    let ids = scripted(h, 5_000_000, 3, &[TaskStep::new("completed")]);
    let client = h.client();
    let per_task = events_per_task(h, &client, &ids);
    check_eq!(per_task, vec![vec!["error bad_credentials".to_owned()]; 3]);
    check_eq!((h.token_requests(), h.task_requests()), (1, 0));
}
