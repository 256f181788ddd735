//! `POST /app/hec-api/v1.0/search/query`: one page of an entity search.

use crate::endpoint::{Endpoint, api_request, with_request_id_text};
use crate::wire::list::read_page;
use crate::{
    AccessToken, BaseUrl, Entity, EntityQuery, InvalidToken, Page, PagedQuery, RequestId, ResponseError,
};

/// One page of a search for entities (`POST /app/hec-api/v1.0/search/query`); see [`Endpoint`].
/// The first page has no cursor; each next one sends the previous page's `scrollId` back as
/// `requestData.scrollId` with the same filter and dates. [`Pager`](crate::Pager) makes these.
///
/// ```
/// use std::time::{Duration, SystemTime};
/// use hec_proto::{AccessToken, Endpoint, EntityQuery, Region, RequestId, SearchEntities};
/// let start = SystemTime::UNIX_EPOCH + Duration::from_secs(1_795_255_200);
/// let call = SearchEntities::new(EntityQuery::new("google_mail", start).from_is("a@example.com"));
/// let request = call.request(&Region::Eu.base_url(), &AccessToken::new("made-up"), RequestId::new())?;
/// assert_eq!(request.method(), "POST");
/// assert_eq!(request.uri().path(), "/app/hec-api/v1.0/search/query");
/// assert_eq!(
///     std::str::from_utf8(request.body())?,
///     r#"{"requestData":{"entityFilter":{"saas":"google_mail","saasEntity":"google_mail_email","startDate":"2026-11-21T10:00:00Z"},"entityExtendedFilter":[{"saasAttrName":"entityPayload.fromEmail","saasAttrOp":"is","saasAttrValue":"a@example.com"}]}}"#
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchEntities {
    /// What to look for.
    pub query: EntityQuery,
    /// The previous page's `scrollId`; `None` for the first page.
    pub cursor: Option<String>,
}

impl SearchEntities {
    /// The first page of `query`.
    pub fn new(query: EntityQuery) -> Self {
        SearchEntities { query, cursor: None }
    }
}

impl Endpoint for SearchEntities {
    type Output = Page<Entity>;
    const METHOD: http::Method = http::Method::POST;
    const PATH_TEMPLATE: &'static str = "/app/hec-api/v1.0/search/query";

    /// `POST {base}/app/hec-api/v1.0/search/query` with `{"requestData": {"entityFilter",
    /// "entityExtendedFilter", "scrollId"}}`.
    fn request(
        &self,
        base: &BaseUrl,
        token: &AccessToken,
        request_id: RequestId,
    ) -> Result<http::Request<Vec<u8>>, InvalidToken> {
        let body = self.query.request_body(self.cursor.as_deref());
        api_request(Self::METHOD, base, Self::PATH_TEMPLATE, token, request_id, Some(body))
    }

    /// The HTTP status, the envelope's `responseCode`, then `responseData` as a list of entities;
    /// the page's cursor is the envelope's `scrollId`.
    fn parse<B: AsRef<[u8]>>(
        &self,
        response: &http::Response<B>,
        request_id: RequestId,
    ) -> Result<Page<Entity>, ResponseError> {
        with_request_id_text(request_id, |id| read_page(response, Some(id)))
    }
}

/// A search's pages are [`SearchEntities`] calls.
impl PagedQuery for EntityQuery {
    type Item = Entity;
    type Call = SearchEntities;

    fn page_call(&self, cursor: Option<String>) -> SearchEntities {
        SearchEntities { query: self.clone(), cursor }
    }
}
