//! One HTTP exchange over reqwest: `http::Request<Vec<u8>>` in, `http::Response<Vec<u8>>` out,
//! and reqwest's errors mapped to hec-proto's transport kinds.

use std::error::Error as _;
use std::io;
use std::time::Duration;

use hec_proto::{TransportError, TransportErrorKind};

/// The per-request settings reqwest gets, whatever client the caller supplied.
pub(crate) struct Limits<'a> {
    /// The whole exchange, from connecting to the last byte of the body.
    pub(crate) timeout: Duration,
    pub(crate) body_limit: u64,
    pub(crate) user_agent: &'a http::HeaderValue,
}

/// Sends the request and reads the body chunk by chunk, stopping as soon as it passes
/// `body_limit`. Statuses are never errors here: hec-proto judges the response. A transport
/// error names the host.
pub(crate) async fn send(
    client: &reqwest::Client,
    request: http::Request<Vec<u8>>,
    limits: &Limits<'_>,
) -> Result<http::Response<Vec<u8>>, TransportError> {
    let host = request.uri().authority().map(|a| a.as_str().to_owned()).unwrap_or_default();
    exchange(client, request, limits).await.map_err(|error| error.at_host(&host))
}

/// The exchange of [`send`], before its errors name the host.
async fn exchange(
    client: &reqwest::Client,
    request: http::Request<Vec<u8>>,
    limits: &Limits<'_>,
) -> Result<http::Response<Vec<u8>>, TransportError> {
    let bodiless = request.body().is_empty();
    let mut request = reqwest::Request::try_from(request).map_err(map_error)?;
    if bodiless {
        *request.body_mut() = None;
    }
    *request.timeout_mut() = Some(limits.timeout);
    request.headers_mut().insert(http::header::USER_AGENT, limits.user_agent.clone());
    let url = request.url().clone();

    let mut response = client.execute(request).await.map_err(map_error)?;
    if *response.url() != url {
        return Err(TransportError::new(
            TransportErrorKind::Other,
            "the reqwest::Client followed a redirect; build it with redirect::Policy::none()",
        ));
    }
    if response.content_length().is_some_and(|length| length > limits.body_limit) {
        return Err(too_large(limits.body_limit));
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(map_error)? {
        if body.len() as u64 + chunk.len() as u64 > limits.body_limit {
            return Err(too_large(limits.body_limit));
        }
        body.extend_from_slice(&chunk);
    }
    let mut answer = http::Response::new(body);
    *answer.status_mut() = response.status();
    *answer.version_mut() = response.version();
    *answer.headers_mut() = std::mem::take(response.headers_mut());
    Ok(answer)
}

/// Sends the request and returns the response with its body unread, for a caller that streams
/// it (the .eml download); a redirect the client followed is an error, as in [`send`].
pub(crate) async fn open(
    client: &reqwest::Client,
    request: http::Request<Vec<u8>>,
    limits: &Limits<'_>,
) -> Result<reqwest::Response, TransportError> {
    let host = request.uri().authority().map(|a| a.as_str().to_owned()).unwrap_or_default();
    let at_host = |error: TransportError| error.at_host(&host);
    let mut request =
        reqwest::Request::try_from(request.map(|_| Vec::new())).map_err(map_error).map_err(at_host)?;
    *request.body_mut() = None;
    *request.timeout_mut() = Some(limits.timeout);
    request.headers_mut().insert(http::header::USER_AGENT, limits.user_agent.clone());
    let url = request.url().clone();
    let response = client.execute(request).await.map_err(map_error).map_err(at_host)?;
    if *response.url() != url {
        return Err(TransportError::new(
            TransportErrorKind::Other,
            "the reqwest::Client followed a redirect; build it with redirect::Policy::none()",
        ));
    }
    Ok(response)
}

/// The transport error of a failed read of a streamed body.
pub(crate) fn read_error(error: reqwest::Error) -> TransportError {
    map_error(error)
}

fn too_large(limit: u64) -> TransportError {
    TransportError::new(
        TransportErrorKind::BodyTooLarge,
        format!("the response body is larger than {limit} bytes"),
    )
}

fn map_error(error: reqwest::Error) -> TransportError {
    let kind = if error.is_timeout() {
        TransportErrorKind::Timeout
    } else if error.is_connect() {
        // A refused connection, DNS, or a TLS handshake (which reqwest counts as connecting).
        if tls_failed(&error) { TransportErrorKind::Tls } else { TransportErrorKind::Connect }
    } else if error.is_builder() || error.is_redirect() {
        TransportErrorKind::Other
    } else if headers_too_large(&error) {
        TransportErrorKind::HeadersTooLarge
    } else if let Some(io) = io_source(&error) {
        TransportErrorKind::of_io_error(io)
    } else if error.is_request() || error.is_body() || error.is_decode() {
        // The connection broke after the request went out: closed before the response, or a
        // body cut short.
        TransportErrorKind::Interrupted
    } else {
        TransportErrorKind::Other
    };
    TransportError::new(kind, message(&error)).with_source(error)
}

/// reqwest's message with its causes ("error sending request for url (…): client error
/// (Connect): tcp connect error: Connection refused"); they name the URL, never a header.
fn message(error: &reqwest::Error) -> String {
    let mut message = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        if !message.ends_with(&text) {
            message.push_str(": ");
            message.push_str(&text);
        }
        source = cause.source();
    }
    message
}

/// The causes under reqwest's error, looking inside `io::Error`s too (whose `source` skips the
/// error they wrap, such as the `rustls::Error` of a failed handshake).
fn causes(error: &reqwest::Error) -> Vec<&(dyn std::error::Error + 'static)> {
    let mut causes = Vec::new();
    let mut next = error.source();
    while let Some(cause) = next {
        causes.push(cause);
        next = match cause.downcast_ref::<io::Error>().and_then(io::Error::get_ref) {
            Some(inner) => Some(inner as &(dyn std::error::Error + 'static)),
            None => cause.source(),
        };
    }
    causes
}

fn tls_failed(error: &reqwest::Error) -> bool {
    causes(error).iter().any(|cause| cause.is::<rustls::Error>())
}

/// Whether hyper refused the response's head for its size (too long, or too many headers). Its
/// error says so only in words (`is_parse_too_large` needs hyper's server feature).
fn headers_too_large(error: &reqwest::Error) -> bool {
    causes(error).iter().any(|cause| cause.to_string() == "message head is too large")
}

fn io_source(error: &reqwest::Error) -> Option<&io::Error> {
    causes(error).into_iter().find_map(|cause| cause.downcast_ref::<io::Error>())
}
