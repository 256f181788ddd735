//! `FeedStep`: what one step of a driver's event feed came to, the same in every driver.

use std::time::Duration;

use crate::error::Error;
use crate::model::event::Event;

/// One step of a driver's event feed (`EventFeed::step` in hec-blocking and hec-async): the
/// [`FeedNext`](crate::policy::FeedNext) a [`Feed`](crate::policy::Feed) gives once the driver
/// has sent its requests. A driver never sleeps in a step: it says how long to wait, and the
/// caller waits as it likes (a command line also watches for signals and a closed stdout).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum FeedStep {
    /// A new event. It counts as emitted (the checkpoint holds it) unless given back with
    /// `put_back`.
    Event(Event),
    /// A request failed after the client's own retries (and token refresh). The feed asks again
    /// after a backoff: the next step is [`FeedStep::Retry`]. A follower logs it and goes on; a
    /// one-pass run stops.
    Failed(Error),
    /// Caught up: the next window is due after this long.
    Wait(Duration),
    /// Backing off after a failure: the same request is due after this long.
    Retry(Duration),
}
