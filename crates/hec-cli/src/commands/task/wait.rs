//! Waiting for many tasks at once: hec-blocking's many-task wait polls them (up to
//! `--max-in-flight` at a time, one `Waiter` each), and every change is shown as it happens.

use hec_blocking::Client;
use hec_proto::policy::{WaitEvent, WaitPolicy};
use hec_proto::{Error, Task, TaskId};

use crate::output::progress::Progress;

/// How waiting for one task ended: its final task, or why waiting stopped.
pub(crate) type Outcome = Result<Task, Error>;

/// Waits for every task until each has finished, failed or timed out, showing changes on
/// `progress` in the order they happen, and returns the outcomes in the order of `ids`. Refused
/// credentials end every task at once.
///
/// The polls run on a few threads of hec-blocking (at most the client's `max_in_flight`), each
/// with no retry wait past its task's deadline; this thread shows what they see, and redraws
/// the display while nothing changes.
pub(crate) fn wait_all(
    client: &Client,
    ids: &[TaskId],
    policy: &WaitPolicy,
    progress: &mut Progress,
) -> Vec<Outcome> {
    let mut outcomes: Vec<Option<Outcome>> = ids.iter().map(|_| None).collect();
    client.wait_for_tasks_with(ids, policy, progress.redraw_every(), |event| match event {
        None => progress.redraw(),
        Some(WaitEvent::Update { index, update, .. }) => progress.update(index, &update),
        Some(WaitEvent::Finished { index, outcome, .. }) => {
            progress.finish(index, &outcome);
            if let Some(slot) = outcomes.get_mut(index) {
                *slot = Some(outcome);
            }
        }
    });
    // The wait reports every task's outcome once, so none is missing.
    outcomes.into_iter().flatten().collect()
}
