//! An anomaly exception rule as `hec` prints it: a row of `hec anomaly-exception list`'s table
//! (the rule's multi-line text last, on one line, its line feeds escaped), its JSON as sent, or
//! its id.

use hec_proto::model::{AnomalyException, RawJson};

use crate::output::table::Row;
use crate::output::text::{or_dash, time_to_second, yes_no};

impl Row for AnomalyException {
    const HEADER: &'static [&'static str] =
        &["ID", "TYPE", "ENABLED", "ADDED BY", "INSERTED", "EXPIRES", "RULE"];

    fn cells(&self) -> Vec<String> {
        vec![
            or_dash(self.id.as_ref().map(|id| id.as_str())).into_owned(),
            or_dash(self.anomaly_type.as_deref()).into_owned(),
            yes_no(self.enabled).to_owned(),
            or_dash(self.added_by.as_deref()).into_owned(),
            time_to_second(self.inserted.as_ref()),
            time_to_second(self.expires.as_ref()),
            or_dash(self.exception_rule.as_deref()).into_owned(),
        ]
    }

    fn id(&self) -> Option<String> {
        self.id.as_ref().map(|id| or_dash(Some(id.as_str())).into_owned())
    }

    fn raw(&self) -> &RawJson {
        AnomalyException::raw(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULE: &str = r#"{"added_by": "soc-admin@acme.example", "anomaly_type": "superman_anomaly",
        "comments": null, "customer_domain": "acme", "enabled": true, "event_id": "3c5e7a9b1d2f4a6c8e0b2d4f6a8c0e2f",
        "exception_rule": "Apply for all past events: Yes\nWhitelist: **traveller@acme.example**\u001b[2J",
        "expiration_date": null, "id": "10001", "insert_time": "2024-10-08T13:15:15.283094",
        "update_time": "2024-10-08T13:15:15.283094"}"#;

    fn rule() -> AnomalyException {
        serde_json::from_str(RULE).expect("a rule")
    }

    #[test]
    fn a_row_holds_the_rule_on_one_line() {
        assert_eq!(
            rule().cells(),
            [
                "10001",
                "superman_anomaly",
                "yes",
                "soc-admin@acme.example",
                "2024-10-08T13:15:15Z",
                "-",
                "Apply for all past events: Yes\\nWhitelist: **traveller@acme.example**\\u{1b}[2J"
            ]
        );
    }
}
