//! `EventFeed`: following security events, window after window, as an iterator; every decision
//! (which page, which events are new, how long to wait or back off, what the checkpoint holds)
//! is hec-proto's [`Feed`]. This file sends the requests and sleeps.

use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant, SystemTime};

use hec_proto::policy::{Feed, FeedCheckpoint, FeedError, FeedNext, FeedOrigin, FeedPolicy, FeedStep};
use hec_proto::{Error, Event, EventQuery};

use crate::Client;

impl Client {
    /// Follows the security events `query` selects (`POST /app/hec-api/v1.0/event/query`), from
    /// its start on, window after window as `policy` paces them (see [`Feed`]): each event once,
    /// in the order the service pages them. Nothing is sent before the first item is asked for.
    ///
    /// ```
    /// use std::time::{Duration, SystemTime};
    /// use hec_blocking::{Client, Credentials, EventQuery, FeedCheckpoint, FeedPolicy};
    /// use hec_fixtures::mock::{MockGateway, demo};
    ///
    /// let mock = MockGateway::start(); // its demo tenant: 7 events in the last two days
    /// let client = Client::from_config(hec_blocking::ClientConfig::new()
    ///     .base_url(mock.base_url().parse()?)
    ///     .credentials(Credentials::new(mock.client_id(), mock.access_key())))?;
    /// let query = EventQuery::new(SystemTime::now() - Duration::from_secs(3 * 86_400));
    ///
    /// // One pass up to now (a `for` loop without `until_caught_up` follows forever).
    /// let mut feed = client.follow_events(query.clone(), FeedPolicy::default()).until_caught_up();
    /// let mut ids = Vec::new();
    /// for event in feed.by_ref() {
    ///     ids.extend(event?.event_id.map(|id| id.to_string()));
    /// }
    /// assert_eq!(ids, demo::event_ids());
    /// let saved = feed.checkpoint().to_json(); // written to a file, say
    ///
    /// // Later, from the checkpoint: nothing new yet.
    /// let checkpoint = FeedCheckpoint::from_json(&saved)?;
    /// let mut resumed = client.resume_events(query, FeedPolicy::default(), checkpoint)?.until_caught_up();
    /// assert!(resumed.next().is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn follow_events(&self, query: EventQuery, policy: FeedPolicy) -> EventFeed {
        self.feed_events(Feed::new(self.feed_origin(), query, policy))
    }

    /// Follows events on from a checkpoint a feed of the same gateway, client id and filters
    /// wrote ([`EventFeed::checkpoint`]); its start replaces the query's. Refused as
    /// [`Feed::resume`] refuses.
    pub fn resume_events(
        &self,
        query: EventQuery,
        policy: FeedPolicy,
        checkpoint: FeedCheckpoint,
    ) -> Result<EventFeed, FeedError> {
        Ok(self.feed_events(Feed::resume(self.feed_origin(), query, policy, checkpoint)?))
    }

    /// Drives a [`Feed`] made by the caller (for another origin, say) with this client.
    pub fn feed_events(&self, feed: Feed) -> EventFeed {
        EventFeed { client: self.clone(), feed, until_caught_up: false, stopper: FeedStopper::default() }
    }

    /// What a feed of this client is for: its gateway and client id ([`FeedOrigin::of`]).
    pub fn feed_origin(&self) -> FeedOrigin {
        FeedOrigin::of(&self.inner.config)
    }
}

/// A feed of security events: an iterator of each new event (or of a failed request, after
/// which the feed goes on once its backoff has passed), that sleeps while it is caught up. Made
/// by [`Client::follow_events`] or [`Client::resume_events`].
///
/// Its [`checkpoint`](EventFeed::checkpoint) holds exactly the events handed out so far, at any
/// moment; write it after the events are delivered (after each page's, at least: when
/// [`buffered_events`](EventFeed::buffered_events) is 0), and resume from it after a restart. For a loop that
/// also watches other things while it waits, [`step`](EventFeed::step) never sleeps.
#[derive(Debug)]
pub struct EventFeed {
    client: Client,
    feed: Feed,
    until_caught_up: bool,
    stopper: FeedStopper,
}

impl EventFeed {
    /// The same feed, as an iterator that reads up to now and ends once it is caught up (one pass,
    /// as a cron job runs it) instead of sleeping until the next window. The pass reads up to
    /// now however soon after the cursor it comes ([`Feed::catch_up_now`]).
    pub fn until_caught_up(mut self) -> Self {
        self.until_caught_up = true;
        self.feed.catch_up_now();
        self
    }

    /// One step, without sleeping: the next new event, sending the requests it takes (each
    /// through the client: token, retries, the in-flight limit); or a failed request; or how
    /// long to wait (caught up, or backing off after a failure).
    pub fn step(&mut self) -> FeedStep {
        loop {
            match self.feed.poll_next(SystemTime::now()) {
                FeedNext::Event(event) => return FeedStep::Event(event),
                FeedNext::Wait(wait) => return FeedStep::Wait(wait),
                FeedNext::Retry(wait) => return FeedStep::Retry(wait),
                FeedNext::Send(call) => match self.client.execute(&call) {
                    Ok(page) => self.feed.handle_page(page),
                    Err(error) => {
                        if let Err(error) = self.feed.handle_error(error, SystemTime::now()) {
                            return FeedStep::Failed(error);
                        }
                    }
                },
            }
        }
    }

    /// The state to resume from: every event handed out, and none of those still to come or
    /// given back (see [`FeedCheckpoint`]).
    pub fn checkpoint(&self) -> FeedCheckpoint {
        self.feed.checkpoint()
    }

    /// Gives back an event that could not be delivered: the checkpoint leaves it out, and it is
    /// the next item (see [`Feed::put_back`]).
    pub fn put_back(&mut self, event: Event) {
        self.feed.put_back(event);
    }

    /// How many events of the last page read are still to come: 0 once its last one is out.
    pub fn buffered_events(&self) -> usize {
        self.feed.buffered()
    }

    /// The feed's state: its cursor, window, policy and origin.
    pub fn feed(&self) -> &Feed {
        &self.feed
    }

    /// A handle that stops this feed from another thread (a signal handler's, say): the
    /// iterator ends at its next item, or at once while it sleeps.
    pub fn stopper(&self) -> FeedStopper {
        self.stopper.clone()
    }
}

impl Iterator for EventFeed {
    type Item = Result<Event, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.stopper.is_stopped() {
                return None;
            }
            match self.step() {
                FeedStep::Event(event) => return Some(Ok(event)),
                FeedStep::Failed(error) => return Some(Err(error)),
                FeedStep::Wait(_) if self.until_caught_up => return None,
                FeedStep::Wait(wait) | FeedStep::Retry(wait) if !self.stopper.sleep(wait) => return None,
                // The wait slept out (or a step of a later version): ask again.
                _ => {}
            }
        }
    }
}

/// Stops an [`EventFeed`] from another thread: see [`EventFeed::stopper`]. Cheap to clone.
#[derive(Debug, Clone, Default)]
pub struct FeedStopper {
    state: Arc<(Mutex<bool>, Condvar)>,
}

impl FeedStopper {
    /// Stops the feed: its iterator ends at its next item, or at once if it is sleeping.
    pub fn stop(&self) {
        let (stopped, wake) = &*self.state;
        *stopped.lock().unwrap_or_else(PoisonError::into_inner) = true;
        wake.notify_all();
    }

    /// Whether [`FeedStopper::stop`] was called.
    pub fn is_stopped(&self) -> bool {
        *self.state.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Sleeps `wait`, or less if stopped meanwhile; whether it was not stopped.
    fn sleep(&self, wait: Duration) -> bool {
        let (stopped, wake) = &*self.state;
        // A wait too long for the clock to hold is a wait until stopped, an hour at a time.
        let deadline = Instant::now().checked_add(wait);
        let mut guard = stopped.lock().unwrap_or_else(PoisonError::into_inner);
        while !*guard {
            let left =
                deadline.map_or(Duration::from_secs(3600), |at| at.saturating_duration_since(Instant::now()));
            if left.is_zero() {
                break;
            }
            guard = wake.wait_timeout(guard, left).unwrap_or_else(PoisonError::into_inner).0;
        }
        !*guard
    }
}
