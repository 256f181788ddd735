//! Waiting for many tasks at once, in one thread: each task has its own [`Waiter`], and the loop
//! sleeps until the earliest poll is due.

use std::thread;
use std::time::Instant;

use hec_blocking::Client;
use hec_proto::{Category, Error, Task, TaskId, WaitNext, WaitPolicy, Waiter};

use crate::progress::Progress;

/// How waiting for one task ended: its final task, or why waiting stopped.
pub(crate) type Outcome = Result<Task, Error>;

/// A task still being waited for.
struct Pending<'a> {
    index: usize,
    id: &'a TaskId,
    waiter: Waiter,
}

/// Waits for every task until each has finished, failed or timed out, showing changes on
/// `progress`, and returns the outcomes in the order of `ids`. Refused credentials end every
/// task at once.
///
/// Tasks are polled one at a time (`get_task_until` with the task's own deadline, so neither a
/// request nor a retry's wait goes past it), whichever is due first; between polls the loop
/// sleeps until the next one is due, or until the display wants a redraw.
pub(crate) fn wait_all(
    client: &Client,
    ids: &[TaskId],
    policy: &WaitPolicy,
    progress: &mut Progress,
) -> Vec<Outcome> {
    let started = Instant::now();
    let mut pending: Vec<Pending<'_>> = ids
        .iter()
        .enumerate()
        .map(|(index, id)| Pending { index, id, waiter: Waiter::new(policy, started) })
        .collect();
    let mut outcomes: Vec<Option<Outcome>> = ids.iter().map(|_| None).collect();

    // The earliest due first; on a tie, the one given first.
    while let Some(position) =
        (0..pending.len()).min_by_key(|&p| (pending[p].waiter.next_poll_at(), pending[p].index))
    {
        let now = Instant::now();
        let due = pending[position].waiter.next_poll_at();
        if due > now {
            let sleep = due - now;
            thread::sleep(progress.redraw_every().map_or(sleep, |redraw| sleep.min(redraw)));
            progress.redraw();
            continue;
        }
        let task = &mut pending[position];
        let outcome = match client.get_task_until(task.id, Some(task.waiter.deadline())) {
            Ok(answer) => {
                let (update, next) = task.waiter.on_task(answer.task, Instant::now());
                if let Some(update) = &update {
                    progress.update(task.index, update);
                }
                match next {
                    WaitNext::PollAt(_) => None,
                    WaitNext::Finished(task) => Some(Ok(*task)),
                    WaitNext::TimedOut(error) => Some(Err(client.redact(error))),
                }
            }
            // A poll the deadline cut short is the wait timing out.
            Err(error) => Some(Err(client.redact(task.waiter.on_error(error, Instant::now())))),
        };
        let Some(outcome) = outcome else { continue };
        let task = pending.swap_remove(position);
        // Refused credentials (or a configuration that cannot work) fail every task alike:
        // end them all now rather than send the same refused key once per task.
        let shared = match &outcome {
            Err(error) if matches!(error.category(), Category::Auth | Category::Config) => {
                Some(error.clone())
            }
            _ => None,
        };
        progress.finish(task.index, &outcome);
        outcomes[task.index] = Some(outcome);
        if let Some(error) = shared {
            for task in pending.drain(..) {
                let outcome = Err(error.clone());
                progress.finish(task.index, &outcome);
                outcomes[task.index] = Some(outcome);
            }
        }
    }
    // Every task left `pending` with its outcome set, so none is missing.
    outcomes.into_iter().flatten().collect()
}
