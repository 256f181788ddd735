//! PROVISIONAL: a stand-in for the library API of issue 9, with exactly the names and signatures
//! fixed in `notes/CONTRACT-9.md`, so that the `hec` commands of issue 10 compile and run before
//! hec-proto and hec-blocking gain them.
//!
//! At merge this whole file is deleted: remove `mod provisional_api;` from main.rs and switch
//! every `use crate::provisional_api::{...}` line to `hec_proto::{...}` (ids, queries, models,
//! endpoints, `MAX_ACTION_IDS`); the `ClientActs` import disappears, because the methods become
//! the client's own; `action_outcome_unknown(e)` becomes
//! `matches!(e, Error::ActionOutcomeUnknown { .. })`.
//!
//! It is deliberately simple: it speaks the wire shapes of `HEC-API.md` section 4 well enough for
//! the CLI's tests against a scripted mock, borrows hec-proto's task parser to build response
//! errors (hec-proto has no public constructor for them), and does none of the library's
//! validation beyond the ids.
#![allow(dead_code, missing_docs, clippy::wrong_self_convention, clippy::type_complexity)]

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::fmt;
use std::str::FromStr;
use std::time::SystemTime;

use hec_blocking::Client;
use hec_proto::http;
use hec_proto::{
    AccessToken, BaseUrl, Endpoint, Envelope, Error, ErrorKind, HecTime, InvalidToken, RawJson, RequestId,
    ResponseError, TaskId, TransportKind,
};
use serde_json::value::RawValue;
use serde_json::{Value, json};

// ---- ids -----------------------------------------------------------------------------------

/// Why a text is not an id (entity or event).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct InvalidId(String);

impl fmt::Display for InvalidId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for InvalidId {}

macro_rules! id_type {
    ($name:ident, $noun:literal) => {
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub(crate) struct $name(TaskId);

        impl $name {
            pub(crate) fn new(text: impl Into<String>) -> Result<Self, InvalidId> {
                TaskId::new(text)
                    .map($name)
                    .map_err(|e| InvalidId(e.to_string().replacen("task id", $noun, 1)))
            }

            pub(crate) fn as_str(&self) -> &str {
                self.0.as_str()
            }
        }

        impl FromStr for $name {
            type Err = InvalidId;
            fn from_str(text: &str) -> Result<Self, InvalidId> {
                $name::new(text)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

id_type!(EntityId, "entity id");
id_type!(EventId, "event id");

// ---- queries -------------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum FilterOp {
    Is,
    IsNot,
    Contains,
    GreaterThan,
    IsEmpty,
    Other(String),
}

impl FilterOp {
    pub(crate) fn as_str(&self) -> &str {
        match self {
            FilterOp::Is => "is",
            FilterOp::IsNot => "isNot",
            FilterOp::Contains => "contains",
            FilterOp::GreaterThan => "greaterThan",
            FilterOp::IsEmpty => "isEmpty",
            FilterOp::Other(other) => other,
        }
    }
}

impl FromStr for FilterOp {
    type Err = InvalidId;
    fn from_str(text: &str) -> Result<Self, InvalidId> {
        Ok(match text {
            "is" => FilterOp::Is,
            "isNot" => FilterOp::IsNot,
            "contains" => FilterOp::Contains,
            "greaterThan" => FilterOp::GreaterThan,
            "isEmpty" => FilterOp::IsEmpty,
            "" => return Err(InvalidId("invalid filter: the operator is empty".to_owned())),
            other => FilterOp::Other(other.to_owned()),
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Filter {
    pub(crate) name: String,
    pub(crate) op: FilterOp,
    pub(crate) value: String,
}

impl Filter {
    pub(crate) fn new(name: impl Into<String>, op: FilterOp, value: impl Into<String>) -> Filter {
        Filter { name: name.into(), op, value: value.into() }
    }
}

impl FromStr for Filter {
    type Err = InvalidId;
    fn from_str(text: &str) -> Result<Self, InvalidId> {
        let mut parts = text.splitn(3, ':');
        let (Some(name), Some(op), Some(value)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(InvalidId(format!("invalid filter {text:?}: expected NAME:OP:VALUE")));
        };
        if name.is_empty() {
            return Err(InvalidId(format!("invalid filter {text:?}: the name is empty")));
        }
        Ok(Filter::new(name, op.parse()?, value))
    }
}

fn rfc3339(time: SystemTime) -> String {
    let seconds = match time.duration_since(SystemTime::UNIX_EPOCH) {
        Ok(since) => i64::try_from(since.as_secs()).unwrap_or(i64::MAX),
        Err(before) => -i64::try_from(before.duration().as_secs()).unwrap_or(i64::MAX),
    };
    jiff::Timestamp::from_second(seconds).map_or_else(|_| String::new(), |t| t.to_string())
}

#[derive(Debug, Clone)]
pub(crate) struct EntityQuery {
    saas: String,
    start: SystemTime,
    end: Option<SystemTime>,
    filters: Vec<Filter>,
}

impl EntityQuery {
    pub(crate) fn new(saas: impl Into<String>, start: SystemTime) -> EntityQuery {
        EntityQuery { saas: saas.into(), start, end: None, filters: Vec::new() }
    }
    pub(crate) fn end(mut self, end: SystemTime) -> Self {
        self.end = Some(end);
        self
    }
    pub(crate) fn filter(mut self, filter: Filter) -> Self {
        self.filters.push(filter);
        self
    }
    pub(crate) fn from_is(self, address: impl Into<String>) -> Self {
        self.filter(Filter::new("entityPayload.fromEmail", FilterOp::Is, address))
    }
    pub(crate) fn subject_contains(self, text: impl Into<String>) -> Self {
        self.filter(Filter::new("entityPayload.subject", FilterOp::Contains, text))
    }
    pub(crate) fn recipient_contains(self, address: impl Into<String>) -> Self {
        self.filter(Filter::new("entityPayload.recipients", FilterOp::Contains, address))
    }
    pub(crate) fn message_id_is(self, id: impl Into<String>) -> Self {
        self.filter(Filter::new("entityPayload.internetMessageId", FilterOp::Is, id))
    }

    fn body(&self, cursor: Option<&str>) -> Value {
        let mut filter = json!({"saas": self.saas, "saasEntity": format!("{}_email", self.saas),
                                "startDate": rfc3339(self.start)});
        if let Some(end) = self.end {
            filter["endDate"] = Value::String(rfc3339(end));
        }
        let extended: Vec<Value> = self
            .filters
            .iter()
            .map(|f| json!({"saasAttrName": f.name, "saasAttrOp": f.op.as_str(), "saasAttrValue": f.value}))
            .collect();
        let mut data = json!({"entityFilter": filter, "entityExtendedFilter": extended});
        if let Some(cursor) = cursor {
            data["scrollId"] = Value::String(cursor.to_owned());
        }
        json!({ "requestData": data })
    }
}

#[derive(Debug, Clone)]
pub(crate) struct EventQuery {
    start: SystemTime,
    end: Option<SystemTime>,
    types: Vec<String>,
    states: Vec<String>,
    severities: Vec<u8>,
    saas: Vec<String>,
    ids: Vec<EventId>,
    description: Option<String>,
}

impl EventQuery {
    pub(crate) fn new(start: SystemTime) -> EventQuery {
        EventQuery {
            start,
            end: None,
            types: Vec::new(),
            states: Vec::new(),
            severities: Vec::new(),
            saas: Vec::new(),
            ids: Vec::new(),
            description: None,
        }
    }
    pub(crate) fn end(mut self, end: SystemTime) -> Self {
        self.end = Some(end);
        self
    }
    pub(crate) fn event_type(mut self, value: impl Into<String>) -> Self {
        self.types.push(value.into());
        self
    }
    pub(crate) fn state(mut self, value: impl Into<String>) -> Self {
        self.states.push(value.into());
        self
    }
    pub(crate) fn severity(mut self, value: u8) -> Self {
        self.severities.push(value);
        self
    }
    pub(crate) fn saas(mut self, value: impl Into<String>) -> Self {
        self.saas.push(value.into());
        self
    }
    pub(crate) fn event_id(mut self, value: EventId) -> Self {
        self.ids.push(value);
        self
    }
    pub(crate) fn description(mut self, value: impl Into<String>) -> Self {
        self.description = Some(value.into());
        self
    }

    fn body(&self, cursor: Option<&str>) -> Value {
        let mut data = json!({"startDate": rfc3339(self.start)});
        if let Some(end) = self.end {
            data["endDate"] = Value::String(rfc3339(end));
        }
        let lists: [(&str, Vec<Value>); 5] = [
            ("eventTypes", self.types.iter().map(|v| json!(v)).collect()),
            ("eventStates", self.states.iter().map(|v| json!(v)).collect()),
            ("severities", self.severities.iter().map(|v| json!(v)).collect()),
            ("saas", self.saas.iter().map(|v| json!(v)).collect()),
            ("eventIds", self.ids.iter().map(|v| json!(v.as_str())).collect()),
        ];
        for (name, list) in lists {
            if !list.is_empty() {
                data[name] = Value::Array(list);
            }
        }
        if let Some(description) = &self.description {
            data["description"] = json!(description);
        }
        if let Some(cursor) = cursor {
            data["scrollId"] = json!(cursor);
        }
        json!({ "requestData": data })
    }
}

// ---- models --------------------------------------------------------------------------------

fn text(value: Option<&Value>) -> Option<String> {
    value.and_then(Value::as_str).map(str::to_owned)
}

fn boolean(value: Option<&Value>) -> Option<bool> {
    match value? {
        Value::Bool(b) => Some(*b),
        Value::String(s) if s == "true" => Some(true),
        Value::String(s) if s == "false" => Some(false),
        _ => None,
    }
}

fn id_text(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Entity {
    pub(crate) entity_id: Option<EntityId>,
    pub(crate) saas: Option<String>,
    pub(crate) entity_type: Option<String>,
    pub(crate) created: Option<HecTime>,
    pub(crate) subject: Option<String>,
    pub(crate) from_email: Option<String>,
    pub(crate) from_name: Option<String>,
    pub(crate) recipients: Option<Vec<String>>,
    pub(crate) received: Option<HecTime>,
    pub(crate) internet_message_id: Option<String>,
    pub(crate) is_quarantined: Option<bool>,
    pub(crate) is_restored: Option<bool>,
    pub(crate) verdicts: Option<BTreeMap<String, Option<String>>>,
    pub(crate) available_actions: Vec<String>,
    raw: RawJson,
}

impl Entity {
    pub(crate) fn raw(&self) -> &RawJson {
        &self.raw
    }

    fn from_value(value: &Value, raw: RawJson) -> Result<Entity, String> {
        let info = value.get("entityInfo");
        let payload = value.get("entityPayload");
        fn field<'v>(object: Option<&'v Value>, name: &str) -> Option<&'v Value> {
            object.and_then(|o| o.get(name))
        }
        let recipients = field(payload, "recipients")
            .or_else(|| field(payload, "toRecipients"))
            .and_then(Value::as_array)
            .map(|list| list.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect());
        let verdicts = value
            .pointer("/entitySecurityResult/combinedVerdict")
            .and_then(Value::as_object)
            .map(|map| map.iter().map(|(k, v)| (k.clone(), v.as_str().map(str::to_owned))).collect());
        let available_actions = value
            .get("entityAvailableActions")
            .and_then(Value::as_array)
            .map(|list| list.iter().filter_map(|a| text(a.get("entityActionName"))).collect())
            .unwrap_or_default();
        Ok(Entity {
            entity_id: id_text(field(info, "entityId")).map(EntityId::new).transpose().map_err(|e| e.0)?,
            saas: text(field(info, "saas")),
            entity_type: text(field(info, "saasEntityType")),
            created: text(field(info, "entityCreated")).map(HecTime::new),
            subject: text(field(payload, "subject")),
            from_email: text(field(payload, "fromEmail")),
            from_name: text(field(payload, "fromName")),
            recipients,
            received: text(field(payload, "received")).map(HecTime::new),
            internet_message_id: text(field(payload, "internetMessageId")),
            is_quarantined: boolean(field(payload, "isQuarantined")),
            is_restored: boolean(field(payload, "isRestored")),
            verdicts,
            available_actions,
            raw,
        })
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Event {
    pub(crate) event_id: Option<EventId>,
    pub(crate) event_type: Option<String>,
    pub(crate) state: Option<String>,
    pub(crate) severity: Option<u8>,
    pub(crate) description: Option<String>,
    pub(crate) created: Option<HecTime>,
    pub(crate) entity_id: Option<EntityId>,
    pub(crate) saas: Option<String>,
    pub(crate) available_actions: Vec<String>,
    raw: RawJson,
}

impl Event {
    pub(crate) fn raw(&self) -> &RawJson {
        &self.raw
    }

    fn from_value(value: &Value, raw: RawJson) -> Result<Event, String> {
        let severity = match value.get("severity") {
            Some(Value::Number(n)) => n.as_u64().and_then(|n| u8::try_from(n).ok()),
            Some(Value::String(s)) => s.parse().ok(),
            _ => None,
        };
        let available_actions = value
            .get("availableEventActions")
            .and_then(Value::as_array)
            .map(|list| list.iter().filter_map(|a| text(a.get("actionName"))).collect())
            .unwrap_or_default();
        Ok(Event {
            event_id: id_text(value.get("eventId")).map(EventId::new).transpose().map_err(|e| e.0)?,
            event_type: text(value.get("type")),
            state: text(value.get("state")),
            severity,
            description: text(value.get("description")),
            created: text(value.get("eventCreated")).map(HecTime::new),
            entity_id: id_text(value.get("entityId")).map(EntityId::new).transpose().map_err(|e| e.0)?,
            saas: text(value.get("saas")),
            available_actions,
            raw,
        })
    }
}

#[derive(Debug, Clone)]
pub(crate) struct ActionTask {
    pub(crate) entity_id: Option<EntityId>,
    pub(crate) event_id: Option<EventId>,
    pub(crate) task_id: TaskId,
    raw: RawJson,
}

impl ActionTask {
    pub(crate) fn raw(&self) -> &RawJson {
        &self.raw
    }

    fn from_value(value: &Value, raw: RawJson) -> Result<ActionTask, String> {
        let task_id = id_text(value.get("taskId")).ok_or("an item without taskId")?;
        Ok(ActionTask {
            entity_id: id_text(value.get("entityId")).map(EntityId::new).transpose().map_err(|e| e.0)?,
            event_id: id_text(value.get("eventId")).map(EventId::new).transpose().map_err(|e| e.0)?,
            task_id: TaskId::new(task_id).map_err(|e| e.to_string())?,
            raw,
        })
    }
}

#[derive(Debug, Clone)]
pub(crate) struct ActionResponse {
    pub(crate) envelope: Option<Envelope>,
    pub(crate) tasks: Vec<ActionTask>,
}

impl ActionResponse {
    pub(crate) fn task_ids(&self) -> Vec<TaskId> {
        let mut ids: Vec<TaskId> = Vec::new();
        for task in &self.tasks {
            if !ids.contains(&task.task_id) {
                ids.push(task.task_id.clone());
            }
        }
        ids
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Page<T> {
    pub(crate) envelope: Option<Envelope>,
    pub(crate) items: Vec<T>,
    pub(crate) cursor: Option<String>,
}

#[derive(Debug, Clone)]
pub(crate) struct Scopes {
    pub(crate) envelope: Option<Envelope>,
    pub(crate) scopes: Vec<String>,
}

pub(crate) const MAX_ACTION_IDS: usize = 100;

// ---- endpoints -----------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum EntityAction {
    Quarantine,
    Restore,
    Other(String),
}

impl EntityAction {
    pub(crate) fn as_str(&self) -> &str {
        match self {
            EntityAction::Quarantine => "quarantine",
            EntityAction::Restore => "restore",
            EntityAction::Other(other) => other,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum EventAction {
    Dismiss,
    Other(String),
}

impl EventAction {
    pub(crate) fn as_str(&self) -> &str {
        match self {
            EventAction::Dismiss => "dismiss",
            EventAction::Other(other) => other,
        }
    }
}

const PREFIX: &str = "/app/hec-api/v1.0";

fn build(
    method: http::Method,
    base: &BaseUrl,
    path: &str,
    token: &AccessToken,
    request_id: RequestId,
    body: Option<&Value>,
) -> Result<http::Request<Vec<u8>>, InvalidToken> {
    let authorization = token.authorization().map_err(|_| InvalidToken)?;
    let mut request = http::Request::new(body.map(|b| b.to_string().into_bytes()).unwrap_or_default());
    *request.method_mut() = method;
    *request.uri_mut() =
        http::Uri::try_from(format!("{}{PREFIX}{path}", base.as_str())).map_err(|_| InvalidToken)?;
    let headers = request.headers_mut();
    headers.insert("x-av-req-id", request_id.header_value());
    headers.insert(http::header::AUTHORIZATION, authorization);
    headers.insert(http::header::ACCEPT, http::HeaderValue::from_static("application/json"));
    if body.is_some() {
        headers.insert(http::header::CONTENT_TYPE, http::HeaderValue::from_static("application/json"));
    }
    Ok(request)
}

/// The envelope and the text of `responseData`, or the error hec-proto's task parser makes of
/// the answer.
fn data<B: AsRef<[u8]>>(
    response: &http::Response<B>,
    request_id: RequestId,
) -> Result<(Option<Envelope>, Option<Box<RawValue>>, String), ResponseError> {
    let id = request_id.to_string();
    let refused = || {
        hec_proto::parse_task_response(response, Some(&id)).err().unwrap_or_else(|| malformed(response, &id))
    };
    if !response.status().is_success() {
        return Err(refused());
    }
    let Ok(mut body) = serde_json::from_slice::<HashMap<String, Box<RawValue>>>(response.body().as_ref())
    else {
        return Err(refused());
    };
    let envelope: Option<Envelope> =
        body.get("responseEnvelope").and_then(|e| serde_json::from_str(e.get()).ok());
    if envelope.as_ref().is_some_and(|e| !e.is_success()) {
        return Err(refused());
    }
    Ok((envelope, body.remove("responseData"), id))
}

/// A `Malformed` error (made by hec-proto's task parser from a body that cannot be a task).
fn malformed<B: AsRef<[u8]>>(response: &http::Response<B>, id: &str) -> ResponseError {
    let crafted = http::Response::builder()
        .status(http::StatusCode::OK)
        .body(br#"{"responseData": "provisional: the answer does not have the expected shape"}"#.to_vec())
        .unwrap_or_default();
    let _ = response;
    hec_proto::parse_task_response(&crafted, Some(id)).err().unwrap_or_else(|| not_found(id))
}

fn not_found(id: &str) -> ResponseError {
    let crafted = http::Response::builder()
        .status(http::StatusCode::NOT_FOUND)
        .body(br#"{"responseEnvelope":{"responseCode":200},"responseData":[]}"#.to_vec())
        .unwrap_or_default();
    hec_proto::parse_task_response(&crafted, Some(id)).err().unwrap_or_else(|| not_found(id))
}

fn list<T>(
    data: Option<&RawValue>,
    id: &str,
    response: &http::Response<impl AsRef<[u8]>>,
    each: impl Fn(&Value, RawJson) -> Result<T, String>,
) -> Result<Vec<T>, ResponseError> {
    let Some(data) = data.filter(|d| d.get() != "null") else { return Ok(Vec::new()) };
    let items: Vec<RawJson> = serde_json::from_str(data.get()).map_err(|_| malformed(response, id))?;
    items
        .into_iter()
        .map(|raw| {
            let value: Value = serde_json::from_str(raw.get()).map_err(|_| malformed(response, id))?;
            each(&value, raw).map_err(|_| malformed(response, id))
        })
        .collect()
}

fn page<T, B: AsRef<[u8]>>(
    response: &http::Response<B>,
    request_id: RequestId,
    each: impl Fn(&Value, RawJson) -> Result<T, String>,
) -> Result<Page<T>, ResponseError> {
    let (envelope, data, id) = data(response, request_id)?;
    let items = list(data.as_deref(), &id, response, each)?;
    let cursor = envelope.as_ref().and_then(|e| e.scroll_id.clone());
    Ok(Page { envelope, items, cursor })
}

fn single<T, B: AsRef<[u8]>>(
    response: &http::Response<B>,
    request_id: RequestId,
    each: impl Fn(&Value, RawJson) -> Result<T, String>,
) -> Result<T, ResponseError> {
    let (_, data, id) = data(response, request_id)?;
    let mut items = list(data.as_deref(), &id, response, each)?;
    if items.is_empty() {
        return Err(not_found(&id));
    }
    Ok(items.swap_remove(0))
}

pub(crate) struct GetScopes;

impl Endpoint for GetScopes {
    type Output = Scopes;
    const METHOD: http::Method = http::Method::GET;
    const PATH_TEMPLATE: &'static str = "/app/hec-api/v1.0/scopes";
    fn request(
        &self,
        base: &BaseUrl,
        token: &AccessToken,
        id: RequestId,
    ) -> Result<http::Request<Vec<u8>>, InvalidToken> {
        build(http::Method::GET, base, "/scopes", token, id, None)
    }
    fn parse<B: AsRef<[u8]>>(
        &self,
        response: &http::Response<B>,
        id: RequestId,
    ) -> Result<Scopes, ResponseError> {
        let (envelope, data, text) = data(response, id)?;
        let scopes = list(data.as_deref(), &text, response, |v, _| {
            v.as_str().map(str::to_owned).ok_or_else(String::new)
        })?;
        Ok(Scopes { envelope, scopes })
    }
}

pub(crate) struct SearchEntities {
    pub(crate) query: EntityQuery,
    pub(crate) cursor: Option<String>,
}

impl Endpoint for SearchEntities {
    type Output = Page<Entity>;
    const METHOD: http::Method = http::Method::POST;
    const PATH_TEMPLATE: &'static str = "/app/hec-api/v1.0/search/query";
    fn request(
        &self,
        base: &BaseUrl,
        token: &AccessToken,
        id: RequestId,
    ) -> Result<http::Request<Vec<u8>>, InvalidToken> {
        build(
            http::Method::POST,
            base,
            "/search/query",
            token,
            id,
            Some(&self.query.body(self.cursor.as_deref())),
        )
    }
    fn parse<B: AsRef<[u8]>>(
        &self,
        response: &http::Response<B>,
        id: RequestId,
    ) -> Result<Page<Entity>, ResponseError> {
        page(response, id, Entity::from_value)
    }
}

pub(crate) struct GetEntity(EntityId);

impl GetEntity {
    pub(crate) fn new(id: EntityId) -> Self {
        GetEntity(id)
    }
}

impl Endpoint for GetEntity {
    type Output = Entity;
    const METHOD: http::Method = http::Method::GET;
    const PATH_TEMPLATE: &'static str = "/app/hec-api/v1.0/search/entity/{entityId}";
    fn request(
        &self,
        base: &BaseUrl,
        token: &AccessToken,
        id: RequestId,
    ) -> Result<http::Request<Vec<u8>>, InvalidToken> {
        build(http::Method::GET, base, &format!("/search/entity/{}", self.0), token, id, None)
    }
    fn parse<B: AsRef<[u8]>>(
        &self,
        response: &http::Response<B>,
        id: RequestId,
    ) -> Result<Entity, ResponseError> {
        single(response, id, Entity::from_value)
    }
}

pub(crate) struct ActOnEntities {
    action: EntityAction,
    saas: String,
    ids: Vec<EntityId>,
}

impl ActOnEntities {
    pub(crate) fn new(action: EntityAction, saas: impl Into<String>, ids: Vec<EntityId>) -> Self {
        ActOnEntities { action, saas: saas.into(), ids }
    }
}

impl Endpoint for ActOnEntities {
    type Output = ActionResponse;
    const METHOD: http::Method = http::Method::POST;
    const PATH_TEMPLATE: &'static str = "/app/hec-api/v1.0/action/entity";
    const IDEMPOTENT: bool = false;
    fn request(
        &self,
        base: &BaseUrl,
        token: &AccessToken,
        id: RequestId,
    ) -> Result<http::Request<Vec<u8>>, InvalidToken> {
        let ids: Vec<&str> = self.ids.iter().map(EntityId::as_str).collect();
        let body = json!({"requestData": {"entityIds": ids, "entityType": format!("{}_email", self.saas),
                                          "entityActionName": self.action.as_str()}});
        build(http::Method::POST, base, "/action/entity", token, id, Some(&body))
    }
    fn parse<B: AsRef<[u8]>>(
        &self,
        response: &http::Response<B>,
        id: RequestId,
    ) -> Result<ActionResponse, ResponseError> {
        let page = page(response, id, ActionTask::from_value)?;
        Ok(ActionResponse { envelope: page.envelope, tasks: page.items })
    }
}

pub(crate) struct QueryEvents {
    pub(crate) query: EventQuery,
    pub(crate) cursor: Option<String>,
}

impl Endpoint for QueryEvents {
    type Output = Page<Event>;
    const METHOD: http::Method = http::Method::POST;
    const PATH_TEMPLATE: &'static str = "/app/hec-api/v1.0/event/query";
    fn request(
        &self,
        base: &BaseUrl,
        token: &AccessToken,
        id: RequestId,
    ) -> Result<http::Request<Vec<u8>>, InvalidToken> {
        build(
            http::Method::POST,
            base,
            "/event/query",
            token,
            id,
            Some(&self.query.body(self.cursor.as_deref())),
        )
    }
    fn parse<B: AsRef<[u8]>>(
        &self,
        response: &http::Response<B>,
        id: RequestId,
    ) -> Result<Page<Event>, ResponseError> {
        page(response, id, Event::from_value)
    }
}

pub(crate) struct GetEvent(EventId);

impl GetEvent {
    pub(crate) fn new(id: EventId) -> Self {
        GetEvent(id)
    }
}

impl Endpoint for GetEvent {
    type Output = Event;
    const METHOD: http::Method = http::Method::GET;
    const PATH_TEMPLATE: &'static str = "/app/hec-api/v1.0/event/{eventId}";
    fn request(
        &self,
        base: &BaseUrl,
        token: &AccessToken,
        id: RequestId,
    ) -> Result<http::Request<Vec<u8>>, InvalidToken> {
        build(http::Method::GET, base, &format!("/event/{}", self.0), token, id, None)
    }
    fn parse<B: AsRef<[u8]>>(
        &self,
        response: &http::Response<B>,
        id: RequestId,
    ) -> Result<Event, ResponseError> {
        single(response, id, Event::from_value)
    }
}

pub(crate) struct ActOnEvents {
    action: EventAction,
    ids: Vec<EventId>,
}

impl ActOnEvents {
    pub(crate) fn new(action: EventAction, ids: Vec<EventId>) -> Self {
        ActOnEvents { action, ids }
    }
}

impl Endpoint for ActOnEvents {
    type Output = ActionResponse;
    const METHOD: http::Method = http::Method::POST;
    const PATH_TEMPLATE: &'static str = "/app/hec-api/v1.0/action/event";
    const IDEMPOTENT: bool = false;
    fn request(
        &self,
        base: &BaseUrl,
        token: &AccessToken,
        id: RequestId,
    ) -> Result<http::Request<Vec<u8>>, InvalidToken> {
        let ids: Vec<&str> = self.ids.iter().map(EventId::as_str).collect();
        let body = json!({"requestData": {"eventIds": ids, "eventActionName": self.action.as_str()}});
        build(http::Method::POST, base, "/action/event", token, id, Some(&body))
    }
    fn parse<B: AsRef<[u8]>>(
        &self,
        response: &http::Response<B>,
        id: RequestId,
    ) -> Result<ActionResponse, ResponseError> {
        let page = page(response, id, ActionTask::from_value)?;
        Ok(ActionResponse { envelope: page.envelope, tasks: page.items })
    }
}

// ---- paging (only what the CLI's tests use) ---------------------------------------------------

pub(crate) trait PagedQuery {
    type Call;
    type Item;
    fn call(&self, cursor: Option<String>) -> Self::Call;
}

impl PagedQuery for EntityQuery {
    type Call = SearchEntities;
    type Item = Entity;
    fn call(&self, cursor: Option<String>) -> SearchEntities {
        SearchEntities { query: self.clone(), cursor }
    }
}

impl PagedQuery for EventQuery {
    type Call = QueryEvents;
    type Item = Event;
    fn call(&self, cursor: Option<String>) -> QueryEvents {
        QueryEvents { query: self.clone(), cursor }
    }
}

pub(crate) struct Pager<Q> {
    query: Q,
    started: bool,
}

impl<Q: PagedQuery> Pager<Q> {
    pub(crate) fn new(query: Q) -> Self {
        Pager { query, started: false }
    }
    /// The first call only (the CLI's tests need no more).
    pub(crate) fn next_call(&mut self) -> Option<Q::Call> {
        if self.started {
            return None;
        }
        self.started = true;
        Some(self.query.call(None))
    }
}

// ---- the driver's methods ------------------------------------------------------------------

/// Items of a paged search, one page fetched at a time; ends on `""`, a null or missing cursor,
/// a cursor seen before, an empty page, or after the first error.
pub(crate) struct Paged<'a, T> {
    fetch: Box<dyn FnMut(Option<String>) -> Result<Page<T>, Error> + 'a>,
    buffer: VecDeque<T>,
    cursor: Option<String>,
    seen: HashSet<String>,
    done: bool,
}

impl<T> Iterator for Paged<'_, T> {
    type Item = Result<T, Error>;
    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(item) = self.buffer.pop_front() {
                return Some(Ok(item));
            }
            if self.done {
                return None;
            }
            match (self.fetch)(self.cursor.take()) {
                Err(error) => {
                    self.done = true;
                    return Some(Err(error));
                }
                Ok(page) => {
                    let next = page.cursor.filter(|c| !c.is_empty());
                    self.done =
                        page.items.is_empty() || next.as_ref().is_none_or(|c| !self.seen.insert(c.clone()));
                    self.cursor = next;
                    self.buffer.extend(page.items);
                }
            }
        }
    }
}

pub(crate) type EntitySearch<'a> = Paged<'a, Entity>;
pub(crate) type EventSearch<'a> = Paged<'a, Event>;

/// The methods hec-blocking's `Client` gains in issue 9, with the contract's signatures.
pub(crate) trait ClientActs {
    fn scopes(&self) -> Result<Vec<String>, Error>;
    fn search_entities(&self, query: EntityQuery) -> EntitySearch<'_>;
    fn get_entity(&self, id: &EntityId) -> Result<Entity, Error>;
    fn act_on_entities(
        &self,
        action: EntityAction,
        saas: &str,
        ids: &[EntityId],
    ) -> impl Iterator<Item = Result<ActionResponse, Error>>;
    fn search_events(&self, query: EventQuery) -> EventSearch<'_>;
    fn get_event(&self, id: &EventId) -> Result<Event, Error>;
    fn act_on_events(
        &self,
        action: EventAction,
        ids: &[EventId],
    ) -> impl Iterator<Item = Result<ActionResponse, Error>>;
}

impl ClientActs for Client {
    fn scopes(&self) -> Result<Vec<String>, Error> {
        self.execute(&GetScopes).map(|s| s.scopes)
    }
    fn search_entities(&self, query: EntityQuery) -> EntitySearch<'_> {
        Paged {
            fetch: Box::new(move |cursor| self.execute(&SearchEntities { query: query.clone(), cursor })),
            buffer: VecDeque::new(),
            cursor: None,
            seen: HashSet::new(),
            done: false,
        }
    }
    fn get_entity(&self, id: &EntityId) -> Result<Entity, Error> {
        self.execute(&GetEntity::new(id.clone()))
    }
    fn act_on_entities(
        &self,
        action: EntityAction,
        saas: &str,
        ids: &[EntityId],
    ) -> impl Iterator<Item = Result<ActionResponse, Error>> {
        let saas = saas.to_owned();
        let ids = ids.to_vec();
        let client = self.clone();
        let mut sent = 0;
        std::iter::from_fn(move || {
            if sent >= ids.len() {
                return None;
            }
            let end = (sent + MAX_ACTION_IDS).min(ids.len());
            let answer =
                client.execute(&ActOnEntities::new(action.clone(), saas.clone(), ids[sent..end].to_vec()));
            sent = if answer.is_err() { ids.len() } else { end };
            Some(answer)
        })
    }
    fn search_events(&self, query: EventQuery) -> EventSearch<'_> {
        Paged {
            fetch: Box::new(move |cursor| self.execute(&QueryEvents { query: query.clone(), cursor })),
            buffer: VecDeque::new(),
            cursor: None,
            seen: HashSet::new(),
            done: false,
        }
    }
    fn get_event(&self, id: &EventId) -> Result<Event, Error> {
        self.execute(&GetEvent::new(id.clone()))
    }
    fn act_on_events(
        &self,
        action: EventAction,
        ids: &[EventId],
    ) -> impl Iterator<Item = Result<ActionResponse, Error>> {
        let ids = ids.to_vec();
        let client = self.clone();
        let mut sent = 0;
        std::iter::from_fn(move || {
            if sent >= ids.len() {
                return None;
            }
            let end = (sent + MAX_ACTION_IDS).min(ids.len());
            let answer = client.execute(&ActOnEvents::new(action.clone(), ids[sent..end].to_vec()));
            sent = if answer.is_err() { ids.len() } else { end };
            Some(answer)
        })
    }
}

/// Whether a failed action may have run (the contract's `Error::ActionOutcomeUnknown`): here,
/// the outcomes the contract lists (a timeout, a 5xx, a connection dropped, a malformed answer).
pub(crate) fn action_outcome_unknown(error: &Error) -> bool {
    match error {
        Error::Transport(error) => error.kind != TransportKind::Connect && error.kind != TransportKind::Tls,
        Error::Response(error) => matches!(error.kind(), ErrorKind::ServerError | ErrorKind::Malformed),
        _ => false,
    }
}
