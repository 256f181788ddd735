//! The batch scenarios of the matrix, one function each: an action on many ids goes out in
//! batches of at most [`MAX_ACTION_IDS`], a failed batch stops the later ones, no ids send
//! nothing, and an event action sends its ids in one body. (Whether a batch is sent only when its
//! answer is asked for needs the driver's own iterator or stream: each driver checks that in its
//! own tests.)
//!
//! The mock answers with canned bodies ([`super::canned`]); each scenario asserts the answers,
//! the error and the exact bodies the mock saw. Re-exported from [`super::actions`], whose list
//! ([`super::ACTION_SCENARIOS`]) names them.

use hec_proto::endpoint::MAX_ACTION_IDS;
use hec_proto::{ActionResponse, EntityAction, EntityId, Error, EventAction, EventId};
use serde_json::json;

use super::actions::{ACTION_PATH as ACTION, EVENT_ACTION_PATH as EVENT_ACTION};
use super::canned::{answer, bodies, serve_always};
use super::{Driver, Harness};
use crate::mock::{Fault, FaultRule};

/// An entity action's answer with one task, for `e000` (what the batch scenarios serve for
/// every batch; a driver's own batch tests can serve it too).
pub const ONE_TASK_ANSWER: &str = r#"{"responseEnvelope": {"responseCode": 200},
    "responseData": [{"entityId": "e000", "taskId": "1767225600001000"}]}"#;

/// `count` made-up entity ids, `e000` upwards (to act on more ids than one batch holds).
pub fn entity_ids(count: usize) -> Vec<EntityId> {
    (0..count).map(|n| format!("e{n:03}").parse().expect("a valid id")).collect()
}

/// The answers of an action that was expected to succeed.
fn answers_of<D>(h: &mut Harness<D>, result: Result<Vec<ActionResponse>, Error>) -> Vec<ActionResponse> {
    result.unwrap_or_else(|error| panic!("expected the action's answers, got: {}", h.seen(error)))
}

/// 250 ids are sent as three batches, of 100, 100 and 50 ids, in order, each with the action and
/// the entity type, and each answered.
pub fn an_action_on_250_ids_is_sent_as_100_100_and_50<D: Driver>(h: &mut Harness<D>) {
    serve_always(&h.mock, ACTION, ONE_TASK_ANSWER.to_owned());
    let ids = entity_ids(250);
    let result = h.client().act_on_entities(EntityAction::Quarantine, "office365_emails", &ids);
    check_eq!(answers_of(h, result).len(), 3);
    let sent: Vec<Vec<String>> = bodies(&h.mock, ACTION)
        .iter()
        .map(|body| {
            check_eq!(body["requestData"]["entityActionName"], "quarantine");
            check_eq!(body["requestData"]["entityType"], "office365_emails_email");
            let ids = body["requestData"]["entityIds"].as_array().expect("a list of ids");
            ids.iter().map(|id| id.as_str().expect("a string id").to_owned()).collect()
        })
        .collect();
    check_eq!(sent.iter().map(Vec::len).collect::<Vec<_>>(), [MAX_ACTION_IDS, MAX_ACTION_IDS, 50]);
    check_eq!(sent.concat(), ids.iter().map(|id| id.to_string()).collect::<Vec<_>>());
}

/// The first of two batches is answered 503: it is sent once, the error says it may have run,
/// and the second batch is never sent.
pub fn a_first_batch_answered_503_stops_the_later_batches<D: Driver>(h: &mut Harness<D>) {
    h.mock.fault(FaultRule::on_path(ACTION).always().then(Fault::status(503).html("<h1>busy</h1>")));
    let result = h.client().act_on_entities(EntityAction::Quarantine, "office365_emails", &entity_ids(150));
    let error = match result {
        Ok(answers) => panic!("expected the maybe-ran error, got {answers:?}"),
        Err(error) => h.seen(error),
    };
    match &error {
        Error::ActionOutcomeUnknown { last } => check_eq!(last.kind_name(), "server_error"),
        other => panic!("expected the maybe-ran error, got {other:?}"),
    }
    assert!(
        error.to_string().starts_with("the action may or may not have run (server error (HTTP 503"),
        "the error: expected \"the action may or may not have run (server error (HTTP 503...\", got {error}"
    );
    check_eq!(h.mock.requests_to(ACTION).len(), 1, "later batches are not sent");
}

/// An action on no ids has no batch: nothing is sent, not even a token request.
pub fn no_ids_send_nothing<D: Driver>(h: &mut Harness<D>) {
    h.sends_nothing();
    let client = h.client();
    let entities = client.act_on_entities(EntityAction::Quarantine, "office365_emails", &[]);
    check_eq!(entities.map(|answers| answers.len()), Ok(0));
    let events = client.act_on_events(EventAction::Dismiss, &[]);
    check_eq!(events.map(|answers| answers.len()), Ok(0));
    check_eq!(h.mock.requests().len(), 0, "the requests the mock saw for no ids");
}

/// Two security events are dismissed in one request, whose answer names the task.
pub fn events_are_dismissed_in_one_request<D: Driver>(h: &mut Harness<D>) {
    serve_always(
        &h.mock,
        EVENT_ACTION,
        answer(json!([{"eventId": "v1", "taskId": "9"}, {"eventId": "v2", "taskId": "9"}]), None),
    );
    let ids: Vec<EventId> = ["v1", "v2"].map(|id| id.parse().expect("a valid event id")).to_vec();
    let result = h.client().act_on_events(EventAction::Dismiss, &ids);
    let answers = answers_of(h, result);
    check_eq!(answers.len(), 1);
    check_eq!(answers[0].task_ids(), ["9".parse().expect("a task id")]);
    check_eq!(
        bodies(&h.mock, EVENT_ACTION),
        [json!({"requestData": {"eventIds": ["v1", "v2"], "eventActionName": "dismiss"}})]
    );
}
