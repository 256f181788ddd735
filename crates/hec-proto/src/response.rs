//! What every endpoint does with a response before reading its data: the HTTP status check, and
//! the detail an error carries.

use serde::Deserialize;

use crate::excerpt::excerpt;
use crate::{Envelope, Error, ResponseDetail, RetryAfter};

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
        excerpt: excerpt(body),
    })
}

/// The error for a response whose HTTP status is not 2xx; `None` for 2xx.
///
/// `refused` is the error a 401 or 403 becomes: [`Error::Unauthorized`]/[`Error::Forbidden`] for
/// API calls, [`Error::BadCredentials`] for the auth endpoint.
pub(crate) fn status_error<B: AsRef<[u8]>>(
    response: &http::Response<B>,
    sent_request_id: Option<&str>,
    credentials_check: bool,
) -> Option<Error> {
    let status = response.status();
    if status.is_success() {
        return None;
    }
    let detail = detail(status, response.body().as_ref(), sent_request_id);
    let error = match status.as_u16() {
        401 | 403 if credentials_check => Error::BadCredentials(detail),
        401 => Error::Unauthorized(detail),
        403 => Error::Forbidden(detail),
        404 => Error::NotFound(detail),
        429 => Error::RateLimited { retry_after: RetryAfter::from_headers(response.headers()), detail },
        300..=399 => Error::Redirect {
            location: response
                .headers()
                .get(http::header::LOCATION)
                .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned()),
            detail,
        },
        500..=599 => Error::Server(detail),
        _ => Error::HttpStatus(detail),
    };
    Some(error)
}

/// A [`Error::Malformed`] for a body that failed to parse at `path` (serde_path_to_error's
/// notation; its `.` for the top level becomes `""`).
pub(crate) fn malformed(
    path: &str,
    error: serde_json::Error,
    status: http::StatusCode,
    body: &[u8],
    sent_request_id: Option<&str>,
) -> Error {
    let path = if path == "." { "" } else { path };
    Error::Malformed {
        path: path.to_owned(),
        reason: error.to_string(),
        detail: detail(status, body, sent_request_id),
    }
}
