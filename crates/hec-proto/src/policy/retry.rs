//! `RetryPolicy`: which failures are tried again, and after how long.

use std::time::Duration;

use crate::error::Error;
use crate::response_error::ResponseErrorKind;
use crate::transport::TransportErrorKind;

/// When and how often a failed request is tried again.
///
/// Idempotent requests are retried on 429, 502, 503, 504, connection failures and timeouts. An
/// action (not idempotent) is retried only on what proves it did not run: a refused or
/// unresolvable connection and a 429 (see [`may_have_run`]). The wait before try `n + 1` is full-jitter exponential backoff: a random duration in
/// `[0, min(cap, base × 2^(n-1)))`, unless the response carried `Retry-After`, which is honoured as
/// it is. No wait ever passes the caller's deadline: a call gives up instead.
///
/// The fields are read through accessors and set through the `with_` methods, which keep them
/// consistent (at least one attempt, a cap no lower than the base).
///
/// ```
/// use std::time::Duration;
/// use hec_proto::policy::RetryPolicy;
/// let policy = RetryPolicy::default().with_max_attempts(0).with_backoff(Duration::from_secs(2), Duration::from_secs(1));
/// assert_eq!(policy.max_attempts(), 1);
/// assert_eq!((policy.base(), policy.cap()), (Duration::from_secs(2), Duration::from_secs(2)));
/// ```
///
/// A field cannot be written around the setters:
///
/// ```compile_fail
/// let mut policy = hec_proto::policy::RetryPolicy::default();
/// policy.max_attempts = 0;
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    base: Duration,
    cap: Duration,
    max_elapsed: Duration,
    jitter_seed: Option<u64>,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 4,
            base: Duration::from_millis(250),
            cap: Duration::from_secs(30),
            max_elapsed: Duration::from_secs(120),
            jitter_seed: None,
        }
    }
}

impl RetryPolicy {
    /// A policy that never retries.
    pub fn never() -> Self {
        RetryPolicy { max_attempts: 1, ..RetryPolicy::default() }
    }

    /// Sets the attempt limit (at least 1).
    pub fn with_max_attempts(mut self, max_attempts: u32) -> Self {
        self.max_attempts = max_attempts.max(1);
        self
    }

    /// Sets the backoff's base and cap.
    pub fn with_backoff(mut self, base: Duration, cap: Duration) -> Self {
        self.base = base;
        self.cap = cap.max(base);
        self
    }

    /// Sets the deadline of a call whose caller sets none.
    pub fn with_max_elapsed(mut self, max_elapsed: Duration) -> Self {
        self.max_elapsed = max_elapsed;
        self
    }

    /// Seeds the jitter of every [`Call`](crate::policy::Call) made with this policy, so that its
    /// backoffs are the same on every run (for tests; like quinn-proto's `rng_seed`). Without a
    /// seed each call draws a random one.
    pub fn with_jitter_seed(mut self, seed: u64) -> Self {
        self.jitter_seed = Some(seed);
        self
    }

    /// How many requests at most, the first included (default 4; at least 1).
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The backoff's first ceiling (default 250 ms).
    pub fn base(&self) -> Duration {
        self.base
    }

    /// The backoff's largest ceiling (default 30 s; never below the base).
    pub fn cap(&self) -> Duration {
        self.cap
    }

    /// The deadline of one call when its caller sets none, from its first request (default 2 min).
    pub fn max_elapsed(&self) -> Duration {
        self.max_elapsed
    }

    /// The jitter seed, if one was set.
    pub fn jitter_seed(&self) -> Option<u64> {
        self.jitter_seed
    }

    /// The backoff before try `attempts_made + 1`, for a jitter fraction in `[0, 1)`: always
    /// below the ceiling `min(cap, base × 2^(attempts_made - 1))` (zero for a zero ceiling).
    pub fn backoff(&self, attempts_made: u32, fraction: f64) -> Duration {
        let exponent = attempts_made.saturating_sub(1).min(31);
        let ceiling = self.base.saturating_mul(1u32 << exponent).min(self.cap);
        let fraction = if fraction.is_nan() { 0.0 } else { fraction.clamp(0.0, 1.0) };
        // Rounding to whole nanoseconds can reach the ceiling itself; full jitter stays below it.
        ceiling.mul_f64(fraction).min(ceiling.saturating_sub(Duration::from_nanos(1)))
    }
}

/// Whether a failure is worth another try of an idempotent request.
pub fn is_transient(failure: &Error) -> bool {
    match failure {
        Error::Response(error) => match error.kind() {
            ResponseErrorKind::RateLimited => true,
            ResponseErrorKind::ServerError => matches!(error.status().as_u16(), 502..=504),
            _ => false,
        },
        Error::Transport(error) => error.kind().is_transient(),
        _ => false,
    }
}

/// Whether a request may have reached the service and run there, from how it ended: a 5xx (an
/// HTTP one, or an envelope's `responseCode` 5xx inside an HTTP 2xx: the service failed while
/// handling it, whichever layer says so), an answer that does not parse, a timeout (a connect
/// timeout cannot be told apart), a connection broken after sending, a body over the limit, or an
/// unknown transport failure. Not: a connection refused or unresolvable
/// ([`TransportErrorKind::Connect`]), a TLS failure (the request never left), and any answer by
/// which the service refused the request (429, 401, 403, 404, other 4xx, a redirect, a logical
/// failure such as 422 inside a 200).
///
/// An action that may have run is never resent on its own: [`Call`](crate::policy::Call) ends it with
/// [`Error::ActionOutcomeUnknown`].
pub fn may_have_run(failure: &Error) -> bool {
    match failure {
        Error::Response(error) => match error.kind() {
            ResponseErrorKind::ServerError | ResponseErrorKind::Malformed => true,
            ResponseErrorKind::ApiError => {
                error.detail().response_code.is_some_and(|code| (500..=599).contains(&code))
            }
            _ => false,
        },
        Error::Transport(error) => {
            !matches!(error.kind(), TransportErrorKind::Connect | TransportErrorKind::Tls)
        }
        Error::GaveUp { last, .. } => may_have_run(last),
        Error::ActionOutcomeUnknown { .. } => true,
        Error::WaitTimedOut { .. } | Error::Config(_) => false,
    }
}
