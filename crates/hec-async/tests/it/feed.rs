//! What only the async client's event feed has, against the mock's demo tenant: a step future
//! dropped mid-request, a stream that sleeps between windows (a caller drops it to stop), and a
//! feed that is `Send` and `Unpin`. Everything both drivers' feeds do is in hec-fixtures' matrix
//! (`matrix::feed`, run by `matrix.rs`).

use std::time::{Duration, SystemTime};

use futures_util::StreamExt;
use hec_async::{Client, Event, EventFeed, EventQuery, FeedPolicy, FeedStep};
use hec_fixtures::matrix::test_config;
use hec_fixtures::mock::{Fault, FaultRule, MockGateway, demo};

const EVENTS: &str = "/app/hec-api/v1.0/event/query";

fn client(mock: &MockGateway) -> Client {
    Client::from_config(test_config(mock)).expect("a client")
}

/// The demo tenant's events and more: from three days back.
fn query() -> EventQuery {
    EventQuery::new(SystemTime::now() - Duration::from_secs(3 * 86_400))
}

fn id(event: &Event) -> String {
    event.event_id.as_ref().map(ToString::to_string).expect("an event id")
}

/// What each of the next `count` items (all of them for `None`) was: the event's id, or the
/// error's kind.
async fn items(feed: &mut EventFeed, count: Option<usize>) -> Vec<String> {
    let mut seen = Vec::new();
    while count.is_none_or(|count| seen.len() < count) {
        match feed.next().await {
            Some(Ok(event)) => seen.push(id(&event)),
            Some(Err(error)) => seen.push(format!("error: {}", error.kind_name())),
            None => break,
        }
    }
    seen
}

fn demo_ids() -> Vec<String> {
    demo::event_ids().iter().map(|id| (*id).to_owned()).collect()
}

#[tokio::test(flavor = "current_thread")]
async fn a_step_dropped_mid_request_leaves_the_request_to_the_next_step() {
    let mock = MockGateway::start();
    mock.fault(FaultRule::on_path(EVENTS).nth(1).then(Fault::DelayHeaders(Duration::from_millis(200))));
    let mut feed = client(&mock).follow_events(query(), FeedPolicy::default());
    let timed_out = tokio::time::timeout(Duration::from_millis(50), feed.step()).await;
    assert!(timed_out.is_err(), "the first page is delayed");
    let mut events = Vec::new();
    let wait = loop {
        match feed.step().await {
            FeedStep::Event(event) => events.push(id(&event)),
            FeedStep::Wait(wait) => break wait,
            other => panic!("unexpected step {other:?}"),
        }
    };
    assert_eq!(events, demo_ids());
    assert!(wait > Duration::from_secs(58) && wait <= Duration::from_secs(60), "{wait:?}");
    assert_eq!(mock.requests_to(EVENTS).len(), 2, "the delayed request was not sent again");
}

#[tokio::test(flavor = "current_thread")]
async fn caught_up_the_stream_sleeps_until_the_next_window() {
    let mock = MockGateway::start();
    let mut feed = client(&mock).follow_events(query(), FeedPolicy::default());
    assert_eq!(items(&mut feed, Some(7)).await, demo_ids());
    let asleep = tokio::time::timeout(Duration::from_millis(100), feed.next()).await;
    assert!(asleep.is_err(), "nothing until the next window, a minute later");
    assert_eq!(mock.requests_to(EVENTS).len(), 2);
}

#[test]
fn the_feed_is_send_and_unpin() {
    fn send_unpin<T: Send + Unpin>() {}
    send_unpin::<EventFeed>();
}
