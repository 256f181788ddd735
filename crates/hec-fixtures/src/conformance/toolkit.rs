//! The analyst's toolkit scenarios, checked through hec-proto's endpoints: `soar/notify`,
//! `report/mis-classification`, the .eml download, the entity action's `restoreDeclineReason`,
//! and an entity's scan results. Each call is built from the scenario's request and must send
//! it; its answer is an [`Outcome`] that `compare` (through `Fixture::check`) checks with
//! [`compare_written`], [`compare_download`] and, in every entity, [`check_scan`].

use hec_proto::endpoint::{
    ActOnEntities, DownloadAnswer, DownloadEntity, DownloadMeter, Endpoint, Notify, ReportMisclassification,
    Written,
};
use hec_proto::model::{Classification, Confidence, MisclassificationReport, ScanResults, ScanTool};
use hec_proto::{AccessToken, BaseUrl, Entity, EntityAction, EntityId, RequestId};
use serde_json::Value;

use super::exceptions::check_request;
use super::{DownloadOutcome, Mismatches, Outcome};
use crate::corpus::{
    Endpoint as Scenario, ExpectDownload, ExpectScan, ExpectScanRecord, ExpectWritten, Fixture,
};

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

/// Makes the call a toolkit scenario (`notify`, `misclassification`, `download`) names, checks
/// that it sends the scenario's request, and reads the scenario's answer with it; the reason,
/// one line, when the scenario's request names no call.
pub(super) fn outcome(out: &mut Mismatches, fixture: &Fixture) -> Result<Outcome, String> {
    match fixture.endpoint {
        Scenario::Notify => notify(out, fixture),
        Scenario::Misclassification => misclassification(out, fixture),
        Scenario::Download => download(out, fixture),
        other => Err(format!("endpoint: {other:?} is not a toolkit endpoint")),
    }
}

/// Records the request `built` against the scenario's (or that it cannot be built).
fn check_built<E>(out: &mut Mismatches, fixture: &Fixture, built: Result<http::Request<Vec<u8>>, E>)
where
    E: std::fmt::Display,
{
    match built {
        Ok(request) => check_request(out, fixture, &request),
        Err(error) => out.push("request", "a request", format!("none: {error}")),
    }
}

/// `soar/notify`: the call built from the request body, then its answer.
fn notify(out: &mut Mismatches, fixture: &Fixture) -> Result<Outcome, String> {
    let data = request_data(fixture);
    let entity = text(data, "entityId")
        .unwrap_or("0")
        .parse::<EntityId>()
        .map_err(|error| format!("request.body: entityId: {error}"))?;
    let emails: Vec<String> = data
        .and_then(|data| data.get("emails"))
        .and_then(Value::as_array)
        .map(|list| list.iter().filter_map(Value::as_str).map(str::to_owned).collect())
        .unwrap_or_default();
    let call = Notify::new(entity, emails);
    let request_id = RequestId::new();
    check_built(out, fixture, call.request(&base(), &AccessToken::new("t"), request_id));
    Ok(call.parse(&fixture.response.to_http(), request_id).into())
}

/// `report/mis-classification`: the report built from the request body, then its answer.
fn misclassification(out: &mut Mismatches, fixture: &Fixture) -> Result<Outcome, String> {
    let data = request_data(fixture);
    let entity_ids = ids(data, "entityIds")?;
    let classification = text(data, "classification")
        .unwrap_or("clean")
        .parse::<Classification>()
        .map_err(|error| format!("request.body: {error}"))?;
    let mut report = MisclassificationReport::new(entity_ids, classification);
    if let Some(confidence) = text(data, "confident") {
        let confidence =
            confidence.parse::<Confidence>().map_err(|error| format!("request.body: {error}"))?;
        report = report.confidence(confidence);
    }
    let call = ReportMisclassification::new(report);
    let request_id = RequestId::new();
    check_built(out, fixture, call.request(&base(), &AccessToken::new("t"), request_id));
    Ok(call.parse(&fixture.response.to_http(), request_id).into())
}

/// The .eml download: the call from the path and query (which it must send, with the headers the
/// scenario names), then what the answer is: the message, counted through a [`DownloadMeter`]
/// as a driver streams it, or JSON read by `parse_answer` (the URL to follow, or the error).
fn download(out: &mut Mismatches, fixture: &Fixture) -> Result<Outcome, String> {
    const PREFIX: &str = "/app/hec-api/v1.0/download/entity/";
    let path = fixture.request.path.as_str();
    let rest =
        path.strip_prefix(PREFIX).ok_or_else(|| format!("request path {path:?} is not under {PREFIX}"))?;
    let (id, query) = rest.split_once('?').unwrap_or((rest, ""));
    let id = id.parse::<EntityId>().map_err(|error| format!("request path's id: {error}"))?;
    let call = DownloadEntity::new(id).original(query == "original=true");
    let request_id = RequestId::new();
    match call.request(&base(), &AccessToken::new("t"), request_id) {
        Ok(request) => {
            out.field("request.method", &Some(fixture.request.method.as_str()), request.method().as_str());
            out.field("request.path", &Some(path), request.uri().path_and_query().map_or("", |p| p.as_str()));
            for name in
                fixture.request.headers.iter().filter(|name| !request.headers().contains_key(name.as_str()))
            {
                out.push("request.headers", format!("{name:?} sent"), "not sent");
            }
        }
        Err(error) => out.push("request", "a request", format!("none: {error}")),
    }
    let response = fixture.response.to_http();
    Ok(match DownloadEntity::answer_kind(response.status(), response.headers(), response.body()) {
        DownloadAnswer::Message => {
            let limit = hec_proto::config::DEFAULT_DOWNLOAD_LIMIT;
            let mut meter = DownloadMeter::new(limit);
            if let Err(error) = meter.handle_chunk(response.body().len()) {
                out.push("bytes", format!("at most the download limit ({limit})"), error.to_string());
            }
            Outcome::Download(DownloadOutcome::Message { bytes: meter.received() })
        }
        DownloadAnswer::Json => call.parse_answer(&response, request_id).map(DownloadOutcome::from).into(),
    })
}

/// The action's body, when the scenario gives it: built from its fields (ids, type, name, and
/// `restoreDeclineReason`) through the typed builder, it must be sent exactly. The reason, one
/// line, when the body names no call.
pub(super) fn check_entity_action_body(out: &mut Mismatches, fixture: &Fixture) -> Result<(), String> {
    let Some(data) = request_data(fixture) else {
        return Ok(());
    };
    let entity_ids = ids(Some(data), "entityIds")?;
    let action = EntityAction::from_wire(text(Some(data), "entityActionName").unwrap_or_default());
    let mut call = ActOnEntities::new(action, "office365_emails", entity_ids);
    if let Some(entity_type) = text(Some(data), "entityType") {
        call = call.with_entity_type(entity_type);
    }
    if let Some(reason) = text(Some(data), "restoreDeclineReason") {
        call = call.restore_decline_reason(reason);
    }
    check_built(out, fixture, call.request(&base(), &AccessToken::new("t"), RequestId::new()));
    Ok(())
}

/// A write's success (`"outcome": "written"`) against its checks.
pub(super) fn compare_written(out: &mut Mismatches, written: &Written, want: &ExpectWritten) {
    out.field("response_code", &want.response_code, written.response_code());
    out.field("documented", &want.documented, written.is_documented_code());
    out.field("request_id", &want.request_id.as_deref().map(Some), written.request_id());
}

/// A download's answer (`"outcome": "download"`) against its checks: the kind, the message's
/// bytes or the URL, and a URL is fetched without the token.
pub(super) fn compare_download(out: &mut Mismatches, download: &DownloadOutcome, want: &ExpectDownload) {
    match download {
        DownloadOutcome::Message { bytes } => {
            out.field("kind", &Some(want.kind.as_str()), "message");
            out.field("bytes", &want.bytes, *bytes);
        }
        DownloadOutcome::Follow(url) => {
            out.field("kind", &Some(want.kind.as_str()), "follow");
            out.field("url", &want.url.as_deref(), url.as_str().as_str());
            if url.request().headers().contains_key(http::header::AUTHORIZATION) {
                out.push("url", "fetched without the token", "fetched with the token");
            }
        }
    }
}

/// The entity's scan results against the `scan` key.
pub(super) fn check_scan(out: &mut Mismatches, at: &str, entity: &Entity, want: &Option<Option<ExpectScan>>) {
    let Some(want) = want else {
        return;
    };
    let field = format!("{at}scan");
    let scan = match entity.scan_results() {
        Ok(scan) => scan,
        Err(error) => return out.push(field, "scan results that read", error.to_string()),
    };
    match (scan, want) {
        (None, None) => {}
        (Some(_), None) => out.push(field, "none", "scan results"),
        (None, Some(_)) => out.push(field, "scan results", "none"),
        (Some(scan), Some(want)) => check_scan_results(out, &format!("{field}."), &scan, want, entity),
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
