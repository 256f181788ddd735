//! `FeedPolicy`: how far a feed looks back, how often it asks, how long it backs off after a
//! failure, and how much it may hold.

use std::time::Duration;

/// How a [`Feed`](crate::policy::Feed) paces and bounds itself.
///
/// The fields are read through accessors and set through the `with_` methods, which keep them
/// usable (an interval of at least 1 s, limits of at least 1).
///
/// ```
/// use std::time::Duration;
/// use hec_proto::policy::FeedPolicy;
/// let policy = FeedPolicy::default();
/// assert_eq!((policy.lookback(), policy.interval()), (Duration::from_secs(600), Duration::from_secs(60)));
/// assert_eq!((policy.max_ids(), policy.max_pages()), (1_000_000, 10_000));
/// // After a failure: 1 s, doubled for each failure in a row, at most the interval.
/// let backoffs: Vec<u64> = (1..=8).map(|failures| policy.backoff(failures).as_secs()).collect();
/// assert_eq!(backoffs, [1, 2, 4, 8, 16, 32, 60, 60]);
/// assert_eq!(policy.with_interval(Duration::ZERO).interval(), Duration::from_secs(1));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedPolicy {
    lookback: Duration,
    interval: Duration,
    first_backoff: Duration,
    max_ids: usize,
    max_pages: u32,
}

impl Default for FeedPolicy {
    fn default() -> Self {
        FeedPolicy {
            lookback: Duration::from_secs(600),
            interval: Duration::from_secs(60),
            first_backoff: Duration::from_secs(1),
            max_ids: 1_000_000,
            max_pages: 10_000,
        }
    }
}

impl FeedPolicy {
    /// Sets the lookback.
    pub fn with_lookback(mut self, lookback: Duration) -> Self {
        self.lookback = lookback;
        self
    }

    /// Sets the interval (at least 1 s: window ends are whole seconds, as the query's dates are).
    pub fn with_interval(mut self, interval: Duration) -> Self {
        self.interval = interval.max(Duration::from_secs(1));
        self
    }

    /// Sets the backoff after a first failure (doubled for each one in a row; at most the
    /// interval).
    pub fn with_first_backoff(mut self, first_backoff: Duration) -> Self {
        self.first_backoff = first_backoff;
        self
    }

    /// Sets the most ids kept (at least 1).
    pub fn with_max_ids(mut self, max_ids: usize) -> Self {
        self.max_ids = max_ids.max(1);
        self
    }

    /// Sets the most pages one pass over a window reads (at least 1).
    pub fn with_max_pages(mut self, max_pages: u32) -> Self {
        self.max_pages = max_pages.max(1);
        self
    }

    /// How far before the cursor each window starts again, so that an event the service shows
    /// late (created before the cursor, visible after it) is still read (default 10 min). An
    /// event shown later than this after its creation can be missed: the feed's limit.
    pub fn lookback(&self) -> Duration {
        self.lookback
    }

    /// How long after a window's end the next window starts (default 60 s).
    pub fn interval(&self) -> Duration {
        self.interval
    }

    /// How long a feed waits after a first failure before it asks again (default 1 s); each
    /// failure in a row doubles it, up to the interval (see [`FeedPolicy::backoff`]).
    pub fn first_backoff(&self) -> Duration {
        self.first_backoff
    }

    /// How long a feed waits before it asks again after `failures` failures in a row (1 for
    /// the first): [`FeedPolicy::first_backoff`] doubled `failures - 1` times, never longer
    /// than the interval, so that a follower that keeps failing still asks once an interval.
    pub fn backoff(&self, failures: u32) -> Duration {
        let doublings = failures.saturating_sub(1).min(31);
        self.first_backoff.saturating_mul(1 << doublings).min(self.interval)
    }

    /// The most emitted ids a feed remembers (default 1,000,000). Past it the oldest (by
    /// `eventCreated`) are forgotten first, and such an event, returned again inside the
    /// lookback, would be emitted again: the feed turns at-least-once rather than grow.
    pub fn max_ids(&self) -> usize {
        self.max_ids
    }

    /// The most pages one pass over a window reads (default 10,000). A window still paging there
    /// ends as [`PagerEnd::Stopped`](crate::policy::PagerEnd::Stopped), so a service whose cursors never
    /// say "last" cannot hold a feed in one window. Its events not read by then and created
    /// before the next window's start (its end minus the lookback) are never read.
    pub fn max_pages(&self) -> u32 {
        self.max_pages
    }
}
