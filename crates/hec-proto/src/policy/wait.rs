//! `Waiter`: polling a task until it finishes, as a state machine on a caller's clock.
//!
//! ```text
//!   new ──► poll due now ──► handle_task(task) ──► Finished(task)       (completed/failed/stopped)
//!              ▲                       ├────────► TimedOut(error)       (deadline passed)
//!              └── PollAt(instant) ────┘          (first 1 s, ×1.5 each time, at most 15 s,
//!                                                  the last poll exactly at the deadline)
//! ```
//!
//! Each poll may also yield a [`WaitUpdate`] when the status or progress changed (the first poll
//! always does); `paused` and unknown states are reported, and waiting goes on.

use std::time::{Duration, Instant};

use crate::error::Error;
use crate::model::status::TaskStatus;
use crate::model::task::Task;

/// How to wait for a task: intervals and the total timeout.
///
/// The fields are read through accessors and set through the `with_` methods, which keep them
/// consistent (a factor of at least 1, a longest interval no shorter than the first).
///
/// ```
/// use std::time::Duration;
/// use hec_proto::policy::WaitPolicy;
/// let policy = WaitPolicy::default().with_factor(0.5).with_max_interval(Duration::from_millis(10));
/// assert_eq!(policy.factor(), 1.0);
/// assert_eq!(policy.max_interval(), policy.first_interval());
/// ```
///
/// A field cannot be written around the setters:
///
/// ```compile_fail
/// let mut policy = hec_proto::policy::WaitPolicy::default();
/// policy.factor = 0.5;
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct WaitPolicy {
    first_interval: Duration,
    factor: f64,
    max_interval: Duration,
    timeout: Duration,
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

    /// The wait after the first poll (default 1 s).
    pub fn first_interval(&self) -> Duration {
        self.first_interval
    }

    /// How much each interval grows over the one before (default 1.5; at least 1).
    pub fn factor(&self) -> f64 {
        self.factor
    }

    /// The longest interval (default 15 s; never shorter than the first).
    pub fn max_interval(&self) -> Duration {
        self.max_interval
    }

    /// How long to wait in all, from the first poll (default 10 min).
    pub fn timeout(&self) -> Duration {
        self.timeout
    }
}

/// What a [`Waiter`] keeps of the last task it saw: what tells a change, never the task itself
/// (whose text may be large).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct TaskProgress {
    /// `status`.
    pub status: Option<TaskStatus>,
    /// `progress`.
    pub progress: Option<u64>,
    /// `total`.
    pub total: Option<u64>,
    /// `succeed`.
    pub succeed: Option<u64>,
    /// `failed`.
    pub failed: Option<u64>,
}

impl TaskProgress {
    /// The status and counts of `task`.
    pub fn of(task: &Task) -> Self {
        TaskProgress {
            status: task.status.clone(),
            progress: task.progress,
            total: task.total,
            succeed: task.succeed,
            failed: task.failed,
        }
    }

    /// A task with only these fields (its raw JSON is `{}`: nothing of what was sent is kept).
    fn as_task(&self) -> Task {
        let mut task = Task::default();
        task.status = self.status.clone();
        (task.progress, task.total) = (self.progress, self.total);
        (task.succeed, task.failed) = (self.succeed, self.failed);
        task
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
///
/// A waiter keeps no task: only the [`TaskProgress`] of the last one, to tell a change. The task
/// of a poll goes back to the caller (in the update, the finish or the timeout), so waiting on
/// many tasks holds none of their bodies between polls.
#[derive(Debug, Clone)]
pub struct Waiter {
    policy: WaitPolicy,
    started: Instant,
    deadline: Instant,
    interval: Duration,
    next_poll: Instant,
    polls: u32,
    last: Option<TaskProgress>,
}

impl Waiter {
    /// Starts waiting at `now`; the first poll is due at once.
    pub fn new(policy: &WaitPolicy, now: Instant) -> Self {
        Waiter {
            policy: policy.clone(),
            started: now,
            deadline: crate::instant::saturating_add(now, policy.timeout()),
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

    /// Requests sent for the task so far: one for each task fed back, and those counted with
    /// [`Waiter::handle_requests_sent`].
    pub fn polls(&self) -> u32 {
        self.polls
    }

    /// Counts requests sent for the task that [`Waiter::handle_task`] does not: those of a poll that
    /// failed (a 503, a request cut at the deadline), and the retries before a poll's answer.
    /// The [`Error::WaitTimedOut`] the waiter makes counts every request sent, answered or not.
    pub fn handle_requests_sent(&mut self, requests: u32) {
        self.polls = self.polls.saturating_add(requests);
    }

    /// The status and counts of the last task seen.
    pub fn last_seen(&self) -> Option<&TaskProgress> {
        self.last.as_ref()
    }

    /// Feeds back a poll's task (seen at `now`), counting the request that answered: what
    /// changed, and what to do next.
    pub fn handle_task(&mut self, task: Task, now: Instant) -> (Option<WaitUpdate>, WaitNext) {
        self.polls = self.polls.saturating_add(1);
        let seen = TaskProgress::of(&task);
        let changed = self.last.as_ref() != Some(&seen);
        self.last = Some(seen);
        let elapsed = now.saturating_duration_since(self.started);
        let terminal = task.is_terminal();
        if terminal || now >= self.deadline {
            let update = changed.then(|| WaitUpdate { task: task.clone(), elapsed, polls: self.polls });
            let end = if terminal {
                WaitNext::Finished(Box::new(task))
            } else {
                WaitNext::TimedOut(Error::WaitTimedOut {
                    last_task: Some(Box::new(task)),
                    elapsed,
                    polls: self.polls,
                })
            };
            return (update, end);
        }
        let update = changed.then_some(WaitUpdate { task, elapsed, polls: self.polls });
        self.next_poll = crate::instant::saturating_add(now, self.interval).min(self.deadline);
        // A huge factor must cap at the longest interval, not overflow.
        self.interval = Duration::try_from_secs_f64(self.interval.as_secs_f64() * self.policy.factor)
            .map_or(self.policy.max_interval, |grown| grown.min(self.policy.max_interval));
        (update, WaitNext::PollAt(self.next_poll))
    }

    /// What a failed poll, ended at `now`, means for the wait. At or past the deadline, a failure
    /// the service might have recovered from (a timeout, a broken connection, 429 or 5xx, or
    /// giving up after such failures, as a request cut short by the deadline does) is the wait
    /// running out: [`Error::WaitTimedOut`]. A waiter keeps no task, so its `last_task` is the
    /// [`TaskProgress`] of the last poll as a task (status and counts; every other field absent,
    /// its raw JSON `{}`), or `None` before any poll. Any other failure, or any failure before
    /// the deadline, is returned as it is.
    ///
    /// ```
    /// use std::time::{Duration, Instant};
    /// use hec_proto::{Error, TransportError, TransportErrorKind};
    /// use hec_proto::policy::{WaitPolicy, Waiter};
    /// let t0 = Instant::now();
    /// let waiter = Waiter::new(&WaitPolicy::default().with_timeout(Duration::from_secs(5)), t0);
    /// let cut_short = || Error::from(TransportError::new(TransportErrorKind::Timeout, "timed out"));
    /// let at_deadline = waiter.handle_error(cut_short(), t0 + Duration::from_secs(5));
    /// assert!(matches!(at_deadline, Error::WaitTimedOut { polls: 0, .. }));
    /// assert!(matches!(waiter.handle_error(cut_short(), t0), Error::Transport(_)));
    /// ```
    pub fn handle_error(&self, error: Error, now: Instant) -> Error {
        let recoverable = matches!(error, Error::GaveUp { .. }) || crate::policy::retry::is_transient(&error);
        if recoverable && now >= self.deadline {
            Error::WaitTimedOut {
                last_task: self.last.as_ref().map(|seen| Box::new(seen.as_task())),
                elapsed: now.saturating_duration_since(self.started),
                polls: self.polls,
            }
        } else {
            error
        }
    }
}
