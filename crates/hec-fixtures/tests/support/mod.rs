//! Helpers shared by the mock gateway's tests (`mod support;` in each).
#![allow(dead_code)]

use std::time::Duration;

use hec_fixtures::mock::MockGateway;

/// The task endpoint's path prefix.
pub(crate) const TASK_PATH: &str = hec_proto::TASK_PATH;

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
