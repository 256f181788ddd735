//! The facts of the demo tenant that tests, examples and READMEs name: its scope, the phishing
//! campaign, the ids of its mail and events, the ids actions give their tasks, and the demo tasks
//! that show every ending of a wait.
//!
//! Every mock has the tenant ([`MockGateway::start`](super::MockGateway::start) and
//! [`MockGateway::demo`](super::MockGateway::demo) alike); the demo tasks are installed by
//! [`MockGateway::demo`](super::MockGateway::demo) and [`MockBuilder::demo`](super::MockBuilder::demo).
//! The ids are the same in every run, so two mocks started one after the other (two `hec --mock`
//! commands in a pipeline) agree on them; only times move: every date in the tenant is relative to
//! the moment the mock started.
//!
//! ```
//! use hec_fixtures::mock::demo;
//!
//! assert_eq!(demo::SCOPE, "mock-farm:demo-tenant");
//! assert_eq!(demo::campaign_entity_ids().len(), 6);
//! assert_eq!(demo::entity_ids().len(), 30);
//! assert!(demo::entity_ids().contains(&demo::campaign_entity_ids()[0]));
//! assert_eq!(demo::action_task_id(0), demo::FIRST_ACTION_TASK_ID);
//! assert_eq!(demo::action_task_id(1), "1767225600001001");
//! ```

use std::time::Duration;

use super::script::{TaskScript, TaskStep};
use super::tenant::data;

/// The tenant's one scope, as `GET /scopes` answers it.
pub const SCOPE: &str = "mock-farm:demo-tenant";

/// The customer id in every entity and event of the tenant (the part of [`SCOPE`] after `:`).
pub const CUSTOMER_ID: &str = "demo-tenant";

/// The two SaaS the tenant's mail lives in.
pub const SAAS: [&str; 2] = ["office365_emails", "google_mail"];

/// The sender of the phishing campaign: six messages in [`CAMPAIGN_SAAS`], all received within
/// the last two days, whose subjects all contain [`CAMPAIGN_SUBJECT`].
pub const CAMPAIGN_SENDER: &str = "payroll@evil.example";

/// What every subject of the campaign contains (no other mail's subject does).
pub const CAMPAIGN_SUBJECT: &str = "Payroll update";

/// The SaaS of the campaign.
pub const CAMPAIGN_SAAS: &str = "office365_emails";

/// The campaign's entity ids, newest first (received 55 min, 3 h, 7 h, 18 h, 33 h and 40 h before
/// the mock started); the last two ([`QUARANTINED_CAMPAIGN_ENTITY_IDS`]) are quarantined when the
/// mock starts.
pub const CAMPAIGN_ENTITY_IDS: [&str; 6] = [
    "980fe57cd26d5eead30865025d6b4acd",
    "9fc68ad24ef463b02db26aa09c356d94",
    "9b40a4a57a880604fb1cca5b3a257dcb",
    "16754053c5e1b6a76498af1b9d910c60",
    "9ee8089c236d4e6c28e9b5f7409598fa",
    "9a158eb713b387cb4544abdadb569b30",
];

/// The campaign's messages that are already quarantined when the mock starts.
pub const QUARANTINED_CAMPAIGN_ENTITY_IDS: [&str; 2] = [CAMPAIGN_ENTITY_IDS[4], CAMPAIGN_ENTITY_IDS[5]];

/// The campaign's entity ids, newest first (see [`CAMPAIGN_ENTITY_IDS`]).
pub fn campaign_entity_ids() -> &'static [&'static str] {
    &CAMPAIGN_ENTITY_IDS
}

/// The campaign's messages that are quarantined when the mock starts.
pub fn quarantined_campaign_entity_ids() -> &'static [&'static str] {
    &QUARANTINED_CAMPAIGN_ENTITY_IDS
}

/// Every e-mail's entity id (30: 18 in `office365_emails`, 12 in `google_mail`), newest first.
pub fn entity_ids() -> Vec<&'static str> {
    data::MAIL.iter().map(|mail| mail.id).collect()
}

/// Every security event's id (7), newest first.
pub fn event_ids() -> Vec<&'static str> {
    data::EVENTS.iter().map(|event| event.id).collect()
}

/// The id of the task the first action request creates; each later action request gets the next
/// number ([`action_task_id`]).
pub const FIRST_ACTION_TASK_ID: &str = "1767225600001000";

/// The id of the task that the `n`-th action request (0-based, entity and event actions counted
/// together, in arrival order) creates: `1767225600001000 + n`.
pub fn action_task_id(n: u64) -> String {
    (1_767_225_600_001_000_u64.saturating_add(n)).to_string()
}

/// How many action tasks a mock remembers: beyond, the oldest is forgotten (a poll of it gets the
/// 422 "Task not found" envelope), so a long-running mock stays small.
pub const MAX_ACTION_TASKS: usize = 10_000;

/// Completes: the demo task of [`demo_script`] (`hec task wait` exits 0).
pub const TASK_COMPLETES: &str = "1767225600000042";
/// Ends `failed` at its third poll: `init`, `inprogress`, `failed` (`hec task wait` exits 1).
pub const TASK_FAILS: &str = "1767225600000043";
/// Ends `stopped` at its third poll: `init`, `inprogress`, `stopped` (`hec task wait` exits 1).
pub const TASK_STOPS: &str = "1767225600000044";
/// `paused` for three polls, then completes: `init`, `paused` ×3, `completed` (`hec task wait`
/// exits 0).
pub const TASK_PAUSES_THEN_COMPLETES: &str = "1767225600000045";
/// Stays `inprogress` forever after an `init` first poll (`hec task wait --timeout ...` exits 6).
pub const TASK_NEVER_ENDS: &str = "1767225600000046";
/// Answers its first poll with 429 and `Retry-After: 1`, then `completed` (`hec task wait` exits
/// 0). Once per mock: a second wait on the same mock sees it completed at once.
pub const TASK_RATE_LIMITED_ONCE: &str = "1767225600000047";
/// Answers every poll with 503 (`hec task wait` exits 5).
pub const TASK_UNAVAILABLE: &str = "1767225600000048";

/// The script of [`TASK_COMPLETES`] ([`DEMO_TASK_ID`](super::DEMO_TASK_ID)): `init` at the first
/// poll, `inprogress` 1 of 3 from one second after it, 2 of 3 from two seconds, `completed` (3 of
/// 3 succeeded) from 3.5 seconds. Public so that a mock built with
/// [`MockBuilder`](super::MockBuilder) (on a chosen port, say) can run the same demo.
pub fn demo_script() -> TaskScript {
    let step = |status: &str, progress: u64| TaskStep::new(status).total(3).progress(progress).succeed(0);
    TaskScript::timed([
        (Duration::ZERO, step("init", 0)),
        (Duration::from_secs(1), step("inprogress", 1)),
        (Duration::from_secs(2), step("inprogress", 2)),
        (Duration::from_millis(3500), step("completed", 3).succeed(3)),
    ])
}

/// Every demo task with its script, in id order: [`TASK_COMPLETES`] to [`TASK_UNAVAILABLE`].
pub fn demo_tasks() -> Vec<(&'static str, TaskScript)> {
    let json = [("content-type", "application/json")];
    vec![
        (TASK_COMPLETES, demo_script()),
        (
            TASK_FAILS,
            TaskScript::polls([TaskStep::new("init"), TaskStep::new("inprogress"), TaskStep::new("failed")]),
        ),
        (
            TASK_STOPS,
            TaskScript::polls([TaskStep::new("init"), TaskStep::new("inprogress"), TaskStep::new("stopped")]),
        ),
        (
            TASK_PAUSES_THEN_COMPLETES,
            TaskScript::polls([
                TaskStep::new("init"),
                TaskStep::new("paused"),
                TaskStep::new("paused"),
                TaskStep::new("paused"),
                TaskStep::new("completed"),
            ]),
        ),
        (TASK_NEVER_ENDS, TaskScript::polls([TaskStep::new("init"), TaskStep::new("inprogress")])),
        (
            TASK_RATE_LIMITED_ONCE,
            TaskScript::polls([
                TaskStep::response(
                    429,
                    [("content-type", "application/json"), ("retry-after", "1")],
                    r#"{"message": "Too many requests"}"#,
                ),
                TaskStep::new("completed"),
            ]),
        ),
        (
            TASK_UNAVAILABLE,
            TaskScript::polls([TaskStep::response(503, json, r#"{"message": "Service unavailable"}"#)]),
        ),
    ]
}
