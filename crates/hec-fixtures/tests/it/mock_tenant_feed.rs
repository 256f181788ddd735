//! What a feed follower meets in the demo tenant: live events (one every 3 s, the same in every
//! mock, kept ten minutes), events added late, cursors that expire, and query dates with or
//! without an offset.

use std::time::{Duration, SystemTime};

use crate::support::{ago, all_pages, api_get, api_post, data, event_ids, hours, poll_until_done, token};
use hec_fixtures::mock::{
    LIVE_EVENT_EPOCH, LIVE_EVENT_HISTORY, LIVE_EVENT_PERIOD, MockGateway, demo, live_event_created,
    live_event_id, live_event_slot,
};
use serde_json::{Value, json};

const QUERY: &str = "/event/query";

/// The live events' ids in `ids`, as slots; the others as they are.
fn split(ids: &[String]) -> (Vec<u64>, Vec<String>) {
    let (live, fixed): (Vec<&String>, Vec<&String>) =
        ids.iter().partition(|id| live_event_slot(id).is_some());
    (live.iter().filter_map(|id| live_event_slot(id)).collect(), fixed.into_iter().cloned().collect())
}

/// The slot of the live event created last at or before `at`.
fn slot_at(at: SystemTime) -> u64 {
    let since = at.duration_since(SystemTime::UNIX_EPOCH).expect("after 1970").as_secs() - LIVE_EVENT_EPOCH;
    let slot = since / LIVE_EVENT_PERIOD.as_secs();
    if live_event_created(slot) <= at { slot } else { slot - 1 }
}

/// Waits (at most one 3 s slot) until just after the next live event is created. Events come one
/// per slot at the slot's start plus less than a second, so at least 2 s then pass without one:
/// paging done in that time sees a list that does not change under it (the mock's pages are
/// offsets into the list, and a new event would shift them).
fn just_after_a_live_event() {
    let now = SystemTime::now();
    let next = live_event_created(slot_at(now) + 1);
    if let Ok(wait) = next.duration_since(now) {
        std::thread::sleep(wait + Duration::from_millis(20));
    }
}

#[test]
fn the_demo_tenant_holds_the_live_events_of_the_last_ten_minutes_newest_first_then_the_fixed_ones() {
    let mock = MockGateway::demo();
    let token = token(&mock);
    just_after_a_live_event();
    let before = SystemTime::now();
    let pages = all_pages_of(&mock, &token, json!({"startDate": ago(hours(7 * 24))}));
    let after = SystemTime::now();
    let (live, fixed) = split(&pages);
    assert_eq!(fixed, demo::event_ids());
    let live_first: Vec<String> = live.iter().map(|slot| live_event_id(*slot)).chain(fixed).collect();
    assert_eq!(pages, live_first, "the live ones come first");
    // Newest first, one per slot, none missing: from the first slot inside the history at the
    // first request to the last created by the last one.
    let newest = live[0];
    assert!(newest >= slot_at(before) && newest <= slot_at(after), "{newest}");
    assert_eq!(live, (newest + 1 - live.len() as u64..=newest).rev().collect::<Vec<_>>());
    let oldest = live_event_created(newest + 1 - live.len() as u64);
    assert!(oldest + LIVE_EVENT_HISTORY > before, "an event older than the history is held");
    // Two events are at most a period and a second apart (each comes at its slot's start plus less
    // than a second), so the oldest one held follows the start of the history by at most that.
    let spacing = LIVE_EVENT_PERIOD + Duration::from_secs(1);
    assert!(oldest + LIVE_EVENT_HISTORY <= after + spacing, "an event of the history is missing");
}

/// Every event id the query `request_data` finds, all pages.
fn all_pages_of(mock: &MockGateway, token: &str, request_data: Value) -> Vec<String> {
    let mut ids = Vec::new();
    let mut request_data = request_data;
    for _ in 0..100 {
        let reply = api_post(mock, token, QUERY, &json!({ "requestData": request_data }));
        ids.extend(event_ids(&data(&reply)));
        let scroll = reply.json()["responseEnvelope"]["scrollId"].as_str().expect("a scrollId").to_owned();
        if scroll.is_empty() {
            return ids;
        }
        request_data["scrollId"] = Value::String(scroll);
    }
    panic!("more than 100 pages");
}

#[test]
fn two_mocks_show_the_same_live_event_with_the_same_content() {
    let (one, two) = (MockGateway::demo(), MockGateway::demo());
    let slot = slot_at(SystemTime::now()) - 2;
    let id = live_event_id(slot);
    let read = |mock: &MockGateway| data(&api_get(mock, &token(mock), &format!("/event/{id}")));
    let (first, second) = (read(&one), read(&two));
    assert_eq!(first, second);
    assert_eq!(first.len(), 1);
    assert_eq!((&first[0]["eventId"], &first[0]["state"]), (&json!(id), &json!("new")));
    let created = first[0]["eventCreated"].as_str().expect("a time");
    assert_eq!(
        created.parse::<jiff::Timestamp>().ok(),
        jiff::Timestamp::try_from(live_event_created(slot)).ok()
    );
}

#[test]
fn a_live_event_can_be_dismissed() {
    let mock = MockGateway::demo();
    let token = token(&mock);
    let id = live_event_id(slot_at(SystemTime::now()) - 1);
    let acted = api_post(
        &mock,
        &token,
        "/action/event",
        &json!({"requestData": {"eventIds": [id], "eventActionName": "dismiss"}}),
    );
    let task = data(&acted)[0]["taskId"].as_str().expect("a task id").to_owned();
    assert_eq!(
        poll_until_done(&mock, &token, &task).last().map(|(status, _)| status.as_str()),
        Some("completed")
    );
    assert_eq!(data(&api_get(&mock, &token, &format!("/event/{id}")))[0]["state"], "dismissed");
}

#[test]
fn a_mock_without_live_events_holds_only_the_fixed_ones() {
    let mock = MockGateway::start();
    let token = token(&mock);
    assert_eq!(all_pages_of(&mock, &token, json!({"startDate": ago(hours(7 * 24))})), demo::event_ids());
}

#[test]
fn events_added_late_show_from_then_on_in_order() {
    let mock = MockGateway::start();
    let token = token(&mock);
    let query = json!({"startDate": ago(hours(2))});
    assert_eq!(all_pages_of(&mock, &token, query.clone()), [demo::event_ids()[0]]);
    mock.add_events([
        json!({"eventId": "late-1", "type": "phishing", "eventCreated": ago(hours(1))}),
        json!({"eventId": "late-2", "type": "dlp", "eventCreated": ago(Duration::from_secs(60))}),
        json!({"eventId": "no-time", "type": "dlp"}),
    ]);
    assert_eq!(all_pages_of(&mock, &token, query), ["late-2", demo::event_ids()[0], "late-1"]);
}

#[test]
fn a_cursor_sent_after_the_scrolls_expire_is_refused_and_the_first_page_gets_a_new_one() {
    let mock = MockGateway::start();
    let token = token(&mock);
    let query = json!({"startDate": ago(hours(7 * 24))});
    let first = api_post(&mock, &token, QUERY, &json!({ "requestData": query }));
    let scroll = first.json()["responseEnvelope"]["scrollId"].as_str().expect("a scrollId").to_owned();
    mock.expire_scrolls();
    let mut next = query.clone();
    next["scrollId"] = json!(scroll);
    let refused = api_post(&mock, &token, QUERY, &json!({ "requestData": next }));
    assert_eq!((refused.status, refused.json()), (400, json!({"detail": "Invalid scroll"})));
    // Asked again from its first page, the same query gets the same cursor, valid again.
    let again = api_post(&mock, &token, QUERY, &json!({ "requestData": query }));
    assert_eq!(again.json()["responseEnvelope"]["scrollId"], json!(scroll));
    assert_eq!(
        event_ids(&data(&api_post(&mock, &token, QUERY, &json!({ "requestData": next })))),
        demo::event_ids()[4..]
    );
}

#[test]
fn a_cursor_older_than_the_scroll_lifetime_is_refused_for_searches_too() {
    let mock = MockGateway::builder().scroll_lifetime(Duration::from_millis(50)).start();
    let token = token(&mock);
    let search = json!({"entityFilter": {"saas": "office365_emails", "startDate": ago(hours(30 * 24))}});
    let pages = all_pages(&mock, &token, "/search/query", search.clone());
    assert!(pages.len() > 2, "read at once, every cursor is valid");
    let first = api_post(&mock, &token, "/search/query", &json!({ "requestData": search }));
    let mut next = search.clone();
    next["scrollId"] = first.json()["responseEnvelope"]["scrollId"].clone();
    std::thread::sleep(Duration::from_millis(80));
    let refused = api_post(&mock, &token, "/search/query", &json!({ "requestData": next }));
    assert_eq!((refused.status, refused.json()), (400, json!({"detail": "Invalid scroll"})));
}

#[test]
fn query_dates_without_an_offset_are_utc() {
    let mock = MockGateway::start();
    let token = token(&mock);
    let with_z = ago(hours(20));
    let without = with_z.trim_end_matches('Z').to_owned();
    let query = |start: &str| {
        all_pages_of(
            &mock,
            &token,
            json!({"startDate": start, "endDate": ago(hours(3)).trim_end_matches('Z')}),
        )
    };
    assert_eq!(query(&without), query(&with_z));
    assert_eq!(query(&without), [demo::event_ids()[2], demo::event_ids()[3]]);
}

#[test]
fn the_page_size_can_be_chosen() {
    let mock = MockGateway::builder().page_size(5).start();
    let token = token(&mock);
    let pages = all_pages(&mock, &token, QUERY, json!({"startDate": ago(hours(7 * 24))}));
    assert_eq!(pages.iter().map(|(items, _)| items.len()).collect::<Vec<_>>(), [5, 2]);
}
