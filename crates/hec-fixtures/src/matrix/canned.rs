//! Canned answers for the read and batch scenarios, and the paths they are served on: the mock
//! serves them in place of its demo tenant, so a scenario chooses every page, cursor and entity
//! the driver reads. (The action paths are [`super::actions`]'.)

use serde_json::{Value, json};

use crate::mock::{Fault, FaultRule, MockGateway};

/// The path of scopes.
pub(super) const SCOPES: &str = "/app/hec-api/v1.0/scopes";
/// The path of entity searches.
pub(super) const SEARCH: &str = "/app/hec-api/v1.0/search/query";
/// The path prefix of entity reads by id.
pub(super) const ENTITY: &str = "/app/hec-api/v1.0/search/entity/";
/// The path of security event searches.
pub(super) const EVENTS: &str = "/app/hec-api/v1.0/event/query";
/// The path prefix of security event reads by id.
pub(super) const EVENT: &str = "/app/hec-api/v1.0/event/";

/// An answer holding `data`, with `scrollId` `cursor` (left out for `None`).
pub(super) fn answer(data: Value, cursor: Option<&str>) -> String {
    let mut envelope = json!({"requestId": "7f0c9a1e-2b3d-4c5e-8f6a-0b1c2d3e4f5a", "responseCode": 200});
    if let Some(cursor) = cursor {
        envelope["scrollId"] = json!(cursor);
    }
    json!({"responseEnvelope": envelope, "responseData": data}).to_string()
}

/// Entities with the ids `ids` and empty payloads, as a search or read answers them.
pub(super) fn entities(ids: &[&str]) -> Value {
    Value::Array(ids.iter().map(|id| json!({"entityInfo": {"entityId": id}, "entityPayload": {}})).collect())
}

/// The mock answers the `n`-th request to `path` (counted from now) with 200 and `body`.
pub(super) fn serve_nth(mock: &MockGateway, path: &str, n: usize, body: String) {
    mock.fault(FaultRule::on_path(path).nth(n).then(Fault::status(200).json(body)));
}

/// The mock answers every request to `path` with 200 and `body`.
pub(super) fn serve_always(mock: &MockGateway, path: &str, body: String) {
    mock.fault(FaultRule::on_path(path).always().then(Fault::status(200).json(body)));
}

/// The JSON bodies of the requests sent to `path`, in order.
pub(super) fn bodies(mock: &MockGateway, path: &str) -> Vec<Value> {
    mock.requests_to(path)
        .iter()
        .map(|request| serde_json::from_slice(&request.body).expect("a JSON body"))
        .collect()
}
