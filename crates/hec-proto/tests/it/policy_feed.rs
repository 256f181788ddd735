//! `Feed`: its windows and pages, events emitted once, scroll expiry, checkpoints and their
//! refusals, on a virtual clock (seconds after `wall0`, stepped by hand; nothing sleeps); and a
//! property: a run stopped and resumed from its last checkpoint emits exactly what an
//! uninterrupted run emits.

use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, SystemTime};

use crate::support::{response, transport, wall0};
use hec_proto::endpoint::{Endpoint, SearchEvents};
use hec_proto::policy::{Feed, FeedCheckpoint, FeedError, FeedNext, FeedOrigin, FeedPolicy, PagerEnd};
use hec_proto::{Error, Event, EventQuery, Page, Region, RequestId, TransportErrorKind};
use proptest::prelude::*;

// --- Helpers -------------------------------------------------------------------------------------

/// The virtual clock's `second`.
fn at(second: u64) -> SystemTime {
    wall0() + Duration::from_secs(second)
}

fn second_of(time: SystemTime) -> u64 {
    time.duration_since(wall0()).expect("a time after wall0").as_secs()
}

fn secs(seconds: u64) -> Duration {
    Duration::from_secs(seconds)
}

/// The virtual clock's `second` in RFC 3339, as `eventCreated` carries it.
fn rfc3339(second: u64) -> String {
    jiff::Timestamp::try_from(at(second)).expect("a time in range").to_string()
}

/// An event with this id, created at this second.
fn event(id: &str, created: u64) -> Event {
    event_json(&format!(r#"{{"eventId": "{id}", "eventCreated": "{}"}}"#, rfc3339(created)))
}

fn event_json(json: &str) -> Event {
    serde_json::from_str(json).expect("a test event")
}

fn page(events: Vec<Event>, cursor: Option<&str>) -> Page<Event> {
    Page::new(events, cursor.map(str::to_owned))
}

fn ids(events: Vec<Event>) -> Vec<String> {
    events.into_iter().map(|event| event.event_id.map_or_else(String::new, |id| id.to_string())).collect()
}

fn origin() -> FeedOrigin {
    FeedOrigin::new(&"https://gw.example.com".parse().expect("a valid base URL"), "made-up-client")
}

/// The feed's filters: phishing events, from second 0.
fn query() -> EventQuery {
    EventQuery::new(at(0)).event_type("phishing")
}

fn feed_with(policy: FeedPolicy) -> Feed {
    Feed::new(origin(), query(), policy)
}

/// A feed from second 0 with the default policy: a 10 min lookback, a 60 s interval.
fn feed() -> Feed {
    feed_with(FeedPolicy::default())
}

/// The request the feed asks for at `now`, which must be one.
fn send(feed: &mut Feed, now: u64) -> SearchEvents {
    match feed.poll_next(at(now)) {
        FeedNext::Send(call) => call,
        other => panic!("at {now}: expected a request, got {other:?}"),
    }
}

/// What a request asks for: its window's start and end (seconds) and its scroll.
fn asked(call: &SearchEvents) -> (u64, u64, Option<&str>) {
    let end = call.query.end_time().expect("a feed's query always has an end");
    (second_of(call.query.start_time()), second_of(end), call.cursor.as_deref())
}

/// The failure a `POST /event/query` answer with this status and body becomes.
fn failure(status: u16, body: &str) -> Error {
    match SearchEvents::new(query()).parse(&response(status, &[], body), RequestId::new()) {
        Err(error) => Error::Response(error),
        Ok(page) => panic!("expected a failure, the answer parsed as {page:?}"),
    }
}

/// The service refusing an expired scroll, as a peer's tests show it.
fn scroll_refused() -> Error {
    failure(400, r#"{"detail": "Invalid scroll"}"#)
}

/// Feeds `page` back and hands out its new events at `now`; returns their ids. The poll after
/// the last one ends the window if the page did (it asks for nothing that has side effects).
fn take(feed: &mut Feed, page: Page<Event>, now: u64) -> Vec<String> {
    feed.handle_page(page);
    let mut emitted = Vec::new();
    while let FeedNext::Event(event) = feed.poll_next(at(now)) {
        emitted.extend(ids(vec![event]));
    }
    emitted
}

/// Reads one window of `pages` from its first page at `now`; returns the ids emitted.
fn read_window(feed: &mut Feed, now: u64, pages: Vec<Page<Event>>) -> Vec<String> {
    let mut emitted = Vec::new();
    for page in pages {
        let _ = send(feed, now);
        emitted.extend(take(feed, page, now));
    }
    emitted
}

// --- Windows -------------------------------------------------------------------------------------

#[test]
fn the_first_window_asks_from_the_start_to_now_in_whole_seconds() {
    let mut feed = feed();
    let call = send(&mut feed, 90);
    assert_eq!(asked(&call), (0, 90, None));
    let request = call
        .request(&Region::Eu.base_url(), &hec_proto::AccessToken::new("made-up"), RequestId::new())
        .expect("a valid request");
    assert_eq!(
        std::str::from_utf8(request.body()).expect("UTF-8"),
        r#"{"requestData":{"startDate":"2026-01-01T00:00:00Z","endDate":"2026-01-01T00:01:30Z","eventTypes":["phishing"]}}"#
    );
    // A fraction of a second is dropped: the window ends where its dates say.
    let mut feed = self::feed();
    match feed.poll_next(at(90) + Duration::from_millis(700)) {
        FeedNext::Send(call) => assert_eq!(asked(&call), (0, 90, None)),
        other => panic!("expected a request, got {other:?}"),
    }
    assert_eq!(feed.window(), Some((at(0), at(90))));
}

#[test]
fn a_page_with_a_scroll_id_asks_for_its_continuation_with_the_same_dates() {
    let mut feed = feed();
    let _ = send(&mut feed, 90);
    let _ = take(&mut feed, page(vec![event("e1", 10)], Some("s1")), 90);
    assert_eq!(asked(&send(&mut feed, 95)), (0, 90, Some("s1")));
    // Until a page or an error comes back, the same request.
    assert_eq!(asked(&send(&mut feed, 99)), (0, 90, Some("s1")));
}

#[test]
fn the_cursor_advances_only_when_the_window_ends() {
    let mut feed = feed();
    let _ = send(&mut feed, 90);
    let _ = take(&mut feed, page(vec![event("e1", 10)], Some("s1")), 90);
    assert_eq!((feed.cursor(), feed.window()), (None, Some((at(0), at(90)))));
    let _ = send(&mut feed, 91);
    let _ = take(&mut feed, page(vec![event("e2", 20)], Some("")), 91);
    assert_eq!((feed.cursor(), feed.window()), (Some(at(90)), None));
}

#[test]
fn the_next_window_waits_for_the_interval_then_starts_at_the_cursor_minus_the_lookback() {
    let mut feed = feed();
    let _ = read_window(&mut feed, 1000, vec![page(vec![event("e1", 10)], None)]);
    assert_eq!(feed.poll_next(at(1000)), FeedNext::Wait(secs(60)));
    assert_eq!(feed.poll_next(at(1030)), FeedNext::Wait(secs(30)));
    assert_eq!(asked(&send(&mut feed, 1060)), (400, 1060, None));
}

#[test]
fn a_lookback_with_a_fraction_of_a_second_starts_windows_at_the_whole_second_before() {
    let mut feed = feed_with(FeedPolicy::default().with_lookback(Duration::from_millis(90_500)));
    let created = r#"{"eventId": "e1", "eventCreated": "2026-01-01T00:15:09.200Z"}"#; // second 909.2
    let _ = read_window(&mut feed, 1000, vec![page(vec![event_json(created)], None)]);
    // 1000 - 90.5 = 909.5: the window starts at 909 (as its date says), and e1 is still known.
    assert_eq!(asked(&send(&mut feed, 1060)), (909, 1060, None));
    assert_eq!(take(&mut feed, page(vec![event_json(created)], None), 1060), Vec::<String>::new());
}

#[test]
fn no_window_starts_before_the_feeds_start() {
    let mut feed = feed();
    let _ = read_window(&mut feed, 90, vec![page(vec![], None)]);
    assert_eq!(asked(&send(&mut feed, 150)), (0, 150, None));
}

#[test]
fn catching_up_now_makes_the_next_window_due_a_second_after_the_cursor_then_the_interval_again() {
    let mut feed = feed();
    let _ = read_window(&mut feed, 1000, vec![page(vec![], None)]);
    feed.catch_up_now();
    assert_eq!(feed.poll_next(at(1000)), FeedNext::Wait(secs(1)));
    assert_eq!(asked(&send(&mut feed, 1030)), (400, 1030, None));
    let _ = take(&mut feed, page(vec![], None), 1030);
    assert_eq!(feed.poll_next(at(1030)), FeedNext::Wait(secs(60)));
}

#[test]
fn a_feed_whose_start_is_ahead_waits_for_its_next_second() {
    let mut feed =
        Feed::new(origin(), EventQuery::new(at(100)).event_type("phishing"), FeedPolicy::default());
    assert_eq!(feed.poll_next(at(50)), FeedNext::Wait(secs(51)));
    assert_eq!(feed.poll_next(at(100)), FeedNext::Wait(secs(1)));
    assert_eq!(asked(&send(&mut feed, 101)), (100, 101, None));
}

#[test]
fn a_clock_set_back_waits_for_the_interval_after_the_cursor() {
    let mut feed = feed();
    let _ = read_window(&mut feed, 1000, vec![page(vec![], Some(""))]);
    assert_eq!(feed.poll_next(at(900)), FeedNext::Wait(secs(160)));
}

#[test]
fn the_interval_is_at_least_a_second() {
    let mut feed = feed_with(FeedPolicy::default().with_interval(Duration::ZERO));
    let _ = read_window(&mut feed, 90, vec![page(vec![], None)]);
    assert_eq!(feed.poll_next(at(90)), FeedNext::Wait(secs(1)));
}

// --- Each paging end form ends the window ----------------------------------------------------

/// Reads a window of two pages, the second ending with `last`; returns how the window ended.
fn window_ended_by(last: Page<Event>) -> (Option<SystemTime>, Option<PagerEnd>, FeedNext) {
    let mut feed = feed();
    let emitted = read_window(&mut feed, 90, vec![page(vec![event("e1", 10)], Some("s1")), last]);
    assert_eq!(emitted[0], "e1");
    (feed.cursor(), feed.last_end(), feed.poll_next(at(90)))
}

#[test]
fn an_empty_scroll_id_ends_the_window() {
    let ended = window_ended_by(page(vec![event("e2", 20)], Some("")));
    assert_eq!(ended, (Some(at(90)), Some(PagerEnd::EmptyCursor), FeedNext::Wait(secs(60))));
}

#[test]
fn a_null_or_absent_scroll_id_ends_the_window() {
    let ended = window_ended_by(page(vec![event("e2", 20)], None));
    assert_eq!(ended, (Some(at(90)), Some(PagerEnd::NoCursor), FeedNext::Wait(secs(60))));
}

#[test]
fn a_repeated_scroll_id_ends_the_window() {
    let ended = window_ended_by(page(vec![event("e2", 20)], Some("s1")));
    assert_eq!(ended, (Some(at(90)), Some(PagerEnd::RepeatedCursor), FeedNext::Wait(secs(60))));
}

#[test]
fn an_empty_page_ends_the_window() {
    let ended = window_ended_by(page(vec![], Some("s2")));
    assert_eq!(ended, (Some(at(90)), Some(PagerEnd::EmptyPage), FeedNext::Wait(secs(60))));
}

#[test]
fn a_window_still_paging_at_the_page_limit_ends_stopped() {
    let mut feed = feed_with(FeedPolicy::default().with_max_pages(3));
    let pages = ["s1", "s2", "s3"].map(|scroll| page(vec![event(&format!("e{scroll}"), 10)], Some(scroll)));
    let emitted = read_window(&mut feed, 90, pages.into());
    assert_eq!(emitted, ["es1", "es2", "es3"]);
    assert_eq!((feed.cursor(), feed.last_end()), (Some(at(90)), Some(PagerEnd::Stopped)));
}

// --- Events emitted once -------------------------------------------------------------------------

#[test]
fn a_repeated_event_is_not_emitted_twice() {
    let mut feed = feed();
    let first =
        read_window(&mut feed, 90, vec![page(vec![event("e1", 10), event("e1", 10), event("e2", 20)], None)]);
    assert_eq!(first, ["e1", "e2"]);
    let second = read_window(&mut feed, 150, vec![page(vec![event("e2", 20), event("e3", 140)], None)]);
    assert_eq!(second, ["e3"]);
}

#[test]
fn a_late_event_inside_the_lookback_is_emitted_once() {
    let mut feed = feed();
    // "late" is created at 900 but the service shows it only after the first window was read.
    assert_eq!(read_window(&mut feed, 1000, vec![page(vec![event("e1", 100)], None)]), ["e1"]);
    let second = read_window(&mut feed, 1060, vec![page(vec![event("late", 900), event("e2", 1030)], None)]);
    assert_eq!(second, ["late", "e2"]);
    let third = read_window(
        &mut feed,
        1120,
        vec![page(vec![event("late", 900), event("e2", 1030), event("e3", 1100)], None)],
    );
    assert_eq!(third, ["e3"]);
}

#[test]
fn an_event_visible_later_than_the_lookback_is_not_emitted_the_documented_limit() {
    // Created together at 100: "timely" is shown 550 s later (inside the 600 s lookback),
    // "too-late" 900 s later. Every window that begins once "too-late" is shown starts after
    // second 100, so no window can return it.
    let events = vec![
        Planned { id: "timely".to_owned(), created: 100, visible: 650 },
        Planned { id: "too-late".to_owned(), created: 100, visible: 1000 },
    ];
    let mut server = Server::new(events, vec![2], LastPage::EmptyCursor, BTreeSet::new());
    let emitted = run(&mut server, &FeedPolicy::default(), 2000, BTreeMap::new());
    assert_eq!(emitted, ["timely"]);
}

#[test]
fn an_event_without_an_id_is_emitted_each_time_it_is_seen() {
    let mut feed = feed();
    let nameless = || event_json(r#"{"type": "phishing"}"#);
    let emitted = read_window(&mut feed, 90, vec![page(vec![nameless(), nameless()], None)]);
    assert_eq!((emitted, feed.emitted_count()), (vec![String::new(), String::new()], 0));
}

#[test]
fn a_page_fed_when_none_was_asked_for_is_ignored() {
    let mut feed = feed();
    feed.handle_page(page(vec![event("e1", 10)], None));
    assert_eq!((feed.emitted_count(), feed.buffered(), feed.cursor()), (0, 0, None));
    // Nor is a second page while the first one's events are still to hand out.
    let _ = send(&mut feed, 90);
    feed.handle_page(page(vec![event("e1", 10)], Some("s1")));
    feed.handle_page(page(vec![event("e2", 20)], Some("")));
    assert_eq!((feed.emitted_count(), feed.buffered()), (1, 1));
    assert_eq!(
        ids(vec![match feed.poll_next(at(90)) {
            FeedNext::Event(event) => event,
            other => panic!("expected an event, got {other:?}"),
        }]),
        ["e1"]
    );
    assert_eq!(asked(&send(&mut feed, 90)), (0, 90, Some("s1")));
}

// --- Handing out events one at a time ------------------------------------------------------------

/// The next thing the feed gives at `now`, which must be an event; its id.
fn next_event(feed: &mut Feed, now: u64) -> Event {
    match feed.poll_next(at(now)) {
        FeedNext::Event(event) => event,
        other => panic!("at {now}: expected an event, got {other:?}"),
    }
}

fn emitted_ids(checkpoint: &FeedCheckpoint) -> Vec<String> {
    let json: serde_json::Value = serde_json::from_slice(&checkpoint.to_json()).expect("JSON");
    json["emitted"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|e| e["id"].as_str().expect("an id").to_owned())
        .collect()
}

#[test]
fn a_pages_events_come_out_one_at_a_time_and_the_checkpoint_holds_only_those_out() {
    let mut feed = feed();
    let _ = send(&mut feed, 90);
    feed.handle_page(page(vec![event("e1", 10), event("e2", 20), event("e3", 30)], Some("")));
    assert_eq!((feed.buffered(), emitted_ids(&feed.checkpoint())), (3, Vec::<String>::new()));
    assert_eq!(ids(vec![next_event(&mut feed, 90)]), ["e1"]);
    assert_eq!((feed.buffered(), emitted_ids(&feed.checkpoint())), (2, vec!["e1".to_owned()]));
    // The page ended the window, but the window goes on while its events are still to hand out.
    let checkpoint = feed.checkpoint();
    assert_eq!((checkpoint.cursor(), checkpoint.window()), (None, Some((at(0), at(90)))));

    // A restart from there reads the window again and hands out only what was not out.
    let mut resumed = Feed::resume(origin(), query(), FeedPolicy::default(), checkpoint).expect("resumes");
    assert_eq!(asked(&send(&mut resumed, 95)), (0, 90, None));
    let again =
        take(&mut resumed, page(vec![event("e1", 10), event("e2", 20), event("e3", 30)], Some("")), 95);
    assert_eq!(again, ["e2", "e3"]);
}

#[test]
fn the_window_ends_at_the_poll_after_its_last_event_is_out() {
    let mut feed = feed();
    let _ = send(&mut feed, 90);
    feed.handle_page(page(vec![event("e1", 10)], None));
    let _ = next_event(&mut feed, 90);
    assert_eq!((feed.buffered(), feed.cursor()), (0, None));
    assert_eq!(feed.poll_next(at(90)), FeedNext::Wait(secs(60)));
    let checkpoint = feed.checkpoint();
    assert_eq!(
        (checkpoint.cursor(), checkpoint.window(), emitted_ids(&checkpoint)),
        (Some(at(90)), None, vec!["e1".to_owned()])
    );
}

#[test]
fn an_event_put_back_leaves_the_checkpoint_and_comes_out_again() {
    let mut feed = feed();
    let _ = send(&mut feed, 90);
    feed.handle_page(page(vec![event("e1", 10), event("e2", 20)], None));
    let _ = next_event(&mut feed, 90);
    let second = next_event(&mut feed, 90);
    feed.put_back(second);
    // Put back before the window could end: it is still in progress, without e2.
    let checkpoint = feed.checkpoint();
    assert_eq!((checkpoint.cursor(), emitted_ids(&checkpoint)), (None, vec!["e1".to_owned()]));
    assert_eq!(ids(vec![next_event(&mut feed, 91)]), ["e2"]);
    assert_eq!(feed.poll_next(at(91)), FeedNext::Wait(secs(59)));
    assert_eq!(emitted_ids(&feed.checkpoint()), ["e1", "e2"]);
}

// --- Errors --------------------------------------------------------------------------------------

#[test]
fn a_refused_scroll_restarts_the_window_without_it_and_skips_emitted_ids() {
    let mut feed = feed();
    assert_eq!(
        read_window(&mut feed, 90, vec![page(vec![event("e1", 10), event("e2", 20)], Some("s1"))]),
        ["e1", "e2"]
    );
    assert_eq!(asked(&send(&mut feed, 92)), (0, 90, Some("s1")));
    assert_eq!(feed.handle_error(scroll_refused(), at(92)), Ok(()));
    assert_eq!(asked(&send(&mut feed, 92)), (0, 90, None));
    let again = take(&mut feed, page(vec![event("e1", 10), event("e2", 20), event("e3", 30)], Some("")), 92);
    assert_eq!(again, ["e3"]);
    assert_eq!(feed.cursor(), Some(at(90)));
}

#[test]
fn a_4xx_code_in_a_successful_answer_to_a_continuation_also_restarts_the_window() {
    let mut feed = feed();
    let _ = read_window(&mut feed, 90, vec![page(vec![event("e1", 10)], Some("s1"))]);
    let _ = send(&mut feed, 91);
    let refused =
        failure(200, r#"{"responseEnvelope": {"responseCode": 400, "responseText": "bad scroll"}}"#);
    assert_eq!(feed.handle_error(refused, at(91)), Ok(()));
    assert_eq!(asked(&send(&mut feed, 91)), (0, 90, None));
}

#[test]
fn a_4xx_on_a_first_page_is_the_drivers_error() {
    let mut feed = feed();
    let _ = send(&mut feed, 90);
    let refused = failure(400, r#"{"detail": "bad filter"}"#);
    assert_eq!(feed.handle_error(refused.clone(), at(90)), Err(refused));
    assert_eq!(asked(&send(&mut feed, 95)), (0, 90, None));
}

#[test]
fn a_401_429_5xx_or_broken_connection_on_a_continuation_is_the_drivers_and_the_same_page_is_asked_again() {
    for error in [
        failure(401, "{}"),
        failure(429, "{}"),
        failure(503, "{}"),
        failure(200, r#"{"responseEnvelope": {"responseCode": 429}}"#),
        transport(TransportErrorKind::Timeout),
    ] {
        let mut feed = feed();
        let _ = read_window(&mut feed, 90, vec![page(vec![event("e1", 10)], Some("s1"))]);
        let _ = send(&mut feed, 91);
        assert_eq!(feed.handle_error(error.clone(), at(91)), Err(error));
        assert_eq!(asked(&send(&mut feed, 95)), (0, 90, Some("s1")));
    }
}

#[test]
fn refusals_past_the_restart_limit_go_to_the_driver_and_the_window_still_restarts() {
    let mut feed = feed();
    let mut outcomes = Vec::new();
    for _ in 0..=Feed::MAX_SCROLL_RESTARTS {
        let _ = read_window(&mut feed, 90, vec![page(vec![event("e1", 10)], Some("s1"))]);
        assert_eq!(asked(&send(&mut feed, 91)), (0, 90, Some("s1")));
        outcomes.push(feed.handle_error(scroll_refused(), at(91)).is_ok());
    }
    assert_eq!(outcomes, [true, true, true, false]);
    assert_eq!(asked(&send(&mut feed, 96)), (0, 90, None));
}

#[test]
fn an_error_with_no_window_in_progress_is_the_drivers() {
    let mut feed = feed();
    let refused = scroll_refused();
    assert_eq!(feed.handle_error(refused.clone(), at(90)), Err(refused));
    // Nothing was asked: no backoff either.
    assert_eq!(asked(&send(&mut feed, 90)), (0, 90, None));
}

#[test]
fn after_a_failure_the_same_request_waits_a_backoff_that_doubles_up_to_the_interval() {
    let mut feed = feed_with(FeedPolicy::default().with_interval(secs(20)));
    let mut waits = Vec::new();
    let mut now = 90;
    for _ in 0..7 {
        let _ = send(&mut feed, now);
        assert!(feed.handle_error(failure(503, "{}"), at(now)).is_err());
        match feed.poll_next(at(now)) {
            FeedNext::Retry(wait) => waits.push(wait.as_secs()),
            other => panic!("expected a retry, got {other:?}"),
        }
        now += waits.last().copied().unwrap_or(0);
    }
    assert_eq!((waits, feed.failures()), (vec![1, 2, 4, 8, 16, 20, 20], 7));
    // Part of the way through, the rest of the wait.
    assert_eq!(feed.poll_next(at(now - 5)), FeedNext::Retry(secs(5)));
    assert_eq!(asked(&send(&mut feed, now)), (0, 90, None));
    // A page read ends the run of failures.
    let _ = take(&mut feed, page(vec![event("e1", 10)], Some("s1")), now);
    let _ = send(&mut feed, now);
    assert!(feed.handle_error(failure(503, "{}"), at(now)).is_err());
    assert_eq!((feed.poll_next(at(now)), feed.failures()), (FeedNext::Retry(secs(1)), 1));
}

#[test]
fn a_refused_scroll_restarts_at_once_without_a_backoff() {
    let mut feed = feed_with(FeedPolicy::default().with_first_backoff(secs(30)));
    let _ = read_window(&mut feed, 90, vec![page(vec![event("e1", 10)], Some("s1"))]);
    let _ = send(&mut feed, 91);
    assert_eq!(feed.handle_error(scroll_refused(), at(91)), Ok(()));
    assert_eq!((asked(&send(&mut feed, 91)), feed.failures()), ((0, 90, None), 0));
}

#[test]
fn a_zero_backoff_asks_again_at_once() {
    let mut feed = feed_with(FeedPolicy::default().with_first_backoff(Duration::ZERO));
    let _ = send(&mut feed, 90);
    assert!(feed.handle_error(transport(TransportErrorKind::Timeout), at(90)).is_err());
    assert_eq!(asked(&send(&mut feed, 90)), (0, 90, None));
}

#[test]
fn the_origin_of_a_client_configuration_is_its_gateway_and_client_id() {
    let mut config = hec_proto::ClientConfig::default();
    config.base_url = Some("https://gw.example.com/".parse().expect("valid"));
    config.auth =
        Some(hec_proto::policy::TokenSource::Credentials(hec_proto::Credentials::new("made-up-client", "k")));
    let valid = config.clone().validate().expect("valid");
    assert_eq!(FeedOrigin::of(&valid), origin());
    config.auth = Some(hec_proto::policy::TokenSource::Static(hec_proto::AccessToken::new("t")));
    let valid = config.validate().expect("valid");
    assert_eq!(
        (FeedOrigin::of(&valid).gateway(), FeedOrigin::of(&valid).client_id()),
        ("https://gw.example.com", "")
    );
}

// --- Checkpoints ---------------------------------------------------------------------------------

#[test]
fn a_checkpoint_round_trips_through_json_and_resumes_the_window_from_its_first_page() {
    let mut feed = feed();
    let first = page(
        vec![
            event_json(r#"{"eventId": "e1", "eventCreated": "2026-01-01T00:00:30.500000+00:00"}"#),
            event_json(r#"{"eventId": "e2", "eventCreated": "soon"}"#),
        ],
        Some("s1"),
    );
    let _ = read_window(&mut feed, 90, vec![first]);
    let json = feed.checkpoint().to_json();
    // The event without a readable time counts as created at its window's end (00:01:30).
    assert_eq!(
        std::str::from_utf8(&json).expect("UTF-8"),
        r#"{"version":1,"origin":{"gateway":"https://gw.example.com","clientId":"made-up-client"},"filter":{"eventTypes":["phishing"]},"start":"2026-01-01T00:00:00Z","cursor":null,"window":{"start":"2026-01-01T00:00:00Z","end":"2026-01-01T00:01:30Z"},"emitted":[{"id":"e1","created":"2026-01-01T00:00:30.5Z"},{"id":"e2","created":"2026-01-01T00:01:30Z"}]}"#
    );
    let read = FeedCheckpoint::from_json(&json).expect("a checkpoint reads back");
    assert_eq!(read, feed.checkpoint());
    assert_eq!(
        (read.version(), read.start(), read.cursor(), read.window(), read.emitted_count()),
        (1, at(0), None, Some((at(0), at(90))), 2)
    );

    let mut resumed = Feed::resume(origin(), query(), FeedPolicy::default(), read).expect("the same origin");
    assert_eq!(asked(&send(&mut resumed, 500)), (0, 90, None));
    let again =
        take(&mut resumed, page(vec![event("e1", 30), event("e2", 40), event("e3", 50)], Some("")), 500);
    assert_eq!(again, ["e3"]);
    assert_eq!(resumed.cursor(), Some(at(90)));
}

#[test]
fn a_resumed_feed_goes_on_from_the_checkpoints_cursor_not_the_querys_start() {
    let mut feed = feed();
    let _ = read_window(&mut feed, 1000, vec![page(vec![event("e1", 900)], None)]);
    let later = EventQuery::new(at(5000)).event_type("phishing");
    let mut resumed =
        Feed::resume(origin(), later, FeedPolicy::default(), feed.checkpoint()).expect("resumes");
    assert_eq!((resumed.start(), resumed.cursor(), resumed.emitted_count()), (at(0), Some(at(1000)), 1));
    assert_eq!(asked(&send(&mut resumed, 1060)), (400, 1060, None));
    assert_eq!(take(&mut resumed, page(vec![event("e1", 900)], None), 1060), Vec::<String>::new());
}

#[test]
fn a_checkpoint_of_another_version_is_refused() {
    let mut json: serde_json::Value = serde_json::from_slice(&feed().checkpoint().to_json()).expect("JSON");
    json["version"] = 2.into();
    let text = json.to_string();
    let refused = FeedError::Version { found: 2, supported: 1 };
    assert_eq!(FeedCheckpoint::from_json(text.as_bytes()), Err(refused.clone()));
    // Made through serde directly, it is refused on resuming.
    let parsed: FeedCheckpoint = serde_json::from_str(&text).expect("the same fields");
    assert_eq!(Feed::resume(origin(), query(), FeedPolicy::default(), parsed).err(), Some(refused.clone()));
    assert_eq!(
        refused.to_string(),
        "the checkpoint is of version 2; this version of hec reads version 1 only"
    );
}

#[test]
fn a_checkpoint_for_another_gateway_client_or_filters_is_refused() {
    let checkpoint = feed().checkpoint();
    let resume = |origin: FeedOrigin, query: EventQuery| {
        Feed::resume(origin, query, FeedPolicy::default(), checkpoint.clone()).err()
    };
    let other_gateway =
        FeedOrigin::new(&"https://other.example.com".parse().expect("valid"), "made-up-client");
    assert_eq!(
        resume(other_gateway, query()),
        Some(FeedError::Origin {
            what: "gateway",
            checkpoint: "https://gw.example.com".to_owned(),
            expected: "https://other.example.com".to_owned(),
        })
    );
    let other_client = FeedOrigin::new(&"https://gw.example.com".parse().expect("valid"), "other-client");
    let refused = resume(other_client, query()).expect("refused");
    assert_eq!(
        refused.to_string(),
        r#"the checkpoint was made for client id "made-up-client", not "other-client"; use another checkpoint file"#
    );
    assert_eq!(
        resume(origin(), EventQuery::new(at(0)).event_type("malware")),
        Some(FeedError::Origin {
            what: "filters",
            checkpoint: r#"{"eventTypes":["phishing"]}"#.to_owned(),
            expected: r#"{"eventTypes":["malware"]}"#.to_owned(),
        })
    );
}

#[test]
fn the_same_filters_in_another_order_are_the_same_origin() {
    let query = EventQuery::new(at(0)).event_type("phishing").event_type("dlp").severity(5).severity(4);
    let checkpoint = Feed::new(origin(), query, FeedPolicy::default()).checkpoint();
    assert_eq!(checkpoint.filter().to_string(), r#"{"eventTypes":["dlp","phishing"],"severities":[4,5]}"#);
    let reordered = EventQuery::new(at(0))
        .severity(4)
        .event_type("dlp")
        .event_type("phishing")
        .event_type("dlp")
        .severity(5);
    assert!(Feed::resume(origin(), reordered, FeedPolicy::default(), checkpoint).is_ok());
}

#[test]
fn a_corrupt_checkpoint_is_refused_naming_what_is_wrong() {
    let valid = String::from_utf8(feed().checkpoint().to_json()).expect("UTF-8");
    let corrupt = |json: &str| match FeedCheckpoint::from_json(json.as_bytes()) {
        Err(FeedError::Corrupt(reason)) => reason,
        other => panic!("expected a corrupt checkpoint, got {other:?}"),
    };
    assert_eq!(corrupt("not json"), "expected ident at line 1 column 2");
    assert_eq!(corrupt(r#"{"cursor": null}"#), "missing field `version` at line 1 column 16");
    assert_eq!(
        corrupt(r#"{"version": "1"}"#),
        "invalid type: string \"1\", expected u64 at line 1 column 15"
    );
    assert_eq!(
        corrupt(&valid.replace(r#""cursor":null"#, r#""cursor":"yesterday""#)),
        r#"at cursor: "yesterday" is not an RFC 3339 time at line 1 column 175"#
    );
    assert_eq!(
        corrupt(&valid.replace(
            r#""window":null"#,
            r#""window":{"start":"2026-01-01T00:01:30Z","end":"2026-01-01T00:00:00Z"}"#
        )),
        "the window ends at 2026-01-01T00:00:00Z before it starts at 2026-01-01T00:01:30Z"
    );
    let twice = r#""emitted":[{"id":"e1","created":"2026-01-01T00:00:10Z"},{"id":"e1","created":"2026-01-01T00:00:20Z"}]"#;
    assert_eq!(corrupt(&valid.replace(r#""emitted":[]"#, twice)), "the id e1 is listed twice");
    assert_eq!(
        corrupt(
            &valid.replace(r#""emitted":[]"#, r#""emitted":[{"id":"a/b","created":"2026-01-01T00:00:10Z"}]"#)
        ),
        "at emitted[0].id: invalid event id: character '/' at position 1 is not allowed (use A-Z, a-z, 0-9, '_' and '-') at line 1 column 205"
    );
    assert_eq!(
        corrupt(&valid.replace(r#""version":1"#, r#""version":1,"token":"x""#)),
        "at token: unknown field `token`, expected one of `version`, `origin`, `filter`, `start`, `cursor`, `window`, `emitted` at line 1 column 20"
    );
}

// --- Bounds --------------------------------------------------------------------------------------

#[test]
fn ids_older_than_the_lookback_are_forgotten_so_the_checkpoint_stays_bounded_over_1000_windows() {
    // Window k ends at 60k and holds two new events, created at 60k - 30 and 60k - 10; the
    // service returns every event inside each window's dates, seven a page. After window k the
    // next starts at 60k - 600: the ids kept are those of windows k-9..=k, 20 from the tenth on.
    let events = (1..=1000u64)
        .flat_map(|k| {
            [30, 10].map(|before| Planned {
                id: format!("w{k}-{before}"),
                created: 60 * k - before,
                visible: 0,
            })
        })
        .collect();
    let mut server = Server::new(events, vec![7], LastPage::EmptyCursor, BTreeSet::new());
    let mut feed = feed();
    let mut emitted = Vec::new();
    let mut held = Vec::new();
    for k in 1..=1000u64 {
        let now = 60 * k;
        loop {
            match feed.poll_next(at(now)) {
                FeedNext::Send(call) => feed.handle_page(server.answer(&call, now).expect("no failures")),
                FeedNext::Event(event) => emitted.extend(ids(vec![event])),
                _ => break,
            }
        }
        assert_eq!(feed.cursor(), Some(at(now)));
        held.push(feed.emitted_count());
    }
    let expected_held: Vec<usize> = (1..=1000usize).map(|k| (2 * k).min(20)).collect();
    assert_eq!(held, expected_held);
    assert_eq!((emitted.len(), emitted.iter().collect::<BTreeSet<_>>().len()), (2000, 2000));
    let checkpoint = FeedCheckpoint::from_json(&feed.checkpoint().to_json()).expect("reads back");
    assert_eq!(checkpoint.emitted_count(), 20);
}

#[test]
fn past_the_id_cap_the_oldest_ids_are_forgotten_first() {
    let mut feed = feed_with(FeedPolicy::default().with_max_ids(3));
    let created = [("e1", 50), ("e2", 10), ("e3", 40), ("e4", 20), ("e5", 30)];
    let events = || created.iter().map(|(id, second)| event(id, *second)).collect::<Vec<_>>();
    let _ = send(&mut feed, 90);
    assert_eq!(take(&mut feed, page(events(), Some("s1")), 90), ["e1", "e2", "e3", "e4", "e5"]);
    assert_eq!(feed.emitted_count(), 3);
    // The forgotten e2 and e4 are new again: past the cap the feed is at-least-once.
    let _ = send(&mut feed, 91);
    assert_eq!(take(&mut feed, page(events(), Some("")), 91), ["e2", "e4"]);
    let json = String::from_utf8(feed.checkpoint().to_json()).expect("UTF-8");
    assert!(
        json.ends_with(r#""emitted":[{"id":"e5","created":"2026-01-01T00:00:30Z"},{"id":"e3","created":"2026-01-01T00:00:40Z"},{"id":"e1","created":"2026-01-01T00:00:50Z"}]}"#),
        "{json}"
    );
}

// --- A model of the service ----------------------------------------------------------------------

/// An event of the model service: created at a second, shown from a second on.
#[derive(Debug, Clone)]
struct Planned {
    id: String,
    created: u64,
    visible: u64,
}

/// How the model service says "last page".
#[derive(Debug, Clone, Copy)]
enum LastPage {
    EmptyCursor,
    NoCursor,
    RepeatedCursor,
    EmptyPage,
}

/// The service as a feed sees it: it answers a query with the events created inside its dates
/// (both ends included) and shown by the time of the query's first page, oldest first, in pages
/// of the sizes given (in turn, one per request). A scroll is `{first page's time}:{offset}`.
/// A continuation whose request number is in `refuse` finds its scroll expired: refused then
/// and whenever it is sent again.
struct Server {
    events: Vec<Planned>,
    page_sizes: Vec<usize>,
    last: LastPage,
    refuse: BTreeSet<usize>,
    expired: BTreeSet<String>,
    requests: usize,
}

impl Server {
    fn new(events: Vec<Planned>, page_sizes: Vec<usize>, last: LastPage, refuse: BTreeSet<usize>) -> Self {
        Server { events, page_sizes, last, refuse, expired: BTreeSet::new(), requests: 0 }
    }

    fn answer(&mut self, call: &SearchEvents, now: u64) -> Result<Page<Event>, Error> {
        let request = self.requests;
        self.requests += 1;
        if let Some(scroll) = &call.cursor {
            if self.refuse.contains(&request) {
                self.expired.insert(scroll.clone());
            }
            if self.expired.contains(scroll) {
                return Err(scroll_refused());
            }
        }
        let (snapshot, offset) = match call.cursor.as_deref() {
            None => (now, 0),
            Some(scroll) => {
                let (snapshot, offset) = scroll.split_once(':').expect("a scroll this server made");
                (snapshot.parse().expect("a number"), offset.parse().expect("a number"))
            }
        };
        let (start, end, _) = asked(call);
        let mut listed: Vec<&Planned> = self
            .events
            .iter()
            .filter(|event| start <= event.created && event.created <= end && event.visible <= snapshot)
            .collect();
        listed.sort_by_key(|event| (event.created, event.id.clone()));
        let size = self.page_sizes[request % self.page_sizes.len()];
        let items: Vec<Event> = listed
            .iter()
            .skip(offset)
            .take(size)
            .map(|planned| event(&planned.id, planned.created))
            .collect();
        let next = format!("{snapshot}:{}", offset + size);
        let cursor = if items.is_empty() || offset + size < listed.len() {
            Some(next)
        } else {
            match self.last {
                LastPage::EmptyCursor => Some(String::new()),
                LastPage::NoCursor => None,
                LastPage::RepeatedCursor => Some(call.cursor.clone().unwrap_or_default()),
                LastPage::EmptyPage => Some(next),
            }
        };
        Ok(Page::new(items, cursor))
    }
}

/// Drives a feed (from second 0, first asked at 60) against `server` until it is caught up at
/// or after `until`; returns the ids emitted, in order. Each request takes a second; a failure
/// the feed hands back is retried when its backoff has passed, and at least 5 s later. The
/// driver checkpoints after every page fed back and every event handed out (the JSON, as a file
/// would hold it). At each step count (pages and events) in `stops` it stops, and after the
/// downtime given resumes from its last checkpoint (or starts afresh if it has none): a stop can
/// fall between a page's arrival and its events, or between two of them.
fn run(server: &mut Server, policy: &FeedPolicy, until: u64, mut stops: BTreeMap<usize, u64>) -> Vec<String> {
    let mut feed = feed_with(policy.clone());
    let mut saved: Option<Vec<u8>> = None;
    let (mut now, mut steps) = (60u64, 0usize);
    let mut emitted = Vec::new();
    for _ in 0..200_000 {
        if let Some(downtime) = stops.remove(&steps) {
            feed = match &saved {
                Some(json) => {
                    let checkpoint = FeedCheckpoint::from_json(json).expect("the last checkpoint reads back");
                    Feed::resume(origin(), query(), policy.clone(), checkpoint).expect("the same origin")
                }
                None => feed_with(policy.clone()),
            };
            now += downtime;
        }
        match feed.poll_next(at(now)) {
            FeedNext::Event(event) => {
                emitted.extend(ids(vec![event]));
                saved = Some(checkpoint_json(&feed));
                steps += 1;
            }
            FeedNext::Send(call) => {
                let answer = server.answer(&call, now);
                now += 1;
                match answer {
                    Ok(page) => {
                        feed.handle_page(page);
                        saved = Some(checkpoint_json(&feed));
                        steps += 1;
                    }
                    Err(error) => {
                        if feed.handle_error(error, at(now)).is_err() {
                            now += 5;
                        }
                    }
                }
            }
            FeedNext::Wait(_) if now >= until => return emitted,
            FeedNext::Wait(wait) | FeedNext::Retry(wait) => now += wait.as_secs().max(1),
        }
    }
    panic!("the run did not end");
}

/// The feed's checkpoint as JSON, written straight from its state; the same text as the
/// checkpoint's own.
fn checkpoint_json(feed: &Feed) -> Vec<u8> {
    let json = feed.checkpoint_json();
    assert_eq!(json, feed.checkpoint().to_json());
    json
}

/// A timeline of up to 40 events created over 20 minutes, some shown late (never later than
/// the lookback after their creation).
fn timelines(lookback: u64) -> impl Strategy<Value = Vec<Planned>> {
    let delay = prop_oneof![7 => Just(0u64), 3 => 0..=lookback];
    proptest::collection::vec((0u64..=1200, delay), 0..40).prop_map(|planned| {
        planned
            .into_iter()
            .enumerate()
            .map(|(index, (created, delay))| Planned {
                id: format!("ev{index}"),
                created,
                visible: created + delay,
            })
            .collect()
    })
}

fn last_pages() -> impl Strategy<Value = LastPage> {
    prop_oneof![
        Just(LastPage::EmptyCursor),
        Just(LastPage::NoCursor),
        Just(LastPage::RepeatedCursor),
        Just(LastPage::EmptyPage),
    ]
}

/// Each id in `emitted` once, and the ids as a sorted list.
fn once_each(emitted: &[String]) -> Result<Vec<String>, TestCaseError> {
    let distinct: BTreeSet<&String> = emitted.iter().collect();
    prop_assert_eq!(distinct.len(), emitted.len(), "an id emitted twice in {:?}", emitted);
    Ok(distinct.into_iter().cloned().collect())
}

proptest! {
    #[test]
    fn a_run_stopped_and_resumed_from_its_checkpoints_emits_each_event_exactly_once(
        (lookback, events) in (0u64..=180).prop_flat_map(|lookback| (Just(lookback), timelines(lookback))),
        interval in 20u64..=90,
        page_sizes in proptest::collection::vec(1usize..=5, 1..4),
        last in last_pages(),
        refuse in proptest::collection::btree_set(0usize..150, 0..4),
        stops in proptest::collection::btree_map(0usize..120, 0u64..=300, 0..5),
    ) {
        let policy = FeedPolicy::default().with_lookback(secs(lookback)).with_interval(secs(interval));
        let until = events.iter().map(|event| event.visible).max().unwrap_or(0) + interval + 2;
        let expected: Vec<String> = events.iter().map(|event| event.id.clone()).collect::<BTreeSet<_>>().into_iter().collect();
        let server = || Server::new(events.clone(), page_sizes.clone(), last, refuse.clone());

        let whole = run(&mut server(), &policy, until, BTreeMap::new());
        let resumed = run(&mut server(), &policy, until, stops);
        prop_assert_eq!(once_each(&whole)?, expected.clone());
        prop_assert_eq!(once_each(&resumed)?, expected);
    }
}
