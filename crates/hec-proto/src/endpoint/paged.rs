//! The paged-query family: one page of a query whose answers come in pages, each next page asked
//! for with the previous page's `scrollId` and the same query.

use serde::de::DeserializeOwned;

use crate::base_url::BaseUrl;
use crate::endpoint::list::read_list;
use crate::endpoint::{Endpoint, api_request, with_request_id_text};
use crate::model::page::Page;
use crate::request_id::RequestId;
use crate::response_error::ResponseError;
use crate::secret::AccessToken;
use crate::secret::InvalidTokenHeader;

/// A query whose answer comes in pages: where it is sent, and its body at a cursor. Implemented
/// by [`EntityQuery`](crate::EntityQuery) ([`SearchEntities`](super::SearchEntities)) and
/// [`EventQuery`](crate::EventQuery) ([`SearchEvents`](super::SearchEvents)); a new paged
/// endpoint is one more implementation.
pub trait PagedQuery: Clone {
    /// What one page holds.
    type Item: DeserializeOwned;
    /// The path below the base URL, e.g. `/app/hec-api/v1.0/search/query`.
    const PATH: &'static str;

    /// The JSON body of the request for the page at `cursor` (`None` for the first page).
    fn request_body(&self, cursor: Option<&str>) -> Vec<u8>;
}

/// One page of a [`PagedQuery`] (`POST {PATH}`); see [`Endpoint`]. The first page has no cursor;
/// each next one carries the previous page's `scrollId`. [`Pager`](crate::policy::Pager) makes
/// these.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paged<Q> {
    /// What to look for.
    pub query: Q,
    /// The previous page's `scrollId`; `None` for the first page.
    pub cursor: Option<String>,
}

impl<Q> Paged<Q> {
    /// The first page of `query`.
    pub fn new(query: Q) -> Self {
        Paged { query, cursor: None }
    }

    /// The page of `query` at `cursor`.
    pub fn at(query: Q, cursor: Option<String>) -> Self {
        Paged { query, cursor }
    }
}

impl<Q: PagedQuery> Endpoint for Paged<Q> {
    type Output = Page<Q::Item>;
    const METHOD: http::Method = http::Method::POST;
    const PATH_TEMPLATE: &'static str = Q::PATH;

    /// `POST {base}{PATH}` with the query's body at this cursor.
    fn request(
        &self,
        base: &BaseUrl,
        token: &AccessToken,
        request_id: RequestId,
    ) -> Result<http::Request<Vec<u8>>, InvalidTokenHeader> {
        let body = self.query.request_body(self.cursor.as_deref());
        api_request(Self::METHOD, base, Q::PATH, token, request_id, Some(body))
    }

    /// The HTTP status, the envelope's `responseCode`, then `responseData` as a list of items;
    /// the page's cursor is the envelope's `scrollId`.
    fn parse<B: AsRef<[u8]>>(
        &self,
        response: &http::Response<B>,
        request_id: RequestId,
    ) -> Result<Page<Q::Item>, ResponseError> {
        with_request_id_text(request_id, |id| read_list(response, Some(id))).map(|list| list.into_page())
    }
}
