//! What `hec` prints and how it ends: results in text, JSON or ids, errors, progress, exit codes,
//! and text made safe for a terminal (escaped, without the run's secrets).

pub(crate) mod entity;
pub(crate) mod escape;
pub(crate) mod event;
pub(crate) mod exit;
pub(crate) mod found;
pub(crate) mod json;
pub(crate) mod progress;
pub(crate) mod redact;
pub(crate) mod report;
pub(crate) mod task;
pub(crate) mod text;
