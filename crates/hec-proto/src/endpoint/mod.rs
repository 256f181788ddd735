//! The endpoints: each a small value that implements [`Endpoint`], building its `http::Request`
//! and parsing its `http::Response` with the one error model of
//! [`ResponseError`]. A driver sends any endpoint through one loop. Every request is built by
//! one method, [`Endpoint::request`]: an endpoint names only its path (when it holds ids) and
//! its body.
//!
//! Endpoints come in families, each one generic shape: [`Paged`] (one page of a [`PagedQuery`]),
//! [`Get`] (one object by a [`ReadById`] id, answered as the object or a list of one),
//! [`Collection`] (a whole collection a [`ReadList`] names, `collection.rs`), [`Act`] (an
//! [`ActionKind`] on a list of ids) and [`Write`] (a [`WriteKind`] change: a body, a documented
//! envelope code, never resent). A family member is a type alias and a few lines that name its
//! path and fields: [`SearchEntities`], [`GetEntity`], [`ActOnEntities`] (`entity.rs`);
//! [`SearchEvents`], [`GetEvent`], [`ActOnEvents`] (`event.rs`); and the allow and block lists,
//! in one file per family: anti-phishing ([`ListApExceptions`], [`GetApException`],
//! [`CreateApException`], [`ModifyApException`], [`DeleteApException`]: `ap_exception.rs`),
//! security tools ([`GetToolException`], [`ListToolExceptions`], [`CreateToolException`],
//! [`UpdateToolException`], [`DeleteToolException`], [`DeleteToolExceptions`]:
//! `tool_exception.rs`), anomaly ([`ListAnomalyExceptions`], [`CreateAnomalyException`],
//! [`DeleteAnomalyExceptions`]: `anomaly_exception.rs`) and click-time protection
//! ([`ListCtpLists`], [`GetCtpList`], [`ListCtpItems`], [`GetCtpItem`], [`CreateCtpItem`],
//! [`UpdateCtpItem`], [`DeleteCtpItem`], [`DeleteCtpItems`], [`DeleteCtpLists`]:
//! `click_time.rs`); the mis-classification report ([`ReportMisclassification`], a write:
//! `report.rs`). The endpoints of their own shape are [`GetTask`] (`task.rs`),
//! [`GetScopes`] (`scopes.rs`), the notification ([`Notify`]: `notify.rs`, a bare `{"ok"}`
//! answer), the .eml download ([`DownloadEntity`]: `download.rs`, a streamed body) and the token request ([`token_request`],
//! [`parse_token_response`]: `auth.rs`, outside the API prefix). Every answer passes one status
//! check (`response.rs`), every list answer one reader (`list.rs`) and every write's answer one
//! reader (`written.rs`).

/// A path below the gateway's base URL under [`API_PREFIX`], as a literal (so constants and
/// templates are built from the one prefix): `api_path!("/task/")`.
macro_rules! api_path {
    ($path:literal) => {
        concat!("/app/hec-api/v1.0", $path)
    };
}

pub(crate) mod act;
pub(crate) mod anomaly_exception;
pub(crate) mod ap_exception;
pub(crate) mod auth;
pub(crate) mod body;
pub(crate) mod click_time;
pub(crate) mod collection;
pub(crate) mod download;
pub(crate) mod entity;
pub(crate) mod event;
pub(crate) mod get;
pub(crate) mod list;
pub(crate) mod notify;
pub(crate) mod paged;
pub(crate) mod report;
pub(crate) mod response;
pub(crate) mod scopes;
pub(crate) mod task;
pub(crate) mod tool_exception;
pub(crate) mod write;
pub(crate) mod written;

pub use act::{Act, ActionKind};
pub use anomaly_exception::{
    AllAnomalyExceptions, CreateAnomalyException, DeleteAnomalyExceptions, ListAnomalyExceptions,
};
pub use ap_exception::{
    CreateApException, DeleteApException, GetApException, ListApExceptions, ModifyApException,
};
pub use auth::{AUTH_PATH, MIN_TOKEN_CHARS, TokenGrant, parse_token_response, token_request};
pub use click_time::{
    AllCtpItems, AllCtpLists, CreateCtpItem, DeleteCtpItem, DeleteCtpItems, DeleteCtpLists, GetCtpItem,
    GetCtpList, ListCtpItems, ListCtpLists, UpdateCtpItem,
};
pub use collection::{Collection, ReadList};
pub use download::{DOWNLOAD_PATH_TEMPLATE, DownloadAnswer, DownloadEntity, DownloadMeter, FollowUrl};
pub use entity::{ActOnEntities, GetEntity, SearchEntities};
pub use event::{ActOnEvents, GetEvent, SearchEvents};
pub use get::{Get, ReadById};
pub use notify::Notify;
pub use paged::{CursorField, MAX_CURSOR_BYTES, Paged, PagedQuery};
pub use report::ReportMisclassification;
pub use scopes::{GetScopes, Scopes};
pub use task::{GetTask, TASK_PATH, TaskResponse, parse_task_response};
pub use tool_exception::{
    CreateToolException, DeleteToolException, DeleteToolExceptions, GetToolException, ListToolExceptions,
    UpdateToolException,
};
pub use write::{Write, WriteKind, Written};

use std::borrow::Cow;

use crate::base_url::BaseUrl;
use crate::model::task_id::TaskId;
use crate::request_id::RequestId;
use crate::response_error::ResponseError;
use crate::secret::{AccessToken, InvalidTokenHeader};

/// The prefix of every API path below the gateway's base URL.
pub const API_PREFIX: &str = api_path!("");

/// The most ids the drivers send in one action request ([`Act::into_batches`]). The service's own limit is undocumented; 100 is what a
/// request of well-known size looks like, not a limit anyone has measured.
///
pub const MAX_ACTION_IDS: usize = 100;

/// One call of an API endpoint below [`API_PREFIX`]: what to send, and how to read the answer.
///
/// Every attempt sends a fresh [`RequestId`] (`x-av-req-id`); the same id is passed to
/// [`Endpoint::parse`] so that an error names it even when the body does not echo it.
///
/// ```
/// use hec_proto::endpoint::{Endpoint, GetTask};
/// use hec_proto::{AccessToken, Region, RequestId, TaskStatus};
/// let call = GetTask::new("1691529376887109".parse()?);
/// let id = RequestId::new();
/// let request = call.request(&Region::Eu.base_url(), &AccessToken::new("made-up"), id)?;
/// assert_eq!(request.uri().path(), "/app/hec-api/v1.0/task/1691529376887109");
/// assert_eq!(request.headers()["x-av-req-id"], id.to_string().as_str());
///
/// let response = http::Response::new(br#"{"responseEnvelope":{"responseCode":200},
///     "responseData":{"id":1691529376887109,"status":"completed"}}"#.to_vec());
/// assert_eq!(call.parse(&response, id)?.task.status, Some(TaskStatus::Completed));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait Endpoint {
    /// What a successful answer parses to.
    type Output;
    /// The HTTP method.
    const METHOD: http::Method;
    /// The path template below the base URL, for logs and tracing (ids stay out of it), e.g.
    /// `/app/hec-api/v1.0/task/{taskId}`.
    const PATH_TEMPLATE: &'static str;
    /// Whether sending the request twice is harmless. An action is not: a driver never resends
    /// one that may have reached the service (see [`Call::not_idempotent`](crate::policy::Call::not_idempotent)).
    const IDEMPOTENT: bool = true;

    /// The path below the base URL this call requests: [`Endpoint::PATH_TEMPLATE`] unless the
    /// endpoint's path holds ids (then it says which, validated values only).
    fn request_path(&self) -> Cow<'_, str> {
        Cow::Borrowed(Self::PATH_TEMPLATE)
    }

    /// The whole JSON body (`{"requestData": {...}}`), or `None` (the default) for none.
    fn request_body(&self) -> Option<Vec<u8>> {
        None
    }

    /// The request for one attempt: `METHOD {base}{request_path}` with `x-av-req-id:
    /// request_id`, a sensitive `Authorization: Bearer` header, `Accept: application/json`
    /// and, with a [`request_body`](Endpoint::request_body), `Content-Type: application/json`.
    /// Every endpoint's is built so: the same headers everywhere.
    fn request(
        &self,
        base: &BaseUrl,
        token: &AccessToken,
        request_id: RequestId,
    ) -> Result<http::Request<Vec<u8>>, InvalidTokenHeader> {
        api_request(Self::METHOD, base, &self.request_path(), token, request_id, self.request_body())
    }

    /// The task this call is about, if it is about one ([`GetTask`]: its id), so
    /// that a driver's log line names it.
    fn about_task(&self) -> Option<&TaskId> {
        None
    }

    /// Reads the answer: the HTTP status, then the envelope's `responseCode`, then the data.
    /// `request_id` is the id the attempt sent, reported when the body does not echo one.
    fn parse<B: AsRef<[u8]>>(
        &self,
        response: &http::Response<B>,
        request_id: RequestId,
    ) -> Result<Self::Output, ResponseError>;
}

/// Builds an API request: `method {base}{path}` with the common headers and, when given, a JSON
/// body. `path` must already be safe (fixed text and validated ids only).
pub(crate) fn api_request(
    method: http::Method,
    base: &BaseUrl,
    path: &str,
    token: &AccessToken,
    request_id: RequestId,
    body: Option<Vec<u8>>,
) -> Result<http::Request<Vec<u8>>, InvalidTokenHeader> {
    let authorization = token.authorization().map_err(|_| InvalidTokenHeader)?;
    let has_body = body.is_some();
    let mut request = http::Request::new(body.unwrap_or_default());
    *request.method_mut() = method;
    // Validated ids hold only [A-Za-z0-9_-] and a BaseUrl is a checked absolute URL.
    *request.uri_mut() = http::Uri::try_from(base.join(path))
        .expect("a base URL and a path of fixed text and validated ids always form a valid URI");
    let headers = request.headers_mut();
    headers.reserve(4);
    headers.insert("x-av-req-id", request_id.header_value());
    headers.insert(http::header::AUTHORIZATION, authorization);
    headers.insert(http::header::ACCEPT, http::HeaderValue::from_static("application/json"));
    if has_body {
        headers.insert(http::header::CONTENT_TYPE, http::HeaderValue::from_static("application/json"));
    }
    Ok(request)
}

/// Formats a request id on the stack, for an error detail (needed only when the answer is one).
pub(crate) fn with_request_id_text<T>(request_id: RequestId, f: impl FnOnce(&str) -> T) -> T {
    let mut buffer = [0u8; uuid::fmt::Hyphenated::LENGTH];
    f(request_id.as_uuid().hyphenated().encode_lower(&mut buffer))
}
