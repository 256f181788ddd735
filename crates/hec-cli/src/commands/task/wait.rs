//! Waiting for many tasks at once: hec-blocking's many-task wait polls them (up to
//! `--max-in-flight` at a time, one `Waiter` each), and every change is shown as it happens.
//! Ctrl-C ends the wait: the display stops, the tasks still running are named with how to
//! resume, and `hec` exits 130.

use std::time::Duration;

use hec_blocking::Client;
use hec_proto::policy::{WaitEvent, WaitPolicy};
use hec_proto::{Error, Task, TaskId};

use crate::output::exit::Exit;
use crate::output::interrupted;
use crate::output::progress::Progress;
use crate::stop::{Stop, StopReason};

/// How waiting for one task ended: its final task, or why waiting stopped.
pub(crate) type Outcome = Result<Task, Error>;

/// How often the wait looks for an interrupt when nothing else wakes it.
const INTERRUPT_CHECK: Duration = Duration::from_millis(50);

/// Waits for every task until each has finished, failed or timed out, showing changes on
/// `progress` in the order they happen, and returns the outcomes in the order of `ids`. Refused
/// credentials end every task at once. A signal `stop` sees (Ctrl-C) ends the process, see
/// [`interrupt`].
///
/// The polls run on a few threads of hec-blocking (at most the client's `max_in_flight`), each
/// with no retry wait past its task's deadline; this thread shows what they see, and redraws
/// the display while nothing changes.
pub(crate) fn wait_all(
    client: &Client,
    ids: &[TaskId],
    policy: &WaitPolicy,
    progress: &mut Progress,
    stop: Option<&Stop>,
) -> Vec<Outcome> {
    let mut outcomes: Vec<Option<Outcome>> = ids.iter().map(|_| None).collect();
    let tick = match (progress.redraw_every(), stop) {
        (Some(redraw), Some(_)) => Some(redraw.min(INTERRUPT_CHECK)),
        (redraw, None) => redraw,
        (None, Some(_)) => Some(INTERRUPT_CHECK),
    };
    client.wait_for_tasks_with(ids, policy, tick, |event| {
        if stop.is_some_and(|stop| stop.reason() == Some(StopReason::Signal)) {
            interrupt(ids, &outcomes, progress);
        }
        match event {
            None => progress.redraw(),
            Some(WaitEvent::Update { index, update, .. }) => progress.update(index, &update),
            Some(WaitEvent::Finished { index, outcome, .. }) => {
                progress.finish(index, &outcome);
                if let Some(slot) = outcomes.get_mut(index) {
                    *slot = Some(outcome);
                }
            }
        }
    });
    // The wait reports every task's outcome once, so none is missing.
    outcomes.into_iter().flatten().collect()
}

/// Ends the wait at an interrupt: stops the display, names the tasks of `ids` whose outcome has
/// not come (still running) with how to resume, and exits 130. The polls in flight end with the
/// process; none of them changes anything.
fn interrupt(ids: &[TaskId], outcomes: &[Option<Outcome>], progress: &mut Progress) -> ! {
    progress.interrupt();
    let running: Vec<TaskId> =
        ids.iter().zip(outcomes).filter(|(_, outcome)| outcome.is_none()).map(|(id, _)| id.clone()).collect();
    interrupted::report(&running);
    std::process::exit(Exit::Interrupted.code().into())
}
