//! Test data and a mock Check Point HEC gateway, for hec's own tests and for yours.
//!
//! What lives here:
//! - [`corpus`]: every scenario under the workspace's `fixtures/` folder (a recorded or crafted
//!   HEC response, the request it answers and the outcome a correct client reaches), compiled
//!   into the library so the published crate carries them.
//! - [`mock`]: a real HTTP/1.1 server on 127.0.0.1 that speaks HEC's auth and task endpoints and
//!   serves a small deterministic demo tenant (scopes, mail search, security events, and actions
//!   whose tasks move through their states across polls and change the mail), injects faults on
//!   request and records the requests it sees.
//! - [`proxy_env`]: a test run again in a child process with proxy variables set, to check how a
//!   driver treats proxies from the environment.
//! - [`matrix`] and [`logs`]: the fault matrix every driver runs, and a capture of `log` records
//!   for checking that no dependency logs a secret.
//!
//! It never talks to the real service and never listens beyond the loopback interface.
//!
//! # Checking your own parser against the corpus
//!
//! Parse each fixture's response with your code, turn the result into a
//! [`conformance::Outcome`] (every hec-proto answer, and a `Result` of one, converts `into` it;
//! a download's is a [`conformance::DownloadOutcome`]) and [`corpus::Fixture::check`] it: a [`conformance::Mismatch`] names the fixture and, for each
//! field that differs, what was expected and what came.
//!
//! ```
//! use hec_fixtures::corpus::{self, Endpoint};
//! use hec_proto::RequestId;
//! use hec_proto::endpoint::{Endpoint as _, GetScopes};
//!
//! let scopes = corpus::all().iter().filter(|fixture| fixture.endpoint == Endpoint::Scopes);
//! for fixture in scopes {
//!     // Your parser goes here; hec-proto's stands in for it.
//!     let parsed = GetScopes.parse(&fixture.response.to_http(), RequestId::new());
//!     if let Err(mismatch) = fixture.check(parsed.into()) {
//!         panic!("{mismatch}");
//!     }
//! }
//! ```
//!
//! To run the fault matrix against your own driver, see [`matrix`]: its module docs say what a
//! driver must send and trace, and `examples/read_only_driver.rs` is a driver that only reads.

pub mod conformance;
pub mod corpus;
pub mod logs;
pub mod matrix;
pub mod mock;
mod percent;
pub mod proxy_env;
