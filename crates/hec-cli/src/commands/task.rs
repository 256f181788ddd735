//! `hec task get` and `hec task wait`: a task's status once, or waiting for tasks to finish.

mod wait;

use std::time::Duration;

use hec_proto::{Task, TaskId, WaitPolicy};

use crate::cli::WaitArgs;
use crate::connection::Connection;
use crate::failure::Failure;
use crate::output::exit::Exit;
use crate::output::progress::Progress;
use crate::output::report::Report;
use crate::output::{json, task as render};
use wait::Outcome;

/// `hec task get <TASK_ID>`: one status request; exits 1 if the task ended failed or stopped.
pub(crate) fn get(connection: &Connection, id: &TaskId, report: Report) -> Exit {
    match connection.client.get_task(id) {
        Ok(answer) => {
            warn_if_other_task(id, &answer.task, report);
            report.print(&if report.json() {
                json::task(&answer.task)
            } else if report.ids() {
                id.to_string()
            } else {
                render::task(id, &answer.task)
            });
            Exit::of_task(&answer.task)
        }
        Err(error) => {
            let failure = Failure::from(error);
            report.failure(&failure, Some(id));
            failure.exit()
        }
    }
}

/// `hec task wait <TASK_ID>...`: waits for every task at once, then prints each as `get` does
/// (in JSON, one line per task in the order given); exits with the largest of the tasks' codes.
pub(crate) fn wait(connection: &Connection, ids: &[TaskId], args: &WaitArgs, report: Report) -> Exit {
    wait_with(connection, ids, &policy(args.timeout, args.interval), report, Finals::Print)
}

/// The wait policy of `--timeout` and `--interval`.
pub(crate) fn policy(timeout: Duration, interval: Duration) -> WaitPolicy {
    WaitPolicy::default().with_first_interval(interval).with_timeout(timeout)
}

/// What [`wait_with`] prints of the tasks it waited for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Finals {
    /// Each final task (or its id, with `-o ids`), as `hec task get` does.
    Print,
    /// Failures only: the tasks' ids were printed already (an action's `-o ids` with `--wait`).
    FailuresOnly,
}

/// Waits for every task at once, progress on stderr (none with `--quiet`), then prints as
/// `finals` says; exits with the largest of the tasks' codes.
pub(crate) fn wait_with(
    connection: &Connection,
    ids: &[TaskId],
    policy: &WaitPolicy,
    report: Report,
    finals: Finals,
) -> Exit {
    let mut progress = if report.quiet { Progress::quiet() } else { Progress::for_stderr(ids) };
    let outcomes = wait::wait_all(&connection.client, ids, policy, &mut progress);
    drop(progress);
    let mut texts = Vec::new();
    let mut exit = Exit::Success;
    for (id, outcome) in ids.iter().zip(outcomes) {
        exit = exit.max(print_outcome(id, outcome, report, finals, &mut texts));
    }
    if !texts.is_empty() {
        report.print(&texts.join("\n"));
    }
    exit
}

/// Prints (JSON) or collects (text, ids) one task's outcome, reports a failure, and gives its
/// code.
fn print_outcome(
    id: &TaskId,
    outcome: Outcome,
    report: Report,
    finals: Finals,
    texts: &mut Vec<String>,
) -> Exit {
    match outcome {
        Ok(task) => {
            warn_if_other_task(id, &task, report);
            if finals == Finals::Print {
                if report.json() {
                    report.print(&json::task(&task));
                } else if report.ids() {
                    texts.push(id.to_string());
                } else {
                    texts.push(render::task(id, &task));
                }
            }
            Exit::of_task(&task)
        }
        Err(error) => {
            let failure = Failure::from(error);
            report.failure(&failure, Some(id));
            failure.exit()
        }
    }
}

/// Warns on stderr when the service answered about another task than the one asked for. Not an
/// error: the official documentation's own sample answers a 32-hex id with a numeric one.
fn warn_if_other_task(asked: &TaskId, task: &Task, report: Report) {
    if let Some(other) = task.mismatched_id(asked) {
        report.warning(&format!("task {asked}: the answer is for task {other}"));
    }
}
