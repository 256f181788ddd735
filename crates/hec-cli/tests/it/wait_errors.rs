//! How a wait's errors read: each printed once on stderr (as it happens, or at the end with
//! `--quiet`), with what to do next.

use hec_fixtures::mock::demo::{TASK_NEVER_ENDS, TASK_UNAVAILABLE};
use hec_fixtures::mock::{MockGateway, TaskScript, TaskStep};

use crate::acts_support::{ACT_ON_ENTITIES, answer, hex_id, script};
use crate::support::{FAST, hec};

/// The stderr lines that report an error, each without the time a progress line starts with.
fn errors(stderr: &str) -> Vec<&str> {
    stderr.lines().filter_map(|line| line.find("error: ").map(|at| &line[at..])).collect()
}

#[test]
fn a_timeout_is_printed_once_with_how_to_wait_longer() {
    for quiet in [false, true] {
        let mut args = vec!["--mock", "task", "wait", TASK_NEVER_ENDS, "--timeout", "200ms"];
        if quiet {
            args.push("-q");
        }
        let run = hec(&args).args(&FAST).run();
        assert_eq!(run.code, 6, "{run:?}");
        let errors = errors(&run.stderr);
        assert_eq!(errors.len(), 1, "quiet {quiet}: {run:?}");
        let prefix = format!("error: task {TASK_NEVER_ENDS}: the task did not finish within ");
        assert!(errors[0].starts_with(&prefix), "{run:?}");
        let next = format!(
            "; it may still finish: wait longer with --timeout, or later with `hec task wait {TASK_NEVER_ENDS}`"
        );
        assert!(errors[0].ends_with(&next), "{run:?}");
    }
}

#[test]
fn an_actions_wait_that_times_out_says_the_same_once() {
    let mock = MockGateway::start();
    script(
        &mock,
        ACT_ON_ENTITIES,
        vec![answer(&format!(r#"[{{"entityId":"{}","taskId":"97"}}]"#, hex_id(1)), None)],
    );
    mock.script_task("97", TaskScript::polls([TaskStep::new("inprogress")]));
    let run = hec(&["entity", "quarantine", &hex_id(1), "--wait", "--timeout", "100ms"])
        .args(&FAST)
        .against(&mock)
        .run();
    assert_eq!(run.code, 6, "{run:?}");
    let errors = errors(&run.stderr);
    assert_eq!(errors.len(), 1, "{run:?}");
    assert!(errors[0].starts_with("error: task 97: the task did not finish within "), "{run:?}");
    assert!(
        errors[0]
            .ends_with("; it may still finish: wait longer with --timeout, or later with `hec task wait 97`"),
        "{run:?}"
    );
}

#[test]
fn an_unreachable_service_is_printed_once_with_how_to_resume() {
    let run = hec(&["--mock", "task", "wait", TASK_UNAVAILABLE, "--timeout", "3s"]).args(&FAST).run();
    assert_eq!(run.code, 5, "{run:?}");
    let errors = errors(&run.stderr);
    assert_eq!(errors.len(), 1, "{run:?}");
    assert!(errors[0].starts_with(&format!("error: task {TASK_UNAVAILABLE}: ")), "{run:?}");
    assert!(
        errors[0].ends_with(&format!(
            "; the task may still be running: re-run `hec task wait {TASK_UNAVAILABLE}`"
        )),
        "{run:?}"
    );
}
