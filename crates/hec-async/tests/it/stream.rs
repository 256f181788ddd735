//! `wait_for_task_stream`: every change as it is seen, the terminal update or the error last.

use std::time::Duration;

use futures_util::StreamExt;
use hec_async::{Client, Error, TaskId, TaskStatus, WaitUpdate};
use hec_fixtures::matrix::test_config;
use hec_fixtures::mock::{Fault, FaultRule, MockGateway, TaskScript, TaskStep};
use hec_proto::ResponseErrorKind;

const ID: &str = "1691529376887109";

fn id() -> TaskId {
    ID.parse().expect("a task id")
}

fn client(mock: &MockGateway, wait_timeout: Duration) -> Client {
    let mut config = test_config(mock);
    config.wait = config.wait.clone().with_timeout(wait_timeout);
    Client::from_config(config).expect("a client")
}

/// Every item of the stream, in order, up to its end.
async fn items(client: &Client) -> Vec<Result<WaitUpdate, Error>> {
    client.wait_for_task_stream(&id()).collect().await
}

fn statuses(items: &[Result<WaitUpdate, Error>]) -> Vec<Option<TaskStatus>> {
    items.iter().filter_map(|item| item.as_ref().ok()).map(|update| update.task.status.clone()).collect()
}

fn task_requests(mock: &MockGateway) -> usize {
    mock.requests_to(hec_proto::endpoint::TASK_PATH).len()
}

#[tokio::test(flavor = "current_thread")]
async fn yields_every_change_then_ends_after_the_terminal_update() {
    let mock = MockGateway::start();
    mock.script_task(
        ID,
        TaskScript::polls([
            TaskStep::new("init"),
            TaskStep::new("inprogress").progress(0).total(2),
            TaskStep::new("inprogress").progress(1).total(2),
            TaskStep::new("inprogress").progress(1).total(2),
            TaskStep::new("completed").progress(2).total(2),
        ]),
    );
    let items = items(&client(&mock, Duration::from_secs(5))).await;
    assert!(items.iter().all(Result::is_ok), "{items:?}");
    assert_eq!(
        statuses(&items),
        [TaskStatus::Init, TaskStatus::InProgress, TaskStatus::InProgress, TaskStatus::Completed].map(Some)
    );
    let polls: Vec<u32> = items.iter().flatten().map(|update| update.polls).collect();
    assert_eq!(polls, [1, 2, 3, 5], "the repeated poll yields nothing");
    assert_eq!(task_requests(&mock), 5);
}

#[tokio::test(flavor = "current_thread")]
async fn a_failed_task_is_the_last_update_not_an_error() {
    let mock = MockGateway::start();
    mock.script_task(ID, TaskScript::polls([TaskStep::new("inprogress"), TaskStep::new("failed")]));
    let items = items(&client(&mock, Duration::from_secs(5))).await;
    assert_eq!(statuses(&items), [Some(TaskStatus::InProgress), Some(TaskStatus::Failed)]);
    assert!(items.iter().all(Result::is_ok), "{items:?}");
}

#[tokio::test(flavor = "current_thread")]
async fn yields_the_wait_timeout_last() {
    let mock = MockGateway::start();
    mock.script_task(ID, TaskScript::polls([TaskStep::new("inprogress").progress(1).total(3)]));
    let mut items = items(&client(&mock, Duration::from_millis(150))).await;
    let last = items.pop().expect("at least one item");
    assert_eq!(statuses(&items), [Some(TaskStatus::InProgress)]);
    assert!(items.iter().all(Result::is_ok), "{items:?}");
    match last {
        Err(Error::WaitTimedOut { last_task: Some(task), elapsed, polls }) => {
            assert_eq!(task.progress, Some(1));
            assert!(elapsed >= Duration::from_millis(150), "{elapsed:?}");
            assert!(polls >= 2, "{polls}");
            // Every request is a successful poll, but for one the deadline may cut short.
            let requests = task_requests(&mock);
            assert!(
                (polls as usize..=polls as usize + 1).contains(&requests),
                "{polls} polls, {requests} requests"
            );
        }
        other => panic!("expected WaitTimedOut last, got {other:?}"),
    }
}

#[tokio::test(flavor = "current_thread")]
async fn a_failed_poll_is_the_last_item() {
    let mock = MockGateway::start();
    mock.script_task(ID, TaskScript::polls([TaskStep::new("inprogress"), TaskStep::new("completed")]));
    mock.fault(
        FaultRule::on_path(hec_proto::endpoint::TASK_PATH)
            .nth(2)
            .then(Fault::status(404).json(r#"{"message": "gone"}"#)),
    );
    let items = items(&client(&mock, Duration::from_secs(5))).await;
    assert_eq!(items.len(), 2, "{items:?}");
    assert_eq!(statuses(&items), [Some(TaskStatus::InProgress)]);
    let error = items[1].as_ref().expect_err("the 404 last");
    assert_eq!(error.response_error().map(hec_proto::ResponseError::kind), Some(ResponseErrorKind::NotFound));
}

#[tokio::test(flavor = "current_thread")]
async fn sends_nothing_until_polled_and_stops_when_dropped() {
    let mock = MockGateway::start();
    mock.script_task(ID, TaskScript::polls([TaskStep::new("inprogress")]));
    let client = client(&mock, Duration::from_secs(5));
    let mut stream = client.wait_for_task_stream(&id());
    tokio::time::sleep(Duration::from_millis(20)).await;
    assert_eq!(mock.requests().len(), 0);
    let first = stream.next().await.expect("an item").expect("an update");
    assert_eq!(first.task.status, Some(TaskStatus::InProgress));
    drop(stream);
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert_eq!(task_requests(&mock), 1);
}
