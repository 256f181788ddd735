//! What only the blocking client's event feed has, against the mock's demo tenant: a feed stopped
//! (by its `FeedStopper`, from another thread) while it sleeps. Everything both drivers' feeds
//! do is in hec-fixtures' matrix (`matrix::feed`, run by `matrix.rs`).

use std::time::{Duration, Instant, SystemTime};

use hec_blocking::{Client, Error, Event, EventQuery, FeedPolicy};
use hec_fixtures::matrix::test_config;
use hec_fixtures::mock::{MockGateway, demo};

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

/// What each item was: the event's id, or the error's kind.
fn items(feed: impl Iterator<Item = Result<Event, Error>>) -> Vec<String> {
    feed.map(|item| match item {
        Ok(event) => id(&event),
        Err(error) => format!("error: {}", error.kind_name()),
    })
    .collect()
}

fn demo_ids() -> Vec<String> {
    demo::event_ids().iter().map(|id| (*id).to_owned()).collect()
}

#[test]
fn a_stopper_ends_a_feed_that_sleeps_at_once() {
    let mock = MockGateway::start();
    let mut feed = client(&mock).follow_events(query(), FeedPolicy::default());
    assert_eq!(items(feed.by_ref().take(7)), demo_ids());
    let stopper = feed.stopper();
    let stopping = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(50));
        stopper.stop();
    });
    let started = Instant::now();
    assert!(feed.next().is_none(), "caught up, it sleeps until stopped");
    assert!(started.elapsed() < Duration::from_secs(5), "{:?}", started.elapsed());
    stopping.join().expect("the stopping thread ends");
    assert!(feed.next().is_none(), "a stopped feed stays stopped");
}
