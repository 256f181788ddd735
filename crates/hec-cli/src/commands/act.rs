//! What quarantine, restore and dismiss share: each batch's answer printed (and flushed) as soon
//! as it arrives, a request that may have run never sent again and said so, `--wait` for the
//! tasks as `hec task wait` does, and `--dry-run`.

use std::fmt::Display;
use std::time::Duration;

use clap::Args;
use hec_blocking::ActionBatches;
use hec_proto::{AccessToken, ActionResponse, ActionTask, Endpoint, Error, RawJson, RequestId, TaskId};
use serde_json::Value;

use crate::cli::duration;
use crate::commands::task::{self, Finals};
use crate::connection::Connection;
use crate::failure::Failure;
use crate::output::exit::Exit;
use crate::output::json;
use crate::output::report::Report;

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

/// An action as messages name it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Action {
    /// `quarantine`, `restore`, `dismiss`.
    pub(crate) verb: &'static str,
    /// `entity` or `event`.
    pub(crate) noun: &'static str,
    /// `entities` or `events`.
    pub(crate) plural: &'static str,
    /// The field of a JSON error that lists the ids of the request that failed: `entityIds`.
    pub(crate) ids_field: &'static str,
    /// How a person checks whether the action ran for one id.
    pub(crate) check: &'static str,
    /// The id an item of the answer is about (entity or event), if it says.
    pub(crate) item_id: fn(&ActionTask) -> Option<String>,
}

impl Action {
    fn count(&self, n: usize) -> String {
        format!("{n} {}", if n == 1 { self.noun } else { self.plural })
    }
}

/// Sends the action's batches (at most [`MAX_ACTION_IDS`](hec_proto::MAX_ACTION_IDS) ids each, sent lazily by `batches`;
/// `ids_of` names a batch's ids), prints each answer as it arrives, then with `--wait` waits for
/// the tasks.
///
/// A failed batch ends it (later batches are not sent) with that failure's code; if the request
/// may have run, the message says so and how to check, and lists its ids.
pub(crate) fn run<E, Id>(
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
    let mut tasks: Vec<TaskId> = Vec::new();
    loop {
        // The ids of the batch about to be sent, to name them if it fails.
        let sending: Vec<Id> =
            batches.unsent().first().map(|batch| ids_of(batch).to_vec()).unwrap_or_default();
        match batches.next() {
            None => break,
            Some(Ok(response)) => print_answer(&response, action, sending.len(), report, &mut tasks),
            Some(Err(error)) => {
                let not_sent: Vec<Id> =
                    batches.unsent().iter().flat_map(|batch| ids_of(batch).iter().cloned()).collect();
                return failed(error, action, &sending, &not_sent, report);
            }
        }
    }
    if !options.wait || tasks.is_empty() {
        return Exit::Success;
    }
    // With `-o ids` the task ids are out already; the wait adds only failures and the exit code.
    let finals = if report.ids() { Finals::FailuresOnly } else { Finals::Print };
    task::wait_with(connection, &tasks, &task::policy(options.timeout, options.interval), report, finals)
}

/// Prints one batch's answer at once: `ID task TASK_ID` per item, the items' JSON, or the task
/// ids not printed before; adds new task ids to `tasks`.
fn print_answer(
    response: &ActionResponse,
    action: &Action,
    batch: usize,
    report: Report,
    tasks: &mut Vec<TaskId>,
) {
    let mut lines = Vec::with_capacity(response.tasks.len());
    for item in &response.tasks {
        let new = !tasks.contains(&item.task_id);
        if new {
            tasks.push(item.task_id.clone());
        }
        if report.json() {
            lines.push(json::raw_line(item.raw()));
        } else if report.ids() {
            if new {
                lines.push(item.task_id.to_string());
            }
        } else {
            lines.push(format!("{} task {}", (action.item_id)(item).as_deref().unwrap_or("-"), item.task_id));
        }
    }
    if response.tasks.is_empty() {
        report.warning(&format!(
            "the service answered the {} request for {} without a task",
            action.verb,
            action.count(batch)
        ));
    } else if !lines.is_empty() {
        report.print(&lines.join("\n"));
    }
}

/// Reports the failure of the batch of `failed` ids and what it means for them and for the ones
/// after them, `not_sent`.
fn failed<Id: Display>(
    error: Error,
    action: &Action,
    failed: &[Id],
    not_sent: &[Id],
    report: Report,
) -> Exit {
    let may_have_run = may_have_run(&error);
    let notes = notes(action, failed, not_sent, may_have_run);
    let texts = |ids: &[Id]| Value::Array(ids.iter().map(|id| Value::String(id.to_string())).collect());
    let fields = vec![
        ("mayHaveRun", Value::Bool(may_have_run)),
        (action.ids_field, texts(failed)),
        ("notSent", texts(not_sent)),
    ];
    let failure = Failure::from(error);
    report.failure_with(&failure, &notes, fields);
    failure.exit()
}

/// Whether a failed action may have run: the driver says so with `Error::ActionOutcomeUnknown`
/// (it never resends such a request).
fn may_have_run(error: &Error) -> bool {
    matches!(error, Error::ActionOutcomeUnknown { .. })
}

/// What follows the error of a failed batch: whether its request may have run, how to check,
/// and its ids; then the ids that were not sent.
fn notes<Id: Display>(action: &Action, failed: &[Id], not_sent: &[Id], may_have_run: bool) -> Vec<String> {
    let mut notes = Vec::new();
    if may_have_run {
        notes.push(format!(
            "the {} request for {} may have run; hec did not send it again.",
            action.verb,
            action.count(failed.len())
        ));
        notes.push(format!("Check each before sending it again ({}):", action.check));
        notes.extend(failed.iter().map(|id| format!("  {id}")));
    }
    if !not_sent.is_empty() {
        let verb = if not_sent.len() == 1 { "was" } else { "were" };
        notes.push(format!("{} after them {verb} not sent:", action.count(not_sent.len())));
        notes.extend(not_sent.iter().map(|id| format!("  {id}")));
    }
    notes
}

/// `--dry-run`: prints each request the action would send, built by the same endpoint that
/// would send it (text: `METHOD PATH BODY`; JSON: `{"method", "path", "body"}`), and sends
/// nothing, not even a token request.
pub(crate) fn dry_run<E: Endpoint>(
    connection: &Connection,
    calls: impl Iterator<Item = E>,
    report: Report,
) -> Result<Exit, Failure> {
    // Never sent: only the Authorization header holds it, and that is not printed.
    let token = AccessToken::new("dry-run");
    let mut count = 0;
    for call in calls {
        let request = call
            .request(connection.client.base_url(), &token, RequestId::new())
            .map_err(|e| Failure::Usage(e.to_string()))?;
        let body = RawJson::from_string(String::from_utf8_lossy(request.body()).into_owned())
            .map_err(|e| Failure::Usage(format!("the request body is not JSON: {e}")))?;
        let body = json::raw_line(&body);
        let method = request.method().as_str();
        let path = request.uri().path();
        report.print(&if report.json() {
            format!(r#"{{"method":{},"path":{},"body":{body}}}"#, Value::from(method), Value::from(path))
        } else {
            format!("{method} {path} {body}")
        });
        count += 1;
    }
    report.notice(&format!(
        "dry run: {count} request{} shown, nothing sent",
        if count == 1 { "" } else { "s" }
    ));
    Ok(Exit::Success)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ACTION: Action = Action {
        verb: "quarantine",
        noun: "entity",
        plural: "entities",
        ids_field: "entityIds",
        check: "`hec entity get ENTITY_ID` shows `quarantined  yes` once it has run",
        item_id: |_| None,
    };

    #[test]
    fn a_request_that_may_have_run_is_named_with_its_ids_and_how_to_check() {
        assert_eq!(
            notes(&ACTION, &["a1", "a2"], &["b1"], true),
            [
                "the quarantine request for 2 entities may have run; hec did not send it again.",
                "Check each before sending it again (`hec entity get ENTITY_ID` shows `quarantined  yes` once it has run):",
                "  a1",
                "  a2",
                "1 entity after them was not sent:",
                "  b1",
            ]
        );
    }

    #[test]
    fn a_refused_request_lists_only_what_was_not_sent() {
        assert!(notes(&ACTION, &["a1"], &[] as &[&str], false).is_empty());
        assert_eq!(
            notes(&ACTION, &["a1"], &["b1", "b2"], false),
            ["2 entities after them were not sent:", "  b1", "  b2"]
        );
    }
}
