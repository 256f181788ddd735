//! Ctrl-C during a wait: the tasks still running are named with how to resume, and `hec` exits
//! 130.

use std::time::{Duration, Instant};

use hec_fixtures::mock::{MockGateway, TaskScript, TaskStep};

use crate::support::{FAST, TASK_PATH, hec};

/// Waits (at most 10 s) until the mock has answered task `id` `polls` times.
fn polled(mock: &MockGateway, id: &str, polls: usize) {
    let path = format!("{TASK_PATH}{id}");
    let started = Instant::now();
    while mock.requests_to(&path).len() < polls {
        assert!(started.elapsed() < Duration::from_secs(10), "task {id} was not polled {polls} times");
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn ctrl_c_names_the_tasks_still_running_and_exits_130() {
    let mock = MockGateway::start();
    mock.script_task("1", TaskScript::polls([TaskStep::new("completed")]));
    mock.script_task("9", TaskScript::polls([TaskStep::new("inprogress")]));
    let running = hec(&["task", "wait", "1", "9"]).args(&FAST).against(&mock).spawn();
    polled(&mock, "9", 3);
    running.signal("INT");
    let run = running.wait(Duration::from_secs(10));
    assert_eq!(run.code, 130, "{run:?}");
    assert!(
        run.stderr.ends_with("interrupted: 1 task still running: 9\nresume with: hec task wait 9\n"),
        "{run:?}"
    );
    assert_eq!(run.stdout, "", "no final task is printed: {run:?}");
}

#[test]
fn ctrl_c_with_quiet_still_says_what_is_running() {
    let mock = MockGateway::start();
    mock.script_task("9", TaskScript::polls([TaskStep::new("inprogress")]));
    let running = hec(&["task", "wait", "9", "-q"]).args(&FAST).against(&mock).spawn();
    polled(&mock, "9", 2);
    running.signal("INT");
    let run = running.wait(Duration::from_secs(10));
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (130, "interrupted: 1 task still running: 9\nresume with: hec task wait 9\n"),
        "with --quiet the interrupt is still answered: {run:?}"
    );
}
