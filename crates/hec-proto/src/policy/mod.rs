//! Decisions as state machines that take `now`: token lifetime, retries, waiting, paging,
//! following events, and how much a client sends at once.

pub(crate) mod backpressure;
pub(crate) mod batches;
pub(crate) mod call;
pub(crate) mod feed;
pub(crate) mod held;
pub(crate) mod jitter;
pub(crate) mod pager;
pub(crate) mod paging;
pub(crate) mod retry;
pub(crate) mod seen_ids;
pub(crate) mod shared_secrets;
pub(crate) mod token_cache;
pub(crate) mod wait;
pub(crate) mod wait_set;

pub use crate::model::retry_after::RetryAfter;
pub use backpressure::{Acquire, Answer, Backpressure, DEFAULT_MAX_IN_FLIGHT, Permit};
pub use batches::Batches;
pub use call::{Call, Next, TokenCall, TokenNext};
pub use feed::{
    FEED_CHECKPOINT_VERSION, Feed, FeedCheckpoint, FeedError, FeedNext, FeedOrigin, FeedPolicy, FeedStep,
};
pub use held::{Held, Release};
pub use jitter::Jitter;
pub use pager::{CURSORS_REMEMBERED, Pager, PagerEnd};
pub use paging::{Paging, PagingNext};
pub use retry::{RetryPolicy, is_transient, may_have_run};
pub use seen_ids::IDS_REMEMBERED;
pub use shared_secrets::SharedSecrets;
pub use token_cache::{DEFAULT_TOKEN_SKEW, TokenCache, TokenSource};
pub use wait::{TaskProgress, WaitNext, WaitPolicy, WaitUpdate, Waiter};
pub use wait_set::{TaskPoll, WaitEvent, WaitSet};
