//! Helpers shared by the policy tests (`use crate::support;` in each): real responses parsed into
//! errors, token grants, tasks and the fixed wall-clock time of the virtual clock.
#![allow(dead_code)]

use std::time::{Duration, SystemTime};

use hec_proto::endpoint::{TokenGrant, parse_task_response, parse_token_response};
use hec_proto::{Error, Task, TaskStatus, TransportError, TransportErrorKind};

/// 2026-01-01T00:00:00Z, the wall-clock time the tests start at (and the `now` of the corpus'
/// dated fixtures).
pub(crate) fn wall0() -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(1_767_225_600)
}

/// A response with a status, headers and a body.
pub(crate) fn response(status: u16, headers: &[(&str, &str)], body: &str) -> http::Response<Vec<u8>> {
    let mut builder = http::Response::builder().status(status);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(body.as_bytes().to_vec()).expect("a test's status and headers are valid")
}

/// The error the task endpoint's parser makes of this response.
pub(crate) fn task_failure(response: &http::Response<Vec<u8>>) -> Error {
    match parse_task_response(response, None) {
        Err(error) => Error::Response(error),
        Ok(parsed) => panic!("expected the response to fail, it parsed as {parsed:?}"),
    }
}

/// The error a corpus fixture's response becomes: the task parser for task fixtures, the token
/// parser for `token-*` ones.
pub(crate) fn fixture_failure(name: &str) -> Error {
    let fixture = hec_fixtures::corpus::get(name).unwrap_or_else(|| panic!("no fixture {name}"));
    let response = fixture.response.to_http();
    if name.starts_with("token-") {
        match parse_token_response(&response, fixture.now_system_time()) {
            Err(error) => Error::Response(error),
            Ok(grant) => panic!("expected fixture {name} to fail, it gave a token for {:?}", grant.lifetime),
        }
    } else {
        task_failure(&response)
    }
}

/// A request that got no complete response.
pub(crate) fn transport(kind: TransportErrorKind) -> Error {
    Error::Transport(TransportError::new(kind, "made-up failure"))
}

/// A token grant as the auth endpoint gives it: `token`, lasting `expires_in` seconds.
pub(crate) fn grant(token: &str, expires_in: u64) -> TokenGrant {
    let body = format!(r#"{{"success":true,"data":{{"token":"{token}","expiresIn":{expires_in}}}}}"#);
    parse_token_response(&response(200, &[], &body), wall0()).expect("a well-formed token response")
}

/// A task with this status (by its wire text) and nothing else.
pub(crate) fn task(status: &str) -> Task {
    let mut task = Task::default();
    task.status = Some(TaskStatus::from_wire(status));
    task
}

/// A task with this status and progress out of total.
pub(crate) fn task_at(status: &str, progress: u64, total: u64) -> Task {
    let mut task = task(status);
    task.progress = Some(progress);
    task.total = Some(total);
    task
}

/// Milliseconds, shorter to read in a list of expected instants.
pub(crate) fn ms(millis: u64) -> Duration {
    Duration::from_millis(millis)
}
