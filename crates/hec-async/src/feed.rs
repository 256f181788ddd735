//! `EventFeed`: following security events, window after window, as a stream; every decision
//! (which page, which events are new, how long to wait or back off, what the checkpoint holds)
//! is hec-proto's [`Feed`]. This file sends the requests and sleeps.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, ready};
use std::time::SystemTime;

use futures_util::Stream;
use hec_proto::policy::{Feed, FeedCheckpoint, FeedError, FeedNext, FeedOrigin, FeedPolicy, FeedStep};
use hec_proto::{Error, Event, EventQuery, Page};
use tokio::time::Sleep;

use crate::Client;

impl Client {
    /// Follows the security events `query` selects (`POST /app/hec-api/v1.0/event/query`), from
    /// its start on, window after window as `policy` paces them (see [`Feed`]): each event once,
    /// in the order the service pages them. Nothing is sent before the stream is first polled.
    ///
    /// ```
    /// use std::time::{Duration, SystemTime};
    /// use hec_async::{Client, Credentials, EventQuery, FeedCheckpoint, FeedPolicy, StreamExt};
    /// use hec_fixtures::mock::{MockGateway, demo};
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let mock = MockGateway::start(); // its demo tenant: 7 events in the last two days
    /// let client = Client::from_config(hec_async::ClientConfig::new()
    ///     .base_url(mock.base_url().parse()?)
    ///     .credentials(Credentials::new(mock.client_id(), mock.access_key())))?;
    /// let query = EventQuery::new(SystemTime::now() - Duration::from_secs(3 * 86_400));
    ///
    /// // One pass up to now (without `until_caught_up` the stream follows forever).
    /// let mut feed = client.follow_events(query.clone(), FeedPolicy::default()).until_caught_up();
    /// let mut ids = Vec::new();
    /// while let Some(event) = feed.next().await {
    ///     ids.extend(event?.event_id.map(|id| id.to_string()));
    /// }
    /// assert_eq!(ids, demo::event_ids());
    /// let saved = feed.checkpoint().to_json(); // written to a file, say
    ///
    /// // Later, from the checkpoint: nothing new yet.
    /// let checkpoint = FeedCheckpoint::from_json(&saved)?;
    /// let mut resumed = client.resume_events(query, FeedPolicy::default(), checkpoint)?.until_caught_up();
    /// assert!(resumed.next().await.is_none());
    /// # Ok(())
    /// # }
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
        EventFeed { client: self.clone(), feed, until_caught_up: false, in_flight: None, sleep: None }
    }

    /// What a feed of this client is for: its gateway and client id ([`FeedOrigin::of`]).
    pub fn feed_origin(&self) -> FeedOrigin {
        FeedOrigin::of(&self.inner.config)
    }
}

/// A page's request on its way.
type PageFuture = Pin<Box<dyn Future<Output = Result<Page<Event>, Error>> + Send>>;

/// A feed of security events: a stream of each new event (or of a failed request, after which
/// the feed goes on once its backoff has passed), that sleeps while it is caught up. Made by
/// [`Client::follow_events`] or [`Client::resume_events`]; `Send` and `Unpin`, and dropping it
/// stops it.
///
/// Its [`checkpoint`](EventFeed::checkpoint) holds exactly the events handed out so far, at any
/// moment; write it after the events are delivered (after each page's, at least: when
/// [`buffered_events`](EventFeed::buffered_events) is 0), and resume from it after a restart. For a loop that
/// also waits on other things, [`step`](EventFeed::step) never sleeps.
pub struct EventFeed {
    client: Client,
    feed: Feed,
    until_caught_up: bool,
    /// The page being fetched: it exists only while a request is out, and survives a dropped
    /// `step` future (the next step picks it up).
    in_flight: Option<PageFuture>,
    /// The stream's wait, while it sleeps.
    sleep: Option<Pin<Box<Sleep>>>,
}

impl EventFeed {
    /// The same feed, as a stream that reads up to now and ends once it is caught up (one pass,
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
    pub async fn step(&mut self) -> FeedStep {
        std::future::poll_fn(|cx| self.poll_step(cx)).await
    }

    fn poll_step(&mut self, cx: &mut Context<'_>) -> Poll<FeedStep> {
        loop {
            if let Some(in_flight) = self.in_flight.as_mut() {
                let answer = ready!(in_flight.as_mut().poll(cx));
                self.in_flight = None;
                match answer {
                    Ok(page) => self.feed.handle_page(page),
                    Err(error) => {
                        if let Err(error) = self.feed.handle_error(error, SystemTime::now()) {
                            return Poll::Ready(FeedStep::Failed(error));
                        }
                    }
                }
            }
            match self.feed.poll_next(SystemTime::now()) {
                FeedNext::Event(event) => return Poll::Ready(FeedStep::Event(event)),
                FeedNext::Wait(wait) => return Poll::Ready(FeedStep::Wait(wait)),
                FeedNext::Retry(wait) => return Poll::Ready(FeedStep::Retry(wait)),
                FeedNext::Send(call) => {
                    let client = self.client.clone();
                    self.in_flight = Some(Box::pin(async move { client.execute(&call).await }));
                }
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
}

impl Stream for EventFeed {
    type Item = Result<Event, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if let Some(sleep) = this.sleep.as_mut() {
                ready!(sleep.as_mut().poll(cx));
                this.sleep = None;
            }
            match ready!(this.poll_step(cx)) {
                FeedStep::Event(event) => return Poll::Ready(Some(Ok(event))),
                FeedStep::Failed(error) => return Poll::Ready(Some(Err(error))),
                FeedStep::Wait(_) if this.until_caught_up => return Poll::Ready(None),
                FeedStep::Wait(wait) | FeedStep::Retry(wait) => {
                    this.sleep = Some(Box::pin(tokio::time::sleep(wait)));
                }
                // A step of a later version: ask again.
                _ => {}
            }
        }
    }
}

impl fmt::Debug for EventFeed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EventFeed")
            .field("feed", &self.feed)
            .field("until_caught_up", &self.until_caught_up)
            .field("in_flight", &self.in_flight.is_some())
            .field("sleeping", &self.sleep.is_some())
            .finish_non_exhaustive()
    }
}
