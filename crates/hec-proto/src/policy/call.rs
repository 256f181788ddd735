//! `Call`: the state machine of one logical call (all its attempts), shared by every driver.
//!
//! ```text
//!             ┌──────────────── Retry { after } (429, 502-504, connect/timeout/broken; sleep first)
//!             │   ┌──────────── RefreshToken (first 401: drop the token, fetch another, send again)
//!             ▼   ▼
//!   new ──► send request ──► handle_outcome ──► Done(value)
//!                                 └───────────► Fail(error)  (not transient, attempts used up,
//!                                                         deadline reached, or a second 401;
//!                                                         an action that may have run:
//!                                                         ActionOutcomeUnknown, never resent)
//! ```
//!
//! The driver sends, reads the clock and sleeps; the machine decides. A driver's loop:
//!
//! ```
//! use std::time::{Duration, Instant, SystemTime};
//! use hec_proto::{Error, TransportError, TransportErrorKind};
//! use hec_proto::policy::{Call, Next, RetryPolicy};
//!
//! let mut now = Instant::now(); // a virtual clock: the test steps it instead of sleeping
//! let mut call = Call::new(&RetryPolicy::default().with_jitter_seed(1), now);
//! let mut outcomes = vec![
//!     Err(Error::from(TransportError::new(TransportErrorKind::Connect, "refused"))),
//!     Ok("the task"),
//! ].into_iter();
//! let value = loop {
//!     let outcome = outcomes.next().unwrap(); // the driver sends the request here
//!     match call.handle_outcome(outcome, now, SystemTime::now()) {
//!         Next::Done(value) => break value,
//!         Next::Retry { after } => now += after, // a real driver sleeps
//!         Next::RefreshToken => {}               // a real driver fetches a new token
//!         Next::Fail(error) => panic!("{error}"),
//!     }
//! };
//! assert_eq!(value, "the task");
//! assert_eq!(call.attempts(), 2);
//! ```
//!
//! The token endpoint's own call is a [`TokenCall`]: the same retries, and no refresh (its 401 is
//! a refusal of the credentials), so its [`TokenNext`] has no `RefreshToken` for a driver to
//! handle.

use std::time::{Duration, Instant, SystemTime};

use crate::error::Error;
use crate::policy::jitter::Jitter;
use crate::policy::retry::RetryPolicy;
use crate::policy::retry::{is_transient, may_have_run};
use crate::response_error::ResponseError;
use crate::transport::{TransportError, TransportErrorKind};

/// One logical call: counts attempts, allows one token refresh, and decides retries. It owns its
/// jitter: seeded from the policy's [`RetryPolicy::with_jitter_seed`], else at random.
#[derive(Debug, Clone)]
pub struct Call {
    policy: RetryPolicy,
    jitter: Jitter,
    started: Instant,
    deadline: Instant,
    idempotent: bool,
    refresh_allowed: bool,
    refreshed: bool,
    attempts: u32,
}

/// What the driver does next.
#[derive(Debug, Clone, PartialEq)]
#[must_use]
pub enum Next<T> {
    /// The call succeeded.
    Done(T),
    /// The token was refused (first 401): drop it, get a new one, and send again at once.
    RefreshToken,
    /// Sleep this long, then send again.
    Retry {
        /// How long to wait.
        after: Duration,
    },
    /// The call failed for good.
    Fail(Error),
}

impl Call {
    /// A call whose first request is about to be sent at `now`, idempotent, with its deadline
    /// at `now + policy.max_elapsed()`.
    pub fn new(policy: &RetryPolicy, now: Instant) -> Self {
        Call {
            policy: policy.clone(),
            jitter: policy.jitter_seed().map_or_else(Jitter::random, Jitter::from_seed),
            started: now,
            deadline: crate::instant::saturating_add(now, policy.max_elapsed()),
            idempotent: true,
            refresh_allowed: true,
            refreshed: false,
            attempts: 0,
        }
    }

    /// Moves the deadline earlier (never later): no wait will pass it.
    pub fn with_deadline(mut self, deadline: Instant) -> Self {
        self.deadline = self.deadline.min(deadline);
        self
    }

    /// Marks the call as not idempotent (an action). It is retried only after an outcome that
    /// proves it did not run (a refused or unresolvable connection, a 429; see
    /// [`may_have_run`](crate::policy::may_have_run)), with the same backoff, deadline and attempt limit;
    /// a 401 still refreshes the token once. After an outcome by which it may have run (a
    /// timeout, a 5xx, a connection dropped after sending, an answer that does not parse) it
    /// fails with [`Error::ActionOutcomeUnknown`] and is not resent.
    pub fn not_idempotent(mut self) -> Self {
        self.idempotent = false;
        self
    }

    /// Whether a 401 may trigger one token refresh (not for the auth endpoint itself, nor for a
    /// caller's static token).
    pub fn with_token_refresh(mut self, allowed: bool) -> Self {
        self.refresh_allowed = allowed;
        self
    }

    /// The retry policy the call follows.
    pub(crate) fn policy(&self) -> &RetryPolicy {
        &self.policy
    }

    /// Requests sent so far (the outcomes fed back).
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// The number of the request about to be sent (1 for the first), for logs.
    pub fn attempt(&self) -> u32 {
        self.attempts + 1
    }

    /// The call's deadline.
    pub fn deadline(&self) -> Instant {
        self.deadline
    }

    /// How long the request about to be sent at `now` may take, from connecting to the last byte
    /// of its body: `timeout` (the request's own), or the time left before the call's deadline
    /// if that is shorter, so that no request in flight outlives the deadline. With no time left
    /// the request is not sent: the call gives up ([`Error::GaveUp`] at the deadline, its last
    /// failure a [`TransportErrorKind::Timeout`]).
    ///
    /// ```
    /// use std::time::{Duration, Instant};
    /// use hec_proto::policy::{Call, RetryPolicy};
    /// let t0 = Instant::now();
    /// let call = Call::new(&RetryPolicy::default(), t0).with_deadline(t0 + Duration::from_secs(5));
    /// let timeout = Duration::from_secs(30);
    /// assert_eq!(call.request_timeout(t0, timeout)?, Duration::from_secs(5));
    /// assert_eq!(call.request_timeout(t0 + Duration::from_secs(4), timeout)?, Duration::from_secs(1));
    /// assert!(call.request_timeout(t0 + Duration::from_secs(5), timeout).is_err());
    /// # Ok::<(), hec_proto::Error>(())
    /// ```
    pub fn request_timeout(&self, now: Instant, timeout: Duration) -> Result<Duration, Error> {
        let left = self.deadline.saturating_duration_since(now);
        if left.is_zero() {
            return Err(self.deadline_passed(now));
        }
        Ok(timeout.min(left))
    }

    /// The error of a call whose deadline passed, at `now`, before its next request could be
    /// sent (waiting at the client's gate, say: [`Acquire::DeadlinePassed`](crate::policy::Acquire)):
    /// [`Error::GaveUp`] at the deadline, after the requests sent so far, its last failure a
    /// [`TransportErrorKind::Timeout`].
    ///
    /// ```
    /// use std::time::{Duration, Instant};
    /// use hec_proto::Error;
    /// use hec_proto::policy::{Call, RetryPolicy};
    /// let t0 = Instant::now();
    /// let call = Call::new(&RetryPolicy::default(), t0).with_deadline(t0 + Duration::from_secs(5));
    /// let error = call.deadline_passed(t0 + Duration::from_secs(5));
    /// assert!(matches!(error, Error::GaveUp { attempts: 0, deadline_reached: true, .. }));
    /// assert_eq!(
    ///     error.to_string(),
    ///     "gave up after 0 attempts in 5.0s (the deadline would pass before the next try): \
    ///      timeout error: the deadline passed before the request could be sent"
    /// );
    /// ```
    pub fn deadline_passed(&self, now: Instant) -> Error {
        let last = TransportError::new(
            TransportErrorKind::Timeout,
            "the deadline passed before the request could be sent",
        );
        self.give_up(last.into(), now, true)
    }

    /// Feeds back how a request ended; `now` is when it ended, `wall` the wall-clock time then
    /// (for a `Retry-After` given as a date).
    pub fn handle_outcome<T>(
        &mut self,
        outcome: Result<T, Error>,
        now: Instant,
        wall: SystemTime,
    ) -> Next<T> {
        self.attempts += 1;
        let failure = match outcome {
            Ok(value) => return Next::Done(value),
            Err(failure) => failure,
        };
        if matches!(failure, Error::Response(ResponseError::Unauthorized(_)))
            && self.refresh_allowed
            && !self.refreshed
        {
            self.refreshed = true;
            return Next::RefreshToken;
        }
        match self.retry_after(failure, now, wall) {
            Ok(after) => Next::Retry { after },
            Err(failure) => Next::Fail(failure),
        }
    }

    /// How long to wait before trying a failed request again, or the error to give up with.
    fn retry_after(&mut self, failure: Error, now: Instant, wall: SystemTime) -> Result<Duration, Error> {
        // An action that may have run is never resent: nobody knows whether it ran.
        if !self.idempotent && may_have_run(&failure) {
            return Err(Error::ActionOutcomeUnknown { last: Box::new(failure) });
        }
        if !is_transient(&failure) {
            return Err(failure);
        }
        // The refresh's extra request does not use up a retry.
        let counted = self.attempts - u32::from(self.refreshed);
        if counted >= self.policy.max_attempts() {
            return Err(self.give_up(failure, now, false));
        }
        // `Retry-After` is honoured on any transient answer that carries it (429, and 503 as HTTP
        // allows).
        let after = match failure.response_error().and_then(ResponseError::retry_after) {
            Some(retry_after) => retry_after.delay(wall),
            None => self.policy.backoff(counted, self.jitter.next_fraction()),
        };
        if now.checked_add(after).is_none_or(|then| then > self.deadline) {
            return Err(self.give_up(failure, now, true));
        }
        Ok(after)
    }

    fn give_up(&self, last: Error, now: Instant, deadline_reached: bool) -> Error {
        Error::GaveUp {
            attempts: self.attempts,
            elapsed: now.saturating_duration_since(self.started),
            deadline_reached,
            last: Box::new(last),
        }
    }
}

/// The call that fetches a token (`POST /auth/external`): retried like any [`Call`], never
/// refreshed (a 401 there refuses the credentials), so [`TokenCall::handle_outcome`] has no
/// `RefreshToken` to answer. Made by [`TokenCache::token_call`](crate::policy::TokenCache::token_call).
#[derive(Debug, Clone)]
pub struct TokenCall(Call);

/// What the driver does next in a [`TokenCall`].
#[derive(Debug, Clone, PartialEq)]
#[must_use]
pub enum TokenNext<T> {
    /// The token arrived.
    Done(T),
    /// Sleep this long, then send again.
    Retry {
        /// How long to wait.
        after: Duration,
    },
    /// Fetching failed for good.
    Fail(Error),
}

impl TokenCall {
    /// A token call whose first request is about to be sent at `now`; `deadline` can only move
    /// the policy's own deadline earlier.
    pub fn new(policy: &RetryPolicy, now: Instant, deadline: Option<Instant>) -> Self {
        let call = Call::new(policy, now).with_token_refresh(false);
        TokenCall(match deadline {
            Some(deadline) => call.with_deadline(deadline),
            None => call,
        })
    }

    /// The number of the request about to be sent (1 for the first), for logs.
    pub fn attempt(&self) -> u32 {
        self.0.attempt()
    }

    /// The call's deadline.
    pub fn deadline(&self) -> Instant {
        self.0.deadline()
    }

    /// How long the request about to be sent at `now` may take, as [`Call::request_timeout`]
    /// says.
    pub fn request_timeout(&self, now: Instant, timeout: Duration) -> Result<Duration, Error> {
        self.0.request_timeout(now, timeout)
    }

    /// The error of a token call whose deadline passed before its next request could be sent,
    /// as [`Call::deadline_passed`] says.
    pub fn deadline_passed(&self, now: Instant) -> Error {
        self.0.deadline_passed(now)
    }

    /// Feeds back how a request ended, as [`Call::handle_outcome`] does.
    pub fn handle_outcome<T>(
        &mut self,
        outcome: Result<T, Error>,
        now: Instant,
        wall: SystemTime,
    ) -> TokenNext<T> {
        self.0.attempts += 1;
        match outcome {
            Ok(value) => TokenNext::Done(value),
            Err(failure) => match self.0.retry_after(failure, now, wall) {
                Ok(after) => TokenNext::Retry { after },
                Err(failure) => TokenNext::Fail(failure),
            },
        }
    }
}
