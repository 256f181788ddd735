//! What `hec` prints and how it ends: results in text, JSON or ids (one renderer per kind: task,
//! entity, event, scopes, regions, the credentials check, an action's answers, the exceptions of
//! each family and a write's answer, an e-mail's scan results, a notification and a download;
//! whole lists as a table), errors (a wait's with what to do next), progress,
//! exit codes, and text made safe for a terminal (escaped, without the run's secrets).
//!
//! It uses the shared pieces (a [`Failure`](crate::failure::Failure), a
//! [`Gateway`](crate::connection::Gateway)) but never the commands.

pub(crate) mod act;
pub(crate) mod anomaly_exception;
pub(crate) mod auth;
pub(crate) mod click_time;
pub(crate) mod columns;
pub(crate) mod download;
pub(crate) mod entity;
pub(crate) mod escape;
pub(crate) mod event;
pub(crate) mod exception;
pub(crate) mod exit;
pub(crate) mod found;
pub(crate) mod interrupted;
pub(crate) mod json;
pub(crate) mod notify;
pub(crate) mod profiles;
pub(crate) mod progress;
pub(crate) mod redact;
pub(crate) mod regions;
pub(crate) mod report;
pub(crate) mod reported;
pub(crate) mod scan;
pub(crate) mod scopes;
pub(crate) mod table;
pub(crate) mod tag;
pub(crate) mod task;
pub(crate) mod text;
pub(crate) mod tool_exception;
pub(crate) mod wait_failure;
pub(crate) mod written;
