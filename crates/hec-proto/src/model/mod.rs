//! What the API sends and takes: typed, tolerant views of its objects and ids.

pub(crate) mod action;
pub(crate) mod entity;
pub(crate) mod entity_query;
pub(crate) mod envelope;
pub(crate) mod event;
pub(crate) mod event_query;
pub(crate) mod exception;
pub(crate) mod filter;
pub(crate) mod id;
pub(crate) mod page;
pub(crate) mod raw;
pub(crate) mod status;
pub(crate) mod task;
pub(crate) mod task_id;
pub(crate) mod time;
