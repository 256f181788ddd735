//! What `hec entity notify` prints once the service said `{"ok": true}`: text
//! `notified ann@acme.example, bob@acme.example about entity ID`, a JSON object
//! (`entityId`, `emails`, `ok`), or the entity id; and how a refusal (`{"ok": false}`, or an
//! error envelope) is told: with what to check.

use hec_proto::{EntityId, Error, ResponseErrorKind};
use serde_json::json;

use crate::failure::Failure;
use crate::output::found::CHECK_TENANT;
use crate::output::report::Report;

/// The line of a sent notification in the chosen output.
pub(crate) fn line(id: &EntityId, emails: &[String], report: Report) -> String {
    if report.json() {
        json!({ "entityId": id.as_str(), "emails": emails, "ok": true }).to_string()
    } else if report.ids() {
        id.to_string()
    } else {
        format!("notified {} about entity {id}", emails.join(", "))
    }
}

/// Prints [`line()`] (escaped in text mode).
pub(crate) fn print(id: &EntityId, emails: &[String], report: Report) {
    report.print(&line(id, emails, report));
}

/// A failed notification about entity `id` as reported: one the service refused (`{"ok":
/// false}`, or an error envelope) says what to check, as a read of an unknown id does (the
/// service says no more than that); any other error as it is. The exit code stays the error's.
pub(crate) fn refused(error: Error, id: &EntityId) -> Failure {
    match error.response_error().map(|e| (e.kind(), e.detail())) {
        Some((ResponseErrorKind::ApiError, detail)) => Failure::Explained {
            message: format!(
                "the service refused the notification about entity {id} ({detail}); check the entity \
                 id, {CHECK_TENANT}, and that each address is a valid recipient"
            ),
            error,
        },
        _ => Failure::Client(error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::report::Output;

    fn line_in(output: Output) -> String {
        let id: EntityId = "0f3c5e7a9b1d2f4a6c8e0b2d4f6a8c0e".parse().expect("an id");
        let emails = ["ann@acme.example".to_owned(), "bob@acme.example".to_owned()];
        line(&id, &emails, Report { output, quiet: false, profile: None })
    }

    #[test]
    fn each_output_names_the_entity_and_the_addresses() {
        assert_eq!(
            line_in(Output::Text),
            "notified ann@acme.example, bob@acme.example about entity 0f3c5e7a9b1d2f4a6c8e0b2d4f6a8c0e"
        );
        assert_eq!(
            line_in(Output::Json),
            r#"{"emails":["ann@acme.example","bob@acme.example"],"entityId":"0f3c5e7a9b1d2f4a6c8e0b2d4f6a8c0e","ok":true}"#
        );
        assert_eq!(line_in(Output::Ids), "0f3c5e7a9b1d2f4a6c8e0b2d4f6a8c0e");
    }
}
