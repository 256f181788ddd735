//! What the acting commands (`hec entity quarantine|restore`, `hec event dismiss`) share: their
//! options, the ids checked before anything is sent, the batches sent one after another with
//! each answer printed as it arrives (a request that may have run is never sent again), `--wait`
//! for the tasks as `hec task wait` does, and `--dry-run`.

use std::fmt::Display;
use std::hash::Hash;
use std::str::FromStr;
use std::time::Duration;

use clap::Args;
use hec_blocking::{ActionBatches, Client};
use hec_proto::endpoint::Endpoint;
use hec_proto::{AccessToken, ActionResponse, RequestId, TaskId};

use crate::commands::task;
use crate::connection::Connection;
use crate::distinct::Distinct;
use crate::failure::Failure;
use crate::ids;
use crate::output;
use crate::output::act::Action;
use crate::output::exit::Exit;
use crate::output::report::Report;
use crate::output::task::Finals;
use crate::since::duration;

/// The options every action takes.
#[derive(Debug, Clone, Args)]
pub(crate) struct ActOptions {
    /// Then wait for the tasks as `hec task wait` does: progress on stderr, the final tasks on
    /// stdout, its exit codes (1 failed or stopped, 6 timed out).
    #[arg(long)]
    pub(crate) wait: bool,

    /// With --wait: how long to wait in all (e.g. 90s, 10m).
    #[arg(long, value_name = "DURATION", default_value = "10m", value_parser = duration, requires = "wait")]
    pub(crate) timeout: Duration,

    /// With --wait: the first interval between polls (e.g. 200ms, 1s); later ones grow up to 15 s.
    #[arg(long, value_name = "DURATION", default_value = "1s", value_parser = duration, requires = "wait")]
    pub(crate) interval: Duration,

    /// Print the requests that would be sent (method, path, JSON body) and send nothing.
    #[arg(long)]
    pub(crate) dry_run: bool,
}

/// Runs an action on the ids `given` (`-` reads them from stdin): all of them are checked before
/// `connect`; then `send` makes the client's batches (at most
/// [`MAX_ACTION_IDS`](hec_proto::endpoint::MAX_ACTION_IDS) ids each, sent only as they are asked for;
/// `ids_of` names a batch's ids), which `--dry-run` prints instead of sending (and says that
/// `--wait` is skipped: no task comes of it).
pub(crate) fn run<E, Id>(
    given: &[String],
    options: &ActOptions,
    action: &Action,
    send: impl FnOnce(&Client, &[Id]) -> ActionBatches<E>,
    ids_of: fn(&E) -> &[Id],
    connect: impl FnOnce() -> Result<Connection, Failure>,
    report: Report,
) -> Result<Exit, Failure>
where
    E: Endpoint<Output = ActionResponse>,
    Id: FromStr + Eq + Hash + Clone + Display,
    Id::Err: Display,
{
    let ids: Vec<Id> = ids::collect_as(given, std::io::stdin().lock(), action.noun)?;
    let connection = connect()?;
    let batches = send(&connection.client, &ids);
    if options.dry_run {
        // Nothing is sent until a batch is asked for: all of them are still unsent.
        let exit = dry_run(&connection, batches.unsent(), report)?;
        if options.wait {
            output::act::print_wait_skipped(report);
        }
        return Ok(exit);
    }
    Ok(send_batches(&connection, action, batches, ids_of, options, report))
}

/// Sends the batches, prints each answer as it arrives, then with `--wait` waits for the tasks.
///
/// A failed batch ends it (later batches are not sent) with that failure's code; if the request
/// may have run, the message says so and how to check, and lists its ids.
fn send_batches<E, Id>(
    connection: &Connection,
    action: &Action,
    mut batches: ActionBatches<E>,
    ids_of: fn(&E) -> &[Id],
    options: &ActOptions,
    report: Report,
) -> Exit
where
    E: Endpoint<Output = ActionResponse>,
    Id: Display + Clone,
{
    let mut tasks: Distinct<TaskId> = Distinct::default();
    loop {
        // The ids of the batch about to be sent, to name them if it fails.
        let sending: Vec<Id> =
            batches.unsent().next().map(|batch| ids_of(batch).to_vec()).unwrap_or_default();
        let sent: Vec<String> = sending.iter().map(ToString::to_string).collect();
        match batches.next() {
            None => break,
            Some(Ok(response)) => output::act::print_answer(&response, action, &sent, report, &mut tasks),
            Some(Err(error)) => {
                let not_sent: Vec<Id> =
                    batches.unsent().flat_map(|batch| ids_of(batch).iter().cloned()).collect();
                return output::act::failed(error, action, &sending, &not_sent, report);
            }
        }
    }
    if !options.wait || tasks.is_empty() {
        return Exit::Success;
    }
    // With `-o ids` the task ids are out already; the wait adds only failures and the exit code.
    let finals = if report.ids() { Finals::FailuresOnly } else { Finals::Print };
    task::wait_with(
        connection,
        tasks.as_slice(),
        &task::policy(options.timeout, options.interval),
        report,
        finals,
    )
}

/// `--dry-run`: prints each request of `calls`, built by the same endpoint that would send it,
/// and sends nothing, not even a token request.
pub(crate) fn dry_run<'a, E: Endpoint + 'a>(
    connection: &Connection,
    calls: impl ExactSizeIterator<Item = &'a E>,
    report: Report,
) -> Result<Exit, Failure> {
    // Never sent: only the Authorization header holds it, and that is not printed.
    let token = AccessToken::new("dry-run");
    let count = calls.len();
    for call in calls {
        let request = call
            .request(connection.client.base_url(), &token, RequestId::new())
            .map_err(|e| Failure::Usage(e.to_string()))?;
        output::act::print_request(&request, report)?;
    }
    output::act::print_dry_run_end(count, report);
    Ok(Exit::Success)
}
