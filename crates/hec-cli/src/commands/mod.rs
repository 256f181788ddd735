//! The commands, one file per noun (`hec task ...`, `hec entity ...`, ...): each runs its command
//! and prints through [`output`](crate::output).

pub(crate) mod act;
pub(crate) mod auth;
pub(crate) mod entity;
pub(crate) mod event;
pub(crate) mod mock;
pub(crate) mod regions;
pub(crate) mod scopes;
pub(crate) mod task;
