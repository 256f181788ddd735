//! What every endpoint under `/app/hec-api/v1.0` shares: the checks a request passes first (bearer
//! token, then request id), the envelope around every answer, and the live service's logical
//! failure (HTTP 200 with `responseCode` 422).

use std::time::Instant;

use bytes::Bytes;
use http::{HeaderMap, Response, StatusCode};
use serde::Serialize;

use super::answer;
use super::auth::{self, TokenStore};

/// The path prefix of every API endpoint (all but `/auth/external`).
pub(crate) const API_BASE: &str = "/app/hec-api/v1.0";

/// The answer to a request refused before it reached its endpoint.
pub(crate) type Refusal = Box<Response<Bytes>>;

/// The checks every API request passes, in the live service's order: a live bearer token (else
/// 401 `{"message": "Authentication required"}`), then an `x-av-req-id` that is a UUID (else 400).
/// Gives the request id to echo.
pub(crate) fn check<'h>(
    tokens: &TokenStore,
    headers: &'h HeaderMap,
    now: Instant,
) -> Result<&'h str, Refusal> {
    if !auth::is_authorized(tokens, headers, now) {
        return Err(Box::new(auth::authentication_required()));
    }
    let text = headers.get("x-av-req-id").and_then(|value| value.to_str().ok());
    let refusal = |message| Err(Box::new(answer::message(StatusCode::BAD_REQUEST, message)));
    match text {
        Some(text) if uuid::Uuid::parse_str(text.trim()).is_ok() => Ok(text),
        Some(_) => refusal("x-av-req-id must be a UUID"),
        None => refusal("x-av-req-id header is required"),
    }
}

/// Whether `id` has the form the service gives its ids (1-128 of `A-Z a-z 0-9 _ -`); anything
/// else is garbage that no entity, event or task can have.
pub(crate) fn is_id(id: &str) -> bool {
    (1..=128).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// At most the first 64 characters of `text`: what a refusal may echo of a request.
pub(crate) fn clip(text: &str) -> &str {
    text.char_indices().nth(64).map_or(text, |(end, _)| &text[..end])
}

/// A whole API answer: the envelope and `responseData`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Body<'a, D> {
    pub(crate) response_envelope: Envelope<'a>,
    pub(crate) response_data: D,
}

/// The envelope, field for field as the live service sends it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Envelope<'a> {
    pub(crate) request_id: &'a str,
    pub(crate) response_code: u16,
    pub(crate) response_text: &'a str,
    pub(crate) records_number: u64,
    pub(crate) scroll_id: &'a str,
}

/// HTTP 200, `responseCode` 200, this data, `recordsNumber` and `scrollId`.
pub(crate) fn success(
    request_id: &str,
    records_number: u64,
    scroll_id: &str,
    data: &impl Serialize,
) -> Response<Bytes> {
    let response_envelope =
        Envelope { request_id, response_code: 200, response_text: "", records_number, scroll_id };
    answer::json(StatusCode::OK, &Body { response_envelope, response_data: data })
}

/// The live service's logical failure: HTTP 200, `responseCode` 422, this `responseText`,
/// `responseData: []`.
pub(crate) fn logical_failure(request_id: &str, text: &str) -> Response<Bytes> {
    let response_envelope =
        Envelope { request_id, response_code: 422, response_text: text, records_number: 0, scroll_id: "" };
    answer::json(StatusCode::OK, &Body { response_envelope, response_data: [(); 0] })
}

/// The `requestData` object of a POST body, or the 400 answer to a body that is not
/// `{"requestData": {...}}`.
pub(crate) fn request_data(body: &[u8]) -> Result<serde_json::Map<String, serde_json::Value>, Refusal> {
    read_request_data(body).map_err(|why| Box::new(answer::message(StatusCode::BAD_REQUEST, &why)))
}

/// The `requestData` object of a body, or why the body is not `{"requestData": {...}}`
/// (`Malformed request body: ...`).
pub(crate) fn read_request_data(body: &[u8]) -> Result<serde_json::Map<String, serde_json::Value>, String> {
    let malformed = |why: &str| format!("Malformed request body: {why}");
    let value: serde_json::Value =
        serde_json::from_slice(body).map_err(|error| malformed(&error.to_string()))?;
    match value {
        serde_json::Value::Object(mut body) => match body.remove("requestData") {
            Some(serde_json::Value::Object(data)) => Ok(data),
            Some(_) => Err(malformed("requestData must be an object")),
            None => Err(malformed("requestData is required")),
        },
        _ => Err(malformed("the body must be a JSON object")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_1_to_128_of_letters_digits_underscore_and_dash() {
        assert!(is_id("0ab5b49860cdaa57506769821ddea425"));
        assert!(is_id("Quarantine_a-1"));
        assert!(is_id(&"a".repeat(128)));
        for garbage in ["", "../scopes", "a b", "a%2Fb", "1?x=1", "é", &"a".repeat(129)] {
            assert!(!is_id(garbage), "{garbage:?}");
        }
    }
}
