//! The mock's token endpoint, `POST /auth/external`, and the life of its tokens.

use crate::support;

use std::time::Duration;

use crate::support::{agent, credentials, poll, post_auth, token};
use hec_fixtures::mock::{DEMO_ACCESS_KEY, DEMO_CLIENT_ID, MockGateway, TaskScript, TaskStep};

fn scripted_mock() -> MockGateway {
    let mock = MockGateway::start();
    mock.script_task("7", TaskScript::polls([TaskStep::new("completed")]));
    mock
}

#[test]
fn issues_a_token_for_the_configured_credentials() {
    let mock = MockGateway::start();
    let reply = post_auth(&agent(), &mock, &credentials(DEMO_CLIENT_ID, DEMO_ACCESS_KEY)).unwrap();
    assert_eq!(reply.status, 200);
    assert_eq!(reply.header("content-type"), Some("application/json"));
    let json = reply.json();
    assert_eq!(json["success"], true);
    assert!(json["data"]["token"].as_str().unwrap().starts_with("mock-token-1-"));
    assert!(!json["data"]["csrf"].as_str().unwrap().is_empty());
    assert_eq!(json["data"]["expiresIn"], 1800);
    let expires = json["data"]["expires"].as_str().unwrap();
    let expires = jiff::fmt::rfc2822::parse(expires).unwrap().timestamp();
    let lifetime = expires.duration_since(jiff::Timestamp::now()).as_secs();
    assert!((1795..=1800).contains(&lifetime), "expires {lifetime} s from now");
}

#[test]
fn wrong_credentials_get_401_authentication_failed() {
    let mock = MockGateway::start();
    let reply = post_auth(&agent(), &mock, &credentials(DEMO_CLIENT_ID, "wrong-key")).unwrap();
    assert_eq!(reply.status, 401);
    assert_eq!(reply.json(), serde_json::json!({"success": false, "message": "Authentication failed"}));
    assert_eq!(mock.tokens_issued(), 0);
}

#[test]
fn malformed_body_gets_400() {
    let mock = MockGateway::start();
    for body in ["not json", r#"{"clientId": "only-the-id"}"#, r#"{"clientId": 1, "accessKey": 2}"#, ""] {
        let reply = post_auth(&agent(), &mock, body).unwrap();
        assert_eq!(reply.status, 400, "body {body:?}");
        assert_eq!(reply.json()["success"], false, "body {body:?}");
    }
    assert_eq!(mock.tokens_issued(), 0);
}

#[test]
fn get_on_the_token_endpoint_gets_405() {
    let mock = MockGateway::start();
    let response = agent().get(format!("{}/auth/external", mock.base_url())).call().unwrap();
    assert_eq!(response.status(), 405);
    assert_eq!(response.headers()["allow"], "POST");
}

#[test]
fn configured_credentials_replace_the_demo_ones() {
    let mock = MockGateway::builder().credentials("my-id", "my-key").start();
    assert_eq!((mock.client_id(), mock.access_key()), ("my-id", "my-key"));
    assert_eq!(post_auth(&agent(), &mock, &credentials("my-id", "my-key")).unwrap().status, 200);
    let demo = post_auth(&agent(), &mock, &credentials(DEMO_CLIENT_ID, DEMO_ACCESS_KEY)).unwrap();
    assert_eq!(demo.status, 401);
}

#[test]
fn every_token_is_distinct_and_counted() {
    let mock = MockGateway::start();
    let tokens: Vec<String> = (0..3).map(|_| token(&mock)).collect();
    assert_ne!(tokens[0], tokens[1]);
    assert_ne!(tokens[1], tokens[2]);
    assert_ne!(tokens[0], tokens[2]);
    assert_eq!(mock.tokens_issued(), 3);
}

#[test]
fn token_lifetime_sets_expires_in() {
    let mock = MockGateway::builder().token_lifetime(Duration::from_secs(60)).start();
    let reply = post_auth(&agent(), &mock, &credentials(mock.client_id(), mock.access_key())).unwrap();
    assert_eq!(reply.json()["data"]["expiresIn"], 60);
}

#[test]
fn a_fresh_token_is_accepted() {
    let mock = scripted_mock();
    let token = token(&mock);
    assert_eq!(poll(&mock, &token, "7").unwrap().status, 200);
}

#[test]
fn revoked_tokens_get_401_authentication_required() {
    let mock = scripted_mock();
    let token = token(&mock);
    mock.revoke_tokens();
    let reply = poll(&mock, &token, "7").unwrap();
    assert_eq!(reply.status, 401);
    assert_eq!(reply.json(), serde_json::json!({"message": "Authentication required"}));
}

#[test]
fn revoking_one_token_leaves_the_others_valid() {
    let mock = scripted_mock();
    let (first, second) = (token(&mock), token(&mock));
    mock.revoke_token(&first);
    assert_eq!(poll(&mock, &first, "7").unwrap().status, 401);
    assert_eq!(poll(&mock, &second, "7").unwrap().status, 200);
}

#[test]
fn a_new_token_works_after_revocation() {
    let mock = scripted_mock();
    let _old = token(&mock);
    mock.revoke_tokens();
    let new = token(&mock);
    assert_eq!(poll(&mock, &new, "7").unwrap().status, 200);
    assert_eq!(mock.tokens_issued(), 2);
}

#[test]
fn a_token_expires_after_its_lifetime() {
    let lifetime = Duration::from_millis(300);
    let mock = MockGateway::builder().token_lifetime(lifetime).start();
    mock.script_task("7", TaskScript::polls([TaskStep::new("completed")]));
    let token = token(&mock);
    assert_eq!(poll(&mock, &token, "7").unwrap().status, 200);
    std::thread::sleep(lifetime + Duration::from_millis(50));
    assert_eq!(poll(&mock, &token, "7").unwrap().status, 401);
}

#[test]
fn the_csrf_is_a_fresh_uuid_v4_as_the_live_service_sends() {
    let mock = MockGateway::start();
    let csrf = |reply: support::Reply| reply.json()["data"]["csrf"].as_str().unwrap().to_owned();
    let body = credentials(DEMO_CLIENT_ID, DEMO_ACCESS_KEY);
    let first = csrf(post_auth(&agent(), &mock, &body).unwrap());
    let second = csrf(post_auth(&agent(), &mock, &body).unwrap());
    let parsed = uuid::Uuid::parse_str(&first).unwrap();
    assert_eq!(parsed.get_version_num(), 4);
    assert_eq!(parsed.hyphenated().to_string(), first, "the hyphenated lowercase form");
    assert_ne!(first, second);
}
