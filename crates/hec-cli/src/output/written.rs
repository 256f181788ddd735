//! What a write to the allow and block lists (add, update, delete) prints: each done write as
//! it is answered, and a failed one with what it means: whether it may have run (then it was not
//! sent again, and the message says how to check), and which writes after it were not sent.

use hec_proto::Error;
use hec_proto::endpoint::Written;
use serde_json::{Value, json};

use crate::failure::Failure;
use crate::output::exit::Exit;
use crate::output::json;
use crate::output::report::Report;

/// A write as messages name it.
#[derive(Debug, Clone)]
pub(crate) struct Target {
    /// `add`, `update` or `delete`.
    pub(crate) action: &'static str,
    /// `added`, `updated` or `deleted`.
    pub(crate) done: &'static str,
    /// What is written: `whitelist exception 700000101`, `a new blacklist exception`.
    pub(crate) what: String,
    /// The id it is about, when there is one (printed by `-o ids`).
    pub(crate) id: Option<String>,
}

/// Prints one done write: text `deleted whitelist exception 700000101 (responseCode 204)`, a
/// JSON object (`action`, `target`, `id`, `status`, `responseCode`, `requestId`), or its id. A
/// success code other than the documented one is a warning (see [`warn_if_undocumented`]).
pub(crate) fn print(written: &Written, target: &Target, report: Report) {
    warn_if_undocumented(written, target, report);
    let code = written.response_code();
    if report.json() {
        report.print(
            &json!({
                "action": target.action,
                "target": target.what,
                "id": target.id,
                "status": written.status.as_u16(),
                "responseCode": code,
                "requestId": json::text(written.request_id()),
            })
            .to_string(),
        );
    } else if report.ids() {
        if let Some(id) = &target.id {
            report.print(id);
        }
    } else {
        let code = code.map_or_else(
            || format!("HTTP {}", written.status.as_u16()),
            |code| format!("responseCode {code}"),
        );
        report.print(&format!("{} {} ({code})", target.done, target.what));
    }
}

/// Warns when a done write's success code is not the documented one: the write is taken as
/// done all the same.
pub(crate) fn warn_if_undocumented(written: &Written, target: &Target, report: Report) {
    if !written.is_documented_code() {
        let got = written.response_code().map_or_else(
            || format!("HTTP {}", written.status.as_u16()),
            |code| format!("responseCode {code}"),
        );
        report.warning(&format!(
            "the service answered the {} of {} with {got} where {} is documented; it is taken as done",
            target.action, target.what, written.documented_code
        ));
    }
}

/// Reports the failure of the write to `failed` (its error as it is, or told with what to
/// check) and what it means for it and for `not_sent`, the writes after it; `check` says how a
/// person sees whether it ran. Gives the exit code.
pub(crate) fn failed(
    failure: Failure,
    failed: &Target,
    not_sent: &[Target],
    check: &str,
    report: Report,
) -> Exit {
    let may_have_run = matches!(
        failure,
        Failure::Client(Error::ActionOutcomeUnknown { .. })
            | Failure::Explained { error: Error::ActionOutcomeUnknown { .. }, .. }
    );
    let mut notes = Vec::new();
    if may_have_run {
        notes.push(format!(
            "the {} of {} may have run; hec did not send it again.",
            failed.action, failed.what
        ));
        notes.push(format!("Check before sending it again: {check}"));
    }
    if !not_sent.is_empty() {
        let verb = if not_sent.len() == 1 { "was" } else { "were" };
        notes.push(format!("{} after it {verb} not sent:", count(not_sent.len())));
        notes.extend(not_sent.iter().map(|target| format!("  {}", target.what)));
    }
    let fields = vec![
        ("mayHaveRun", Value::Bool(may_have_run)),
        ("target", Value::String(failed.what.clone())),
        ("notSent", Value::Array(not_sent.iter().map(|target| Value::String(target.what.clone())).collect())),
    ];
    report.failure_with(&failure, &notes, fields);
    Exit::of_failure(&failure)
}

fn count(n: usize) -> String {
    format!("{n} write{}", if n == 1 { "" } else { "s" })
}
