//! One HTTP exchange over ureq: `http::Request<Vec<u8>>` in, `http::Response<Vec<u8>>` out, and
//! ureq's errors mapped to hec-proto's transport kinds.

use std::io;
use std::time::Duration;

use hec_proto::{TransportError, TransportErrorKind};
use ureq::RequestExt;

/// The per-request settings ureq gets, whatever agent the caller supplied.
pub(crate) struct Limits<'a> {
    pub(crate) connect_timeout: Duration,
    /// The whole exchange, from connecting to the last byte of the body.
    pub(crate) timeout: Duration,
    pub(crate) body_limit: u64,
    pub(crate) user_agent: &'a http::HeaderValue,
}

/// Sends the request and reads the whole body (at most `body_limit` bytes). Statuses are never
/// errors here and redirects are never followed: hec-proto judges the response. A transport error
/// names the host.
pub(crate) fn send(
    agent: &ureq::Agent,
    mut request: http::Request<Vec<u8>>,
    limits: &Limits<'_>,
) -> Result<http::Response<Vec<u8>>, TransportError> {
    // As a header, not as ureq's per-request `user_agent` setting: with that setting ureq 3.5
    // opens a new connection for every request instead of reusing the pooled one.
    request.headers_mut().insert(http::header::USER_AGENT, limits.user_agent.clone());
    let host = request.uri().authority().map(|a| a.as_str().to_owned()).unwrap_or_default();
    let map_error = |error| map_error(error).at_host(&host);
    let response = if request.body().is_empty() {
        run(agent, request.map(|_| ()), limits)
    } else {
        run(agent, request, limits)
    }
    .map_err(map_error)?;
    let (parts, mut body) = response.into_parts();
    let bytes = body.with_config().limit(limits.body_limit).read_to_vec().map_err(map_error)?;
    Ok(http::Response::from_parts(parts, bytes))
}

/// Sends the request and returns the response with its body unread, for a caller that streams
/// it (the .eml download). Statuses are never errors here and redirects are never followed.
pub(crate) fn open(
    agent: &ureq::Agent,
    mut request: http::Request<Vec<u8>>,
    limits: &Limits<'_>,
) -> Result<http::Response<ureq::Body>, TransportError> {
    request.headers_mut().insert(http::header::USER_AGENT, limits.user_agent.clone());
    let host = request.uri().authority().map(|a| a.as_str().to_owned()).unwrap_or_default();
    run(agent, request.map(|_| ()), limits).map_err(|error| map_error(error).at_host(&host))
}

/// The transport error of a failed read of a streamed body (ureq's own error inside the
/// `io::Error` when it is one).
pub(crate) fn read_error(error: io::Error) -> TransportError {
    let kind = io_kind(&error);
    match error.into_inner().map(|inner| inner.downcast::<ureq::Error>()) {
        Some(Ok(ureq_error)) => map_error(*ureq_error),
        Some(Err(inner)) => TransportError::new(kind, inner.to_string()),
        None => TransportError::new(kind, "the connection failed while the body was read"),
    }
}

fn run(
    agent: &ureq::Agent,
    request: http::Request<impl ureq::AsSendBody>,
    limits: &Limits<'_>,
) -> Result<http::Response<ureq::Body>, ureq::Error> {
    request
        .with_agent(agent)
        .configure()
        .http_status_as_error(false)
        .max_redirects(0)
        // One budget for the whole exchange, so that no request outlives the caller's deadline
        // (phase budgets would add up). With it, ureq's default resolver looks the host up on a
        // new thread for every request; the default agent's resolver does it inline instead
        // (see resolver.rs).
        .timeout_connect(Some(limits.connect_timeout))
        .timeout_per_call(Some(limits.timeout))
        .run()
}

fn map_error(error: ureq::Error) -> TransportError {
    let kind = match &error {
        ureq::Error::Timeout(_) => TransportErrorKind::Timeout,
        ureq::Error::HostNotFound | ureq::Error::ConnectionFailed | ureq::Error::ConnectProxyFailed(_) => {
            TransportErrorKind::Connect
        }
        ureq::Error::Io(io) => io_kind(io),
        ureq::Error::BodyExceedsLimit(_) => TransportErrorKind::BodyTooLarge,
        ureq::Error::LargeResponseHeader(..) => TransportErrorKind::HeadersTooLarge,
        ureq::Error::Protocol(_) | ureq::Error::BodyStalled => TransportErrorKind::Interrupted,
        ureq::Error::Tls(_) | ureq::Error::Rustls(_) | ureq::Error::TlsRequired => TransportErrorKind::Tls,
        _ => TransportErrorKind::Other,
    };
    TransportError::new(kind, error.to_string()).with_source(error)
}

fn io_kind(error: &io::Error) -> TransportErrorKind {
    // A failed TLS handshake reaches us as an io::Error wrapping rustls' error: not transient.
    if error.get_ref().is_some_and(|inner| inner.is::<rustls::Error>()) {
        return TransportErrorKind::Tls;
    }
    TransportErrorKind::of_io_error(error)
}
