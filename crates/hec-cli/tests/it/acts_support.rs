//! What the tests of the acting commands share: the API paths, scripted answers for a mock that
//! knows nothing of them (faults with a 200 body), the JSON of made-up mail and events, and the
//! facts of the demo tenant that `--mock` runs against (notes/DEMO-TENANT.md).

use hec_fixtures::mock::{Fault, FaultRule, MockGateway, demo};
use serde_json::Value;

/// `POST` entity search.
pub(crate) const SEARCH: &str = "/app/hec-api/v1.0/search/query";
/// `GET` one entity (the id follows).
pub(crate) const ENTITY: &str = "/app/hec-api/v1.0/search/entity/";
/// `POST` an action on entities.
pub(crate) const ACT_ON_ENTITIES: &str = "/app/hec-api/v1.0/action/entity";
/// `POST` event search.
pub(crate) const EVENT_QUERY: &str = "/app/hec-api/v1.0/event/query";
/// `GET` one event (the id follows).
pub(crate) const EVENT: &str = "/app/hec-api/v1.0/event/";
/// `POST` an action on events.
pub(crate) const ACT_ON_EVENTS: &str = "/app/hec-api/v1.0/action/event";
/// `GET` the scopes.
pub(crate) const SCOPES: &str = "/app/hec-api/v1.0/scopes";
/// The prefix of every API path (the exception lists' paths follow it).
pub(crate) const API: &str = "/app/hec-api/v1.0";

/// The demo tenant's phishing campaign: its sender.
pub(crate) const CAMPAIGN_SENDER: &str = demo::CAMPAIGN_SENDER;
/// How many e-mails the campaign has.
pub(crate) const CAMPAIGN_SIZE: usize = demo::CAMPAIGN_ENTITY_IDS.len();
/// How many of the campaign are quarantined when the mock starts.
pub(crate) const CAMPAIGN_QUARANTINED: usize = demo::QUARANTINED_CAMPAIGN_ENTITY_IDS.len();
/// The demo tenant's one scope.
pub(crate) const DEMO_SCOPE: &str = demo::SCOPE;
/// The task the demo tenant's first action request creates (the next one ends in 1001).
pub(crate) const FIRST_ACTION_TASK: &str = demo::FIRST_ACTION_TASK_ID;

/// An HTTP 200 answer: an envelope (with `scrollId` as this raw JSON, or without one) around
/// `data` (raw JSON).
pub(crate) fn answer(data: &str, scroll_id: Option<&str>) -> Fault {
    let scroll = scroll_id.map(|id| format!(r#","scrollId":{id}"#)).unwrap_or_default();
    Fault::status(200)
        .json(format!(
            r#"{{"responseEnvelope":{{"responseCode":200,"responseText":""{scroll}}},"responseData":{data}}}"#
        ))
        .into()
}

/// The live-style logical failure: HTTP 200, `responseCode` 422, an empty `responseData`.
pub(crate) fn refusal() -> Fault {
    Fault::status(200)
        .json(r#"{"responseEnvelope":{"responseCode":422,"responseText":"Unprocessable entity"},"responseData":[]}"#)
        .into()
}

/// Answers the requests to `path` with `answers`, the first request with the first one.
pub(crate) fn script(mock: &MockGateway, path: &str, answers: Vec<Fault>) {
    for (n, answer) in answers.into_iter().enumerate() {
        mock.fault(FaultRule::on_path(path).nth(n + 1).then(answer));
    }
}

/// An e-mail as the service shapes it.
pub(crate) fn entity(id: &str, subject: &str, quarantined: bool) -> String {
    format!(
        r#"{{"entityInfo":{{"entityId":"{id}","saas":"office365_emails","saasEntityType":"office365_emails_email"}},"entityPayload":{{"subject":"{subject}","fromEmail":"payroll@evil.example","received":"2026-01-01T07:00:00Z","isQuarantined":{quarantined}}}}}"#
    )
}

/// A security event as the service shapes it.
pub(crate) fn event(id: &str, kind: &str, severity: &str) -> String {
    format!(
        r#"{{"eventId":"{id}","type":"{kind}","state":"new","severity":"{severity}","description":"Phishing from payroll@evil.example","eventCreated":"2026-01-01T07:00:05Z","entityId":"e1"}}"#
    )
}

/// An id made of `n` in 32 hex characters.
pub(crate) fn hex_id(n: usize) -> String {
    format!("{n:032x}")
}

/// The `requestData` of each request the mock received on `path`.
pub(crate) fn request_data(mock: &MockGateway, path: &str) -> Vec<Value> {
    mock.requests_to(path)
        .into_iter()
        .map(|request| {
            let body: Value = serde_json::from_slice(&request.body).expect("a JSON request body");
            body["requestData"].clone()
        })
        .collect()
}

/// A JSON list of texts.
pub(crate) fn texts(list: &Value) -> Vec<String> {
    list.as_array()
        .map(|items| items.iter().map(|item| item.as_str().unwrap_or("?").to_owned()).collect())
        .unwrap_or_default()
}

/// The method and JSON body (`Null` for none) of each request the mock received on exactly
/// `API` + `path` (not on the paths below it), in order.
pub(crate) fn sent(mock: &MockGateway, path: &str) -> Vec<(String, Value)> {
    let path = format!("{API}{path}");
    mock.requests_to(&path)
        .into_iter()
        .filter(|request| request.path == path)
        .map(|request| {
            let body = if request.body.is_empty() {
                Value::Null
            } else {
                serde_json::from_slice(&request.body).expect("a JSON request body")
            };
            (request.method.to_string(), body)
        })
        .collect()
}
