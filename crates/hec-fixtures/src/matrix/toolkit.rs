//! The analyst's toolkit in the matrix: [`ToolkitDriver`], the calls a driver offers for it, and
//! its scenarios, one function each, against the mock with scripted answers (so that nothing
//! depends on the demo tenant): the .eml download (bytes as sent with the token, the retry rule
//! around the first byte, the size limit, JSON errors, the legacy URL followed only to https and
//! never with the token), notify, the mis-classification report, declining restore requests,
//! scan results, and the search's detection filter on the wire. Instantiated by
//! [`toolkit_matrix!`](crate::toolkit_matrix). What only one driver's writer can show (a
//! download into a writer that refuses: hec-blocking's `Write`, hec-async's `AsyncWrite`) stays
//! in that driver's tests, with [`MESSAGE`], [`DOWNLOAD_PATH`] and [`message_answer`] from here.

use std::time::{Duration, SystemTime};

use hec_proto::endpoint::Written;
use hec_proto::model::{
    Classification, Confidence, CpDetection, CpQuarantinedState, LogicOp, MisclassificationReport,
    MsDetection, ScanResults, ScanTool,
};
use hec_proto::{
    ActionResponse, EntityId, EntityQuery, Error, ResponseError, ResponseErrorKind, TransportErrorKind,
};
use serde_json::{Value, json};

use super::{Harness, ReadDriver};
use crate::mock::{Fault, FaultRule, MockGateway};

/// The analyst's toolkit calls of `hec-blocking` and `hec-async`, made synchronous (an async
/// driver blocks on its runtime), each the client's method of the same name. The search with a
/// detection filter is [`ReadDriver::search_entities`].
pub trait ToolkitDriver: ReadDriver {
    /// Downloads the entity's .eml (`original`: as received) into `out`: the bytes written, or
    /// the error (nothing written when the answer is not a message).
    fn download_entity(&self, id: &EntityId, original: bool, out: &mut Vec<u8>) -> Result<u64, Error>;
    /// Tells `emails` that they were exposed to the entity `id`.
    fn notify(&self, id: &EntityId, emails: &[String]) -> Result<(), Error>;
    /// Reports that Check Point classified entities wrongly.
    fn report_misclassification(&self, report: &MisclassificationReport) -> Result<Written, Error>;
    /// Declines the restore requests of entities of `saas`: every batch's answer, in order.
    fn decline_restore_requests(
        &self,
        saas: &str,
        ids: &[EntityId],
        reason: Option<&str>,
    ) -> Vec<Result<ActionResponse, Error>>;
    /// The entity's scan results; `None` for an entity without them.
    fn get_scan_results(&self, id: &EntityId) -> Result<Option<ScanResults>, Error>;
}

/// The names of every toolkit scenario, in order (from
/// [`for_each_toolkit_scenario!`](crate::for_each_toolkit_scenario), the list
/// [`toolkit_matrix!`](crate::toolkit_matrix) instantiates).
pub const TOOLKIT_SCENARIOS: &[&str] = crate::for_each_toolkit_scenario!([scenario_names]);

/// The path prefix of the .eml download (the entity id follows).
pub const DOWNLOAD_PATH: &str = "/app/hec-api/v1.0/download/entity/";

/// The made-up entity id every toolkit scenario uses.
pub const ENTITY_ID: &str = "7e21aa0000000000000000000000c0de";

/// The message the mock sends: bytes that are not UTF-8, a line that looks like JSON, and CRLF
/// endings.
pub const MESSAGE: &[u8] = b"From: billing@made-up.example\r\nSubject: Invoice\r\n\r\n{\"looks\": \"like json\"}\r\n\xff\xfe\x00binary\r\n";

/// The mock's answer with [`MESSAGE`] as an `application/message/rfc822` body.
pub fn message_answer() -> Fault {
    Fault::status(200).header("content-type", "application/message/rfc822").body(MESSAGE.to_vec()).into()
}

/// [`ENTITY_ID`] parsed.
pub fn entity_id() -> EntityId {
    ENTITY_ID.parse().expect("a valid id")
}

const NOTIFY: &str = "/app/hec-api/v1.0/soar/notify";
const REPORT: &str = "/app/hec-api/v1.0/report/mis-classification";
const ACTION: &str = "/app/hec-api/v1.0/action/entity";
const ENTITY: &str = "/app/hec-api/v1.0/search/entity/";
const SEARCH: &str = "/app/hec-api/v1.0/search/query";

/// The JSON bodies of the requests to `path`, in order.
fn bodies(mock: &MockGateway, path: &str) -> Vec<Value> {
    mock.requests_to(path)
        .iter()
        .map(|request| serde_json::from_slice(&request.body).expect("the driver sends JSON bodies"))
        .collect()
}

/// Whether the request carried a bearer token.
fn has_bearer(request: &crate::mock::RecordedRequest) -> bool {
    request.header("authorization").is_some_and(|value| value.starts_with("Bearer "))
}

/// The error's response kind and envelope code, if it is a response error.
fn response_kind(error: &Error) -> Option<(ResponseErrorKind, Option<i64>)> {
    error.response_error().map(|e| (e.kind(), e.detail().response_code))
}

/// An entity answer holding `security` as its `entitySecurityResult`.
fn entity_with(security: &str) -> String {
    format!(
        r#"{{"responseEnvelope": {{"responseCode": 200}}, "responseData": [{{"entityInfo": {{"entityId": "{ENTITY_ID}"}}, "entitySecurityResult": {security}}}]}}"#
    )
}

/// Downloads [`ENTITY_ID`] (`original` as given) and checks that the message came byte for
/// byte, that `requests` downloads were sent, and that the last asked for `original` with the
/// token.
fn download_whole<D: ToolkitDriver>(h: &mut Harness<D>, original: bool, requests: usize) {
    let mut out = Vec::new();
    let written = h.client().download_entity(&entity_id(), original, &mut out).map_err(|e| h.seen(e));
    check_eq!(written.ok(), Some(MESSAGE.len() as u64), "the bytes the download says it wrote");
    check_eq!(out.as_slice(), MESSAGE, "the bytes written");
    let sent = h.mock.requests_to(DOWNLOAD_PATH);
    check_eq!(sent.len(), requests, "the downloads sent");
    let last = &sent[requests - 1];
    check_eq!(
        last.path,
        format!("{DOWNLOAD_PATH}{ENTITY_ID}?original={original}"),
        "the last download's path"
    );
    check_eq!(has_bearer(last), true, "the last download carries the bearer token");
}

/// A download writes the message byte for byte, asked once with `original=false` and the token.
pub fn a_download_writes_the_message_byte_for_byte_with_the_token<D: ToolkitDriver>(h: &mut Harness<D>) {
    h.mock.fault(FaultRule::on_path(DOWNLOAD_PATH).then(message_answer()));
    download_whole(h, false, 1);
}

/// A 503 before the first byte is retried: the message comes whole from the second request,
/// which asks for the original (`original=true`) with the token.
pub fn a_download_failing_before_its_first_byte_is_retried<D: ToolkitDriver>(h: &mut Harness<D>) {
    h.mock.fault(FaultRule::on_path(DOWNLOAD_PATH).then(Fault::status(503).html("<h1>busy</h1>")));
    h.mock.fault(FaultRule::on_path(DOWNLOAD_PATH).nth(2).then(message_answer()));
    download_whole(h, true, 2);
}

/// A message past the configured download limit is a `body_too_large` transport error naming the
/// limit, sent once, and nothing is written.
pub fn a_message_past_the_download_limit_stops_before_anything_is_written<D: ToolkitDriver>(
    h: &mut Harness<D>,
) {
    h.mock.fault(FaultRule::on_path(DOWNLOAD_PATH).always().then(message_answer()));
    h.config = h.config.clone().download_limit(16);
    let mut out = Vec::new();
    let error = h.client().download_entity(&entity_id(), false, &mut out).map_err(|e| h.seen(e));
    let error = error.expect_err("a download past the limit");
    let transport = error.transport_error().expect("a transport error");
    check_eq!(transport.kind(), TransportErrorKind::BodyTooLarge, "the error's kind");
    assert!(
        transport.to_string().contains("download limit of 16 bytes"),
        "the error: expected it to name the download limit of 16 bytes, got {transport}"
    );
    check_eq!(out.len(), 0, "the bytes written");
    check_eq!(h.mock.requests_to(DOWNLOAD_PATH).len(), 1, "the downloads sent");
}

/// A JSON answer instead of a message is read as an error (an envelope's 404 is an `api_error`
/// with its code, a 403 is `forbidden`), and nothing is written.
pub fn a_json_error_is_read_as_an_error_and_nothing_is_written<D: ToolkitDriver>(h: &mut Harness<D>) {
    h.mock.fault(FaultRule::on_path(DOWNLOAD_PATH).then(
        Fault::status(200).json(r#"{"responseEnvelope": {"responseCode": 404, "responseText": "no such entity"}, "responseData": []}"#),
    ));
    h.mock.fault(
        FaultRule::on_path(DOWNLOAD_PATH).nth(2).then(Fault::status(403).json(r#"{"message": "Forbidden"}"#)),
    );
    let client = h.client();
    let mut out = Vec::new();
    let first = client.download_entity(&entity_id(), false, &mut out).map_err(|e| h.seen(e));
    check_eq!(
        first.as_ref().err().and_then(response_kind),
        Some((ResponseErrorKind::ApiError, Some(404))),
        "the envelope's 404"
    );
    let second = client.download_entity(&entity_id(), false, &mut out).map_err(|e| h.seen(e));
    check_eq!(
        second.as_ref().err().and_then(|e| e.response_error()).map(ResponseError::kind),
        Some(ResponseErrorKind::Forbidden),
        "the 403"
    );
    check_eq!(out.len(), 0, "the bytes written");
}

/// The legacy answer (a URL to fetch the message from) is followed only to https: an http URL is
/// a `malformed` answer at `responseData.url` and is never fetched; an https URL is fetched as a
/// plain request of its own (here the mock speaks plain HTTP, so the TLS handshake fails, and
/// the failure names the URL's host), so no request reaches the mock with the token.
pub fn the_legacy_answer_is_followed_only_to_https_and_never_with_the_token<D: ToolkitDriver>(
    h: &mut Harness<D>,
) {
    let plain = format!("{}/legacy/{ENTITY_ID}.eml", h.mock.base_url());
    h.mock.fault(
        FaultRule::on_path(DOWNLOAD_PATH)
            .then(Fault::status(200).json(json!({"responseData": {"url": plain}}).to_string())),
    );
    let client = h.client();
    let mut out = Vec::new();
    let error = client.download_entity(&entity_id(), false, &mut out).map_err(|e| h.seen(e));
    let error = error.expect_err("an http URL");
    check_eq!(
        error.response_error().map(ResponseError::kind),
        Some(ResponseErrorKind::Malformed),
        "the http URL's error"
    );
    assert!(
        error.to_string().contains("responseData.url"),
        "the error: expected responseData.url, got {error}"
    );
    check_eq!(h.mock.requests_to("/legacy/").len(), 0, "the legacy requests after the http URL");

    let tls = format!("https://127.0.0.1:{}/legacy/{ENTITY_ID}.eml", h.mock.addr().port());
    h.mock.fault(
        FaultRule::on_path(DOWNLOAD_PATH)
            .then(Fault::status(200).json(json!({"responseData": {"url": tls}}).to_string())),
    );
    let error = client.download_entity(&entity_id(), false, &mut out).map_err(|e| h.seen(e));
    let error = error.expect_err("an https URL on a plain HTTP server");
    check_eq!(
        error.transport_error().is_some(),
        true,
        "the https URL's error is a transport error: {error:?}"
    );
    assert!(error.to_string().contains("127.0.0.1"), "the error: expected the URL's host, got {error}");
    check_eq!(
        h.mock.requests_to("/legacy/").len(),
        0,
        "the legacy requests that reached the plain HTTP mock"
    );
    check_eq!(h.mock.requests_to(DOWNLOAD_PATH).len(), 2, "the downloads sent");
    check_eq!(out.len(), 0, "the bytes written");
}

/// Notify sends the entity and the addresses and reads `{"ok": true}`; `{"ok": false}` is an
/// `api_error`, another answer `malformed`, and a 503 (it may have run) is not sent again.
pub fn notify_sends_the_addresses_and_reads_ok<D: ToolkitDriver>(h: &mut Harness<D>) {
    h.mock.fault(FaultRule::on_path(NOTIFY).then(Fault::status(200).json(r#"{"ok": true}"#)));
    h.mock.fault(FaultRule::on_path(NOTIFY).nth(2).then(Fault::status(200).json(r#"{"ok": false}"#)));
    h.mock.fault(FaultRule::on_path(NOTIFY).nth(3).then(Fault::status(200).json(r#"{"done": true}"#)));
    h.mock.fault(FaultRule::on_path(NOTIFY).nth(4).always().then(Fault::status(503).html("<h1>busy</h1>")));
    let client = h.client();
    let emails = ["soc@made-up.example".to_owned(), "owner@made-up.example".to_owned()];
    let mut notify = || client.notify(&entity_id(), &emails).map_err(|e| h.seen(e));
    let outcomes = [notify(), notify(), notify(), notify()];
    let kinds: Vec<_> = outcomes.iter().map(|o| o.as_ref().map_err(Error::kind_name).copied()).collect();
    check_eq!(
        kinds,
        [Ok(()), Err("api_error"), Err("malformed"), Err("server_error")],
        "the four notifications' outcomes"
    );
    check_eq!(
        matches!(outcomes[3], Err(Error::ActionOutcomeUnknown { .. })),
        true,
        "the 503's error is an action whose outcome is unknown: {:?}",
        outcomes[3]
    );
    let notified = json!({"requestData": {"entityId": ENTITY_ID, "emails": emails}});
    check_eq!(bodies(&h.mock, NOTIFY), vec![notified; 4], "the notifications sent");
}

/// A mis-classification report is judged by its envelope code: 200 is success, 422 an
/// `api_error` with its code; `confident` is sent only when a confidence is given.
pub fn a_misclassification_report_is_judged_by_its_envelope_code<D: ToolkitDriver>(h: &mut Harness<D>) {
    h.mock.fault(
        FaultRule::on_path(REPORT).then(
            Fault::status(200).json(r#"{"responseEnvelope": {"responseCode": 200}, "responseData": []}"#),
        ),
    );
    h.mock.fault(
        FaultRule::on_path(REPORT).nth(2).then(
            Fault::status(200).json(r#"{"responseEnvelope": {"responseCode": 422}, "responseData": []}"#),
        ),
    );
    let client = h.client();
    let phishing = MisclassificationReport::new(vec![entity_id()], Classification::Phishing)
        .confidence(Confidence::Medium);
    let written = client.report_misclassification(&phishing).map_err(|e| h.seen(e));
    check_eq!(written.map(|w| w.is_documented_code()).ok(), Some(true), "the report answered 200");
    let clean = MisclassificationReport::new(vec![entity_id()], Classification::Clean);
    let failed = client.report_misclassification(&clean).map_err(|e| h.seen(e));
    check_eq!(
        failed.as_ref().err().and_then(response_kind),
        Some((ResponseErrorKind::ApiError, Some(422))),
        "the report answered 422"
    );
    check_eq!(
        bodies(&h.mock, REPORT),
        [
            json!({"requestData": {"entityIds": [ENTITY_ID], "classification": "phishing", "confident": "medium"}}),
            json!({"requestData": {"entityIds": [ENTITY_ID], "classification": "clean"}}),
        ],
        "the reports sent"
    );
}

/// Declining restore requests sends `decline_restore_request` on the SaaS's email type, with the
/// reason when given, and each answer names the tasks.
pub fn declining_restore_requests_sends_the_reason_and_names_the_tasks<D: ToolkitDriver>(h: &mut Harness<D>) {
    h.mock.fault(FaultRule::on_path(ACTION).always().then(Fault::status(200).json(
        json!({"responseEnvelope": {"responseCode": 200}, "responseData": [{"entityId": ENTITY_ID, "taskId": "1767225600002100"}]}).to_string(),
    )));
    let client = h.client();
    let calls = [
        ("office365_emails", Some("Confirmed phishing")),
        ("office365_emails", None),
        ("google_mail", Some("Still phishing")),
    ];
    for (saas, reason) in calls {
        let answers = client.decline_restore_requests(saas, &[entity_id()], reason);
        let task_ids: Vec<Vec<String>> = answers
            .into_iter()
            .map(|answer| match answer {
                Ok(answer) => answer.tasks.iter().map(|t| t.task_id.to_string()).collect(),
                Err(error) => vec![format!("error: {}", h.seen(error).kind_name())],
            })
            .collect();
        check_eq!(task_ids, [["1767225600002100"]], "the tasks of the decline on {saas}");
    }
    check_eq!(
        bodies(&h.mock, ACTION),
        [
            json!({"requestData": {"entityIds": [ENTITY_ID], "entityType": "office365_emails_email",
                "entityActionName": "decline_restore_request", "restoreDeclineReason": "Confirmed phishing"}}),
            json!({"requestData": {"entityIds": [ENTITY_ID], "entityType": "office365_emails_email",
                "entityActionName": "decline_restore_request"}}),
            json!({"requestData": {"entityIds": [ENTITY_ID], "entityType": "google_mail_email",
                "entityActionName": "decline_restore_request", "restoreDeclineReason": "Still phishing"}}),
        ],
        "the declines sent"
    );
}

/// Scan results are read from the entity, the tools in the order sent (an unknown tool kept by
/// name, a null tool with no records), each record's score, status, reasons and reasons by
/// category; the raw JSON is kept as sent.
pub fn scan_results_are_read_from_the_entity_in_the_order_sent<D: ToolkitDriver>(h: &mut Harness<D>) {
    let security = r#"{"combinedVerdict": {"av": "malicious", "ap": "clean", "dlp": null}, "av": [{"entityId": "a77ac4", "score": "100", "verdict": "malicious", "payload": {"scan_details": ["Made-up"]}}], "ap": [{"score": 0.5, "statusCode": 0, "verdict": "clean", "payload": {"reasons": ["First Time Sender"], "reasons_by_category": {"Links": [{"short_text": "Lookalike", "full_text": "A lookalike domain"}]}}}], "dlp": null, "newTool": [{"verdict": "clean"}]}"#;
    h.mock.fault(FaultRule::on_path(ENTITY).then(Fault::status(200).json(entity_with(security))));
    let scan = h.client().get_scan_results(&entity_id()).map_err(|e| h.seen(e));
    let scan = scan.ok().flatten().expect("scan results");
    check_eq!(scan.raw().get(), security, "the raw scan results");
    let tools: Vec<&ScanTool> = scan.tools.iter().map(|t| &t.tool).collect();
    check_eq!(
        tools,
        [
            &ScanTool::AntiMalware,
            &ScanTool::AntiPhishing,
            &ScanTool::Dlp,
            &ScanTool::Other("newTool".to_owned())
        ],
        "the tools in order"
    );
    check_eq!((scan.verdict("av"), scan.verdict("dlp")), (Some("malicious"), None), "the combined verdicts");
    let ap = &scan.tools[1].records[0];
    check_eq!(
        (ap.score.as_ref().map(|s| s.text()), ap.status_code.as_deref()),
        (Some("0.5"), Some("0")),
        "the ap record's score and status code"
    );
    check_eq!(ap.reasons, ["First Time Sender"], "the ap record's reasons");
    check_eq!(
        ap.reasons_by_category["Links"][0].full_text.as_deref(),
        Some("A lookalike domain"),
        "the ap record's first Links reason"
    );
    check_eq!((scan.tools[2].is_null, scan.tools[2].records.len()), (true, 0), "the null dlp tool");
}

/// A tool is found by name and a score given as a string reads as a number; an entity without
/// `entitySecurityResult` has no scan results.
pub fn a_scan_score_reads_as_a_number_and_an_entity_without_results_has_none<D: ToolkitDriver>(
    h: &mut Harness<D>,
) {
    let security = r#"{"combinedVerdict": {"ap": "phishing"}, "ap": [{"score": "87.25", "verdict": "phishing", "payload": {"reasons": ["Lookalike domain"]}}]}"#;
    h.mock.fault(FaultRule::on_path(ENTITY).then(Fault::status(200).json(entity_with(security))));
    h.mock.fault(FaultRule::on_path(ENTITY).nth(2).then(Fault::status(200).json(format!(
        r#"{{"responseEnvelope": {{"responseCode": 200}}, "responseData": [{{"entityInfo": {{"entityId": "{ENTITY_ID}"}}}}]}}"#
    ))));
    let client = h.client();
    let scan = client.get_scan_results(&entity_id()).map_err(|e| h.seen(e));
    let scan = scan.ok().flatten().expect("scan results");
    check_eq!(scan.raw().get(), security, "the raw scan results");
    let ap = &scan.tool("ap").expect("the ap tool").records[0];
    check_eq!(
        (ap.score.as_ref().and_then(|s| s.value()), ap.reasons.as_slice()),
        (Some(87.25), &["Lookalike domain".to_owned()][..]),
        "the ap record's score and reasons"
    );
    let none = client.get_scan_results(&entity_id()).map_err(|e| h.seen(e));
    check_eq!(none.ok(), Some(None), "the scan results of an entity without them");
}

/// Scan results that do not fit are a `malformed` answer at the record's path.
pub fn a_scan_result_that_does_not_fit_is_malformed_at_its_path<D: ToolkitDriver>(h: &mut Harness<D>) {
    h.mock.fault(
        FaultRule::on_path(ENTITY).then(Fault::status(200).json(entity_with(r#"{"ap": ["not a record"]}"#))),
    );
    let error = h.client().get_scan_results(&entity_id()).map_err(|e| h.seen(e));
    let path = match error.as_ref().err().and_then(Error::response_error) {
        Some(ResponseError::Malformed { path, .. }) => Some(path.as_str()),
        _ => None,
    };
    check_eq!(path, Some("responseData[0].entitySecurityResult.ap[0]"), "the malformed path of {error:?}");
}

/// The search's detection filter goes on the wire as `entityDetectionResolutionFilter`.
pub fn the_detection_filter_is_sent_with_the_search<D: ToolkitDriver>(h: &mut Harness<D>) {
    let query = EntityQuery::new("office365_emails", SystemTime::now() - Duration::from_secs(3600))
        .cp_detection(CpDetection::Phishing)
        .cp_detection(CpDetection::MaliciousUrlClick)
        .ms_detection(MsDetection::HighConfidencePhishing)
        .detection_op(LogicOp::And)
        .cp_quarantined_state(CpQuarantinedState::QuarantinedByAnalyst);
    let client = h.client();
    if let Some(Err(error)) = client.search_entities(query).next() {
        h.seen(error);
    }
    let sent = bodies(&h.mock, SEARCH);
    check_eq!(sent.len(), 1, "the searches sent");
    check_eq!(
        sent[0]["requestData"]["entityDetectionResolutionFilter"],
        json!({"cpDetection": ["cp_phishing", "cp_malicious_url_click"], "msDetection": ["ms_high_confidence_phishing"],
               "detectionOp": "AND", "cpQuarantinedState": "cp_quarantined_by_analyst"}),
        "the detection filter sent"
    );
}
