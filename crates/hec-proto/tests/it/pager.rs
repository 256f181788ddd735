//! `Pager`: the request of every page, and each way paging ends.

use std::time::{Duration, SystemTime};

use hec_proto::endpoint::{Endpoint, MAX_CURSOR_BYTES, SearchEntities, SearchEvents};
use hec_proto::policy::{CURSORS_REMEMBERED, Pager, PagerEnd};
use hec_proto::{Entity, EntityQuery, Event, EventQuery, Page, ResponseError};

fn query() -> EntityQuery {
    EntityQuery::new("office365_emails", SystemTime::UNIX_EPOCH + Duration::from_secs(1_795_255_200))
        .from_is("payroll@evil.example")
}

fn entities(count: usize) -> Vec<Entity> {
    (0..count).map(|_| serde_json::from_str("{}").unwrap()).collect()
}

fn page(count: usize, cursor: Option<&str>) -> Page<Entity> {
    Page::new(entities(count), cursor.map(str::to_owned))
}

/// Feeds `pages` in turn, collecting the cursor of every call the pager asked for, until it
/// asks for none (or the pages run out, which fails the test).
fn walk(pages: &[Page<Entity>]) -> (Vec<Option<String>>, Pager<EntityQuery>) {
    let mut pager = Pager::new(query());
    let mut asked = Vec::new();
    let mut pages = pages.iter();
    while let Some(call) = pager.poll_call() {
        assert_eq!(call.query, query(), "every page is asked for with the same query");
        asked.push(call.cursor);
        pager.handle_page(pages.next().expect("the pager asked for more pages than the test has"));
    }
    (asked, pager)
}

fn cursors(texts: &[Option<&str>]) -> Vec<Option<String>> {
    texts.iter().map(|text| text.map(str::to_owned)).collect()
}

#[test]
fn an_empty_cursor_ends_paging() {
    let (asked, pager) = walk(&[page(4, Some("c1")), page(4, Some("c2")), page(2, Some(""))]);
    assert_eq!(asked, cursors(&[None, Some("c1"), Some("c2")]));
    assert_eq!((pager.pages(), pager.end(), pager.is_done()), (3, Some(PagerEnd::EmptyCursor), true));
}

#[test]
fn a_null_cursor_ends_paging() {
    let (asked, pager) = walk(&[page(4, Some("c1")), page(1, None)]);
    assert_eq!(asked, cursors(&[None, Some("c1")]));
    assert_eq!((pager.pages(), pager.end()), (2, Some(PagerEnd::NoCursor)));
}

#[test]
fn a_missing_cursor_on_the_first_page_ends_paging_after_it() {
    // An answer without scrollId parses to the same `None` as `null`.
    let answer =
        http::Response::new(br#"{"responseEnvelope": {"responseCode": 200}, "responseData": [{}]}"#.to_vec());
    let parsed = SearchEntities::new(query()).parse(&answer, hec_proto::RequestId::new()).unwrap();
    let (asked, pager) = walk(&[parsed]);
    assert_eq!(asked, cursors(&[None]));
    assert_eq!((pager.pages(), pager.end()), (1, Some(PagerEnd::NoCursor)));
}

#[test]
fn a_repeated_cursor_ends_paging_even_when_not_the_last_one() {
    let (asked, pager) = walk(&[page(4, Some("c1")), page(4, Some("c2")), page(4, Some("c1"))]);
    assert_eq!(asked, cursors(&[None, Some("c1"), Some("c2")]));
    assert_eq!((pager.pages(), pager.end()), (3, Some(PagerEnd::RepeatedCursor)));
    let (asked, pager) = walk(&[page(4, Some("same")), page(4, Some("same"))]);
    assert_eq!(asked, cursors(&[None, Some("same")]));
    assert_eq!(pager.end(), Some(PagerEnd::RepeatedCursor));
}

#[test]
fn an_empty_page_ends_paging_whatever_its_cursor() {
    let (asked, pager) = walk(&[page(4, Some("c1")), page(0, Some("c2"))]);
    assert_eq!(asked, cursors(&[None, Some("c1")]));
    assert_eq!((pager.pages(), pager.end()), (2, Some(PagerEnd::EmptyPage)));
    let (_, first_empty) = walk(&[page(0, Some("c1"))]);
    assert_eq!((first_empty.pages(), first_empty.end()), (1, Some(PagerEnd::EmptyPage)));
}

#[test]
fn the_next_call_is_the_same_until_a_page_is_fed() {
    let mut pager = Pager::new(query());
    pager.handle_page(&page(1, Some("c1")));
    let again: Vec<SearchEntities> = (0..2).filter_map(|_| pager.poll_call()).collect();
    assert_eq!(again.len(), 2);
    assert_eq!(again[0], again[1]);
    assert_eq!(again[0].cursor.as_deref(), Some("c1"));
}

#[test]
fn stop_ends_paging_and_later_pages_are_ignored() {
    let mut pager = Pager::new(query());
    pager.handle_page(&page(2, Some("c1")));
    pager.stop();
    assert!(pager.poll_call().is_none());
    pager.handle_page(&page(2, Some("c2")));
    assert_eq!((pager.pages(), pager.end()), (1, Some(PagerEnd::Stopped)));
    // Stopping an ended pager keeps the first reason.
    let mut ended = Pager::new(query());
    ended.handle_page(&page(1, None));
    ended.stop();
    assert_eq!(ended.end(), Some(PagerEnd::NoCursor));
}

#[test]
fn event_queries_page_the_same_way() {
    let mut pager = Pager::new(EventQuery::new(SystemTime::UNIX_EPOCH).event_type("phishing"));
    assert_eq!(pager.poll_call().unwrap().cursor, None);
    let events: Vec<Event> = vec![serde_json::from_str(r#"{"severity": "3"}"#).unwrap()];
    pager.handle_page(&Page::new(events.clone(), Some("e1".to_owned())));
    let second = pager.poll_call().unwrap();
    assert_eq!(second.cursor.as_deref(), Some("e1"));
    assert_eq!(second.query.event_types(), ["phishing"]);
    pager.handle_page(&Page::new(events, Some(String::new())));
    assert_eq!((pager.poll_call(), pager.end()), (None, Some(PagerEnd::EmptyCursor)));
}

/// A cursor of `bytes` bytes, starting with `tag`.
fn long_cursor(tag: &str, bytes: usize) -> String {
    let mut cursor = tag.to_owned();
    cursor.extend(std::iter::repeat_n('c', bytes - tag.len()));
    cursor
}

#[test]
fn a_cursor_longer_than_the_cap_ends_paging_and_is_not_kept() {
    assert_eq!(MAX_CURSOR_BYTES, 64 * 1024);
    let mut pager = Pager::new(query());
    pager.handle_page(&page(1, Some(&long_cursor("a", MAX_CURSOR_BYTES))));
    assert_eq!(pager.poll_call().map(|call| call.cursor.map(|c| c.len())), Some(Some(MAX_CURSOR_BYTES)));
    pager.handle_page(&page(1, Some(&long_cursor("b", MAX_CURSOR_BYTES + 1))));
    assert_eq!((pager.poll_call(), pager.pages(), pager.end()), (None, 2, Some(PagerEnd::CursorTooLong)));
}

#[test]
fn a_cursor_repeated_within_the_cursors_remembered_ends_paging_and_one_further_back_does_not() {
    let mut pager = Pager::new(query());
    for n in 0..=CURSORS_REMEMBERED {
        pager.handle_page(&page(1, Some(&format!("c{n}"))));
    }
    // c0 was the cursor before the newest CURSORS_REMEMBERED: forgotten, so paging goes on.
    pager.handle_page(&page(1, Some("c0")));
    assert_eq!(
        (pager.is_done(), pager.poll_call().and_then(|call| call.cursor)),
        (false, Some("c0".to_owned()))
    );
    // c2 is among them: a repeat.
    pager.handle_page(&page(1, Some("c2")));
    assert_eq!(
        (pager.pages() as usize, pager.end()),
        (CURSORS_REMEMBERED + 3, Some(PagerEnd::RepeatedCursor))
    );
}

/// A search answer of one entity whose `scrollId` is `cursor`.
fn search_answer(cursor: &str) -> http::Response<Vec<u8>> {
    let body = format!(
        r#"{{"responseEnvelope": {{"responseCode": 200, "scrollId": "{cursor}"}}, "responseData": [{{}}]}}"#
    );
    http::Response::new(body.into_bytes())
}

#[test]
fn a_search_or_event_page_whose_cursor_passes_the_cap_is_malformed_and_names_the_cap() {
    let id = hec_proto::RequestId::new();
    let at_cap =
        SearchEntities::new(query()).parse(&search_answer(&long_cursor("k", MAX_CURSOR_BYTES)), id).unwrap();
    assert_eq!(at_cap.cursor.as_ref().map(String::len), Some(MAX_CURSOR_BYTES));
    assert_eq!(at_cap.envelope.and_then(|e| e.scroll_id), at_cap.cursor);
    let over = search_answer(&long_cursor("k", MAX_CURSOR_BYTES + 1));
    let errors = [
        SearchEntities::new(query()).parse(&over, id).unwrap_err(),
        SearchEvents::new(EventQuery::new(SystemTime::UNIX_EPOCH)).parse(&over, id).unwrap_err(),
    ];
    for error in errors {
        let ResponseError::Malformed { path, reason, detail } = &error else { panic!("{error:?}") };
        assert_eq!(path, "responseEnvelope.scrollId");
        assert_eq!(
            reason,
            "the cursor has 65537 bytes, more than the 65536 bytes (64 KiB) a cursor may have"
        );
        assert_eq!(detail.request_id, Some(id.to_string()));
        assert!(
            error
                .to_string()
                .starts_with("malformed response at responseEnvelope.scrollId: the cursor has 65537 bytes"),
            "{error}"
        );
        assert!(error.to_string().len() < 600, "{error}");
    }
}
