//! The exception endpoints' scenarios, checked through hec-proto's endpoints.
//!
//! Each scenario's request names a call ([`exception_calls`](super::exception_calls) makes it with
//! hec-proto's types from the path and the body); the call must send exactly that request: the
//! method, the path, every header the scenario names, and the body when the scenario gives one.
//! The answer is then read by the call's own `parse`: a success must give the expected items
//! (each checked field by field, and each serializing back to exactly the text the answer held
//! for it), a failure the expected error (checked as every endpoint's is). The envelope's fields
//! and the shape of `responseData` are read from the body itself.

use hec_proto::endpoint::Endpoint;
use hec_proto::model::{AnomalyException, ApException, CtpItem, CtpListRow, Envelope, ToolException};
use hec_proto::{RequestId, ResponseError};
use serde::Deserialize;
use serde_json::value::RawValue;

use super::exception_calls::{self, Call};
use super::{Mismatches, Outcome, check_items, raw_keys, sorted, utc};
use crate::corpus::{
    ExceptionFamily, ExpectAnomalyException, ExpectApException, ExpectCtpItem, ExpectCtpRow,
    ExpectExceptions, ExpectToolException, Fixture,
};

/// Makes the call an exception endpoint's scenario names, checks that it sends the scenario's
/// request, and reads the scenario's answer with it; the reason, one line, when the scenario
/// names no call.
pub(super) fn outcome(out: &mut Mismatches, fixture: &Fixture) -> Result<Outcome, String> {
    if fixture.endpoint.exception_family().is_none() {
        return Err(format!("endpoint: {:?} is not an exception endpoint", fixture.endpoint));
    }
    Ok(match exception_calls::of(fixture)? {
        Call::ApList(call) => run(out, fixture, &call).into(),
        Call::ApGet(call) => one(run(out, fixture, &call)).into(),
        Call::ApCreate(call) => run(out, fixture, &call).into(),
        Call::ApModify(call) => run(out, fixture, &call).into(),
        Call::ApDelete(call) => run(out, fixture, &call).into(),
        Call::ToolGet(call) => one(run(out, fixture, &call)).into(),
        Call::ToolList(call) => run(out, fixture, &call).map(|page| page.items).into(),
        Call::ToolCreate(call) => run(out, fixture, &call).into(),
        Call::ToolUpdate(call) => run(out, fixture, &call).into(),
        Call::ToolDelete(call) => run(out, fixture, &call).into(),
        Call::ToolDeleteMany(call) => run(out, fixture, &call).into(),
        Call::AnomalyList(call) => run(out, fixture, &call).into(),
        Call::AnomalyCreate(call) => run(out, fixture, &call).into(),
        Call::AnomalyDelete(call) => run(out, fixture, &call).into(),
        Call::CtpLists(call) => run(out, fixture, &call).into(),
        Call::CtpList(call) => run(out, fixture, &call).into(),
        Call::CtpItems(call) => run(out, fixture, &call).into(),
        Call::CtpItem(call) => one(run(out, fixture, &call)).into(),
        Call::CtpItemCreate(call) => run(out, fixture, &call).into(),
        Call::CtpItemUpdate(call) => run(out, fixture, &call).into(),
        Call::CtpItemDelete(call) => run(out, fixture, &call).into(),
        Call::CtpItemsDelete(call) => run(out, fixture, &call).into(),
        Call::CtpListsDelete(call) => run(out, fixture, &call).into(),
    })
}

/// A read by id's answer as the list of one the expectation checks.
fn one<T>(result: Result<T, ResponseError>) -> Result<Vec<T>, ResponseError> {
    result.map(|one| vec![one])
}

/// Compares an exception answer with the scenario's `exceptions` expectation: the envelope and
/// the shape of `responseData` read from the body itself, then the items.
pub(super) fn compare(out: &mut Mismatches, fixture: &Fixture, outcome: &Outcome, want: &ExpectExceptions) {
    let Some(family) = fixture.endpoint.exception_family() else {
        out.push("endpoint", "an exception endpoint", format!("{:?}", fixture.endpoint));
        return;
    };
    match sent_answer(&fixture.response.body) {
        Ok(sent) => check_answer(out, family, outcome, &sent, want),
        Err(reason) => out.push("responseData", "an answer that reads", reason),
    }
}

/// Checks that `call` sends the scenario's request, then reads the scenario's answer with it.
fn run<E: Endpoint>(out: &mut Mismatches, fixture: &Fixture, call: &E) -> Result<E::Output, ResponseError> {
    let request_id = RequestId::new();
    match call.request(
        &"https://gateway.example".parse().expect("a valid base URL"),
        &hec_proto::AccessToken::new("t"),
        request_id,
    ) {
        Ok(request) => check_request(out, fixture, &request),
        Err(error) => out.push("request", "a request", format!("none: {error}")),
    }
    call.parse(&fixture.response.to_http(), request_id)
}

/// The method, the path, the headers the scenario names, and the body when it gives one.
pub(super) fn check_request(out: &mut Mismatches, fixture: &Fixture, request: &http::Request<Vec<u8>>) {
    let want = &fixture.request;
    out.field("request.method", &Some(want.method.as_str()), request.method().as_str());
    out.field("request.path", &Some(want.path.as_str()), request.uri().path());
    for name in want.headers.iter().filter(|name| !request.headers().contains_key(name.as_str())) {
        out.push("request.headers", format!("{name:?} sent"), "not sent");
    }
    if let Some(body) = &want.body {
        match serde_json::from_slice::<serde_json::Value>(request.body()) {
            Ok(sent) => out.field("request.body", &Some(body), &sent),
            Err(_) => out.push("request.body", body.to_string(), "no JSON body"),
        }
    }
}

/// The answer as the scenario's body holds it: the envelope, the shape `responseData` had, and
/// its items' texts (for the faithfulness check).
struct SentAnswer {
    envelope: Option<Envelope>,
    shape: &'static str,
    items: Vec<Box<RawValue>>,
}

#[derive(Deserialize)]
struct Body {
    #[serde(rename = "responseEnvelope")]
    envelope: Option<Envelope>,
    #[serde(rename = "responseData")]
    data: Option<Box<RawValue>>,
}

/// Reads the body: an empty one holds nothing; else the envelope and `responseData` as a list,
/// one object or nothing (`null` or absent). A body that is not such JSON holds nothing.
fn sent_answer(body: &[u8]) -> Result<SentAnswer, String> {
    let nothing = SentAnswer { envelope: None, shape: "absent", items: Vec::new() };
    let Ok(body) = serde_json::from_slice::<Body>(body) else { return Ok(nothing) };
    let (shape, items) = match body.data {
        None => ("absent", Vec::new()),
        Some(data) if data.get().starts_with('[') => {
            ("list", serde_json::from_str(data.get()).map_err(|e| format!("responseData: {e}"))?)
        }
        Some(data) if data.get().starts_with('{') => ("object", vec![data]),
        Some(_) => ("other", Vec::new()),
    };
    Ok(SentAnswer { envelope: body.envelope, shape, items })
}

fn check_answer(
    out: &mut Mismatches,
    family: ExceptionFamily,
    answer: &Outcome,
    sent: &SentAnswer,
    want: &ExpectExceptions,
) {
    let envelope = match answer {
        Outcome::Written(written) => written.envelope.as_ref(),
        _ => sent.envelope.as_ref(),
    };
    out.field("response_code", &want.response_code, envelope.and_then(|e| e.response_code));
    out.field("request_id", &want.request_id, envelope.and_then(|e| e.request_id.clone()));
    out.field("records_number", &want.records_number, envelope.and_then(|e| e.records_number));
    out.field("data_shape", &want.data_shape.as_deref(), sent.shape);
    let lists = [
        ("ap_exceptions", want.ap_exceptions.is_some(), ExceptionFamily::AntiPhishing),
        ("tool_exceptions", want.tool_exceptions.is_some(), ExceptionFamily::Tool),
        ("anomaly_exceptions", want.anomaly_exceptions.is_some(), ExceptionFamily::Anomaly),
        ("ctp_rows", want.ctp_rows.is_some(), ExceptionFamily::ClickTimeLists),
        ("ctp_items", want.ctp_items.is_some(), ExceptionFamily::ClickTimeItems),
    ];
    for (key, _, of) in lists.iter().filter(|(_, present, of)| *present && *of != family) {
        out.push(
            *key,
            format!("no `{key}` check (this endpoint answers {family:?} items)"),
            format!("{of:?} items"),
        );
    }
    let count = match answer {
        Outcome::ApExceptions(items) => {
            faithful(out, items, sent);
            check_items(out, items, &want.ap_exceptions, check_ap);
            items.len()
        }
        Outcome::ToolExceptions(items) => {
            faithful(out, items, sent);
            check_items(out, items, &want.tool_exceptions, check_tool);
            items.len()
        }
        Outcome::AnomalyExceptions(items) => {
            faithful(out, items, sent);
            check_items(out, items, &want.anomaly_exceptions, check_anomaly);
            items.len()
        }
        Outcome::CtpRows(items) => {
            faithful(out, items, sent);
            check_items(out, items, &want.ctp_rows, check_row);
            items.len()
        }
        Outcome::CtpItems(items) => {
            faithful(out, items, sent);
            check_items(out, items, &want.ctp_items, check_item);
            items.len()
        }
        Outcome::Written(written) => {
            if !written.is_documented_code() {
                out.push(
                    "response_code",
                    format!("the write's documented {}", written.documented_code),
                    format!("{:?}", written.response_code()),
                );
            }
            0
        }
        // `compare` sends only the answers above here.
        _ => 0,
    };
    out.field("count", &want.count, count);
}

/// Every parsed item must serialize to exactly the text the answer held for it.
fn faithful<T: serde::Serialize>(out: &mut Mismatches, items: &[T], sent: &SentAnswer) {
    if items.len() != sent.items.len() {
        out.push(
            "items.len()",
            format!("{} (as the answer holds)", sent.items.len()),
            items.len().to_string(),
        );
    }
    for (index, (item, text)) in items.iter().zip(&sent.items).enumerate() {
        match serde_json::to_string(item) {
            Ok(written) if written == text.get() => {}
            Ok(written) => out.push(format!("responseData[{index}]"), text.get(), written),
            Err(error) => out.push(format!("responseData[{index}]"), text.get(), format!("no JSON: {error}")),
        }
    }
}

fn text<T: AsRef<str>>(value: Option<&T>) -> Option<String> {
    value.map(|value| value.as_ref().to_owned())
}

fn raw_time(time: Option<&hec_proto::model::HecTime>) -> Option<String> {
    time.map(|time| time.raw().to_owned())
}

fn check_ap(out: &mut Mismatches, at: &str, got: &ApException, want: &ExpectApException) {
    let name = |field: &str| format!("{at}{field}");
    out.field(&name("id"), &want.id, text(got.id.as_ref()));
    out.field(&name("sender_email"), &want.sender_email, got.sender_email.clone());
    out.field(&name("sender_email_matching"), &want.sender_email_matching, got.sender_email_matching.clone());
    out.field(&name("sender_name"), &want.sender_name, got.sender_name.clone());
    out.field(&name("sender_domain"), &want.sender_domain, got.sender_domain.clone());
    out.field(
        &name("sender_domain_matching"),
        &want.sender_domain_matching,
        got.sender_domain_matching.clone(),
    );
    out.field(&name("sender_ip"), &want.sender_ip, got.sender_ip.clone());
    out.field(&name("sender_client_ip"), &want.sender_client_ip, got.sender_client_ip.clone());
    out.field(&name("recipient"), &want.recipient, got.recipient.clone());
    out.field(&name("subject"), &want.subject, got.subject.clone());
    out.field(&name("subject_matching"), &want.subject_matching, got.subject_matching.clone());
    out.field(&name("link_domains"), &want.link_domains, got.link_domains.clone());
    out.field(&name("attachment_md5"), &want.attachment_md5, got.attachment_md5.clone());
    out.field(&name("action_needed"), &want.action_needed, got.action_needed.clone());
    out.field(&name("ignoring_spf_check"), &want.ignoring_spf_check, got.ignoring_spf_check);
    out.field(&name("match_only_future"), &want.match_only_future, got.match_only_future);
    out.field(&name("quarantine_all"), &want.quarantine_all, got.quarantine_all);
    out.field(&name("comment"), &want.comment, got.comment.clone());
    out.field(&name("added_by"), &want.added_by, got.added_by.clone());
    out.field(&name("edited_by"), &want.edited_by, got.edited_by.clone());
    out.field(&name("updated"), &want.updated, utc(got.updated.as_ref()));
    out.field(&name("updated_raw"), &want.updated_raw, raw_time(got.updated.as_ref()));
    out.field(&name("raw_keys"), &sorted(&want.raw_keys), raw_keys(got.raw()));
}

fn check_tool(out: &mut Mismatches, at: &str, got: &ToolException, want: &ExpectToolException) {
    let name = |field: &str| format!("{at}{field}");
    out.field(&name("exception_str"), &want.exception_str, got.exception_str.clone());
    out.field(&name("comment"), &want.comment, got.comment.clone());
    out.field(&name("created_by_email"), &want.created_by_email, got.created_by_email.clone());
    out.field(
        &name("farm_customer_exception_type"),
        &want.farm_customer_exception_type,
        got.farm_customer_exception_type.clone(),
    );
    out.field(&name("inserted"), &want.inserted, utc(got.inserted.as_ref()));
    out.field(&name("inserted_raw"), &want.inserted_raw, raw_time(got.inserted.as_ref()));
    out.field(&name("condition"), &want.condition, got.condition.clone());
    out.field(&name("raw_keys"), &sorted(&want.raw_keys), raw_keys(got.raw()));
}

fn check_anomaly(out: &mut Mismatches, at: &str, got: &AnomalyException, want: &ExpectAnomalyException) {
    let name = |field: &str| format!("{at}{field}");
    out.field(&name("id"), &want.id, text(got.id.as_ref()));
    out.field(&name("anomaly_type"), &want.anomaly_type, got.anomaly_type.clone());
    out.field(&name("enabled"), &want.enabled, got.enabled);
    out.field(&name("event_id"), &want.event_id, text(got.event_id.as_ref()));
    out.field(&name("exception_rule"), &want.exception_rule, got.exception_rule.clone());
    out.field(&name("added_by"), &want.added_by, got.added_by.clone());
    out.field(&name("comments"), &want.comments, got.comments.clone());
    out.field(&name("customer_domain"), &want.customer_domain, got.customer_domain.clone());
    out.field(&name("expires"), &want.expires, utc(got.expires.as_ref()));
    out.field(&name("inserted"), &want.inserted, utc(got.inserted.as_ref()));
    out.field(&name("updated"), &want.updated, utc(got.updated.as_ref()));
    out.field(&name("raw_keys"), &sorted(&want.raw_keys), raw_keys(got.raw()));
}

fn check_row(out: &mut Mismatches, at: &str, got: &CtpListRow, want: &ExpectCtpRow) {
    let name = |field: &str| format!("{at}{field}");
    out.field(&name("list_id"), &want.list_id, text(got.list_id.as_ref()));
    out.field(&name("list_name"), &want.list_name, got.list_name.clone());
    if let Some(items) = &want.items {
        if items.len() != got.items.len() {
            out.push(name("items.len()"), items.len().to_string(), got.items.len().to_string());
        }
        for (index, (want, got)) in items.iter().zip(&got.items).enumerate() {
            check_item(out, &format!("{at}items[{index}]."), got, want);
        }
    }
    out.field(&name("raw_keys"), &sorted(&want.raw_keys), raw_keys(got.raw()));
}

fn check_item(out: &mut Mismatches, at: &str, got: &CtpItem, want: &ExpectCtpItem) {
    let name = |field: &str| format!("{at}{field}");
    out.field(&name("id"), &want.id, text(got.id.as_ref()));
    out.field(&name("name"), &want.name, got.name.clone());
    out.field(&name("list_id"), &want.list_id, text(got.list_id.as_ref()));
    out.field(&name("list_name"), &want.list_name, got.list_name.clone());
    out.field(&name("created_by"), &want.created_by, got.created_by.clone());
    out.field(&name("created"), &want.created, utc(got.created.as_ref()));
    out.field(&name("created_raw"), &want.created_raw, raw_time(got.created.as_ref()));
    out.field(&name("raw_keys"), &sorted(&want.raw_keys), raw_keys(got.raw()));
}
