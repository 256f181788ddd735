//! `hec task get` and `hec task wait`: a task's status once, or waiting for tasks to finish.

mod wait;

use std::time::Duration;

use clap::{Args, Subcommand};
use hec_proto::TaskId;
use hec_proto::policy::WaitPolicy;

use crate::connection::Connection;
use crate::failure::Failure;
use crate::ids;
use crate::output::exit::Exit;
use crate::output::progress::Progress;
use crate::output::report::Report;
use crate::output::task::{Finals, Source, print_finals};
use crate::since::duration;
use crate::stop::Stop;

/// `hec task ...`.
#[derive(Debug, Subcommand)]
pub(crate) enum TaskCommand {
    /// Show a task's status once.
    Get {
        /// The task id (as `POST /action/entity` returned it).
        #[arg(value_name = "TASK_ID")]
        id: String,
    },
    /// Wait until tasks finish, showing their progress, then show them as `get` does.
    Wait(WaitArgs),
}

/// The arguments of `hec task wait`.
#[derive(Debug, Args)]
pub(crate) struct WaitArgs {
    /// Task ids, waited for together; `-` reads ids from stdin, one per line (at most 100,000 ids in all).
    #[arg(value_name = "TASK_ID", required = true)]
    pub(crate) ids: Vec<String>,

    /// How long to wait in all (e.g. 90s, 10m).
    #[arg(long, value_name = "DURATION", default_value = "10m", value_parser = duration)]
    pub(crate) timeout: Duration,

    /// The first interval between polls (e.g. 200ms, 1s); later ones grow up to 15 s.
    #[arg(long, value_name = "DURATION", default_value = "1s", value_parser = duration)]
    pub(crate) interval: Duration,
}

/// Runs a task command: its ids are checked (stdin included) before `connect`.
pub(crate) fn run(
    command: &TaskCommand,
    connect: impl FnOnce() -> Result<Connection, Failure>,
    report: Report,
) -> Result<Exit, Failure> {
    match command {
        TaskCommand::Get { id } => {
            let id = ids::parse(id)?;
            Ok(get(&connect()?, &id, report))
        }
        TaskCommand::Wait(args) => {
            let ids = ids::collect(&args.ids, std::io::stdin().lock())?;
            let policy = policy(args.timeout, args.interval);
            Ok(wait_with(&connect()?, &ids, &policy, report, Finals::Print))
        }
    }
}

/// `hec task get <TASK_ID>`: one status request, printed as `task wait` prints a final task;
/// exits 1 if the task ended failed or stopped.
fn get(connection: &Connection, id: &TaskId, report: Report) -> Exit {
    let outcome = connection.client.get_task(id).map(|answer| answer.task);
    print_finals(std::slice::from_ref(id), vec![outcome], Finals::Print, Source::Get, report)
}

/// The wait policy of `--timeout` and `--interval`.
pub(crate) fn policy(timeout: Duration, interval: Duration) -> WaitPolicy {
    WaitPolicy::default().with_first_interval(interval).with_timeout(timeout)
}

/// `hec task wait <TASK_ID>...`, and an action's `--wait`: waits for every task at once, progress
/// on stderr (none with `--quiet`), then prints as `finals` says (in JSON, one line per task in
/// the order given); exits with the largest of the tasks' codes, or 130 at Ctrl-C (see
/// [`wait::wait_all`]).
pub(crate) fn wait_with(
    connection: &Connection,
    ids: &[TaskId],
    policy: &WaitPolicy,
    report: Report,
    finals: Finals,
) -> Exit {
    let mut progress = if report.quiet { Progress::quiet() } else { Progress::for_stderr(ids) };
    // Without a handler (the system refused one), Ctrl-C ends the wait as it ends any program.
    let stop = Stop::install().ok();
    let outcomes = wait::wait_all(&connection.client, ids, policy, &mut progress, stop.as_ref());
    let source = Source::Wait { errors_shown: progress.shows_errors() };
    drop(progress);
    print_finals(ids, outcomes, finals, source, report)
}
