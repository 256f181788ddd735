//! What only the async client's own streams show: they are `Send` and `Unpin`, and the action
//! stream sends a batch only when it is polled. Everything else about scopes, searches, reads and
//! actions is checked once for both drivers by hec-fixtures' matrix (`matrix.rs`).

use std::time::{Duration, SystemTime};

use futures_util::StreamExt;
use hec_async::{Client, EntityAction, EntityQuery, EventAction, EventQuery};
use hec_fixtures::matrix::actions::{ACTION_PATH, ONE_TASK_ANSWER, entity_ids};
use hec_fixtures::matrix::test_config;
use hec_fixtures::mock::{Fault, FaultRule, MockGateway};

fn client(mock: &MockGateway) -> Client {
    Client::from_config(test_config(mock)).expect("a client")
}

#[tokio::test(flavor = "current_thread")]
async fn action_batches_are_sent_only_when_polled() {
    let mock = MockGateway::start();
    mock.fault(FaultRule::on_path(ACTION_PATH).always().then(Fault::status(200).json(ONE_TASK_ANSWER)));
    let mut batches =
        client(&mock).act_on_entities(EntityAction::Quarantine, "office365_emails", &entity_ids(250));
    assert!(mock.requests_to(ACTION_PATH).is_empty(), "nothing is sent before the first poll");
    assert!(batches.next().await.is_some_and(|answer| answer.is_ok()));
    assert_eq!(mock.requests_to(ACTION_PATH).len(), 1, "one batch per poll");
    let rest: Vec<_> = batches.collect().await;
    assert_eq!(rest.iter().filter(|answer| answer.is_ok()).count(), 2);
    assert_eq!(mock.requests_to(ACTION_PATH).len(), 3);
}

#[test]
fn the_streams_are_send_and_unpin() {
    fn send_unpin<T: Send + Unpin>(_: &T) {}
    let mock = MockGateway::start();
    let client = client(&mock);
    let query =
        EntityQuery::new("office365_emails", SystemTime::UNIX_EPOCH + Duration::from_secs(1_767_225_600));
    send_unpin(&client.search_entities(query));
    send_unpin(&client.search_events(EventQuery::new(SystemTime::UNIX_EPOCH)));
    send_unpin(&client.act_on_entities(EntityAction::Quarantine, "office365_emails", &entity_ids(1)));
    send_unpin(&client.act_on_events(EventAction::Dismiss, &[]));
}
