//! The event feed in the matrix: [`FeedDriver`] and [`DriverFeed`], what a driver offers for
//! following events, and the feed's scenarios, one function each, against the mock's demo
//! tenant (7 events, pages of 4): one pass and a resume from its checkpoint, late events, an
//! expired scroll, a 401 and a 429 mid-window, a failure that outlives the client's retries, the
//! wait once caught up, an event given back, and a checkpoint of other filters. Instantiated by
//! [`feed_matrix!`](crate::feed_matrix). What only one driver has (hec-blocking's stopper,
//! hec-async's dropped futures) stays in that driver's tests.

use std::time::{Duration, Instant, SystemTime};

use hec_proto::policy::{FeedCheckpoint, FeedError, FeedOrigin, FeedPolicy, FeedStep, RetryPolicy};
use hec_proto::{Error, Event, EventQuery};
use serde_json::{Value, json};

use super::{Harness, ReadDriver};
use crate::mock::{Fault, FaultRule, MockGateway, demo};

/// The feed calls of `hec-blocking` and `hec-async`, made synchronous (an async driver blocks on
/// its runtime).
pub trait FeedDriver: ReadDriver {
    /// The client's `follow_events(query, policy)`, made to end once caught up when
    /// `until_caught_up` (its `until_caught_up()`).
    fn follow_events(
        &self,
        query: EventQuery,
        policy: FeedPolicy,
        until_caught_up: bool,
    ) -> Box<dyn DriverFeed + '_>;

    /// The client's `resume_events(query, policy, checkpoint)`, as [`FeedDriver::follow_events`].
    fn resume_events(
        &self,
        query: EventQuery,
        policy: FeedPolicy,
        checkpoint: FeedCheckpoint,
        until_caught_up: bool,
    ) -> Result<Box<dyn DriverFeed + '_>, FeedError>;

    /// What a feed of this client is for: its gateway and client id.
    fn feed_origin(&self) -> FeedOrigin;
}

/// A driver's event feed, made synchronous.
pub trait DriverFeed {
    /// The next item (the feed's `Iterator` or `Stream`): an event, or a failure after the
    /// client's retries; `None` once a feed that ends when caught up is.
    fn next_item(&mut self) -> Option<Result<Event, Error>>;
    /// One step of the feed.
    fn step(&mut self) -> FeedStep;
    /// The checkpoint to resume from.
    fn checkpoint(&self) -> FeedCheckpoint;
    /// Gives an event back: it comes again, and the checkpoint leaves it out.
    fn put_back(&mut self, event: Event);
    /// How many events of the current page are read but not handed out yet.
    fn buffered_events(&self) -> usize;
}

/// The names of every feed scenario, in order (from
/// [`for_each_feed_scenario!`](crate::for_each_feed_scenario), the list
/// [`feed_matrix!`](crate::feed_matrix) instantiates).
pub const FEED_SCENARIOS: &[&str] = crate::for_each_feed_scenario!([scenario_names]);

const EVENTS: &str = "/app/hec-api/v1.0/event/query";

/// The demo tenant's events and more: from three days back.
fn query() -> EventQuery {
    EventQuery::new(SystemTime::now() - Duration::from_secs(3 * 86_400))
}

fn id(event: &Event) -> String {
    event.event_id.as_ref().map(ToString::to_string).unwrap_or_default()
}

/// What each of the next `count` items (all of them for `None`) was: the event's id, or the
/// error's kind.
fn items(feed: &mut dyn DriverFeed, count: Option<usize>) -> Vec<String> {
    let mut seen = Vec::new();
    while count.is_none_or(|count| seen.len() < count) {
        match feed.next_item() {
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
            let body: Value = serde_json::from_slice(&request.body).expect("the driver sends JSON bodies");
            body["requestData"]["scrollId"].as_str().map(str::to_owned)
        })
        .collect()
}

/// Which event queries carried a cursor.
fn with_cursor(mock: &MockGateway) -> Vec<bool> {
    scrolls_sent(mock).iter().map(Option::is_some).collect()
}

fn demo_ids() -> Vec<String> {
    demo::event_ids().iter().map(|id| (*id).to_owned()).collect()
}

fn rfc3339(time: SystemTime) -> String {
    jiff::Timestamp::try_from(time).map(|t| t.to_string()).unwrap_or_default()
}

/// One pass hands out every event; a resume from its checkpoint, a second later, only the events
/// shown since: one created after the cursor, and one created five minutes before it (late).
pub fn one_pass_then_a_resume_from_its_checkpoint_hands_out_only_the_events_shown_since<D: FeedDriver>(
    h: &mut Harness<D>,
) {
    let client = h.client();
    // The default interval, a minute: a one-pass run reads up to now all the same.
    let (query, policy) = (query(), FeedPolicy::default());
    let mut feed = client.follow_events(query.clone(), policy.clone(), true);
    check_eq!(items(feed.as_mut(), None), demo_ids(), "the first pass's events");
    let saved = feed.checkpoint().to_json();
    let cursor = feed.checkpoint().cursor().expect("the window ended");
    check_eq!(with_cursor(&h.mock), [false, true], "which event queries carried a cursor");

    // Shown a second later: one created five minutes before the cursor (late), one just after.
    std::thread::sleep(Duration::from_millis(1100));
    h.mock.add_events([
        json!({"eventId": "late", "type": "phishing", "eventCreated": rfc3339(cursor - Duration::from_secs(300))}),
        json!({"eventId": "new", "type": "dlp", "eventCreated": rfc3339(cursor + Duration::from_millis(500))}),
    ]);
    let checkpoint = FeedCheckpoint::from_json(&saved).expect("the checkpoint reads back");
    let mut resumed = client.resume_events(query, policy, checkpoint, true).expect("the same origin");
    check_eq!(items(resumed.as_mut(), None), ["new", "late"], "the resumed pass's events");
}

/// A scroll the gateway forgets mid-window restarts the window with the same query, which gets
/// the same cursor again; no event is handed out twice.
pub fn a_scroll_expired_mid_window_restarts_the_window_and_nothing_is_handed_out_twice<D: FeedDriver>(
    h: &mut Harness<D>,
) {
    let client = h.client();
    let mut feed = client.follow_events(query(), FeedPolicy::default(), true);
    let first_page = items(feed.as_mut(), Some(4));
    check_eq!(feed.buffered_events(), 0, "the events left of the first page");
    h.mock.expire_scrolls();
    check_eq!([first_page, items(feed.as_mut(), None)].concat(), demo_ids(), "the events handed out");
    let sent = scrolls_sent(&h.mock);
    check_eq!(with_cursor(&h.mock), [false, true, false, true], "which event queries carried a cursor");
    check_eq!(sent[1], sent[3], "the cursor sent again: the same query gets the same cursor");
}

/// A token revoked mid-window is renewed and the window goes on.
pub fn a_token_refused_mid_window_is_renewed_and_the_window_goes_on<D: FeedDriver>(h: &mut Harness<D>) {
    let client = h.client();
    let mut feed = client.follow_events(query(), FeedPolicy::default(), true);
    let first_page = items(feed.as_mut(), Some(4));
    h.mock.revoke_tokens();
    check_eq!([first_page, items(feed.as_mut(), None)].concat(), demo_ids(), "the events handed out");
    check_eq!(h.mock.tokens_issued(), 2, "the tokens issued");
}

/// A 429 mid-window is waited out by the client's retries: the feed sees no failure.
pub fn a_429_mid_window_is_waited_out_by_the_client<D: FeedDriver>(h: &mut Harness<D>) {
    h.mock.fault(
        FaultRule::on_path(EVENTS).nth(2).then(Fault::status(429).header("retry-after", "0").json("{}")),
    );
    let client = h.client();
    let mut feed = client.follow_events(query(), FeedPolicy::default(), true);
    check_eq!(items(feed.as_mut(), None), demo_ids(), "the events handed out");
    check_eq!(with_cursor(&h.mock), [false, true, true], "which event queries carried a cursor");
}

/// With no retries, two 503s on the second page are two failed items, each followed by the same
/// page asked again after the feed's backoff (30 ms, then 60 ms).
pub fn a_failure_past_the_clients_retries_is_an_item_and_the_same_page_is_asked_again_after_a_backoff<
    D: FeedDriver,
>(
    h: &mut Harness<D>,
) {
    h.mock.fault(FaultRule::on_path(EVENTS).nth(2).times(2).then(Fault::status(503).json("{}")));
    h.config.retry = RetryPolicy::never();
    let client = h.client();
    let policy = FeedPolicy::default().with_first_backoff(Duration::from_millis(30));
    let started = Instant::now();
    let seen = items(client.follow_events(query(), policy, true).as_mut(), None);
    let mut expected = demo_ids();
    expected.splice(4..4, ["error: server_error".to_owned(), "error: server_error".to_owned()]);
    check_eq!(seen, expected, "the items handed out");
    let elapsed = started.elapsed();
    assert!(
        elapsed >= Duration::from_millis(90),
        "the pass's time: expected at least 90 ms (backed off 30 ms, then 60 ms), got {elapsed:?}"
    );
    let sent = scrolls_sent(&h.mock);
    check_eq!(with_cursor(&h.mock), [false, true, true, true], "which event queries carried a cursor");
    check_eq!((&sent[2], &sent[3]), (&sent[1], &sent[1]), "the cursors of the pages asked again");
}

/// Stepping through a feed hands out every event, then says how long to wait for the next
/// window: a minute, less the time the pass took.
pub fn the_step_says_how_long_to_wait_once_caught_up<D: FeedDriver>(h: &mut Harness<D>) {
    let client = h.client();
    let mut feed = client.follow_events(query(), FeedPolicy::default(), false);
    let mut events = 0;
    let wait = loop {
        match feed.step() {
            FeedStep::Event(_) => events += 1,
            FeedStep::Wait(wait) => break wait,
            other => panic!("expected events, then a wait, got {other:?}"),
        }
    };
    check_eq!(events, 7, "the events stepped through");
    assert!(
        wait > Duration::from_secs(58) && wait <= Duration::from_secs(60),
        "the wait for the next window: expected 58 to 60 s, got {wait:?}"
    );
    check_eq!(h.mock.requests_to(EVENTS).len(), 2, "the event queries sent");
}

/// An event given back comes again, and the checkpoint leaves it out: a resume hands it out.
pub fn an_event_given_back_is_left_out_of_the_checkpoint_and_comes_again<D: FeedDriver>(h: &mut Harness<D>) {
    let client = h.client();
    let query = query();
    let mut feed = client.follow_events(query.clone(), FeedPolicy::default(), false);
    let mut next_event = |what: &str| match feed.next_item() {
        Some(Ok(event)) => event,
        other => panic!("{what}: expected an event, got {other:?}"),
    };
    let first = next_event("the first item");
    let second = next_event("the second item");
    feed.put_back(second.clone());
    let checkpoint = feed.checkpoint();
    check_eq!(checkpoint.emitted_count(), 1, "the events the checkpoint holds");
    let again = feed.next_item().map(|item| item.map(|event| id(&event)).map_err(|e| e.kind_name()));
    check_eq!(again, Some(Ok(id(&second))), "the item after the event given back");

    let mut resumed =
        client.resume_events(query, FeedPolicy::default(), checkpoint, true).expect("the same origin");
    let mut expected = demo_ids();
    expected.retain(|other| *other != id(&first));
    check_eq!(items(resumed.as_mut(), None), expected, "the resumed pass's events");
}

/// A checkpoint of other filters is refused, naming both; the origin is the client's gateway and
/// client id.
pub fn a_checkpoint_of_other_filters_is_refused<D: FeedDriver>(h: &mut Harness<D>) {
    let client = h.client();
    h.sends_nothing();
    let checkpoint =
        client.follow_events(query().event_type("phishing"), FeedPolicy::default(), false).checkpoint();
    let refused = client.resume_events(query().event_type("dlp"), FeedPolicy::default(), checkpoint, false);
    check_eq!(
        refused.err(),
        Some(FeedError::Origin {
            what: "filters",
            checkpoint: r#"{"eventTypes":["phishing"]}"#.to_owned(),
            expected: r#"{"eventTypes":["dlp"]}"#.to_owned(),
        }),
        "the resume with other filters"
    );
    let origin = client.feed_origin();
    check_eq!(
        (origin.gateway(), origin.client_id()),
        (h.mock.base_url().as_str(), h.mock.client_id()),
        "the feed origin's gateway and client id"
    );
}
