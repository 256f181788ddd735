//! Task scripts: what `GET /task/{id}` answers on each successive poll of one task.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use bytes::Bytes;

/// What one task answers across its polls: a sequence of [`TaskStep`]s.
///
/// A script either advances once per poll ([`TaskScript::polls`]: the n-th poll of the task gets
/// step n) or with time ([`TaskScript::timed`]: a step becomes current a given time after the
/// task's first poll). Either way the last step repeats forever.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskScript {
    pacing: Pacing,
    /// Each step with the time after the first poll from which it is current (zero for
    /// poll-paced scripts). Never empty; sorted by time.
    steps: Vec<(Duration, TaskStep)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pacing {
    Polls,
    Timed,
}

impl TaskScript {
    /// A script that advances one step per poll: poll 1 gets the first step, poll 2 the second,
    /// and every poll after the last step gets the last step again.
    ///
    /// # Panics
    /// If `steps` is empty.
    pub fn polls(steps: impl IntoIterator<Item = TaskStep>) -> TaskScript {
        let steps: Vec<_> = steps.into_iter().map(|step| (Duration::ZERO, step)).collect();
        assert!(!steps.is_empty(), "a task script needs at least one step");
        TaskScript { pacing: Pacing::Polls, steps }
    }

    /// A script paced by wall time: each step is current from the given time after the task's
    /// first poll until the next step's time; before the earliest time the first step is current.
    /// Steps may be given in any order.
    ///
    /// # Panics
    /// If `steps` is empty.
    pub fn timed(steps: impl IntoIterator<Item = (Duration, TaskStep)>) -> TaskScript {
        let mut steps: Vec<_> = steps.into_iter().collect();
        assert!(!steps.is_empty(), "a task script needs at least one step");
        steps.sort_by_key(|(at, _)| *at);
        TaskScript { pacing: Pacing::Timed, steps }
    }

    /// A script that answers every poll with the named corpus fixture (see [`TaskStep::fixture`]).
    ///
    /// # Panics
    /// If the corpus has no fixture of that name.
    pub fn fixture(name: &str) -> TaskScript {
        TaskScript::polls([TaskStep::fixture(name)])
    }

    /// The step for the `poll`-th poll (1-based), `elapsed` after the first one.
    pub(crate) fn step_at(&self, poll: usize, elapsed: Duration) -> &TaskStep {
        let index = match self.pacing {
            Pacing::Polls => poll.saturating_sub(1),
            Pacing::Timed => self.steps.iter().rposition(|(at, _)| *at <= elapsed).unwrap_or(0),
        };
        let last = self.steps.len() - 1; // never empty: the constructors check
        &self.steps[index.min(last)].1
    }
}

/// One answer of a task script: a task state rendered as a live-shaped response, or a canned
/// response sent byte for byte.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskStep {
    kind: StepKind,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum StepKind {
    State(TaskState),
    Canned(CannedResponse),
}

/// The task fields a state step sets; the rest of the task object is filled in by the mock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TaskState {
    pub(crate) status: String,
    pub(crate) progress: u64,
    pub(crate) total: u64,
    pub(crate) succeed: u64,
    pub(crate) failed: u64,
}

/// A response sent as is: status, headers in order, exact body.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CannedResponse {
    pub(crate) status: http::StatusCode,
    pub(crate) headers: Vec<(http::HeaderName, http::HeaderValue)>,
    pub(crate) body: Bytes,
}

impl TaskStep {
    /// A task in state `status` (`init`, `inprogress`, `completed`, `failed`, `stopped`, `paused`,
    /// or any other text), rendered like the live service's answer with one action whose
    /// `action_status` is the same text.
    ///
    /// Counts start as one entity in total and, for `completed`, progress 1 and succeed 1; for
    /// `failed`, progress 1 and failed 1; otherwise 0. Change them with the setters.
    pub fn new(status: impl Into<String>) -> TaskStep {
        let status = status.into();
        let (progress, succeed, failed) = match status.as_str() {
            "completed" => (1, 1, 0),
            "failed" => (1, 0, 1),
            _ => (0, 0, 0),
        };
        TaskStep { kind: StepKind::State(TaskState { status, progress, total: 1, succeed, failed }) }
    }

    /// Sets the task's `progress`. No effect on a fixture or canned step.
    pub fn progress(self, progress: u64) -> TaskStep {
        self.with_state(|state| state.progress = progress)
    }

    /// Sets the task's `total`. No effect on a fixture or canned step.
    pub fn total(self, total: u64) -> TaskStep {
        self.with_state(|state| state.total = total)
    }

    /// Sets the task's `succeed` count. No effect on a fixture or canned step.
    pub fn succeed(self, succeed: u64) -> TaskStep {
        self.with_state(|state| state.succeed = succeed)
    }

    /// Sets the task's `failed` count. No effect on a fixture or canned step.
    pub fn failed(self, failed: u64) -> TaskStep {
        self.with_state(|state| state.failed = failed)
    }

    /// The named corpus fixture's response (status, headers and body exactly as in the corpus),
    /// whatever the task id and request id.
    ///
    /// # Panics
    /// If the corpus has no fixture of that name.
    pub fn fixture(name: &str) -> TaskStep {
        let Some(fixture) = crate::corpus::get(name) else {
            panic!("the fixture corpus has no scenario named {name:?}");
        };
        let response = &fixture.response;
        TaskStep::response(response.status, response.headers.iter().cloned(), response.body.clone())
    }

    /// A canned response: this status, these headers in this order, this exact body.
    ///
    /// # Panics
    /// If the status is not a valid HTTP status (100-999) or a header name or value is invalid.
    pub fn response<N, V>(
        status: u16,
        headers: impl IntoIterator<Item = (N, V)>,
        body: impl Into<Vec<u8>>,
    ) -> TaskStep
    where
        N: AsRef<str>,
        V: AsRef<str>,
    {
        let status = http::StatusCode::from_u16(status)
            .unwrap_or_else(|_| panic!("{status} is not a valid HTTP status"));
        let headers = headers
            .into_iter()
            .map(|(name, value)| {
                let (name, value) = (name.as_ref(), value.as_ref());
                let header = http::HeaderName::from_bytes(name.as_bytes())
                    .unwrap_or_else(|_| panic!("{name:?} is not a valid header name"));
                let value = http::HeaderValue::from_str(value)
                    .unwrap_or_else(|_| panic!("{value:?} is not a valid header value"));
                (header, value)
            })
            .collect();
        TaskStep {
            kind: StepKind::Canned(CannedResponse { status, headers, body: Bytes::from(body.into()) }),
        }
    }

    pub(crate) fn kind(&self) -> &StepKind {
        &self.kind
    }

    fn with_state(mut self, set: impl FnOnce(&mut TaskState)) -> TaskStep {
        if let StepKind::State(state) = &mut self.kind {
            set(state);
        }
        self
    }
}

/// The scripts of every task, and how far each polled task has got.
#[derive(Debug, Default)]
pub(crate) struct TaskBook {
    scripts: HashMap<String, TaskScript>,
    default_script: Option<TaskScript>,
    polled: HashMap<String, Polls>,
}

/// How often a task has been polled, and since when.
#[derive(Debug, Clone, Copy)]
struct Polls {
    count: usize,
    first: Instant,
    first_wall: jiff::Timestamp,
}

/// A task's answer to one poll.
#[derive(Debug, Clone)]
pub(crate) struct PollAnswer {
    pub(crate) step: TaskStep,
    /// When the task was first polled: the rendered task's `created`.
    pub(crate) created: jiff::Timestamp,
}

impl TaskBook {
    pub(crate) fn new(default_script: Option<TaskScript>) -> TaskBook {
        TaskBook { default_script, ..TaskBook::default() }
    }

    /// Gives task `id` a script, starting it afresh (its poll count goes back to zero).
    pub(crate) fn set_script(&mut self, id: &str, script: TaskScript) {
        self.polled.remove(id);
        self.scripts.insert(id.to_owned(), script);
    }

    /// Whether task `id` has a script of its own (not the default one).
    pub(crate) fn has_own_script(&self, id: &str) -> bool {
        self.scripts.contains_key(id)
    }

    /// Counts one poll of task `id` and returns its step, or `None` if the task has no script and
    /// there is no default one (such a poll is not counted).
    pub(crate) fn poll(&mut self, id: &str, now: Instant) -> Option<PollAnswer> {
        let script = self.scripts.get(id).or(self.default_script.as_ref())?;
        let polls = self.polled.entry(id.to_owned()).or_insert_with(|| Polls {
            count: 0,
            first: now,
            first_wall: jiff::Timestamp::now(),
        });
        polls.count += 1;
        let step = script.step_at(polls.count, now.saturating_duration_since(polls.first));
        Some(PollAnswer { step: step.clone(), created: polls.first_wall })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timed_script_picks_the_latest_step_whose_time_has_come() {
        let script = TaskScript::timed([
            (Duration::from_secs(2), TaskStep::new("completed")),
            (Duration::ZERO, TaskStep::new("init")),
            (Duration::from_secs(1), TaskStep::new("inprogress")),
        ]);
        let status = |elapsed| match script.step_at(1, elapsed).kind() {
            StepKind::State(state) => state.status.clone(),
            StepKind::Canned(_) => String::new(),
        };
        assert_eq!(status(Duration::ZERO), "init");
        assert_eq!(status(Duration::from_millis(1500)), "inprogress");
        assert_eq!(status(Duration::from_secs(60)), "completed");
    }
}
