//! `POST /search/query` (mail that matches a SaaS, a date window and extended filters, a page at
//! a time) and `GET /search/entity/{id}` (one e-mail).
//!
//! A query names one SaaS (`entityFilter.saas`; one the tenant does not have finds nothing) and
//! a window on `entityPayload.received` (`entityFilter.startDate`, required, and `endDate`, both
//! inclusive); `entityFilter.saasEntity`, when sent, must be the mail's `saasEntityType`. Every
//! `entityExtendedFilter` item must hold (see [`Filter`]), and the
//! `entityDetectionResolutionFilter` too (see [`Detection`]). Results are newest first.

use std::time::Instant;

use bytes::Bytes;
use http::Response;
use serde_json::Value;

use super::Records;
use super::detection::Detection;
use super::filter::Filter;
use super::reads;
use super::window::Window;

/// Answers `POST /search/query`.
pub(super) fn search(
    records: &Records,
    paging: &mut reads::Paging,
    now: (Instant, jiff::Timestamp),
    request: (&str, &[u8]),
) -> Response<Bytes> {
    // Mail never arrives after the mock starts: every scroll sees all of it.
    reads::page_of(paging, now, request, Query::parse, |query, _as_of| {
        records.mails.iter().filter(|mail| query.matches(mail, records)).collect()
    })
}

/// Answers `GET /search/entity/{id}`: `[entity]`, `[]` for an unknown id, a logical failure for
/// an id no entity can have.
pub(super) fn get_entity(records: &Records, request_id: &str, id: &str) -> Response<Bytes> {
    reads::one(request_id, "entity", id, |id| records.mail(id))
}

/// A search's conditions.
struct Query {
    saas: String,
    saas_entity: Option<String>,
    window: Window,
    filters: Vec<Filter>,
    detection: Detection,
}

impl Query {
    fn parse(data: &serde_json::Map<String, Value>) -> Result<Query, String> {
        let Some(Value::Object(entity_filter)) = data.get("entityFilter") else {
            return Err("requestData.entityFilter is required".to_owned());
        };
        let saas = match entity_filter.get("saas") {
            Some(Value::String(saas)) => saas.clone(),
            Some(_) => return Err("requestData.entityFilter.saas must be a string".to_owned()),
            None => return Err("requestData.entityFilter.saas is required".to_owned()),
        };
        let saas_entity = match entity_filter.get("saasEntity") {
            None | Some(Value::Null) => None,
            Some(Value::String(entity)) => Some(entity.clone()),
            Some(_) => return Err("requestData.entityFilter.saasEntity must be a string".to_owned()),
        };
        let window = Window::from_fields(entity_filter, "requestData.entityFilter")?;
        let filters = match data.get("entityExtendedFilter") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) => items.iter().map(Filter::parse).collect::<Result<_, _>>()?,
            Some(_) => return Err("requestData.entityExtendedFilter must be a list".to_owned()),
        };
        let detection = Detection::parse(data.get("entityDetectionResolutionFilter"))?;
        Ok(Query { saas, saas_entity, window, filters, detection })
    }

    fn matches(&self, mail: &Value, records: &Records) -> bool {
        let info = &mail["entityInfo"];
        info["saas"] == self.saas.as_str()
            && self.saas_entity.as_ref().is_none_or(|entity| info["saasEntityType"] == entity.as_str())
            && self.window.contains(mail["entityPayload"].get("received"))
            && self.filters.iter().all(|filter| filter.matches(mail))
            && self.detection.matches(mail, &records.quarantined_by_analyst)
    }
}
