//! Test data and a mock Check Point HEC gateway, for hec's own tests and for yours.
//!
//! Two things live here:
//! - [`corpus`]: every scenario under the workspace's `fixtures/` folder (a recorded or crafted
//!   HEC response, the request it answers and the outcome a correct client reaches), compiled
//!   into the library so the published crate carries them.
//! - [`mock`]: a real HTTP/1.1 server on 127.0.0.1 that speaks HEC's auth and task endpoints,
//!   moves tasks through their states across polls, injects faults on request and records every
//!   request it sees.
//! - [`matrix`] and [`logs`]: the fault matrix every driver runs, and a capture of `log` records
//!   for checking that no dependency logs a secret.
//!
//! It never talks to the real service and never listens beyond the loopback interface.

pub mod conformance;
pub mod corpus;
pub mod logs;
pub mod matrix;
pub mod mock;
