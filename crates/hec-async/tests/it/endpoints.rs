//! Scopes, search, entities, events and actions through the async client, against the mock
//! gateway serving canned answers: paging, batching and the action retry rule, request by request.

use std::time::{Duration, SystemTime};

use futures_util::StreamExt;
use hec_async::{
    Client, Entity, EntityAction, EntityId, EntityQuery, Error, EventAction, EventId, EventQuery,
    MAX_ACTION_IDS,
};
use hec_fixtures::matrix::test_config;
use hec_fixtures::mock::{Fault, FaultRule, MockGateway};
use hec_proto::{ResponseErrorKind, TransportErrorKind};
use serde_json::{Value, json};

const SEARCH: &str = "/app/hec-api/v1.0/search/query";
const ENTITY: &str = "/app/hec-api/v1.0/search/entity/";
const ACTION: &str = "/app/hec-api/v1.0/action/entity";
const EVENTS: &str = "/app/hec-api/v1.0/event/query";
const EVENT: &str = "/app/hec-api/v1.0/event/";
const EVENT_ACTION: &str = "/app/hec-api/v1.0/action/event";

fn client(mock: &MockGateway) -> Client {
    Client::from_config(test_config(mock)).expect("a client")
}

/// An answer holding `data`, with `scrollId` `cursor` (left out for `None`).
fn answer(data: Value, cursor: Option<&str>) -> String {
    let mut envelope = json!({"requestId": "7f0c9a1e-2b3d-4c5e-8f6a-0b1c2d3e4f5a", "responseCode": 200});
    if let Some(cursor) = cursor {
        envelope["scrollId"] = json!(cursor);
    }
    json!({"responseEnvelope": envelope, "responseData": data}).to_string()
}

fn entities(ids: &[&str]) -> Value {
    Value::Array(ids.iter().map(|id| json!({"entityInfo": {"entityId": id}, "entityPayload": {}})).collect())
}

/// The mock answers the `n`-th request to `path` (counted from now) with 200 and `body`.
fn serve_nth(mock: &MockGateway, path: &str, n: usize, body: String) {
    mock.fault(FaultRule::on_path(path).nth(n).then(Fault::status(200).json(body)));
}

/// The mock answers every request to `path` with 200 and `body`.
fn serve_always(mock: &MockGateway, path: &str, body: String) {
    mock.fault(FaultRule::on_path(path).always().then(Fault::status(200).json(body)));
}

/// The JSON bodies of the requests sent to `path`, in order.
fn bodies(mock: &MockGateway, path: &str) -> Vec<Value> {
    mock.requests_to(path)
        .iter()
        .map(|request| serde_json::from_slice(&request.body).expect("a JSON body"))
        .collect()
}

fn query() -> EntityQuery {
    EntityQuery::new("office365_emails", SystemTime::UNIX_EPOCH + Duration::from_secs(1_767_225_600))
        .from_is("payroll@evil.example")
}

fn entity_ids(count: usize) -> Vec<EntityId> {
    (0..count).map(|n| format!("e{n:03}").parse().expect("a valid id")).collect()
}

fn ids_of(items: Vec<Result<Entity, Error>>) -> Vec<String> {
    items.into_iter().map(|entity| entity.expect("an entity").entity_id.expect("an id").to_string()).collect()
}

#[tokio::test(flavor = "current_thread")]
async fn scopes_are_the_answers_list() {
    let mock = MockGateway::start();
    serve_always(&mock, "/app/hec-api/v1.0/scopes", answer(json!(["farm-1:customer-1"]), Some("")));
    assert_eq!(client(&mock).scopes().await, Ok(vec!["farm-1:customer-1".to_owned()]));
    let sent = mock.requests_to("/app/hec-api/v1.0/scopes");
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].method, "GET");
}

#[tokio::test(flavor = "current_thread")]
async fn a_search_reads_three_pages_lazily_sending_each_cursor_back() {
    let mock = MockGateway::start();
    serve_nth(&mock, SEARCH, 1, answer(entities(&["a1", "a2"]), Some("c1")));
    serve_nth(&mock, SEARCH, 2, answer(entities(&["b1", "b2"]), Some("c2")));
    serve_nth(&mock, SEARCH, 3, answer(entities(&["c1"]), Some("")));
    let mut search = client(&mock).search_entities(query());
    assert!(mock.requests_to(SEARCH).is_empty(), "nothing is sent before the first poll");
    let first = search.next().await.expect("an item").expect("an entity");
    assert_eq!(first.entity_id, Some("a1".parse().unwrap()));
    assert_eq!(mock.requests_to(SEARCH).len(), 1, "one page at a time");
    assert_eq!(ids_of(search.collect().await), ["a2", "b1", "b2", "c1"]);
    let cursors: Vec<Option<String>> = bodies(&mock, SEARCH)
        .iter()
        .map(|body| body["requestData"].get("scrollId").and_then(Value::as_str).map(str::to_owned))
        .collect();
    assert_eq!(cursors, [None, Some("c1".to_owned()), Some("c2".to_owned())]);
}

#[tokio::test(flavor = "current_thread")]
async fn a_failed_page_is_the_last_item() {
    let mock = MockGateway::start();
    serve_nth(&mock, SEARCH, 1, answer(entities(&["a1"]), Some("c1")));
    mock.fault(FaultRule::on_path(SEARCH).nth(2).then(Fault::status(400).json(r#"{"message":"bad"}"#)));
    let items: Vec<Result<Entity, Error>> = client(&mock).search_entities(query()).collect().await;
    assert_eq!(items.len(), 2);
    assert!(items[0].is_ok());
    assert_eq!(items[1].as_ref().unwrap_err().kind_name(), "http_status");
    assert_eq!(mock.requests_to(SEARCH).len(), 2);
}

#[tokio::test(flavor = "current_thread")]
async fn get_entity_reads_the_entity_and_an_empty_list_is_not_found() {
    let mock = MockGateway::start();
    serve_nth(&mock, ENTITY, 1, answer(entities(&["a1"]), Some("")));
    serve_nth(&mock, ENTITY, 2, answer(json!([]), Some("")));
    let client = client(&mock);
    let id: EntityId = "a1".parse().unwrap();
    assert_eq!(client.get_entity(&id).await.unwrap().entity_id, Some(id.clone()));
    let missing = client.get_entity(&id).await.unwrap_err();
    assert_eq!(
        missing.response_error().map(|e| (e.kind(), e.status().as_u16())),
        Some((ResponseErrorKind::NotFound, 200))
    );
}

#[tokio::test(flavor = "current_thread")]
async fn an_action_on_250_ids_is_sent_lazily_as_100_100_and_50() {
    let mock = MockGateway::start();
    serve_always(
        &mock,
        ACTION,
        answer(json!([{"entityId": "e000", "taskId": "1767225600001000"}]), Some("")),
    );
    let ids = entity_ids(250);
    let batches = client(&mock).act_on_entities(EntityAction::Quarantine, "office365_emails", &ids);
    assert!(mock.requests_to(ACTION).is_empty(), "nothing is sent before the first poll");
    let answers: Vec<_> = batches.collect().await;
    assert_eq!(answers.iter().filter(|answer| answer.is_ok()).count(), 3);
    let sent: Vec<Vec<String>> = bodies(&mock, ACTION)
        .iter()
        .map(|body| {
            let ids = body["requestData"]["entityIds"].as_array().expect("a list of ids");
            ids.iter().map(|id| id.as_str().expect("a string id").to_owned()).collect()
        })
        .collect();
    assert_eq!(sent.iter().map(Vec::len).collect::<Vec<_>>(), [MAX_ACTION_IDS, MAX_ACTION_IDS, 50]);
    assert_eq!(sent.concat(), ids.iter().map(|id| id.to_string()).collect::<Vec<_>>());
}

#[tokio::test(flavor = "current_thread")]
async fn an_action_answered_503_is_sent_once_and_may_have_run() {
    let mock = MockGateway::start();
    mock.fault(FaultRule::on_path(ACTION).always().then(Fault::status(503).html("<h1>busy</h1>")));
    let answers: Vec<_> = client(&mock)
        .act_on_entities(EntityAction::Quarantine, "office365_emails", &entity_ids(150))
        .collect()
        .await;
    assert_eq!(answers.len(), 1, "later batches are not sent");
    match &answers[0] {
        Err(Error::ActionOutcomeUnknown { last }) => assert_eq!(last.kind_name(), "server_error"),
        other => panic!("expected the maybe-ran error, got {other:?}"),
    }
    assert_eq!(mock.requests_to(ACTION).len(), 1);
}

#[tokio::test(flavor = "current_thread")]
async fn an_action_whose_connection_drops_after_sending_is_not_resent() {
    let mock = MockGateway::start();
    mock.fault(FaultRule::on_path(ACTION).always().then(Fault::CloseConnection));
    let answers: Vec<_> =
        client(&mock).act_on_entities(EntityAction::Restore, "google_mail", &entity_ids(1)).collect().await;
    let error = answers[0].as_ref().unwrap_err();
    assert!(matches!(error, Error::ActionOutcomeUnknown { .. }), "{error:?}");
    assert_eq!(error.transport_error().map(|e| e.kind()), Some(TransportErrorKind::Interrupted));
    assert_eq!(mock.requests_to(ACTION).len(), 1);
}

#[tokio::test(flavor = "current_thread")]
async fn an_action_answered_429_is_retried_with_the_same_body() {
    let mock = MockGateway::start();
    mock.fault(FaultRule::on_path(ACTION).then(Fault::status(429).header("retry-after", "0")));
    serve_always(
        &mock,
        ACTION,
        answer(json!([{"entityId": "e000", "taskId": "1767225600001000"}]), Some("")),
    );
    let answers: Vec<_> = client(&mock)
        .act_on_entities(EntityAction::Quarantine, "office365_emails", &entity_ids(1))
        .collect()
        .await;
    assert_eq!(answers.len(), 1);
    let answer = answers[0].as_ref().expect("the retry succeeds");
    assert_eq!(answer.task_ids(), ["1767225600001000".parse().unwrap()]);
    let bodies = bodies(&mock, ACTION);
    assert_eq!(bodies.len(), 2);
    assert_eq!(bodies[0], bodies[1]);
}

#[tokio::test(flavor = "current_thread")]
async fn an_action_refused_with_401_refreshes_the_token_once() {
    let mock = MockGateway::start();
    mock.fault(
        FaultRule::on_path(ACTION).then(Fault::status(401).json(r#"{"message":"Authentication required"}"#)),
    );
    serve_always(&mock, ACTION, answer(json!([{"entityId": "e000", "taskId": "7"}]), None));
    let answers: Vec<_> = client(&mock)
        .act_on_entities(EntityAction::Quarantine, "office365_emails", &entity_ids(1))
        .collect()
        .await;
    assert!(answers[0].is_ok(), "{answers:?}");
    assert_eq!(mock.requests_to(ACTION).len(), 2);
    assert_eq!(mock.tokens_issued(), 2);
}

#[tokio::test(flavor = "current_thread")]
async fn no_ids_send_nothing() {
    let mock = MockGateway::start();
    let client = client(&mock);
    assert_eq!(client.act_on_entities(EntityAction::Quarantine, "office365_emails", &[]).count().await, 0);
    assert_eq!(client.act_on_events(EventAction::Dismiss, &[]).count().await, 0);
    assert!(mock.requests().is_empty());
}

#[tokio::test(flavor = "current_thread")]
async fn events_are_searched_fetched_and_dismissed() {
    let mock = MockGateway::start();
    let events =
        json!([{"eventId": "v1", "severity": "5", "type": "phishing"}, {"eventId": "v2", "severity": 2}]);
    serve_nth(&mock, EVENTS, 1, answer(events.clone(), None));
    serve_always(&mock, EVENT, answer(json!([events[0].clone()]), Some("")));
    serve_always(
        &mock,
        EVENT_ACTION,
        answer(json!([{"eventId": "v1", "taskId": "9"}, {"eventId": "v2", "taskId": "9"}]), None),
    );
    let client = client(&mock);
    let found: Vec<_> =
        client.search_events(EventQuery::new(SystemTime::UNIX_EPOCH).severity(5)).collect().await;
    let found: Vec<(String, Option<u8>)> = found
        .into_iter()
        .map(|event| event.map(|e| (e.event_id.unwrap().to_string(), e.severity)))
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(found, [("v1".to_owned(), Some(5)), ("v2".to_owned(), Some(2))]);
    let id: EventId = "v1".parse().unwrap();
    assert_eq!(client.get_event(&id).await.unwrap().event_type.as_deref(), Some("phishing"));
    let ids: Vec<EventId> = vec![id, "v2".parse().unwrap()];
    let answers: Vec<_> = client.act_on_events(EventAction::Dismiss, &ids).collect().await;
    assert_eq!(answers.len(), 1);
    assert_eq!(answers[0].as_ref().unwrap().task_ids(), ["9".parse().unwrap()]);
    assert_eq!(
        bodies(&mock, EVENT_ACTION),
        [json!({"requestData": {"eventIds": ["v1", "v2"], "eventActionName": "dismiss"}})]
    );
}

#[test]
fn the_streams_are_send_and_unpin() {
    fn send_unpin<T: Send + Unpin>(_: &T) {}
    let mock = MockGateway::start();
    let client = client(&mock);
    send_unpin(&client.search_entities(query()));
    send_unpin(&client.search_events(EventQuery::new(SystemTime::UNIX_EPOCH)));
    send_unpin(&client.act_on_entities(EntityAction::Quarantine, "office365_emails", &entity_ids(1)));
    send_unpin(&client.act_on_events(EventAction::Dismiss, &[]));
}

#[tokio::test(flavor = "current_thread")]
async fn actions_entity_reads_and_token_fetches_keep_to_the_in_flight_limit() {
    let mock = MockGateway::start();
    for path in [ACTION, ENTITY, hec_proto::endpoint::AUTH_PATH] {
        mock.fault(FaultRule::on_path(path).always().then(Fault::DelayHeaders(Duration::from_millis(40))));
    }
    let mut config = test_config(&mock);
    config.max_in_flight = 2;
    let client = Client::from_config(config).expect("a client");
    let calls = hec_fixtures::mock::demo::CAMPAIGN_ENTITY_IDS.map(|id| {
        let client = &client;
        async move {
            let id: EntityId = id.parse().expect("a demo id");
            let acted: Vec<_> = client
                .act_on_entities(EntityAction::Quarantine, "office365_emails", std::slice::from_ref(&id))
                .collect()
                .await;
            assert_eq!(acted.len(), 1);
            acted.into_iter().next().expect("one answer").expect("the action's answer");
            client.get_entity(&id).await.expect("the entity");
        }
    });
    futures_util::future::join_all(calls).await;
    assert_eq!(mock.max_concurrent_requests(), 2, "six callers, a limit of two");
    assert_eq!(mock.requests_to(hec_proto::endpoint::AUTH_PATH).len(), 1);
    assert_eq!(mock.requests_to(ACTION).len(), 6);
    assert_eq!(mock.requests_to(ENTITY).len(), 6);
}
