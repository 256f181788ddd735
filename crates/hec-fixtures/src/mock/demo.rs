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
//! # How the tenant answers
//!
//! - Mail (`POST /search/query`): one SaaS per query (`entityFilter.saas`; one the tenant does not
//!   have finds nothing), `entityFilter.startDate` required (else the logical failure) and
//!   `endDate` optional, both RFC 3339 and inclusive, on `entityPayload.received`;
//!   `entityFilter.saasEntity`, when sent, must be `<saas>_email`. `entityExtendedFilter` items
//!   all hold: `saasAttrName` is a dotted path (`entityPayload.fromEmail`, `entityInfo.saas`,
//!   `entityPayload.attachments.MD5`; a bare name is read under `entityPayload`), arrays stand for
//!   each element; `is` / `isNot` compare exactly (`true` and `"true"` alike), `contains` ignores
//!   case, `isEmpty` (missing, null, `""`, `[]`), `greaterThan` (numbers, or dates). Results come
//!   newest first, 4 a page; `scrollId` is an opaque 32-hex cursor (the same query gets the same
//!   cursors in every mock), `""` on the last page; `recordsNumber` counts all pages' results.
//! - Events (`POST /event/query`): the same paging, `startDate` (required) / `endDate` on
//!   `eventCreated`; lists `eventTypes`, `eventStates`, `severities` (`3` or `"3"`), `saas`,
//!   `eventIds` filter when not empty, `description` by substring, ignoring case. The dates of
//!   both queries may come with an offset or without one (then UTC, as Check Point's XSOAR
//!   client sends them). The 7 events of [`event_ids`] are always there; with live events
//!   ([`MockGateway::demo`](super::MockGateway::demo), `hec --mock`, `hec mock serve`), a new
//!   `new` event every 3 seconds too, the same in every mock at a given time
//!   ([`live_event_id`](super::live_event_id)), each kept for ten minutes.
//! - Paging cursors expire: one sent more than a minute after the page that carried it (or
//!   after [`MockGateway::expire_scrolls`](super::MockGateway::expire_scrolls)) gets HTTP 400
//!   `{"detail": "Invalid scroll"}`; the query sent again from its first page gets it anew.
//! - `entityDetectionResolutionFilter`: `cpDetection` from the combined verdicts (`cp_phishing`,
//!   `cp_ap_suspicious`, `cp_spam`, `cp_malicious`, `cp_leak`, ..., else `cp_clean`),
//!   `msDetection` fixed per mail (`ms_phishing`, `ms_spam`, `ms_malware`, else `ms_clean`),
//!   `cpQuarantinedState` (`cp_quarantined_by_cp` for mail quarantined at the start,
//!   `cp_quarantined_by_analyst` for mail an action quarantined), `msQuarantinedState`
//!   (`ms_quarantined` for the malware, `ms_delivered_junk` for spam, else
//!   `ms_delivered_inbox`), joined by `detectionOp` / `quarantinedStateOp` (`OR` by default).
//!   Every mail has `senderServerIp`, `senderClientIp`; the malware mail and the campaign's
//!   newer quarantined one have a restore request (`isRestoreRequested`, `restoreRequestTime`,
//!   `restoreCommentary`).
//! - Scan results: `entitySecurityResult` has a list of records per tool beside
//!   `combinedVerdict`: the campaign flagged by anti-phishing with its reasons, the malware
//!   attachment by anti-malware (a record per attachment), DLP clean but for the customer list.
//! - One record: `GET /search/entity/{id}` (and `GET /soar/entity/{id}`) and `GET /event/{id}`
//!   answer `[record]`, `[]` for an unknown id, the logical failure for an id not of the form
//!   `[A-Za-z0-9_-]{1,128}`. `GET /download/entity/{id}?original=true|false`: the message as raw
//!   RFC 822 (`message/rfc822`, an attachment), the kept copy with one header more
//!   (`X-CLOUD-SEC-AV-Info`); 404 `{"message"}` for an unknown entity.
//! - `POST /soar/notify` answers a bare `{"ok": true}` (`false` for an unknown entity or no
//!   addresses) and records the notification on the mail (`notifiedRecipients`, an
//!   `entityActions` record); `POST /report/mis-classification` answers an empty success (the
//!   logical failure for unknown ids or values) and records the report on each mail.
//! - Actions: each accepted request makes one task for all its distinct targets, answered
//!   `[{"entityId" | "eventId", "taskId": "<id as a string>"}]`, ids from
//!   [`FIRST_ACTION_TASK_ID`] on in arrival order. Its polls show `init`, then `inprogress` with
//!   progress counting up (one action per target), then `completed` by the fourth poll at the
//!   latest; each target's action takes effect at the poll that completes it: quarantine sets
//!   `isQuarantined` true, restore sets it false and `isRestored` true, dismiss sets the event's
//!   `state` to `dismissed`. Restoring mail that is not quarantined completes with the live
//!   service's `action_message` "Message is not quarantined..". A task changes nothing until it
//!   is polled. `decline_restore_request` (with an optional `restoreDeclineReason`) sets
//!   `isRestoreDeclined` on mail with a restore request; an event's `quarantine` / `restore` acts
//!   on the event's mail. Refused (logical failure, no task): no ids, an id of the wrong form or
//!   unknown to the tenant, an action name other than `quarantine` / `restore` /
//!   `decline_restore_request` (mail) or `dismiss` / `quarantine` / `restore` (events; a list of
//!   one name is accepted too), a mail `entityType` that is not the mail's.
//! - Allow and block lists, every exception family, stateful (a create shows in the next list, a
//!   delete is gone), with the live envelope codes (reads 200; creates 200 for anti-phishing, 201
//!   for the others; updates 200; deletes 204; all inside HTTP 200). Seeded: anti-phishing
//!   `whitelist` `700000101`, `700000102`, `blacklist` `700000201` (the campaign's sender),
//!   `700000202` (its landing domain), `spam_whitelist` `700000301`, new ids from `700000401`;
//!   tool exceptions: two `checkpoint2` hashes and a `file_type`, five `avanan_url`
//!   `block-domain`s (pages of `limit`, the next key in `scrollId`), an `allow-url`, an
//!   `avanan_dlp` `sender_email`; anomaly rules `10001`, `10002`, new ids from `10003`;
//!   click-time items `4711000000000001`, `...0003` (list `0`) and `...0002` (list `1`), new ids
//!   from `4711000000000101`. A bad body gets the logical failure, not a 400. What the mock
//!   assumes where the live service is not documented is listed in the source of
//!   `tenant/exceptions/mod.rs`.
//!
//! ```
//! use hec_fixtures::mock::{MockGateway, demo};
//! use serde_json::{Value, json};
//!
//! let mock = MockGateway::start();
//! let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).build().into();
//! let credentials = json!({"clientId": mock.client_id(), "accessKey": mock.access_key()});
//! let token = agent
//!     .post(format!("{}/auth/external", mock.base_url()))
//!     .header("content-type", "application/json")
//!     .send(credentials.to_string().as_str())?
//!     .body_mut()
//!     .read_to_string()?;
//! let token: Value = serde_json::from_str(&token)?;
//! let bearer = format!("Bearer {}", token["data"]["token"].as_str().unwrap_or_default());
//! // One API call: a GET without a body, or a POST of `body`.
//! let call = |path: &str, body: Option<Value>| -> Result<Value, Box<dyn std::error::Error>> {
//!     let url = format!("{}/app/hec-api/v1.0{path}", mock.base_url());
//!     let request_id = uuid::Uuid::new_v4().to_string();
//!     let mut response = match body {
//!         None => agent.get(url).header("authorization", &bearer).header("x-av-req-id", &request_id).call()?,
//!         Some(body) => agent
//!             .post(url)
//!             .header("authorization", &bearer)
//!             .header("x-av-req-id", &request_id)
//!             .header("content-type", "application/json")
//!             .send(body.to_string().as_str())?,
//!     };
//!     Ok(serde_json::from_str(&response.body_mut().read_to_string()?)?)
//! };
//!
//! // Find the campaign's mail that is not quarantined yet.
//! let search = json!({"requestData": {
//!     "entityFilter": {"saas": demo::CAMPAIGN_SAAS, "startDate": "2000-01-01T00:00:00Z"},
//!     "entityExtendedFilter": [
//!         {"saasAttrName": "entityPayload.fromEmail", "saasAttrOp": "is", "saasAttrValue": demo::CAMPAIGN_SENDER},
//!         {"saasAttrName": "entityPayload.isQuarantined", "saasAttrOp": "is", "saasAttrValue": "false"},
//!     ],
//! }});
//! let found = call("/search/query", Some(search.clone()))?;
//! let ids: Vec<&str> = found["responseData"].as_array().into_iter().flatten()
//!     .filter_map(|entity| entity["entityInfo"]["entityId"].as_str())
//!     .collect();
//! assert_eq!(ids, demo::campaign_entity_ids()[..4]);
//! assert_eq!(found["responseEnvelope"]["scrollId"], "");
//!
//! // Quarantine it: one task for the four messages.
//! let action = json!({"requestData": {"entityIds": ids, "entityType": "office365_emails_email",
//!                                     "entityActionName": "quarantine"}});
//! let acted = call("/action/entity", Some(action))?;
//! assert_eq!(acted["responseData"][0]["taskId"], demo::FIRST_ACTION_TASK_ID);
//!
//! // Watch the task: init, inprogress, completed.
//! let mut statuses = Vec::new();
//! for _ in 0..3 {
//!     let task = call(&format!("/task/{}", demo::FIRST_ACTION_TASK_ID), None)?;
//!     statuses.push(task["responseData"]["status"].as_str().unwrap_or_default().to_owned());
//! }
//! assert_eq!(statuses, ["init", "inprogress", "completed"]);
//!
//! // Now nothing of the campaign is left unquarantined.
//! assert_eq!(call("/search/query", Some(search))?["responseData"], json!([]));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
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
