//! An async client for the Check Point Harmony Email & Collaboration (HEC) API, on reqwest.
//!
//! It drives [`hec_proto`] over reqwest 0.13 on tokio: rustls with the ring provider, handed to
//! reqwest rather than installed process-wide (no OpenSSL, no aws-lc); the `os-certificates`
//! feature trusts the operating system's store instead of the bundled Mozilla roots; proxies
//! come from `HTTPS_PROXY`/`ALL_PROXY`/`NO_PROXY`, never for a loopback gateway. It never starts a runtime or a thread of its
//! own: its futures run on the caller's tokio runtime (which needs its timer and I/O driver;
//! reqwest runs its connections there). Every decision, when to fetch or renew a token, what to
//! retry and how long to wait, how many requests to have in flight and when to pause them all,
//! how to poll a task, which events a feed ([`Client::follow_events`]) has not emitted yet and
//! what its checkpoint holds, is hec-proto's; this crate sends bytes and sleeps.
//!
//! ```
//! use hec_async::Client;
//! use hec_fixtures::mock::{MockGateway, TaskScript, TaskStep};
//! use hec_proto::{Credentials, TaskStatus};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! // A local HEC gateway for the example; use `.region(hec_proto::Region::Eu)` for the real one.
//! let mock = MockGateway::start();
//! mock.script_task("1691529376887109", TaskScript::polls([
//!     TaskStep::new("inprogress").progress(0).total(1),
//!     TaskStep::new("completed").progress(1).total(1),
//! ]));
//!
//! let client = Client::from_config(hec_async::ClientConfig::new()
//!     .base_url(mock.base_url().parse()?)
//!     .credentials(Credentials::new(mock.client_id(), mock.access_key())))?;
//! let id = "1691529376887109".parse()?;
//!
//! let answer = client.get_task(&id).await?;
//! assert_eq!(answer.task.status, Some(TaskStatus::InProgress));
//!
//! let mut seen = Vec::new();
//! let task = client.wait_for_task(&id, |update| seen.push(update.task.status.clone())).await?;
//! assert_eq!(task.status, Some(TaskStatus::Completed));
//! assert_eq!(seen, [Some(TaskStatus::Completed)]);
//! assert_eq!(mock.tokens_issued(), 1);
//! # Ok(())
//! # }
//! ```
//!
//! # Matching errors
//!
//! Every type an error holds is re-exported here: a program matches each [`Error`] variant and
//! its payload's kind with this crate alone in its `Cargo.toml`.
//!
//! ```
//! use hec_async::{Client, ConfigError, Credentials, Error, ResponseErrorKind, TransportErrorKind};
//! use hec_fixtures::mock::MockGateway;
//!
//! fn advice(error: &Error) -> String {
//!     match error {
//!         Error::Response(response) => match response.kind() {
//!             ResponseErrorKind::Unauthorized | ResponseErrorKind::BadCredentials | ResponseErrorKind::Forbidden => {
//!                 "check the client id and access key".to_owned()
//!             }
//!             ResponseErrorKind::NotFound | ResponseErrorKind::TaskNotFound => "check the id".to_owned(),
//!             ResponseErrorKind::RateLimited | ResponseErrorKind::ServerError => "try again later".to_owned(),
//!             other => format!("the service refused: {}", other.as_str()),
//!         },
//!         Error::Transport(transport) => match transport.kind() {
//!             TransportErrorKind::Timeout => "the gateway is slow".to_owned(),
//!             other => format!("no answer: {}", other.as_str()),
//!         },
//!         Error::GaveUp { attempts, last, .. } => format!("{attempts} attempts: {}", advice(last)),
//!         Error::ActionOutcomeUnknown { .. } => "check the mail before acting again".to_owned(),
//!         Error::WaitTimedOut { polls, .. } => format!("still running after {polls} polls"),
//!         Error::Config(ConfigError::MissingBaseUrl) => "choose a region".to_owned(),
//!         Error::Config(other) => format!("fix the configuration: {other}"),
//!         other => other.to_string(),
//!     }
//! }
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let error = Client::from_config(hec_async::ClientConfig::new()).unwrap_err();
//! assert_eq!(advice(&error), "choose a region");
//!
//! let mock = MockGateway::start();
//! let client = Client::from_config(hec_async::ClientConfig::new()
//!     .base_url(mock.base_url().parse()?)
//!     .credentials(Credentials::new(mock.client_id(), "a wrong key")))?;
//! let error = client.get_task(&"1691529376887109".parse()?).await.unwrap_err();
//! assert_eq!(advice(&error), "check the client id and access key");
//! # Ok(())
//! # }
//! ```

mod actions;
mod builder;
mod client;
mod download;
mod exceptions;
mod feed;
mod gate;
mod paging;
mod tls;
mod toolkit;
mod transport;
mod wait;

pub use actions::ActionBatches;
pub use builder::ClientBuilder;
pub use client::Client;
pub use exceptions::ToolExceptionSearch;
pub use feed::EventFeed;
/// The stream methods (`next`, `collect`, ...) the streams of this crate are used with.
pub use futures_util::StreamExt;
/// The protocol crate this driver speaks through, for what the re-exports above leave out.
pub use hec_proto;
/// The error of every call: see [`hec_proto::Error`].
pub use hec_proto::Error;
pub use hec_proto::endpoint::{
    ActOnEntities, ActOnEvents, Endpoint, MAX_ACTION_IDS, PagedQuery, TaskResponse, Written,
};
pub use hec_proto::policy::{
    Feed, FeedCheckpoint, FeedError, FeedOrigin, FeedPolicy, FeedStep, RetryPolicy, WaitEvent, WaitNext,
    WaitPolicy, WaitUpdate, Waiter,
};
pub use hec_proto::{
    AccessToken, ActionResponse, ActionTask, BaseUrl, ClientConfig, ConfigError, Credentials, Entity,
    EntityAction, EntityId, EntityQuery, ErrorCategory, Event, EventAction, EventId, EventQuery, Filter,
    FilterOp, Page, Region, ResponseDetail, ResponseError, ResponseErrorKind, Task, TaskId, TaskStatus,
    TransportError, TransportErrorKind,
};
pub use paging::{EntitySearch, EventSearch, Search};

/// This crate's README example, compiled as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct CrateReadme;
