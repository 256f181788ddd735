//! `POST /v2/auth/external`: the client id in the `cloudinfra-external-client-id` header, the
//! access key in the body (TheHive's responder).

use crate::support::{agent, api_get, read};
use hec_fixtures::mock::{MockGateway, TOKEN_PREFIX};
use serde_json::json;

fn post_v2(mock: &MockGateway, client_id: Option<&str>, body: &str) -> crate::support::Reply {
    let mut request = agent()
        .post(format!("{}/v2/auth/external", mock.base_url()))
        .header("content-type", "application/json");
    if let Some(client_id) = client_id {
        request = request.header("cloudinfra-external-client-id", client_id);
    }
    read(request.send(body).expect("the mock answers")).expect("the body arrives")
}

#[test]
fn the_right_key_and_header_get_a_token_shaped_as_v1s() {
    let mock = MockGateway::start();
    let body = json!({"accessKey": mock.access_key()}).to_string();
    let reply = post_v2(&mock, Some(mock.client_id()), &body);
    assert_eq!(reply.status, 200, "{}", reply.text());
    let json = reply.json();
    assert_eq!(json["success"], true);
    let token = json["data"]["token"].as_str().expect("a token");
    assert!(token.starts_with(TOKEN_PREFIX), "{token}");
    assert_eq!(json["data"]["expiresIn"], 1800);
    assert!(json["data"]["csrf"].is_string() && json["data"]["expires"].is_string(), "{json}");
    assert_eq!(mock.tokens_issued(), 1);
    // The token opens the API like a v1 token.
    assert_eq!(api_get(&mock, token, "/scopes").status, 200);
}

#[test]
fn a_wrong_key_a_wrong_or_missing_client_id_get_401_and_a_bad_body_400() {
    let mock = MockGateway::start();
    let right = json!({"accessKey": mock.access_key()}).to_string();
    let wrong = json!({"accessKey": "not-the-key"}).to_string();
    for (client_id, body) in
        [(Some(mock.client_id()), &wrong), (Some("someone-else"), &right), (None, &right)]
    {
        let reply = post_v2(&mock, client_id, body);
        assert_eq!(
            (reply.status, reply.json()),
            (401, json!({"success": false, "message": "Authentication failed"})),
            "{client_id:?}"
        );
    }
    let malformed = post_v2(&mock, Some(mock.client_id()), r#"{"clientId": "x"}"#);
    assert_eq!(malformed.status, 400);
    assert_eq!(mock.tokens_issued(), 0);
    let get = agent().get(format!("{}/v2/auth/external", mock.base_url())).call().expect("the mock answers");
    assert_eq!(get.status(), 405);
}
