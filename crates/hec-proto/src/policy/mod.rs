//! Decisions as state machines that take `now`: token lifetime, retries, waiting, paging.

pub(crate) mod call;
pub(crate) mod jitter;
pub(crate) mod pager;
pub(crate) mod retry;
pub(crate) mod retry_after;
pub(crate) mod token_cache;
pub(crate) mod wait;
