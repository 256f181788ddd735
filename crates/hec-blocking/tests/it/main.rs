//! The integration tests of this crate, one binary: each module is one behaviour's tests. The
//! proxy tests, which set environment variables, run in a process of their own (`tests/proxy.rs`).

mod client;
mod download_slot;
mod endpoints;
mod feed;
mod matrix;
mod toolkit;
