//! `POST /app/hec-api/v1.0/event/query`: one page of a security event query.

use crate::endpoint::{Endpoint, api_request, with_request_id_text};
use crate::wire::list::read_page;
use crate::{
    AccessToken, BaseUrl, Event, EventQuery, InvalidToken, Page, PagedQuery, RequestId, ResponseError,
};

/// One page of a query for security events (`POST /app/hec-api/v1.0/event/query`); see
/// [`Endpoint`]. Paged like a search: the previous page's `scrollId` goes back as
/// `requestData.scrollId` with the same query. [`Pager`](crate::Pager) makes these.
///
/// ```
/// use std::time::{Duration, SystemTime};
/// use hec_proto::{AccessToken, Endpoint, EventQuery, QueryEvents, Region, RequestId};
/// let start = SystemTime::UNIX_EPOCH + Duration::from_secs(1_795_255_200);
/// let mut call = QueryEvents::new(EventQuery::new(start).event_type("phishing").severity(5));
/// call.cursor = Some("c2".to_owned());
/// let request = call.request(&Region::Eu.base_url(), &AccessToken::new("made-up"), RequestId::new())?;
/// assert_eq!(request.uri().path(), "/app/hec-api/v1.0/event/query");
/// assert_eq!(
///     std::str::from_utf8(request.body())?,
///     r#"{"requestData":{"startDate":"2026-11-21T10:00:00Z","eventTypes":["phishing"],"severities":[5],"scrollId":"c2"}}"#
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryEvents {
    /// What to look for.
    pub query: EventQuery,
    /// The previous page's `scrollId`; `None` for the first page.
    pub cursor: Option<String>,
}

impl QueryEvents {
    /// The first page of `query`.
    pub fn new(query: EventQuery) -> Self {
        QueryEvents { query, cursor: None }
    }
}

impl Endpoint for QueryEvents {
    type Output = Page<Event>;
    const METHOD: http::Method = http::Method::POST;
    const PATH_TEMPLATE: &'static str = "/app/hec-api/v1.0/event/query";

    /// `POST {base}/app/hec-api/v1.0/event/query` with `{"requestData": {"startDate", ...,
    /// "scrollId"}}`.
    fn request(
        &self,
        base: &BaseUrl,
        token: &AccessToken,
        request_id: RequestId,
    ) -> Result<http::Request<Vec<u8>>, InvalidToken> {
        let body = self.query.request_body(self.cursor.as_deref());
        api_request(Self::METHOD, base, Self::PATH_TEMPLATE, token, request_id, Some(body))
    }

    /// The HTTP status, the envelope's `responseCode`, then `responseData` as a list of events;
    /// the page's cursor is the envelope's `scrollId`.
    fn parse<B: AsRef<[u8]>>(
        &self,
        response: &http::Response<B>,
        request_id: RequestId,
    ) -> Result<Page<Event>, ResponseError> {
        with_request_id_text(request_id, |id| read_page(response, Some(id)))
    }
}

/// An event query's pages are [`QueryEvents`] calls.
impl PagedQuery for EventQuery {
    type Item = Event;
    type Call = QueryEvents;

    fn page_call(&self, cursor: Option<String>) -> QueryEvents {
        QueryEvents { query: self.clone(), cursor }
    }
}
