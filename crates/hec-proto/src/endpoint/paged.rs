//! The paged-query family: one page of a query whose answers come in pages, each next page asked
//! for with the previous page's cursor and the same query.

use std::borrow::Cow;

use serde::de::DeserializeOwned;

use crate::base_url::BaseUrl;
use crate::endpoint::{Endpoint, api_request, with_request_id_text};
use crate::model::page::Page;
use crate::request_id::RequestId;
use crate::response_error::ResponseError;
use crate::secret::AccessToken;
use crate::secret::InvalidTokenHeader;
use crate::wire::list::read_list;

/// Where an answer says the next page starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CursorField {
    /// `responseEnvelope.scrollId`, as sent (searches and event queries).
    ScrollId,
    /// `lastEvaluatedKey` (the security-tool exception list, whose answer is not documented):
    /// the first non-empty text of a top-level `lastEvaluatedKey`, the envelope's
    /// `lastEvaluatedKey` and its `scrollId`; else `scrollId` as sent (`""`, `null` or absent
    /// end the paging).
    LastEvaluatedKey,
}

/// A query whose answer comes in pages: how and where it is sent, its body at a cursor, and
/// where an answer puts the next cursor. Implemented by [`EntityQuery`](crate::EntityQuery)
/// ([`SearchEntities`](super::SearchEntities)), [`EventQuery`](crate::EventQuery)
/// ([`SearchEvents`](super::SearchEvents)) and
/// [`ToolExceptionQuery`](crate::model::ToolExceptionQuery)
/// ([`ListToolExceptions`](super::ListToolExceptions)); a new paged endpoint is one more
/// implementation.
pub trait PagedQuery: Clone {
    /// What one page holds.
    type Item: DeserializeOwned;
    /// The HTTP method: `POST` unless the endpoint says otherwise (a `GET` may carry the body).
    const METHOD: http::Method = http::Method::POST;
    /// The path below the base URL, e.g. `/app/hec-api/v1.0/search/query`; with placeholders
    /// (`{sectool}`) when the query fills them in ([`PagedQuery::path`]). Logs show it.
    const PATH: &'static str;
    /// Where an answer puts the next page's cursor.
    const CURSOR: CursorField = CursorField::ScrollId;

    /// The JSON body of the request for the page at `cursor` (`None` for the first page).
    fn request_body(&self, cursor: Option<&str>) -> Vec<u8>;

    /// The path the query's requests go to: [`PagedQuery::PATH`] unless the query fills in
    /// placeholders (with validated values only).
    fn path(&self) -> Cow<'_, str> {
        Cow::Borrowed(Self::PATH)
    }
}

/// One page of a [`PagedQuery`] (`{METHOD} {path}` with a JSON body); see [`Endpoint`]. The
/// first page has no cursor; each next one carries the previous page's. [`Pager`](crate::policy::Pager)
/// makes these.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paged<Q> {
    /// What to look for.
    pub query: Q,
    /// The previous page's cursor; `None` for the first page.
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
    const METHOD: http::Method = Q::METHOD;
    const PATH_TEMPLATE: &'static str = Q::PATH;

    /// `{METHOD} {base}{path}` with the query's body at this cursor.
    fn request(
        &self,
        base: &BaseUrl,
        token: &AccessToken,
        request_id: RequestId,
    ) -> Result<http::Request<Vec<u8>>, InvalidTokenHeader> {
        let body = self.query.request_body(self.cursor.as_deref());
        api_request(Self::METHOD, base, &self.query.path(), token, request_id, Some(body))
    }

    /// The HTTP status, the envelope's `responseCode`, then `responseData` as a list of items;
    /// the page's cursor is where [`PagedQuery::CURSOR`] says.
    fn parse<B: AsRef<[u8]>>(
        &self,
        response: &http::Response<B>,
        request_id: RequestId,
    ) -> Result<Page<Q::Item>, ResponseError> {
        with_request_id_text(request_id, |id| read_list(response, Some(id)))
            .map(|list| list.into_page(Q::CURSOR))
    }
}
