//! The commands, one file per noun (`hec task ...`, `hec entity ...`, ...): each holds its clap
//! type and its `run`, which checks the arguments, connects if it needs to, and prints through
//! [`output`](crate::output). `act` is what the acting nouns (entity, event) share; `write` what
//! the nouns of the allow and block lists (exception, tool-exception, anomaly-exception,
//! click-time) share.

pub(crate) mod act;
pub(crate) mod anomaly_exception;
pub(crate) mod auth;
pub(crate) mod click_time;
pub(crate) mod completions;
pub(crate) mod entity;
pub(crate) mod event;
pub(crate) mod exception;
pub(crate) mod man;
pub(crate) mod mock;
pub(crate) mod profiles;
pub(crate) mod regions;
pub(crate) mod scopes;
pub(crate) mod task;
pub(crate) mod tool_exception;
pub(crate) mod write;
