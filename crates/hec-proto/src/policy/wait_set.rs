//! `WaitSet`: waiting for many tasks at once, one [`Waiter`] each, as a state machine on the
//! caller's clock. Waiting for one task is waiting for a set of one.
//!
//! ```text
//!   new(ids, now) ──► poll_due(now) ──► TaskPoll { index, id, deadline } ──► the driver polls it
//!        ▲                                                                        │
//!        └── next_due(): sleep until then, or until an answer arrives ◄── handle_polled(index, task or error, sent, now)
//!                                                                                 │
//!   poll_event() ◄── Update { index, id, update }   (a change of status or progress)
//!                ◄── Finished { index, id, outcome } (once per task: its final task or error)
//! ```
//!
//! The driver decides how many polls run at once (it asks for due polls only while it has room);
//! the set decides which task is due (the earliest, then the one given first), what changed, and
//! when each task is done. The first poll goes out alone: its answer proves the credentials and
//! brings the token that every other poll would otherwise queue for. A failed poll ends its
//! task. Refused credentials or a configuration that cannot work (an error of category
//! [`Auth`](ErrorCategory::Auth) or [`Config`](ErrorCategory::Config)) end every task at once with that
//! error: every other poll would fail alike.
//!
//! ```
//! use std::time::{Duration, Instant};
//! use hec_proto::{Task, TaskStatus};
//! use hec_proto::policy::{WaitEvent, WaitPolicy, WaitSet};
//!
//! let t0 = Instant::now(); // a virtual clock: nothing sleeps
//! let mut set = WaitSet::new(["1".parse()?, "2".parse()?], &WaitPolicy::default(), t0);
//! let first = set.poll_due(t0).expect("due at once");
//! assert_eq!(set.poll_due(t0), None); // the first poll goes alone
//! set.handle_answer(first.index, Ok(Task::default()), t0);
//! let second = set.poll_due(t0).expect("due once the first poll has answered");
//! assert_eq!((first.index, second.index), (0, 1));
//!
//! let mut done = Task::default();
//! done.status = Some(TaskStatus::Completed);
//! set.handle_answer(second.index, Ok(done.clone()), t0);
//! assert!(matches!(set.poll_event(), Some(WaitEvent::Update { index: 0, .. })));
//! assert!(matches!(set.poll_event(), Some(WaitEvent::Update { index: 1, .. })));
//! assert_eq!(set.poll_event(), Some(WaitEvent::Finished { index: 1, id: "2".parse()?, outcome: Ok(done) }));
//! assert_eq!(set.poll_event(), None);
//! assert_eq!(set.next_due(), Some(t0 + Duration::from_secs(1)));
//! # Ok::<(), hec_proto::model::InvalidTaskId>(())
//! ```

use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};
use std::time::Instant;

use crate::error::{Error, ErrorCategory};
use crate::model::task::Task;
use crate::model::task_id::TaskId;
use crate::policy::wait::{WaitNext, WaitPolicy, WaitUpdate, Waiter};
use crate::redact::Secrets;

/// Many tasks being waited for, each known by its index in the order given.
#[derive(Debug, Clone)]
pub struct WaitSet {
    slots: Vec<Slot>,
    /// The scheduled tasks, earliest first, then by index. A task is here exactly while it is
    /// [`State::Scheduled`].
    due: BinaryHeap<Reverse<(Instant, usize)>>,
    events: VecDeque<WaitEvent>,
    unfinished: usize,
    polling: usize,
    /// Whether any poll has answered (until then, one poll at a time).
    answered: bool,
}

#[derive(Debug, Clone)]
struct Slot {
    id: TaskId,
    state: State,
}

#[derive(Debug, Clone)]
enum State {
    /// Waiting for its next poll.
    Scheduled(Waiter),
    /// A poll of it is out.
    Polling(Waiter),
    /// Its outcome has been reported.
    Finished,
}

/// A poll the driver should make: `GET` the task, with no retry wait past `deadline`, then feed
/// the answer back with [`WaitSet::handle_answer`] and this `index`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct TaskPoll {
    /// The task's position in the ids given.
    pub index: usize,
    /// The task.
    pub id: TaskId,
    /// When waiting for this task ends.
    pub deadline: Instant,
}

/// What happened to one task of a [`WaitSet`].
#[derive(Debug, Clone, PartialEq)]
pub enum WaitEvent {
    /// The task's status or progress changed (the first poll always reports it).
    Update {
        /// The task's position in the ids given.
        index: usize,
        /// The task.
        id: TaskId,
        /// The task as it now stands.
        update: WaitUpdate,
    },
    /// Waiting for the task ended: its final task (`completed`, `failed` or `stopped`), or why
    /// waiting stopped ([`Error::WaitTimedOut`], a failed poll, refused credentials). Once per
    /// task, after its updates.
    Finished {
        /// The task's position in the ids given.
        index: usize,
        /// The task.
        id: TaskId,
        /// The final task, or the error.
        outcome: Result<Task, Error>,
    },
}

impl WaitEvent {
    /// The task's position in the ids given.
    pub fn index(&self) -> usize {
        match self {
            WaitEvent::Update { index, .. } | WaitEvent::Finished { index, .. } => *index,
        }
    }

    /// The task.
    pub fn id(&self) -> &TaskId {
        match self {
            WaitEvent::Update { id, .. } | WaitEvent::Finished { id, .. } => id,
        }
    }
}

impl WaitSet {
    /// Starts waiting at `now` for every task of `ids` (in that order; a repeated id is waited
    /// for twice); every first poll is due at once, and every task's timeout counts from `now`.
    pub fn new(ids: impl IntoIterator<Item = TaskId>, policy: &WaitPolicy, now: Instant) -> Self {
        let slots: Vec<Slot> = ids
            .into_iter()
            .map(|id| Slot { id, state: State::Scheduled(Waiter::new(policy, now)) })
            .collect();
        let due = (0..slots.len()).map(|index| Reverse((now, index))).collect();
        WaitSet { unfinished: slots.len(), slots, due, events: VecDeque::new(), polling: 0, answered: false }
    }

    /// The next poll due at `now`, if any (the earliest due first; on a tie, the one given
    /// first; none while the very first poll has not answered). Its task counts as polling until
    /// its answer is fed back.
    pub fn poll_due(&mut self, now: Instant) -> Option<TaskPoll> {
        let at = self.next_due()?;
        let Reverse((_, index)) = self.due.peek().copied()?;
        if at > now {
            return None;
        }
        self.due.pop();
        let slot = self.slots.get_mut(index)?;
        let State::Scheduled(waiter) = std::mem::replace(&mut slot.state, State::Finished) else {
            return None; // not reached: a task is in `due` only while scheduled
        };
        let deadline = waiter.deadline();
        slot.state = State::Polling(waiter);
        self.polling += 1;
        Some(TaskPoll { index, id: slot.id.clone(), deadline })
    }

    /// When the next poll is due (it may have passed), or `None` if no task is waiting for a
    /// poll (all are finished or being polled) or the first poll has not answered yet.
    pub fn next_due(&self) -> Option<Instant> {
        if !self.answered && self.polling > 0 {
            return None;
        }
        self.due.peek().map(|Reverse((at, _))| *at)
    }

    /// Feeds back the answer to the poll of task `index`, received at `now`: the task, or the
    /// poll's error. An answer for a task that is not being polled (one that refused credentials
    /// already ended) is ignored. It counts one request for a task and none for an error; a
    /// driver that knows how many the poll sent says so with [`WaitSet::handle_polled`].
    pub fn handle_answer(&mut self, index: usize, answer: Result<Task, Error>, now: Instant) {
        let sent = u32::from(answer.is_ok());
        self.handle_polled(index, answer, sent, now);
    }

    /// [`WaitSet::handle_answer`], with how many requests for the task the poll sent: its retries
    /// included, the one cut at the deadline included, none if it never got past the client's
    /// gate. The [`Error::WaitTimedOut`] of a task counts them all.
    pub fn handle_polled(&mut self, index: usize, answer: Result<Task, Error>, sent: u32, now: Instant) {
        let Some(slot) = self.slots.get_mut(index) else { return };
        let State::Polling(mut waiter) = std::mem::replace(&mut slot.state, State::Finished) else {
            return;
        };
        // `handle_task` counts the request that answered with the task.
        waiter.handle_requests_sent(sent.saturating_sub(u32::from(answer.is_ok())));
        self.polling -= 1;
        self.answered = true;
        let id = slot.id.clone();
        let task = match answer {
            Ok(task) => task,
            Err(error) => {
                // A poll the wait's deadline cut short is the wait timing out.
                let error = waiter.handle_error(error, now);
                let shared = matches!(error.category(), ErrorCategory::Auth | ErrorCategory::Config);
                self.finish(index, id, Err(error.clone()));
                if shared {
                    self.finish_all(&error);
                }
                return;
            }
        };
        let (update, next) = waiter.handle_task(task, now);
        if let Some(update) = update {
            self.events.push_back(WaitEvent::Update { index, id: id.clone(), update });
        }
        match next {
            WaitNext::PollAt(at) => {
                slot.state = State::Scheduled(waiter);
                self.due.push(Reverse((at, index)));
            }
            WaitNext::Finished(task) => self.finish(index, id, Ok(*task)),
            WaitNext::TimedOut(error) => self.finish(index, id, Err(error)),
        }
    }

    /// The next event, in the order they happened.
    pub fn poll_event(&mut self) -> Option<WaitEvent> {
        let event = self.events.pop_front();
        if self.events.is_empty() && self.events.capacity() > 0 {
            // Room for a few events is kilobytes: a set that waits keeps none (thousands of
            // single-task sets may be waiting at once).
            self.events = VecDeque::new();
        }
        event
    }

    /// Whether every task has finished and every event has been taken.
    pub fn is_done(&self) -> bool {
        self.unfinished == 0 && self.events.is_empty()
    }

    /// How many tasks the set holds.
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    /// Whether the set holds no task.
    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// How many tasks have not finished yet.
    pub fn unfinished(&self) -> usize {
        self.unfinished
    }

    /// How many polls are out (asked for and not yet answered).
    pub fn polling(&self) -> usize {
        self.polling
    }

    fn finish(&mut self, index: usize, id: TaskId, outcome: Result<Task, Error>) {
        self.unfinished -= 1;
        self.events.push_back(WaitEvent::Finished { index, id, outcome });
    }

    /// Ends every unfinished task with `error`, in the order given.
    fn finish_all(&mut self, error: &Error) {
        self.due.clear();
        for (index, slot) in self.slots.iter_mut().enumerate() {
            if matches!(slot.state, State::Finished) {
                continue;
            }
            if matches!(slot.state, State::Polling(_)) {
                self.polling -= 1;
            }
            slot.state = State::Finished;
            self.unfinished -= 1;
            self.events.push_back(WaitEvent::Finished {
                index,
                id: slot.id.clone(),
                outcome: Err(error.clone()),
            });
        }
    }
}

impl WaitEvent {
    /// Whether this event ends its task with an error (which a driver passes through
    /// [`WaitEvent::redacted`] before handing it on).
    pub fn is_error(&self) -> bool {
        matches!(self, WaitEvent::Finished { outcome: Err(_), .. })
    }

    /// This event with its error, if it ends its task with one, passed through
    /// [`Error::redacted`]. A [`WaitSet`](crate::policy::WaitSet) makes [`Error::WaitTimedOut`] itself,
    /// from the last task it saw, so no driver call has redacted it yet. Updates and final tasks
    /// are the caller's own data and stay as the service sent them.
    ///
    /// ```
    /// use hec_proto::TaskId;
    /// use hec_proto::policy::{WaitEvent, WaitPolicy, WaitSet};
    /// use hec_proto::redact::Secrets;
    /// use std::time::{Duration, Instant};
    ///
    /// let mut secrets = Secrets::new();
    /// secrets.add("s3cr3t-token");
    /// let start = Instant::now();
    /// let policy = WaitPolicy::default().with_timeout(Duration::from_secs(1));
    /// let mut set = WaitSet::new(["42".parse::<TaskId>()?], &policy, start);
    /// let poll = set.poll_due(start).expect("the first poll is due at once");
    /// let task = serde_json::from_str(r#"{"status": "s3cr3t-token"}"#)?;
    /// // The first answer comes past the timeout: the set ends the task with what it saw.
    /// set.handle_answer(poll.index, Ok(task), start + Duration::from_secs(2));
    /// let event = std::iter::from_fn(|| set.poll_event()).find(WaitEvent::is_error).expect("a timeout");
    /// let text = |event: WaitEvent| match event {
    ///     WaitEvent::Finished { outcome: Err(error), .. } => error.to_string(),
    ///     _ => unreachable!("the event is an error"),
    /// };
    /// assert!(text(event.clone()).ends_with("last status: s3cr3t-token)"));
    /// assert!(text(event.redacted(&secrets)).ends_with("last status: [redacted])"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn redacted(self, secrets: &Secrets) -> WaitEvent {
        match self {
            WaitEvent::Finished { index, id, outcome: Err(error) } => {
                WaitEvent::Finished { index, id, outcome: Err(error.redacted(secrets)) }
            }
            event => event,
        }
    }
}
