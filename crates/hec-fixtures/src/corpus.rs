//! The scenarios under `fixtures/`, loaded into typed values.
//!
//! The JSON files are compiled into the library (see `build.rs`), so the corpus needs no files at
//! run time and is the same in the git tree and in the published package.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

mod exceptions;
mod toolkit;
mod files {
    include!(concat!(env!("OUT_DIR"), "/files.rs"));
}

pub use exceptions::{
    ExceptionFamily, ExpectAnomalyException, ExpectApException, ExpectCtpItem, ExpectCtpRow,
    ExpectExceptions, ExpectToolException,
};
pub use toolkit::{
    ExpectDownload, ExpectNotified, ExpectScan, ExpectScanRecord, ExpectToolScan, ExpectWritten,
};

/// One scenario: a request, the response the gateway sends to it, and the outcome a correct client
/// reaches. The format is documented in `fixtures/README.md`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Fixture {
    /// The file name without `.json`, e.g. `live-completed`.
    pub name: &'static str,
    /// What the scenario shows and where its shape comes from.
    pub description: String,
    /// Where the shape comes from: `official`, `vendor-capture`, `peer` or `crafted`.
    pub source: String,
    /// Which endpoint answered.
    pub endpoint: Endpoint,
    /// The wall-clock time a parser is given for this scenario (relative dates depend on it).
    pub now: jiff::Timestamp,
    /// What the request that receives this response looks like.
    pub request: RequestExpectation,
    /// The response, byte for byte.
    pub response: FixtureResponse,
    /// The outcome a correct client reaches.
    pub expect: Expect,
}

/// The endpoint a scenario belongs to (`"endpoint"` in the file: `task`, `token`, `scopes`,
/// `search`, `entity`, `entity_action`, `event_query`, `event`, `event_action`, and the exception
/// endpoints `exception_*`, `sectool_exception_*`, `anomaly_exception_*`, `ctp_*`; the list is in
/// fixtures/README.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Endpoint {
    /// `GET /app/hec-api/v1.0/task/{taskId}`.
    Task,
    /// `POST /auth/external`.
    Token,
    /// `GET /app/hec-api/v1.0/scopes`.
    Scopes,
    /// `POST /app/hec-api/v1.0/search/query`.
    Search,
    /// `GET /app/hec-api/v1.0/search/entity/{entityId}`.
    Entity,
    /// `POST /app/hec-api/v1.0/action/entity`.
    EntityAction,
    /// `POST /app/hec-api/v1.0/event/query`.
    EventQuery,
    /// `GET /app/hec-api/v1.0/event/{eventId}`.
    Event,
    /// `POST /app/hec-api/v1.0/action/event`.
    EventAction,
    /// `GET .../exceptions/{excType}`: every anti-phishing exception of a list.
    ExceptionList,
    /// `GET .../exceptions/{excType}/{excId}`: one anti-phishing exception.
    ExceptionGet,
    /// `POST .../exceptions/{excType}`: a new anti-phishing exception.
    ExceptionCreate,
    /// `PUT .../exceptions/{excType}/{excId}`: an anti-phishing exception changed.
    ExceptionModify,
    /// `POST .../exceptions/{excType}/delete/{excId}`: an anti-phishing exception deleted.
    ExceptionDelete,
    /// `GET .../sectool-exceptions/{sectool}/exceptions/{excType}/{excStr}`: one tool exception.
    SectoolExceptionGet,
    /// `GET .../sectool-exceptions/{sectool}/exceptions/{excType}` (with a JSON body): a page of
    /// tool exceptions.
    SectoolExceptionList,
    /// `POST .../sectool-exceptions/{sectool}`: a new tool exception.
    SectoolExceptionCreate,
    /// `PUT .../sectool-exceptions/{sectool}`: a tool exception changed.
    SectoolExceptionUpdate,
    /// `DELETE .../sectool-exceptions/{sectool}` (with a JSON body): one tool exception deleted.
    SectoolExceptionDelete,
    /// `DELETE .../sectool-exceptions/{sectool}/exceptions` (with a JSON body): several deleted.
    SectoolExceptionDeleteMany,
    /// `GET .../sectools/anomaly/exceptions`: every anomaly rule.
    AnomalyExceptionList,
    /// `POST .../sectools/anomaly/exceptions`: a new anomaly rule.
    AnomalyExceptionCreate,
    /// `DELETE .../sectools/anomaly/exceptions` (with a JSON body): anomaly rules deleted.
    AnomalyExceptionDelete,
    /// `GET .../sectools/click_time_protection/exceptions`: every list, a row per item.
    CtpLists,
    /// `GET .../sectools/click_time_protection/exceptions/{listId}`: one list.
    CtpList,
    /// `GET .../sectools/click_time_protection/exceptions/items`: every item.
    CtpItems,
    /// `GET .../sectools/click_time_protection/exceptions/items/{itemId}`: one item.
    CtpItem,
    /// `POST .../sectools/click_time_protection/exceptions/items`: a new item.
    CtpItemCreate,
    /// `PUT .../sectools/click_time_protection/exceptions/items/{itemId}`: an item changed.
    CtpItemUpdate,
    /// `DELETE .../sectools/click_time_protection/exceptions/items/{itemId}`: an item deleted.
    CtpItemDelete,
    /// `DELETE .../sectools/click_time_protection/exceptions/items` (with a JSON body): several
    /// items deleted.
    CtpItemsDelete,
    /// `DELETE .../sectools/click_time_protection/exceptions`: every list emptied.
    CtpListsDelete,
    /// `POST .../soar/notify`: people told about an entity (a bare `{"ok": bool}` answer).
    Notify,
    /// `POST .../report/mis-classification`: a wrong verdict reported.
    Misclassification,
    /// `GET .../download/entity/{entityId}?original=...`: the .eml download.
    Download,
}

/// The request a scenario's response answers.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct RequestExpectation {
    /// `GET` or `POST`.
    pub method: String,
    /// The path, e.g. `/app/hec-api/v1.0/task/1691529376887109`.
    pub path: String,
    /// Header names (lowercase) the request must carry.
    pub headers: Vec<String>,
    /// The request's JSON body, when the scenario says what it is (the conformance run checks
    /// that the endpoint sends exactly this; `None`: not checked).
    #[serde(default)]
    pub body: Option<serde_json::Value>,
}

/// A response as the gateway sends it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct FixtureResponse {
    /// The HTTP status.
    pub status: u16,
    /// Response headers, in file order.
    pub headers: Vec<(String, String)>,
    /// The exact body bytes.
    pub body: Vec<u8>,
}

impl Fixture {
    /// [`Fixture::now`] as a `SystemTime`, the type hec-proto's parsers take.
    pub fn now_system_time(&self) -> std::time::SystemTime {
        let nanos = u64::try_from(self.now.as_nanosecond()).unwrap_or(0);
        std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_nanos(nanos)
    }
}

impl FixtureResponse {
    /// The response as an `http::Response`, ready for a parser.
    ///
    /// # Panics
    /// Never for a corpus fixture: the loader has already checked the status and header values.
    pub fn to_http(&self) -> http::Response<Vec<u8>> {
        let mut builder = http::Response::builder().status(self.status);
        for (name, value) in &self.headers {
            builder = builder.header(name.as_str(), value.as_str());
        }
        builder.body(self.body.clone()).expect("the corpus loader validated status and headers")
    }
}

/// The expected outcome of a scenario: the checks in `fixtures/README.md`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(tag = "outcome", rename_all = "lowercase")]
#[non_exhaustive]
pub enum Expect {
    /// A task parsed from the response; each present field is checked.
    Task(Box<ExpectTask>),
    /// A token parsed from the response.
    Token(ExpectToken),
    /// A typed error.
    Error(ExpectError),
    /// The scopes of `GET /scopes`.
    Scopes(ExpectScopes),
    /// A page of a search or an event query.
    Page(Box<ExpectPage>),
    /// One entity (`GET /search/entity/{id}`).
    Entity(Box<ExpectEntity>),
    /// One event (`GET /event/{id}`).
    Event(Box<ExpectEvent>),
    /// The answer of an action (`POST /action/entity`, `POST /action/event`).
    Action(ExpectActionAnswer),
    /// The answer of an exception endpoint (any family).
    Exceptions(Box<ExpectExceptions>),
    /// `soar/notify` said `{"ok": true}`.
    Notified(ExpectNotified),
    /// A write's success (`report/mis-classification`).
    Written(ExpectWritten),
    /// A download's answer: the message, or a URL to fetch it from.
    Download(ExpectDownload),
}

/// Checks on the scopes answer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
#[allow(missing_docs)] // Each field is the check of the same name in fixtures/README.md.
pub struct ExpectScopes {
    pub scopes: Option<Vec<String>>,
    #[serde(default, deserialize_with = "present")]
    pub records_number: Option<Option<u64>>,
}

/// Checks on one page of a search or an event query.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
#[allow(missing_docs)] // Each field is the check of the same name in fixtures/README.md.
pub struct ExpectPage {
    pub count: Option<usize>,
    #[serde(default, deserialize_with = "present")]
    pub cursor: Option<Option<String>>,
    pub ids: Option<Vec<String>>,
    pub entities: Option<Vec<ExpectEntity>>,
    pub events: Option<Vec<ExpectEvent>>,
    #[serde(default, deserialize_with = "present")]
    pub records_number: Option<Option<u64>>,
    pub request_id: Option<String>,
}

/// Checks on one entity.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
#[allow(missing_docs)] // Each field is the check of the same name in fixtures/README.md.
pub struct ExpectEntity {
    pub id: Option<String>,
    pub saas: Option<String>,
    #[serde(rename = "type")]
    pub entity_type: Option<String>,
    pub created: Option<String>,
    pub subject: Option<String>,
    pub from_email: Option<String>,
    pub from_name: Option<String>,
    pub recipients: Option<Vec<String>>,
    pub received: Option<String>,
    pub internet_message_id: Option<String>,
    #[serde(default, deserialize_with = "present")]
    pub is_quarantined: Option<Option<bool>>,
    #[serde(default, deserialize_with = "present")]
    pub is_restored: Option<Option<bool>>,
    pub verdicts: Option<BTreeMap<String, Option<String>>>,
    pub available_actions: Option<Vec<String>>,
    pub raw_keys: Option<Vec<String>>,
    #[serde(default, deserialize_with = "present")]
    pub scan: Option<Option<ExpectScan>>,
}

/// Checks on one event.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
#[allow(missing_docs)] // Each field is the check of the same name in fixtures/README.md.
pub struct ExpectEvent {
    pub id: Option<String>,
    #[serde(rename = "type")]
    pub event_type: Option<String>,
    pub state: Option<String>,
    #[serde(default, deserialize_with = "present")]
    pub severity: Option<Option<u8>>,
    pub description: Option<String>,
    pub created: Option<String>,
    pub entity_id: Option<String>,
    pub saas: Option<String>,
    pub available_actions: Option<Vec<String>>,
    pub raw_keys: Option<Vec<String>>,
}

/// Checks on an action's answer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
#[allow(missing_docs)] // Each field is the check of the same name in fixtures/README.md.
pub struct ExpectActionAnswer {
    pub tasks: Option<Vec<ExpectActionTask>>,
    pub task_ids: Option<Vec<String>>,
    pub request_id: Option<String>,
}

/// Checks on one item of an action's answer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
#[allow(missing_docs)] // Each field is the check of the same name in fixtures/README.md.
pub struct ExpectActionTask {
    #[serde(default, deserialize_with = "present")]
    pub entity_id: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub event_id: Option<Option<String>>,
    pub task_id: Option<String>,
}

/// Checks on a parsed task. `None` means "not checked"; `Some(None)` means "must be absent".
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
#[allow(missing_docs)] // Each field is the check of the same name in fixtures/README.md.
pub struct ExpectTask {
    pub id: Option<String>,
    pub status: Option<String>,
    pub terminal: Option<bool>,
    pub name: Option<String>,
    #[serde(rename = "type")]
    pub task_type: Option<String>,
    pub customer: Option<String>,
    pub owner: Option<String>,
    pub progress: Option<u64>,
    pub total: Option<u64>,
    pub succeed: Option<u64>,
    pub failed: Option<u64>,
    pub sequential: Option<bool>,
    pub created: Option<String>,
    pub updated: Option<String>,
    pub created_raw: Option<String>,
    pub updated_raw: Option<String>,
    pub actions: Option<Vec<ExpectAction>>,
    #[serde(default, deserialize_with = "present")]
    pub request_id: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub response_code: Option<Option<i64>>,
    #[serde(default, deserialize_with = "present")]
    pub response_text: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub additional_text: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub records_number: Option<Option<u64>>,
    #[serde(default, deserialize_with = "present")]
    pub scroll_id: Option<Option<String>>,
    pub enveloped: Option<bool>,
    pub extra_fields: Option<Vec<String>>,
    pub faithful: Option<bool>,
}

/// Checks on one action of a parsed task.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
#[allow(missing_docs)] // Each field is the action check of the same name in fixtures/README.md.
pub struct ExpectAction {
    pub id: Option<String>,
    pub name: Option<String>,
    #[serde(rename = "type")]
    pub action_type: Option<String>,
    pub status: Option<String>,
    pub message: Option<String>,
    pub hash_key: Option<String>,
    pub created: Option<String>,
    pub updated: Option<String>,
}

/// Checks on a parsed token.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ExpectToken {
    /// The token's text.
    pub token: Option<String>,
    /// Its lifetime in seconds.
    pub lifetime_secs: Option<u64>,
}

/// Checks on an error.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ExpectError {
    /// The error kind, e.g. `rate_limited`.
    pub kind: String,
    /// The HTTP status.
    pub status: Option<u16>,
    /// The `Retry-After` delay in seconds.
    pub retry_after_secs: Option<u64>,
    /// The envelope's response code.
    pub response_code: Option<i64>,
    /// The envelope's response text.
    pub response_text: Option<String>,
    /// The envelope's request id.
    pub request_id: Option<String>,
    /// For `malformed`: the JSON path that did not fit.
    pub path: Option<String>,
}

/// Turns a present key (even `null`) into `Some`, so `null` can mean "must be absent".
fn present<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}

/// The file as written, before the body is turned into bytes.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFixture {
    description: String,
    source: String,
    endpoint: Endpoint,
    now: Option<jiff::Timestamp>,
    request: RequestExpectation,
    response: RawResponse,
    expect: Option<Expect>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawResponse {
    status: u16,
    #[serde(default)]
    headers: BTreeMap<String, String>,
    body: Option<serde_json::Value>,
    body_text: Option<String>,
}

/// The default `now` of a scenario that does not set one.
const DEFAULT_NOW: jiff::Timestamp = jiff::Timestamp::constant(1_767_225_600, 0); // 2026-01-01T00:00:00Z

/// Why a fixture file is not a valid scenario.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    /// The scenario's name.
    pub name: String,
    /// What is wrong with it.
    pub reason: String,
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "fixture {}: {}", self.name, self.reason)
    }
}

impl std::error::Error for LoadError {}

fn load(name: &'static str, text: &str) -> Result<Fixture, LoadError> {
    let error = |reason: String| LoadError { name: name.to_owned(), reason };
    let raw: RawFixture = serde_json::from_str(text).map_err(|e| error(e.to_string()))?;
    let expect = raw.expect.ok_or_else(|| error("it has no `expect`".to_owned()))?;
    let body = match (raw.response.body, raw.response.body_text) {
        (Some(json), None) => serde_json::to_vec(&json).map_err(|e| error(e.to_string()))?,
        (None, Some(text)) => text.into_bytes(),
        _ => return Err(error("a response needs exactly one of `body` and `body_text`".to_owned())),
    };
    let response = FixtureResponse {
        status: raw.response.status,
        headers: raw.response.headers.into_iter().collect(),
        body,
    };
    // Build it once here so that `to_http` cannot fail later.
    http::StatusCode::from_u16(response.status).map_err(|e| error(e.to_string()))?;
    for (header, value) in &response.headers {
        http::HeaderName::from_bytes(header.as_bytes()).map_err(|e| error(e.to_string()))?;
        http::HeaderValue::from_str(value).map_err(|e| error(e.to_string()))?;
    }
    Ok(Fixture {
        name,
        description: raw.description,
        source: raw.source,
        endpoint: raw.endpoint,
        now: raw.now.unwrap_or(DEFAULT_NOW),
        request: raw.request,
        response,
        expect,
    })
}

fn loaded() -> &'static Result<Vec<Fixture>, LoadError> {
    static CORPUS: OnceLock<Result<Vec<Fixture>, LoadError>> = OnceLock::new();
    CORPUS.get_or_init(|| files::FILES.iter().map(|(name, text)| load(name, text)).collect())
}

/// Every scenario, sorted by name, or the first file that is not a valid scenario.
pub fn try_all() -> Result<&'static [Fixture], LoadError> {
    loaded().as_deref().map_err(Clone::clone)
}

/// Every scenario, sorted by name.
///
/// # Panics
/// If a file under `fixtures/` is not a valid scenario; the crate's own tests make sure none is.
pub fn all() -> &'static [Fixture] {
    match try_all() {
        Ok(all) => all,
        Err(error) => panic!("{error}"),
    }
}

/// The scenario of that name (the file name without `.json`), if there is one.
pub fn get(name: &str) -> Option<&'static Fixture> {
    all().iter().find(|fixture| fixture.name == name)
}
