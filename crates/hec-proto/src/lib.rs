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
//! - One [`Error`] whose variants say what to do next, each with the status, the envelope's code
//!   and texts, the request id and a secret-free body excerpt.
//!
//! # Embedding only the protocol crate
//!
//! Bring your own HTTP client; here a closure stands in for it.
//!
//! ```
//! use std::time::SystemTime;
//! use hec_proto::{parse_token_response, token_request, BaseUrl, Credentials, GetTask, TaskStatus};
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
//! let answer = call.parse(&send(call.request(&base, &grant.token)?))?;
//! assert_eq!(answer.task.status, Some(TaskStatus::Completed));
//! assert!(answer.task.is_terminal());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod auth;
mod body;
mod envelope;
mod error;
mod excerpt;
mod flexible;
mod get_task;
mod region;
mod request_id;
mod response;
mod retry_after;
mod secret;
mod status;
mod task;
mod task_id;
mod time;

pub use auth::{AUTH_PATH, TokenGrant, parse_token_response, token_request};
pub use envelope::Envelope;
pub use error::{Error, ErrorKind, ResponseDetail};
pub use excerpt::EXCERPT_CHARS;
pub use get_task::{GetTask, InvalidToken, TASK_PATH, TaskResponse, parse_task_response};
pub use region::{BaseUrl, InvalidBaseUrl, Region, UnknownRegion};
pub use request_id::RequestId;
pub use retry_after::RetryAfter;
pub use secret::{AccessToken, Credentials};
pub use status::{ActionStatus, TaskStatus};
pub use task::{Task, TaskAction};
pub use task_id::{InvalidTaskId, MAX_TASK_ID_LEN, TaskId};
pub use time::{HecTime, InvalidTime};

/// Re-exported so callers name the same `http` types hec-proto builds and parses.
pub use http;
