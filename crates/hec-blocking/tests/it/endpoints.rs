//! What only the blocking client's own iterators show: `ActionBatches` sends a batch when its
//! answer is read and names the batches it has not sent (`unsent`), and `Search` counts the pages
//! it read (`pages`). Everything else about scopes, searches, reads and actions is checked once
//! for both drivers by hec-fixtures' matrix (`matrix.rs`).

use std::time::{Duration, SystemTime};

use hec_blocking::{Client, EntityAction, EntityQuery, Error};
use hec_fixtures::matrix::actions::{ACTION_PATH, ONE_TASK_ANSWER, entity_ids};
use hec_fixtures::matrix::test_config;
use hec_fixtures::mock::{Fault, FaultRule, MockGateway, demo};

fn client(mock: &MockGateway) -> Client {
    Client::from_config(test_config(mock)).expect("a client")
}

#[test]
fn action_batches_are_sent_as_they_are_read_and_unsent_counts_the_rest() {
    let mock = MockGateway::start();
    mock.fault(FaultRule::on_path(ACTION_PATH).always().then(Fault::status(200).json(ONE_TASK_ANSWER)));
    let ids = entity_ids(250);
    let mut batches = client(&mock).act_on_entities(EntityAction::Quarantine, "office365_emails", &ids);
    assert!(mock.requests_to(ACTION_PATH).is_empty(), "nothing is sent before the first answer is read");
    assert_eq!(batches.unsent().len(), 3);
    assert!(batches.next().is_some_and(|answer| answer.is_ok()));
    assert_eq!((mock.requests_to(ACTION_PATH).len(), batches.unsent().len()), (1, 2), "one batch per read");
    let rest: Vec<_> = batches.by_ref().collect::<Result<_, Error>>().expect("two more answers");
    assert_eq!(rest.len(), 2);
    assert!(batches.unsent().next().is_none());
    assert_eq!(mock.requests_to(ACTION_PATH).len(), 3);
}

#[test]
fn a_failed_batch_is_the_last_answer_and_leaves_the_later_batches_unsent() {
    let mock = MockGateway::start();
    mock.fault(FaultRule::on_path(ACTION_PATH).always().then(Fault::status(503).html("<h1>busy</h1>")));
    let mut batches =
        client(&mock).act_on_entities(EntityAction::Quarantine, "office365_emails", &entity_ids(150));
    let first = batches.next().expect("one answer");
    assert!(matches!(first, Err(Error::ActionOutcomeUnknown { .. })), "{first:?}");
    assert!(batches.next().is_none(), "later batches are not sent");
    assert_eq!(batches.unsent().len(), 1);
    assert_eq!(mock.requests_to(ACTION_PATH).len(), 1);
}

#[test]
fn a_search_counts_the_pages_it_has_read() {
    let mock = MockGateway::start();
    let week_ago = SystemTime::now() - Duration::from_secs(7 * 24 * 3600);
    let query = EntityQuery::new(demo::CAMPAIGN_SAAS, week_ago).from_is(demo::CAMPAIGN_SENDER);
    let mut search = client(&mock).search_entities(query);
    assert_eq!(search.pages(), 0);
    // The demo tenant answers in pages of 4: the campaign's six messages are two pages.
    let found = search.by_ref().map(|entity| entity.map(|e| e.entity_id)).collect::<Result<Vec<_>, _>>();
    assert_eq!(found.map(|ids| ids.len()), Ok(demo::CAMPAIGN_ENTITY_IDS.len()));
    assert_eq!(search.pages(), 2);
    assert_eq!(mock.requests_to("/app/hec-api/v1.0/search/query").len(), 2);
}
