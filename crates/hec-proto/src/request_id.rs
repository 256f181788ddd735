//! `RequestId`: the `x-av-req-id` a client sends with every request.

use std::fmt;
use std::str::FromStr;

use uuid::Uuid;

/// The request id sent as `x-av-req-id`: a UUID v4, fresh for every request. The gateway echoes
/// it as `responseEnvelope.requestId`, so it ties a response, a log line and a support ticket
/// together.
///
/// ```
/// use hec_proto::RequestId;
/// let a = RequestId::new();
/// assert_ne!(a, RequestId::new());
/// assert_eq!(a.as_uuid().get_version_num(), 4);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RequestId(Uuid);

impl RequestId {
    /// A fresh random v4 id.
    pub fn new() -> Self {
        let mut bytes = [0u8; 16];
        bytes[..8].copy_from_slice(&crate::entropy::random_u64().to_le_bytes());
        bytes[8..].copy_from_slice(&crate::entropy::random_u64().to_le_bytes());
        RequestId(uuid::Builder::from_random_bytes(bytes).into_uuid())
    }

    /// An id built from a caller's own UUID (for reproducible tests, or to reuse a caller's
    /// correlation id).
    pub const fn from_uuid(uuid: Uuid) -> Self {
        RequestId(uuid)
    }

    /// The UUID.
    pub const fn as_uuid(&self) -> &Uuid {
        &self.0
    }

    /// The id as a header value (the lowercase hyphenated UUID).
    pub fn header_value(&self) -> http::HeaderValue {
        let mut buffer = [0u8; uuid::fmt::Hyphenated::LENGTH];
        let text = self.0.hyphenated().encode_lower(&mut buffer);
        http::HeaderValue::from_str(text).expect("a hyphenated UUID is a valid header value")
    }
}

impl Default for RequestId {
    fn default() -> Self {
        RequestId::new()
    }
}

impl fmt::Display for RequestId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0.hyphenated(), f)
    }
}

impl FromStr for RequestId {
    type Err = uuid::Error;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Uuid::parse_str(text).map(RequestId)
    }
}

impl From<Uuid> for RequestId {
    fn from(uuid: Uuid) -> Self {
        RequestId(uuid)
    }
}
