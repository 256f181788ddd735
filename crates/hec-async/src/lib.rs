//! An async client for the Check Point Harmony Email & Collaboration (HEC) API, on reqwest.
//!
//! It drives [`hec_proto`] over reqwest 0.13 on tokio: rustls with the ring provider, handed to
//! reqwest rather than installed process-wide (no OpenSSL, no aws-lc); the `os-certificates`
//! feature trusts the operating system's store instead of the bundled Mozilla roots; proxies
//! come from `HTTPS_PROXY`/`ALL_PROXY`/`NO_PROXY`, never for a loopback gateway. It never starts a runtime or a thread of its
//! own: its futures run on the caller's tokio runtime (which needs its timer and I/O driver;
//! reqwest runs its connections there). Every decision, when to fetch or renew a token, what to
//! retry and how long to wait, how many requests to have in flight and when to pause them all,
//! how to poll a task, is hec-proto's; this crate sends bytes and sleeps.
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
//! let client = Client::builder()
//!     .base_url(mock.base_url().parse()?)
//!     .credentials(Credentials::new(mock.client_id(), mock.access_key()))
//!     .build()?;
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

mod actions;
mod builder;
mod client;
mod gate;
mod paging;
mod tls;
mod transport;
mod wait;

pub use builder::ClientBuilder;
pub use client::Client;
/// The error of every call: see [`hec_proto::Error`].
pub use hec_proto::Error;
pub use hec_proto::{
    AccessToken, ActOnEntities, ActOnEvents, ActionResponse, ActionTask, BaseUrl, ErrorCategory, ClientConfig,
    Credentials, Entity, EntityAction, EntityId, EntityQuery, Event, EventAction, EventId, EventQuery,
    Filter, FilterOp, MAX_ACTION_IDS, Region, RetryPolicy, Task, TaskId, TaskResponse, TaskStatus, WaitEvent,
    WaitNext, WaitPolicy, WaitUpdate, Waiter,
};
