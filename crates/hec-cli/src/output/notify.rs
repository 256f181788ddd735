//! What `hec entity notify` prints once the service said `{"ok": true}`: text
//! `notified ann@acme.example, bob@acme.example about entity ID`, a JSON object
//! (`entityId`, `emails`, `ok`), or the entity id.

use hec_proto::EntityId;
use serde_json::json;

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
