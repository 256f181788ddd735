//! What an action (quarantine, restore, dismiss) prints: each batch's answer as it arrives, a
//! failed batch with what it means for its ids (whether it may have run, how to check, which ids
//! were not sent), and with `--dry-run` the requests it would send.

use std::collections::HashSet;
use std::fmt::Display;

use hec_proto::model::RawJson;
use hec_proto::{ActionResponse, ActionTask, Error, TaskId, http};
use serde_json::Value;

use crate::distinct::Distinct;
use crate::failure::Failure;
use crate::output::escape;
use crate::output::exit::Exit;
use crate::output::json;
use crate::output::report::Report;
use crate::output::text::or_dash;

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

/// The most ids a warning about an answer names; the rest are counted.
const MAX_IDS_NAMED: usize = 10;

/// Prints one batch's answer at once: `ID task TASK_ID` per item, the items' JSON, or the task
/// ids not printed before; adds new task ids to `tasks`. `sent` are the batch's ids: the answer's
/// items about other ids, and the sent ids no item names, are warned about (items that name no
/// id are left out of both checks).
pub(crate) fn print_answer(
    response: &ActionResponse,
    action: &Action,
    sent: &[String],
    report: Report,
    tasks: &mut Distinct<TaskId>,
) {
    let sent_set: HashSet<&str> = sent.iter().map(String::as_str).collect();
    let mut answered: HashSet<String> = HashSet::new();
    let mut not_sent: Distinct<String> = Distinct::default();
    let mut lines = Vec::with_capacity(response.tasks.len());
    for item in &response.tasks {
        let new = tasks.insert(item.task_id.clone());
        let id = (action.item_id)(item);
        if let Some(id) = &id {
            if sent_set.contains(id.as_str()) {
                answered.insert(id.clone());
            } else {
                not_sent.insert(id.clone());
            }
        }
        if report.json() {
            lines.push(json::raw_line(item.raw()));
        } else if report.ids() {
            if new {
                lines.push(escape::field(item.task_id.as_str()).into_owned());
            }
        } else {
            lines.push(format!("{} task {}", or_dash(id.as_deref()), escape::field(item.task_id.as_str())));
        }
    }
    if response.tasks.is_empty() {
        report.warning(&format!(
            "the service answered the {} request for {} without a task",
            action.verb,
            action.count(sent.len())
        ));
    } else if !lines.is_empty() {
        report.print(&lines.join("\n"));
    }
    if !not_sent.is_empty() {
        report.warning(&format!(
            "the answer to the {} request is about {} that {} not sent: {}",
            action.verb,
            action.count(not_sent.as_slice().len()),
            if not_sent.as_slice().len() == 1 { "was" } else { "were" },
            named(not_sent.as_slice())
        ));
    }
    let unanswered: Vec<String> = if response.tasks.iter().any(|item| (action.item_id)(item).is_none()) {
        Vec::new()
    } else {
        sent.iter().filter(|id| !answered.contains(id.as_str())).cloned().collect()
    };
    if !response.tasks.is_empty() && !unanswered.is_empty() {
        report.warning(&format!(
            "the answer to the {} request has no task for {} sent: {}",
            action.verb,
            action.count(unanswered.len()),
            named(&unanswered)
        ));
    }
}

/// The first [`MAX_IDS_NAMED`] of `ids`, joined with `, `, and how many more there are.
fn named(ids: &[String]) -> String {
    let shown = ids.iter().take(MAX_IDS_NAMED).map(|id| escape::field(id).into_owned()).collect::<Vec<_>>();
    let more = ids.len().saturating_sub(MAX_IDS_NAMED);
    if more == 0 { shown.join(", ") } else { format!("{} and {more} more", shown.join(", ")) }
}

/// Reports the failure of the batch of `failed` ids and what it means for them and for the ones
/// after them, `not_sent`; gives its exit code.
pub(crate) fn failed<Id: Display>(
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
    Exit::of_failure(&failure)
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

/// Prints a request `--dry-run` would send (text: `METHOD PATH BODY`, or `METHOD PATH` for a
/// request without a body; JSON: `{"method", "path", "body"}`, `body` `null` for none); fails if
/// its body is not JSON.
pub(crate) fn print_request(request: &http::Request<Vec<u8>>, report: Report) -> Result<(), Failure> {
    let body = if request.body().is_empty() {
        None
    } else {
        let body = RawJson::from_string(String::from_utf8_lossy(request.body()).into_owned())
            .map_err(|e| Failure::Usage(format!("the request body is not JSON: {e}")))?;
        Some(json::raw_line(&body))
    };
    let method = request.method().as_str();
    let path = request.uri().path();
    report.print(&match (report.json(), body) {
        (true, body) => format!(
            r#"{{"method":{},"path":{},"body":{}}}"#,
            Value::from(method),
            Value::from(path),
            body.as_deref().unwrap_or("null")
        ),
        (false, Some(body)) => format!("{method} {path} {body}"),
        (false, None) => format!("{method} {path}"),
    });
    Ok(())
}

/// Says on stderr that `--dry-run` showed `count` requests and sent nothing.
pub(crate) fn print_dry_run_end(count: usize, report: Report) {
    report.notice(&format!(
        "dry run: {count} request{} shown, nothing sent",
        if count == 1 { "" } else { "s" }
    ));
}

/// Says on stderr that `--dry-run` skips `--wait`: nothing was sent, so no task is waited for.
pub(crate) fn print_wait_skipped(report: Report) {
    report.notice("dry run: --wait skipped (nothing was sent, so there is no task to wait for)");
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
