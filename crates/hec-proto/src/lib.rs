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
//! - Typed values: [`Region`] and [`BaseUrl`], [`TaskId`] (it can never change a request's path),
//!   [`RequestId`], and the secrets [`Credentials`] and [`AccessToken`], which never print.
//! - One [`ResponseError`] whose variants say what to do next, each with the status, the envelope's code
//!   and texts, the request id and a secret-free body excerpt.
//! - Policies as state machines that take `now` and return what to do, shared by every driver:
//!   [`TokenCache`] (fetch, renew 60 s early, forget a refused token), [`Call`] with
//!   [`RetryPolicy`] (one refresh on 401; jittered backoff on 429/502/503/504 and broken
//!   connections, `Retry-After` honoured, never past the deadline), and [`Waiter`] with
//!   [`WaitPolicy`] (poll, back off from 1 s to 15 s, report changes, stop at a terminal state
//!   or the timeout). [`Error`] is the error a driver returns.
//! - [`Secrets`]: the one redactor every text from the server passes before it reaches an error;
//!   the [`TokenCache`] fills it with the access key and every token, and drivers apply
//!   [`Error::redacted`] to what they return.
//!
//! # Layout
//!
//! The source folders are the layers: `endpoint/` (one file per endpoint, each an [`Endpoint`]
//! that builds its request and parses its answer), `model/` (the objects and ids the API sends
//! and takes, each keeping its [`RawJson`]), `policy/` (the state machines: token, call and retry,
//! wait), and `wire/` (what every endpoint shares: body shapes, the status check, error detail).
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
//!         "/auth/external" => br#"{"success":true,"data":{"token":"made-up","expiresIn":1800}}"#,
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
use model::time;
use policy::retry;
use wire::{body, excerpt, flexible, inline_text, response};

pub use config::{
    ClientConfig, ConfigError, DEFAULT_BODY_LIMIT, DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT, ENV_ACCESS_KEY,
    ENV_BASE_URL, ENV_CLIENT_ID, ENV_REGION, USER_AGENT, ValidConfig,
};
pub use endpoint::auth::{AUTH_PATH, TokenGrant, parse_token_response, token_request};
pub use endpoint::task::{GetTask, InvalidToken, TASK_PATH, TaskResponse, parse_task_response};
pub use endpoint::{API_PREFIX, Endpoint};
pub use error::{Category, Error};
pub use model::envelope::Envelope;
pub use model::raw::RawJson;
pub use model::status::{ActionStatus, TaskStatus};
pub use model::task::{Task, TaskAction};
pub use model::task_id::{InvalidTaskId, MAX_TASK_ID_LEN, TaskId};
pub use model::time::{HecTime, InvalidTime};
pub use policy::call::{Call, Next};
pub use policy::jitter::Jitter;
pub use policy::retry::{RetryPolicy, is_transient};
pub use policy::retry_after::RetryAfter;
pub use policy::token_cache::{DEFAULT_TOKEN_SKEW, TokenCache, TokenSource};
pub use policy::wait::{WaitNext, WaitPolicy, WaitUpdate, Waiter};
pub use redact::{REDACTED, Secrets, TOKENS_KEPT};
pub use region::{BaseUrl, InvalidBaseUrl, Region, UnknownRegion};
pub use request_id::RequestId;
pub use response_error::{ErrorKind, ResponseDetail, ResponseError};
pub use secret::{AccessToken, Credentials};
pub use transport::{TransportError, TransportKind};
pub use wire::excerpt::EXCERPT_CHARS;

/// Re-exported so callers name the same `http` types hec-proto builds and parses.
pub use http;
