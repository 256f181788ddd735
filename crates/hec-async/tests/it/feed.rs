//! Following events with the async client against the mock's demo tenant (7 events, pages of
//! 4): one pass and a resume from its checkpoint, late events, an expired scroll, a 401 and a
//! 429 mid-window, a failure that outlives the client's retries, an event given back, a step
//! future dropped mid-request, and a feed dropped while it sleeps.

use std::time::{Duration, Instant, SystemTime};

use futures_util::StreamExt;
use hec_async::{
    Client, Event, EventFeed, EventQuery, FeedCheckpoint, FeedError, FeedPolicy, FeedStep, RetryPolicy,
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

fn rfc3339(time: SystemTime) -> String {
    jiff::Timestamp::try_from(time).expect("in range").to_string()
}

#[tokio::test(flavor = "current_thread")]
async fn one_pass_then_a_resume_from_its_checkpoint_hands_out_only_the_events_shown_since() {
    let mock = MockGateway::start();
    let client = client(&mock);
    // The default interval, a minute: a one-pass run reads up to now all the same.
    let (query, policy) = (query(), FeedPolicy::default());
    let mut feed = client.follow_events(query.clone(), policy.clone()).until_caught_up();
    assert_eq!(items(&mut feed, None).await, demo_ids());
    let saved = feed.checkpoint().to_json();
    let cursor = feed.feed().cursor().expect("the window ended");

    // Shown a second later: one created five minutes before the cursor (late), one just after.
    tokio::time::sleep(Duration::from_millis(1100)).await;
    mock.add_events([
        json!({"eventId": "late", "type": "phishing", "eventCreated": rfc3339(cursor - Duration::from_secs(300))}),
        json!({"eventId": "new", "type": "dlp", "eventCreated": rfc3339(cursor + Duration::from_millis(500))}),
    ]);
    let checkpoint = FeedCheckpoint::from_json(&saved).expect("the checkpoint reads back");
    let mut resumed =
        client.resume_events(query, policy, checkpoint).expect("the same origin").until_caught_up();
    assert_eq!(items(&mut resumed, None).await, ["new", "late"]);
}

#[tokio::test(flavor = "current_thread")]
async fn a_scroll_expired_mid_window_restarts_the_window_and_nothing_is_handed_out_twice() {
    let mock = MockGateway::start();
    let mut feed = client(&mock).follow_events(query(), FeedPolicy::default()).until_caught_up();
    let first_page = items(&mut feed, Some(4)).await;
    assert_eq!(feed.buffered_events(), 0);
    mock.expire_scrolls();
    assert_eq!([first_page, items(&mut feed, None).await].concat(), demo_ids());
    let sent = scrolls_sent(&mock);
    assert_eq!(sent.iter().map(Option::is_some).collect::<Vec<_>>(), [false, true, false, true]);
    assert_eq!(sent[1], sent[3], "the same query gets the same cursor again");
}

#[tokio::test(flavor = "current_thread")]
async fn a_token_refused_mid_window_is_renewed_and_the_window_goes_on() {
    let mock = MockGateway::start();
    let mut feed = client(&mock).follow_events(query(), FeedPolicy::default()).until_caught_up();
    let first_page = items(&mut feed, Some(4)).await;
    mock.revoke_tokens();
    assert_eq!([first_page, items(&mut feed, None).await].concat(), demo_ids());
    assert_eq!(mock.tokens_issued(), 2);
}

#[tokio::test(flavor = "current_thread")]
async fn a_429_mid_window_is_waited_out_by_the_client() {
    let mock = MockGateway::start();
    mock.fault(
        FaultRule::on_path(EVENTS).nth(2).then(Fault::status(429).header("retry-after", "0").json("{}")),
    );
    let mut feed = client(&mock).follow_events(query(), FeedPolicy::default()).until_caught_up();
    assert_eq!(items(&mut feed, None).await, demo_ids());
    assert_eq!(scrolls_sent(&mock).iter().map(Option::is_some).collect::<Vec<_>>(), [false, true, true]);
}

#[tokio::test(flavor = "current_thread")]
async fn a_failure_past_the_clients_retries_is_an_item_and_the_same_page_is_asked_again_after_a_backoff() {
    let mock = MockGateway::start();
    mock.fault(FaultRule::on_path(EVENTS).nth(2).times(2).then(Fault::status(503).json("{}")));
    let mut config = test_config(&mock);
    config.retry = RetryPolicy::never();
    let client = Client::from_config(config).expect("a client");
    let policy = FeedPolicy::default().with_first_backoff(Duration::from_millis(30));
    let started = Instant::now();
    let mut feed = client.follow_events(query(), policy).until_caught_up();
    let seen = items(&mut feed, None).await;
    let mut expected = demo_ids();
    expected.splice(4..4, ["error: server_error".to_owned(), "error: server_error".to_owned()]);
    assert_eq!(seen, expected);
    assert!(started.elapsed() >= Duration::from_millis(90), "backed off 30 ms, then 60 ms");
    let sent = scrolls_sent(&mock);
    assert_eq!(sent.iter().map(Option::is_some).collect::<Vec<_>>(), [false, true, true, true]);
    assert!(sent[1] == sent[2] && sent[2] == sent[3], "the same page each time");
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
async fn an_event_given_back_is_left_out_of_the_checkpoint_and_comes_again() {
    let mock = MockGateway::start();
    let client = client(&mock);
    let query = query();
    let mut feed = client.follow_events(query.clone(), FeedPolicy::default());
    let first = feed.next().await.expect("an item").expect("an event");
    let second = feed.next().await.expect("an item").expect("an event");
    feed.put_back(second.clone());
    let checkpoint = feed.checkpoint();
    assert_eq!(checkpoint.emitted_count(), 1);
    assert_eq!(feed.next().await.map(|item| item.map(|event| id(&event))), Some(Ok(id(&second))));

    let mut resumed =
        client.resume_events(query, FeedPolicy::default(), checkpoint).expect("resumes").until_caught_up();
    let mut expected = demo_ids();
    expected.retain(|other| *other != id(&first));
    assert_eq!(items(&mut resumed, None).await, expected);
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

#[tokio::test(flavor = "current_thread")]
async fn a_checkpoint_of_other_filters_is_refused() {
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
        (client.feed_origin().gateway(), client.feed_origin().client_id()),
        (mock.base_url().as_str(), mock.client_id())
    );
}

#[test]
fn the_feed_is_send_and_unpin() {
    fn send_unpin<T: Send + Unpin>() {}
    send_unpin::<EventFeed>();
}
