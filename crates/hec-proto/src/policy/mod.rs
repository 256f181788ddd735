//! Decisions as state machines that take `now`: token lifetime, retries, waiting, paging,
//! following events, and how much a client sends at once.

pub(crate) mod backpressure;
pub(crate) mod call;
pub(crate) mod feed;
pub(crate) mod jitter;
pub(crate) mod pager;
pub(crate) mod retry;
pub(crate) mod retry_after;
pub(crate) mod token_cache;
pub(crate) mod wait;
pub(crate) mod wait_set;
