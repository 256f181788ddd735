//! Scenarios of a gateway that pages without end: every page carries a new cursor. A search
//! cannot tell an endless result from a huge one, so it pages on until the caller stops reading
//! (its memory does not grow: hec-proto's `tests/pager_memory.rs` measures that); a cursor past
//! [`MAX_CURSOR_BYTES`] ends it with an error that names the cap. Read scenarios, re-exported
//! from [`super::reads`].

use std::time::SystemTime;

use hec_proto::endpoint::{Endpoint, MAX_CURSOR_BYTES, SearchEntities};
use hec_proto::{EntityQuery, ResponseError, ResponseErrorKind};

use super::{Harness, ReadDriver};
use crate::mock::{Fault, FaultRule, RecordedRequest};

/// The path of entity searches.
const SEARCH_PATH: &str = <SearchEntities as Endpoint>::PATH_TEMPLATE;

fn query() -> EntityQuery {
    EntityQuery::new("office365_emails", SystemTime::UNIX_EPOCH)
}

/// The `requestData.scrollId` a search request carried, if any.
fn sent_cursor(request: &RecordedRequest) -> Option<String> {
    let body: serde_json::Value = serde_json::from_slice(&request.body).expect("a JSON body");
    body["requestData"]["scrollId"].as_str().map(str::to_owned)
}

/// Every page's cursor has 100 KiB, past the 64 KiB cap: the first page ends the search with a
/// malformed-answer error at `responseEnvelope.scrollId` that names the cap, and no second page
/// is asked for (a caller taking 50 items gets that one error).
pub fn a_page_whose_cursor_passes_the_cap_ends_the_search_with_an_error_naming_it<D: ReadDriver>(
    h: &mut Harness<D>,
) {
    h.mock.fault(FaultRule::on_path(SEARCH_PATH).always().then(Fault::NewCursorPage(100 * 1024)));
    let client = h.client();
    let mut items = client.search_entities(query()).take(50).collect::<Vec<_>>();
    check_eq!(items.len(), 1, "{items:?}");
    let error = match items.remove(0) {
        Ok(entity) => panic!("expected the malformed page, got {entity:?}"),
        Err(error) => h.seen(error),
    };
    let Some(ResponseError::Malformed { path, reason, .. }) = error.response_error() else {
        panic!("expected a malformed answer, got {error:?}");
    };
    check_eq!(path, "responseEnvelope.scrollId");
    check_eq!(
        reason,
        &format!(
            "the cursor has {} bytes, more than the {MAX_CURSOR_BYTES} bytes (64 KiB) a cursor may have",
            100 * 1024
        )
    );
    check_eq!(error.response_error().map(ResponseError::kind), Some(ResponseErrorKind::Malformed));
    check_eq!(h.mock.requests_to(SEARCH_PATH).len(), 1);
}

/// Every page has one item and a new 60 KiB cursor: the search pages on, each request carrying
/// the last page's cursor, until the caller has read the 200 items it wanted; no more pages are
/// asked for.
pub fn a_gateway_sending_a_new_cursor_with_every_page_is_paged_until_the_caller_stops<D: ReadDriver>(
    h: &mut Harness<D>,
) {
    h.mock.fault(FaultRule::on_path(SEARCH_PATH).always().then(Fault::NewCursorPage(60 * 1024)));
    let client = h.client();
    let items = client.search_entities(query()).take(200).collect::<Vec<_>>();
    let failed: Vec<String> =
        items.iter().filter_map(|item| item.as_ref().err()).map(ToString::to_string).collect();
    assert!(failed.is_empty(), "the failed items: expected none, got {failed:?}");
    check_eq!(items.len(), 200);
    let sent: Vec<Option<String>> = h.mock.requests_to(SEARCH_PATH).iter().map(sent_cursor).collect();
    check_eq!(sent.len(), 200);
    check_eq!(sent[0], None);
    let lengths: Vec<Option<usize>> =
        sent[1..].iter().map(|cursor| cursor.as_ref().map(String::len)).collect();
    check_eq!(lengths, vec![Some(60 * 1024); 199], "the length of the cursor each later page was asked with");
    let distinct: std::collections::HashSet<&Option<String>> = sent.iter().collect();
    check_eq!(distinct.len(), 200, "each page asked for with the cursor of the page before");
}
