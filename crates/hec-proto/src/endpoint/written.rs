//! The reader of a write's answer: the HTTP status, then the envelope's success rule; the data
//! is not read, and an empty body is a success without an envelope.

use serde::Deserialize;

use crate::endpoint::response::{detail_with, from_json, malformed, status_error};
use crate::response_error::ResponseError;
use crate::wire::envelope::Envelope;

/// A write's body: only the envelope is read (whatever else it holds is skipped unread).
#[derive(Deserialize)]
struct WrittenBody {
    #[serde(rename = "responseEnvelope", default)]
    envelope: Option<Envelope>,
}

/// Reads a write's answer: HTTP 2xx, then (unless the body is empty) a JSON object holding a
/// `responseEnvelope` whose `responseCode` is absent, 0 or 2xx, else [`ResponseError::Api`].
/// Anything else is [`ResponseError::Malformed`]: a write is never read as done on an answer
/// that does not say so. Returns the envelope (`None` for an empty body).
pub(crate) fn read_written<B: AsRef<[u8]>>(
    response: &http::Response<B>,
    sent_request_id: Option<&str>,
) -> Result<Option<Envelope>, ResponseError> {
    if let Some(error) = status_error(response, sent_request_id, false) {
        return Err(error);
    }
    let status = response.status();
    let body = response.body().as_ref();
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    let no_envelope = || ResponseError::Malformed {
        path: String::new(),
        reason: "expected a JSON object holding responseEnvelope".to_owned(),
        detail: detail_with(status, body, sent_request_id, None, None),
    };
    if body.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
        return Err(no_envelope());
    }
    let parsed: WrittenBody =
        from_json(body).map_err(|(path, error)| malformed(&path, error, status, body, sent_request_id))?;
    match parsed.envelope {
        None => Err(no_envelope()),
        Some(envelope) if !envelope.is_success() => {
            Err(ResponseError::Api(detail_with(status, body, sent_request_id, Some(&envelope), None)))
        }
        Some(envelope) => Ok(Some(envelope)),
    }
}
