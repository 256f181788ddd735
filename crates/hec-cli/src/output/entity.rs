//! An e-mail (entity) as `hec` prints it: its text for people (one line in a search, or the whole
//! view of `hec entity get`; every value the server sent escaped), its JSON as sent, or its id.

use hec_proto::Entity;
use hec_proto::model::RawJson;

use crate::output::escape::field;
use crate::output::found::Found;
use crate::output::text::{View, list, or_dash, time, time_to_second, yes_no};

/// What the last column of a search line says about quarantine.
fn quarantined(entity: &Entity) -> &'static str {
    match entity.is_quarantined {
        Some(true) => "quarantined",
        Some(false) => "not quarantined",
        None => "-",
    }
}

/// A search line, its columns separated by tabs so that `cut -f` can pick one: entity id,
/// received (UTC, to the second), sender address, subject, and `quarantined` or
/// `not quarantined` (`-` for what the answer did not say).
pub(crate) fn line(entity: &Entity) -> String {
    format!(
        "{}\t{}\t{}\t{}\t{}",
        or_dash(entity.entity_id.as_ref().map(|id| id.as_str())),
        time_to_second(entity.received.as_ref()),
        or_dash(entity.from_email.as_deref()),
        or_dash(entity.subject.as_deref()),
        quarantined(entity),
    )
}

/// The view of `hec entity get`:
///
/// ```text
/// entity 0f3c...e1
///   subject      Payroll update
///   from         Payroll <payroll@evil.example>
///   to           ann@example.com, bob@example.com
///   received     2026-01-01T07:00:00Z
///   saas         office365_emails (office365_email)
///   message id   <1@evil.example>
///   quarantined  no
///   restored     no
///   verdicts     ap: phishing, dlp: clean
///   actions      quarantine, restore
///   created      2026-01-01T07:00:02Z
/// ```
pub(crate) fn view(entity: &Entity) -> String {
    let mut view =
        View::new(&format!("entity {}", or_dash(entity.entity_id.as_ref().map(|id| id.as_str()))), 12);
    view.field("subject", &or_dash(entity.subject.as_deref()));
    let from =
        match (entity.from_name.as_deref().filter(|name| !name.is_empty()), entity.from_email.as_deref()) {
            (Some(name), Some(email)) => format!("{} <{}>", field(name), field(email)),
            (name, email) => or_dash(email.or(name)).into_owned(),
        };
    view.field("from", &from);
    view.field("to", &list(entity.recipients.iter().flatten().map(String::as_str)));
    view.field("received", &time(entity.received.as_ref()));
    let saas = match (entity.saas.as_deref(), entity.entity_type.as_deref()) {
        (Some(saas), Some(kind)) => format!("{} ({})", field(saas), field(kind)),
        (saas, kind) => or_dash(saas.or(kind)).into_owned(),
    };
    view.field("saas", &saas);
    view.field("message id", &or_dash(entity.internet_message_id.as_deref()));
    view.field("quarantined", yes_no(entity.is_quarantined));
    view.field("restored", yes_no(entity.is_restored));
    let verdicts = entity.verdicts.as_ref().map(|verdicts| {
        verdicts
            .iter()
            .map(|(tool, verdict)| format!("{}: {}", field(tool), or_dash(verdict.as_deref())))
            .collect::<Vec<_>>()
            .join(", ")
    });
    view.field("verdicts", &or_dash(verdicts.as_deref()));
    view.field("actions", &list(entity.available_actions.iter().map(String::as_str)));
    view.field("created", &time(entity.created.as_ref()));
    view.into_text()
}

impl Found for Entity {
    const HEADER: &'static [&'static str] = &["ENTITY ID", "RECEIVED", "FROM", "SUBJECT", "QUARANTINE"];

    fn id(&self) -> Option<String> {
        self.entity_id.as_ref().map(|id| field(id.as_str()).into_owned())
    }

    fn raw(&self) -> &RawJson {
        Entity::raw(self)
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

    /// An entity as the service shapes it (docs/HEC-API.md section 4), with a hostile subject.
    fn entity(json: &str) -> Entity {
        let body = format!(r#"{{"responseEnvelope":{{"responseCode":200}},"responseData":[{json}]}}"#);
        crate::test_support::entity_from_answer(&body)
    }

    const FULL: &str = r#"{"entityInfo": {"entityId": "0f3c5e7a9b1d2f4a6c8e0b2d4f6a8c0e", "saas": "office365_emails",
        "saasEntityType": "office365_emails_email", "entityCreated": "2026-01-01T07:00:02Z"},
        "entityPayload": {"subject": "Payroll update\u001b[2J\tnow", "fromEmail": "payroll@evil.example",
        "fromName": "Payroll", "recipients": ["ann@example.com", "bob@example.com"],
        "received": "2026-01-01T07:00:00.123Z", "internetMessageId": "<1@evil.example>",
        "isQuarantined": "false", "isRestored": false},
        "entitySecurityResult": {"combinedVerdict": {"ap": "phishing", "dlp": null}},
        "entityAvailableActions": [{"entityActionName": "quarantine"}, {"entityActionName": "restore"}]}"#;

    #[test]
    fn a_search_line_has_five_tab_separated_columns_with_the_subject_escaped() {
        assert_eq!(
            line(&entity(FULL)),
            "0f3c5e7a9b1d2f4a6c8e0b2d4f6a8c0e\t2026-01-01T07:00:00Z\tpayroll@evil.example\t\
             Payroll update\\u{1b}[2J\\tnow\tnot quarantined"
        );
    }

    #[test]
    fn a_search_line_of_an_empty_entity_is_dashes() {
        assert_eq!(line(&entity("{}")), "-\t-\t-\t-\t-");
        let quarantined = entity(r#"{"entityPayload": {"isQuarantined": true}}"#);
        assert!(line(&quarantined).ends_with("\tquarantined"));
    }

    #[test]
    fn the_view_shows_every_field_a_person_needs() {
        assert_eq!(
            view(&entity(FULL)),
            "entity 0f3c5e7a9b1d2f4a6c8e0b2d4f6a8c0e\n\
             \x20 subject      Payroll update\\u{1b}[2J\\tnow\n\
             \x20 from         Payroll <payroll@evil.example>\n\
             \x20 to           ann@example.com, bob@example.com\n\
             \x20 received     2026-01-01T07:00:00.123Z\n\
             \x20 saas         office365_emails (office365_emails_email)\n\
             \x20 message id   <1@evil.example>\n\
             \x20 quarantined  no\n\
             \x20 restored     no\n\
             \x20 verdicts     ap: phishing, dlp: -\n\
             \x20 actions      quarantine, restore\n\
             \x20 created      2026-01-01T07:00:02Z\n"
        );
    }

    #[test]
    fn the_view_of_an_empty_entity_is_dashes() {
        let text = view(&entity("{}"));
        assert!(
            text.starts_with("entity -\n  subject      -\n  from         -\n  to           -\n"),
            "{text}"
        );
        assert!(text.ends_with("  actions      -\n  created      -\n"), "{text}");
    }
}
