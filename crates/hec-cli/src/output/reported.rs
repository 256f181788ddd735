//! What `hec entity report` prints for each report the service took: text, one line per entity
//! (`reported entity ID as phishing, confidence very`); a JSON object per request (`action`,
//! `entityIds`, `classification`, `confidence`, `status`, `responseCode`, `requestId`); or the
//! reported ids, one per line. A report has no id of its own.

use hec_proto::endpoint::Written;
use hec_proto::model::MisclassificationReport;
use serde_json::json;

use crate::output::json;
use crate::output::report::Report;
use crate::output::written::{self, Target};

/// The lines of one report the service took (`sent`, answered by `written`) in the chosen
/// output.
pub(crate) fn lines(written: &Written, sent: &MisclassificationReport, report: Report) -> Vec<String> {
    let classification = sent.classification().as_str();
    let confidence = sent.confidence_level().map(|level| level.as_str());
    let ids = sent.entity_ids().iter().map(|id| id.as_str());
    if report.json() {
        vec![
            json!({
                "action": "report",
                "entityIds": ids.collect::<Vec<_>>(),
                "classification": classification,
                "confidence": confidence,
                "status": written.status.as_u16(),
                "responseCode": written.response_code(),
                "requestId": json::text(written.request_id()),
            })
            .to_string(),
        ]
    } else if report.ids() {
        ids.map(str::to_owned).collect()
    } else {
        let confidence = confidence.map(|level| format!(", confidence {level}")).unwrap_or_default();
        ids.map(|id| format!("reported entity {id} as {classification}{confidence}")).collect()
    }
}

/// Prints [`lines()`] (escaped in text mode), after a warning if the success code is not the
/// documented one (`target` names the report in it).
pub(crate) fn print(written: &Written, sent: &MisclassificationReport, target: &Target, report: Report) {
    written::warn_if_undocumented(written, target, report);
    report.print(&lines(written, sent, report).join("\n"));
}
