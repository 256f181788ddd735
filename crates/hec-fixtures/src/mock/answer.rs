//! Small helpers that build the mock's own full-body answers.

use bytes::Bytes;
use http::header::{ALLOW, CONTENT_TYPE};
use http::{HeaderValue, Response, StatusCode};
use serde::Serialize;

/// A response with `value` as its JSON body.
pub(crate) fn json(status: StatusCode, value: &impl Serialize) -> Response<Bytes> {
    // Serializing the mock's own plain structs and `json!` values cannot fail.
    let body = serde_json::to_vec(value).unwrap_or_default();
    with_type(status, "application/json", body)
}

/// A response with `{"message": message}` as its JSON body.
pub(crate) fn message(status: StatusCode, message: &str) -> Response<Bytes> {
    json(status, &serde_json::json!({ "message": message }))
}

/// A response with this status whose JSON body's `message` repeats the request as text: the
/// request line, every header and the body (see `Fault::Echo`).
pub(crate) fn echo(status: StatusCode, parts: &http::request::Parts, body: &[u8]) -> Response<Bytes> {
    let path = parts.uri.path_and_query().map_or("/", |path| path.as_str());
    let mut text = format!("{} {path}\n", parts.method);
    for (name, value) in &parts.headers {
        text.push_str(&format!("{name}: {}\n", String::from_utf8_lossy(value.as_bytes())));
    }
    text.push('\n');
    text.push_str(&String::from_utf8_lossy(body));
    message(status, &text)
}

/// A response with this content type and body.
pub(crate) fn with_type(
    status: StatusCode,
    content_type: &'static str,
    body: impl Into<Bytes>,
) -> Response<Bytes> {
    let mut response = Response::new(body.into());
    *response.status_mut() = status;
    response.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    response
}

/// 405 with `Allow: allow`.
pub(crate) fn not_allowed(allow: &str) -> Response<Bytes> {
    let mut response = message(StatusCode::METHOD_NOT_ALLOWED, "method not allowed");
    if let Ok(allow) = HeaderValue::from_str(allow) {
        response.headers_mut().insert(ALLOW, allow);
    }
    response
}
