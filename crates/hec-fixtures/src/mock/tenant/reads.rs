//! How the tenant's read endpoints answer, whatever they hold: a paged query over a list of
//! records, and one record by id.

use std::time::Instant;

use bytes::Bytes;
use http::{Response, StatusCode};
use serde_json::{Map, Value};

use super::page::Cursor;
use super::scrolls::Scrolls;
use crate::mock::{answer, api};

/// How a tenant pages: the size of a page, and the cursors it has handed out.
#[derive(Debug)]
pub(super) struct Paging {
    pub(super) page_size: usize,
    pub(super) scrolls: Scrolls,
}

/// Answers a paged query at `now` (the monotonic clock, and the wall clock): `requestData`,
/// then its conditions (`parse`), then its cursor; a page of the records `select` finds for the
/// conditions among those that had arrived by the scroll's query time (the wall clock of its
/// first page), in order. A query or cursor that cannot be read is the live service's logical
/// failure (422 inside 200); a cursor of this query that is no longer valid (see [`Scrolls`])
/// gets 400 `{"detail": "Invalid scroll"}`.
pub(super) fn page_of<'r, Q>(
    paging: &mut Paging,
    (now, wall): (Instant, jiff::Timestamp),
    (request_id, body): (&str, &[u8]),
    parse: impl FnOnce(&Map<String, Value>) -> Result<Q, String>,
    select: impl FnOnce(&Q, jiff::Timestamp) -> Vec<&'r Value>,
) -> Response<Bytes> {
    let data = match api::request_data(body) {
        Ok(data) => data,
        Err(refusal) => return *refusal,
    };
    let (query, cursor) = match parse(&data).and_then(|query| Ok((query, Cursor::of(&data)?))) {
        Ok(read) => read,
        Err(why) => return api::logical_failure(request_id, &why),
    };
    let mut as_of = wall;
    if cursor.is_continuation() {
        let sent = data.get("scrollId").and_then(Value::as_str).unwrap_or_default();
        match paging.scrolls.as_of(sent, now) {
            Some(time) => as_of = time,
            None => {
                return answer::json(
                    StatusCode::BAD_REQUEST,
                    &serde_json::json!({"detail": "Invalid scroll"}),
                );
            }
        }
    }
    let page = cursor.page(select(&query, as_of), paging.page_size);
    paging.scrolls.issue(&page.scroll_id, now, as_of);
    api::success(request_id, page.total as u64, &page.scroll_id, &page.items)
}

/// Answers a read by id: `[record]`, `[]` for an unknown id, a logical failure for an id no
/// `kind` (`entity`, `event`) can have.
pub(super) fn one<'r>(
    request_id: &str,
    kind: &str,
    id: &str,
    find: impl FnOnce(&str) -> Option<&'r Value>,
) -> Response<Bytes> {
    if !api::is_id(id) {
        return api::logical_failure(request_id, &format!("invalid {kind} id"));
    }
    match find(id) {
        Some(record) => api::success(request_id, 1, "", &[record]),
        None => api::success(request_id, 0, "", &[(); 0]),
    }
}
