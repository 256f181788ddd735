//! The Check Point Harmony Email & Collaboration (HEC) API as a deterministic protocol core.
//!
//! hec-proto never opens a socket, reads the clock, sleeps or spawns. It builds
//! [`http::Request`] values, parses [`http::Response`] values, and (in its policies) decides what
//! to do next from a `now` the caller passes in. Any HTTP client can drive it: the `hec-blocking`
//! (ureq) and `hec-async` (reqwest) crates do, and so can a closure in a test.
//!
//! What it speaks (sources and quirks in the project's `HEC-API.md`):
//! - [`token_request`] / [`parse_token_response`]: `POST /auth/external`, an API key for a
//!   30-minute bearer token.
//! - [`GetTask`]: `GET /app/hec-api/v1.0/task/{taskId}`, the "action execution status" of a task,
//!   in every shape the service and its documentation use.
//! - Finding and acting, each an [`Endpoint`]: [`GetScopes`] (`GET /scopes`), [`SearchEntities`]
//!   (`POST /search/query`, built from an [`EntityQuery`] with [`Filter`]s), [`GetEntity`]
//!   (`GET /search/entity/{entityId}`), [`ActOnEntities`] (`POST /action/entity`: quarantine,
//!   restore), [`QueryEvents`] (`POST /event/query`, from an [`EventQuery`]), [`GetEvent`]
//!   (`GET /event/{eventId}`) and [`ActOnEvents`] (`POST /action/event`: dismiss). They answer
//!   [`Entity`], [`Event`], a [`Page`] of them, or an [`ActionResponse`] whose [`ActionTask`]s
//!   name the tasks to watch; each object keeps its [`RawJson`] and serializes to it.
//! - Typed values: [`Region`] and [`BaseUrl`], [`TaskId`], [`EntityId`] and [`EventId`] (none can
//!   ever change a request's path), [`RequestId`], and the secrets [`Credentials`] and
//!   [`AccessToken`], which never print.
//! - One [`ResponseError`] whose variants say what to do next, each with the status, the envelope's code
//!   and texts, the request id and a secret-free body excerpt.
//! - Policies as state machines that take `now` and return what to do, shared by every driver:
//!   [`TokenCache`] (fetch, renew 60 s early, forget a refused token), [`Call`] with
//!   [`RetryPolicy`] (one refresh on 401; jittered backoff on 429/502/503/504 and broken
//!   connections, `Retry-After` honoured, never past the deadline; an action is retried only
//!   when it provably did not run, see [`may_have_run`]), [`Waiter`] with [`WaitPolicy`] (poll,
//!   back off from 1 s to 15 s, report changes, stop at a terminal state or the timeout),
//!   [`WaitSet`] (many tasks at once, a `Waiter` each, every outcome reported once),
//!   [`Backpressure`] (a client-wide limit on requests in flight that halves on 429 and 503, and
//!   a pause for every caller when the service asks for one), and [`Pager`] (the next page's
//!   request; stops on every form of "last page"). [`Error`] is the error a driver returns.
//! - [`Secrets`]: the one redactor every text from the server passes before it reaches an error;
//!   the [`TokenCache`] fills it with the access key and every token, and drivers apply
//!   [`Error::redacted`] to what they return.
//!
//! # Layout
//!
//! The source folders are the layers: `endpoint/` (one file per endpoint, each an [`Endpoint`]
//! that builds its request and parses its answer), `model/` (the objects, ids and queries the API
//! sends and takes, each object keeping its [`RawJson`]), `policy/` (the state machines: token,
//! call and retry, wait, many-task wait, backpressure, paging), and `wire/` (what every endpoint
//! shares: body shapes, the one reader of list answers, the status check, error detail).
//! [`ResponseError`] is what a response said; [`Error`] is what a driver's call returns.
//!
//! # Embedding only the protocol crate
//!
//! Bring your own HTTP client; here a closure stands in for it.
//!
//! ```
//! use std::time::SystemTime;
//! use hec_proto::{parse_token_response, token_request, BaseUrl, Credentials, Endpoint, GetTask, RequestId, TaskStatus};
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
mod config;
mod endpoint;
mod entropy;
mod error;
mod instant;
mod model;
mod policy;
mod redact;
mod region;
mod request_id;
mod response_error;
mod secret;
mod transport;
mod wire;

// Short crate-internal paths for the modules the layers share.
use model::raw;
use model::time;
use policy::retry;
use wire::{body, excerpt, flexible, inline_text, response};

pub use base_url::{BaseUrl, InvalidBaseUrl};
pub use config::{
    ClientConfig, ConfigBuilder, ConfigError, DEFAULT_BODY_LIMIT, DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT,
    ENV_ACCESS_KEY, ENV_BASE_URL, ENV_CLIENT_ID, ENV_REGION, USER_AGENT, ValidConfig,
};
pub use endpoint::auth::{AUTH_PATH, MIN_TOKEN_CHARS, TokenGrant, parse_token_response, token_request};
pub use endpoint::entity::GetEntity;
pub use endpoint::entity_action::{ActOnEntities, EntityAction};
pub use endpoint::event::GetEvent;
pub use endpoint::event_action::{ActOnEvents, EventAction};
pub use endpoint::events::QueryEvents;
pub use endpoint::scopes::{GetScopes, Scopes};
pub use endpoint::search::SearchEntities;
pub use endpoint::task::{GetTask, InvalidToken, TASK_PATH, TaskResponse, parse_task_response};
pub use endpoint::{API_PREFIX, Endpoint, MAX_ACTION_IDS};
pub use error::{Category, Error};
pub use model::action::{ActionResponse, ActionTask};
pub use model::entity::Entity;
pub use model::entity_query::EntityQuery;
pub use model::envelope::Envelope;
pub use model::event::Event;
pub use model::event_query::EventQuery;
pub use model::filter::{Filter, FilterOp, InvalidFilter};
pub use model::id::{EntityId, EventId, InvalidEntityId, InvalidEventId};
pub use model::page::Page;
pub use model::raw::RawJson;
pub use model::status::{ActionStatus, TaskStatus};
pub use model::task::{Task, TaskAction};
pub use model::task_id::{InvalidTaskId, MAX_TASK_ID_LEN, TaskId};
pub use model::time::{HecTime, InvalidTime};
pub use policy::backpressure::{Acquire, Answer, Backpressure, DEFAULT_MAX_IN_FLIGHT, Permit};
pub use policy::call::{Call, Next, TokenCall, TokenNext};
pub use policy::jitter::Jitter;
pub use policy::pager::{CURSORS_REMEMBERED, MAX_CURSOR_BYTES, PagedQuery, Pager, PagerEnd};
pub use policy::retry::{RetryPolicy, is_transient, may_have_run};
pub use policy::retry_after::RetryAfter;
pub use policy::token_cache::{DEFAULT_TOKEN_SKEW, TokenCache, TokenSource};
pub use policy::wait::{TaskProgress, WaitNext, WaitPolicy, WaitUpdate, Waiter};
pub use policy::wait_set::{TaskPoll, WaitEvent, WaitSet};
pub use redact::{REDACTED, Secrets, TOKENS_KEPT};
pub use region::{Region, UnknownRegion};
pub use request_id::RequestId;
pub use response_error::{ErrorKind, ResponseDetail, ResponseError};
pub use secret::{AccessToken, Credentials};
pub use transport::{TransportError, TransportKind};
pub use wire::excerpt::EXCERPT_CHARS;

/// Re-exported so callers name the same `http` types hec-proto builds and parses.
pub use http;
