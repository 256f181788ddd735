//! `Paging`: no item is handed out twice, whatever pages a gateway repeats.

use std::time::SystemTime;

use hec_proto::policy::{PagerEnd, Paging, PagingNext};
use hec_proto::{Entity, EntityQuery, Event, EventQuery, Page};

fn entity(id: &str) -> Entity {
    serde_json::from_value(serde_json::json!({"entityInfo": {"entityId": id}})).unwrap()
}

fn entities(ids: &[&str]) -> Vec<Entity> {
    ids.iter().map(|id| entity(id)).collect()
}

fn query() -> EntityQuery {
    EntityQuery::new("office365_emails", SystemTime::UNIX_EPOCH)
}

/// Runs `paging` to its end, answering its requests with `pages` in turn; gives the ids of the
/// items handed out (`-` for one without an id) and the cursors the requests carried.
fn walk(paging: &mut Paging<EntityQuery>, pages: Vec<Page<Entity>>) -> (Vec<String>, Vec<Option<String>>) {
    let (mut ids, mut asked) = (Vec::new(), Vec::new());
    let mut pages = pages.into_iter();
    loop {
        match paging.poll_item() {
            PagingNext::Item(item) => {
                ids.push(item.entity_id.map_or_else(|| "-".to_owned(), |id| id.to_string()))
            }
            PagingNext::Send(call) => {
                asked.push(call.cursor);
                paging.handle_page(pages.next().expect("paging asked for more pages than the test has"));
            }
            PagingNext::Done => return (ids, asked),
        }
    }
}

fn page(ids: &[&str], cursor: &str) -> Page<Entity> {
    Page::new(entities(ids), Some(cursor.to_owned()))
}

#[test]
fn the_last_page_answered_again_under_the_same_cursor_is_handed_out_once() {
    let mut paging = Paging::new(query());
    let (ids, asked) =
        walk(&mut paging, vec![page(&["a1", "a2"], "c1"), page(&["b1"], "c2"), page(&["b1"], "c2")]);
    assert_eq!(ids, ["a1", "a2", "b1"]);
    assert_eq!(asked, [None, Some("c1".to_owned()), Some("c2".to_owned())]);
    assert_eq!((paging.pages(), paging.pager().end()), (3, Some(PagerEnd::RepeatedCursor)));
}

#[test]
fn a_page_answered_again_under_a_new_cursor_ends_paging() {
    let mut paging = Paging::new(query());
    let (ids, asked) = walk(&mut paging, vec![page(&["a1", "a2"], "c1"), page(&["a1", "a2"], "c2")]);
    assert_eq!(ids, ["a1", "a2"]);
    assert_eq!(asked.len(), 2);
    assert_eq!((paging.pages(), paging.pager().end()), (2, Some(PagerEnd::RepeatedItems)));
}

#[test]
fn of_a_page_that_overlaps_the_one_before_only_the_new_items_are_handed_out() {
    let mut paging = Paging::new(query());
    let (ids, _) = walk(&mut paging, vec![page(&["a1", "a2"], "c1"), page(&["a2", "a3", "a3"], "")]);
    assert_eq!(ids, ["a1", "a2", "a3"]);
    assert_eq!(paging.pager().end(), Some(PagerEnd::EmptyCursor));
}

#[test]
fn a_new_item_on_a_page_with_a_repeated_cursor_is_handed_out() {
    // The cursor ends paging; the page's new item still comes out.
    let mut paging = Paging::new(query());
    let (ids, _) = walk(&mut paging, vec![page(&["a1"], "c1"), page(&["a1", "b1"], "c1")]);
    assert_eq!(ids, ["a1", "b1"]);
    assert_eq!(paging.pager().end(), Some(PagerEnd::RepeatedCursor));
}

#[test]
fn items_without_an_id_are_all_handed_out() {
    let mut paging = Paging::new(query());
    let blank = || -> Entity { serde_json::from_str("{}").unwrap() };
    let pages = vec![Page::new(vec![blank()], Some("c1".to_owned())), Page::new(vec![blank()], None)];
    let (ids, _) = walk(&mut paging, pages);
    assert_eq!(ids, ["-", "-"]);
    assert_eq!(paging.pager().end(), Some(PagerEnd::NoCursor));
}

#[test]
fn events_are_told_apart_by_their_event_id() {
    let event = |id: &str| -> Event { serde_json::from_value(serde_json::json!({"eventId": id})).unwrap() };
    let mut paging = Paging::new(EventQuery::new(SystemTime::UNIX_EPOCH));
    let mut ids = Vec::new();
    let mut pages = vec![
        Page::new(vec![event("v1"), event("v2")], Some("e1".to_owned())),
        Page::new(vec![event("v2"), event("v3")], Some("e2".to_owned())),
        Page::new(vec![event("v3")], Some("e2".to_owned())),
    ]
    .into_iter();
    loop {
        match paging.poll_item() {
            PagingNext::Item(event) => ids.push(event.event_id.map(|id| id.to_string())),
            PagingNext::Send(_) => paging.handle_page(pages.next().expect("a page")),
            PagingNext::Done => break,
        }
    }
    assert_eq!(ids, [Some("v1".to_owned()), Some("v2".to_owned()), Some("v3".to_owned())]);
    assert_eq!((paging.pages(), paging.pager().end()), (3, Some(PagerEnd::RepeatedCursor)));
}
