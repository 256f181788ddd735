//! The analyst's toolkit scenarios, checked through hec-proto's endpoints: `soar/notify`,
//! `report/mis-classification`, the .eml download, the entity action's `restoreDeclineReason`,
//! and an entity's scan results.

use hec_proto::endpoint::{
    ActOnEntities, DownloadAnswer, DownloadEntity, DownloadMeter, Endpoint, Notify, ReportMisclassification,
};
use hec_proto::model::{Classification, Confidence, MisclassificationReport, ScanResults, ScanTool};
use hec_proto::{AccessToken, BaseUrl, Entity, EntityAction, EntityId, RequestId};
use serde_json::Value;

use super::exceptions::check_request;
use super::{Mismatches, check_error, mismatch};
use crate::corpus::{Expect, ExpectScan, ExpectScanRecord, Fixture};

/// The base URL the requests are built against (only their path is checked).
fn base() -> BaseUrl {
    "https://gateway.example".parse().expect("a valid base URL")
}

/// `requestData` of the scenario's request body, if it has one.
fn request_data(fixture: &Fixture) -> Option<&Value> {
    fixture.request.body.as_ref().and_then(|body| body.get("requestData"))
}

fn ids(data: Option<&Value>, key: &str) -> Result<Vec<EntityId>, String> {
    let Some(list) = data.and_then(|data| data.get(key)) else {
        return Ok(Vec::new());
    };
    let list = list.as_array().ok_or_else(|| format!("request.body: {key} is not a list"))?;
    list.iter()
        .map(|id| id.as_str().unwrap_or_default().parse().map_err(|e| format!("request.body: {key}: {e}")))
        .collect()
}

fn text<'a>(data: Option<&'a Value>, key: &str) -> Option<&'a str> {
    data.and_then(|data| data.get(key)).and_then(Value::as_str)
}

/// `soar/notify`: the call built from the request body, then its answer.
pub(super) fn check_notify(out: &mut Mismatches, fixture: &Fixture) {
    let data = request_data(fixture);
    let entity = match text(data, "entityId").unwrap_or("0").parse::<EntityId>() {
        Ok(id) => id,
        Err(error) => return out.push(format!("request.body: entityId: {error}")),
    };
    let emails: Vec<String> = data
        .and_then(|data| data.get("emails"))
        .and_then(Value::as_array)
        .map(|list| list.iter().filter_map(Value::as_str).map(str::to_owned).collect())
        .unwrap_or_default();
    let call = Notify::new(entity, emails);
    let request_id = RequestId::new();
    match call.request(&base(), &AccessToken::new("t"), request_id) {
        Ok(request) => check_request(out, fixture, &request),
        Err(error) => out.push(format!("the request cannot be built: {error}")),
    }
    match (call.parse(&fixture.response.to_http(), request_id), &fixture.expect) {
        (Ok(()), Expect::Notified(_)) => {}
        (Err(error), Expect::Error(want)) => check_error(out, &error, want, fixture.now_system_time()),
        (outcome, expect) => mismatch(out, expect, &outcome),
    }
}

/// `report/mis-classification`: the report built from the request body, then its answer.
pub(super) fn check_misclassification(out: &mut Mismatches, fixture: &Fixture) {
    let data = request_data(fixture);
    let entity_ids = match ids(data, "entityIds") {
        Ok(ids) => ids,
        Err(line) => return out.push(line),
    };
    let classification = match text(data, "classification").unwrap_or("clean").parse::<Classification>() {
        Ok(classification) => classification,
        Err(error) => return out.push(format!("request.body: {error}")),
    };
    let mut report = MisclassificationReport::new(entity_ids, classification);
    if let Some(confidence) = text(data, "confident") {
        match confidence.parse::<Confidence>() {
            Ok(confidence) => report = report.confidence(confidence),
            Err(error) => return out.push(format!("request.body: {error}")),
        }
    }
    let call = ReportMisclassification::new(report);
    let request_id = RequestId::new();
    match call.request(&base(), &AccessToken::new("t"), request_id) {
        Ok(request) => check_request(out, fixture, &request),
        Err(error) => out.push(format!("the request cannot be built: {error}")),
    }
    match (call.parse(&fixture.response.to_http(), request_id), &fixture.expect) {
        (Ok(written), Expect::Written(want)) => {
            out.field("response_code", &want.response_code, written.response_code());
            out.field("documented", &want.documented, written.is_documented_code());
            out.field("request_id", &want.request_id.as_deref().map(Some), written.request_id());
        }
        (Err(error), Expect::Error(want)) => check_error(out, &error, want, fixture.now_system_time()),
        (outcome, expect) => mismatch(out, expect, &outcome),
    }
}

/// The .eml download: the call from the path and query, what the answer is, and then the
/// message's bytes, the URL to follow, or the error.
pub(super) fn check_download(out: &mut Mismatches, fixture: &Fixture) {
    let path = fixture.request.path.as_str();
    let Some(rest) = path.strip_prefix("/app/hec-api/v1.0/download/entity/") else {
        return out.push(format!("request path {path:?} is not under /app/hec-api/v1.0/download/entity/"));
    };
    let (id, query) = rest.split_once('?').unwrap_or((rest, ""));
    let id = match id.parse::<EntityId>() {
        Ok(id) => id,
        Err(error) => return out.push(format!("request path's id: {error}")),
    };
    let call = DownloadEntity::new(id).original(query == "original=true");
    let request_id = RequestId::new();
    match call.request(&base(), &AccessToken::new("t"), request_id) {
        Ok(request) => {
            out.field("request.method", &Some(fixture.request.method.as_str()), request.method().as_str());
            out.field("request.path", &Some(path), request.uri().path_and_query().map_or("", |p| p.as_str()));
            for name in
                fixture.request.headers.iter().filter(|name| !request.headers().contains_key(name.as_str()))
            {
                out.push(format!("request.headers: the endpoint does not send {name:?}"));
            }
        }
        Err(error) => out.push(format!("the request cannot be built: {error}")),
    }
    let response = fixture.response.to_http();
    let kind = DownloadEntity::answer_kind(response.status(), response.headers(), response.body());
    match (kind, &fixture.expect) {
        (DownloadAnswer::Message, Expect::Download(want)) => {
            out.field("kind", &Some(want.kind.as_str()), "message");
            let mut meter = DownloadMeter::new(hec_proto::config::DEFAULT_DOWNLOAD_LIMIT);
            match meter.handle_chunk(response.body().len()) {
                Ok(()) => out.field("bytes", &want.bytes, meter.received()),
                Err(error) => out.push(format!("the message is refused: {error}")),
            }
        }
        (DownloadAnswer::Message, expect) => out.push(format!(
            "expected {}, got the message ({} bytes)",
            super::outcome_name(expect),
            response.body().len()
        )),
        (DownloadAnswer::Json, expect) => match (call.parse_answer(&response, request_id), expect) {
            (Ok(url), Expect::Download(want)) => {
                out.field("kind", &Some(want.kind.as_str()), "follow");
                out.field("url", &want.url.as_deref(), url.as_str().as_str());
                let follow = url.request();
                if follow.headers().contains_key(http::header::AUTHORIZATION) {
                    out.push("the followed request carries the token".to_owned());
                }
            }
            (Err(error), Expect::Error(want)) => check_error(out, &error, want, fixture.now_system_time()),
            (outcome, expect) => mismatch(out, expect, &outcome),
        },
    }
}

/// The action's body, when the scenario gives it: built from its fields (ids, type, name, and
/// `restoreDeclineReason`) through the typed builder, it must be sent exactly.
pub(super) fn check_entity_action_body(out: &mut Mismatches, fixture: &Fixture) {
    let Some(data) = request_data(fixture) else {
        return;
    };
    let entity_ids = match ids(Some(data), "entityIds") {
        Ok(ids) => ids,
        Err(line) => return out.push(line),
    };
    let action = EntityAction::from_wire(text(Some(data), "entityActionName").unwrap_or_default());
    let mut call = ActOnEntities::new(action, "office365_emails", entity_ids);
    if let Some(entity_type) = text(Some(data), "entityType") {
        call = call.with_entity_type(entity_type);
    }
    if let Some(reason) = text(Some(data), "restoreDeclineReason") {
        call = call.restore_decline_reason(reason);
    }
    match call.request(&base(), &AccessToken::new("t"), RequestId::new()) {
        Ok(request) => check_request(out, fixture, &request),
        Err(error) => out.push(format!("the request cannot be built: {error}")),
    }
}

/// The entity's scan results against the `scan` key.
pub(super) fn check_scan(out: &mut Mismatches, at: &str, entity: &Entity, want: &Option<Option<ExpectScan>>) {
    let Some(want) = want else {
        return;
    };
    let scan = match entity.scan_results() {
        Ok(scan) => scan,
        Err(error) => return out.push(format!("{at}scan: {error}")),
    };
    match (scan, want) {
        (None, None) => {}
        (Some(_), None) => out.push(format!("{at}scan: expected none, the entity has scan results")),
        (None, Some(_)) => out.push(format!("{at}scan: expected scan results, the entity has none")),
        (Some(scan), Some(want)) => check_scan_results(out, &format!("{at}scan."), &scan, want, entity),
    }
}

fn check_scan_results(
    out: &mut Mismatches,
    at: &str,
    scan: &ScanResults,
    want: &ExpectScan,
    entity: &Entity,
) {
    out.field(&format!("{at}verdicts"), &want.verdicts.as_ref(), &scan.combined_verdicts);
    if let Some(faithful) = want.faithful {
        let sent: Option<Value> = serde_json::from_str::<Value>(entity.raw().get())
            .ok()
            .and_then(|entity| entity.get("entitySecurityResult").cloned());
        let written = serde_json::to_value(scan).ok();
        out.field(&format!("{at}faithful"), &Some(faithful), sent.is_some() && sent == written);
    }
    let Some(tools) = &want.tools else {
        return;
    };
    let names: Vec<&str> = scan.tools.iter().map(|tool| tool.tool.as_str()).collect();
    let wanted: Vec<&str> = tools.iter().map(|tool| tool.tool.as_str()).collect();
    out.field(&format!("{at}tools"), &Some(wanted), names);
    for (want, got) in tools.iter().zip(&scan.tools) {
        let at = format!("{at}{}.", want.tool);
        out.field(&format!("{at}known"), &want.known, !matches!(got.tool, ScanTool::Other(_)));
        out.field(&format!("{at}null"), &want.null, got.is_null);
        let Some(records) = &want.records else {
            continue;
        };
        out.field(&format!("{at}records.len"), &Some(records.len()), got.records.len());
        for (index, (want, got)) in records.iter().zip(&got.records).enumerate() {
            check_record(out, &format!("{at}records[{index}]."), got, want);
        }
    }
}

fn check_record(out: &mut Mismatches, at: &str, got: &hec_proto::model::ScanRecord, want: &ExpectScanRecord) {
    let name = |field: &str| format!("{at}{field}");
    out.field(&name("entity_id"), &want.entity_id.as_deref().map(Some), got.entity_id.as_deref());
    out.field(&name("entity_type"), &want.entity_type.as_deref().map(Some), got.entity_type.as_deref());
    out.field(&name("score"), &want.score, got.score.as_ref().map(|score| score.text().to_owned()));
    out.field(
        &name("score_value"),
        &want.score_value,
        got.score.as_ref().and_then(|score| score.value()).map(|value| value.to_string()),
    );
    out.field(&name("status_code"), &want.status_code, got.status_code.clone());
    out.field(&name("status_description"), &want.status_description, got.status_description.clone());
    out.field(&name("verdict"), &want.verdict, got.verdict.clone());
    out.field(
        &name("security_result_entity_type"),
        &want.security_result_entity_type.as_deref().map(Some),
        got.security_result_entity_type.as_deref(),
    );
    let payload = got.payload.as_ref().and_then(|raw| serde_json::from_str::<Value>(raw.get()).ok());
    out.field(&name("payload"), &want.payload, payload);
    out.field(&name("reasons"), &want.reasons, got.reasons.clone());
    let categories = got
        .reasons_by_category
        .iter()
        .map(|(category, reasons)| {
            (
                category.clone(),
                reasons.iter().map(|reason| reason.short_text.clone().unwrap_or_default()).collect(),
            )
        })
        .collect();
    out.field(&name("reason_categories"), &want.reason_categories, categories);
}
