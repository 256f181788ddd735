//! The whole flow against the mock's demo tenant: search the phishing campaign, quarantine what
//! is not quarantined yet, wait for the task, and see every message quarantined in a second
//! search. Re-exported from [`super::scenarios`].

use std::time::{Duration, SystemTime};

use hec_proto::endpoint::TASK_PATH;
use hec_proto::{ActionResponse, EntityAction, EntityId, EntityQuery, TaskId, TaskStatus};

use super::actions::ACTION_PATH as ACTION;
use super::canned::SEARCH;
use super::{Driver, Harness};
use crate::mock::{MockGateway, demo};

/// Mail from the campaign's sender, received in the last 7 days.
fn campaign() -> EntityQuery {
    let week_ago = SystemTime::now() - Duration::from_secs(7 * 24 * 3600);
    EntityQuery::new(demo::CAMPAIGN_SAAS, week_ago).from_is(demo::CAMPAIGN_SENDER)
}

/// Every entity the campaign search finds, in order: its id and whether it is quarantined.
fn search<D: Driver>(h: &mut Harness<D>, client: &D) -> Vec<(String, Option<bool>)> {
    client
        .search_entities(campaign())
        .map(|entity| {
            let entity = entity.unwrap_or_else(|e| panic!("the search failed: {}", h.seen(e)));
            (entity.entity_id.map(|id| id.to_string()).unwrap_or_default(), entity.is_quarantined)
        })
        .collect()
}

/// The campaign's ids, each with the quarantine flag `quarantined` says it has.
fn campaign_with(quarantined: impl Fn(&str) -> bool) -> Vec<(String, Option<bool>)> {
    demo::CAMPAIGN_ENTITY_IDS.iter().map(|id| ((*id).to_owned(), Some(quarantined(id)))).collect()
}

/// Search, quarantine the four unquarantined messages (one request, one task), wait for the task
/// through its three states, and search again: every message is quarantined, with one token.
pub fn search_quarantine_wait_and_search_again_on_the_demo_tenant<D: Driver>(h: &mut Harness<D>) {
    h.replace_mock(MockGateway::demo());
    let client = h.client();

    // 1. The campaign: 6 messages, 2 of them quarantined; pages of 4, so two search requests.
    let found = search(h, &client);
    check_eq!(found, campaign_with(|id| demo::QUARANTINED_CAMPAIGN_ENTITY_IDS.contains(&id)));
    check_eq!(h.mock.requests_to(SEARCH).len(), 2);

    // 2. Quarantine the 4 that are not: one request, one task for all of them.
    let targets: Vec<EntityId> = found
        .iter()
        .filter(|(_, quarantined)| *quarantined == Some(false))
        .map(|(id, _)| id.parse().expect("an entity id"))
        .collect();
    let answers: Vec<ActionResponse> = client
        .act_on_entities(EntityAction::Quarantine, demo::CAMPAIGN_SAAS, &targets)
        .unwrap_or_else(|e| panic!("the action failed: {}", h.seen(e)));
    check_eq!(answers.len(), 1);
    let task_id: TaskId = demo::FIRST_ACTION_TASK_ID.parse().expect("a task id");
    check_eq!(task_id.as_str(), "1767225600001000");
    check_eq!(answers[0].task_ids(), std::slice::from_ref(&task_id));
    let pairs: Vec<(Option<&str>, &str)> = answers[0]
        .tasks
        .iter()
        .map(|task| (task.entity_id.as_ref().map(EntityId::as_str), task.task_id.as_str()))
        .collect();
    let expected: Vec<(Option<&str>, &str)> =
        demo::CAMPAIGN_ENTITY_IDS[..4].iter().map(|id| (Some(*id), "1767225600001000")).collect();
    check_eq!(pairs, expected);
    check_eq!(h.mock.requests_to(ACTION).len(), 1);

    // 3. Wait: init, 2 of 4 done, completed; one poll each.
    let mut updates = Vec::new();
    let task = client
        .wait_for_task(&task_id, &mut |update| {
            updates.push((update.task.status.clone(), update.task.progress))
        })
        .unwrap_or_else(|e| panic!("the wait failed: {}", h.seen(e)));
    check_eq!(task.status, Some(TaskStatus::Completed));
    check_eq!((task.progress, task.total, task.succeed, task.failed), (Some(4), Some(4), Some(4), Some(0)));
    check_eq!(
        updates,
        [
            (Some(TaskStatus::Init), Some(0)),
            (Some(TaskStatus::InProgress), Some(2)),
            (Some(TaskStatus::Completed), Some(4)),
        ]
    );
    check_eq!(h.mock.requests_to(TASK_PATH).len(), 3);

    // 4. The same search: all 6 quarantined now.
    check_eq!(search(h, &client), campaign_with(|_| true));
    check_eq!(h.mock.requests_to(SEARCH).len(), 4);
    check_eq!(h.mock.tokens_issued(), 1);
}
