//! Following events with the blocking client against the mock's demo tenant (7 events, pages of
//! 4): one pass and a resume from its checkpoint, late events, an expired scroll, a 401 and a
//! 429 mid-window, a failure that outlives the client's retries, an event given back, and a
//! feed stopped while it sleeps.

use std::time::{Duration, Instant, SystemTime};

use hec_blocking::{
    Client, Error, Event, EventQuery, FeedCheckpoint, FeedError, FeedPolicy, FeedStep, RetryPolicy,
};
use hec_fixtures::matrix::test_config;
use hec_fixtures::mock::{Fault, FaultRule, MockGateway, demo};
use serde_json::{Value, json};

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

/// What each item was: the event's id, or the error's kind.
fn items(feed: impl Iterator<Item = Result<Event, Error>>) -> Vec<String> {
    feed.map(|item| match item {
        Ok(event) => id(&event),
        Err(error) => format!("error: {}", error.kind_name()),
    })
    .collect()
}

/// The `scrollId` of each event query sent, in order.
fn scrolls_sent(mock: &MockGateway) -> Vec<Option<String>> {
    mock.requests_to(EVENTS)
        .iter()
        .map(|request| {
            let body: Value = serde_json::from_slice(&request.body).expect("a JSON body");
            body["requestData"]["scrollId"].as_str().map(str::to_owned)
        })
        .collect()
}

fn demo_ids() -> Vec<String> {
    demo::event_ids().iter().map(|id| (*id).to_owned()).collect()
}

#[test]
fn one_pass_then_a_resume_from_its_checkpoint_hands_out_only_the_events_shown_since() {
    let mock = MockGateway::start();
    let client = client(&mock);
    // The default interval, a minute: a one-pass run reads up to now all the same.
    let (query, policy) = (query(), FeedPolicy::default());
    let mut feed = client.follow_events(query.clone(), policy.clone()).until_caught_up();
    assert_eq!(items(feed.by_ref()), demo_ids());
    let saved = feed.checkpoint().to_json();
    let cursor = feed.feed().cursor().expect("the window ended");
    assert_eq!(scrolls_sent(&mock).iter().map(Option::is_some).collect::<Vec<_>>(), [false, true]);

    // Shown a second later: one created five minutes before the cursor (late), one just after.
    std::thread::sleep(Duration::from_millis(1100));
    let at = |time: SystemTime| jiff::Timestamp::try_from(time).expect("in range").to_string();
    mock.add_events([
        json!({"eventId": "late", "type": "phishing", "eventCreated": at(cursor - Duration::from_secs(300))}),
        json!({"eventId": "new", "type": "dlp", "eventCreated": at(cursor + Duration::from_millis(500))}),
    ]);
    let checkpoint = FeedCheckpoint::from_json(&saved).expect("the checkpoint reads back");
    let resumed = client.resume_events(query, policy, checkpoint).expect("the same origin").until_caught_up();
    assert_eq!(items(resumed), ["new", "late"]);
}

#[test]
fn a_scroll_expired_mid_window_restarts_the_window_and_nothing_is_handed_out_twice() {
    let mock = MockGateway::start();
    let mut feed = client(&mock).follow_events(query(), FeedPolicy::default()).until_caught_up();
    let first_page = items(feed.by_ref().take(4));
    assert_eq!(feed.buffered_events(), 0);
    mock.expire_scrolls();
    let rest = items(feed);
    assert_eq!([first_page, rest].concat(), demo_ids());
    let sent = scrolls_sent(&mock);
    assert_eq!(sent.iter().map(Option::is_some).collect::<Vec<_>>(), [false, true, false, true]);
    assert_eq!(sent[1], sent[3], "the same query gets the same cursor again");
}

#[test]
fn a_token_refused_mid_window_is_renewed_and_the_window_goes_on() {
    let mock = MockGateway::start();
    let mut feed = client(&mock).follow_events(query(), FeedPolicy::default()).until_caught_up();
    let first_page = items(feed.by_ref().take(4));
    mock.revoke_tokens();
    assert_eq!([first_page, items(feed)].concat(), demo_ids());
    assert_eq!(mock.tokens_issued(), 2);
}

#[test]
fn a_429_mid_window_is_waited_out_by_the_client() {
    let mock = MockGateway::start();
    mock.fault(
        FaultRule::on_path(EVENTS).nth(2).then(Fault::status(429).header("retry-after", "0").json("{}")),
    );
    let feed = client(&mock).follow_events(query(), FeedPolicy::default()).until_caught_up();
    assert_eq!(items(feed), demo_ids());
    assert_eq!(scrolls_sent(&mock).iter().map(Option::is_some).collect::<Vec<_>>(), [false, true, true]);
}

#[test]
fn a_failure_past_the_clients_retries_is_an_item_and_the_same_page_is_asked_again_after_a_backoff() {
    let mock = MockGateway::start();
    mock.fault(FaultRule::on_path(EVENTS).nth(2).times(2).then(Fault::status(503).json("{}")));
    let mut config = test_config(&mock);
    config.retry = RetryPolicy::never();
    let client = Client::from_config(config).expect("a client");
    let policy = FeedPolicy::default().with_first_backoff(Duration::from_millis(30));
    let started = Instant::now();
    let seen = items(client.follow_events(query(), policy).until_caught_up());
    let mut expected = demo_ids();
    expected.splice(4..4, ["error: server_error".to_owned(), "error: server_error".to_owned()]);
    assert_eq!(seen, expected);
    assert!(started.elapsed() >= Duration::from_millis(90), "backed off 30 ms, then 60 ms");
    let sent = scrolls_sent(&mock);
    assert_eq!(sent.iter().map(Option::is_some).collect::<Vec<_>>(), [false, true, true, true]);
    assert!(sent[1] == sent[2] && sent[2] == sent[3], "the same page each time");
}

#[test]
fn the_step_says_how_long_to_wait_once_caught_up() {
    let mock = MockGateway::start();
    let mut feed = client(&mock).follow_events(query(), FeedPolicy::default());
    let mut events = 0;
    let wait = loop {
        match feed.step() {
            FeedStep::Event(_) => events += 1,
            FeedStep::Wait(wait) => break wait,
            other => panic!("unexpected step {other:?}"),
        }
    };
    assert_eq!(events, 7);
    assert!(wait > Duration::from_secs(58) && wait <= Duration::from_secs(60), "{wait:?}");
}

#[test]
fn an_event_given_back_is_left_out_of_the_checkpoint_and_comes_again() {
    let mock = MockGateway::start();
    let client = client(&mock);
    let query = query();
    let mut feed = client.follow_events(query.clone(), FeedPolicy::default());
    let first = feed.next().expect("an item").expect("an event");
    let second = feed.next().expect("an item").expect("an event");
    feed.put_back(second.clone());
    let checkpoint = feed.checkpoint();
    assert_eq!(checkpoint.emitted_count(), 1);
    assert_eq!(feed.next().map(|item| item.map(|event| id(&event))), Some(Ok(id(&second))));

    let resumed =
        client.resume_events(query, FeedPolicy::default(), checkpoint).expect("resumes").until_caught_up();
    let mut expected = demo_ids();
    expected.retain(|other| *other != id(&first));
    assert_eq!(items(resumed), expected);
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

#[test]
fn a_checkpoint_of_other_filters_is_refused() {
    let mock = MockGateway::start();
    let client = client(&mock);
    let checkpoint = client.follow_events(query().event_type("phishing"), FeedPolicy::default()).checkpoint();
    let refused = client.resume_events(query().event_type("dlp"), FeedPolicy::default(), checkpoint);
    assert_eq!(
        refused.err(),
        Some(FeedError::Origin {
            what: "filters",
            checkpoint: r#"{"eventTypes":["phishing"]}"#.to_owned(),
            expected: r#"{"eventTypes":["dlp"]}"#.to_owned(),
        })
    );
    assert_eq!(
        client.feed_origin().gateway(),
        mock.base_url(),
        "the origin is this client's gateway (and client id: {})",
        client.feed_origin().client_id()
    );
    assert_eq!(client.feed_origin().client_id(), mock.client_id());
}
