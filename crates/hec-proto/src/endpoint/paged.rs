//! The paged-query family: one page of a query whose answers come in pages, each next page asked
//! for with the previous page's `scrollId` and the same query. A page's cursor is capped at
//! [`MAX_CURSOR_BYTES`]: a longer one is a malformed answer, never kept nor sent back.

use serde::de::DeserializeOwned;

use crate::base_url::BaseUrl;
use crate::endpoint::list::{List, read_list};
use crate::endpoint::response::detail_with;
use crate::endpoint::{Endpoint, api_request, with_request_id_text};
use crate::model::page::Page;
use crate::request_id::RequestId;
use crate::response_error::ResponseError;
use crate::secret::AccessToken;
use crate::secret::InvalidTokenHeader;

/// The longest cursor (`scrollId`) a page may carry, in bytes: 64 KiB. Live cursors are a few
/// hundred bytes; a longer one is refused as a malformed answer (at `responseEnvelope.scrollId`)
/// rather than kept and sent back with every next request.
pub const MAX_CURSOR_BYTES: usize = 64 * 1024;

/// Why `cursor` cannot be kept, if it cannot: it is longer than [`MAX_CURSOR_BYTES`].
pub(crate) fn cursor_too_long(cursor: &str) -> Option<String> {
    (cursor.len() > MAX_CURSOR_BYTES).then(|| {
        format!(
            "the cursor has {} bytes, more than the {MAX_CURSOR_BYTES} bytes (64 KiB) a cursor may have",
            cursor.len()
        )
    })
}

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
    /// the page's cursor is the envelope's `scrollId` as sent. A cursor longer than
    /// [`MAX_CURSOR_BYTES`] is [`ResponseError::Malformed`] at `responseEnvelope.scrollId`.
    fn parse<B: AsRef<[u8]>>(
        &self,
        response: &http::Response<B>,
        request_id: RequestId,
    ) -> Result<Page<Q::Item>, ResponseError> {
        with_request_id_text(request_id, |id| read_page(response, Some(id)))
    }
}

/// Reads a paged answer as [`read_list`] does, the page's cursor the envelope's `scrollId` (at
/// most [`MAX_CURSOR_BYTES`]; the error about a longer one does not carry it).
fn read_page<T: DeserializeOwned, B: AsRef<[u8]>>(
    response: &http::Response<B>,
    sent_request_id: Option<&str>,
) -> Result<Page<T>, ResponseError> {
    let List { mut envelope, items } = read_list(response, sent_request_id)?;
    let cursor = envelope.as_mut().and_then(|envelope| envelope.scroll_id.take());
    if let Some(reason) = cursor.as_deref().and_then(cursor_too_long) {
        let body = response.body().as_ref();
        return Err(ResponseError::Malformed {
            path: "responseEnvelope.scrollId".to_owned(),
            reason,
            detail: detail_with(response.status(), body, sent_request_id, envelope.as_ref(), None),
        });
    }
    if let Some(envelope) = envelope.as_mut() {
        envelope.scroll_id.clone_from(&cursor);
    }
    let mut page = Page::new(items, cursor);
    page.envelope = envelope;
    Ok(page)
}
