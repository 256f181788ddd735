//! The demo tasks that let scripts see every ending of `hec task wait`, installed by
//! `MockGateway::demo()` and `MockBuilder::demo()`.

use crate::support;

use crate::support::{poll, task_status, token};
use hec_fixtures::mock::{DEMO_TASK_ID, MockGateway, demo};

/// The status (or HTTP status, for an answer that is not a task) of `polls` polls of `id`.
fn statuses(mock: &MockGateway, id: &str, polls: usize) -> Vec<String> {
    let token = token(mock);
    (0..polls)
        .map(|_| {
            let reply = poll(mock, &token, id).unwrap();
            if reply.status == 200 { task_status(&reply) } else { reply.status.to_string() }
        })
        .collect()
}

#[test]
fn the_demo_task_ids_are_the_documented_ones() {
    assert_eq!(
        [
            demo::TASK_COMPLETES,
            demo::TASK_FAILS,
            demo::TASK_STOPS,
            demo::TASK_PAUSES_THEN_COMPLETES,
            demo::TASK_NEVER_ENDS,
            demo::TASK_RATE_LIMITED_ONCE,
            demo::TASK_UNAVAILABLE,
        ],
        [
            "1767225600000042",
            "1767225600000043",
            "1767225600000044",
            "1767225600000045",
            "1767225600000046",
            "1767225600000047",
            "1767225600000048",
        ]
    );
    assert_eq!(DEMO_TASK_ID, demo::TASK_COMPLETES);
    let ids: Vec<&str> = demo::demo_tasks().into_iter().map(|(id, _)| id).collect();
    assert_eq!(ids.len(), 7);
    assert_eq!(ids[0], demo::TASK_COMPLETES);
    assert_eq!(ids[6], demo::TASK_UNAVAILABLE);
}

#[test]
fn task_43_ends_failed() {
    let mock = MockGateway::demo();
    assert_eq!(statuses(&mock, demo::TASK_FAILS, 4), ["init", "inprogress", "failed", "failed"]);
}

#[test]
fn task_44_ends_stopped() {
    let mock = MockGateway::demo();
    assert_eq!(statuses(&mock, demo::TASK_STOPS, 4), ["init", "inprogress", "stopped", "stopped"]);
}

#[test]
fn task_45_is_paused_for_a_while_then_completes() {
    let mock = MockGateway::demo();
    assert_eq!(
        statuses(&mock, demo::TASK_PAUSES_THEN_COMPLETES, 6),
        ["init", "paused", "paused", "paused", "completed", "completed"]
    );
}

#[test]
fn task_46_stays_in_progress() {
    let mock = MockGateway::demo();
    assert_eq!(
        statuses(&mock, demo::TASK_NEVER_ENDS, 6),
        ["init", "inprogress", "inprogress", "inprogress", "inprogress", "inprogress"]
    );
}

#[test]
fn task_47_answers_429_with_retry_after_once_then_completes() {
    let mock = MockGateway::demo();
    let token = token(&mock);
    let first = poll(&mock, &token, demo::TASK_RATE_LIMITED_ONCE).unwrap();
    assert_eq!(first.status, 429);
    assert_eq!(first.header("retry-after"), Some("1"));
    assert_eq!(first.json(), serde_json::json!({"message": "Too many requests"}));
    assert_eq!(statuses(&mock, demo::TASK_RATE_LIMITED_ONCE, 2), ["completed", "completed"]);
}

#[test]
fn task_48_answers_503_every_time() {
    let mock = MockGateway::demo();
    assert_eq!(statuses(&mock, demo::TASK_UNAVAILABLE, 3), ["503", "503", "503"]);
}

#[test]
fn task_42_starts_at_init() {
    let mock = MockGateway::demo();
    assert_eq!(statuses(&mock, demo::TASK_COMPLETES, 1), ["init"]);
}

#[test]
fn the_builder_installs_the_same_demo_tasks() {
    let mock = MockGateway::builder().demo().record_requests(false).start();
    assert_eq!(statuses(&mock, demo::TASK_FAILS, 3), ["init", "inprogress", "failed"]);
    assert_eq!(statuses(&mock, demo::TASK_UNAVAILABLE, 1), ["503"]);
    assert!(mock.requests().is_empty());
}

#[test]
fn a_plain_mock_has_the_tenant_but_not_the_demo_tasks() {
    let mock = MockGateway::start();
    let token = token(&mock);
    let json = poll(&mock, &token, demo::TASK_FAILS).unwrap().json();
    assert_eq!(json["responseEnvelope"]["responseCode"], 422);
    let scopes = support::api_get(&mock, &token, "/scopes");
    assert_eq!(support::data(&scopes), [serde_json::json!(demo::SCOPE)]);
}
