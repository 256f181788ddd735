//! `TransportError`: a request that got no complete HTTP response.

use std::fmt;
use std::sync::Arc;

/// Why a request got no complete response. A driver maps its HTTP library's error to one of these
/// kinds; the retry policy decides from the kind alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// The connection could not be made (refused, DNS, unreachable).
    Connect,
    /// A connect, read or overall timeout.
    Timeout,
    /// The connection broke before the response was complete (closed, reset, truncated body).
    Interrupted,
    /// The body is larger than the configured limit (not retried: it would be again).
    BodyTooLarge,
    /// The response's headers are larger than the HTTP library accepts (not retried: they would
    /// be again).
    HeadersTooLarge,
    /// TLS failed (certificate, handshake); not retried.
    Tls,
    /// Anything else; not retried.
    Other,
}

impl TransportErrorKind {
    /// Whether a retry may succeed: connection failures, timeouts and broken connections.
    pub fn is_transient(self) -> bool {
        matches!(
            self,
            TransportErrorKind::Connect | TransportErrorKind::Timeout | TransportErrorKind::Interrupted
        )
    }

    /// The kind of an I/O error met while connecting or exchanging: refused, unreachable or
    /// unresolvable is [`Connect`](Self::Connect), timed out is [`Timeout`](Self::Timeout), and
    /// anything else (closed, reset, cut short) is [`Interrupted`](Self::Interrupted). Drivers
    /// check for their TLS library's errors first.
    pub fn of_io_error(error: &std::io::Error) -> TransportErrorKind {
        use std::io::ErrorKind as K;
        match error.kind() {
            K::ConnectionRefused
            | K::AddrNotAvailable
            | K::NotFound
            | K::HostUnreachable
            | K::NetworkUnreachable => TransportErrorKind::Connect,
            K::TimedOut | K::WouldBlock => TransportErrorKind::Timeout,
            // The system resolver's failure ("failed to lookup address information") has no kind.
            _ if error.to_string().contains("lookup address") => TransportErrorKind::Connect,
            _ => TransportErrorKind::Interrupted,
        }
    }

    /// A stable name: `connect`, `timeout`, `interrupted`, `body_too_large`,
    /// `headers_too_large`, `tls`, `other`.
    pub const fn as_str(self) -> &'static str {
        match self {
            TransportErrorKind::Connect => "connect",
            TransportErrorKind::Timeout => "timeout",
            TransportErrorKind::Interrupted => "interrupted",
            TransportErrorKind::BodyTooLarge => "body_too_large",
            TransportErrorKind::HeadersTooLarge => "headers_too_large",
            TransportErrorKind::Tls => "tls",
            TransportErrorKind::Other => "other",
        }
    }
}

impl fmt::Display for TransportErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A request that got no complete HTTP response: its kind, the HTTP library's description (which
/// names the host, never a header or a body) and, when there is one, the library's error itself
/// as [`source`](std::error::Error::source).
///
/// ```
/// use std::error::Error as _;
/// use hec_proto::{TransportError, TransportErrorKind};
/// let io = std::io::Error::new(std::io::ErrorKind::ConnectionRefused, "refused");
/// let error = TransportError::new(TransportErrorKind::Connect, "connection failed").with_source(io);
/// assert_eq!(error.to_string(), "connect error: connection failed");
/// assert_eq!(error.kind(), TransportErrorKind::Connect);
/// assert_eq!(error.source().map(|e| e.to_string()), Some("refused".to_owned()));
/// assert!(error.source().is_some_and(|e| e.is::<std::io::Error>()));
/// ```
///
/// Its parts are read, never written:
///
/// ```compile_fail
/// let mut error = hec_proto::TransportError::new(hec_proto::TransportErrorKind::Connect, "refused");
/// error.kind = hec_proto::TransportErrorKind::Timeout;
/// ```
#[derive(Debug, Clone)]
pub struct TransportError {
    kind: TransportErrorKind,
    message: String,
    source: Option<Arc<dyn std::error::Error + Send + Sync + 'static>>,
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} error: {}", self.kind, self.message)
    }
}

impl std::error::Error for TransportError {
    /// The HTTP library's own error (not the `Arc` that shares it).
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source.as_deref().map(|source| source as &(dyn std::error::Error + 'static))
    }
}

impl TransportError {
    /// A transport error of this kind, described by `message`, with no underlying error.
    pub fn new(kind: TransportErrorKind, message: impl Into<String>) -> Self {
        TransportError { kind, message: message.into(), source: None }
    }

    /// Keeps the HTTP library's error as this one's `source()`.
    pub fn with_source(mut self, source: impl std::error::Error + Send + Sync + 'static) -> Self {
        self.source = Some(Arc::new(source));
        self
    }

    /// What kind of failure.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }

    /// The kind's stable name (`connect`, `timeout`, ...: [`TransportErrorKind::as_str`]), the
    /// same accessor as [`Error::kind_name`](crate::error::Error::kind_name) and
    /// [`ResponseError::kind_name`](crate::response_error::ResponseError::kind_name).
    pub fn kind_name(&self) -> &'static str {
        self.kind.as_str()
    }

    /// The HTTP library's description.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The description, for the redactor to rewrite in place (the kind and source stay).
    pub(crate) fn message_mut(&mut self) -> &mut String {
        &mut self.message
    }

    /// This error with the host it was talking to (`127.0.0.1:8080`, as an HTTP `Host` header
    /// writes it) at the start of its message, unless the message names it already: so that a
    /// connect, DNS or TLS error says where. Both drivers call it on every transport error.
    ///
    /// ```
    /// use hec_proto::{TransportError, TransportErrorKind};
    /// let error = TransportError::new(TransportErrorKind::Connect, "host not found").at_host("gw.example.com");
    /// assert_eq!(error.to_string(), "connect error: gw.example.com: host not found");
    /// ```
    pub fn at_host(mut self, host: &str) -> Self {
        if !host.is_empty() && !self.message.contains(host) {
            self.message = format!("{host}: {}", self.message);
        }
        self
    }
}

/// Equal when the kind and the description are: the underlying errors are not comparable.
impl PartialEq for TransportError {
    fn eq(&self, other: &Self) -> bool {
        self.kind == other.kind && self.message == other.message
    }
}

impl Eq for TransportError {}
