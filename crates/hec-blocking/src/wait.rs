//! Waiting for tasks: hec-proto's [`WaitSet`] decides which task is due and what each answer
//! means; a few scoped threads (at most `max_in_flight`) poll, and the calling thread reports.
//! Waiting for one task is waiting for a list of one, on the calling thread alone.

use std::panic::{self, AssertUnwindSafe};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Mutex, PoisonError};
use std::thread::{self, Scope};
use std::time::{Duration, Instant};

use hec_proto::policy::{TaskPoll, WaitEvent, WaitPolicy, WaitSet, WaitUpdate};
use hec_proto::{Error, Task, TaskId};

use crate::Client;

impl Client {
    /// Polls the task until it is `completed`, `failed` or `stopped`, calling `on_update` with
    /// every change of status or progress (`paused` and unknown states included), and returns
    /// the final task. Ends with [`Error::WaitTimedOut`] at the wait policy's timeout.
    pub fn wait_for_task(&self, id: &TaskId, mut on_update: impl FnMut(&WaitUpdate)) -> Result<Task, Error> {
        let mut outcome = None;
        self.wait_for_tasks(std::slice::from_ref(id), |event| match event {
            WaitEvent::Update { update, .. } => on_update(&update),
            WaitEvent::Finished { outcome: finished, .. } => outcome = Some(finished),
        });
        outcome.expect("a wait set reports the outcome of every task it was given")
    }

    /// Waits for every task of `ids` at once, polling up to `max_in_flight` of them at a time,
    /// and calls `on_event` on this thread with every change of a task's status or progress and,
    /// once per task, how waiting for it ended (its final task, [`Error::WaitTimedOut`], or the
    /// error of a failed poll), in the order they happen. Refused credentials end every task at
    /// once. Returns when every task has ended.
    ///
    /// Each task polls on the client's wait policy, its timeout counted from the call.
    ///
    /// ```
    /// use hec_blocking::{Client, Credentials, WaitEvent};
    /// use hec_fixtures::mock::{MockGateway, TaskScript, TaskStep};
    ///
    /// let mock = MockGateway::start();
    /// mock.script_task("1", TaskScript::polls([TaskStep::new("inprogress"), TaskStep::new("completed")]));
    /// mock.script_task("2", TaskScript::polls([TaskStep::new("failed")]));
    /// let client = Client::from_config(hec_blocking::ClientConfig::new()
    ///     .base_url(mock.base_url().parse()?)
    ///     .credentials(Credentials::new(mock.client_id(), mock.access_key()))
    ///     .wait(hec_blocking::WaitPolicy::default().with_first_interval(std::time::Duration::from_millis(10))))?;
    ///
    /// let mut finished = Vec::new();
    /// client.wait_for_tasks(&["1".parse()?, "2".parse()?], |event| {
    ///     if let WaitEvent::Finished { id, outcome, .. } = event {
    ///         finished.push((id.to_string(), outcome.map(|task| task.status)));
    ///     }
    /// });
    /// finished.sort_by(|a, b| a.0.cmp(&b.0));
    /// assert_eq!(finished, [
    ///     ("1".to_owned(), Ok(Some(hec_blocking::TaskStatus::Completed))),
    ///     ("2".to_owned(), Ok(Some(hec_blocking::TaskStatus::Failed))),
    /// ]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn wait_for_tasks(&self, ids: &[TaskId], mut on_event: impl FnMut(WaitEvent)) {
        let policy = &self.inner.config.config().wait;
        self.wait_for_tasks_with(ids, policy, None, |event| {
            if let Some(event) = event {
                on_event(event);
            }
        });
    }

    /// [`Client::wait_for_tasks`] with another wait policy than the client's, and, with a
    /// `tick`, a call of `on_event(None)` whenever that long has passed since the last one while
    /// waiting (to redraw a display, say).
    pub fn wait_for_tasks_with(
        &self,
        ids: &[TaskId],
        policy: &WaitPolicy,
        tick: Option<Duration>,
        mut on_event: impl FnMut(Option<WaitEvent>),
    ) {
        let mut set = WaitSet::new(ids.iter().cloned(), policy, Instant::now());
        let lanes = self.inner.config.config().max_in_flight.min(ids.len());
        if lanes <= 1 {
            return drive(self, &mut set, &mut Lanes::Inline(self), tick, &mut on_event);
        }
        let (jobs, queue) = mpsc::channel::<TaskPoll>();
        let queue = Mutex::new(queue);
        thread::scope(|scope| {
            let mut lanes = Lanes::pool(self, scope, lanes, jobs, &queue);
            drive(self, &mut set, &mut lanes, tick, &mut on_event);
            // Dropping the lanes closes the job channel: the threads end after their current poll.
        });
    }
}

/// One poll of a task, with no retry wait past its deadline, and how many requests it sent.
fn poll(client: &Client, poll: &TaskPoll) -> (Result<Task, Error>, u32) {
    let (answer, sent) = client.poll_task(&poll.id, Some(poll.deadline));
    (answer.map(|answer| answer.task), sent)
}

/// A poll's answer and how many requests it sent, or the panic of the thread that made it.
type Answered = (usize, thread::Result<(Result<Task, Error>, u32)>);

/// Where polls run.
enum Lanes<'a> {
    /// On the calling thread, one at a time.
    Inline(&'a Client),
    /// On threads, one poll each at a time.
    Pool { jobs: Sender<TaskPoll>, answers: Receiver<Answered>, idle: usize },
}

impl<'a> Lanes<'a> {
    /// Up to `lanes` threads that take polls from a shared channel, each reporting to the
    /// caller's tracing subscriber inside the caller's span. Fewer if the system refuses
    /// threads; none (polls on the calling thread) if it refuses them all.
    fn pool<'scope>(
        client: &'a Client,
        scope: &'scope Scope<'scope, '_>,
        lanes: usize,
        jobs: Sender<TaskPoll>,
        queue: &'a Mutex<Receiver<TaskPoll>>,
    ) -> Lanes<'a>
    where
        'a: 'scope,
    {
        let (report, answers) = mpsc::channel::<Answered>();
        let dispatch = tracing::dispatcher::get_default(Clone::clone);
        let span = tracing::Span::current();
        let mut started = 0;
        for _ in 0..lanes {
            let (report, dispatch, span) = (report.clone(), dispatch.clone(), span.clone());
            let worker = move || {
                tracing::dispatcher::with_default(&dispatch, || {
                    span.in_scope(|| work(client, queue, &report))
                });
            };
            match thread::Builder::new().name("hec-wait".to_owned()).spawn_scoped(scope, worker) {
                Ok(_) => started += 1,
                Err(_) => break,
            }
        }
        if started == 0 {
            return Lanes::Inline(client);
        }
        Lanes::Pool { jobs, answers, idle: started }
    }

    /// Whether another poll can start now.
    fn has_room(&self) -> bool {
        match self {
            Lanes::Inline(_) => true,
            Lanes::Pool { idle, .. } => *idle > 0,
        }
    }

    /// Starts a poll (inline: makes it and feeds its answer back).
    fn start(&mut self, set: &mut WaitSet, job: TaskPoll) {
        match self {
            Lanes::Inline(client) => {
                let (answer, sent) = poll(client, &job);
                set.handle_polled(job.index, answer, sent, Instant::now());
            }
            Lanes::Pool { jobs, idle, .. } => {
                // The threads outlive this call, so the channel is open.
                if jobs.send(job).is_ok() {
                    *idle -= 1;
                }
            }
        }
    }

    /// Waits until `wake` (for ever if `None`) or until a poll answers, and feeds the answer back.
    fn wait(&mut self, set: &mut WaitSet, wake: Option<Instant>) {
        match self {
            Lanes::Inline(_) => {
                if let Some(wake) = wake {
                    thread::sleep(wake.saturating_duration_since(Instant::now()));
                }
            }
            Lanes::Pool { answers, idle, .. } => {
                let answered = match wake {
                    Some(wake) => answers.recv_timeout(wake.saturating_duration_since(Instant::now())),
                    None => answers.recv().map_err(|_| RecvTimeoutError::Disconnected),
                };
                match answered {
                    Ok((index, Ok((answer, sent)))) => {
                        *idle += 1;
                        set.handle_polled(index, answer, sent, Instant::now());
                    }
                    Ok((_, Err(panic))) => panic::resume_unwind(panic),
                    Err(RecvTimeoutError::Timeout) => {}
                    // A thread ends only once this side has dropped the jobs or the answers.
                    Err(RecvTimeoutError::Disconnected) => {
                        panic!("the polling threads ended while polls were out")
                    }
                }
            }
        }
    }
}

/// A polling thread: takes polls until the channel closes.
fn work(client: &Client, queue: &Mutex<Receiver<TaskPoll>>, report: &Sender<Answered>) {
    loop {
        let job = queue.lock().unwrap_or_else(PoisonError::into_inner).recv();
        let Ok(job) = job else { return };
        let answer = panic::catch_unwind(AssertUnwindSafe(|| poll(client, &job)));
        if report.send((job.index, answer)).is_err() {
            return;
        }
    }
}

/// The loop: report what happened (an error redacted: the set makes a timeout's itself), start
/// the polls that are due while there is room, and wait for the next due poll, an answer, or a
/// tick.
fn drive(
    client: &Client,
    set: &mut WaitSet,
    lanes: &mut Lanes<'_>,
    tick: Option<Duration>,
    on_event: &mut dyn FnMut(Option<WaitEvent>),
) {
    let mut ticked = Instant::now();
    loop {
        while let Some(event) = set.poll_event() {
            let event = if event.is_error() { client.redact_event(event) } else { event };
            on_event(Some(event));
        }
        if set.is_done() {
            return;
        }
        if lanes.has_room()
            && let Some(job) = set.poll_due(Instant::now())
        {
            lanes.start(set, job);
            continue;
        }
        let due = if lanes.has_room() { set.next_due() } else { None };
        let next_tick = tick.map(|tick| ticked + tick);
        lanes.wait(set, due.into_iter().chain(next_tick).min());
        if next_tick.is_some_and(|at| Instant::now() >= at) {
            on_event(None);
            ticked = Instant::now();
        }
    }
}
