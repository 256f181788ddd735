//! The async client keeps its connection alive across calls.

use hec_async::Client;
use hec_fixtures::matrix::test_config;
use hec_fixtures::mock::{MockGateway, TaskScript, TaskStep};

#[tokio::test(flavor = "current_thread")]
async fn one_connection_serves_every_sequential_call() {
    let mock = MockGateway::start();
    mock.script_task("7", TaskScript::polls([TaskStep::new("completed")]));
    let client = Client::from_config(test_config(&mock)).expect("a client");
    for _ in 0..20 {
        client.get_task(&"7".parse().expect("a valid id")).await.expect("the task");
    }
    assert_eq!(mock.requests().len(), 21);
    assert_eq!(mock.connections_accepted(), 1);
}
