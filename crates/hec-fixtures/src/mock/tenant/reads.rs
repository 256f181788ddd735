//! How the tenant's read endpoints answer, whatever they hold: a paged query over a list of
//! records, and one record by id.

use bytes::Bytes;
use http::Response;
use serde_json::{Map, Value};

use super::page::Cursor;
use crate::mock::api;

/// Answers a paged query: `requestData`, then its conditions (`parse`), then its cursor; a page
/// of the `records` that `matches` keeps. A query or cursor that cannot be read is the live
/// service's logical failure (422 inside 200).
pub(super) fn page_of<Q>(
    records: &[Value],
    request_id: &str,
    body: &[u8],
    parse: impl FnOnce(&Map<String, Value>) -> Result<Q, String>,
    matches: impl Fn(&Q, &Value) -> bool,
) -> Response<Bytes> {
    let data = match api::request_data(body) {
        Ok(data) => data,
        Err(refusal) => return *refusal,
    };
    let (query, cursor) = match parse(&data).and_then(|query| Ok((query, Cursor::of(&data)?))) {
        Ok(read) => read,
        Err(why) => return api::logical_failure(request_id, &why),
    };
    let results: Vec<&Value> = records.iter().filter(|record| matches(&query, record)).collect();
    let page = cursor.page(results);
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
