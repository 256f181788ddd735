//! The conformance run's checks of the exception scenarios bite: a request the endpoint does not
//! send (method, header, body), a body the typed builders cannot make, a missing body, and an
//! answer that does not give the expected items are each reported.

use hec_fixtures::conformance;
use hec_fixtures::corpus::{self, Fixture};
use serde_json::json;

fn fixture(name: &str) -> Fixture {
    corpus::get(name).unwrap_or_else(|| panic!("no fixture {name}")).clone()
}

#[test]
fn the_exception_scenarios_pass_as_they_are() {
    for name in ["exception-modify-200", "sectool-exception-list-page", "ctp-lists-delete-204-in-200"] {
        assert_eq!(conformance::check(&fixture(name)), Vec::<String>::new(), "{name}");
    }
}

#[test]
fn a_body_the_endpoint_would_not_send_is_a_mismatch() {
    let mut changed = fixture("exception-create-200");
    changed.request.body = Some(json!({"requestData": {"senderEmail": "billing@partner.example"}}));
    // The typed criteria always send ignoringSpfCheck: the body the scenario names is not sent.
    let lines = conformance::check(&changed);
    assert_eq!(lines.len(), 1, "{lines:?}");
    let want = r#"request.body: expected Object {"requestData": Object {"senderEmail": String("billing@partner.example")}}, got "#;
    assert!(lines[0].starts_with(want), "{lines:?}");
    assert!(lines[0].ends_with(r#"got Object {"requestData": Object {"ignoringSpfCheck": Bool(false), "senderEmail": String("billing@partner.example")}}"#), "{lines:?}");
}

#[test]
fn a_body_no_typed_builder_makes_is_reported_by_its_field() {
    let mut unknown = fixture("sectool-exception-delete-204-in-200");
    unknown.request.body =
        Some(json!({"requestData": {"exceptionType": "hash", "exceptionStr": "9e10", "force": true}}));
    assert_eq!(
        conformance::check(&unknown),
        ["request.body: requestData.force is not a field the request sends"]
    );
    let mut empty = fixture("exception-create-200");
    empty.request.body = Some(json!({"requestData": {"comment": "no criterion", "ignoringSpfCheck": false}}));
    let lines = conformance::check(&empty);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].starts_with("request.body: an exception needs at least one criterion"), "{lines:?}");
    let mut unwrapped = fixture("ctp-item-create-201");
    unwrapped.request.body = Some(json!({"listId": "1"}));
    assert_eq!(conformance::check(&unwrapped), [r#"request.body: expected {"requestData": {...}}"#]);
}

#[test]
fn a_write_without_its_body_is_reported() {
    let mut missing = fixture("anomaly-exception-delete-204-in-200");
    missing.request.body = None;
    assert_eq!(conformance::check(&missing), ["request.body: a write's scenario gives its body"]);
}

#[test]
fn a_method_or_a_header_the_endpoint_does_not_send_is_a_mismatch() {
    let mut method = fixture("exception-delete-204-in-200");
    method.request.method = "DELETE".to_owned();
    assert_eq!(conformance::check(&method), [r#"request.method: expected "DELETE", got "POST""#]);
    let mut header = fixture("exception-delete-204-in-200");
    header.request.headers.push("content-type".to_owned());
    assert_eq!(
        conformance::check(&header),
        [r#"request.headers: expected "content-type" sent, got not sent"#]
    );
}

#[test]
fn a_path_with_an_id_the_endpoint_refuses_is_reported() {
    let mut bad = fixture("ctp-item-object-live");
    bad.request.path = "/app/hec-api/v1.0/sectools/click_time_protection/exceptions/items/a.b".to_owned();
    let lines = conformance::check(&bad);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].starts_with(r#"request: "a.b": invalid click-time-protection item id"#), "{lines:?}");
}
