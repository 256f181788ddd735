//! `hec task wait`: progress lines on a pipe, the final task, several tasks at once (ids from the
//! arguments or stdin), and the exit code of each way waiting ends.

use std::time::Duration;

use hec_fixtures::mock::{Fault, FaultRule, MockGateway, TaskScript, TaskStep};

use crate::support::{FAST, TASK_PATH, hec};

#[test]
fn wait_prints_one_line_per_change_on_a_pipe_then_the_task() {
    let mock = MockGateway::start();
    mock.script_task(
        "42",
        TaskScript::polls([
            TaskStep::new("init").total(2),
            TaskStep::new("inprogress").progress(1).total(2),
            TaskStep::new("inprogress").progress(1).total(2),
            TaskStep::new("paused").progress(1).total(2),
            TaskStep::new("inprogress").progress(1).total(2),
            TaskStep::new("completed").progress(2).total(2).succeed(2),
        ]),
    );
    let run = hec(&["task", "wait", "42"]).args(&FAST).against(&mock).run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        run.progress_lines(),
        [
            "task 42: init 0/2",
            "task 42: inprogress 1/2",
            "task 42: paused 1/2",
            "task 42: inprogress 1/2",
            "task 42: completed 2/2",
        ]
    );
    assert!(
        run.stdout.starts_with("task 42  Office365 Emails Manual Action\n  status     completed\n"),
        "{run:?}"
    );
    assert!(run.stdout.contains("  progress   2 of 2\n  succeeded  2\n  failed     0\n"), "{run:?}");
    assert_eq!(mock.requests_to(TASK_PATH).len(), 6);
    assert_eq!(mock.tokens_issued(), 1);
}

#[test]
fn a_task_that_ends_failed_or_stopped_exits_1() {
    for status in ["failed", "stopped"] {
        let mock = MockGateway::start();
        mock.script_task("9", TaskScript::polls([TaskStep::new("inprogress"), TaskStep::new(status)]));
        let run = hec(&["task", "wait", "9"]).args(&FAST).against(&mock).run();
        assert_eq!(run.code, 1, "{status}: {run:?}");
        assert_eq!(
            run.progress_lines(),
            ["task 9: inprogress 0/1", &format!("task 9: {status} {}/1", u8::from(status == "failed"))]
        );
    }
}

#[test]
fn waiting_past_the_timeout_exits_6() {
    let mock = MockGateway::start();
    mock.script_task("9", TaskScript::polls([TaskStep::new("inprogress")]));
    // The mock holds the second poll past the timeout: the wait polls at once, again after the
    // interval, and ends at its deadline with that poll cut short. (The first poll, the token
    // included, is answered well within the second.)
    mock.fault(
        FaultRule::on_path(format!("{TASK_PATH}9"))
            .nth(2)
            .always()
            .then(Fault::DelayHeaders(Duration::from_secs(10))),
    );
    let run = hec(&["task", "wait", "9", "--timeout", "1s", "-o", "json"]).args(&FAST).against(&mock).run();
    assert_eq!(run.code, 6, "{run:?}");
    let error = &run.json_lines()[0]["error"];
    assert_eq!(error["kind"], "wait_timeout");
    assert_eq!(error["taskId"], "9");
    assert!(run.stderr.contains("task 9: the task did not finish within "), "{run:?}");
    assert!(run.stderr.contains(" (2 polls; last status: inprogress)"), "{run:?}");
    assert_eq!(mock.requests_to(TASK_PATH).len(), 2);
}

/// Task 1 completes at its second poll, task 2 fails at its third, task 3 completes at once.
fn three_tasks(mock: &MockGateway) {
    mock.script_task("1", TaskScript::polls([TaskStep::new("init"), TaskStep::new("completed")]));
    mock.script_task(
        "2",
        TaskScript::polls([
            TaskStep::new("inprogress"),
            TaskStep::new("inprogress"),
            TaskStep::new("failed"),
        ]),
    );
    mock.script_task("3", TaskScript::polls([TaskStep::new("completed")]));
}

/// The tasks each request polled, in the order the mock received them.
fn polled(mock: &MockGateway) -> Vec<String> {
    mock.requests_to(TASK_PATH)
        .into_iter()
        .map(|request| request.path.trim_start_matches(TASK_PATH).to_owned())
        .collect()
}

#[test]
fn several_tasks_are_waited_for_together_and_the_largest_code_wins() {
    let mock = MockGateway::start();
    three_tasks(&mock);
    let run = hec(&["task", "wait", "1", "2", "3", "-o", "json"]).args(&FAST).against(&mock).run();
    assert_eq!(run.code, 1, "{run:?}");
    let tasks = run.json_lines();
    let statuses: Vec<(u64, &str)> = tasks
        .iter()
        .map(|task| (task["id"].as_u64().unwrap_or(0), task["status"].as_str().unwrap_or("?")))
        .collect();
    assert_eq!(statuses, [(1, "completed"), (2, "failed"), (3, "completed")]);
    // The first poll alone (it brings the token), then the others, on several connections at
    // once (see tasks_are_polled_concurrently_up_to_max_in_flight): the order they arrive in is
    // the machine's, how many each task took is not.
    let order = polled(&mock);
    assert_eq!(order[0], "1", "{order:?}");
    let count = |id: &str| order.iter().filter(|task| *task == id).count();
    assert_eq!((count("1"), count("2"), count("3"), order.len()), (2, 3, 1, 6), "{order:?}");
    assert_eq!(mock.tokens_issued(), 1);

    // One request at a time, the order is the wait's own, whatever the timing: each task's first
    // poll before any task's second, then each poll when it is due (task 1's first).
    let mock = MockGateway::start();
    three_tasks(&mock);
    let run = hec(&["task", "wait", "1", "2", "3", "-o", "json", "--max-in-flight", "1"])
        .args(&FAST)
        .against(&mock)
        .run();
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(run.json_lines().len(), 3, "{run:?}");
    assert_eq!(polled(&mock), ["1", "2", "3", "1", "2", "2"]);
}

#[test]
fn an_error_on_one_task_does_not_stop_the_others_and_raises_the_code() {
    let mock = MockGateway::start();
    mock.script_task("1", TaskScript::polls([TaskStep::new("inprogress"), TaskStep::new("completed")]));
    mock.script_task("2", TaskScript::polls([TaskStep::new("failed")]));
    let run = hec(&["task", "wait", "1", "unknown", "2", "-o", "json"]).args(&FAST).against(&mock).run();
    assert_eq!(run.code, 4, "{run:?}");
    let lines = run.json_lines();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["status"], "completed");
    assert_eq!(lines[1]["error"]["kind"], "task_not_found");
    assert_eq!(lines[1]["error"]["taskId"], "unknown");
    assert_eq!(lines[2]["status"], "failed");
}

#[test]
fn refused_credentials_end_every_task_after_one_try_and_exit_3() {
    let mock = MockGateway::start();
    let run = hec(&["task", "wait", "1", "2", "3", "-o", "json", "--base-url", &mock.base_url()])
        .args(&FAST)
        .env("HEC_CLIENT_ID", mock.client_id())
        .access_key("wrong-access-key-4711")
        .run();
    assert_eq!(run.code, 3, "{run:?}");
    let lines = run.json_lines();
    let kinds: Vec<(&str, &str)> = lines
        .iter()
        .map(|line| {
            (line["error"]["taskId"].as_str().unwrap_or("?"), line["error"]["kind"].as_str().unwrap_or("?"))
        })
        .collect();
    assert_eq!(kinds, [("1", "bad_credentials"), ("2", "bad_credentials"), ("3", "bad_credentials")]);
    assert_eq!(mock.requests().len(), 1, "one refused token request, then nothing");
}

#[test]
fn a_dash_reads_task_ids_from_stdin() {
    let mock = MockGateway::start();
    for id in ["11", "12", "13"] {
        mock.script_task(id, TaskScript::polls([TaskStep::new("completed")]));
    }
    let run =
        hec(&["task", "wait", "-", "-o", "json"]).args(&FAST).stdin("11\n12\n\n13\n").against(&mock).run();
    assert_eq!(run.code, 0, "{run:?}");
    let ids: Vec<u64> = run.json_lines().iter().filter_map(|task| task["id"].as_u64()).collect();
    assert_eq!(ids, [11, 12, 13], "the results come in the order given");
    // The changes come in the order they happened: 11 first (its poll went alone), then 12 and
    // 13, polled at once, in whichever order they answered.
    let mut lines = run.progress_lines();
    lines[1..].sort_unstable();
    assert_eq!(lines, ["task 11: completed 1/1", "task 12: completed 1/1", "task 13: completed 1/1"]);
}

#[test]
fn text_output_of_several_tasks_shows_each_as_get_does() {
    let mock = MockGateway::start();
    mock.script_task("1", TaskScript::polls([TaskStep::new("completed")]));
    mock.script_task("2", TaskScript::polls([TaskStep::new("completed")]));
    let run = hec(&["task", "wait", "1", "2"]).args(&FAST).against(&mock).run();
    assert_eq!(run.code, 0, "{run:?}");
    let headers: Vec<&str> = run.stdout.lines().filter(|line| line.starts_with("task ")).collect();
    assert_eq!(headers, ["task 1  Office365 Emails Manual Action", "task 2  Office365 Emails Manual Action"]);
}

#[test]
fn mock_mode_waits_for_the_demo_task() {
    // The demo task takes 3.5 s to complete: stop early, at its first state.
    let id = hec_fixtures::mock::DEMO_TASK_ID;
    let run = hec(&["--mock", "task", "wait", id, "--timeout", "200ms"]).args(&FAST).run();
    assert_eq!(run.code, 6, "{run:?}");
    assert_eq!(run.progress_lines()[0], format!("task {id}: init 0/3"));
    assert!(run.stderr.contains("last status: init"), "{run:?}");
}

#[test]
fn tasks_are_polled_concurrently_up_to_max_in_flight() {
    for (limit, expected) in [(None, 5), (Some("2"), 2)] {
        let mock = MockGateway::start();
        let ids: Vec<String> = (21..27).map(|n| n.to_string()).collect();
        for id in &ids {
            mock.script_task(id, TaskScript::polls([TaskStep::new("completed")]));
        }
        mock.fault(
            FaultRule::on_path(TASK_PATH).always().then(Fault::DelayHeaders(Duration::from_millis(100))),
        );
        let mut args = vec!["task", "wait", "-o", "json"];
        args.extend(ids.iter().map(String::as_str));
        if let Some(limit) = limit {
            args.extend(["--max-in-flight", limit]);
        }
        let run = hec(&args).args(&FAST).against(&mock).run();
        assert_eq!(run.code, 0, "{run:?}");
        assert_eq!(run.json_lines().len(), 6);
        // The first poll alone, then the other five: all at once by default, two at a time with
        // --max-in-flight 2.
        assert_eq!(mock.max_concurrent_requests(), expected, "--max-in-flight {limit:?}");
        assert_eq!(mock.requests_to(TASK_PATH).len(), 6);
    }
}

#[test]
fn max_in_flight_must_be_at_least_one() {
    let mock = MockGateway::start();
    let run = hec(&["task", "wait", "1", "--max-in-flight", "0"]).args(&FAST).against(&mock).run();
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("--max-in-flight"), "{run:?}");
    assert!(mock.requests().is_empty());
}
