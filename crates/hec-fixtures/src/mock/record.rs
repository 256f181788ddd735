//! What the mock saw: every request, in arrival order, faulted or not.

/// One request as the mock received it.
///
/// Recorded when the request (head and body) has arrived, before any fault or answer, so a
/// request that was answered with a fault or a closed connection is in the log too.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct RecordedRequest {
    /// The request method.
    pub method: http::Method,
    /// The path with its query, if any: `/app/hec-api/v1.0/task/42?scope=farm:customer`.
    pub path: String,
    /// Every request header, as received.
    pub headers: http::HeaderMap,
    /// The body bytes (empty when the request had none, or when it exceeded the mock's limit of
    /// [`MAX_REQUEST_BODY`] bytes and was answered with 413).
    pub body: Vec<u8>,
}

/// The largest request body the mock reads; a larger one gets HTTP 413.
pub const MAX_REQUEST_BODY: usize = 1024 * 1024;

impl RecordedRequest {
    /// The value of header `name` (case-insensitive) as text, if it is present and is visible
    /// ASCII. With several values, the first one.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }
}
