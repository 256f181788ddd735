//! `Error`: what a driver's call returns when it fails, the same for every driver.

use std::time::Duration;

use crate::config_error::ConfigError;
use crate::model::task::Task;
use crate::response_error::ResponseError;
use crate::secret::InvalidTokenHeader;
use crate::transport::TransportError;

/// A failed call through a driver (`hec-blocking`, `hec-async`): the protocol error, the
/// transport error, or why the driver stopped trying. Drivers re-export it as their `Error`.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The service answered, and not with success ([`ResponseError`] says how). A 401 arrives here only
    /// after a token refresh and one more try also got 401.
    #[error(transparent)]
    Response(#[from] ResponseError),
    /// No complete response.
    #[error(transparent)]
    Transport(#[from] TransportError),
    /// Every attempt allowed failed with a transient error, or the next wait would pass the
    /// deadline. `last` is the final attempt's failure.
    #[error("gave up after {attempts} attempt{} in {elapsed:.1?}{}: {last}", if *.attempts == 1 { "" } else { "s" }, if *.deadline_reached { " (the deadline would pass before the next try)" } else { "" })]
    GaveUp {
        /// How many requests were sent.
        attempts: u32,
        /// From the first request to giving up.
        elapsed: Duration,
        /// Whether the deadline, not the attempt limit, ended it.
        deadline_reached: bool,
        /// The last failure.
        last: Box<Error>,
    },
    /// An action (a request that is not idempotent) ended in a way after which it may or may not
    /// have run: a timeout, a 5xx, a connection dropped after sending, an answer that does not
    /// parse. It is never resent on its own; `last` is how the request ended.
    #[error(
        "the action may or may not have run ({last}); check the state of what it acted on (for mail, entityPayload.isQuarantined in a search) before sending it again"
    )]
    ActionOutcomeUnknown {
        /// How the request ended.
        last: Box<Error>,
    },
    /// Waiting for a task ended at its timeout before the task reached a terminal state.
    #[error("the task did not finish within {elapsed:.1?} ({polls} poll{}; last status: {})", if *.polls == 1 { "" } else { "s" }, last_status(.last_task))]
    WaitTimedOut {
        /// The last task seen, if any poll succeeded.
        last_task: Option<Box<Task>>,
        /// From the first poll to the timeout.
        elapsed: Duration,
        /// How many requests for the task were sent: polls and their retries, answered with the
        /// task, with an error (a 503), or not at all (cut at the deadline).
        polls: u32,
    },
    /// The configuration cannot work (for example a token with characters a header cannot hold).
    #[error("invalid configuration: {0}")]
    Config(#[from] ConfigError),
}

impl From<InvalidTokenHeader> for Error {
    fn from(error: InvalidTokenHeader) -> Self {
        Error::Config(ConfigError::TokenHeader(error))
    }
}

fn last_status(task: &Option<Box<Task>>) -> String {
    task.as_ref()
        .and_then(|task| task.status.as_ref())
        .map_or_else(|| "none".to_owned(), |status| status.as_str().to_owned())
}

/// What a failed call means for a person or a script deciding what to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorCategory {
    /// The credentials or token were refused.
    Auth,
    /// The service answered, but not with success (an error code, 404, a response that does not
    /// parse, a redirect).
    Api,
    /// The service could not be reached, or kept failing (network errors, timeouts, 429 and 5xx
    /// after the retries).
    Unavailable,
    /// Waiting for a task timed out.
    WaitTimeout,
    /// The configuration cannot work.
    Config,
}

impl Error {
    /// The category of this failure (for a failure after retries, or an action whose outcome is
    /// unknown, that of the last attempt).
    pub fn category(&self) -> ErrorCategory {
        use crate::response_error::ResponseErrorKind as K;
        match self {
            Error::Response(error) => match error.kind() {
                K::Unauthorized | K::BadCredentials | K::Forbidden => ErrorCategory::Auth,
                K::RateLimited | K::ServerError => ErrorCategory::Unavailable,
                _ => ErrorCategory::Api,
            },
            Error::Transport(error)
                if matches!(
                    error.kind(),
                    crate::transport::TransportErrorKind::BodyTooLarge
                        | crate::transport::TransportErrorKind::HeadersTooLarge
                ) =>
            {
                ErrorCategory::Api
            }
            Error::Transport(_) => ErrorCategory::Unavailable,
            Error::GaveUp { last, .. } | Error::ActionOutcomeUnknown { last } => last.category(),
            Error::WaitTimedOut { .. } => ErrorCategory::WaitTimeout,
            Error::Config(_) => ErrorCategory::Config,
        }
    }

    /// A stable name for what went wrong (for a failure after retries, or an action whose
    /// outcome is unknown, the last attempt's), the same accessor as
    /// [`ResponseError::kind_name`] and [`TransportError::kind_name`]:
    /// an [`ResponseErrorKind`](crate::ResponseErrorKind) name such as `rate_limited`, a
    /// [`TransportErrorKind`](crate::TransportErrorKind) name such as `timeout`, `wait_timeout` or
    /// `config`.
    pub fn kind_name(&self) -> &'static str {
        match self {
            Error::Response(error) => error.kind_name(),
            Error::Transport(error) => error.kind_name(),
            Error::GaveUp { last, .. } | Error::ActionOutcomeUnknown { last } => last.kind_name(),
            Error::WaitTimedOut { .. } => "wait_timeout",
            Error::Config(_) => "config",
        }
    }

    /// The protocol error behind this failure, if the service answered (looking through
    /// [`Error::GaveUp`] and [`Error::ActionOutcomeUnknown`]).
    pub fn response_error(&self) -> Option<&ResponseError> {
        match self {
            Error::Response(error) => Some(error),
            Error::GaveUp { last, .. } | Error::ActionOutcomeUnknown { last } => last.response_error(),
            _ => None,
        }
    }

    /// The transport error behind this failure, if there was no response (looking through
    /// [`Error::GaveUp`] and [`Error::ActionOutcomeUnknown`]).
    pub fn transport_error(&self) -> Option<&TransportError> {
        match self {
            Error::Transport(error) => Some(error),
            Error::GaveUp { last, .. } | Error::ActionOutcomeUnknown { last } => last.transport_error(),
            _ => None,
        }
    }
}
