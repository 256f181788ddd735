//! The integration tests of this crate, one binary: each module is one behaviour's tests.

mod base_url;
mod config;
mod endpoints;
mod errors;
mod exception_endpoints;
mod exceptions;
mod filters;
mod fuzz_corpus;
mod ids;
mod models;
mod pager;
mod paging;
mod policy_backpressure;
mod policy_call;
mod policy_feed;
mod policy_token;
mod policy_wait;
mod policy_wait_set;
mod redact;
mod requests;
mod support;
mod task_answer;
mod task_id;
