//! The requests hec-proto builds: exact method, URL, headers and body; secrets marked and hidden.

use hec_proto::endpoint::{Endpoint, GetTask, token_request};
use hec_proto::{AccessToken, BaseUrl, Credentials, RequestId, TaskId};

fn base() -> BaseUrl {
    "https://gw.example.com/prefix".parse().unwrap()
}

#[test]
fn get_task_is_a_get_with_exactly_three_headers_and_no_body() {
    let request_id: RequestId = "3b241101-e2bb-4255-8caf-4136c566a962".parse().unwrap();
    let call = GetTask::new("1691529376887109".parse().unwrap());
    let request = call.request(&base(), &AccessToken::new("tok-1"), request_id).unwrap();
    assert_eq!(request.method(), http::Method::GET);
    assert_eq!(request.uri(), "https://gw.example.com/prefix/app/hec-api/v1.0/task/1691529376887109");
    let headers: Vec<_> = request.headers().iter().map(|(k, v)| (k.as_str(), v.to_str().unwrap())).collect();
    assert_eq!(
        headers,
        [
            ("x-av-req-id", "3b241101-e2bb-4255-8caf-4136c566a962"),
            ("authorization", "Bearer tok-1"),
            ("accept", "application/json"),
        ]
    );
    assert!(request.body().is_empty());
}

#[test]
fn the_authorization_header_is_sensitive_and_hidden_from_debug() {
    let call = GetTask::new(TaskId::from(1));
    let request = call.request(&base(), &AccessToken::new("tok-secret-9"), RequestId::new()).unwrap();
    assert!(request.headers()["authorization"].is_sensitive());
    assert!(!format!("{request:?}").contains("tok-secret-9"));
}

#[test]
fn a_token_with_a_newline_cannot_be_sent() {
    let call = GetTask::new(TaskId::from(1));
    assert!(call.request(&base(), &AccessToken::new("a\nb"), RequestId::new()).is_err());
}

#[test]
fn the_token_request_posts_the_key_as_json_at_the_gateway_root() {
    let request = token_request(&base(), &Credentials::new("client-1", "key \"quoted\""));
    assert_eq!(request.method(), http::Method::POST);
    assert_eq!(request.uri(), "https://gw.example.com/prefix/auth/external");
    assert_eq!(request.headers()["content-type"], "application/json");
    assert_eq!(request.body(), br#"{"clientId":"client-1","accessKey":"key \"quoted\""}"#);
}

#[test]
fn secrets_never_print() {
    let credentials = Credentials::new("client-1", "key-secret-7");
    let token = AccessToken::new("tok-secret-8");
    let printed = format!("{credentials:?} {token:?} {credentials:#?} {token:#?}");
    assert!(!printed.contains("key-secret-7") && !printed.contains("tok-secret-8"), "{printed}");
    assert_eq!(credentials.access_key_secret(), "key-secret-7");
    assert_eq!(token.secret(), "tok-secret-8");
}

#[test]
fn the_task_path_template_is_built_on_the_task_path() {
    assert_eq!(GetTask::PATH_TEMPLATE, format!("{}{{taskId}}", hec_proto::endpoint::TASK_PATH));
    assert_eq!(hec_proto::endpoint::TASK_PATH, format!("{}/task/", hec_proto::endpoint::API_PREFIX));
}
