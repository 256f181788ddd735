//! The demo tenant's task ids that show every exit code of `hec task wait`, as the README's table
//! promises, with `--mock`.

use hec_fixtures::mock::demo;

use crate::support::hec;

/// `hec --mock task wait ID` with a short poll interval (the demo tasks move per poll) and the
/// given timeout: its exit code and the final status line on stdout, if any.
fn wait(id: &str, timeout: &str) -> (i32, Option<String>) {
    let run = hec(&["--mock", "task", "wait", id, "--interval", "10ms", "--timeout", timeout]).run();
    let status =
        run.stdout.lines().find_map(|line| line.trim().strip_prefix("status").map(|s| s.trim().to_owned()));
    (run.code, status)
}

#[test]
fn a_task_that_completes_exits_0() {
    assert_eq!(wait(demo::TASK_COMPLETES, "30s"), (0, Some("completed".to_owned())));
}

#[test]
fn a_task_that_fails_exits_1() {
    assert_eq!(wait(demo::TASK_FAILS, "30s"), (1, Some("failed".to_owned())));
}

#[test]
fn a_task_that_is_stopped_exits_1() {
    assert_eq!(wait(demo::TASK_STOPS, "30s"), (1, Some("stopped".to_owned())));
}

#[test]
fn a_task_that_pauses_then_completes_exits_0() {
    assert_eq!(wait(demo::TASK_PAUSES_THEN_COMPLETES, "30s"), (0, Some("completed".to_owned())));
}

#[test]
fn a_task_that_never_finishes_exits_6_at_its_timeout() {
    assert_eq!(wait(demo::TASK_NEVER_ENDS, "300ms").0, 6);
}

#[test]
fn a_task_answering_429_once_is_retried_and_exits_0() {
    assert_eq!(wait(demo::TASK_RATE_LIMITED_ONCE, "30s"), (0, Some("completed".to_owned())));
}

#[test]
fn a_task_answering_503_every_time_exits_5() {
    assert_eq!(wait(demo::TASK_UNAVAILABLE, "30s").0, 5);
}
