//! Faults and the request log on every endpoint of the demo tenant, and the log's bounds.

use crate::support;

use crate::support::{API, agent, api_get, api_post, data, poll, read, token};
use hec_fixtures::mock::{Fault, FaultRule, MockGateway, demo};
use serde_json::{Value, json};

/// One request to every tenant endpoint: method, path under [`API`], body.
fn every_endpoint() -> Vec<(&'static str, String, Value)> {
    let entity = demo::campaign_entity_ids()[0];
    let event = demo::event_ids()[0];
    vec![
        ("GET", "/scopes".to_owned(), Value::Null),
        (
            "POST",
            "/search/query".to_owned(),
            json!({"requestData": {"entityFilter": {"saas": "office365_emails", "startDate": "2020-01-01T00:00:00Z"}}}),
        ),
        ("GET", format!("/search/entity/{entity}"), Value::Null),
        (
            "POST",
            "/action/entity".to_owned(),
            json!({"requestData": {"entityIds": [entity], "entityActionName": "quarantine"}}),
        ),
        ("POST", "/event/query".to_owned(), json!({"requestData": {"startDate": "2020-01-01T00:00:00Z"}})),
        ("GET", format!("/event/{event}"), Value::Null),
        (
            "POST",
            "/action/event".to_owned(),
            json!({"requestData": {"eventIds": [event], "eventActionName": "dismiss"}}),
        ),
    ]
}

fn send(mock: &MockGateway, token: &str, method: &str, path: &str, body: &Value) -> support::Reply {
    if method == "GET" { api_get(mock, token, path) } else { api_post(mock, token, path, body) }
}

#[test]
fn a_status_fault_answers_instead_of_every_endpoint_and_the_request_is_recorded() {
    let mock = MockGateway::start();
    let token = token(&mock);
    for (method, path, body) in every_endpoint() {
        mock.clear_requests();
        let full = format!("{API}{path}");
        mock.fault(FaultRule::on_path(full.clone()).then(Fault::status(503).json(r#"{"message": "down"}"#)));
        let reply = send(&mock, &token, method, &path, &body);
        assert_eq!(reply.status, 503, "{method} {path}");
        assert_eq!(reply.json(), json!({"message": "down"}), "{method} {path}");
        let seen = mock.requests();
        assert_eq!(seen.len(), 1, "{method} {path}");
        assert_eq!((seen[0].method.as_str(), seen[0].path.as_str()), (method, full.as_str()));
        let expected_body = if body.is_null() { Vec::new() } else { body.to_string().into_bytes() };
        assert_eq!(seen[0].body, expected_body, "{method} {path}");
        assert_eq!(
            send(&mock, &token, method, &path, &body).status,
            200,
            "{method} {path}: the fault fired once"
        );
    }
}

#[test]
fn a_closed_connection_fault_works_on_every_endpoint() {
    let mock = MockGateway::start();
    let token = token(&mock);
    for (method, path, body) in every_endpoint() {
        mock.fault(FaultRule::on_path(format!("{API}{path}")).then(Fault::CloseConnection));
        let url = format!("{}{API}{path}", mock.base_url());
        let request = http::Request::builder()
            .method(method)
            .uri(url)
            .header("authorization", format!("Bearer {token}"))
            .header("x-av-req-id", uuid::Uuid::new_v4().to_string())
            .header("content-type", "application/json");
        let body = if body.is_null() { String::new() } else { body.to_string() };
        assert!(agent().run(request.body(body).unwrap()).is_err(), "{method} {path}");
    }
}

#[test]
fn an_action_answered_by_a_fault_makes_no_task() {
    let mock = MockGateway::start();
    let token = token(&mock);
    mock.fault(FaultRule::on_path(format!("{API}/action/entity")).then(Fault::status(500)));
    let body = json!({"requestData": {"entityIds": [demo::campaign_entity_ids()[0]], "entityActionName": "quarantine"}});
    assert_eq!(api_post(&mock, &token, "/action/entity", &body).status, 500);
    assert_eq!(
        data(&api_post(&mock, &token, "/action/entity", &body))[0]["taskId"],
        demo::FIRST_ACTION_TASK_ID
    );
}

#[test]
fn a_faulted_poll_of_an_action_task_does_not_advance_it() {
    let mock = MockGateway::start();
    let token = token(&mock);
    let body = json!({"requestData": {"entityIds": [demo::campaign_entity_ids()[0]], "entityActionName": "quarantine"}});
    api_post(&mock, &token, "/action/entity", &body);
    let task_path = format!("{API}/task/{}", demo::FIRST_ACTION_TASK_ID);
    mock.fault(FaultRule::on_path(task_path).times(2).then(Fault::status(503)));
    let status = |reply: support::Reply| {
        if reply.status == 200 { support::task_status(&reply) } else { reply.status.to_string() }
    };
    let seen: Vec<String> =
        (0..5).map(|_| status(poll(&mock, &token, demo::FIRST_ACTION_TASK_ID).unwrap())).collect();
    assert_eq!(seen, ["503", "503", "init", "inprogress", "completed"]);
}

#[test]
fn the_request_cap_keeps_the_most_recent_requests_and_counts_the_rest() {
    let mock = MockGateway::builder().max_recorded_requests(3).start();
    let token = token(&mock);
    for (method, path, body) in every_endpoint() {
        send(&mock, &token, method, &path, &body);
    }
    let paths: Vec<String> = mock.requests().into_iter().map(|request| request.path).collect();
    let event = demo::event_ids()[0];
    assert_eq!(
        paths,
        [format!("{API}/event/query"), format!("{API}/event/{event}"), format!("{API}/action/event"),]
    );
    assert_eq!(mock.requests_dropped(), 5, "the token request and four API requests");
    mock.clear_requests();
    assert_eq!((mock.requests().len(), mock.requests_dropped()), (0, 0));
}

#[test]
fn the_body_budget_holds_and_cuts_a_body_longer_than_itself() {
    let mock = MockGateway::builder().max_recorded_body_bytes(100).start();
    let token = token(&mock); // a body of about 70 bytes
    let long = json!({"requestData": {"startDate": "2020-01-01T00:00:00Z", "description": "x".repeat(200)}});
    api_post(&mock, &token, "/event/query", &long);
    let seen = mock.requests();
    assert_eq!(seen.len(), 1, "the token request made room");
    assert_eq!(seen[0].body, long.to_string().as_bytes()[..100]);
    assert!(seen[0].body_truncated);
    assert_eq!(mock.requests_dropped(), 1);
    let total: usize = seen.iter().map(|request| request.body.len()).sum();
    assert!(total <= 100);
}

#[test]
fn a_mock_started_with_recording_off_records_nothing() {
    let mock = MockGateway::builder().demo().record_requests(false).start();
    assert!(!mock.is_recording());
    let token = token(&mock);
    for (method, path, body) in every_endpoint() {
        assert_eq!(send(&mock, &token, method, &path, &body).status, 200, "{method} {path}");
    }
    poll(&mock, &token, demo::TASK_COMPLETES).unwrap();
    read(agent().get(format!("{}/nowhere", mock.base_url())).call().unwrap()).unwrap();
    assert!(mock.requests().is_empty());
    assert!(mock.requests_to("/").is_empty());
    assert_eq!(mock.requests_dropped(), 0);
    assert_eq!(mock.tokens_issued(), 1, "the mock served all the same");
}

#[test]
fn every_endpoint_echoes_the_request_id_in_success_and_in_logical_failure() {
    let mock = MockGateway::start();
    let token = token(&mock);
    let garbage = json!({"requestData": {}});
    for (method, path, body) in every_endpoint() {
        for body in [body.clone(), garbage.clone()] {
            let request_id = uuid::Uuid::new_v4().to_string();
            let request = http::Request::builder()
                .method(method)
                .uri(format!("{}{API}{path}", mock.base_url()))
                .header("authorization", format!("Bearer {token}"))
                .header("x-av-req-id", &request_id)
                .header("content-type", "application/json");
            let body = if method == "GET" { String::new() } else { body.to_string() };
            let reply = read(agent().run(request.body(body).unwrap()).unwrap()).unwrap();
            assert_eq!(reply.status, 200, "{method} {path}");
            assert_eq!(reply.json()["responseEnvelope"]["requestId"], request_id.as_str(), "{method} {path}");
        }
    }
}
