//! `hec task wait --timeout`: a gateway that never answers cannot stretch the wait past its
//! timeout, and the wait says it timed out (exit 6).

use std::time::{Duration, Instant};

use hec_fixtures::mock::{Fault, FaultRule, MockGateway, TaskScript, TaskStep};

use crate::support::{TASK_PATH, hec};

#[test]
fn a_wait_against_a_gateway_that_holds_its_answer_ends_at_its_timeout_with_exit_6() {
    let mock = MockGateway::start();
    mock.script_task("42", TaskScript::polls([TaskStep::new("completed")]));
    mock.fault(FaultRule::on_path(TASK_PATH).always().then(Fault::DelayHeaders(Duration::from_secs(5))));
    let started = Instant::now();
    let run = hec(&["task", "wait", "42", "--timeout", "300ms", "-o", "json"]).against(&mock).run();
    let elapsed = started.elapsed();
    assert_eq!(run.code, 6, "{run:?}");
    let error = &run.json_lines()[0]["error"];
    assert_eq!(error["kind"], "wait_timeout");
    assert_eq!(error["taskId"], "42");
    assert!(run.stderr.contains("error: task 42: the task did not finish within"), "{run:?}");
    assert!(elapsed < Duration::from_secs(3), "hec took {elapsed:?} against a 5 s hold");
    assert_eq!(mock.requests_to(TASK_PATH).len(), 1);
}
