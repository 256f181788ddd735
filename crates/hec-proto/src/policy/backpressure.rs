//! `Backpressure`: how many requests a client may have in flight, and when it must hold them all,
//! as a state machine on the caller's clock. One per client, shared by all its callers.
//!
//! ```text
//!                 ┌──────────── WaitUntil(end of pause)   (a 429 or 503 paused the client)
//!                 │   ┌──────── WaitForRelease            (the allowed number is in flight)
//!                 ▼   ▼
//!   poll_acquire(now) ──► Go(permit) ──► send ──► handle_answer(permit, answer, now)
//!                                                   ├─ Served:    after `limit` in a row, limit + 1
//!                                                   ├─ Throttled: pause everyone; limit / 2
//!                                                   └─ Unanswered (or abandon): no change
//! ```
//!
//! A caller with a deadline asks with [`Backpressure::poll_acquire_by`]: no wait passes it (a
//! pause ending later is cut at the deadline, and a wait for a release lasts until the deadline at
//! most), and at the deadline the answer is [`Acquire::DeadlinePassed`]: the caller gives up
//! without sending, whatever the state of the client.
//!
//! The allowed number (`limit`) starts at the configured maximum, never goes above it and never
//! below 1. It is halved at most once per round of requests: a throttled answer to a request sent
//! before the last halving extends the pause but does not halve again, so sixteen requests
//! throttled together cost one halving, not sixteen.
//!
//! ```
//! use std::time::{Duration, Instant, SystemTime};
//! use hec_proto::policy::{Acquire, Answer, Backpressure};
//!
//! let t0 = Instant::now(); // a virtual clock: the test steps it instead of sleeping
//! let mut gate = Backpressure::new(4);
//! let Acquire::Go(permit) = gate.poll_acquire(t0) else { panic!("nothing is in flight") };
//! let too_many = http::Response::builder().status(429).header("retry-after", "2").body(()).unwrap();
//! gate.handle_answer(permit, Answer::of_response(&too_many, SystemTime::now()), t0);
//! assert_eq!(gate.poll_acquire(t0 + Duration::from_secs(1)), Acquire::WaitUntil(t0 + Duration::from_secs(2)));
//! assert_eq!(gate.limit(), 2);
//! assert!(matches!(gate.poll_acquire(t0 + Duration::from_secs(2)), Acquire::Go(_)));
//! ```

use std::time::{Duration, Instant, SystemTime};

use crate::model::retry_after::RetryAfter;

/// The default of [`ClientConfig::max_in_flight`](crate::ClientConfig::max_in_flight).
pub const DEFAULT_MAX_IN_FLIGHT: usize = 16;

/// The client-wide limit on requests in flight, adapting to what the service says.
#[derive(Debug, Clone)]
pub struct Backpressure {
    max: usize,
    limit: usize,
    in_flight: usize,
    paused_until: Option<Instant>,
    /// Served answers since the limit last changed.
    served: usize,
    /// Counts the halvings, so a permit knows whether it was issued before the last one.
    round: u64,
    default_pause: Duration,
    longest_pause: Duration,
}

/// What a caller does before sending a request.
#[derive(Debug, PartialEq, Eq)]
#[must_use]
pub enum Acquire {
    /// Send it now; hand the permit back with [`Backpressure::handle_answer`] or
    /// [`Backpressure::abandon`].
    Go(Permit),
    /// The client is paused: ask again at this instant.
    WaitUntil(Instant),
    /// The allowed number of requests is in flight: ask again when one of them ends (or, asked
    /// with [`Backpressure::poll_acquire_by`], at the deadline if none has ended by then).
    WaitForRelease,
    /// The deadline given to [`Backpressure::poll_acquire_by`] has come: give up without sending.
    DeadlinePassed,
}

/// The right to have one request in flight. Not `Clone`: each is handed back once.
#[derive(Debug, PartialEq, Eq)]
#[must_use = "hand the permit back with handle_answer or abandon, or the slot stays taken"]
pub struct Permit {
    round: u64,
}

/// How a request ended, as far as the load on the service goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Answer {
    /// The service answered, and not with 429 or 503 (an error status counts: it coped).
    Served,
    /// 429 or 503: the service asks for less. `retry_after` is how long it asked to wait, if it
    /// said.
    Throttled {
        /// The `Retry-After` delay, as a duration from when the answer arrived.
        retry_after: Option<Duration>,
    },
    /// No answer (a connection failure or a timeout): says nothing about the load.
    Unanswered,
}

impl Answer {
    /// The answer a response gives: 429 and 503 are [`Answer::Throttled`] (with their
    /// `Retry-After`, a date read against `wall`), anything else [`Answer::Served`].
    pub fn of_response<B>(response: &http::Response<B>, wall: SystemTime) -> Answer {
        Answer::of_head(response.status(), response.headers(), wall)
    }

    /// The answer a response's status and headers give, as [`Answer::of_response`] (for a
    /// driver whose response is not an [`http::Response`]).
    pub fn of_head(status: http::StatusCode, headers: &http::HeaderMap, wall: SystemTime) -> Answer {
        match status.as_u16() {
            429 | 503 => Answer::Throttled {
                retry_after: RetryAfter::from_headers(headers).map(|after| after.delay(wall)),
            },
            _ => Answer::Served,
        }
    }

    /// The answer of a request's result: a response as [`Answer::of_response`], no response
    /// [`Answer::Unanswered`].
    pub fn of<B, E>(result: &Result<http::Response<B>, E>, wall: SystemTime) -> Answer {
        match result {
            Ok(response) => Answer::of_response(response, wall),
            Err(_) => Answer::Unanswered,
        }
    }
}

impl Backpressure {
    /// At most `max_in_flight` requests at once (at least 1); a 429 or 503 without `Retry-After`
    /// pauses for 250 ms, and no `Retry-After` pauses everyone for longer than 30 s (the
    /// defaults of [`RetryPolicy`](crate::policy::RetryPolicy)'s base and cap).
    pub fn new(max_in_flight: usize) -> Self {
        let retry = crate::policy::retry::RetryPolicy::default();
        let max = max_in_flight.max(1);
        Backpressure {
            max,
            limit: max,
            in_flight: 0,
            paused_until: None,
            served: 0,
            round: 0,
            default_pause: retry.base(),
            longest_pause: retry.cap(),
        }
    }

    /// Sets the pause after a 429 or 503 without `Retry-After`, and the longest pause a
    /// `Retry-After` imposes on every caller (the request that got it may still wait longer on
    /// its own, as its [`Call`](crate::policy::Call) decides).
    pub fn with_pauses(mut self, default: Duration, longest: Duration) -> Self {
        self.default_pause = default;
        self.longest_pause = longest.max(default);
        self
    }

    /// Whether a request may be sent at `now`.
    pub fn poll_acquire(&mut self, now: Instant) -> Acquire {
        if let Some(until) = self.paused_until {
            if now < until {
                return Acquire::WaitUntil(until);
            }
            self.paused_until = None;
        }
        if self.in_flight >= self.limit {
            return Acquire::WaitForRelease;
        }
        self.in_flight += 1;
        Acquire::Go(Permit { round: self.round })
    }

    /// Whether a request that must be sent before `deadline` may be sent at `now`: as
    /// [`Backpressure::poll_acquire`], except that a pause is waited out until the deadline at
    /// most (`WaitUntil` is never later than it), a wait for a release is meant to last until the
    /// deadline at most, and at or past the deadline the answer is [`Acquire::DeadlinePassed`]
    /// (no permit is taken).
    ///
    /// ```
    /// use std::time::{Duration, Instant, SystemTime};
    /// use hec_proto::policy::{Acquire, Answer, Backpressure};
    ///
    /// let t0 = Instant::now(); // a virtual clock
    /// let deadline = t0 + Duration::from_secs(5);
    /// let mut gate = Backpressure::new(4);
    /// let Acquire::Go(permit) = gate.poll_acquire_by(t0, deadline) else { panic!("nothing is in flight") };
    /// let unavailable = http::Response::builder().status(503).header("retry-after", "30").body(()).unwrap();
    /// gate.handle_answer(permit, Answer::of_response(&unavailable, SystemTime::now()), t0);
    /// // Paused for 30 s: a caller with 5 s left waits 5 s, then gives up.
    /// assert_eq!(gate.poll_acquire_by(t0, deadline), Acquire::WaitUntil(deadline));
    /// assert_eq!(gate.poll_acquire_by(deadline, deadline), Acquire::DeadlinePassed);
    /// ```
    pub fn poll_acquire_by(&mut self, now: Instant, deadline: Instant) -> Acquire {
        if now >= deadline {
            return Acquire::DeadlinePassed;
        }
        match self.poll_acquire(now) {
            Acquire::WaitUntil(until) => Acquire::WaitUntil(until.min(deadline)),
            other => other,
        }
    }

    /// Hands back the permit of a request that ended at `now`, with how it ended.
    pub fn handle_answer(&mut self, permit: Permit, answer: Answer, now: Instant) {
        self.release();
        match answer {
            Answer::Served => {
                self.served += 1;
                if self.served >= self.limit && self.limit < self.max {
                    self.limit += 1;
                    self.served = 0;
                }
            }
            Answer::Throttled { retry_after } => {
                let pause = retry_after.unwrap_or(self.default_pause).min(self.longest_pause);
                let until = crate::instant::saturating_add(now, pause);
                self.paused_until = Some(self.paused_until.map_or(until, |current| current.max(until)));
                if permit.round == self.round {
                    self.limit = (self.limit / 2).max(1);
                    self.round += 1;
                    self.served = 0;
                }
            }
            Answer::Unanswered => {}
        }
    }

    /// Hands back the permit of a request that was dropped before it ended (a cancelled future):
    /// the slot is free again, and nothing is learnt.
    pub fn abandon(&mut self, permit: Permit) {
        let Permit { round: _ } = permit;
        self.release();
    }

    /// Hands back a permit: with how its request ended ([`Backpressure::handle_answer`]), or,
    /// for a request dropped before it ended, with nothing learnt ([`Backpressure::abandon`]).
    /// What a driver's gate calls whichever way a request leaves it.
    pub fn handle_release(&mut self, permit: Permit, answer: Option<Answer>, now: Instant) {
        match answer {
            Some(answer) => self.handle_answer(permit, answer, now),
            None => self.abandon(permit),
        }
    }

    fn release(&mut self) {
        self.in_flight = self.in_flight.saturating_sub(1);
    }

    /// How many requests may be in flight now.
    pub fn limit(&self) -> usize {
        self.limit
    }

    /// The configured maximum of [`Backpressure::limit`].
    pub fn max_in_flight(&self) -> usize {
        self.max
    }

    /// How many permits are out.
    pub fn in_flight(&self) -> usize {
        self.in_flight
    }

    /// When the current pause ends, if the client is paused at `now`.
    pub fn paused_until(&self, now: Instant) -> Option<Instant> {
        self.paused_until.filter(|until| now < *until)
    }
}
