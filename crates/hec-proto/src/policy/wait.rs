//! `Waiter`: polling a task until it finishes, as a state machine on a caller's clock.
//!
//! ```text
//!   new ──► poll due now ──► on_task(task) ──► Finished(task)           (completed/failed/stopped)
//!              ▲                   ├────────► TimedOut(error)           (deadline passed)
//!              └── PollAt(instant) ┘          (first 1 s, ×1.5 each time, at most 15 s,
//!                                              the last poll exactly at the deadline)
//! ```
//!
//! Each poll may also yield a [`WaitUpdate`] when the status or progress changed (the first poll
//! always does); `paused` and unknown states are reported, and waiting goes on.

use std::time::{Duration, Instant};

use crate::{Error, Task, TaskStatus};

/// How to wait for a task: intervals and the total timeout.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct WaitPolicy {
    /// The wait after the first poll (default 1 s).
    pub first_interval: Duration,
    /// How much each interval grows over the one before (default 1.5).
    pub factor: f64,
    /// The longest interval (default 15 s).
    pub max_interval: Duration,
    /// How long to wait in all, from the first poll (default 10 min).
    pub timeout: Duration,
}

impl Default for WaitPolicy {
    fn default() -> Self {
        WaitPolicy {
            first_interval: Duration::from_secs(1),
            factor: 1.5,
            max_interval: Duration::from_secs(15),
            timeout: Duration::from_secs(600),
        }
    }
}

impl WaitPolicy {
    /// Sets the first interval (the longest one grows to at least it).
    pub fn with_first_interval(mut self, interval: Duration) -> Self {
        self.first_interval = interval;
        self.max_interval = self.max_interval.max(interval);
        self
    }

    /// Sets the growth factor (at least 1).
    pub fn with_factor(mut self, factor: f64) -> Self {
        self.factor = if factor.is_finite() { factor.max(1.0) } else { 1.0 };
        self
    }

    /// Sets the longest interval.
    pub fn with_max_interval(mut self, interval: Duration) -> Self {
        self.max_interval = interval.max(self.first_interval);
        self
    }

    /// Sets the total timeout.
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }
}

/// A change seen while waiting: the task as it now stands.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct WaitUpdate {
    /// The task as the last poll saw it.
    pub task: Task,
    /// Time since the first poll.
    pub elapsed: Duration,
    /// Polls so far, this one included.
    pub polls: u32,
}

impl WaitUpdate {
    /// Whether the task is `paused` (waiting goes on, but it will not finish until resumed).
    pub fn is_paused(&self) -> bool {
        self.task.status == Some(TaskStatus::Paused)
    }

    /// Whether the status is one this version does not know.
    pub fn is_unknown_status(&self) -> bool {
        matches!(self.task.status, Some(TaskStatus::Unknown(_)))
    }
}

/// What the waiting driver does after a poll.
#[derive(Debug, Clone, PartialEq)]
#[must_use]
pub enum WaitNext {
    /// Poll again at this instant.
    PollAt(Instant),
    /// The task reached a terminal state.
    Finished(Box<Task>),
    /// The timeout passed first: a [`Error::WaitTimedOut`] with the last task seen.
    TimedOut(Error),
}

/// Waiting for one task. Several can share a thread: poll whichever is due first.
#[derive(Debug, Clone)]
pub struct Waiter {
    policy: WaitPolicy,
    started: Instant,
    deadline: Instant,
    interval: Duration,
    next_poll: Instant,
    polls: u32,
    last: Option<Task>,
}

impl Waiter {
    /// Starts waiting at `now`; the first poll is due at once.
    pub fn new(policy: &WaitPolicy, now: Instant) -> Self {
        Waiter {
            policy: policy.clone(),
            started: now,
            deadline: crate::instant::saturating_add(now, policy.timeout),
            interval: policy.first_interval,
            next_poll: now,
            polls: 0,
            last: None,
        }
    }

    /// When the next poll is due.
    pub fn next_poll_at(&self) -> Instant {
        self.next_poll
    }

    /// When waiting ends if the task has not finished.
    pub fn deadline(&self) -> Instant {
        self.deadline
    }

    /// Successful polls so far.
    pub fn polls(&self) -> u32 {
        self.polls
    }

    /// The last task seen.
    pub fn last_task(&self) -> Option<&Task> {
        self.last.as_ref()
    }

    /// Feeds back a poll's task (seen at `now`): what changed, and what to do next.
    pub fn on_task(&mut self, task: Task, now: Instant) -> (Option<WaitUpdate>, WaitNext) {
        self.polls += 1;
        let changed = self.last.as_ref().is_none_or(|last| {
            (&last.status, last.progress, last.total, last.succeed, last.failed)
                != (&task.status, task.progress, task.total, task.succeed, task.failed)
        });
        let elapsed = now.saturating_duration_since(self.started);
        let update = changed.then(|| WaitUpdate { task: task.clone(), elapsed, polls: self.polls });
        if task.is_terminal() {
            self.last = Some(task.clone());
            return (update, WaitNext::Finished(Box::new(task)));
        }
        self.last = Some(task);
        if now >= self.deadline {
            return (update, WaitNext::TimedOut(self.timed_out(now)));
        }
        self.next_poll = crate::instant::saturating_add(now, self.interval).min(self.deadline);
        // A huge factor must cap at the longest interval, not overflow.
        self.interval = Duration::try_from_secs_f64(self.interval.as_secs_f64() * self.policy.factor)
            .map_or(self.policy.max_interval, |grown| grown.min(self.policy.max_interval));
        (update, WaitNext::PollAt(self.next_poll))
    }

    /// What a failed poll, ended at `now`, means for the wait. At or past the deadline, a failure
    /// the service might have recovered from (a timeout, a broken connection, 429 or 5xx, or
    /// giving up after such failures, as a request cut short by the deadline does) is the wait
    /// running out: [`Error::WaitTimedOut`] with the last task seen. Any other failure, or any
    /// failure before the deadline, is returned as it is.
    ///
    /// ```
    /// use std::time::{Duration, Instant};
    /// use hec_proto::{Error, TransportError, TransportKind, WaitPolicy, Waiter};
    /// let t0 = Instant::now();
    /// let waiter = Waiter::new(&WaitPolicy::default().with_timeout(Duration::from_secs(5)), t0);
    /// let cut_short = || Error::from(TransportError::new(TransportKind::Timeout, "timed out"));
    /// let at_deadline = waiter.on_error(cut_short(), t0 + Duration::from_secs(5));
    /// assert!(matches!(at_deadline, Error::WaitTimedOut { polls: 0, .. }));
    /// assert!(matches!(waiter.on_error(cut_short(), t0), Error::Transport(_)));
    /// ```
    pub fn on_error(&self, error: Error, now: Instant) -> Error {
        let recoverable = matches!(error, Error::GaveUp { .. }) || crate::is_transient(&error);
        if recoverable && now >= self.deadline { self.timed_out(now) } else { error }
    }

    /// The error for giving up at `now` with what has been seen so far.
    pub fn timed_out(&self, now: Instant) -> Error {
        Error::WaitTimedOut {
            last_task: self.last.clone().map(Box::new),
            elapsed: now.saturating_duration_since(self.started),
            polls: self.polls,
        }
    }
}
