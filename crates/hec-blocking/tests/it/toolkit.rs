//! The analyst's toolkit through the blocking client, against the mock with scripted answers
//! (so that nothing here depends on the demo tenant): the .eml download (bytes as sent, the
//! retry rule around the first byte, the size limit, JSON errors, the legacy URL), notify,
//! the mis-classification report, declining restore requests, scan results, and the search's
//! detection filter on the wire.

use std::io::{self, Write};

use hec_blocking::{Client, EntityId, EntityQuery, Error, ResponseErrorKind, TransportErrorKind};
use hec_fixtures::matrix::test_config;
use hec_fixtures::mock::{Fault, FaultRule, MockGateway};
use hec_proto::model::{
    Classification, Confidence, CpDetection, CpQuarantinedState, LogicOp, MisclassificationReport,
    MsDetection, ScanTool,
};
use serde_json::{Value, json};

const DOWNLOAD: &str = "/app/hec-api/v1.0/download/entity/";
const ID: &str = "7e21aa0000000000000000000000c0de";

/// A message with bytes that are not UTF-8, a line that looks like JSON, and CRLF endings.
const MESSAGE: &[u8] = b"From: billing@made-up.example\r\nSubject: Invoice\r\n\r\n{\"looks\": \"like json\"}\r\n\xff\xfe\x00binary\r\n";

fn client(mock: &MockGateway) -> Client {
    Client::from_config(test_config(mock)).expect("a client")
}

fn id() -> EntityId {
    ID.parse().expect("a valid id")
}

fn message_answer() -> Fault {
    Fault::status(200).header("content-type", "application/message/rfc822").body(MESSAGE.to_vec()).into()
}

fn bodies(mock: &MockGateway, path: &str) -> Vec<Value> {
    mock.requests_to(path).iter().map(|r| serde_json::from_slice(&r.body).expect("a JSON body")).collect()
}

/// A writer that refuses every write.
struct Refusing;

impl Write for Refusing {
    fn write(&mut self, _: &[u8]) -> io::Result<usize> {
        Err(io::Error::other("disk full"))
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[test]
fn a_download_writes_the_message_byte_for_byte_with_the_token() {
    let mock = MockGateway::start();
    mock.fault(FaultRule::on_path(DOWNLOAD).then(message_answer()));
    let mut out = Vec::new();
    let written = client(&mock).download_entity(&id(), false, &mut out).unwrap();
    assert_eq!((written, out.as_slice()), (MESSAGE.len() as u64, MESSAGE));
    let sent = mock.requests_to(DOWNLOAD);
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].path, format!("{DOWNLOAD}{ID}?original=false"));
    assert!(sent[0].header("authorization").is_some_and(|value| value.starts_with("Bearer ")));
}

#[test]
fn a_download_failing_before_its_first_byte_is_retried() {
    let mock = MockGateway::start();
    mock.fault(FaultRule::on_path(DOWNLOAD).then(Fault::status(503).html("<h1>busy</h1>")));
    mock.fault(FaultRule::on_path(DOWNLOAD).nth(2).then(message_answer()));
    let mut out = Vec::new();
    assert_eq!(client(&mock).download_entity(&id(), true, &mut out).unwrap(), MESSAGE.len() as u64);
    assert_eq!(out, MESSAGE);
    assert_eq!(mock.requests_to(DOWNLOAD).len(), 2);
}

#[test]
fn a_download_is_not_sent_again_once_a_byte_may_have_been_written() {
    let mock = MockGateway::start();
    mock.fault(FaultRule::on_path(DOWNLOAD).always().then(message_answer()));
    let error = client(&mock).download_entity(&id(), false, &mut Refusing).unwrap_err();
    let transport = error.transport_error().expect("a transport error");
    assert_eq!(transport.kind(), TransportErrorKind::Other);
    assert!(transport.to_string().contains("writing the message failed: disk full"), "{transport}");
    assert_eq!(mock.requests_to(DOWNLOAD).len(), 1);
}

#[test]
fn a_message_past_the_download_limit_stops_before_anything_is_written() {
    let mock = MockGateway::start();
    mock.fault(FaultRule::on_path(DOWNLOAD).always().then(message_answer()));
    let client = Client::from_config(test_config(&mock).download_limit(16)).unwrap();
    let mut out = Vec::new();
    let error = client.download_entity(&id(), false, &mut out).unwrap_err();
    let transport = error.transport_error().expect("a transport error");
    assert_eq!(transport.kind(), TransportErrorKind::BodyTooLarge);
    assert!(transport.to_string().contains("download limit of 16 bytes"), "{transport}");
    assert!(out.is_empty());
    assert_eq!(mock.requests_to(DOWNLOAD).len(), 1);
}

#[test]
fn a_json_error_is_read_as_an_error_and_nothing_is_written() {
    let mock = MockGateway::start();
    mock.fault(FaultRule::on_path(DOWNLOAD).then(
        Fault::status(200).json(r#"{"responseEnvelope": {"responseCode": 404, "responseText": "no such entity"}, "responseData": []}"#),
    ));
    mock.fault(
        FaultRule::on_path(DOWNLOAD).nth(2).then(Fault::status(403).json(r#"{"message": "Forbidden"}"#)),
    );
    let client = client(&mock);
    let mut out = Vec::new();
    let error = client.download_entity(&id(), false, &mut out).unwrap_err();
    let response = error.response_error().expect("a response error");
    assert_eq!((response.kind(), response.detail().response_code), (ResponseErrorKind::ApiError, Some(404)));
    let error = client.download_entity(&id(), false, &mut out).unwrap_err();
    assert_eq!(error.response_error().map(|e| e.kind()), Some(ResponseErrorKind::Forbidden));
    assert!(out.is_empty());
}

#[test]
fn the_legacy_answer_is_followed_only_to_https_and_never_with_the_token() {
    let mock = MockGateway::start();
    let plain = format!("{}/legacy/{ID}.eml", mock.base_url());
    mock.fault(
        FaultRule::on_path(DOWNLOAD)
            .then(Fault::status(200).json(json!({"responseData": {"url": plain}}).to_string())),
    );
    let client = client(&mock);
    let mut out = Vec::new();
    let error = client.download_entity(&id(), false, &mut out).unwrap_err();
    let response = error.response_error().expect("a response error");
    assert_eq!(response.kind(), ResponseErrorKind::Malformed);
    assert!(error.to_string().contains("responseData.url"), "{error}");
    assert!(mock.requests_to("/legacy/").is_empty(), "the http URL was fetched");

    // An https URL is fetched: here the mock speaks plain HTTP, so the TLS handshake fails, and
    // the failure names the URL's host (the URL was followed, as a plain request of its own).
    let tls = format!("https://127.0.0.1:{}/legacy/{ID}.eml", mock.addr().port());
    mock.fault(
        FaultRule::on_path(DOWNLOAD)
            .then(Fault::status(200).json(json!({"responseData": {"url": tls}}).to_string())),
    );
    let error = client.download_entity(&id(), false, &mut out).unwrap_err();
    assert!(error.transport_error().is_some(), "{error:?}");
    assert!(error.to_string().contains("127.0.0.1"), "{error}");
    assert!(
        mock.requests_to("/legacy/").is_empty(),
        "a TLS request reached the plain HTTP mock as a request"
    );
    assert_eq!(mock.requests_to(DOWNLOAD).len(), 2);
    assert!(out.is_empty());
}

#[test]
fn notify_sends_the_addresses_and_reads_ok() {
    let mock = MockGateway::start();
    let path = "/app/hec-api/v1.0/soar/notify";
    mock.fault(FaultRule::on_path(path).then(Fault::status(200).json(r#"{"ok": true}"#)));
    mock.fault(FaultRule::on_path(path).nth(2).then(Fault::status(200).json(r#"{"ok": false}"#)));
    mock.fault(FaultRule::on_path(path).nth(3).then(Fault::status(200).json(r#"{"done": true}"#)));
    mock.fault(FaultRule::on_path(path).nth(4).always().then(Fault::status(503).html("<h1>busy</h1>")));
    let client = client(&mock);
    let emails = ["soc@made-up.example".to_owned(), "owner@made-up.example".to_owned()];
    client.notify(&id(), &emails).unwrap();
    let refused = client.notify(&id(), &emails).unwrap_err();
    assert_eq!(refused.response_error().map(|e| e.kind()), Some(ResponseErrorKind::ApiError));
    let odd = client.notify(&id(), &emails).unwrap_err();
    assert_eq!(odd.response_error().map(|e| e.kind()), Some(ResponseErrorKind::Malformed));
    // A write: a 503 may have run, so it is not sent again.
    let unknown = client.notify(&id(), &emails).unwrap_err();
    assert!(matches!(unknown, Error::ActionOutcomeUnknown { .. }), "{unknown:?}");
    let sent = bodies(&mock, path);
    assert_eq!(sent.len(), 4);
    assert_eq!(sent[0], json!({"requestData": {"entityId": ID, "emails": emails}}));
}

#[test]
fn a_misclassification_report_is_judged_by_its_envelope_code() {
    let mock = MockGateway::start();
    let path = "/app/hec-api/v1.0/report/mis-classification";
    mock.fault(
        FaultRule::on_path(path).then(
            Fault::status(200).json(r#"{"responseEnvelope": {"responseCode": 200}, "responseData": []}"#),
        ),
    );
    mock.fault(
        FaultRule::on_path(path).nth(2).then(
            Fault::status(200).json(r#"{"responseEnvelope": {"responseCode": 422}, "responseData": []}"#),
        ),
    );
    let client = client(&mock);
    let report =
        MisclassificationReport::new(vec![id()], Classification::Phishing).confidence(Confidence::Medium);
    assert!(client.report_misclassification(&report).unwrap().is_documented_code());
    let failed = client.report_misclassification(&report).unwrap_err();
    assert_eq!(
        failed.response_error().map(|e| (e.kind(), e.detail().response_code)),
        Some((ResponseErrorKind::ApiError, Some(422)))
    );
    assert_eq!(
        bodies(&mock, path)[0],
        json!({"requestData": {"entityIds": [ID], "classification": "phishing", "confident": "medium"}})
    );
}

#[test]
fn declining_restore_requests_sends_the_reason_and_names_the_tasks() {
    let mock = MockGateway::start();
    let path = "/app/hec-api/v1.0/action/entity";
    mock.fault(FaultRule::on_path(path).always().then(Fault::status(200).json(
        json!({"responseEnvelope": {"responseCode": 200}, "responseData": [{"entityId": ID, "taskId": "1767225600002100"}]}).to_string(),
    )));
    let client = client(&mock);
    let answers: Vec<_> =
        client.decline_restore_requests("office365_emails", &[id()], Some("Confirmed phishing")).collect();
    let task_ids: Vec<String> =
        answers[0].as_ref().unwrap().tasks.iter().map(|t| t.task_id.to_string()).collect();
    assert_eq!(task_ids, ["1767225600002100"]);
    let _ = client.decline_restore_requests("office365_emails", &[id()], None).collect::<Vec<_>>();
    let sent = bodies(&mock, path);
    assert_eq!(
        sent[0],
        json!({"requestData": {"entityIds": [ID], "entityType": "office365_emails_email",
        "entityActionName": "decline_restore_request", "restoreDeclineReason": "Confirmed phishing"}})
    );
    assert_eq!(
        sent[1],
        json!({"requestData": {"entityIds": [ID], "entityType": "office365_emails_email",
        "entityActionName": "decline_restore_request"}})
    );
}

#[test]
fn scan_results_are_read_from_the_entity_in_the_order_sent() {
    let mock = MockGateway::start();
    let security = r#"{"combinedVerdict": {"av": "malicious", "ap": "clean", "dlp": null}, "av": [{"entityId": "a77ac4", "score": "100", "verdict": "malicious", "payload": {"scan_details": ["Made-up"]}}], "ap": [{"score": 0.5, "statusCode": 0, "verdict": "clean", "payload": {"reasons": ["First Time Sender"], "reasons_by_category": {"Links": [{"short_text": "Lookalike", "full_text": "A lookalike domain"}]}}}], "dlp": null, "newTool": [{"verdict": "clean"}]}"#;
    let body = format!(
        r#"{{"responseEnvelope": {{"responseCode": 200}}, "responseData": [{{"entityInfo": {{"entityId": "{ID}"}}, "entitySecurityResult": {security}}}]}}"#
    );
    mock.fault(FaultRule::on_path("/app/hec-api/v1.0/search/entity/").then(Fault::status(200).json(body)));
    let scan = client(&mock).get_scan_results(&id()).unwrap().expect("scan results");
    assert_eq!(scan.raw().get(), security);
    let tools: Vec<&ScanTool> = scan.tools.iter().map(|t| &t.tool).collect();
    assert_eq!(
        tools,
        [
            &ScanTool::AntiMalware,
            &ScanTool::AntiPhishing,
            &ScanTool::Dlp,
            &ScanTool::Other("newTool".to_owned())
        ]
    );
    assert_eq!((scan.verdict("av"), scan.verdict("dlp")), (Some("malicious"), None));
    let ap = &scan.tools[1].records[0];
    assert_eq!((ap.score.as_ref().map(|s| s.text()), ap.status_code.as_deref()), (Some("0.5"), Some("0")));
    assert_eq!(ap.reasons, ["First Time Sender"]);
    assert_eq!(ap.reasons_by_category["Links"][0].full_text.as_deref(), Some("A lookalike domain"));
    assert!(scan.tools[2].is_null && scan.tools[2].records.is_empty());
}

#[test]
fn a_scan_result_that_does_not_fit_is_malformed_at_its_path() {
    let mock = MockGateway::start();
    let body = format!(
        r#"{{"responseEnvelope": {{"responseCode": 200}}, "responseData": [{{"entityInfo": {{"entityId": "{ID}"}}, "entitySecurityResult": {{"ap": ["not a record"]}}}}]}}"#
    );
    mock.fault(FaultRule::on_path("/app/hec-api/v1.0/search/entity/").then(Fault::status(200).json(body)));
    let error = client(&mock).get_scan_results(&id()).unwrap_err();
    match error.response_error() {
        Some(hec_blocking::ResponseError::Malformed { path, .. }) => {
            assert_eq!(path, "responseData[0].entitySecurityResult.ap[0]")
        }
        other => panic!("expected malformed, got {other:?}"),
    }
}

#[test]
fn the_detection_filter_is_sent_with_the_search() {
    let mock = MockGateway::start();
    let query = EntityQuery::new(
        "office365_emails",
        std::time::SystemTime::now() - std::time::Duration::from_secs(3600),
    )
    .cp_detection(CpDetection::Phishing)
    .cp_detection(CpDetection::MaliciousUrlClick)
    .ms_detection(MsDetection::HighConfidencePhishing)
    .detection_op(LogicOp::And)
    .cp_quarantined_state(CpQuarantinedState::QuarantinedByAnalyst);
    let _ = client(&mock).search_entities(query).next();
    let sent = bodies(&mock, "/app/hec-api/v1.0/search/query");
    assert_eq!(
        sent[0]["requestData"]["entityDetectionResolutionFilter"],
        json!({"cpDetection": ["cp_phishing", "cp_malicious_url_click"], "msDetection": ["ms_high_confidence_phishing"],
               "detectionOp": "AND", "cpQuarantinedState": "cp_quarantined_by_analyst"})
    );
}
