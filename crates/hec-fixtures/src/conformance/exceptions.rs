//! The exception endpoints' scenarios, checked against hec-proto's exception models.
//!
//! hec-proto has the models of the four families but not yet their endpoints, so this run reads
//! the answers itself, the way the endpoints are meant to: the HTTP status, then the envelope's
//! success rule ([`Envelope::is_success`]), then `responseData` as a list, one object (a list of
//! one) or nothing (`null`, absent, or an empty body). Each item is parsed with its family's
//! model, checked field by field, and must serialize back to exactly the JSON text it came from.
//!
//! The request check is the method and the shape of the path: each segment is the template's
//! text or a value the models accept in that place (an [`ExceptionId`], a [`SecTool`], a
//! percent-encoded [`ToolExceptionKey`] in its canonical encoding...).
//!
//! LEAD: when the endpoints exist, replace [`request_shape`] with each endpoint's `METHOD` and
//! `path()` (as `check_request` does for the others), [`read_answer`] with its `parse`, and the
//! api_error check with `check_error`. The expectations in the files stay as they are.

use std::str::FromStr;

use hec_proto::model::{
    AnomalyException, ApException, ApExceptionType, CtpItem, CtpItemId, CtpListId, CtpListRow, Envelope,
    ExceptionId, SecTool, ToolException, ToolExceptionKey, ToolExceptionType,
};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

use super::{Mismatches, check_items, raw_keys, sorted, utc};
use crate::corpus::{
    Endpoint, ExceptionFamily, Expect, ExpectAnomalyException, ExpectApException, ExpectCtpItem,
    ExpectCtpRow, ExpectError, ExpectExceptions, ExpectToolException, Fixture,
};

/// Checks an exception endpoint's scenario.
pub(super) fn check(out: &mut Mismatches, fixture: &Fixture) {
    let Some(family) = fixture.endpoint.exception_family() else {
        out.push(format!("{:?} is not an exception endpoint", fixture.endpoint));
        return;
    };
    check_request(out, fixture);
    let answer = match read_answer(&fixture.response.body) {
        Ok(answer) => answer,
        Err(reason) => return out.push(format!("the answer does not read: {reason}")),
    };
    let status = fixture.response.status;
    let success = (200..300).contains(&status) && answer.envelope.as_ref().is_none_or(Envelope::is_success);
    match (&fixture.expect, success) {
        (Expect::Exceptions(want), true) => check_answer(out, family, &answer, want),
        (Expect::Error(want), false) => check_api_error(out, status, &answer, want),
        (Expect::Exceptions(_), false) => out.push(format!(
            "expected exceptions, got a failure (HTTP {status}, responseCode {:?})",
            answer.envelope.as_ref().and_then(|e| e.response_code)
        )),
        (Expect::Error(_), true) => out.push("expected an error, the answer reports success".to_owned()),
        (_, _) => out.push("an exception endpoint's outcome is `exceptions` or `error`".to_owned()),
    }
}

/// The method and the path template (below the API prefix) of each exception endpoint.
fn request_shape(endpoint: Endpoint) -> Option<(&'static str, &'static str)> {
    use Endpoint::*;
    Some(match endpoint {
        ExceptionList => ("GET", "/exceptions/{excType}"),
        ExceptionGet => ("GET", "/exceptions/{excType}/{excId}"),
        ExceptionCreate => ("POST", "/exceptions/{excType}"),
        ExceptionModify => ("PUT", "/exceptions/{excType}/{excId}"),
        ExceptionDelete => ("POST", "/exceptions/{excType}/delete/{excId}"),
        SectoolExceptionGet => ("GET", "/sectool-exceptions/{sectool}/exceptions/{toolType}/{excStr}"),
        SectoolExceptionList => ("GET", "/sectool-exceptions/{sectool}/exceptions/{toolType}"),
        SectoolExceptionCreate => ("POST", "/sectool-exceptions/{sectool}"),
        SectoolExceptionUpdate => ("PUT", "/sectool-exceptions/{sectool}"),
        SectoolExceptionDelete => ("DELETE", "/sectool-exceptions/{sectool}"),
        SectoolExceptionDeleteMany => ("DELETE", "/sectool-exceptions/{sectool}/exceptions"),
        AnomalyExceptionList => ("GET", "/sectools/anomaly/exceptions"),
        AnomalyExceptionCreate => ("POST", "/sectools/anomaly/exceptions"),
        AnomalyExceptionDelete => ("DELETE", "/sectools/anomaly/exceptions"),
        CtpLists => ("GET", "/sectools/click_time_protection/exceptions"),
        CtpList => ("GET", "/sectools/click_time_protection/exceptions/{listId}"),
        CtpItems => ("GET", "/sectools/click_time_protection/exceptions/items"),
        CtpItem => ("GET", "/sectools/click_time_protection/exceptions/items/{itemId}"),
        CtpItemCreate => ("POST", "/sectools/click_time_protection/exceptions/items"),
        CtpItemUpdate => ("PUT", "/sectools/click_time_protection/exceptions/items/{itemId}"),
        CtpItemDelete => ("DELETE", "/sectools/click_time_protection/exceptions/items/{itemId}"),
        CtpItemsDelete => ("DELETE", "/sectools/click_time_protection/exceptions/items"),
        Task | Token | Scopes | Search | Entity | EntityAction | EventQuery | Event | EventAction => {
            return None;
        }
    })
}

fn check_request(out: &mut Mismatches, fixture: &Fixture) {
    let Some((method, template)) = request_shape(fixture.endpoint) else {
        return out.push(format!("no request shape for {:?}", fixture.endpoint));
    };
    out.field("request.method", &Some(method), fixture.request.method.as_str());
    let path = &fixture.request.path;
    let Some(rest) = path.strip_prefix(hec_proto::endpoint::API_PREFIX) else {
        return out.push(format!("request.path {path:?} is not under {}", hec_proto::endpoint::API_PREFIX));
    };
    let sent: Vec<&str> = rest.split('/').collect();
    let wanted: Vec<&str> = template.split('/').collect();
    if sent.len() != wanted.len() {
        return out.push(format!("request.path {path:?} does not have the shape {template}"));
    }
    for (segment, part) in sent.into_iter().zip(wanted) {
        if let Err(why) = segment_fits(segment, part) {
            out.push(format!("request.path {path:?}: segment {segment:?} is not {part}: {why}"));
        }
    }
}

/// Whether a path segment is the template's text, or a value its placeholder accepts.
fn segment_fits(segment: &str, part: &str) -> Result<(), String> {
    fn parses<T: FromStr<Err: std::fmt::Display>>(segment: &str) -> Result<(), String> {
        T::from_str(segment).map(drop).map_err(|e| e.to_string())
    }
    match part {
        "{excType}" => parses::<ApExceptionType>(segment),
        "{excId}" => parses::<ExceptionId>(segment),
        "{sectool}" => parses::<SecTool>(segment),
        "{toolType}" => parses::<ToolExceptionType>(segment),
        "{listId}" => parses::<CtpListId>(segment),
        "{itemId}" => parses::<CtpItemId>(segment),
        "{excStr}" => {
            let text = crate::percent::decode(segment).ok_or("a broken percent-encoding")?;
            let key = ToolExceptionKey::new(text).map_err(|e| e.to_string())?;
            if key.path_segment() == segment {
                Ok(())
            } else {
                Err(format!("the key's path segment is {:?}", key.path_segment()))
            }
        }
        literal if literal == segment => Ok(()),
        literal => Err(format!("expected {literal:?}")),
    }
}

/// An exception endpoint's answer: the envelope, the shape `responseData` had, and its items'
/// texts.
struct Answer {
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
/// one object or nothing (`null` or absent).
fn read_answer(body: &[u8]) -> Result<Answer, String> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Answer { envelope: None, shape: "absent", items: Vec::new() });
    }
    let body: Body = serde_json::from_slice(body).map_err(|e| e.to_string())?;
    let (shape, items) = match body.data {
        None => ("absent", Vec::new()),
        Some(data) if data.get().starts_with('[') => {
            ("list", serde_json::from_str(data.get()).map_err(|e| format!("responseData: {e}"))?)
        }
        Some(data) if data.get().starts_with('{') => ("object", vec![data]),
        Some(data) => return Err(format!("responseData is neither a list nor an object: {}", data.get())),
    };
    Ok(Answer { envelope: body.envelope, shape, items })
}

/// A logical failure: HTTP 2xx whose envelope code is not a success.
fn check_api_error(out: &mut Mismatches, status: u16, answer: &Answer, want: &ExpectError) {
    let envelope = answer.envelope.as_ref();
    let kind = if (200..300).contains(&status) && envelope.is_some() { "api_error" } else { "http_status" };
    out.field("kind", &Some(want.kind.as_str()), kind);
    out.field("status", &want.status, status);
    out.field("response_code", &want.response_code.map(Some), envelope.and_then(|e| e.response_code));
    out.field(
        "response_text",
        &want.response_text.as_ref().map(Some),
        envelope.and_then(|e| e.response_text.as_ref()),
    );
    out.field(
        "request_id",
        &want.request_id.as_ref().map(Some),
        envelope.and_then(|e| e.request_id.as_ref()),
    );
    if want.retry_after_secs.is_some() || want.path.is_some() {
        out.push("retry_after_secs and path are not checked for exception endpoints yet".to_owned());
    }
}

fn check_answer(out: &mut Mismatches, family: ExceptionFamily, answer: &Answer, want: &ExpectExceptions) {
    let envelope = answer.envelope.as_ref();
    out.field("response_code", &want.response_code, envelope.and_then(|e| e.response_code));
    out.field("request_id", &want.request_id, envelope.and_then(|e| e.request_id.clone()));
    out.field("records_number", &want.records_number, envelope.and_then(|e| e.records_number));
    out.field("data_shape", &want.data_shape.as_deref(), answer.shape);
    out.field("count", &want.count, answer.items.len());
    let lists = [
        ("ap_exceptions", want.ap_exceptions.is_some(), ExceptionFamily::AntiPhishing),
        ("tool_exceptions", want.tool_exceptions.is_some(), ExceptionFamily::Tool),
        ("anomaly_exceptions", want.anomaly_exceptions.is_some(), ExceptionFamily::Anomaly),
        ("ctp_rows", want.ctp_rows.is_some(), ExceptionFamily::ClickTimeLists),
        ("ctp_items", want.ctp_items.is_some(), ExceptionFamily::ClickTimeItems),
    ];
    for (key, _, of) in lists.iter().filter(|(_, present, of)| *present && *of != family) {
        out.push(format!("{key}: this endpoint answers {family:?} items, not {of:?}"));
    }
    match family {
        ExceptionFamily::AntiPhishing => {
            let items: Vec<ApException> = parse_all(out, &answer.items);
            check_items(out, &items, &want.ap_exceptions, check_ap);
        }
        ExceptionFamily::Tool => {
            let items: Vec<ToolException> = parse_all(out, &answer.items);
            check_items(out, &items, &want.tool_exceptions, check_tool);
        }
        ExceptionFamily::Anomaly => {
            let items: Vec<AnomalyException> = parse_all(out, &answer.items);
            check_items(out, &items, &want.anomaly_exceptions, check_anomaly);
        }
        ExceptionFamily::ClickTimeLists => {
            let items: Vec<CtpListRow> = parse_all(out, &answer.items);
            check_items(out, &items, &want.ctp_rows, check_row);
        }
        ExceptionFamily::ClickTimeItems => {
            let items: Vec<CtpItem> = parse_all(out, &answer.items);
            check_items(out, &items, &want.ctp_items, check_item);
        }
    }
}

/// Every item parsed with the family's model; each must serialize to exactly its text.
fn parse_all<T: DeserializeOwned + serde::Serialize>(
    out: &mut Mismatches,
    items: &[Box<RawValue>],
) -> Vec<T> {
    let mut parsed = Vec::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        match serde_json::from_str::<T>(item.get()) {
            Ok(model) => {
                match serde_json::to_string(&model) {
                    Ok(written) if written == item.get() => {}
                    Ok(written) => {
                        out.push(format!("item {index} is written as {written}, but {} was sent", item.get()))
                    }
                    Err(error) => out.push(format!("item {index} does not serialize: {error}")),
                }
                parsed.push(model);
            }
            Err(error) => out.push(format!("item {index} does not parse: {error}")),
        }
    }
    parsed
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
            out.push(format!("{}: expected {} items, got {}", name("items"), items.len(), got.items.len()));
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
