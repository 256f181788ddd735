//! The integration tests of this crate, one binary: each module is one behaviour's tests. The
//! proxy tests, which set environment variables, run in a process of their own (`tests/proxy.rs`).

mod download_slot;
mod endpoints;
mod feed;
mod keep_alive;
mod matrix;
mod own_client;
mod stream;
mod toolkit;
mod transport;
