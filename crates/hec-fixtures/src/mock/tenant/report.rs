//! `POST /report/mis-classification`: an analyst says the verdict on some e-mails was wrong.
//!
//! The body is `{"requestData": {"entityIds": [...], "classification", "confident"}}` with
//! `classification` one of `clean`, `spam`, `phishing`, `marketing_email` and `confident` one of
//! `not_so_sure`, `medium`, `very` (docs/HEC-API.md part 2, section 3). The answer is the
//! envelope with `responseCode` 200 and `responseData: []`; an unknown or malformed id, an
//! unknown value, or a missing field gets the logical failure (422 inside 200) and changes
//! nothing. Each reported mail shows the report: an `entityActions` record
//! `report_mis_classification` whose state is `reported_<classification>`, and
//! `entityPayload.reportedClassification` / `reportedConfidence` (the last report's).

use bytes::Bytes;
use http::Response;
use serde_json::{Map, Value, json};

use super::Records;
use super::data::{mail_action, micros_z};
use crate::mock::api;

const CLASSIFICATIONS: [&str; 4] = ["clean", "spam", "phishing", "marketing_email"];
const CONFIDENCES: [&str; 3] = ["not_so_sure", "medium", "very"];

/// Answers `POST /report/mis-classification` at `now`.
pub(super) fn report(
    records: &mut Records,
    request_id: &str,
    body: &[u8],
    now: jiff::Timestamp,
) -> Response<Bytes> {
    let data = match api::request_data(body) {
        Ok(data) => data,
        Err(refusal) => return *refusal,
    };
    let checked = (|| {
        let classification = one_of(&data, "classification", &CLASSIFICATIONS)?;
        let confident = one_of(&data, "confident", &CONFIDENCES)?;
        let Some(Value::Array(items)) = data.get("entityIds") else {
            return Err("requestData.entityIds must be a list".to_owned());
        };
        if items.is_empty() {
            return Err("requestData.entityIds is empty".to_owned());
        }
        let mut ids = Vec::new();
        for item in items {
            let Some(id) = item.as_str().filter(|id| api::is_id(id)) else {
                return Err("invalid entity id in requestData.entityIds".to_owned());
            };
            if records.mail(id).is_none() {
                return Err(format!("entity not found: {id}"));
            }
            ids.push(id.to_owned());
        }
        Ok((ids, classification, confident))
    })();
    let (ids, classification, confident) = match checked {
        Ok(checked) => checked,
        Err(why) => return api::logical_failure(request_id, &why),
    };
    for id in &ids {
        if let Some(mail) = records.mail_mut(id) {
            mail["entityPayload"]["reportedClassification"] = json!(classification);
            mail["entityPayload"]["reportedConfidence"] = json!(confident);
            mail["entityInfo"]["entityUpdated"] = json!(micros_z(now));
            if let Value::Array(actions) = &mut mail["entityActions"] {
                let state = format!("reported_{classification}");
                actions.push(mail_action("report_mis_classification", &state, now));
            }
        }
    }
    api::success(request_id, 0, "", &[(); 0])
}

/// `requestData.{name}`, which must be one of `known`.
fn one_of(data: &Map<String, Value>, name: &str, known: &[&str]) -> Result<String, String> {
    match data.get(name).and_then(Value::as_str) {
        Some(value) if known.contains(&value) => Ok(value.to_owned()),
        Some(value) => Err(format!("unknown {name} {:?}", api::clip(value))),
        None => Err(format!("requestData.{name} is required")),
    }
}
