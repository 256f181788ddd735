//! `GET /app/hec-api/v1.0/event/{eventId}`: one security event by its id.

use crate::endpoint::{Endpoint, api_request, with_request_id_text};
use crate::wire::list::read_list;
use crate::{AccessToken, BaseUrl, Event, EventId, InvalidTokenHeader, RequestId, ResponseError};

/// One security event by its id (`GET /app/hec-api/v1.0/event/{eventId}`); see [`Endpoint`].
///
/// The service answers a list; an empty one is [`ResponseError::NotFound`] (its detail keeps
/// the HTTP status, usually 200). When a list holds several events, the first is the answer.
///
/// ```
/// use hec_proto::{Endpoint, GetEvent, RequestId};
/// let call = GetEvent::new("9c1d7e2f4a6b8c0d1e3f5a7b9c2d4e6f".parse()?);
/// assert_eq!(call.path(), "/app/hec-api/v1.0/event/9c1d7e2f4a6b8c0d1e3f5a7b9c2d4e6f");
/// let answer = http::Response::new(br#"{"responseEnvelope": {"responseCode": 200},
///     "responseData": [{"eventId": "9c1d7e2f4a6b8c0d1e3f5a7b9c2d4e6f", "severity": "2"}]}"#.to_vec());
/// assert_eq!(call.parse(&answer, RequestId::new())?.severity, Some(2));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetEvent {
    event_id: EventId,
}

impl GetEvent {
    /// A call for this event.
    pub fn new(event_id: EventId) -> Self {
        GetEvent { event_id }
    }

    /// The event asked about.
    pub fn event_id(&self) -> &EventId {
        &self.event_id
    }

    /// The path this call requests, below the base URL.
    pub fn path(&self) -> String {
        format!("/app/hec-api/v1.0/event/{}", self.event_id)
    }
}

impl Endpoint for GetEvent {
    type Output = Event;
    const METHOD: http::Method = http::Method::GET;
    const PATH_TEMPLATE: &'static str = "/app/hec-api/v1.0/event/{eventId}";

    /// `GET {base}/app/hec-api/v1.0/event/{eventId}`; no body.
    fn request(
        &self,
        base: &BaseUrl,
        token: &AccessToken,
        request_id: RequestId,
    ) -> Result<http::Request<Vec<u8>>, InvalidTokenHeader> {
        api_request(Self::METHOD, base, &self.path(), token, request_id, None)
    }

    /// The HTTP status, the envelope's `responseCode`, then the first event of `responseData`.
    fn parse<B: AsRef<[u8]>>(
        &self,
        response: &http::Response<B>,
        request_id: RequestId,
    ) -> Result<Event, ResponseError> {
        with_request_id_text(request_id, |id| read_list(response, Some(id))?.into_first(response, Some(id)))
    }
}
