//! The conformance run's checks of the toolkit scenarios bite: a message of another length, a
//! refused notification, scan results that differ, and an action body no builder sends are each
//! reported; `Fixture::check` tells a downstream parser's toolkit outcomes apart field by field.

use hec_fixtures::conformance::{self, DownloadOutcome, Outcome};
use hec_fixtures::corpus::{self, Fixture};
use serde_json::{Value, json};

fn fixture(name: &str) -> Fixture {
    corpus::get(name).unwrap_or_else(|| panic!("no fixture {name}")).clone()
}

#[test]
fn the_toolkit_scenarios_pass_as_they_are() {
    for name in [
        "entity-scan-results",
        "entity-scan-results-absent",
        "entity-time-rfc1123",
        "notify-ok-true",
        "notify-ok-false",
        "misclassification-200",
        "misclassification-422-in-200",
        "action-entity-decline-restore",
        "download-eml-raw",
        "download-legacy-url-https",
        "download-legacy-url-http-refused",
    ] {
        assert_eq!(conformance::check(&fixture(name)), Vec::<String>::new(), "{name}");
    }
}

#[test]
fn a_message_of_another_length_is_a_mismatch() {
    let mut changed = fixture("download-eml-raw");
    changed.response.body.extend_from_slice(b"one more line\r\n");
    let sent = changed.response.body.len();
    assert_eq!(conformance::check(&changed), [format!("bytes: expected {}, got {sent}", sent - 15)]);
}

#[test]
fn a_refused_notification_is_not_ok() {
    let mut changed = fixture("notify-ok-true");
    changed.response.body = br#"{"ok": false}"#.to_vec();
    let lines = conformance::check(&changed);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].starts_with("outcome: expected ok, got error api_error ("), "{lines:?}");
}

#[test]
fn scan_results_that_differ_are_reported_by_their_path() {
    let mut changed = fixture("entity-scan-results");
    let mut body: Value = serde_json::from_slice(&changed.response.body).unwrap();
    body["responseData"][0]["entitySecurityResult"]["av"][1]["verdict"] = json!("clean");
    changed.response.body = serde_json::to_vec(&body).unwrap();
    assert_eq!(
        conformance::check(&changed),
        [r#"scan.av.records[1].verdict: expected Some("malicious"), got Some("clean")"#]
    );
}

#[test]
fn an_action_body_field_no_builder_sends_is_a_mismatch() {
    let mut changed = fixture("action-entity-decline-restore");
    let mut body = changed.request.body.clone().unwrap();
    body["requestData"]["declineNote"] = json!("not a field");
    changed.request.body = Some(body);
    let lines = conformance::check(&changed);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].starts_with("request.body: expected "), "{lines:?}");
}

/// `field: expected ..., got ...` of each mismatch `Fixture::check` reports for `outcome`.
fn fields(name: &str, outcome: Outcome) -> Vec<String> {
    match fixture(name).check(outcome) {
        Ok(()) => Vec::new(),
        Err(mismatch) => mismatch.fields.iter().map(ToString::to_string).collect(),
    }
}

#[test]
fn a_downstream_download_is_checked_by_its_kind_and_bytes() {
    let message = |bytes| Outcome::Download(DownloadOutcome::Message { bytes });
    assert_eq!(fields("download-eml-raw", message(320)), Vec::<String>::new());
    assert_eq!(fields("download-eml-raw", message(321)), ["bytes: expected 320, got 321"]);
    assert_eq!(
        fields("download-legacy-url-https", message(320)),
        [r#"kind: expected "follow", got "message""#]
    );
}

#[test]
fn a_downstream_notification_or_write_of_the_wrong_kind_names_both() {
    assert_eq!(fields("notify-ok-true", Ok::<(), hec_proto::ResponseError>(()).into()), Vec::<String>::new());
    assert_eq!(fields("notify-ok-false", Outcome::Notified(())), ["outcome: expected an error, got ok"]);
    assert_eq!(
        fields("misclassification-200", Outcome::Notified(())),
        ["outcome: expected a write's success, got ok"]
    );
}
