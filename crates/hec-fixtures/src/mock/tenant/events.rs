//! `POST /event/query` (security events that match a date window and lists of types, states,
//! severities, SaaS and ids, a page at a time) and `GET /event/{id}` (one event).
//!
//! The window is on `eventCreated` (`startDate`, required, and `endDate`, both inclusive). Each
//! list, when sent and not empty, must hold the event's value; severities match as text, so `3`
//! and `"3"` are the same. `description` matches when the event's contains it, ignoring case.
//! Results are newest first.

use std::time::Instant;

use bytes::Bytes;
use http::Response;
use serde_json::{Map, Value};

use super::Records;
use super::reads;
use super::window::Window;
use crate::mock::api;

/// Answers `POST /event/query`.
pub(super) fn query_events(
    records: &Records,
    paging: &mut reads::Paging,
    now: (Instant, jiff::Timestamp),
    request: (&str, &[u8]),
) -> Response<Bytes> {
    reads::page_of(paging, now, request, Query::parse, |query, as_of| {
        records
            .events
            .iter()
            .filter(|record| record.arrived <= as_of && query.matches(record.created, &record.event))
            .map(|record| &record.event)
            .collect()
    })
}

/// Answers `GET /event/{id}`: `[event]`, `[]` for an unknown id, a logical failure for an id no
/// event can have.
pub(super) fn get_event(records: &Records, request_id: &str, id: &str) -> Response<Bytes> {
    reads::one(request_id, "event", id, |id| records.event(id))
}

/// An event query's conditions; an empty list does not filter.
struct Query {
    window: Window,
    types: Vec<String>,
    states: Vec<String>,
    severities: Vec<String>,
    saas: Vec<String>,
    ids: Vec<String>,
    description: Option<String>,
}

impl Query {
    fn parse(data: &Map<String, Value>) -> Result<Query, String> {
        let window = Window::from_fields(data, "requestData")?;
        let ids = list(data, "eventIds")?;
        if ids.iter().any(|id| !api::is_id(id)) {
            return Err("invalid event id in requestData.eventIds".to_owned());
        }
        let description = match data.get("description") {
            None | Some(Value::Null) => None,
            Some(Value::String(text)) => Some(text.to_lowercase()),
            Some(_) => return Err("requestData.description must be a string".to_owned()),
        };
        Ok(Query {
            window,
            types: list(data, "eventTypes")?,
            states: list(data, "eventStates")?,
            severities: list(data, "severities")?,
            saas: list(data, "saas")?,
            ids,
            description,
        })
    }

    /// Whether `event`, created at `created`, is one the query asks for.
    fn matches(&self, created: Option<jiff::Timestamp>, event: &Value) -> bool {
        let one_of = |wanted: &[String], field: &str| {
            wanted.is_empty() || scalar(&event[field]).is_some_and(|value| wanted.contains(&value))
        };
        self.window.contains_time(created)
            && one_of(&self.types, "type")
            && one_of(&self.states, "state")
            && one_of(&self.severities, "severity")
            && one_of(&self.saas, "saas")
            && one_of(&self.ids, "eventId")
            && self.description.as_ref().is_none_or(|wanted| {
                event["description"].as_str().is_some_and(|text| text.to_lowercase().contains(wanted))
            })
    }
}

/// The list `requestData.{name}` as texts: strings and numbers (a lone value counts as a list of
/// one).
fn list(data: &Map<String, Value>, name: &str) -> Result<Vec<String>, String> {
    let items = match data.get(name) {
        None | Some(Value::Null) => return Ok(Vec::new()),
        Some(Value::Array(items)) => items.iter().collect(),
        Some(value) => vec![value],
    };
    items
        .into_iter()
        .map(|item| scalar(item).ok_or_else(|| format!("requestData.{name} must hold strings or numbers")))
        .collect()
}

fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}
