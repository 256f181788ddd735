//! Waiting for tasks: hec-proto's [`WaitSet`] decides which task is due and what each answer
//! means; a stream runs its polls (at most `max_in_flight` at once) and yields its events.
//! Waiting for one task is waiting for a list of one.

use std::future::{Future, ready};
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Instant;

use futures_util::{Stream, StreamExt};
use hec_proto::policy::{TaskPoll, WaitEvent, WaitPolicy, WaitSet, WaitUpdate};
use hec_proto::{Error, Task, TaskId};
use tokio::time::Sleep;

use crate::Client;

impl Client {
    /// Polls the task until it is `completed`, `failed` or `stopped`, calling `on_update` with
    /// every change of status or progress (`paused` and unknown states included), and returns
    /// the final task. Ends with [`Error::WaitTimedOut`] at the wait policy's timeout.
    pub async fn wait_for_task(
        &self,
        id: &TaskId,
        mut on_update: impl FnMut(&WaitUpdate),
    ) -> Result<Task, Error> {
        let mut events = self.wait_for_tasks_stream(std::slice::from_ref(id));
        // The outcome is returned as it comes, not kept across an await: a smaller future.
        while let Some(event) = events.next().await {
            match event {
                WaitEvent::Update { update, .. } => on_update(&update),
                WaitEvent::Finished { outcome, .. } => return outcome,
            }
        }
        unreachable!("a wait set reports the outcome of every task it was given")
    }

    /// [`Client::wait_for_task`] as a stream: every change of status or progress as it is seen.
    /// The update with the terminal state (`completed`, `failed` or `stopped`) is the last item;
    /// a failed poll or [`Error::WaitTimedOut`] is the last item as an `Err`. Nothing is
    /// sent until the stream is polled, and dropping it stops the wait.
    ///
    /// The stream owns a clone of the client and of the id, and is `Send` and `Unpin`.
    ///
    /// ```
    /// use futures_util::StreamExt;
    /// use hec_async::{Client, Credentials, TaskStatus, WaitPolicy};
    /// use hec_fixtures::mock::{MockGateway, TaskScript, TaskStep};
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let mock = MockGateway::start();
    /// mock.script_task("42", TaskScript::polls([TaskStep::new("inprogress"), TaskStep::new("completed")]));
    /// let client = Client::from_config(hec_async::ClientConfig::new()
    ///     .base_url(mock.base_url().parse()?)
    ///     .credentials(Credentials::new(mock.client_id(), mock.access_key()))
    ///     .wait(WaitPolicy::default().with_first_interval(std::time::Duration::from_millis(10))))?;
    ///
    /// let mut updates = client.wait_for_task_stream(&"42".parse()?);
    /// let mut seen = Vec::new();
    /// while let Some(update) = updates.next().await {
    ///     seen.push(update?.task.status);
    /// }
    /// assert_eq!(seen, [Some(TaskStatus::InProgress), Some(TaskStatus::Completed)]);
    /// # Ok(())
    /// # }
    /// ```
    pub fn wait_for_task_stream(
        &self,
        id: &TaskId,
    ) -> impl Stream<Item = Result<WaitUpdate, Error>> + Send + Unpin + use<> {
        self.wait_for_tasks_stream(std::slice::from_ref(id)).filter_map(|event| {
            ready(match event {
                WaitEvent::Update { update, .. } => Some(Ok(update)),
                WaitEvent::Finished { outcome: Err(error), .. } => Some(Err(error)),
                WaitEvent::Finished { outcome: Ok(_), .. } => None,
            })
        })
    }

    /// Waits for every task of `ids` at once, polling up to `max_in_flight` of them at a time,
    /// as a stream of every change of a task's status or progress and, once per task, how
    /// waiting for it ended (its final task, [`Error::WaitTimedOut`], or the error of a failed
    /// poll), in the order they happen. Refused credentials end every task at once. The stream
    /// ends when every task has ended.
    ///
    /// Each task polls on the client's wait policy, its timeout counted from the first time the
    /// stream is polled; nothing is sent before, and dropping the stream stops the wait. It owns
    /// a clone of the client and of the ids, and is `Send` and `Unpin`.
    ///
    /// ```
    /// use futures_util::StreamExt;
    /// use hec_async::{Client, Credentials, TaskStatus, WaitEvent, WaitPolicy};
    /// use hec_fixtures::mock::{MockGateway, TaskScript, TaskStep};
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let mock = MockGateway::start();
    /// mock.script_task("1", TaskScript::polls([TaskStep::new("inprogress"), TaskStep::new("completed")]));
    /// mock.script_task("2", TaskScript::polls([TaskStep::new("failed")]));
    /// let client = Client::from_config(hec_async::ClientConfig::new()
    ///     .base_url(mock.base_url().parse()?)
    ///     .credentials(Credentials::new(mock.client_id(), mock.access_key()))
    ///     .wait(WaitPolicy::default().with_first_interval(std::time::Duration::from_millis(10))))?;
    ///
    /// let mut events = client.wait_for_tasks_stream(&["1".parse()?, "2".parse()?]);
    /// let mut finished = Vec::new();
    /// while let Some(event) = events.next().await {
    ///     if let WaitEvent::Finished { id, outcome, .. } = event {
    ///         finished.push((id.to_string(), outcome?.status));
    ///     }
    /// }
    /// finished.sort_by(|a, b| a.0.cmp(&b.0));
    /// assert_eq!(finished, [("1".to_owned(), Some(TaskStatus::Completed)), ("2".to_owned(), Some(TaskStatus::Failed))]);
    /// # Ok(())
    /// # }
    /// ```
    pub fn wait_for_tasks_stream(
        &self,
        ids: &[TaskId],
    ) -> impl Stream<Item = WaitEvent> + Send + Unpin + use<> {
        self.wait_for_tasks_with(ids, self.inner.config.config().wait.clone())
    }

    /// [`Client::wait_for_tasks_stream`] with its own wait policy for this call (a campaign's
    /// longer timeout, say), the client's left as it is.
    pub fn wait_for_tasks_with(
        &self,
        ids: &[TaskId],
        policy: WaitPolicy,
    ) -> impl Stream<Item = WaitEvent> + Send + Unpin + use<> {
        let client = self.clone();
        let lanes = self.inner.config.config().max_in_flight.max(1);
        TaskWaits {
            start: Some((ids.to_vec(), policy)),
            set: None,
            polls: Vec::new(),
            lanes,
            timer: None,
            poll: move |poll: TaskPoll| {
                let client = client.clone();
                async move {
                    let (answer, sent) = client.poll_task(&poll.id, Some(poll.deadline)).await;
                    (poll.index, answer.map(|answer| answer.task), sent)
                }
            },
            client: self.clone(),
        }
    }
}

/// The stream of [`Client::wait_for_tasks_stream`]: a [`WaitSet`], the polls out, a timer for
/// the next one due, and the redaction of an error event (the set makes a timeout's itself, so
/// no call has redacted it).
struct TaskWaits<F, Fut> {
    /// The ids and policy, until the first poll starts the set.
    start: Option<(Vec<TaskId>, WaitPolicy)>,
    set: Option<WaitSet>,
    /// The polls out (at most `lanes`), each boxed: it exists only while the poll is out. On a
    /// wake-up every one is polled: there are few, and it spares a scheduler per stream.
    polls: Vec<Pin<Box<Fut>>>,
    lanes: usize,
    /// Made at the first wait, then moved from one due time to the next.
    timer: Option<Pin<Box<Sleep>>>,
    poll: F,
    /// The client whose secrets an error event is redacted with.
    client: Client,
}

impl<F, Fut> Stream for TaskWaits<F, Fut>
where
    F: FnMut(TaskPoll) -> Fut + Unpin,
    Fut: Future<Output = (usize, Result<Task, Error>, u32)>,
{
    type Item = WaitEvent;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<WaitEvent>> {
        let this = &mut *self;
        if let Some((ids, policy)) = this.start.take() {
            this.set = Some(WaitSet::new(ids, &policy, Instant::now()));
        }
        let Some(set) = this.set.as_mut() else { return Poll::Ready(None) };
        loop {
            if let Some(event) = set.poll_event() {
                if !event.is_error() {
                    return Poll::Ready(Some(event));
                }
                return Poll::Ready(Some(this.client.redact_event(event)));
            }
            if set.is_done() {
                // Polls still out (refused credentials ended every task) are dropped.
                this.polls.clear();
                return Poll::Ready(None);
            }
            let now = Instant::now();
            while this.polls.len() < this.lanes {
                let Some(poll) = set.poll_due(now) else { break };
                this.polls.push(Box::pin((this.poll)(poll)));
            }
            let mut answered = false;
            let mut next = 0;
            while let Some(poll) = this.polls.get_mut(next) {
                match poll.as_mut().poll(cx) {
                    Poll::Ready((index, answer, sent)) => {
                        drop(this.polls.remove(next));
                        set.handle_polled(index, answer, sent, Instant::now());
                        answered = true;
                    }
                    Poll::Pending => next += 1,
                }
            }
            if answered {
                continue;
            }
            let due = if this.polls.len() < this.lanes { set.next_due() } else { None };
            if let Some(due) = due {
                let due = tokio::time::Instant::from_std(due);
                let timer = match &mut this.timer {
                    Some(timer) => {
                        if timer.deadline() != due {
                            timer.as_mut().reset(due);
                        }
                        timer
                    }
                    None => this.timer.insert(Box::pin(tokio::time::sleep_until(due))),
                };
                if timer.as_mut().poll(cx).is_ready() {
                    continue;
                }
            }
            return Poll::Pending;
        }
    }
}
