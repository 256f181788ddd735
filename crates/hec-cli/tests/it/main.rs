//! The tests of the `hec` binary, in one test binary (one link, not one per file): each module
//! runs the real `hec` (built by cargo for this test run) against a loopback mock gateway, or
//! with `--mock`, and checks what it prints and how it exits.

mod acts_support;
mod support;

mod access_key_stdin;
mod act_answers;
mod answers;
mod commands;
mod deadlines;
mod demo_exit_codes;
mod entity;
mod entity_get;
mod event;
mod exception;
mod exception_families;
mod follow;
mod help;
mod input;
mod interrupt;
mod long_fields;
mod not_found;
mod notes;
mod output;
mod output_ids;
mod profiles;
mod readme;
mod scopes;
mod search_columns;
mod search_repeats;
mod secrets;
mod task_get;
mod task_wait;
mod usage;
mod wait_errors;
