//! `Feed`: following security events window after window, each event emitted once, as a state
//! machine on the caller's clock.
//!
//! ```text
//!  new / resume ──► poll_next(now) ──► Event(e): the next new event of the last page; from now on
//!                      ▲     │                   it counts as emitted (put_back undoes that)
//!                      │     ├───────► Wait(d): caught up; the next window is due at the
//!                      │     │                  cursor + interval
//!                      │     ├───────► Retry(d): a request failed; the same one after d
//!                      │     └───────► Send(call): the window's next page. A new window runs
//!                      │               from cursor - lookback to now, from its first page;
//!                      │               the driver sends the call (through its call policy)
//!                      │                         │
//!                      ├── handle_page(page) ◄───┤  ► its events not emitted before come out of
//!                      │                         │    poll_next, in page order
//!                      │                         │  ► the pager ended (any end form): once they
//!                      │                         │    are all out, cursor = the window's end; ids
//!                      │                         │    created before the next window's start are
//!                      │                         │    forgotten
//!                      └── handle_error(e, now) ◄┘  ► Ok: a continuation refused with a 4xx (an
//!                                                     expired scroll): the window starts again
//!                                                     from its first page
//!                                                   ► Err: the driver's (log it); poll_next
//!                                                     says Retry until the backoff has passed
//! ```
//!
//! **Windows.** The first window runs from the feed's start to the `now` it begins at; each
//! later one from the cursor minus the lookback (never before the start) to its own `now`, both
//! dates in whole seconds as the query sends them, so every page of a window asks the same
//! dates. Its pages follow the `scrollId` with a [`Pager`], which ends on an empty page and on
//! a cursor that is `""`, `null`, absent or repeated; however it ends, the cursor becomes the
//! window's end once the last page's events are all handed out. The next window is due an
//! interval after that end.
//!
//! **Once each.** A feed remembers the ids it emitted with their `eventCreated` (an event with
//! no readable `eventCreated` counts as created at its window's end). A window's end forgets the
//! ids created before the next window's start, which that window cannot return; so a feed holds
//! the ids inside the lookback plus one window, never its history. An event the service shows
//! late (created before the cursor, visible after it) is read by the next window while it is
//! inside the lookback, and emitted once.
//!
//! **The limits.** An event the service shows within the lookback after its `eventCreated` is
//! always read. One shown later can be missed: it is read only if a window that begins once it
//! is shown starts before its creation, and a window starts just the lookback before the end of
//! the one before; with a driver that polls on time, one shown more than the lookback plus an
//! interval late is missed. The service is taken to select events by `eventCreated`; one it
//! returns outside the dates asked for may be emitted again once forgotten. An event without an
//! `eventId` cannot be recognised: it is emitted each time a page holds it. Past
//! [`FeedPolicy::max_ids`] the oldest ids are forgotten first; past [`FeedPolicy::max_pages`] a
//! window ends as [`PagerEnd::Stopped`].
//!
//! **Failures.** A failure [`Feed::handle_error`] hands back (after the call policy's own
//! retries) makes [`Feed::poll_next`] answer [`FeedNext::Retry`] for a backoff that doubles with
//! each failure in a row, from [`FeedPolicy::first_backoff`] up to the interval; a page read
//! ends the run of failures. A follower logs the failure and goes on; a one-pass run (`--once`)
//! stops at it.
//!
//! **Restarts.** [`Feed::checkpoint`] holds exactly the events handed out (a page's events not
//! yet handed out, or put back, are not in it), so a driver may write it at any time: after
//! each page's events are flushed, when caught up, when stopped. Resumed from it with
//! [`Feed::resume`], no event is lost or repeated across a graceful restart, and after a hard
//! kill at most the events handed out since the last checkpoint written (one page, for a driver
//! that writes after each) come again. A window in progress is read again from its first page,
//! its emitted ids skipped.

mod checkpoint;
mod emitted;
mod policy;
mod step;

use std::collections::{HashSet, VecDeque};
use std::time::{Duration, SystemTime};

use jiff::Timestamp;

pub use checkpoint::{FEED_CHECKPOINT_VERSION, FeedCheckpoint, FeedError, FeedOrigin};
pub use policy::FeedPolicy;
pub use step::FeedStep;

use crate::endpoint::event::SearchEvents;
use crate::error::Error;
use crate::model::event::Event;
use crate::model::event_query::EventQuery;
use crate::model::id::EventId;
use crate::model::page::Page;
use crate::model::time::{duration_until, floor_second, system_time, whole_seconds};
use crate::policy::pager::{Pager, PagerEnd};
use crate::response_error::ResponseError;
use checkpoint::{CheckpointView, Emitted, EmittedView, Time, WindowDates};
use emitted::EmittedIds;

/// What the driver does next.
#[derive(Debug, Clone, PartialEq)]
#[must_use]
pub enum FeedNext {
    /// Hand out this event: the next new event of the last page fed back. From now on it counts
    /// as emitted (the checkpoint holds it), unless it is given back with [`Feed::put_back`].
    Event(Event),
    /// Send this page's request, then feed the answer to [`Feed::handle_page`] (or its failure,
    /// once the call policy has given up, to [`Feed::handle_error`]).
    Send(SearchEvents),
    /// Caught up: every window due has been read to its end. Ask again after this long (a
    /// `--once` run stops here).
    Wait(Duration),
    /// A request failed ([`Feed::handle_error`] returned it): ask again after this long, when
    /// the same request is due again.
    Retry(Duration),
}

/// A feed of security events: which query to send, which events are new, and a checkpoint to
/// go on from after a restart. It never reads a clock: `now` comes in, a wait goes out.
///
/// ```
/// use std::time::{Duration, SystemTime};
/// use hec_proto::{BaseUrl, Event, EventQuery, Page};
/// use hec_proto::endpoint::SearchEvents;
/// use hec_proto::policy::{Feed, FeedCheckpoint, FeedNext, FeedOrigin, FeedPolicy};
///
/// // The server, as a closure: two pages linked by a scrollId, the event e2 on both. A real
/// // driver sends `call.request(..)` and reads the answer with `call.parse(..)`.
/// let server = |call: &SearchEvents| -> Page<Event> {
///     let event = |id: &str| -> Event {
///         let json = format!(r#"{{"eventId": "{id}", "eventCreated": "2026-01-01T00:00:30Z"}}"#);
///         serde_json::from_str(&json).expect("an event")
///     };
///     match call.cursor.as_deref() {
///         None => Page::new(vec![event("e1"), event("e2")], Some("scroll-1".to_owned())),
///         Some(_) => Page::new(vec![event("e2"), event("e3")], Some(String::new())),
///     }
/// };
///
/// let start = SystemTime::UNIX_EPOCH + Duration::from_secs(1_767_225_600); // 2026-01-01T00:00:00Z
/// let origin = FeedOrigin::new(&"https://gw.example.com".parse()?, "made-up-client");
/// let query = EventQuery::new(start).event_type("phishing");
/// let mut feed = Feed::new(origin.clone(), query.clone(), FeedPolicy::default());
///
/// let now = start + Duration::from_secs(90); // a virtual clock: nothing sleeps
/// let mut emitted = Vec::new();
/// let wait = loop {
///     match feed.poll_next(now) {
///         FeedNext::Event(event) => {
///             emitted.extend(event.event_id); // a driver writes the event here
///             if feed.buffered() == 0 {
///                 let _saved = feed.checkpoint().to_json(); // and here the checkpoint
///             }
///         }
///         FeedNext::Send(call) => {
///             assert_eq!(call.query.end_time(), Some(now));
///             feed.handle_page(server(&call));
///         }
///         FeedNext::Wait(wait) => break wait,
///         FeedNext::Retry(_) => unreachable!("nothing fails here"),
///     }
/// };
/// assert_eq!(emitted, ["e1".parse()?, "e2".parse()?, "e3".parse()?]);
/// assert_eq!((feed.cursor(), wait), (Some(now), Duration::from_secs(60)));
///
/// let saved = FeedCheckpoint::from_json(&feed.checkpoint().to_json())?;
/// let resumed = Feed::resume(origin, query, FeedPolicy::default(), saved)?;
/// assert_eq!((resumed.cursor(), resumed.emitted_count()), (Some(now), 3));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Feed {
    origin: FeedOrigin,
    filter: serde_json::Value,
    query: EventQuery,
    policy: FeedPolicy,
    start: Timestamp,
    cursor: Option<Timestamp>,
    window: Option<Window>,
    emitted: EmittedIds,
    /// The new events of the last page not handed out yet, in page order. Their ids are among
    /// `emitted` (so a repeat on the same page is skipped) but not in a checkpoint.
    pending: VecDeque<Event>,
    last_end: Option<PagerEnd>,
    /// Failures in a row since the last page read, and when the next request is due after them.
    failures: u32,
    retry_at: Option<Timestamp>,
    /// The next window is due a second after the cursor, not an interval ([`Feed::catch_up_now`]).
    hurry: bool,
}

/// The window being read: its dates, and the pager of its current pass.
#[derive(Debug, Clone)]
struct Window {
    start: Timestamp,
    end: Timestamp,
    pager: Pager<EventQuery>,
    restarts: u32,
}

impl Window {
    fn new(query: &EventQuery, start: Timestamp, end: Timestamp) -> Self {
        let pager = Pager::new(query.with_dates(system_time(start), system_time(end)));
        Window { start, end, pager, restarts: 0 }
    }
}

impl Feed {
    /// How many times in a row a window starts again after its continuations are refused; past
    /// it, the refusal goes to the driver too (the window still starts again).
    pub const MAX_SCROLL_RESTARTS: u32 = 3;

    /// A feed of the events `query` selects, from the query's start (in whole seconds) on; the
    /// query's end is not used, each window sets its own. Its first window is due at once.
    pub fn new(origin: FeedOrigin, query: EventQuery, policy: FeedPolicy) -> Self {
        Feed {
            origin,
            filter: query.filter_value(),
            start: whole_seconds(query.start_time()),
            query,
            policy,
            cursor: None,
            window: None,
            emitted: EmittedIds::default(),
            pending: VecDeque::new(),
            last_end: None,
            failures: 0,
            retry_at: None,
            hurry: false,
        }
    }

    /// The feed a checkpoint left, going on with `policy`. The checkpoint's start and cursor
    /// replace the query's start; its window in progress is read again from its first page.
    /// Refused: a checkpoint of another version, made for another gateway, client id or
    /// filters, or one no feed could have written ([`FeedError`]).
    pub fn resume(
        origin: FeedOrigin,
        query: EventQuery,
        policy: FeedPolicy,
        checkpoint: FeedCheckpoint,
    ) -> Result<Self, FeedError> {
        checkpoint.check()?;
        let mut feed = Feed::new(origin, query, policy);
        let differs = |what, checkpoint: &str, expected: &str| FeedError::Origin {
            what,
            checkpoint: checkpoint.to_owned(),
            expected: expected.to_owned(),
        };
        if checkpoint.origin.gateway() != feed.origin.gateway() {
            return Err(differs("gateway", checkpoint.origin.gateway(), feed.origin.gateway()));
        }
        if checkpoint.origin.client_id() != feed.origin.client_id() {
            return Err(differs("client id", checkpoint.origin.client_id(), feed.origin.client_id()));
        }
        if checkpoint.filter != feed.filter {
            return Err(differs("filters", &checkpoint.filter.to_string(), &feed.filter.to_string()));
        }
        feed.start = checkpoint.start.0;
        feed.cursor = checkpoint.cursor.map(|cursor| cursor.0);
        for Emitted { id, created } in checkpoint.emitted {
            feed.emitted.insert(id, created.0);
        }
        feed.emitted.keep_newest(feed.policy.max_ids());
        feed.window = checkpoint.window.map(|dates| Window::new(&feed.query, dates.start.0, dates.end.0));
        Ok(feed)
    }

    /// What to do at `now`: hand out the next new event of the last page; else, once a
    /// failure's backoff has passed, the request for the window's next page (beginning a window
    /// when one is due); else how long to wait. Until a page or an error is fed back, it is the
    /// same request each time.
    pub fn poll_next(&mut self, now: SystemTime) -> FeedNext {
        if let Some(event) = self.pending.pop_front() {
            return FeedNext::Event(event);
        }
        if self.window.as_ref().is_some_and(|window| window.pager.is_done()) {
            self.complete_window();
        }
        if let Some(retry_at) = self.retry_at {
            let wait = duration_until(retry_at, now);
            if !wait.is_zero() {
                return FeedNext::Retry(wait);
            }
            self.retry_at = None;
        }
        if self.window.is_none() {
            let wait = duration_until(self.due(), now);
            if !wait.is_zero() {
                return FeedNext::Wait(wait);
            }
            self.window = Some(Window::new(&self.query, self.next_start(), whole_seconds(now)));
            self.hurry = false;
        }
        match self.window.as_mut().and_then(|window| window.pager.poll_call()) {
            Some(call) => FeedNext::Send(call),
            // Never: a window whose pager ended was completed above.
            None => FeedNext::Wait(Duration::ZERO),
        }
    }

    /// Feeds back the page the last request answered: its events not emitted before come out
    /// of [`Feed::poll_next`] next, in page order (they count as emitted from then on, and an
    /// id repeated on the page comes out once). When the page ends the window (any end form of
    /// [`Pager`], or [`FeedPolicy::max_pages`]), the cursor moves to the window's end once they
    /// are all handed out. A page fed when none was asked for (no window in progress, or
    /// events of the last page still to hand out) is ignored.
    pub fn handle_page(&mut self, page: Page<Event>) {
        if !self.pending.is_empty() {
            return;
        }
        let Some(window) = &mut self.window else {
            return;
        };
        window.pager.handle_page(&page);
        if window.pager.pages() >= self.policy.max_pages() {
            window.pager.stop();
        }
        let window_end = window.end;
        self.failures = 0;
        self.retry_at = None;
        for event in page.items {
            let new = match &event.event_id {
                Some(id) => self.emitted.insert(id.clone(), created_or(&event, window_end)),
                None => true,
            };
            if new {
                self.pending.push_back(event);
            }
        }
        self.emitted.keep_newest(self.policy.max_ids());
    }

    /// Gives back an event [`Feed::poll_next`] handed out that could not be delivered (its
    /// write failed): it no longer counts as emitted, so the checkpoint leaves it out, and it is
    /// the next event handed out. Give events back in the reverse order they were handed out,
    /// and only events of the page being handed out.
    pub fn put_back(&mut self, event: Event) {
        self.pending.push_front(event);
    }

    /// Feeds back a failed request (after the call policy: a token refreshed, transient
    /// failures retried) that failed at `now`. A continuation refused as a client error (HTTP
    /// 4xx but 401 and 429, or a 2xx whose envelope code is such a 4xx: an expired or invalid
    /// scroll) starts the window again from its first page without the scroll, its emitted ids
    /// skipped: `Ok`, poll again at once (past [`Feed::MAX_SCROLL_RESTARTS`] restarts of the
    /// window, `Err` as well). Any other failure, a 4xx on a first page among them, is returned
    /// as it is, and the same page is asked for again after a backoff ([`FeedNext::Retry`]):
    /// [`FeedPolicy::first_backoff`], doubled for each failure in a row, at most the interval.
    pub fn handle_error(&mut self, error: Error, now: SystemTime) -> Result<(), Error> {
        let Some(window) = &mut self.window else {
            return Err(error);
        };
        let continuation = window.pager.poll_call().is_some_and(|call| call.cursor.is_some());
        let outcome = if continuation && refuses_the_scroll(&error) {
            window.pager = Pager::new(window.pager.query().clone());
            window.restarts = window.restarts.saturating_add(1);
            if window.restarts > Self::MAX_SCROLL_RESTARTS { Err(error) } else { return Ok(()) }
        } else {
            Err(error)
        };
        self.failures = self.failures.saturating_add(1);
        let backoff = self.policy.backoff(self.failures);
        let now = Timestamp::try_from(now).unwrap_or(Timestamp::UNIX_EPOCH);
        self.retry_at = Some(now.saturating_add(backoff).unwrap_or(Timestamp::MAX));
        outcome
    }

    /// Makes the next window due as soon as one can begin, a second after the cursor, rather
    /// than an interval after it: for a one-pass run (`--once`, a cron job), which reads up to
    /// its `now` however soon after the last run it comes. The windows after it keep the
    /// interval.
    pub fn catch_up_now(&mut self) {
        self.hurry = true;
    }

    /// The state to go on from after a restart (see [`FeedCheckpoint`]): every event handed
    /// out, and none of those still to hand out or given back.
    pub fn checkpoint(&self) -> FeedCheckpoint {
        let pending: HashSet<&EventId> =
            self.pending.iter().filter_map(|event| event.event_id.as_ref()).collect();
        FeedCheckpoint {
            version: FEED_CHECKPOINT_VERSION,
            origin: self.origin.clone(),
            filter: self.filter.clone(),
            start: Time(self.start),
            cursor: self.cursor.map(Time),
            window: self
                .window
                .as_ref()
                .map(|window| WindowDates { start: Time(window.start), end: Time(window.end) }),
            emitted: self
                .emitted
                .iter()
                .filter(|(_, id)| !pending.contains(id))
                .map(|(created, id)| Emitted { id: id.clone(), created: Time(*created) })
                .collect(),
        }
    }

    /// [`Feed::checkpoint`] as its JSON, the text [`FeedCheckpoint::to_json`] writes, written
    /// straight from the feed's state with nothing copied: for a driver that writes the
    /// checkpoint after every page.
    pub fn checkpoint_json(&self) -> Vec<u8> {
        let pending: HashSet<&EventId> =
            self.pending.iter().filter_map(|event| event.event_id.as_ref()).collect();
        let view = CheckpointView {
            version: FEED_CHECKPOINT_VERSION,
            origin: &self.origin,
            filter: &self.filter,
            start: Time(self.start),
            cursor: self.cursor.map(Time),
            window: self
                .window
                .as_ref()
                .map(|window| WindowDates { start: Time(window.start), end: Time(window.end) }),
            emitted: EmittedView::new(self.emitted.iter().filter(|(_, id)| !pending.contains(id))),
        };
        // Strings, numbers and a JSON value: it always serializes.
        serde_json::to_vec(&view).unwrap_or_default()
    }

    /// Where the events come from.
    pub fn origin(&self) -> &FeedOrigin {
        &self.origin
    }

    /// The feed's policy.
    pub fn policy(&self) -> &FeedPolicy {
        &self.policy
    }

    /// Where the feed started, in whole seconds (no window starts before it).
    pub fn start(&self) -> SystemTime {
        system_time(self.start)
    }

    /// The end of the last window read to its end; `None` before the first.
    pub fn cursor(&self) -> Option<SystemTime> {
        self.cursor.map(system_time)
    }

    /// The start and end of the window in progress, if one is.
    pub fn window(&self) -> Option<(SystemTime, SystemTime)> {
        self.window.as_ref().map(|window| (system_time(window.start), system_time(window.end)))
    }

    /// How many emitted ids the feed remembers (those of events still to hand out included).
    pub fn emitted_count(&self) -> usize {
        self.emitted.len()
    }

    /// How many events of the last page are still to hand out: 0 once its last one is out, when
    /// a driver that writes after each page writes the checkpoint.
    pub fn buffered(&self) -> usize {
        self.pending.len()
    }

    /// How many requests have failed in a row since the last page was read.
    pub fn failures(&self) -> u32 {
        self.failures
    }

    /// How the last window read to its end ended (its pager's end form).
    pub fn last_end(&self) -> Option<PagerEnd> {
        self.last_end
    }

    /// When the next window is due: the start's next second for the first, else an interval
    /// after the cursor (a second, after [`Feed::catch_up_now`]).
    fn due(&self) -> Timestamp {
        let (from, after) = match self.cursor {
            None => (self.start, Duration::from_secs(1)),
            Some(cursor) if self.hurry => (cursor, Duration::from_secs(1)),
            Some(cursor) => (cursor, self.policy.interval()),
        };
        from.saturating_add(after).unwrap_or(Timestamp::MAX)
    }

    /// Where the next window starts: the feed's start, or the cursor minus the lookback (in
    /// whole seconds, never before the start).
    fn next_start(&self) -> Timestamp {
        match self.cursor {
            None => self.start,
            Some(cursor) => {
                let back = cursor.saturating_sub(self.policy.lookback()).unwrap_or(Timestamp::MIN);
                floor_second(back).max(self.start)
            }
        }
    }

    fn complete_window(&mut self) {
        if let Some(window) = self.window.take() {
            self.cursor = Some(window.end);
            self.last_end = window.pager.end();
            self.emitted.forget_before(self.next_start());
        }
    }
}

/// When `event` counts as created: its `eventCreated`, or `otherwise` when it has none that
/// reads as a time.
fn created_or(event: &Event, otherwise: Timestamp) -> Timestamp {
    event.created.as_ref().and_then(|created| created.to_utc().ok()).unwrap_or(otherwise)
}

/// Whether a continuation's failure is the service refusing its scroll: a client error that is
/// neither 401 (the call policy refreshed the token already) nor 429 (it waited already).
fn refuses_the_scroll(error: &Error) -> bool {
    let client_error = |code: i64| (400..500).contains(&code) && code != 401 && code != 429;
    match error {
        Error::Response(ResponseError::Api(detail)) => detail.response_code.is_some_and(client_error),
        Error::Response(refusal) => client_error(i64::from(refusal.status().as_u16())),
        _ => false,
    }
}
