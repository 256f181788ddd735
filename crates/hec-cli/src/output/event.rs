//! The text of a security event, for people: one line in a search, or the whole view of
//! `hec event get`. Every value the server sent is escaped.

use std::fmt::Write;

use hec_proto::{Event, RawJson};

use crate::output::escape::field;
use crate::output::found::Found;
use crate::output::text::{or_dash, time, time_to_second};

fn severity(event: &Event) -> String {
    event.severity.map_or_else(|| "-".to_owned(), |severity| severity.to_string())
}

/// A search line, its columns separated by tabs: event id, created (UTC, to the second), type,
/// severity, state, the entity it is about, and its description (`-` for what the answer did
/// not say).
pub(crate) fn line(event: &Event) -> String {
    format!(
        "{}\t{}\t{}\t{}\t{}\t{}\t{}",
        event.event_id.as_ref().map_or("-", |id| id.as_str()),
        time_to_second(event.created.as_ref()),
        or_dash(event.event_type.as_deref()),
        severity(event),
        or_dash(event.state.as_deref()),
        event.entity_id.as_ref().map_or("-", |id| id.as_str()),
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
    let mut text = format!("event {}\n", event.event_id.as_ref().map_or("-", |id| id.as_str()));
    let mut line = |label: &str, value: &str| {
        let _ = writeln!(text, "  {label:<12} {value}");
    };
    line("type", &or_dash(event.event_type.as_deref()));
    line("severity", &severity(event));
    line("state", &or_dash(event.state.as_deref()));
    line("created", &time(event.created.as_ref()));
    line("saas", &or_dash(event.saas.as_deref()));
    line("entity", event.entity_id.as_ref().map_or("-", |id| id.as_str()));
    line("description", &or_dash(event.description.as_deref()));
    let actions: Vec<String> =
        event.available_actions.iter().map(|action| field(action).into_owned()).collect();
    line("actions", &or_dash(Some(actions.join(", ").as_str())));
    text
}

impl Found for Event {
    fn id(&self) -> Option<String> {
        self.event_id.as_ref().map(ToString::to_string)
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
