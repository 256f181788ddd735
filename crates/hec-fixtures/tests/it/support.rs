//! Helpers shared by the mock gateway's tests (`use crate::support;` in each).
#![allow(dead_code)]

use std::time::Duration;

use hec_fixtures::mock::MockGateway;

/// The task endpoint's path prefix.
pub(crate) const TASK_PATH: &str = hec_proto::endpoint::TASK_PATH;

/// A response read to its end.
#[derive(Debug)]
pub(crate) struct Reply {
    pub(crate) status: u16,
    pub(crate) headers: http::HeaderMap,
    pub(crate) body: Vec<u8>,
}

impl Reply {
    pub(crate) fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("the body is JSON")
    }

    /// The body as JSON, if it is.
    pub(crate) fn json_opt(&self) -> Option<serde_json::Value> {
        serde_json::from_slice(&self.body).ok()
    }

    pub(crate) fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }
}

/// An agent that shows statuses and redirects as they are, and gives up after five seconds.
pub(crate) fn agent() -> ureq::Agent {
    agent_with_timeout(Duration::from_secs(5))
}

/// An agent like [`agent`] with another overall timeout.
pub(crate) fn agent_with_timeout(timeout: Duration) -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_global(Some(timeout))
        .build()
        .into()
}

/// Reads a response to its end.
pub(crate) fn read(response: http::Response<ureq::Body>) -> Result<Reply, ureq::Error> {
    let (parts, mut body) = response.into_parts();
    let body = body.read_to_vec()?;
    Ok(Reply { status: parts.status.as_u16(), headers: parts.headers, body })
}

/// Posts `body` to the token endpoint.
pub(crate) fn post_auth(agent: &ureq::Agent, mock: &MockGateway, body: &str) -> Result<Reply, ureq::Error> {
    let response = agent
        .post(format!("{}/auth/external", mock.base_url()))
        .header("content-type", "application/json")
        .send(body)?;
    read(response)
}

/// The credentials object for this client id and access key.
pub(crate) fn credentials(client_id: &str, access_key: &str) -> String {
    serde_json::json!({"clientId": client_id, "accessKey": access_key}).to_string()
}

/// Gets a token with the mock's own credentials.
pub(crate) fn token(mock: &MockGateway) -> String {
    let reply = post_auth(&agent(), mock, &credentials(mock.client_id(), mock.access_key()))
        .expect("the token request succeeds");
    assert_eq!(reply.status, 200, "token request: {}", reply.text());
    reply.json()["data"]["token"].as_str().expect("the reply has a token").to_owned()
}

/// Polls task `id` with `token` and a fresh request id.
pub(crate) fn poll(mock: &MockGateway, token: &str, id: &str) -> Result<Reply, ureq::Error> {
    poll_with(&agent(), mock, token, id)
}

/// Polls task `id` with `token` and a fresh request id, through `agent`.
pub(crate) fn poll_with(
    agent: &ureq::Agent,
    mock: &MockGateway,
    token: &str,
    id: &str,
) -> Result<Reply, ureq::Error> {
    let response = agent
        .get(format!("{}{TASK_PATH}{id}", mock.base_url()))
        .header("authorization", format!("Bearer {token}"))
        .header("x-av-req-id", uuid::Uuid::new_v4().to_string())
        .header("accept", "application/json")
        .call()?;
    read(response)
}

/// The `status` of the task in a live-shaped reply.
pub(crate) fn task_status(reply: &Reply) -> String {
    reply.json()["responseData"]["status"].as_str().expect("the reply has a task status").to_owned()
}

/// The prefix of every API path.
pub(crate) const API: &str = "/app/hec-api/v1.0";

/// `GET {API}{path}` with `token` and a fresh request id.
pub(crate) fn api_get(mock: &MockGateway, token: &str, path: &str) -> Reply {
    let response = agent()
        .get(format!("{}{API}{path}", mock.base_url()))
        .header("authorization", format!("Bearer {token}"))
        .header("x-av-req-id", uuid::Uuid::new_v4().to_string())
        .header("accept", "application/json")
        .call()
        .expect("the mock answers");
    read(response).expect("the body arrives")
}

/// `POST {API}{path}` with `token`, a fresh request id and `body` as JSON.
pub(crate) fn api_post(mock: &MockGateway, token: &str, path: &str, body: &serde_json::Value) -> Reply {
    let response = agent()
        .post(format!("{}{API}{path}", mock.base_url()))
        .header("authorization", format!("Bearer {token}"))
        .header("x-av-req-id", uuid::Uuid::new_v4().to_string())
        .header("accept", "application/json")
        .header("content-type", "application/json")
        .send(body.to_string().as_str())
        .expect("the mock answers");
    read(response).expect("the body arrives")
}

/// RFC 3339 (UTC, `Z`, whole seconds) for `ago` before now.
pub(crate) fn ago(ago: Duration) -> String {
    let at = jiff::Timestamp::now() - jiff::SignedDuration::try_from(ago).expect("a short duration");
    at.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// `hours` hours.
pub(crate) fn hours(hours: u64) -> Duration {
    Duration::from_secs(hours * 3600)
}

/// A successful envelope's `responseData` as a list, after checking HTTP 200 and
/// `responseCode` 200.
pub(crate) fn data(reply: &Reply) -> Vec<serde_json::Value> {
    assert_eq!(reply.status, 200, "{}", reply.text());
    let json = reply.json();
    assert_eq!(json["responseEnvelope"]["responseCode"], 200, "{json}");
    json["responseData"].as_array().expect("responseData is a list").clone()
}

/// The exact answer of a logical failure: HTTP 200, `responseCode` 422 with `text`, no data.
pub(crate) fn assert_logical_failure(reply: &Reply, text: &str) {
    assert_eq!(reply.status, 200, "{}", reply.text());
    let json = reply.json();
    let envelope = &json["responseEnvelope"];
    assert_eq!(envelope["responseCode"], 422, "{json}");
    assert_eq!(envelope["responseText"], text, "{json}");
    assert_eq!(envelope["recordsNumber"], 0, "{json}");
    assert_eq!(json["responseData"], serde_json::json!([]), "{json}");
}

/// The ids of entities (`entityInfo.entityId`) in a list.
pub(crate) fn entity_ids(items: &[serde_json::Value]) -> Vec<String> {
    items
        .iter()
        .map(|item| item["entityInfo"]["entityId"].as_str().expect("an entity id").to_owned())
        .collect()
}

/// The ids of events (`eventId`) in a list.
pub(crate) fn event_ids(items: &[serde_json::Value]) -> Vec<String> {
    items.iter().map(|item| item["eventId"].as_str().expect("an event id").to_owned()).collect()
}

/// Every page of a query sent to `path`: the items of each page and its `scrollId`, following
/// the cursor (at most 20 pages).
pub(crate) fn all_pages(
    mock: &MockGateway,
    token: &str,
    path: &str,
    request_data: serde_json::Value,
) -> Vec<(Vec<serde_json::Value>, String)> {
    let mut pages = Vec::new();
    let mut request_data = request_data;
    for _ in 0..20 {
        let reply = api_post(mock, token, path, &serde_json::json!({ "requestData": request_data }));
        let items = data(&reply);
        let scroll_id = reply.json()["responseEnvelope"]["scrollId"].as_str().expect("a scrollId").to_owned();
        pages.push((items, scroll_id.clone()));
        if scroll_id.is_empty() {
            return pages;
        }
        request_data["scrollId"] = serde_json::Value::String(scroll_id);
    }
    panic!("more than 20 pages");
}

/// Polls task `id` until it is no longer `init` or `inprogress` (at most 10 polls); each poll's
/// status and progress.
pub(crate) fn poll_until_done(mock: &MockGateway, token: &str, id: &str) -> Vec<(String, u64)> {
    let mut seen = Vec::new();
    for _ in 0..10 {
        let json = poll(mock, token, id).expect("the mock answers").json();
        let task = &json["responseData"];
        let status = task["status"].as_str().expect("a task status").to_owned();
        seen.push((status.clone(), task["progress"].as_u64().expect("a progress")));
        if status != "init" && status != "inprogress" {
            return seen;
        }
    }
    panic!("task {id} did not end in 10 polls: {seen:?}");
}
