//! A security event as `hec` prints it: its text for people (one line in a search, or the whole
//! view of `hec event get`; every value the server sent escaped), its JSON as sent, or its id.

use hec_proto::Event;
use hec_proto::model::RawJson;

use crate::output::escape::field;
use crate::output::found::Found;
use crate::output::text::{View, list, or_dash, time, time_to_second};

fn severity(event: &Event) -> String {
    event.severity.map_or_else(|| "-".to_owned(), |severity| severity.to_string())
}

/// A search line, its columns separated by tabs: event id, created (UTC, to the second), type,
/// severity, state, the entity it is about, and its description (`-` for what the answer did
/// not say).
pub(crate) fn line(event: &Event) -> String {
    format!(
        "{}\t{}\t{}\t{}\t{}\t{}\t{}",
        or_dash(event.event_id.as_ref().map(|id| id.as_str())),
        time_to_second(event.created.as_ref()),
        or_dash(event.event_type.as_deref()),
        severity(event),
        or_dash(event.state.as_deref()),
        or_dash(event.entity_id.as_ref().map(|id| id.as_str())),
        or_dash(event.description.as_deref()),
    )
}

/// The view of `hec event get`:
///
/// ```text
/// event 7a1e...04
///   type         phishing
///   severity     4
///   state        new
///   created      2026-01-01T07:00:05Z
///   saas         office365_emails
///   entity       0f3c...e1
///   description  Phishing from payroll@evil.example
///   actions      dismiss
/// ```
pub(crate) fn view(event: &Event) -> String {
    let mut view =
        View::new(&format!("event {}", or_dash(event.event_id.as_ref().map(|id| id.as_str()))), 12);
    view.field("type", &or_dash(event.event_type.as_deref()));
    view.field("severity", &severity(event));
    view.field("state", &or_dash(event.state.as_deref()));
    view.field("created", &time(event.created.as_ref()));
    view.field("saas", &or_dash(event.saas.as_deref()));
    view.field("entity", &or_dash(event.entity_id.as_ref().map(|id| id.as_str())));
    view.field("description", &or_dash(event.description.as_deref()));
    view.field("actions", &list(event.available_actions.iter().map(String::as_str)));
    view.into_text()
}

impl Found for Event {
    const HEADER: &'static [&'static str] =
        &["EVENT ID", "CREATED", "TYPE", "SEVERITY", "STATE", "ENTITY ID", "DESCRIPTION"];

    fn id(&self) -> Option<String> {
        self.event_id.as_ref().map(|id| field(id.as_str()).into_owned())
    }

    fn raw(&self) -> &RawJson {
        Event::raw(self)
    }

    fn line(&self) -> String {
        line(self)
    }

    fn view(&self) -> String {
        view(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(json: &str) -> Event {
        let body = format!(r#"{{"responseEnvelope":{{"responseCode":200}},"responseData":[{json}]}}"#);
        crate::test_support::event_from_answer(&body)
    }

    const FULL: &str = r#"{"eventId": "7a1e3c5b7d9f1a3c5e7b9d1f3a5c7e04", "type": "phishing", "state": "new",
        "severity": "4", "description": "Phishing from payroll@evil.example\n(2 links)",
        "eventCreated": "2026-01-01T07:00:05Z", "entityId": "0f3c5e7a9b1d2f4a6c8e0b2d4f6a8c0e",
        "saas": "office365_emails", "availableEventActions": [{"actionName": "dismiss"}]}"#;

    #[test]
    fn a_search_line_has_seven_tab_separated_columns() {
        assert_eq!(
            line(&event(FULL)),
            "7a1e3c5b7d9f1a3c5e7b9d1f3a5c7e04\t2026-01-01T07:00:05Z\tphishing\t4\tnew\t\
             0f3c5e7a9b1d2f4a6c8e0b2d4f6a8c0e\tPhishing from payroll@evil.example\\n(2 links)"
        );
        assert_eq!(line(&event("{}")), "-\t-\t-\t-\t-\t-\t-");
    }

    #[test]
    fn the_view_shows_every_field_a_person_needs() {
        assert_eq!(
            view(&event(FULL)),
            "event 7a1e3c5b7d9f1a3c5e7b9d1f3a5c7e04\n\
             \x20 type         phishing\n\
             \x20 severity     4\n\
             \x20 state        new\n\
             \x20 created      2026-01-01T07:00:05Z\n\
             \x20 saas         office365_emails\n\
             \x20 entity       0f3c5e7a9b1d2f4a6c8e0b2d4f6a8c0e\n\
             \x20 description  Phishing from payroll@evil.example\\n(2 links)\n\
             \x20 actions      dismiss\n"
        );
    }
}
