//! The analyst's toolkit through the async client, against the mock with scripted answers: the
//! .eml download (bytes as sent, the retry rule around the first byte, the size limit, JSON
//! errors, the legacy http URL refused), notify, the mis-classification report, declining
//! restore requests and scan results.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_util::StreamExt;
use hec_async::{Client, EntityId, Error, ResponseErrorKind, TransportErrorKind};
use hec_fixtures::matrix::test_config;
use hec_fixtures::mock::{Fault, FaultRule, MockGateway};
use hec_proto::model::{Classification, MisclassificationReport};
use serde_json::{Value, json};
use tokio::io::AsyncWrite;

const DOWNLOAD: &str = "/app/hec-api/v1.0/download/entity/";
const ID: &str = "7e21aa0000000000000000000000c0de";
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

impl AsyncWrite for Refusing {
    fn poll_write(self: Pin<&mut Self>, _: &mut Context<'_>, _: &[u8]) -> Poll<io::Result<usize>> {
        Poll::Ready(Err(io::Error::other("disk full")))
    }

    fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }

    fn poll_shutdown(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }
}

#[tokio::test(flavor = "current_thread")]
async fn a_download_writes_the_message_byte_for_byte_and_is_retried_before_its_first_byte() {
    let mock = MockGateway::start();
    mock.fault(FaultRule::on_path(DOWNLOAD).then(Fault::status(503).html("<h1>busy</h1>")));
    mock.fault(FaultRule::on_path(DOWNLOAD).nth(2).then(message_answer()));
    let mut out = Vec::new();
    let written = client(&mock).download_entity(&id(), true, &mut out).await.unwrap();
    assert_eq!((written, out.as_slice()), (MESSAGE.len() as u64, MESSAGE));
    let sent = mock.requests_to(DOWNLOAD);
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[1].path, format!("{DOWNLOAD}{ID}?original=true"));
    assert!(sent[1].header("authorization").is_some_and(|value| value.starts_with("Bearer ")));
}

#[tokio::test(flavor = "current_thread")]
async fn a_download_is_not_sent_again_once_a_byte_may_have_been_written() {
    let mock = MockGateway::start();
    mock.fault(FaultRule::on_path(DOWNLOAD).always().then(message_answer()));
    let error = client(&mock).download_entity(&id(), false, &mut Refusing).await.unwrap_err();
    let transport = error.transport_error().expect("a transport error");
    assert_eq!(transport.kind(), TransportErrorKind::Other);
    assert!(transport.to_string().contains("writing the message failed: disk full"), "{transport}");
    assert_eq!(mock.requests_to(DOWNLOAD).len(), 1);
}

#[tokio::test(flavor = "current_thread")]
async fn a_message_past_the_download_limit_stops_before_anything_is_written() {
    let mock = MockGateway::start();
    mock.fault(FaultRule::on_path(DOWNLOAD).always().then(message_answer()));
    let client = Client::from_config(test_config(&mock).download_limit(16)).unwrap();
    let mut out = Vec::new();
    let error = client.download_entity(&id(), false, &mut out).await.unwrap_err();
    assert_eq!(error.transport_error().map(|e| e.kind()), Some(TransportErrorKind::BodyTooLarge));
    assert!(out.is_empty());
    assert_eq!(mock.requests_to(DOWNLOAD).len(), 1);
}

#[tokio::test(flavor = "current_thread")]
async fn json_errors_and_an_http_url_are_errors_and_nothing_is_written() {
    let mock = MockGateway::start();
    mock.fault(
        FaultRule::on_path(DOWNLOAD).then(
            Fault::status(200).json(r#"{"responseEnvelope": {"responseCode": 404}, "responseData": []}"#),
        ),
    );
    let plain = format!("{}/legacy/{ID}.eml", mock.base_url());
    mock.fault(
        FaultRule::on_path(DOWNLOAD)
            .nth(2)
            .then(Fault::status(200).json(json!({"responseData": {"url": plain}}).to_string())),
    );
    let client = client(&mock);
    let mut out = Vec::new();
    let error = client.download_entity(&id(), false, &mut out).await.unwrap_err();
    assert_eq!(
        error.response_error().map(|e| (e.kind(), e.detail().response_code)),
        Some((ResponseErrorKind::ApiError, Some(404)))
    );
    let error = client.download_entity(&id(), false, &mut out).await.unwrap_err();
    assert_eq!(error.response_error().map(|e| e.kind()), Some(ResponseErrorKind::Malformed));
    assert!(error.to_string().contains("responseData.url"), "{error}");
    assert!(mock.requests_to("/legacy/").is_empty(), "the http URL was fetched");
    assert!(out.is_empty());
}

#[tokio::test(flavor = "current_thread")]
async fn notify_report_and_decline_send_their_bodies_and_read_their_answers() {
    let mock = MockGateway::start();
    let notify = "/app/hec-api/v1.0/soar/notify";
    let report = "/app/hec-api/v1.0/report/mis-classification";
    let action = "/app/hec-api/v1.0/action/entity";
    mock.fault(FaultRule::on_path(notify).then(Fault::status(200).json(r#"{"ok": true}"#)));
    mock.fault(FaultRule::on_path(notify).nth(2).always().then(Fault::status(503).html("<h1>busy</h1>")));
    mock.fault(
        FaultRule::on_path(report).then(
            Fault::status(200).json(r#"{"responseEnvelope": {"responseCode": 422}, "responseData": []}"#),
        ),
    );
    mock.fault(FaultRule::on_path(action).then(Fault::status(200).json(
        json!({"responseEnvelope": {"responseCode": 200}, "responseData": [{"entityId": ID, "taskId": "1767225600002100"}]}).to_string(),
    )));
    let client = client(&mock);
    let emails = ["soc@made-up.example".to_owned()];
    client.notify(&id(), &emails).await.unwrap();
    let unknown = client.notify(&id(), &emails).await.unwrap_err();
    assert!(matches!(unknown, Error::ActionOutcomeUnknown { .. }), "{unknown:?}");
    let notified = json!({"requestData": {"entityId": ID, "emails": emails}});
    assert_eq!(bodies(&mock, notify), [notified.clone(), notified]);

    let failed = client
        .report_misclassification(&MisclassificationReport::new(vec![id()], Classification::Clean))
        .await
        .unwrap_err();
    assert_eq!(failed.response_error().map(|e| e.kind()), Some(ResponseErrorKind::ApiError));
    assert_eq!(
        bodies(&mock, report),
        [json!({"requestData": {"entityIds": [ID], "classification": "clean"}})]
    );

    let answers: Vec<_> =
        client.decline_restore_requests("google_mail", &[id()], Some("Still phishing")).collect().await;
    assert_eq!(answers[0].as_ref().unwrap().tasks[0].task_id.to_string(), "1767225600002100");
    assert_eq!(
        bodies(&mock, action),
        [json!({"requestData": {"entityIds": [ID], "entityType": "google_mail_email",
            "entityActionName": "decline_restore_request", "restoreDeclineReason": "Still phishing"}})]
    );
}

#[tokio::test(flavor = "current_thread")]
async fn scan_results_are_read_from_the_entity() {
    let mock = MockGateway::start();
    let security = r#"{"combinedVerdict": {"ap": "phishing"}, "ap": [{"score": "87.25", "verdict": "phishing", "payload": {"reasons": ["Lookalike domain"]}}]}"#;
    let body = format!(
        r#"{{"responseEnvelope": {{"responseCode": 200}}, "responseData": [{{"entityInfo": {{"entityId": "{ID}"}}, "entitySecurityResult": {security}}}]}}"#
    );
    mock.fault(FaultRule::on_path("/app/hec-api/v1.0/search/entity/").then(Fault::status(200).json(body)));
    mock.fault(FaultRule::on_path("/app/hec-api/v1.0/search/entity/").nth(2).then(Fault::status(200).json(
        format!(r#"{{"responseEnvelope": {{"responseCode": 200}}, "responseData": [{{"entityInfo": {{"entityId": "{ID}"}}}}]}}"#),
    )));
    let client = client(&mock);
    let scan = client.get_scan_results(&id()).await.unwrap().expect("scan results");
    assert_eq!(scan.raw().get(), security);
    let ap = &scan.tool("ap").expect("ap").records[0];
    assert_eq!(
        (ap.score.as_ref().and_then(|s| s.value()), ap.reasons.as_slice()),
        (Some(87.25), &["Lookalike domain".to_owned()][..])
    );
    assert_eq!(client.get_scan_results(&id()).await.unwrap(), None);
}
