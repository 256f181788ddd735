//! One request, start to end: record it, pick a fault, route it, spoil the answer if asked.

use std::sync::Arc;
use std::time::Instant;

use bytes::Bytes;
use http::header::LOCATION;
use http::request::Parts;
use http::{HeaderName, HeaderValue, Method, Request, Response, StatusCode};
use http_body_util::{BodyExt, Limited};
use hyper::body::Incoming;

use super::answer;
use super::auth;
use super::body::{self, MockBody};
use super::fault::Fault;
use super::record::MAX_REQUEST_BODY;
use super::state::Shared;
use super::task::{self, TASK_PATH};
use super::tenant;

/// The error a request's service returns to make hyper close the connection without answering.
#[derive(Debug)]
pub(crate) struct HangUp;

impl std::fmt::Display for HangUp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the mock closed the connection on purpose")
    }
}

impl std::error::Error for HangUp {}

/// Answers one request.
pub(crate) async fn handle(
    shared: Arc<Shared>,
    request: Request<Incoming>,
) -> Result<Response<MockBody>, HangUp> {
    let _in_flight = InFlight::enter(&shared);
    let (parts, incoming) = request.into_parts();
    let (body, too_large) = match Limited::new(incoming, MAX_REQUEST_BODY).collect().await {
        Ok(collected) => (collected.to_bytes(), false),
        // Too large, or the client broke off mid-body.
        Err(_) => (Bytes::new(), true),
    };
    let fault = {
        let mut state = shared.lock();
        let path = parts.uri.path_and_query().map_or("/", |path| path.as_str());
        state.log.record(&parts.method, path, &parts.headers, &body);
        state.faults.pick(parts.uri.path(), Instant::now())
    };
    if too_large {
        let message = format!("request body larger than {MAX_REQUEST_BODY} bytes");
        return Ok(full(answer::message(StatusCode::PAYLOAD_TOO_LARGE, &message)));
    }
    let Some(fault) = fault else {
        return Ok(full(route(&shared, &parts, &body)));
    };
    match fault {
        Fault::Status { status, headers, body } => Ok(full(canned(status, &headers, body.into()))),
        Fault::DelayHeaders(delay) => {
            tokio::time::sleep(delay).await;
            Ok(full(route(&shared, &parts, &body)))
        }
        Fault::DripBody { chunk, pause } => Ok(body::drip(route(&shared, &parts, &body), chunk, pause)),
        Fault::CloseConnection => Err(HangUp),
        Fault::TruncateBody => Ok(body::truncate(route(&shared, &parts, &body))),
        Fault::OversizedBody(size) => Ok(body::oversized(size)),
        Fault::NotJson => Ok(full(body::not_json())),
        Fault::NewCursorPage(bytes) => Ok(full(body::new_cursor_page(bytes))),
        Fault::Echo(status) => match StatusCode::from_u16(status) {
            Ok(status) => Ok(full(answer::echo(status, &parts, &body))),
            Err(_) => Ok(full(invalid_fault())),
        },
        Fault::Redirect { status, location } => {
            let mut response = canned(status, &[], Bytes::new());
            match HeaderValue::from_str(&location) {
                Ok(location) => {
                    response.headers_mut().insert(LOCATION, location);
                    Ok(full(response))
                }
                Err(_) => Ok(full(invalid_fault())),
            }
        }
    }
}

/// Counts a request as being handled from its arrival until its answer's headers are ready (or
/// the client went away first).
struct InFlight(Arc<Shared>);

impl InFlight {
    fn enter(shared: &Arc<Shared>) -> InFlight {
        let mut state = shared.lock();
        state.in_flight += 1;
        state.max_in_flight = state.max_in_flight.max(state.in_flight);
        InFlight(Arc::clone(shared))
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        let mut state = self.0.lock();
        state.in_flight = state.in_flight.saturating_sub(1);
    }
}

/// The normal answer to a request.
fn route(shared: &Shared, parts: &Parts, body: &[u8]) -> Response<Bytes> {
    let path = parts.uri.path();
    let now = Instant::now();
    if path == hec_proto::endpoint::AUTH_PATH {
        if parts.method != Method::POST {
            return answer::not_allowed("POST");
        }
        return auth::token_endpoint(&mut shared.lock().tokens, body, now);
    }
    if let Some(id) = path.strip_prefix(TASK_PATH).filter(|id| !id.is_empty() && !id.contains('/')) {
        if parts.method != Method::GET {
            return answer::not_allowed("GET");
        }
        return task::task_endpoint(shared, id, &parts.headers, now);
    }
    if path == auth::AUTH_V2_PATH {
        if parts.method != Method::POST {
            return answer::not_allowed("POST");
        }
        return auth::token_endpoint_v2(&mut shared.lock().tokens, &parts.headers, body, now);
    }
    let target = (path, parts.uri.query());
    if let Some(response) = tenant::route(shared, &parts.method, target, &parts.headers, body, now) {
        return response;
    }
    answer::message(StatusCode::NOT_FOUND, &format!("no route for {} {path}", parts.method))
}

/// A fault's own answer; a 500 if its status or a header cannot be sent (the handle checks
/// faults when they are added, so this does not happen).
fn canned(status: u16, headers: &[(String, String)], body: Bytes) -> Response<Bytes> {
    let Ok(status) = StatusCode::from_u16(status) else {
        return invalid_fault();
    };
    let mut response = Response::new(body);
    *response.status_mut() = status;
    for (name, value) in headers {
        match (HeaderName::from_bytes(name.as_bytes()), HeaderValue::from_str(value)) {
            (Ok(name), Ok(value)) => {
                response.headers_mut().append(name, value);
            }
            _ => return invalid_fault(),
        }
    }
    response
}

fn invalid_fault() -> Response<Bytes> {
    answer::message(StatusCode::INTERNAL_SERVER_ERROR, "the mock was given an invalid fault")
}

fn full(response: Response<Bytes>) -> Response<MockBody> {
    response.map(MockBody::full)
}
