//! What every endpoint does with a response before reading its data: the HTTP status check, and
//! the detail an error carries.

use serde::Deserialize;

use crate::model::retry_after::RetryAfter;
use crate::response_error::{ResponseDetail, ResponseError};
use crate::wire::envelope::Envelope;
use crate::wire::excerpt::excerpt;

/// The parts of an error body worth reporting, read leniently: an envelope, or a bare `message`.
#[derive(Deserialize, Default)]
struct ErrorBody {
    #[serde(rename = "responseEnvelope")]
    envelope: Option<Envelope>,
    message: Option<String>,
}

/// The detail of a failed response: status, envelope fields if the body has them, the request id
/// and a secret-free excerpt.
pub(crate) fn detail(
    status: http::StatusCode,
    body: &[u8],
    sent_request_id: Option<&str>,
) -> Box<ResponseDetail> {
    let parsed: ErrorBody = serde_json::from_slice(body).unwrap_or_default();
    detail_with(status, body, sent_request_id, parsed.envelope.as_ref(), parsed.message)
}

/// The detail of a failed response whose envelope has already been read.
pub(crate) fn detail_with(
    status: http::StatusCode,
    body: &[u8],
    sent_request_id: Option<&str>,
    envelope: Option<&Envelope>,
    message: Option<String>,
) -> Box<ResponseDetail> {
    Box::new(ResponseDetail {
        status,
        request_id: envelope
            .and_then(|e| e.request_id.clone())
            .or_else(|| sent_request_id.map(str::to_owned)),
        response_code: envelope.and_then(|e| e.response_code),
        response_text: envelope.and_then(|e| e.response_text.clone()).or(message),
        additional_text: envelope.and_then(|e| e.additional_text.clone()),
        retry_after: None,
        excerpt: excerpt(body),
    })
}

/// The error for a response whose HTTP status is not 2xx; `None` for 2xx.
///
/// With `credentials_check` (the auth endpoint), a 401 or 403 is [`ResponseError::BadCredentials`];
/// otherwise [`ResponseError::Unauthorized`] or [`ResponseError::Forbidden`].
pub(crate) fn status_error<B: AsRef<[u8]>>(
    response: &http::Response<B>,
    sent_request_id: Option<&str>,
    credentials_check: bool,
) -> Option<ResponseError> {
    let status = response.status();
    if status.is_success() {
        return None;
    }
    let mut detail = detail(status, response.body().as_ref(), sent_request_id);
    detail.retry_after = RetryAfter::from_headers(response.headers());
    let error = match status.as_u16() {
        401 | 403 if credentials_check => ResponseError::BadCredentials(detail),
        401 => ResponseError::Unauthorized(detail),
        403 => ResponseError::Forbidden(detail),
        404 => ResponseError::NotFound(detail),
        429 => ResponseError::RateLimited(detail),
        300..=399 => ResponseError::Redirect {
            location: response
                .headers()
                .get(http::header::LOCATION)
                .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned()),
            detail,
        },
        500..=599 => ResponseError::Server(detail),
        _ => ResponseError::HttpStatus(detail),
    };
    Some(error)
}

/// Parses a JSON body. The common case takes the fast path (hec-proto's reader, then serde_json
/// for what it declines); only a body that fails is parsed again with serde_path_to_error (whose tracking allocates for every key) to name the JSON path
/// that did not fit. Returns that path (`""` for the top level or a syntax error at the end) and
/// the error. `T` may borrow from the body (a `&RawValue`, say).
pub(crate) fn from_json<'a, T: serde::Deserialize<'a>>(
    body: &'a [u8],
) -> Result<T, (String, serde_json::Error)> {
    // Checking the body's UTF-8 once, up front, is cheaper than checking every string on its
    // own; JSON text is UTF-8 (RFC 8259), so nothing valid is refused. hec-proto's reader reads
    // it first (one pass, even for the models that keep their text); what it declines, serde_json
    // reads.
    let text = std::str::from_utf8(body);
    if let Ok(Ok(value)) = text.map(crate::wire::reader::from_str) {
        return Ok(value);
    }
    let first = match text.map(serde_json::from_str) {
        Ok(Ok(value)) => return Ok(value),
        Ok(Err(error)) => error,
        Err(_) => match serde_json::from_slice::<T>(body) {
            Ok(value) => return Ok(value),
            Err(error) => error,
        },
    };
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    match serde_path_to_error::deserialize::<_, T>(&mut deserializer) {
        Err(error) => {
            let path = error.path().to_string();
            Err((if path == "." { String::new() } else { path }, error.into_inner()))
        }
        // Only trailing bytes can fail after a successful value.
        Ok(_) => Err((String::new(), deserializer.end().err().unwrap_or(first))),
    }
}

/// A [`ResponseError::Malformed`] for a body that failed to parse at `path`.
pub(crate) fn malformed(
    path: &str,
    error: serde_json::Error,
    status: http::StatusCode,
    body: &[u8],
    sent_request_id: Option<&str>,
) -> ResponseError {
    ResponseError::Malformed {
        path: path.to_owned(),
        reason: error.to_string(),
        detail: detail(status, body, sent_request_id),
    }
}
