//! `-o ids` on the commands that are not about mail or events: the task id of `task get` and
//! `task wait`, the region codes of `regions`.

use hec_fixtures::mock::{MockGateway, TaskScript, TaskStep};

use crate::support::hec;

#[test]
fn task_get_and_task_wait_print_the_task_ids() {
    let mock = MockGateway::start();
    mock.script_task("41", TaskScript::polls([TaskStep::new("completed")]));
    mock.script_task("42", TaskScript::polls([TaskStep::new("failed")]));
    let run = hec(&["task", "get", "41", "-o", "ids"]).against(&mock).run();
    assert_eq!((run.code, run.stdout.as_str()), (0, "41\n"), "{run:?}");
    let run = hec(&["task", "wait", "41", "42", "-o", "ids", "--interval", "10ms"]).against(&mock).run();
    assert_eq!((run.code, run.stdout.as_str()), (1, "41\n42\n"), "{run:?}");
}

#[test]
fn regions_prints_the_region_codes() {
    let run = hec(&["regions", "-o", "ids"]).run();
    assert_eq!((run.code, run.stdout.as_str()), (0, "us\neu\nca\nau\nuk\nuae\nin\n"), "{run:?}");
}
