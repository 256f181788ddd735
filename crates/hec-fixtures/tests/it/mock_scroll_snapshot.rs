//! A scroll remembers its query time: events that arrive while a client pages are left out of
//! that scroll (no event shows twice, none is skipped), and the next query finds them.

use std::collections::HashSet;
use std::time::Duration;

use crate::support::{ago, api_post, data, event_ids, hours, token};
use hec_fixtures::mock::{MockGateway, demo};
use serde_json::{Value, json};

const QUERY: &str = "/event/query";

/// One page of `request_data` (with `scroll`, if any): its event ids and the next cursor.
fn page(
    mock: &MockGateway,
    token: &str,
    request_data: &Value,
    scroll: Option<&str>,
) -> (Vec<String>, String) {
    let mut request_data = request_data.clone();
    if let Some(scroll) = scroll {
        request_data["scrollId"] = json!(scroll);
    }
    let reply = api_post(mock, token, QUERY, &json!({ "requestData": request_data }));
    let ids = event_ids(&data(&reply));
    (ids, reply.json()["responseEnvelope"]["scrollId"].as_str().expect("a scrollId").to_owned())
}

#[test]
fn events_that_arrive_while_a_client_pages_are_left_out_of_that_scroll() {
    let mock = MockGateway::builder().page_size(3).start();
    let token = token(&mock);
    let query = json!({"startDate": ago(hours(7 * 24))});
    let (first, scroll) = page(&mock, &token, &query, None);
    assert_eq!(first, demo::event_ids()[..3]);
    // A new event (the newest of all) and a late one (created between two fixed events) arrive.
    mock.add_events([
        json!({"eventId": "arrived-new", "type": "phishing", "eventCreated": ago(Duration::from_secs(1))}),
        json!({"eventId": "arrived-late", "type": "dlp", "eventCreated": ago(hours(10))}),
    ]);
    let (second, scroll) = page(&mock, &token, &query, Some(&scroll));
    let (third, last) = page(&mock, &token, &query, Some(&scroll));
    assert_eq!(second, demo::event_ids()[3..6]);
    assert_eq!(third, demo::event_ids()[6..]);
    assert_eq!(last, "");
    let all: Vec<String> = [first, second, third].concat();
    assert_eq!(all.iter().collect::<HashSet<_>>().len(), all.len(), "no event on two pages: {all:?}");
    // A new scroll finds both, in order.
    let (fresh, _) = page(&mock, &token, &query, None);
    assert_eq!(fresh, ["arrived-new", demo::event_ids()[0], demo::event_ids()[1]]);
}

#[test]
fn a_scroll_of_the_demo_with_live_events_never_shows_an_event_twice() {
    // The demo adds a live event every 3 seconds; this scroll reads slowly enough (page size 1,
    // 25 ms between pages) to see one arrive about one run in four, and must never repeat one.
    let mock = MockGateway::builder().live_events(true).page_size(1).start();
    let token = token(&mock);
    let query = json!({"startDate": ago(Duration::from_secs(60))});
    let (mut ids, mut scroll) = page(&mock, &token, &query, None);
    for _ in 0..40 {
        if scroll.is_empty() {
            break;
        }
        std::thread::sleep(Duration::from_millis(25));
        let (more, next) = page(&mock, &token, &query, Some(&scroll));
        ids.extend(more);
        scroll = next;
    }
    assert!(scroll.is_empty(), "the scroll ended within 40 pages");
    assert_eq!(ids.iter().collect::<HashSet<_>>().len(), ids.len(), "{ids:?}");
}
