//! The paged-query family: one page of a query whose answers come in pages, each next page asked
//! for with the previous page's cursor and the same query. A page's cursor (`scrollId` or
//! `lastEvaluatedKey`) is capped at [`MAX_CURSOR_BYTES`]: a longer one is a malformed answer,
//! never kept nor sent back.

use std::borrow::Cow;

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

/// The longest cursor (`scrollId` or `lastEvaluatedKey`) a page may carry, in bytes: 64 KiB.
/// Live cursors are a few hundred bytes; a longer one is refused as a malformed answer (at the
/// field it came from, e.g. `responseEnvelope.scrollId`) rather than kept and sent back with every
/// next request.
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

    /// The id that names `item` among the results, if it has one: a
    /// [`Paging`](crate::policy::Paging) hands out an item with an id it handed out before
    /// only once. `None` (the default): every item is handed out.
    fn item_id(item: &Self::Item) -> Option<&str> {
        let _ = item;
        None
    }

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
    /// the page's cursor is where [`PagedQuery::CURSOR`] says. A cursor longer than
    /// [`MAX_CURSOR_BYTES`] is [`ResponseError::Malformed`] at the field it came from.
    fn parse<B: AsRef<[u8]>>(
        &self,
        response: &http::Response<B>,
        request_id: RequestId,
    ) -> Result<Page<Q::Item>, ResponseError> {
        with_request_id_text(request_id, |id| read_page(response, Some(id), Q::CURSOR))
    }
}

/// Reads a paged answer as [`read_list`] does, the page's cursor read from the field `field`
/// names: the envelope's `scrollId` as sent, or (for [`CursorField::LastEvaluatedKey`]) the first
/// non-empty text of a top-level `lastEvaluatedKey`, the envelope's `lastEvaluatedKey` and its
/// `scrollId`, else `scrollId` as sent. The cursor is at most [`MAX_CURSOR_BYTES`], whichever
/// field it came from; the error about a longer one does not carry it.
fn read_page<T: DeserializeOwned, B: AsRef<[u8]>>(
    response: &http::Response<B>,
    sent_request_id: Option<&str>,
    field: CursorField,
) -> Result<Page<T>, ResponseError> {
    let List { mut envelope, items, last_evaluated_key } = read_list(response, sent_request_id)?;
    let scroll_id = envelope.as_mut().and_then(|envelope| envelope.scroll_id.take());
    let envelope_key = envelope.as_mut().and_then(|envelope| envelope.last_evaluated_key.take());
    let at_scroll_id = ("responseEnvelope.scrollId", scroll_id.as_deref());
    let (path, cursor) = match field {
        CursorField::ScrollId => at_scroll_id,
        CursorField::LastEvaluatedKey => [
            ("lastEvaluatedKey", last_evaluated_key.as_deref()),
            ("responseEnvelope.lastEvaluatedKey", envelope_key.as_deref()),
            at_scroll_id,
        ]
        .into_iter()
        .find(|(_, key)| key.is_some_and(|key| !key.is_empty()))
        .unwrap_or(at_scroll_id),
    };
    if let Some(reason) = cursor.and_then(cursor_too_long) {
        let body = response.body().as_ref();
        return Err(ResponseError::Malformed {
            path: path.to_owned(),
            reason,
            detail: detail_with(response.status(), body, sent_request_id, envelope.as_ref(), None),
        });
    }
    let cursor = cursor.map(str::to_owned);
    if let Some(envelope) = envelope.as_mut() {
        envelope.scroll_id = scroll_id;
        envelope.last_evaluated_key = envelope_key;
    }
    let mut page = Page::new(items, cursor);
    page.envelope = envelope;
    Ok(page)
}
