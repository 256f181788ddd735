//! The analyst's toolkit, sans IO: scan results read through the entity get, the detection
//! filter's wire form, `soar/notify`'s bare answer, and the .eml download's decisions (what an
//! answer is, the legacy URL, the size meter).

use std::time::SystemTime;

use hec_proto::endpoint::{
    DownloadAnswer, DownloadEntity, DownloadMeter, Endpoint, GetEntity, Notify, SearchEntities,
};
use hec_proto::model::{
    Classification, Confidence, CpDetection, CpQuarantinedState, LogicOp, MsDetection, MsQuarantinedState,
    ScanTool,
};
use hec_proto::{
    AccessToken, EntityQuery, Region, RequestId, ResponseError, ResponseErrorKind, TransportErrorKind,
};
use serde_json::{Value, json};

use crate::support::response;

const ID: &str = "7e21aa0000000000000000000000c0de";

fn entity_answer(security: &str) -> http::Response<Vec<u8>> {
    response(
        200,
        &[],
        &format!(
            r#"{{"responseEnvelope": {{"responseCode": 200}}, "responseData": [{{"entityInfo": {{"entityId": "{ID}"}}, "entitySecurityResult": {security}}}]}}"#
        ),
    )
}

#[test]
fn scan_results_keep_every_tool_in_order_and_their_text() {
    let security = r#"{"av": [], "combinedVerdict": {"av": null, "zeta": "odd"}, "zeta": {"not": "a list"}, "ap": [{"score": "n/a", "statusCode": true, "payload": {"reasons": "not a list"}}], "clicktimeProtection": null}"#;
    let call = GetEntity::new(ID.parse().unwrap());
    let entity = call.parse(&entity_answer(security), RequestId::new()).unwrap();
    let scan = entity.scan_results().unwrap().expect("scan results");
    assert_eq!(scan.raw().get(), security);
    assert_eq!(serde_json::to_string(&scan).unwrap(), security);
    let tools: Vec<(&str, bool, usize)> =
        scan.tools.iter().map(|t| (t.tool.as_str(), t.is_null, t.records.len())).collect();
    assert_eq!(
        tools,
        [("av", false, 0), ("zeta", false, 0), ("ap", false, 1), ("clicktimeProtection", true, 0)]
    );
    assert_eq!(scan.tools[1].tool, ScanTool::Other("zeta".to_owned()));
    assert_eq!((scan.verdict("zeta"), scan.verdict("av")), (Some("odd"), None));
    let ap = &scan.tools[2].records[0];
    // A score that is not a number keeps its text; a reasons field of another shape gives none.
    assert_eq!(
        (ap.score.as_ref().map(|s| s.text()), ap.score.as_ref().and_then(|s| s.value())),
        (Some("n/a"), None)
    );
    assert_eq!(ap.status_code.as_deref(), Some("true"));
    assert!(ap.reasons.is_empty() && ap.reasons_by_category.is_empty());
    assert_eq!(ap.payload.as_ref().map(|p| p.get()), Some(r#"{"reasons": "not a list"}"#));
}

#[test]
fn an_entity_with_null_scan_results_has_none() {
    let call = GetEntity::new(ID.parse().unwrap());
    let entity = call.parse(&entity_answer("null"), RequestId::new()).unwrap();
    assert_eq!(entity.scan_results().unwrap(), None);
    let entity = call.parse(&entity_answer(r#"{"combinedVerdict": "clean"}"#), RequestId::new()).unwrap_err();
    // The entity's own view reads combinedVerdict too: a verdict map that is not one fails there.
    assert_eq!(entity.kind(), ResponseErrorKind::Malformed);
}

#[test]
fn a_malformed_record_is_named_by_its_path() {
    let call = GetEntity::new(ID.parse().unwrap());
    let entity =
        call.parse(&entity_answer(r#"{"av": [{"verdict": "clean"}, 7]}"#), RequestId::new()).unwrap();
    let invalid = entity.scan_results().unwrap_err();
    assert_eq!(invalid.path, "entitySecurityResult.av[1]");
    match ResponseError::from(invalid) {
        ResponseError::Malformed { path, detail, .. } => {
            assert_eq!(
                (path.as_str(), detail.status.as_u16()),
                ("responseData[0].entitySecurityResult.av[1]", 200)
            )
        }
        other => panic!("expected malformed, got {other:?}"),
    }
}

/// Found by the `entity` fuzz target: an entity sent as a JSON array is read by position
/// (serde's rule for a struct, which the reader keeps); its scan results are an error at the
/// entity's root, not a parse of its first element.
#[test]
fn an_entity_sent_as_an_array_has_no_readable_scan_results() {
    let entity: hec_proto::Entity = serde_json::from_str(r#"[{}, {}, {"ap": []}]"#).unwrap();
    let invalid = entity.scan_results().unwrap_err();
    assert_eq!((invalid.path.as_str(), invalid.reason.as_str()), ("", "the entity is not a JSON object"));
}

fn detection_body(query: EntityQuery) -> Value {
    let call = SearchEntities::new(query);
    let request = call.request(&Region::Eu.base_url(), &AccessToken::new("t"), RequestId::new()).unwrap();
    let body: Value = serde_json::from_slice(request.body()).unwrap();
    body["requestData"].get("entityDetectionResolutionFilter").cloned().unwrap_or(Value::Null)
}

#[test]
fn the_detection_operators_are_sent_only_when_both_sides_are_set() {
    let start = SystemTime::UNIX_EPOCH;
    assert_eq!(detection_body(EntityQuery::new("office365_emails", start)), Value::Null);
    assert_eq!(
        detection_body(
            EntityQuery::new("office365_emails", start)
                .cp_detection(CpDetection::Spam)
                .detection_op(LogicOp::And)
        ),
        json!({"cpDetection": ["cp_spam"]})
    );
    assert_eq!(
        detection_body(
            EntityQuery::new("office365_emails", start)
                .ms_detection(MsDetection::Bulk)
                .cp_quarantined_state(CpQuarantinedState::All)
                .ms_quarantined_state(MsQuarantinedState::DeliveredJunk)
                .quarantined_state_op(LogicOp::And)
        ),
        json!({"msDetection": ["ms_bulk"], "cpQuarantinedState": "all", "msQuarantinedState": "ms_delivered_junk", "quarantinedStateOp": "AND"})
    );
    assert_eq!(
        detection_body(
            EntityQuery::new("office365_emails", start)
                .cp_detection(CpDetection::Leak)
                .ms_detection(MsDetection::Clean)
        ),
        json!({"cpDetection": ["cp_leak"], "msDetection": ["ms_clean"], "detectionOp": "OR"})
    );
}

#[test]
fn every_documented_detection_value_is_named_and_parsed_back() {
    let cp: Vec<&str> = CpDetection::ALL.iter().map(CpDetection::as_str).collect();
    assert_eq!(
        cp,
        [
            "cp_phishing",
            "cp_ap_suspicious",
            "cp_malicious",
            "cp_av_suspicious",
            "cp_spam",
            "cp_clean",
            "cp_leak",
            "cp_malicious_url_click",
            "cp_malicious_url"
        ]
    );
    let ms: Vec<&str> = MsDetection::ALL.iter().map(MsDetection::as_str).collect();
    assert_eq!(
        ms,
        [
            "ms_malware",
            "ms_high_confidence_phishing",
            "ms_phishing",
            "ms_high_confidence_spam",
            "ms_spam",
            "ms_bulk",
            "ms_clean"
        ]
    );
    let cp_states: Vec<&str> = CpQuarantinedState::ALL.iter().map(CpQuarantinedState::as_str).collect();
    assert_eq!(
        cp_states,
        [
            "all",
            "cp_not_quarantined",
            "cp_quarantined_by_cp",
            "cp_quarantined_by_analyst",
            "cp_quarantined_by_admin"
        ]
    );
    let ms_states: Vec<&str> = MsQuarantinedState::ALL.iter().map(MsQuarantinedState::as_str).collect();
    assert_eq!(
        ms_states,
        ["ms_quarantined", "ms_not_quarantined", "ms_delivered_inbox", "ms_delivered_junk"]
    );
    for value in CpDetection::ALL {
        assert_eq!(value.as_str().parse::<CpDetection>().as_ref(), Ok(value));
    }
    for value in MsQuarantinedState::ALL {
        assert_eq!(value.as_str().parse::<MsQuarantinedState>().as_ref(), Ok(value));
    }
    let unknown = "ms_unknown".parse::<MsDetection>().unwrap_err();
    assert_eq!(
        unknown.to_string(),
        "unknown Microsoft detection \"ms_unknown\" (use one of: ms_malware, ms_high_confidence_phishing, ms_phishing, ms_high_confidence_spam, ms_spam, ms_bulk, ms_clean)"
    );
    let classifications: Vec<&str> = Classification::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(classifications, ["clean", "spam", "phishing", "marketing_email"]);
    assert_eq!("NOT_SO_SURE".parse::<Confidence>(), Ok(Confidence::NotSoSure));
    assert!("sure".parse::<Confidence>().is_err());
}

#[test]
fn notify_reads_only_a_boolean_ok() {
    let call = Notify::new(ID.parse().unwrap(), ["a@made-up.example"]);
    let kind = |status: u16, body: &str| {
        call.parse(&response(status, &[], body), RequestId::new()).map_err(|e| e.kind())
    };
    assert_eq!(kind(200, r#"{"ok": true, "extra": 1}"#), Ok(()));
    assert_eq!(kind(200, r#"{"ok": false}"#), Err(ResponseErrorKind::ApiError));
    assert_eq!(
        kind(200, r#"{"responseEnvelope": {"responseCode": 422}, "responseData": []}"#),
        Err(ResponseErrorKind::ApiError)
    );
    assert_eq!(
        kind(200, r#"{"responseEnvelope": {"responseCode": 200}}"#),
        Err(ResponseErrorKind::Malformed)
    );
    assert_eq!(kind(200, ""), Err(ResponseErrorKind::Malformed));
    assert_eq!(kind(200, "ok"), Err(ResponseErrorKind::Malformed));
    assert_eq!(kind(200, r#"{"ok": 1}"#), Err(ResponseErrorKind::Malformed));
    assert_eq!(kind(502, r#"{"ok": true}"#), Err(ResponseErrorKind::ServerError));
    const { assert!(!Notify::IDEMPOTENT) };
}

#[test]
fn a_download_answer_is_json_only_for_an_error_status_a_json_type_or_a_brace() {
    let kind = |status: u16, headers: &[(&str, &str)], first: &[u8]| {
        let head = response(status, headers, "");
        DownloadEntity::answer_kind(head.status(), head.headers(), first)
    };
    assert_eq!(kind(200, &[("content-type", "message/rfc822")], b"Received: x"), DownloadAnswer::Message);
    assert_eq!(kind(200, &[], b""), DownloadAnswer::Message);
    assert_eq!(kind(200, &[], b"\r\n \t{\"responseData\""), DownloadAnswer::Json);
    assert_eq!(kind(200, &[("content-type", "Application/JSON; charset=utf-8")], b"x"), DownloadAnswer::Json);
    assert_eq!(kind(404, &[("content-type", "text/html")], b"<html>"), DownloadAnswer::Json);
}

#[test]
fn the_legacy_url_is_taken_only_when_it_is_https_with_a_host() {
    let call = DownloadEntity::new(ID.parse().unwrap());
    let answer = |body: &str| call.parse_answer(&response(200, &[], body), RequestId::new());
    let url = answer(r#"{"responseEnvelope": {"responseCode": 200}, "responseData": {"url": "https://s3.made-up.example/a.eml?sig=1"}}"#).unwrap();
    assert_eq!(
        (url.as_str().as_str(), url.host()),
        ("https://s3.made-up.example/a.eml?sig=1", "s3.made-up.example")
    );
    let follow = url.request();
    assert_eq!((follow.method().as_str(), follow.headers().len()), ("GET", 1));
    assert!(follow.headers().get("authorization").is_none() && follow.headers().get("x-av-req-id").is_none());
    for refused in [
        r#"{"responseData": {"url": "http://s3.made-up.example/a.eml"}}"#,
        r#"{"responseData": {"url": "ftp://s3.made-up.example/a"}}"#,
        r#"{"responseData": {"url": "presign-url.com"}}"#,
    ] {
        match answer(refused).unwrap_err() {
            ResponseError::Malformed { path, .. } => assert_eq!(path, "responseData.url", "{refused}"),
            other => panic!("{refused}: expected malformed, got {other:?}"),
        }
    }
    match answer(r#"{"responseData": []}"#).unwrap_err() {
        ResponseError::Malformed { path, .. } => assert_eq!(path, ""),
        other => panic!("expected malformed, got {other:?}"),
    }
    assert_eq!(
        answer(r#"{"responseEnvelope": {"responseCode": 500}}"#).unwrap_err().kind(),
        ResponseErrorKind::ApiError
    );
}

#[test]
fn the_download_request_asks_for_the_message_with_the_token() {
    let call = DownloadEntity::new(ID.parse().unwrap());
    assert!(!call.is_original());
    let request =
        call.request(&Region::Eu.base_url(), &AccessToken::new("made-up-token"), RequestId::new()).unwrap();
    assert_eq!(request.method(), "GET");
    assert_eq!(
        request.uri().to_string(),
        format!(
            "https://cloudinfra-gw.portal.checkpoint.com/app/hec-api/v1.0/download/entity/{ID}?original=false"
        )
    );
    assert_eq!(request.headers()["accept"], "message/rfc822, */*");
    assert!(request.headers()["authorization"].is_sensitive());
    assert!(request.body().is_empty());
}

#[test]
fn the_meter_allows_exactly_the_limit() {
    let mut meter = DownloadMeter::new(10);
    assert!(!meter.started());
    meter.handle_chunk(4).unwrap();
    meter.handle_chunk(6).unwrap();
    assert_eq!(meter.handle_chunk(1).unwrap_err().kind(), TransportErrorKind::BodyTooLarge);
    assert_eq!((meter.received(), meter.started()), (10, true));
    assert_eq!(DownloadMeter::new(0).handle_chunk(0).map(|()| 0), Ok(0));
}
