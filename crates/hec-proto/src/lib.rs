//! The Check Point Harmony Email & Collaboration (HEC) API as a deterministic protocol core.
//!
//! hec-proto never opens a socket, reads the clock, sleeps or spawns. It builds
//! [`http::Request`] values, parses [`http::Response`] values, and (in its policies) decides what
//! to do next from a `now` the caller passes in. Any HTTP client can drive it: the `hec-blocking`
//! (ureq) and `hec-async` (reqwest) crates do, and so can a closure in a test.
//!
//! What it speaks (sources and quirks in the repository's `docs/HEC-API.md`):
//! - [`endpoint::token_request`] / [`endpoint::parse_token_response`]: `POST /auth/external`, an
//!   API key for a 30-minute bearer token.
//! - [`endpoint::GetTask`]: `GET /app/hec-api/v1.0/task/{taskId}`, the "action execution
//!   status" of a task, in every shape the service and its documentation use.
//! - Finding and acting, each an [`endpoint::Endpoint`] of one of three generic families (paged
//!   queries, get-by-id, act-on-ids): [`endpoint::GetScopes`] (`GET /scopes`),
//!   [`endpoint::SearchEntities`] (`POST /search/query`, built from an [`EntityQuery`] with
//!   [`Filter`]s), [`endpoint::GetEntity`] (`GET /search/entity/{entityId}`),
//!   [`endpoint::ActOnEntities`] (`POST /action/entity`: quarantine, restore),
//!   [`endpoint::SearchEvents`] (`POST /event/query`, from an [`EventQuery`]),
//!   [`endpoint::GetEvent`] (`GET /event/{eventId}`) and [`endpoint::ActOnEvents`] (`POST
//!   /action/event`: dismiss). They answer [`Entity`], [`Event`], a [`Page`] of them, or an
//!   [`ActionResponse`] whose [`ActionTask`]s name the tasks to watch; each object keeps its
//!   [`model::RawJson`] and serializes to it.
//! - The allow and block lists, in two more families ([`endpoint::Collection`]: a collection read
//!   whole; [`endpoint::Write`]: a change judged by its envelope code, never resent once it may
//!   have run) and the three above: anti-phishing exceptions ([`endpoint::ListApExceptions`],
//!   [`endpoint::CreateApException`]... of [`model::ApException`], built from
//!   [`model::ApExceptionCriteria`]), security-tool exceptions ([`endpoint::GetToolException`],
//!   [`endpoint::ListToolExceptions`], a `GET` with a body paged by `lastEvaluatedKey`...),
//!   anomaly exceptions ([`endpoint::ListAnomalyExceptions`]...) and click-time-protection
//!   lists ([`endpoint::ListCtpLists`], [`endpoint::GetCtpItem`]...); each object keeps its raw
//!   JSON, each request body refuses to be empty, and every id or key that goes into a path is
//!   validated ([`model::ExceptionId`], [`model::ToolExceptionKey`]...).
//! - The analyst's toolkit: an entity's scan results ([`Entity::scan_results`], a
//!   [`model::ScanResults`] over its `entitySecurityResult`), the .eml download
//!   ([`endpoint::DownloadEntity`]: the message streamed by the driver, the legacy URL answer
//!   followed to https only without the token; [`policy::Download`] decides the whole download
//!   for both drivers), [`endpoint::Notify`] (`POST /soar/notify`),
//!   [`endpoint::ReportMisclassification`] (`POST /report/mis-classification`), the entity
//!   action `decline_restore_request` with its reason, and the search's detection filter
//!   ([`EntityQuery::cp_detection`]...).
//! - Typed values: [`Region`] and [`BaseUrl`], [`TaskId`], [`EntityId`] and [`EventId`] (none can
//!   ever change a request's path), [`RequestId`], and the secrets [`Credentials`] and
//!   [`AccessToken`], which never print.
//! - One [`ResponseError`] whose variants say what to do next, each with the status, the envelope's code
//!   and texts, the request id and a secret-free body excerpt.
//! - Policies as state machines that take `now` and return what to do, shared by every driver:
//!   [`policy::TokenCache`] (fetch, renew 60 s early, forget a refused token), [`policy::Call`] with
//!   [`policy::RetryPolicy`] (one refresh on 401; jittered backoff on 429/502/503/504 and broken
//!   connections, `Retry-After` honoured, never past the deadline; an action is retried only
//!   when it provably did not run, see [`policy::may_have_run`]), [`policy::Waiter`] with [`policy::WaitPolicy`] (poll,
//!   back off from 1 s to 15 s, report changes, stop at a terminal state or the timeout),
//!   [`policy::WaitSet`] (many tasks at once, a `Waiter` each, every outcome reported once),
//!   [`policy::Backpressure`] (a client-wide limit on requests in flight that halves on 429 and 503, and
//!   a pause for every caller when the service asks for one), [`policy::Pager`] (the next page's
//!   request; stops on every form of "last page"), and [`policy::Feed`] (following events
//!   window after window: the next query, the events not emitted before, a versioned
//!   [`policy::FeedCheckpoint`] to resume from). [`Error`] is the error a driver returns.
//! - [`redact::Secrets`]: the one redactor every text from the server passes before it reaches an error;
//!   the [`policy::TokenCache`] fills it with the access key and every token, and drivers apply
//!   [`Error::redacted`] to what they return.
//!
//! # Layout
//!
//! The public paths are the layers: [`endpoint`] (each an [`endpoint::Endpoint`] that builds its
//! request and parses its answer, in five generic families), [`model`] (the objects, ids and
//! queries the API sends and takes, each object keeping its [`model::RawJson`]), [`policy`] (the
//! state machines: token, call and retry, wait, many-task wait, backpressure, paging),
//! [`config`] (what a driver is configured with) and [`redact`] (the one redactor). The crate
//! root re-exports what a first program needs: the configuration, the ids, the queries, the
//! main models and the errors. [`ResponseError`] is what a response said; [`Error`] is what a
//! driver's call returns. A private `wire/` holds what every endpoint shares on the wire.
//!
//! # Embedding only the protocol crate
//!
//! Bring your own HTTP client; here a closure stands in for it.
//!
//! ```
//! use std::time::SystemTime;
//! use hec_proto::endpoint::{parse_token_response, token_request, Endpoint, GetTask};
//! use hec_proto::{BaseUrl, Credentials, RequestId, TaskStatus};
//!
//! // Your HTTP client: takes an http::Request<Vec<u8>>, returns an http::Response<Vec<u8>>.
//! let send = |request: http::Request<Vec<u8>>| -> http::Response<Vec<u8>> {
//!     let body: &[u8] = match request.uri().path() {
//!         "/auth/external" => br#"{"success":true,"data":{"token":"made-up-token-0123456789","expiresIn":1800}}"#,
//!         _ => br#"{"responseEnvelope":{"responseCode":200},
//!                   "responseData":{"id":1691529376887109,"status":"completed","progress":1,"total":1}}"#,
//!     };
//!     http::Response::new(body.to_vec())
//! };
//!
//! let base: BaseUrl = "https://cloudinfra-gw.portal.checkpoint.com".parse()?;
//! let grant = parse_token_response(&send(token_request(&base, &Credentials::new("id", "key"))), SystemTime::now())?;
//! assert_eq!(grant.lifetime.as_secs(), 1800);
//!
//! let call = GetTask::new("1691529376887109".parse()?);
//! let id = RequestId::new();
//! let answer = call.parse(&send(call.request(&base, &grant.token, id)?), id)?;
//! assert_eq!(answer.task.status, Some(TaskStatus::Completed));
//! assert!(answer.task.is_terminal());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod base_url;
pub mod config;
mod config_error;
pub mod endpoint;
mod entropy;
mod error;
mod instant;
pub mod model;
pub mod policy;
pub mod redact;
mod region;
mod request_id;
mod response_error;
mod secret;
mod transport;
mod wire;

pub use base_url::{BaseUrl, InvalidBaseUrl};
pub use config::ClientConfig;
pub use config_error::ConfigError;
pub use error::{Error, ErrorCategory};
pub use model::{
    ActionResponse, ActionTask, Entity, EntityAction, EntityId, EntityQuery, Event, EventAction, EventId,
    EventQuery, Filter, FilterOp, Page, Task, TaskId, TaskStatus,
};
pub use region::{Region, UnknownRegion};
pub use request_id::RequestId;
pub use response_error::{ResponseDetail, ResponseError, ResponseErrorKind};
pub use secret::{AccessToken, Credentials, InvalidTokenHeader};
pub use transport::{TransportError, TransportErrorKind};

/// Re-exported so callers name the same `http` types hec-proto builds and parses.
pub use http;
