//! The mock's request log: what tests assert the traffic on.

use crate::support;

use crate::support::{TASK_PATH, agent, credentials, poll, post_auth, token};
use hec_fixtures::mock::{Fault, FaultRule, MockGateway, TaskScript, TaskStep};

#[test]
fn records_method_path_headers_and_body() {
    let mock = MockGateway::start();
    let body = credentials(mock.client_id(), mock.access_key());
    post_auth(&agent(), &mock, &body).unwrap();
    let seen = mock.requests();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].method, http::Method::POST);
    assert_eq!(seen[0].path, "/auth/external");
    assert_eq!(seen[0].header("content-type"), Some("application/json"));
    assert_eq!(seen[0].headers["content-type"], "application/json");
    assert_eq!(seen[0].body, body.as_bytes());
}

#[test]
fn records_the_query_with_the_path() {
    let mock = MockGateway::start();
    let url = format!("{}{TASK_PATH}7?scope=farm:customer", mock.base_url());
    agent().get(url).call().unwrap();
    assert_eq!(mock.requests()[0].path, "/app/hec-api/v1.0/task/7?scope=farm:customer");
}

#[test]
fn records_requests_in_arrival_order() {
    let mock = MockGateway::start();
    mock.script_task("7", TaskScript::polls([TaskStep::new("init")]));
    let token = token(&mock);
    poll(&mock, &token, "7").unwrap();
    poll(&mock, &token, "8").unwrap();
    let paths: Vec<String> = mock.requests().into_iter().map(|request| request.path).collect();
    assert_eq!(paths, ["/auth/external", "/app/hec-api/v1.0/task/7", "/app/hec-api/v1.0/task/8"]);
}

#[test]
fn records_faulted_requests_too() {
    let mock = MockGateway::start();
    mock.fault(FaultRule::on_path("/auth/external").then(Fault::CloseConnection));
    mock.fault(FaultRule::on_path(TASK_PATH).then(Fault::status(503)));
    let body = credentials(mock.client_id(), mock.access_key());
    assert!(post_auth(&agent(), &mock, &body).is_err());
    assert_eq!(poll(&mock, "no-token", "7").unwrap().status, 503);
    let seen = mock.requests();
    assert_eq!(seen.len(), 2);
    assert_eq!(seen[0].path, "/auth/external");
    assert_eq!(seen[0].body, body.as_bytes());
    assert_eq!(seen[1].path, "/app/hec-api/v1.0/task/7");
    assert_eq!(seen[1].header("authorization"), Some("Bearer no-token"));
}

#[test]
fn shows_how_many_token_requests_were_made() {
    let mock = MockGateway::start();
    mock.script_task("7", TaskScript::polls([TaskStep::new("init")]));
    let token = token(&mock);
    for _ in 0..3 {
        poll(&mock, &token, "7").unwrap();
    }
    assert_eq!(mock.requests_to("/auth/external").len(), 1);
    assert_eq!(mock.requests_to(TASK_PATH).len(), 3);
}

#[test]
fn shows_whether_request_ids_were_fresh() {
    let mock = MockGateway::start();
    mock.script_task("7", TaskScript::polls([TaskStep::new("init")]));
    let token = token(&mock);
    for _ in 0..3 {
        poll(&mock, &token, "7").unwrap();
    }
    let mut ids: Vec<String> = mock
        .requests_to(TASK_PATH)
        .iter()
        .map(|request| request.header("x-av-req-id").unwrap().to_owned())
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 3);
}

#[test]
fn requests_to_matches_a_path_prefix() {
    let mock = MockGateway::start();
    let token = token(&mock);
    poll(&mock, &token, "1").unwrap();
    agent().get(format!("{}/app/hec-api/v1.0/scopes", mock.base_url())).call().unwrap();
    assert_eq!(mock.requests_to("/app/hec-api/").len(), 2);
    assert_eq!(mock.requests_to(TASK_PATH).len(), 1);
    assert_eq!(mock.requests_to("/auth").len(), 1);
    assert_eq!(mock.requests_to("/nothing").len(), 0);
}

#[test]
fn clear_requests_forgets_what_was_seen() {
    let mock = MockGateway::start();
    token(&mock);
    mock.clear_requests();
    assert!(mock.requests().is_empty());
    token(&mock);
    assert_eq!(mock.requests().len(), 1);
    assert_eq!(mock.tokens_issued(), 2);
}

#[test]
fn recording_can_be_turned_off() {
    let mock = MockGateway::builder().record_requests(false).start();
    let agent = support::agent();
    let reply = support::post_auth(&agent, &mock, "{}").expect("the mock answers");
    assert_eq!(reply.status, 400);
    assert!(mock.requests().is_empty());
}
